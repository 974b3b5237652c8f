/**
 * 审核表 (sign-off form, seed 002 attachment 1 「监测数据填报审核表」): a printable sheet per
 * department listing its tables with 填报人 and 审核人, submission and approval dates and short data
 * hashes (so the paper can be matched to the electronic data), the 异常数据说明, and the signature
 * and stamp lines: 数据负责人签字, 责任单位审核人意见 (审核意见 / 签字 / 公章), 数据提交 (提交人 / 接收人 /
 * 交接时间). Prints on A4 portrait, all columns on one page width, rows 1–3 (title, unit and the
 * column headers) repeated on every page, page numbers in the footer.
 * Pure core.
 */
import type { CellValue, PageLayoutSpec, WorkbookOp } from "../workbook/port";
import { columnLetter } from "../workbook/address";
import type { DerivedStates, ApprovalRecord } from "./approvalLog";
import { isoTimestamp, localDateOf, today, type TimeOptions } from "./clock";
import { formatChineseDate } from "./cells";
import type { LoggedExplanation } from "./explanations";
import { shortHash } from "./hash";
import type { OverviewRow } from "./overview";
import { STATE_LABELS } from "./review";

export interface SignOffInput extends TimeOptions {
  department: string;
  /** Overview rows; those whose 责任单位 is `department` are listed. */
  rows: OverviewRow[];
  derived: DerivedStates;
  explanations: LoggedExplanation[];
  /** table id → hashes of its current records; explanations not matching are left out as stale. */
  currentRowHashes?: Map<string, Set<string>>;
  /** Prefix of the title, e.g. the school's name. */
  school?: string;
  sheet?: string;
  create?: boolean;
}

const HEADERS = ["序号", "表号", "表格名称", "填报人", "审核人", "提交日期", "审核日期", "审核状态", "数据指纹", "数据填报人签字"];
const WIDTHS = [5, 8, 22, 8, 8, 11, 11, 9, 14, 12];
const LAST = columnLetter(HEADERS.length - 1);

/** How the form prints: A4 portrait, one page wide, the title and header rows on every page. */
export const SIGN_OFF_PAGE_LAYOUT: PageLayoutSpec = {
  orientation: "portrait",
  paperSize: "A4",
  fitToWidth: true,
  printTitleRows: "1:3",
  margins: { top: 0.75, bottom: 0.75, left: 0.6, right: 0.6 },
  centerHorizontally: true,
  footerText: "第 &P 页，共 &N 页",
};

/** A valid, recognisable sheet name: 审核表-人事处 (≤ 31 chars, no []:*?/\). */
export function signOffSheetName(department: string): string {
  const clean = (department || "未分配").replace(/[\[\]:*?/\\]/g, "_");
  return ("审核表-" + clean).slice(0, 31);
}

function dateOf(r: ApprovalRecord | undefined, tz?: string): string {
  if (!r) return "";
  const t = new Date(r.timestamp);
  return Number.isNaN(t.getTime()) ? r.timestamp.slice(0, 10) : localDateOf(t, tz);
}

/**
 * The first of `base`, `base (2)`, … not taken, so a new form never overwrites an earlier one
 * (Excel compares sheet names case-insensitively; ≤ 31 characters).
 */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export interface SignOffTableLine {
  tableId: string;
  tableName: string;
  clerk: string;
  reviewer: string;
  submitted: string;
  approved: string;
  state: string;
  hash: string;
}

export interface SignOffContent {
  title: string;
  department: string;
  date: string;
  tables: SignOffTableLine[];
  explanations: string[];
}

/** What goes on the form (also handy for a preview in the pane). */
export function signOffContent(input: SignOffInput): SignOffContent {
  const tz = input.timeZone;
  const mine = input.rows.filter((r) => r.department === input.department);
  const tables: SignOffTableLine[] = mine.map((r) => {
    const st = input.derived.tables.get(r.tableId);
    const history = st?.history ?? [];
    const submit = st?.submitted ?? [...history].reverse().find((x) => x.action === "submit");
    const approve = [...history].reverse().find((x) => x.action === "approve" && x.role === "departmentReviewer");
    const inForce = st && st.state !== "draft" ? st.last : undefined;
    const approver = approve && st && st.state !== "draft" && st.state !== "submitted" ? approve : undefined;
    return {
      tableId: r.tableId,
      tableName: r.tableName,
      clerk: submit?.person || r.clerk,
      reviewer: approver?.person || r.reviewer,
      submitted: st && st.state !== "draft" ? dateOf(submit, tz) : "",
      approved: dateOf(approver, tz),
      state: STATE_LABELS[r.state],
      hash: inForce ? shortHash(inForce.dataHash) : "未提交",
    };
  });
  const ids = new Set(mine.map((r) => r.tableId));
  const latest = new Map<string, LoggedExplanation>();
  for (const x of input.explanations) {
    const e = x.explanation;
    if (!x.intact || !ids.has(e.tableId) || !e.text.trim()) continue;
    const cur = input.currentRowHashes?.get(e.tableId);
    if (cur && !cur.has(e.rowHash)) continue;
    latest.set(`${e.tableId}\u0000${e.rule}\u0000${e.rowHash}`, x);
  }
  const explanations = [...latest.values()].map(({ explanation: e }) => `表 ${e.tableId}${e.rowKey ? ` 第 ${e.rowKey} 行` : ""}（${e.rule}）：${e.text.trim()}（${e.person}）`);
  return {
    title: `${input.school ?? ""}监测数据填报审核表`,
    department: input.department,
    date: formatChineseDate(today(input)),
    tables,
    explanations,
  };
}

