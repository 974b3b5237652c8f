/**
 * 总览 / 质量监控表: one row per table with its responsibility, deadline, progress and review state;
 * filters, sorting, progress per department, the printable sheet, the `tianbao status --json`
 * shape and the pane header's facts. All pure functions of their inputs (the clock is injectable).
 * Pure core.
 */
import type { Catalog } from "../catalog/types";
import type { CellValue, WorkbookOp } from "../workbook/port";
import { columnLetter } from "../workbook/address";
import type { Assignment } from "./assignment";
import { stepLabel } from "./assignment";
import { DATE_FORMAT } from "./assignmentSheet";
import { localDateToSerial } from "./cells";
import { deadlineStatus, describeDaysLeft, today, type LocalDate, type TimeOptions } from "./clock";
import type { DerivedStates } from "./approvalLog";
import type { BoundSheet } from "./responsibility";
import { REVIEW_STATES, STATE_LABELS, isApprovedState, type ReviewState } from "./review";
import type { HashStatus } from "./verify";

/** What the validation engine knows about a table right now. */
export interface TableProgress {
  tableId: string;
  /** Non-empty records. */
  rows: number;
  errors: number;
  warnings: number;
}

export interface OverviewInput extends TimeOptions {
  catalog: Catalog;
  assignments: Assignment[];
  bound: BoundSheet[];
  progress: TableProgress[];
  /** Derived from the approval log (`deriveStates`); absent tables are 填报中. */
  states?: DerivedStates | Map<string, ReviewState>;
  /** From `verifyWorkbook`: marks 审核后被修改. */
  hashStatus?: Map<string, HashStatus>;
}

/** The table's 责任分解 (empty fields when unassigned) plus its progress and review state. */
export interface OverviewRow extends Omit<Assignment, "source"> {
  sheet: string | null;
  /** deadline − today (negative = overdue); null without a deadline. */
  daysLeft: number | null;
  /** Past the deadline and not yet submitted. */
  overdue: boolean;
  rows: number;
  errors: number;
  warnings: number;
  state: ReviewState;
  stateLabel: string;
  modifiedAfterApproval: boolean;
  base: boolean;
}

function stateMap(states: OverviewInput["states"]): Map<string, ReviewState> {
  if (!states) return new Map();
  if (states instanceof Map) return states;
  return new Map([...states.tables].map(([id, s]) => [id, s.state] as const));
}

/** One row per catalog table (in 责任分解 order, then tables without an assignment). */
export function buildOverview(input: OverviewInput): OverviewRow[] {
  const states = stateMap(input.states);
  const progress = new Map(input.progress.map((p) => [p.tableId, p] as const));
  const sheets = new Map(input.bound.map((b) => [b.tableId, b.sheet] as const));
  const assigned = new Map(input.assignments.map((a) => [a.tableId, a] as const));
  const tables = new Map(input.catalog.tables.map((t) => [t.id, t] as const));
  const ids = [...input.assignments.map((a) => a.tableId), ...input.catalog.tables.map((t) => t.id).filter((id) => !assigned.has(id))];
  const seen = new Set<string>();
  const out: OverviewRow[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const a = assigned.get(id);
    const t = tables.get(id);
    const p = progress.get(id);
    const state = states.get(id) ?? "draft";
    const ds = a?.deadline ? deadlineStatus(a.deadline, input) : null;
    out.push({
      tableId: id,
      tableName: t?.name ?? a?.tableName ?? "",
      sheet: sheets.get(id) ?? null,
      step: a?.step ?? null,
      department: a?.department ?? "",
      assisting: a?.assisting ?? [],
      reviewingDepartment: a?.reviewingDepartment ?? "",
      clerk: a?.clerk ?? "",
      reviewer: a?.reviewer ?? "",
      deadline: a?.deadline ?? null,
      daysLeft: ds ? ds.daysLeft : null,
      overdue: !!ds && ds.overdue && state === "draft",
      rows: p?.rows ?? 0,
      errors: p?.errors ?? 0,
      warnings: p?.warnings ?? 0,
      state,
      stateLabel: STATE_LABELS[state],
      modifiedAfterApproval: input.hashStatus?.get(id) === "modifiedAfterApproval",
      base: t?.base ?? false,
    });
  }
  return out;
}

