/**
 * The visible, editable 责任分解 sheet: writing it (WorkbookOps), reading it back (tolerant of
 * column order, full-width text, spaces, date serials or text dates) and checking it.
 *
 * Layout: row 1 = headers 表号 | 表名 | 步骤 | 责任单位 | 协助单位 | 审核单位 | 填报人 | 审核人 | 截止日期,
 * one row per table below. The reader finds the header row anywhere in the first rows and the
 * columns by header text (synonyms such as 责任部门 / 采集部门 also work), so users may insert a
 * title row, reorder or add columns.
 * Pure core.
 */
import type { Catalog } from "../catalog/types";
import type { CellValue, WorkbookOp } from "../workbook/port";
import { cellAddress, columnLetter } from "../workbook/address";
import { ASSIGNMENT_SHEET, HEADER_SEARCH_ROWS } from "../template/layout";
import { normalizeHeader, serialToDate } from "../validation/normalize";
import { parseStep, stepLabel, type Assignment } from "./assignment";
import { cellText, localDateToSerial, parseDateCell, splitList } from "./cells";
import { cellFinding, type WorkflowFinding } from "./findings";
import { createTableMatcher, normalizeTableName, parseTableRef } from "./tableMatch";

export type AssignmentField =
  | "tableId"
  | "tableName"
  | "step"
  | "department"
  | "assisting"
  | "reviewingDepartment"
  | "clerk"
  | "reviewer"
  | "deadline";

export const ASSIGNMENT_FIELDS: readonly AssignmentField[] = [
  "tableId",
  "tableName",
  "step",
  "department",
  "assisting",
  "reviewingDepartment",
  "clerk",
  "reviewer",
  "deadline",
];

/** Headers Tianbao writes, in this order. */
export const ASSIGNMENT_HEADERS: Record<AssignmentField, string> = {
  tableId: "表号",
  tableName: "表名",
  step: "步骤",
  department: "责任单位",
  assisting: "协助单位",
  reviewingDepartment: "审核单位",
  clerk: "填报人",
  reviewer: "审核人",
  deadline: "截止日期",
};

/**
 * Header synonyms seen in schools' decomposition tables (seeds 000, 001, 004). Compared with
 * normalizeHeader (no spaces, half-width, lower case).
 */
export const HEADER_SYNONYMS: Record<AssignmentField, string[]> = {
  tableId: ["表号", "表格编号", "表编号", "编号"],
  tableName: ["表名", "表格名称", "数据采集表格名称", "采集表格名称", "数据表名称", "表格", "数据表"],
  step: ["步骤", "采集步骤", "录入顺序", "填报顺序", "阶段"],
  department: ["责任单位", "责任部门", "采集部门", "数据采集的部门", "数据采集部门", "填报部门", "填报单位", "牵头单位", "牵头部门"],
  assisting: ["协助单位", "协助部门", "配合部门", "配合单位", "协作部门"],
  reviewingDepartment: ["审核单位", "审核部门"],
  clerk: ["填报人", "填报员", "数据采集员", "采集员", "采集人", "信息员"],
  reviewer: ["审核人", "审核员", "数据审核员"],
  deadline: ["截止日期", "截止时间", "数据采集截止时间", "最终提交时间", "提交时间", "完成时间", "截止"],
};

const SYNONYM_INDEX: Map<string, AssignmentField> = (() => {
  const m = new Map<string, AssignmentField>();
  for (const f of ASSIGNMENT_FIELDS) for (const h of HEADER_SYNONYMS[f]) m.set(normalizeHeader(h), f);
  return m;
})();

export function headerField(v: CellValue): AssignmentField | null {
  const k = normalizeHeader(v);
  return k ? (SYNONYM_INDEX.get(k) ?? null) : null;
}

export interface HeaderMap {
  /** 0-based row of the header. */
  row: number;
  columns: Partial<Record<AssignmentField, number>>;
}

/** Finds the header row: the first of the top rows naming at least two known columns, incl. a table column. */
export function locateAssignmentHeader(values: CellValue[][], searchRows = HEADER_SEARCH_ROWS): HeaderMap | null {
  let best: HeaderMap | null = null;
  let bestCount = 0;
  for (let r = 0; r < Math.min(values.length, searchRows); r++) {
    const columns: Partial<Record<AssignmentField, number>> = {};
    let count = 0;
    (values[r] ?? []).forEach((v, c) => {
      const f = headerField(v);
      if (f && columns[f] === undefined) {
        columns[f] = c;
        count++;
      }
    });
    const hasTable = columns.tableId !== undefined || columns.tableName !== undefined;
    if (hasTable && count >= 2 && count > bestCount) {
      best = { row: r, columns };
      bestCount = count;
    }
  }
  return best;
}