/** The ops that write one department's form. */
export function signOffFormOps(input: SignOffInput): WorkbookOp[] {
  const c = signOffContent(input);
  const sheet = input.sheet ?? signOffSheetName(input.department);
  const n = HEADERS.length;
  const blank = (k: number): CellValue[] => Array(k).fill("");
  const ops: WorkbookOp[] = [];
  if (input.create) ops.push({ kind: "addSheet", sheet, visibility: "visible" });
  const values: CellValue[][] = [];
  values.push([c.title, ...blank(n - 1)]);
  values.push([`提交单位名称：${c.department || "（未分配）"}`, ...blank(4), `提交时间：${c.date}`, ...blank(4)]);
  values.push([...HEADERS]);
  c.tables.forEach((t, i) => values.push([i + 1, t.tableId, t.tableName, t.clerk, t.reviewer, t.submitted, t.approved, t.state, t.hash, ""]));
  const tableEnd = values.length; // 1-based row of the last table line
  const expl = c.explanations.length ? c.explanations.join("\n") : "无";
  values.push(["数据校验异常情况说明", "", expl, ...blank(n - 3)]);
  values.push(["", "", "数据负责人签字：____________　　　　年　　月　　日", ...blank(n - 3)]);
  values.push(["责任单位审核人意见", "", "审核意见：", ...blank(n - 3)]);
  values.push(["", "", "签字：____________　　公章：　　　　　　　年　　月　　日", ...blank(n - 3)]);
  values.push(["数据提交", "", "提交人：____________", "", "", "接收人：____________", "", "", "交接时间：　　年　　月　　日", ""]);
  values.push(["注：本表格一式两份，提交单位和接收单位各保留一份。", ...blank(n - 1)]);
  values.push([`由填报助手生成于 ${isoTimestamp(input)}；数据指纹为 SHA-256 前 12 位，可用 tianbao verify 与电子数据核对。`, ...blank(n - 1)]);
  const rExpl = tableEnd + 1;
  const rOpinion = tableEnd + 3;
  const rSubmit = tableEnd + 5;
  const rNote = tableEnd + 6;
  const rFooter = tableEnd + 7;

  ops.push({ kind: "setFormat", sheet, address: `A1:${LAST}${rFooter}`, format: { numberFormat: "@", font: { name: "宋体", size: 11 }, verticalAlignment: "center", wrapText: true } });
  ops.push({ kind: "setValues", sheet, address: "A1", values });
  const merges = [
    `A1:${LAST}1`,
    "A2:E2",
    `F2:${LAST}2`,
    `A${rExpl}:B${rExpl + 1}`,
    `C${rExpl}:${LAST}${rExpl}`,
    `C${rExpl + 1}:${LAST}${rExpl + 1}`,
    `A${rOpinion}:B${rOpinion + 1}`,
    `C${rOpinion}:${LAST}${rOpinion}`,
    `C${rOpinion + 1}:${LAST}${rOpinion + 1}`,
    `A${rSubmit}:B${rSubmit}`,
    `C${rSubmit}:E${rSubmit}`,
    `F${rSubmit}:H${rSubmit}`,
    `I${rSubmit}:${LAST}${rSubmit}`,
    `A${rNote}:${LAST}${rNote}`,
    `A${rFooter}:${LAST}${rFooter}`,
  ];
  for (const address of merges) ops.push({ kind: "merge", sheet, address });
  ops.push({ kind: "setFormat", sheet, address: `A1:${LAST}1`, format: { font: { name: "宋体", bold: true, size: 16 }, horizontalAlignment: "center" } });
  ops.push({ kind: "setFormat", sheet, address: `A3:${LAST}${rSubmit}`, format: { border: true } });
  ops.push({ kind: "setFormat", sheet, address: `A3:${LAST}3`, format: { font: { name: "宋体", bold: true }, horizontalAlignment: "center", fill: "#F2F2F2" } });
  ops.push({ kind: "setFormat", sheet, address: `A${rExpl}:A${rSubmit}`, format: { font: { name: "宋体", bold: true }, horizontalAlignment: "center" } });
  ops.push({ kind: "setFormat", sheet, address: `A${rFooter}:${LAST}${rFooter}`, format: { font: { name: "宋体", size: 8, color: "#595959" } } });
  ops.push({ kind: "setColumnWidths", sheet, widths: WIDTHS.map((chars, column) => ({ column, chars })) });
  ops.push({ kind: "setPageLayout", sheet, ...SIGN_OFF_PAGE_LAYOUT });
  return ops;
}

/** One form per department that has tables (in first-seen order). */
export function signOffFormsForAll(input: Omit<SignOffInput, "department" | "sheet">): Array<{ department: string; sheet: string; ops: WorkbookOp[] }> {
  const departments = [...new Set(input.rows.map((r) => r.department))];
  return departments.map((department) => ({
    department,
    sheet: signOffSheetName(department),
    ops: signOffFormOps({ ...input, department }),
  }));
}