export interface OverviewFilter {
  department?: string;
  step?: number;
  state?: ReviewState;
  overdueOnly?: boolean;
  /** Matches table id or name. */
  text?: string;
}

export function filterOverview(rows: OverviewRow[], f: OverviewFilter): OverviewRow[] {
  const text = f.text?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.department === undefined || r.department === f.department || r.assisting.includes(f.department)) &&
      (f.step === undefined || r.step === f.step) &&
      (f.state === undefined || r.state === f.state) &&
      (!f.overdueOnly || r.overdue) &&
      (!text || r.tableId.toLowerCase().includes(text) || r.tableName.toLowerCase().includes(text)),
  );
}

export type OverviewSortKey = "table" | "department" | "deadline" | "daysLeft" | "errors" | "warnings" | "rows" | "state" | "step";

function compareTableIds(a: string, b: string): number {
  const pa = a.split(/[-.]/), pb = b.split(/[-.]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x), ny = Number(y);
    const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (c) return c;
  }
  return 0;
}

/** Stable sort; rows without a value (no deadline, no step) go last in both directions. */
export function sortOverview(rows: OverviewRow[], key: OverviewSortKey, direction: "asc" | "desc" = "asc"): OverviewRow[] {
  const sign = direction === "asc" ? 1 : -1;
  const val = (r: OverviewRow): number | string | null => {
    switch (key) {
      case "table":
        return null;
      case "department":
        return r.department || null;
      case "deadline":
        return r.deadline;
      case "daysLeft":
        return r.daysLeft;
      case "state":
        return REVIEW_STATES.indexOf(r.state);
      case "step":
        return r.step;
      default:
        return r[key];
    }
  };
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      if (key === "table") return sign * compareTableIds(x.r.tableId, y.r.tableId) || x.i - y.i;
      const a = val(x.r), b = val(y.r);
      if (a === null && b === null) return x.i - y.i;
      if (a === null) return 1;
      if (b === null) return -1;
      const c = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b), "zh-CN");
      return sign * c || x.i - y.i;
    })
    .map((x) => x.r);
}

export interface DepartmentProgress {
  department: string;
  tables: number;
  /** Submitted or beyond. */
  submitted: number;
  /** Department-approved or beyond. */
  approved: number;
  finalised: number;
  overdue: number;
  errors: number;
  warnings: number;
  /** submitted / tables, 0–100, rounded. */
  percentSubmitted: number;
}

/** Progress per responsible department ("" = 未分配), in first-seen order. */
export function progressByDepartment(rows: OverviewRow[]): DepartmentProgress[] {
  const m = new Map<string, DepartmentProgress>();
  for (const r of rows) {
    const d = m.get(r.department) ?? { department: r.department, tables: 0, submitted: 0, approved: 0, finalised: 0, overdue: 0, errors: 0, warnings: 0, percentSubmitted: 0 };
    m.set(r.department, d);
    d.tables++;
    if (r.state !== "draft") d.submitted++;
    if (isApprovedState(r.state)) d.approved++;
    if (r.state === "finalised") d.finalised++;
    if (r.overdue) d.overdue++;
    d.errors += r.errors;
    d.warnings += r.warnings;
  }
  for (const d of m.values()) d.percentSubmitted = d.tables ? Math.round((100 * d.submitted) / d.tables) : 0;
  return [...m.values()];
}

export const OVERVIEW_SHEET = "质量监控表";

const OVERVIEW_HEADERS = ["表号", "表名", "步骤", "责任单位", "审核单位", "截止日期", "剩余天数", "已填行数", "错误", "警告", "审核状态", "备注"];