export interface AssignmentSheetOptions {
  /** Add the sheet first (it does not exist yet). */
  create?: boolean;
  /** Data rows currently on the sheet; rows beyond the new list are blanked. */
  previousRowCount?: number;
  sheet?: string;
}

const WIDTHS: Record<AssignmentField, number> = {
  tableId: 9,
  tableName: 34,
  step: 8,
  department: 14,
  assisting: 16,
  reviewingDepartment: 14,
  clerk: 10,
  reviewer: 10,
  deadline: 12,
};

export const DATE_FORMAT = "yyyy-mm-dd";

/**
 * The Excel table (ListObject) over the 责任分解 headers and rows, so the quality office can sort,
 * filter and extend it in Excel. Re-applying resizes it (see the addTable op).
 */
export const ASSIGNMENT_TABLE = "TB_Assignments";
export const ASSIGNMENT_TABLE_STYLE = "TableStyleMedium2";

function assignmentTableOp(sheet: string, address: string): WorkbookOp {
  return { kind: "addTable", sheet, address, name: ASSIGNMENT_TABLE, style: ASSIGNMENT_TABLE_STYLE, showFilterButton: true };
}

/** The ops that write the whole 责任分解 sheet (headers, rows, formats). */
export function assignmentSheetOps(assignments: Assignment[], opts: AssignmentSheetOptions = {}): WorkbookOp[] {
  const sheet = opts.sheet ?? ASSIGNMENT_SHEET;
  const n = ASSIGNMENT_FIELDS.length;
  const last = columnLetter(n - 1);
  const ops: WorkbookOp[] = [];
  if (opts.create) ops.push({ kind: "addSheet", sheet, visibility: "visible" });
  const rowCount = Math.max(assignments.length, opts.previousRowCount ?? 0);
  // Text format first, so Excel keeps "1-1" as a table id instead of turning it into 1 January.
  const dateCol = columnLetter(ASSIGNMENT_FIELDS.indexOf("deadline"));
  ops.push({ kind: "setFormat", sheet, address: `A1:${last}${rowCount + 1}`, format: { numberFormat: "@", border: true, verticalAlignment: "center" } });
  ops.push({ kind: "setFormat", sheet, address: `${dateCol}2:${dateCol}${Math.max(rowCount + 1, 2)}`, format: { numberFormat: DATE_FORMAT, horizontalAlignment: "center" } });
  const rows: CellValue[][] = [ASSIGNMENT_FIELDS.map((f) => ASSIGNMENT_HEADERS[f])];
  for (const a of assignments) rows.push(assignmentRow(a));
  for (let i = assignments.length; i < rowCount; i++) rows.push(ASSIGNMENT_FIELDS.map(() => ""));
  ops.push({ kind: "setValues", sheet, address: "A1", values: rows });
  // no fill on the header: the table style colours it (an own fill would hide the style's white text)
  ops.push({ kind: "setFormat", sheet, address: `A1:${last}1`, format: { font: { bold: true }, horizontalAlignment: "center", wrapText: true } });
  ops.push({ kind: "setColumnWidths", sheet, widths: ASSIGNMENT_FIELDS.map((f, column) => ({ column, chars: WIDTHS[f] })) });
  ops.push({ kind: "freezePanes", sheet, rows: 1, columns: 2 });
  if (rowCount > 0) {
    ops.push({
      kind: "setDataValidation",
      sheet,
      address: `${dateCol}2:${dateCol}${rowCount + 1}`,
      validation: {
        rule: { type: "date", min: "2000-01-01", max: "2100-12-31" },
        errorStyle: "warning",
        errorTitle: "截止日期",
        errorMessage: "请填写日期，例如 2024-09-30 或 2024年9月30日",
        allowBlank: true,
      },
    });
  }
  ops.push(assignmentTableOp(sheet, `A1:${last}${Math.max(rowCount + 1, 2)}`));
  return ops;
}

