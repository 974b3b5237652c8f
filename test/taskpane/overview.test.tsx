/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";
import type { Assignment } from "../../src/core/workflow/assignment";

const assignment = (tableId: string, tableName: string, department: string, deadline: string, step: number): Assignment => ({
  tableId,
  tableName,
  step,
  department,
  assisting: [],
  reviewingDepartment: "评估中心",
  clerk: "",
  reviewer: "",
  deadline,
});

async function workbook() {
  const s = defaultServices();
  const catalog = s.getCatalog("undergraduate");
  const w = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(w.port, catalog, ["1-1", "1-2", "1-3"], { statYear: 2024 });
  await writeAssignmentSheet(
    w.port,
    [
      assignment("1-1", "学校概况", "发展规划处", "2026-11-10", 1),
      assignment("1-2", "学校相关党政单位", "党政办公室", "2026-12-20", 1),
      assignment("1-3", "学校教学科研单位", "党政办公室", "2026-12-20", 2),
    ],
    catalog,
  );
  await w.fake.user.paste("1-2 学校相关党政单位", "A5", [["党委办公室", "0101", "党政单位", ""], ["校长办公室", "0102", "教学管理", "李四"]]);
  return w;
}

const rowsShown = () => within(screen.getByTestId("overview-table")).queryAllByTestId("overview-row");
const cells = (tableId: string) =>
  [...rowsShown().find((r) => r.getAttribute("data-table") === tableId)!.querySelectorAll("td")].map((td) => td.textContent);

describe("总览 page", () => {
  it("says there is nothing to show before templates are loaded", async () => {
    renderPane({ initialPage: "overview" });
    expect((await screen.findByTestId("overview-no-tables")).textContent).toBe("工作簿中还没有数据表，请先在「模板」页载入。");
  });

  it("shows one row per loaded table with department, deadline, rows, findings and state; filters, sorts, opens and exports", async () => {
    const w = await workbook();
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect(rowsShown()).toHaveLength(3));
    // The clock in the tests is 2026-11-23 (Shanghai): 1-1 is overdue and not submitted.
    expect(cells("1-1")[0]).toBe("1-1 学校概况");
    expect(cells("1-1")[1]).toBe("发展规划处");
    expect(cells("1-1")[2]).toBe("步骤一");
    expect(cells("1-1")[3]).toBe("2026-11-10 已逾期");
    expect(cells("1-2").slice(3)).toEqual(["2026-12-20", "2", "2", "0", "填报中"]);

    fireEvent.change(screen.getByTestId("overview-department"), { target: { value: "党政办公室" } });
    expect(rowsShown().map((r) => r.getAttribute("data-table"))).toEqual(["1-2", "1-3"]);
    fireEvent.change(screen.getByTestId("overview-step"), { target: { value: "2" } });
    expect(rowsShown().map((r) => r.getAttribute("data-table"))).toEqual(["1-3"]);
    fireEvent.change(screen.getByTestId("overview-step"), { target: { value: "" } });
    fireEvent.change(screen.getByTestId("overview-department"), { target: { value: "" } });

    fireEvent.click(screen.getByTestId("overview-overdue"));
    expect(rowsShown().map((r) => r.getAttribute("data-table"))).toEqual(["1-1"]);
    fireEvent.click(screen.getByTestId("overview-overdue"));

    fireEvent.click(screen.getByTestId("overview-sort-errors"));
    fireEvent.click(screen.getByTestId("overview-sort-errors"));
    expect(rowsShown()[0].getAttribute("data-table")).toBe("1-1"); // 1-1's empty required fields are the most errors

    expect(screen.getByTestId("overview-departments").textContent).toContain("党政办公室：0/2 张已提交（0%），0 张逾期");

    const row12 = rowsShown().find((r) => r.getAttribute("data-table") === "1-2")!;
    fireEvent.click(within(row12).getByTestId("overview-open"));
    await waitFor(() => expect(w.fake.snapshot().activeSheet).toBe("1-2 学校相关党政单位"));

    fireEvent.click(screen.getByTestId("overview-export"));
    expect((await screen.findByTestId("overview-exported")).textContent).toBe("已导出到工作表「质量监控表」");
    const sheet = w.fake.snapshot().sheets.find((s) => s.name === "质量监控表");
    expect(sheet?.visibility).toBe("Visible");
    const text = sheet!.rows.flat().map((c) => c.text).join("|");
    expect(text).toContain("学校相关党政单位");
    expect(text).toContain("党政办公室");
  });

  it("can include catalog tables that are not loaded yet", async () => {
    const w = await workbook();
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect(rowsShown()).toHaveLength(3));
    fireEvent.click(screen.getByTestId("overview-loaded"));
    expect(rowsShown().length).toBeGreaterThan(90);
    expect(cells("1-4-1")[0]).toBe("1-4-1 专业基本情况（未载入）");
  });
});