/** A printable 质量监控表: title, date, one row per table, a per-department summary below. */
export function overviewToOps(rows: OverviewRow[], opts: TimeOptions & { sheet?: string; title?: string; create?: boolean } = {}): WorkbookOp[] {
  const sheet = opts.sheet ?? OVERVIEW_SHEET;
  const n = OVERVIEW_HEADERS.length;
  const last = columnLetter(n - 1);
  const ops: WorkbookOp[] = [];
  if (opts.create) ops.push({ kind: "addSheet", sheet, visibility: "visible" });
  const title = opts.title ?? "数据采集质量监控表";
  const values: CellValue[][] = [
    [title, ...Array(n - 1).fill("")],
    [`生成日期：${today(opts)}`, ...Array(n - 1).fill("")],
    [...OVERVIEW_HEADERS],
  ];
  for (const r of rows) {
    const notes = [r.overdue ? "逾期" : "", r.modifiedAfterApproval ? "审核后被修改" : ""].filter(Boolean).join("；");
    values.push([
      r.tableId,
      r.tableName,
      stepLabel(r.step),
      r.department,
      r.reviewingDepartment,
      r.deadline ? localDateToSerial(r.deadline) : "",
      r.daysLeft === null ? "" : r.state === "draft" ? describeDaysLeft(r.daysLeft) : "",
      r.rows,
      r.errors,
      r.warnings,
      r.stateLabel,
      notes,
    ]);
  }
  const firstData = 4;
  const lastData = 3 + rows.length;
  ops.push({ kind: "setFormat", sheet, address: `A1:${last}${Math.max(lastData, 3)}`, format: { numberFormat: "@" } });
  if (rows.length) {
    ops.push({ kind: "setFormat", sheet, address: `F${firstData}:F${lastData}`, format: { numberFormat: DATE_FORMAT } });
    ops.push({ kind: "setFormat", sheet, address: `H${firstData}:J${lastData}`, format: { numberFormat: "0" } });
  }
  ops.push({ kind: "setValues", sheet, address: "A1", values });
  ops.push({ kind: "merge", sheet, address: `A1:${last}1` });
  ops.push({ kind: "setFormat", sheet, address: `A1:${last}1`, format: { font: { bold: true, size: 14 }, horizontalAlignment: "center" } });
  ops.push({ kind: "setFormat", sheet, address: `A3:${last}${Math.max(lastData, 3)}`, format: { border: true, wrapText: true, verticalAlignment: "center" } });
  ops.push({ kind: "setFormat", sheet, address: `A3:${last}3`, format: { font: { bold: true }, fill: "#DDEBF7", horizontalAlignment: "center" } });
  rows.forEach((r, i) => {
    if (r.overdue || r.modifiedAfterApproval) ops.push({ kind: "setFormat", sheet, address: `A${firstData + i}:${last}${firstData + i}`, format: { font: { color: "#C00000" } } });
  });
  // Department summary
  const summary = progressByDepartment(rows);
  const s0 = lastData + 2;
  const sumValues: CellValue[][] = [["责任单位", "表数", "已提交", "已审核", "已定稿", "逾期", "完成率", "", "", "", "", ""]];
  for (const d of summary) sumValues.push([d.department || "（未分配）", d.tables, d.submitted, d.approved, d.finalised, d.overdue, `${d.percentSubmitted}%`, "", "", "", "", ""]);
  ops.push({ kind: "setFormat", sheet, address: `A${s0}:G${s0 + summary.length}`, format: { border: true } });
  ops.push({ kind: "setValues", sheet, address: `A${s0}`, values: sumValues });
  ops.push({ kind: "setFormat", sheet, address: `A${s0}:G${s0}`, format: { font: { bold: true }, fill: "#DDEBF7" } });
  ops.push({
    kind: "setColumnWidths",
    sheet,
    widths: [9, 30, 8, 14, 14, 12, 12, 9, 7, 7, 10, 14].map((chars, column) => ({ column, chars })),
  });
  ops.push({ kind: "freezePanes", sheet, rows: 3, columns: 0 });
  // prints on A4 landscape, all 12 columns on one page width, title and header rows on every page
  ops.push({ kind: "setPageLayout", sheet, orientation: "landscape", paperSize: "A4", fitToWidth: true, printTitleRows: "1:3", footerText: "第 &P 页，共 &N 页" });
  return ops;
}

