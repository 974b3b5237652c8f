/** @jest-environment jsdom */
import "./jsdomGlobals";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import type { PaneServices } from "../../src/taskpane/state/services";

const real = defaultServices();

function spyLoader(wrap?: (port: Parameters<PaneServices["loadTemplates"]>[0]) => void) {
  return jest.fn<ReturnType<PaneServices["loadTemplates"]>, Parameters<PaneServices["loadTemplates"]>>((port, catalog, ids, options, onProgress) => {
    wrap?.(port);
    return real.loadTemplates(port, catalog, ids, options, onProgress);
  });
}

const check = (id: string) => fireEvent.click(screen.getByTestId(`template-table-${id}`));
const load = () => fireEvent.click(screen.getByTestId("template-load"));

describe("模板 page", () => {
  it("loads the chosen tables through the loader, shows progress, the result, and the new sheets", async () => {
    let release: () => void = () => undefined;
    let applies = 0;
    const loadTemplates = spyLoader((port) => {
      // Hold the second batch so the progress of the first one is visible.
      const apply = port.apply.bind(port);
      port.apply = async (ops) => {
        applies++;
        if (applies === 2) await new Promise<void>((r) => (release = r));
        return apply(ops);
      };
    });
    const { fake } = renderPane({
      services: {
        loadTemplates: (port, catalog, ids, options, onProgress) =>
          loadTemplates(port, catalog, ids, { ...options, tablesPerBatch: 1 }, onProgress),
      },
    });

    // By category: 1 学校基本信息 lists 1-1 … 1-8 and nothing of category 3.
    fireEvent.change(screen.getByTestId("template-filter-mode"), { target: { value: "category" } });
    expect((screen.getByTestId("template-filter-value") as HTMLSelectElement).value).toBe("1 学校基本信息");
    expect(screen.getByTestId("template-table-1-1")).toBeTruthy();
    expect(screen.queryByTestId("template-table-3-1")).toBeNull();
    check("1-1");
    // Search keeps the selection and finds by name.
    fireEvent.change(screen.getByTestId("template-filter-mode"), { target: { value: "search" } });
    fireEvent.change(screen.getByTestId("template-search"), { target: { value: "教职工基本信息" } });
    expect(screen.queryByTestId("template-table-1-1")).toBeNull();
    check("1-5-1");
    expect(screen.getByTestId("template-selected-count").textContent).toMatch(/^已选 2 \/ \d+ 张表$/);

    fireEvent.change(screen.getByTestId("template-year"), { target: { value: " ２０２４ " } });
    load();

    await waitFor(() => expect(loadTemplates).toHaveBeenCalledTimes(1));
    const [, catalog, ids, options] = loadTemplates.mock.calls[0];
    expect(catalog.platform).toBe("undergraduate");
    expect(ids).toEqual(["1-1", "1-5-1"]);
    expect(options.statYear).toBe(2024);

    const progress = await screen.findByTestId("template-progress");
    await waitFor(() => expect(progress.textContent).toBe("正在载入 1 / 2：1-1 学校概况"));
    expect((screen.getByTestId("template-load") as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());

    const added = await screen.findByTestId("template-result-added");
    expect(screen.queryByTestId("template-progress")).toBeNull();
    expect(within(added).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "已新增：表1-1 学校概况 → 工作表「1-1 学校概况」",
      "已新增：表1-5-1 教职工基本信息 → 工作表「1-5-1 教职工基本信息」",
    ]);
    expect(screen.getByTestId("template-result-summary").textContent).toBe("载入完成 · 新增 2 张表 · 已存在 0 张表（未改动）");
    // The workbook really has the sheets, with the title and header rows.
    expect(fake.values("1-5-1 教职工基本信息", "A1")[0][0]).toContain("教职工基本信息");
    expect(fake.values("1-5-1 教职工基本信息", "A4:B4")[0]).toEqual(["工号", "姓名"]);
  });

  it("loading again keeps typed data and reports the table as already present; renamed headers are reported", async () => {
    const loadTemplates = spyLoader();
    const { fake } = renderPane({ services: { loadTemplates } });
    fireEvent.change(screen.getByTestId("template-filter-mode"), { target: { value: "search" } });
    fireEvent.change(screen.getByTestId("template-search"), { target: { value: "1-5-1" } });
    check("1-5-1");
    fireEvent.change(screen.getByTestId("template-year"), { target: { value: "2024" } });
    load();
    await screen.findByTestId("template-result-added");
    const sheet = "1-5-1 教职工基本信息";
    await fake.user.type(sheet, "A5", "0315");
    await fake.user.type(sheet, "B4", "名字"); // a clerk renamed the 姓名 header

    load();
    await waitFor(() => expect(loadTemplates).toHaveBeenCalledTimes(2));
    const present = await screen.findByTestId("template-result-present");
    expect(present.textContent).toBe(`已存在：表1-5-1 教职工基本信息（工作表「${sheet}」）`);
    const differs = screen.getByTestId("template-result-differs");
    expect(differs.textContent).toContain(`表头不一致：表1-5-1 教职工基本信息（工作表「${sheet}」）`);
    expect(differs.textContent).toContain("姓名");
    expect(fake.values(sheet, "A5")[0][0]).toBe("0315");
    expect(fake.values(sheet, "B4")[0][0]).toBe("名字");
  });

  it("does not call the loader without a table or with a bad year, and says why in Chinese", () => {
    const loadTemplates = spyLoader();
    renderPane({ services: { loadTemplates } });
    load();
    expect(screen.getByTestId("template-nothing-selected").textContent).toBe("请至少选择一张数据表");
    check("1-1");
    for (const bad of ["20x6", "1999", "2101", ""]) {
      fireEvent.change(screen.getByTestId("template-year"), { target: { value: bad } });
      expect(screen.getByText("统计年度必须是 2000 到 2100 之间的整数")).toBeTruthy();
      load();
    }
    expect(loadTemplates).not.toHaveBeenCalled();
  });

  it("offers the workbook's year, and shows the loader's Chinese refusal of another year, changing nothing", async () => {
    const workbook = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    await real.loadTemplates(workbook.port, real.getCatalog("undergraduate"), ["1-1"], { statYear: 2024 });
    const { fake } = renderPane({ workbook });
    // Visible sheets: live checking may add its own very hidden marks sheet meanwhile.
    const visibleSheets = () => fake.snapshot().sheets.filter((s) => s.visibility !== "VeryHidden").map((s) => s.name);
    const sheetsBefore = visibleSheets();
    check("1-2");
    // The page offers the workbook's year; a clerk overrides it.
    await waitFor(() => expect((screen.getByTestId("template-year") as HTMLInputElement).value).toBe("2024"));
    fireEvent.change(screen.getByTestId("template-year"), { target: { value: "2025" } });
    load();
    const failed = await screen.findByTestId("template-failed");
    expect(failed.textContent).toContain("本工作簿的统计年度是 2024");
    expect(visibleSheets()).toEqual(sheetsBefore);
    expect(fake.values("1-1 学校概况", "A2")[0][0]).toContain("2024");
  });

  it("lists the 高职 catalog's tables and departments when the platform is switched", () => {
    renderPane();
    const catalogSelect = screen.getByTestId("template-catalog") as HTMLSelectElement;
    const vocational = [...catalogSelect.options].find((o) => o.textContent?.startsWith("高职"));
    expect(vocational).toBeTruthy();
    fireEvent.change(catalogSelect, { target: { value: vocational!.value } });
    fireEvent.change(screen.getByTestId("template-filter-mode"), { target: { value: "department" } });
    const dept = screen.getByTestId("template-filter-value") as HTMLSelectElement;
    fireEvent.change(dept, { target: { value: "图书馆" } });
    const listed = within(screen.getByTestId("template-tables")).getAllByRole("checkbox");
    expect(listed.length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId("template-select-shown"));
    expect(screen.getByTestId("template-selected-count").textContent).toMatch(new RegExp(`^已选 ${listed.length} / \\d+ 张表$`));
  });

  it("says so when the 本科 catalog names no departments", () => {
    renderPane();
    fireEvent.change(screen.getByTestId("template-filter-mode"), { target: { value: "department" } });
    expect(screen.getByTestId("template-no-departments").textContent).toContain("没有记录责任单位");
  });
});