export function assignmentRow(a: Assignment): CellValue[] {
  return ASSIGNMENT_FIELDS.map((f) => {
    switch (f) {
      case "step":
        return stepLabel(a.step);
      case "assisting":
        return a.assisting.join("、");
      case "deadline":
        return a.deadline ? localDateToSerial(a.deadline) : "";
      default:
        return a[f];
    }
  });
}

function cellFor(a: Assignment, f: AssignmentField): CellValue {
  return assignmentRow(a)[ASSIGNMENT_FIELDS.indexOf(f)];
}

function sameCell(have: CellValue | undefined, want: CellValue, f: AssignmentField, statYear?: number): boolean {
  if (f === "deadline") {
    const d = parseDateCell(have, statYear);
    return want === "" ? d.kind === "empty" : d.kind === "date" && localDateToSerial(d.date) === want;
  }
  if (f === "step") return (cellText(have) === "" && want === "") || (want !== "" && parseStep(cellText(have)) === parseStep(String(want)));
  if (f === "assisting") return splitList(have).join("、") === want;
  return cellText(have) === cellText(want);
}

/**
 * Updates an EXISTING 责任分解 sheet in place, in its own layout: each table's row keeps its
 * position and the user's extra columns (备注 …) stay with it; only the cells whose value changes
 * are written; tables not on the sheet yet are appended below the last row; a standard column the
 * sheet lacks is added after its last header. Nothing is removed.
 * `values` is the sheet read from A1 (RangeData.values with row = column = 0).
 */
export function assignmentSheetUpdateOps(values: CellValue[][], assignments: Assignment[], opts: { sheet?: string; catalog?: Catalog; statYear?: number } = {}): WorkbookOp[] {
  const sheet = opts.sheet ?? ASSIGNMENT_SHEET;
  const read = readAssignmentSheet(values, { catalog: opts.catalog, statYear: opts.statYear, sheet });
  if (!read.header) return assignmentSheetOps(assignments, { sheet, previousRowCount: 0 });
  const header = read.header;
  const cols: Partial<Record<AssignmentField, number>> = { ...header.columns };
  const ops: WorkbookOp[] = [];
  let width = Math.max(0, ...(values[header.row] ?? []).map((v, c) => (cellText(v) ? c + 1 : 0)));
  for (const f of ASSIGNMENT_FIELDS) {
    if (cols[f] !== undefined || (f === "tableName" && cols.tableId === undefined)) continue;
    cols[f] = width++;
    ops.push({ kind: "setValues", sheet, address: cellAddress(header.row, cols[f]!), values: [[ASSIGNMENT_HEADERS[f]]] });
  }
  const rowOf = new Map<string, number>();
  for (const r of read.rows) if (!rowOf.has(r.assignment.tableId)) rowOf.set(r.assignment.tableId, r.row);
  let next = Math.max(header.row, ...values.map((line, r) => ((line ?? []).some((v) => cellText(v) !== "") ? r : 0))) + 1;
  const write = (row: number, f: AssignmentField, value: CellValue) => {
    const address = cellAddress(row, cols[f]!);
    if (f === "deadline") ops.push({ kind: "setFormat", sheet, address, format: { numberFormat: DATE_FORMAT } });
    else ops.push({ kind: "setFormat", sheet, address, format: { numberFormat: "@" } });
    ops.push({ kind: "setValues", sheet, address, values: [[value]] });
  };
  for (const a of assignments) {
    const existing = rowOf.get(a.tableId);
    const row = existing ?? next++;
    for (const f of ASSIGNMENT_FIELDS) {
      if (cols[f] === undefined) continue;
      const want = cellFor(a, f);
      if (existing !== undefined && sameCell(values[row]?.[cols[f]!], want, f, opts.statYear)) continue;
      if (existing !== undefined && f === "tableId") continue;
      if (want === "" && existing === undefined) continue;
      write(row, f, want);
    }
    if (existing === undefined) rowOf.set(a.tableId, row);
  }
  const table = updatedTableAddress(values, header.row, cols, width, next);
  if (table) ops.push(assignmentTableOp(sheet, table));
  return ops;
}

/**
 * The table range after an update: the header row (from its first filled cell to the last header,
 * including headers just added) down to the last row in use. null when a header cell in that span
 * is blank or repeated: Excel would rename it ("列1", "表号2"), silently changing the user's sheet.
 */
