/**
 * Workbooks for the `tianbao status / verify / signoff` tests: made with the template loader and
 * the xlsx adapter, assigned through the 责任分解 sheet and reviewed through the workflow core
 * (performReviewAction), exactly as the pane would do it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { getCatalog } from "../../src/core/catalog";
import { checkWorkbook } from "../../src/core/live/checkWorkbook";
import { loadTemplates } from "../../src/core/template/load";
import type { CellValue } from "../../src/core/workbook/port";
import { fixedClock } from "../../src/core/workflow/clock";
import { dataAreaOf } from "../../src/core/workflow/lock";
import { performReviewAction } from "../../src/core/workflow/reviewAction";
import type { Profile, ReviewAction } from "../../src/core/workflow/review";
import { snapshotTables } from "../../src/core/workflow/verify";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";
import type { Assignment } from "../../src/core/workflow/assignment";

export const catalog = getCatalog("undergraduate");

export const UNITS: CellValue[] = ["教务处", "D01", "张三", "教学院系"]; // 教学科研单位名称 单位号 单位负责人 单位职能

export function staffRow(gh: string): CellValue[] {
  return [gh, "李四", "男", "198001", "201009", "在职", "D01", "教务处", "博士研究生", "博士", "本校", "教授", "哲学", "中共党员", "汉族"];
}

export const ASSIGNMENTS: Assignment[] = [
  { tableId: "1-3", tableName: "学校教学科研单位", step: 1, department: "教务处", assisting: [], reviewingDepartment: "教务处", clerk: "王芳", reviewer: "李明", deadline: "2024-10-10" },
  { tableId: "1-5-1", tableName: "教职工基本信息", step: 3, department: "人事处", assisting: ["教务处"], reviewingDepartment: "人事处", clerk: "赵强", reviewer: "钱敏", deadline: "2024-10-01" },
];

export const CLERK: Profile = { name: "王芳", department: "教务处", role: "clerk" };
export const DEPT_REVIEWER: Profile = { name: "李明", department: "教务处", role: "departmentReviewer" };
export const SCHOOL_REVIEWER: Profile = { name: "孙校审", department: "评估中心", role: "schoolReviewer" };

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function run(argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, {});
  return { code, out, err };
}

export async function sheetOf(wb: XlsxWorkbook, tableId: string): Promise<string> {
  const sheets = await wb.getSheets();
  const s = sheets.find((x) => x.customProperties["tianbao.tableId"] === tableId) ?? sheets.find((x) => x.name.startsWith(tableId + " "));
  if (!s) throw new Error(`no sheet for ${tableId}`);
  return s.name;
}

let minute = 0;

/** One review action on `tableId` through the core, with the errors/warnings the real check finds. */
export async function act(wb: XlsxWorkbook, tableId: string, action: ReviewAction, profile: Profile, reason?: string) {
  const sheet = await sheetOf(wb, tableId);
  const [snap] = await snapshotTables(wb, catalog, [{ tableId, sheet }]);
  const check = await checkWorkbook(wb, { tables: [tableId] });
  const own = check.findings.filter((f) => f.table === tableId);
  minute++;
  return performReviewAction(wb, {
    action,
    tableId,
    tableName: catalog.tables.find((t) => t.id === tableId)!.name,
    sheet,
    profile,
    reason,
    assignment: ASSIGNMENTS.find((a) => a.tableId === tableId),
    rows: snap.data!.rows,
    area: dataAreaOf(snap.data!.layout, snap.data!.table.columns.length),
    errors: own.filter((f) => f.severity === "error").length,
    unexplainedWarnings: own.filter((f) => f.severity === "warning").map((f) => ({ rule: f.rule, row: f.row })),
    clock: fixedClock(`2024-10-0${1 + Math.floor(minute / 60)}T02:${String(minute % 60).padStart(2, "0")}:00Z`),
  });
}

/**
 * 1-3 submitted and department-approved (locked), 1-5-1 filled but still 填报中, both assigned on
 * the 责任分解 sheet; saved to `file`.
 */
export async function reviewedWorkbook(file: string): Promise<void> {
  const wb = XlsxWorkbook.create();
  await loadTemplates(wb, catalog, ["1-2", "1-3", "1-5-1"], { statYear: 2024 });
  await writeAssignmentSheet(wb, ASSIGNMENTS, catalog);
  await wb.apply([
    { kind: "setValues", sheet: await sheetOf(wb, "1-3"), address: "A5", values: [UNITS] },
    { kind: "setValues", sheet: await sheetOf(wb, "1-5-1"), address: "A5", values: [staffRow("T001"), staffRow("T002")] },
  ]);
  const submitted = await act(wb, "1-3", "submit", CLERK);
  if (!submitted.ok) throw new Error(submitted.reason);
  const approved = await act(wb, "1-3", "approve", DEPT_REVIEWER);
  if (!approved.ok) throw new Error(approved.reason);
  await wb.save(file);
}
