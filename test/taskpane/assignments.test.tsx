/** @jest-environment jsdom */
/**
 * 责任分解 on the 总览 page, against the real Excel adapter over the fake: create the sheet from the
 * seeds; import a school's decomposition table pasted into a sheet — preview first (nothing
 * written), then confirm, after which the data sheets' responsibility facts follow.
 */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { ASSIGNMENT_SHEET, PROP_DEPARTMENT, PROP_REVIEWING } from "../../src/core/template/layout";
import { readAssignments } from "../../src/core/workflow/workbook";

const catalog = defaultServices().getCatalog("undergraduate");

async function workbook() {
  const s = defaultServices();
  const w = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(w.port, catalog, ["1-2", "1-3"], { statYear: 2024 });
  return w;
}

const names = async (w: Awaited<ReturnType<typeof workbook>>) => (await w.port.getSheets()).map((s) => s.name);

describe("责任分解 on the 总览 page", () => {
  it("creates the 责任分解 sheet from the default plan, once", async () => {
    const w = await workbook();
    renderPane({ initialPage: "overview", workbook: w });
    fireEvent.click(await screen.findByTestId("assignments-seed"));
    await waitFor(() => expect(screen.getByTestId("assignments-message").textContent).toMatch(/已按.*生成「责任分解」，共 \d+ 张表/));
    expect(await names(w)).toContain(ASSIGNMENT_SHEET);
    const read = await readAssignments(w.port, catalog, 2024);
    expect(read.rows.find((r) => r.assignment.tableId === "1-3")?.assignment.deadline).toMatch(/^2024-/);
    // once it exists, the seed button is gone (an existing sheet is never overwritten)
    await waitFor(() => expect(screen.queryByTestId("assignments-seed")).toBeNull());
  });

  it("imports a pasted decomposition table: preview with reasons first, written only on confirmation", async () => {
    const w = await workbook();
    await w.port.apply([
      { kind: "addSheet", sheet: "学校分解表" },
      {
        kind: "setValues",
        sheet: "学校分解表",
        address: "A1",
        values: [
          ["序号", "数据采集表格名称", "采集部门", "审核部门", "截止时间", "备注"],
          [1, "表1-3 学校教学科研单位", "教务处", "评估中心", "2024年10月10日", ""],
          [2, "表1-2 学校相关党政单位", "党政办公室", "评估中心", "10月8日", ""],
          [3, "表9-9 并不存在的表", "后勤处", "评估中心", "2024-10-01", ""],
        ],
      },
    ]);
    await w.fake.user.activate("学校分解表");
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect((screen.getByTestId("assignments-source") as HTMLSelectElement).value).toBe("学校分解表"));
    fireEvent.click(screen.getByTestId("assignments-preview"));
    const preview = await screen.findByTestId("assignments-import-preview");
    expect(within(preview).getByTestId("assignments-counts").textContent).toBe("新增 2 张，修改 0 张，不变 0 张，无法匹配 1 行");
    expect(preview.textContent).toContain("识别的列：数据采集表格名称、采集部门、审核部门、截止时间");
    expect(preview.textContent).toContain("未使用的列：备注");
    const rows = within(preview).getAllByTestId("assignments-preview-row");
    const units = rows.find((r) => r.textContent!.includes("1-3 学校教学科研单位"))!;
    expect(units.getAttribute("data-status")).toBe("added");
    expect(units.textContent).toContain("责任单位 — → 教务处");
    expect(units.textContent).toContain("截止日期 — → 2024-10-10");
    const party = rows.find((r) => r.textContent!.includes("1-2 学校相关党政单位"))!;
    expect(party.textContent).toContain("截止日期 — → 2024-10-08"); // month-day completed with the 统计年度
    const unmatched = rows.find((r) => r.getAttribute("data-status") === "unmatched")!;
    expect(unmatched.textContent).toContain("第 4 行「表9-9 并不存在的表」");

    // nothing is written by the preview
    expect(await names(w)).not.toContain(ASSIGNMENT_SHEET);

    fireEvent.click(screen.getByTestId("assignments-confirm"));
    await waitFor(() => expect(screen.getByTestId("assignments-message").textContent).toBe("已导入：新增 2 张，修改 0 张；2 个数据表的标题行已同步"));
    expect(screen.queryByTestId("assignments-import-preview")).toBeNull();
    const read = await readAssignments(w.port, catalog, 2024);
    expect(read.rows.find((r) => r.assignment.tableId === "1-3")?.assignment).toMatchObject({ department: "教务处", reviewingDepartment: "评估中心", deadline: "2024-10-10" });
    // the data sheet carries the same facts, visible without the add-in
    const sheet = (await w.port.getSheets()).find((s) => s.name.startsWith("1-3 "))!;
    expect(sheet.customProperties[PROP_DEPARTMENT]).toBe("教务处");
    expect(sheet.customProperties[PROP_REVIEWING]).toBe("评估中心");
  });

  it("a sheet without a header says why, and nothing is written", async () => {
    const w = await workbook();
    await w.port.apply([
      { kind: "addSheet", sheet: "随便" },
      { kind: "setValues", sheet: "随便", address: "A1", values: [["一些", "文字"], ["没有", "表头"]] },
    ]);
    await w.fake.user.activate("随便");
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect((screen.getByTestId("assignments-source") as HTMLSelectElement).value).toBe("随便"));
    fireEvent.click(screen.getByTestId("assignments-preview"));
    await waitFor(() => expect(screen.getByTestId("assignments-message").textContent).toContain("「随便」不能导入：找不到表头行"));
    expect(screen.queryByTestId("assignments-import-preview")).toBeNull();
    expect(await names(w)).not.toContain(ASSIGNMENT_SHEET);
  });
  it("an import whose rows run into the school's own Excel table still writes them and says why there is no TB_Assignments", async () => {
    const w = await workbook();
    const { assignmentSheetOps } = await import("../../src/core/workflow/assignmentSheet");
    const one = [{ tableId: "1-3", tableName: "学校教学科研单位", step: 1, department: "人事处", assisting: [], reviewingDepartment: "评估中心", clerk: "", reviewer: "", deadline: "2024-10-10" }];
    await w.port.apply(assignmentSheetOps(one, { create: true }).filter((o) => o.kind !== "addTable"));
    await w.port.apply([{ kind: "addTable", sheet: ASSIGNMENT_SHEET, address: "A1:I2", name: "分工表" }]);
    await w.port.apply([
      { kind: "addSheet", sheet: "粘贴" },
      { kind: "setValues", sheet: "粘贴", address: "A1", values: [["表格名称", "责任部门", "截止时间"], ["1-2 学校相关党政单位", "党政办公室", "2024-10-08"]] },
    ]);
    await w.fake.user.activate("粘贴");
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect((screen.getByTestId("assignments-source") as HTMLSelectElement).value).toBe("粘贴"));
    fireEvent.click(screen.getByTestId("assignments-preview"));
    await screen.findByTestId("assignments-import-preview");
    fireEvent.click(screen.getByTestId("assignments-confirm"));
    await waitFor(() => expect(screen.getByTestId("assignments-message").textContent).toMatch(/^已导入：新增 1 张.*各行已写入，但没有建成表格 TB_Assignments.*与已有表格“分工表”（A1:I2）重叠/));
    const read = await readAssignments(w.port, catalog, 2024);
    expect(read.rows.find((r) => r.assignment.tableId === "1-2")?.assignment.department).toBe("党政办公室");
  });

  it("an import into an existing 责任分解 shows what changes and keeps the school's own columns", async () => {
    const w = await workbook();
    const { writeAssignmentSheet } = await import("../../src/core/workflow/workbook");
    await writeAssignmentSheet(
      w.port,
      [{ tableId: "1-3", tableName: "学校教学科研单位", step: 1, department: "人事处", assisting: [], reviewingDepartment: "评估中心", clerk: "", reviewer: "", deadline: "2024-10-10" }],
      catalog,
    );
    await w.port.apply([{ kind: "setValues", sheet: ASSIGNMENT_SHEET, address: "J1", values: [["备注"], ["先核对单位号"]] }]);
    await w.port.apply([
      { kind: "addSheet", sheet: "粘贴" },
      { kind: "setValues", sheet: "粘贴", address: "A1", values: [["表格名称", "责任部门", "截止时间"], ["1-3 学校教学科研单位", "教务处", "2024-10-10"]] },
    ]);
    await w.fake.user.activate("粘贴");
    renderPane({ initialPage: "overview", workbook: w });
    await waitFor(() => expect((screen.getByTestId("assignments-source") as HTMLSelectElement).value).toBe("粘贴"));
    fireEvent.click(screen.getByTestId("assignments-preview"));
    const preview = await screen.findByTestId("assignments-import-preview");
    expect(within(preview).getByTestId("assignments-counts").textContent).toBe("新增 0 张，修改 1 张，不变 0 张，无法匹配 0 行");
    const row = within(preview).getByTestId("assignments-preview-row");
    expect(row.getAttribute("data-status")).toBe("changed");
    expect(row.textContent).toContain("责任单位 人事处 → 教务处");
    expect(row.textContent).not.toContain("截止日期");
    fireEvent.click(screen.getByTestId("assignments-confirm"));
    await waitFor(() => expect(screen.getByTestId("assignments-message").textContent).toMatch(/^已导入：新增 0 张，修改 1 张/));
    const [sheet] = await w.port.read([{ sheet: ASSIGNMENT_SHEET }]);
    expect(sheet.values[1][3]).toBe("教务处");
    expect(sheet.values[0][9]).toBe("备注");
    expect(sheet.values[1][9]).toBe("先核对单位号");
  });
});
