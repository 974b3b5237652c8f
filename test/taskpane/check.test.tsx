/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { MemoryStore } from "../../src/taskpane/state/storage";
import { saveProfile } from "../../src/taskpane/state/profile";
import { readExplanations } from "../../src/core/workflow/explanations";
import { rangeAddress } from "../../src/core/workbook/address";

const SHEET = "1-1 学校概况";

async function preparedWorkbook() {
  const s = defaultServices();
  const workbook = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(workbook.port, s.getCatalog("undergraduate"), ["1-1"], { statYear: 2024 });
  await workbook.fake.user.type(SHEET, "B5", " 兰州工业学院 ");
  await workbook.fake.user.activate(SHEET);
  return workbook;
}

/** Opens the pane on 校验, filters to the one warning and submits `text` as its explanation. */
async function explainTheWarning(workbook: Awaited<ReturnType<typeof preparedWorkbook>>, store: MemoryStore, text: string) {
  renderPane({ initialPage: "check", workbook, store });
  await waitFor(() => expect(screen.getByTestId("check-sheet-counts").textContent).toMatch(/1 个警告$/));
  fireEvent.change(screen.getByTestId("check-severity"), { target: { value: "warning" } });
  const warning = findings()[0];
  fireEvent.click(within(warning).getByTestId("check-explain"));
  fireEvent.change(within(warning).getByTestId("check-explanation-text"), { target: { value: text } });
  fireEvent.click(within(warning).getByTestId("check-explanation-save"));
  return warning;
}

const findings = () => within(screen.getByTestId("check-findings")).queryAllByTestId("check-finding");

describe("校验 page", () => {
  it("says there is nothing to check before templates are loaded", async () => {
    renderPane({ initialPage: "check" });
    expect((await screen.findByTestId("check-no-tables")).textContent).toBe("工作簿中还没有数据表，请先在「模板」页载入模板。");
  });

  it("lists this sheet's findings with counts, filters them, re-checks live and jumps to a cell", async () => {
    const workbook = await preparedWorkbook();
    renderPane({ initialPage: "check", workbook });
    await waitFor(() => expect(screen.getByTestId("check-sheet-counts").textContent).toMatch(/^本表：\d+ 个错误，1 个警告$/));
    const before = findings().length;
    expect(before).toBeGreaterThan(5);
    const codeFinding = findings().find((li) => li.getAttribute("data-cell") === `${SHEET}!B6`)!;
    expect(codeFinding.textContent).toContain("表1-1 学校概况 第6行【代码】不能为空");

    fireEvent.change(screen.getByTestId("check-severity"), { target: { value: "warning" } });
    expect(findings()).toHaveLength(1);
    expect(findings()[0].textContent).toContain("前后有空格");
    fireEvent.change(screen.getByTestId("check-severity"), { target: { value: "all" } });

    // The clerk fixes 代码 in Excel: the finding goes away without pressing anything.
    await workbook.fake.user.type(SHEET, "B6", "10001");
    await waitFor(() => expect(findings().some((li) => li.getAttribute("data-cell") === `${SHEET}!B6`)).toBe(false));
    expect(findings()).toHaveLength(before - 1);

    // From another sheet, the workbook scope still lists it; clicking selects the cell in its sheet.
    await workbook.fake.user.activate("Sheet1");
    await waitFor(() => expect(screen.getByTestId("check-sheet-counts").textContent).toBe("本表：0 个错误，0 个警告"));
    fireEvent.change(screen.getByTestId("check-scope"), { target: { value: "workbook" } });
    const b7 = findings().find((li) => li.getAttribute("data-cell") === `${SHEET}!B7`)!;
    fireEvent.click(within(b7).getByTestId("check-goto"));
    await waitFor(() => expect(workbook.fake.snapshot().activeSheet).toBe(SHEET));
    expect(rangeAddress(workbook.fake.sheet(SHEET).selection)).toBe("B7");
  });

  it("refuses an explanation without a declared profile, writing nothing", async () => {
    const workbook = await preparedWorkbook();
    const warning = await explainTheWarning(workbook, new MemoryStore(), "学校全称前后的空格按平台要求保留");
    // No profile yet: refused with a Chinese reason, nothing written.
    expect(await within(warning).findByText("填写异常数据说明前，请先在「设置」页填写姓名。")).toBeTruthy();
    expect((await readExplanations(workbook.port)).items).toHaveLength(0);
  });

  it("saves the explanation once the profile exists and shows it on the warning", async () => {
    const workbook = await preparedWorkbook();
    const store = new MemoryStore();
    saveProfile(store, { name: "王芳", department: "发展规划处", role: "clerk" });
    await explainTheWarning(workbook, store, "学校全称按章程书写");
    const shown = await screen.findByTestId("check-explained");
    expect(shown.textContent).toBe("已说明：学校全称按章程书写（王芳）");
    const stored = (await readExplanations(workbook.port)).items;
    expect(stored).toHaveLength(1);
    expect(stored[0].explanation).toMatchObject({ tableId: "1-1", rowKey: "5", rule: "column.spaces", person: "王芳", text: "学校全称按章程书写" });
  });
});