function updatedTableAddress(values: CellValue[][], headerRow: number, cols: Partial<Record<AssignmentField, number>>, width: number, next: number): string | null {
  const header: string[] = [];
  for (let c = 0; c < width; c++) header.push(cellText(values[headerRow]?.[c]));
  for (const f of ASSIGNMENT_FIELDS) if (cols[f] !== undefined && cols[f]! >= 0) header[cols[f]!] = ASSIGNMENT_HEADERS[f];
  const first = header.findIndex((h) => h !== "");
  if (first < 0) return null;
  const span = header.slice(first);
  const keys = span.map((h) => h.toLowerCase());
  if (keys.some((k) => k === "") || new Set(keys).size !== keys.length) return null;
  const lastRow = Math.max(next - 1, headerRow + 1);
  return `${cellAddress(headerRow, first)}:${cellAddress(lastRow, header.length - 1)}`;
}

export interface AssignmentSheetRow {
  /** 0-based sheet row. */
  row: number;
  assignment: Assignment;
}

export interface ReadAssignmentsOptions {
  catalog?: Catalog;
  /** Completes month-day dates (9月30日) and is the year of the plan. */
  statYear?: number;
  sheet?: string;
  /** 0-based row/column of values[0][0] (RangeData.row/column). */
  originRow?: number;
  originColumn?: number;
}

export interface ReadAssignmentsResult {
  header: HeaderMap | null;
  rows: AssignmentSheetRow[];
  findings: WorkflowFinding[];
}

/**
 * Reads and checks the 责任分解 sheet: unknown table id, missing 责任单位, a date that is not a
 * date, a table assigned twice, an unreadable step, missing headers; and (with a catalog) tables
 * that no row assigns. Rows that are entirely empty are skipped.
 */