export interface StatusTable {
  id: string;
  name: string;
  sheet: string | null;
  department: string;
  assisting: string[];
  /** 审核人 (person) from the 责任分解. */
  reviewer: string;
  reviewingDepartment: string;
  step: number | null;
  deadline: LocalDate | null;
  daysLeft: number | null;
  overdue: boolean;
  rows: number;
  errors: number;
  warnings: number;
  /** GLOSSARY identifier: draft / submitted / departmentApproved / schoolApproved / finalised. */
  state: ReviewState;
  stateLabel: string;
  modifiedAfterApproval: boolean;
}

/** The `tianbao status --json` document. */
export function statusJson(rows: OverviewRow[]): { tables: StatusTable[] } {
  return {
    tables: rows.map((r) => ({
      id: r.tableId,
      name: r.tableName,
      sheet: r.sheet,
      department: r.department,
      assisting: [...r.assisting],
      reviewer: r.reviewer,
      reviewingDepartment: r.reviewingDepartment,
      step: r.step,
      deadline: r.deadline,
      daysLeft: r.daysLeft,
      overdue: r.overdue,
      rows: r.rows,
      errors: r.errors,
      warnings: r.warnings,
      state: r.state,
      stateLabel: r.stateLabel,
      modifiedAfterApproval: r.modifiedAfterApproval,
    })),
  };
}

export interface BaseTableWarning {
  tableId: string;
  tableName: string;
  state: ReviewState;
  message: string;
}

/**
 * 基础表未完成: base tables this table depends on that are empty, have errors, or are not yet
 * approved at department level.
 */
export function baseTableWarnings(tableId: string, catalog: Catalog, rows: OverviewRow[]): BaseTableWarning[] {
  const t = catalog.tables.find((x) => x.id === tableId);
  if (!t) return [];
  const byId = new Map(rows.map((r) => [r.tableId, r] as const));
  const out: BaseTableWarning[] = [];
  for (const dep of t.dependsOn) {
    const d = catalog.tables.find((x) => x.id === dep);
    if (!d || !d.base) continue;
    const r = byId.get(dep);
    const state = r?.state ?? "draft";
    const empty = !r || r.rows === 0;
    const errors = r?.errors ?? 0;
    if (!empty && errors === 0 && isApprovedState(state)) continue;
    const why = empty ? "还没有数据" : errors > 0 ? `还有 ${errors} 个错误` : `尚未审核（${STATE_LABELS[state]}）`;
    out.push({ tableId: dep, tableName: d.name, state, message: `基础表未完成：表 ${dep} ${d.name}${why}` });
  }
  return out;
}

export interface PaneHeaderFacts {
  tableId: string;
  tableName: string;
  department: string;
  assisting: string[];
  reviewingDepartment: string;
  step: number | null;
  stepLabel: string;
  deadline: LocalDate | null;
  daysLeft: number | null;
  /** "还剩 3 天" / "今天截止" / "已逾期 2 天" / "". */
  deadlineText: string;
  /** "ok" | "soon" (≤ 3 days) | "overdue" for the colour. */
  urgency: "none" | "ok" | "soon" | "overdue";
  state: ReviewState;
  baseWarnings: BaseTableWarning[];
}

/** The pane header when a sheet is activated (issue 5 item 4). */
export function paneHeaderFacts(tableId: string, catalog: Catalog, rows: OverviewRow[]): PaneHeaderFacts | null {
  const r = rows.find((x) => x.tableId === tableId);
  if (!r) return null;
  const done = r.state !== "draft";
  const urgency: PaneHeaderFacts["urgency"] =
    r.daysLeft === null || done ? "none" : r.daysLeft < 0 ? "overdue" : r.daysLeft <= 3 ? "soon" : "ok";
  return {
    tableId: r.tableId,
    tableName: r.tableName,
    department: r.department,
    assisting: r.assisting,
    reviewingDepartment: r.reviewingDepartment,
    step: r.step,
    stepLabel: stepLabel(r.step),
    deadline: r.deadline,
    daysLeft: r.daysLeft,
    deadlineText: r.daysLeft === null || done ? "" : describeDaysLeft(r.daysLeft),
    urgency,
    state: r.state,
    baseWarnings: baseTableWarnings(tableId, catalog, rows),
  };
}