export function readAssignmentSheet(values: CellValue[][], opts: ReadAssignmentsOptions = {}): ReadAssignmentsResult {
  const sheet = opts.sheet ?? ASSIGNMENT_SHEET;
  const r0 = opts.originRow ?? 0;
  const c0 = opts.originColumn ?? 0;
  const findings: WorkflowFinding[] = [];
  const header = locateAssignmentHeader(values);
  if (!header) {
    findings.push({
      code: "assignment.missingHeader",
      severity: "error",
      sheet,
      message: `「${sheet}」工作表找不到表头行：需要「表号」或「表名」列，以及「责任单位」「截止日期」等列`,
    });
    return { header: null, rows: [], findings };
  }
  const cols = header.columns;
  for (const f of ["tableId", "department", "deadline"] as const) {
    if (cols[f] === undefined && !(f === "tableId" && cols.tableName !== undefined)) {
      findings.push({
        code: "assignment.missingHeader",
        severity: "error",
        sheet,
        address: cellAddress(r0 + header.row, c0),
        row: r0 + header.row,
        message: `「${sheet}」工作表第 ${r0 + header.row + 1} 行缺少表头「${ASSIGNMENT_HEADERS[f]}」`,
      });
    }
  }
  const matcher = opts.catalog ? createTableMatcher(opts.catalog) : null;
  const seen = new Map<string, number>();
  const rows: AssignmentSheetRow[] = [];
  for (let r = header.row + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    if (line.every((v) => cellText(v) === "")) continue;
    const sheetRow = r0 + r;
    const get = (f: AssignmentField): CellValue => (cols[f] === undefined ? "" : (line[cols[f]!] ?? ""));
    const at = (f: AssignmentField) => c0 + (cols[f] ?? cols.tableId ?? cols.tableName ?? 0);
    let tableId = cellText(get("tableId")).replace(/^表\s*/, "");
    let tableName = cellText(get("tableName"));
    const label = `第 ${sheetRow + 1} 行`;
    if (matcher) {
      if (tableId) {
        let t = matcher.byId(tableId);
        const idCell = get("tableId");
        if (!t && typeof idCell === "number") {
          // Excel turned a typed "1-2" into 1 月 2 日: recover the id from the date when the catalog has it.
          const d = serialToDate(idCell);
          const guess = d ? matcher.byId(`${d.m}-${d.d}`) : undefined;
          if (guess) {
            t = guess;
            findings.push(cellFinding("assignment.idAsDate", "warning", sheet, sheetRow, at("tableId"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableId"))}）：表号被 Excel 当成了日期，已按表 ${guess.id} 读取；请把该列设为文本格式后重新输入「${guess.id}」`, guess.id));
          }
        }
        if (t) {
          tableId = t.id;
          if (!tableName) tableName = t.name;
          else {
            const a = normalizeTableName(tableName), b = normalizeTableName(t.name);
            if (a && b && !a.includes(b) && !b.includes(a)) {
              findings.push(cellFinding("assignment.nameMismatch", "warning", sheet, sheetRow, at("tableName"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableName"))}）：表名「${tableName}」与表号 ${t.id} 的表名「${t.name}」不符，按表号读取`, t.id));
            }
          }
        } else {
          findings.push(cellFinding("assignment.unknownTable", "error", sheet, sheetRow, at("tableId"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableId"))}）：表号「${tableId}」不在目录中`, tableId));
        }
      } else if (tableName) {
        const m = matcher.match(tableName);
        if (m.table) {
          tableId = m.table.id;
        } else {
          findings.push(cellFinding("assignment.unknownTable", "error", sheet, sheetRow, at("tableName"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableName"))}）：${m.reason}`));
        }
      }
    } else if (!tableId && tableName) {
      tableId = parseTableRef(tableName).id;
    }
    if (!tableId) {
      if (!matcher || !tableName) {
        findings.push(cellFinding("assignment.unknownTable", "error", sheet, sheetRow, at("tableId"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableId"))}）：没有填写表号`));
      }
      continue;
    }
    const tableLabel = `表 ${tableId}${tableName ? " " + tableName : ""}`;
    const prev = seen.get(tableId);
    if (prev !== undefined) {
      findings.push(cellFinding("assignment.duplicate", "error", sheet, sheetRow, at("tableId"), `「${sheet}」${label}（${cellAddress(sheetRow, at("tableId"))}）：${tableLabel} 已在第 ${prev + 1} 行分配，同一张表只能分配一次`, tableId));
    } else seen.set(tableId, sheetRow);

    const stepCell = get("step");
    let step: number | null = null;
    if (cellText(stepCell) !== "") {
      step = parseStep(typeof stepCell === "number" ? stepCell : cellText(stepCell));
      if (step === null) {
        findings.push(cellFinding("assignment.invalidStep", "warning", sheet, sheetRow, at("step"), `「${sheet}」${label}（${cellAddress(sheetRow, at("step"))}）：步骤「${cellText(stepCell)}」看不懂，请写成「步骤一」或数字 1`, tableId));
      }
    }
    const department = cellText(get("department"));
    if (!department && cols.department !== undefined) {
      findings.push(cellFinding("assignment.missingDepartment", "error", sheet, sheetRow, at("department"), `「${sheet}」${label}（${cellAddress(sheetRow, at("department"))}）：${tableLabel} 没有填写责任单位`, tableId));
    }
    const d = parseDateCell(get("deadline"), opts.statYear);
    if (d.kind === "invalid") {
      findings.push(cellFinding("assignment.invalidDate", "error", sheet, sheetRow, at("deadline"), `「${sheet}」${label}（${cellAddress(sheetRow, at("deadline"))}）：截止日期「${d.text}」不是日期，请写成 2024-09-30 或 2024年9月30日`, tableId));
    }
    rows.push({
      row: sheetRow,
      assignment: {
        tableId,
        tableName,
        step,
        department,
        assisting: splitList(get("assisting")),
        reviewingDepartment: cellText(get("reviewingDepartment")),
        clerk: cellText(get("clerk")),
        reviewer: cellText(get("reviewer")),
        deadline: d.kind === "date" ? d.date : null,
      },
    });
  }
  if (opts.catalog) {
    for (const t of opts.catalog.tables) {
      if (!seen.has(t.id)) {
        findings.push({
          code: "assignment.notAssigned",
          severity: "warning",
          sheet,
          tableId: t.id,
          message: `「${sheet}」工作表中没有表 ${t.id} ${t.name} 的责任分解`,
        });
      }
    }
  }
  return { header, rows, findings };
}

/** The assignments by table id (first row wins when a table is assigned twice). */
export function assignmentsById(rows: Array<AssignmentSheetRow | Assignment>): Map<string, Assignment> {
  const m = new Map<string, Assignment>();
  for (const r of rows) {
    const a = "assignment" in r ? r.assignment : r;
    if (!m.has(a.tableId)) m.set(a.tableId, a);
  }
  return m;
}
