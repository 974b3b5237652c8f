/**
 * Importing a school's existing decomposition workbook (任务分解表 / 责任分解表, e.g. seed 004's
 * 「2020年数据平台采集任务分解表」) into the 责任分解 sheet.
 *
 * Columns are matched by header synonyms (数据采集表格名称 / 表格名称 → table, 采集部门 / 数据采集的部门
 * / 责任部门 → 责任单位, 审核部门 → 审核单位, 截止时间 / 数据采集截止时间 / 最终提交时间 → 截止日期,
 * 协助部门 → 协助单位 …). Tables are matched by their id prefix ("1.6机构设置") or name, item numbers
 * under a heading ("6.3 教师其他情况" then "1 培训进修" → 6.3.1). A cell naming several tables
 * ("表 1-1 学校概况 表 1-2 …", seed 000) gives one row per table; 「其他采集表」 applies to every
 * catalog table not named elsewhere. Steps written once for a block (merged cells read as blanks)
 * carry down, and so does the date of a block continued on the next row. Category headings
 * (一、基本信息（一级数据目录）) and sub-headings without a department are skipped.
 *
 * Nothing is written by the preview. Applying it never erases: an empty cell in the imported
 * workbook keeps the current value; only non-empty imported values replace.
 * Pure core.
 */
import type { Catalog, TableDef } from "../catalog/types";
import type { CellValue, WorkbookOp } from "../workbook/port";
import { cellAddress } from "../workbook/address";
import { parseStep, sortAssignments, type Assignment } from "./assignment";
import { ASSIGNMENT_FIELDS, ASSIGNMENT_HEADERS, assignmentSheetOps, assignmentSheetUpdateOps, locateAssignmentHeader, type AssignmentField } from "./assignmentSheet";
import { cellText, parseDateCell, splitList } from "./cells";
import { createTableMatcher, parseTableRef } from "./tableMatch";

export type ImportStatus = "added" | "changed" | "unchanged" | "unmatched";

export interface FieldChange {
  field: AssignmentField;
  label: string;
  before: string;
  after: string;
}

export interface ImportPreviewRow {
  status: ImportStatus;
  /** 0-based row in the imported rows. */
  sourceRow: number;
  /** The table cell as written. */
  sourceText: string;
  tableId?: string;
  tableName?: string;
  before?: Assignment;
  after?: Assignment;
  changes: FieldChange[];
  /** Why a row is unmatched, or notes such as an unreadable date (Chinese). */
  reason?: string;
}

export interface ImportPreview {
  /** 0-based header row and the fields found, with the header text as written. */
  header: { row: number; columns: Array<{ field: AssignmentField; column: number; header: string }> } | null;
  /** Headers present but not used. */
  ignoredHeaders: string[];
  rows: ImportPreviewRow[];
  /** Rows skipped as category headings or blank (0-based). */
  skippedRows: number[];
  counts: Record<ImportStatus, number>;
  /** Set when nothing can be imported (no header). */
  error?: string;
}

export interface ImportOptions {
  catalog: Catalog;
  /** The assignments now on the 责任分解 sheet. */
  current: Assignment[];
  /** Year for dates written as 11月18日. */
  statYear: number;
}

function fieldText(a: Assignment, f: AssignmentField): string {
  const v = a[f];
  if (Array.isArray(v)) return v.join("、");
  if (v === null || v === undefined) return "";
  return String(v);
}

export function previewDecompositionImport(rows: CellValue[][], opts: ImportOptions): ImportPreview {
  const counts: Record<ImportStatus, number> = { added: 0, changed: 0, unchanged: 0, unmatched: 0 };
  const header = locateAssignmentHeader(rows);
  if (!header) {
    return {
      header: null,
      ignoredHeaders: [],
      rows: [],
      skippedRows: [],
      counts,
      error: "找不到表头行：需要「数据采集表格名称」（或「表格名称」「表号」）以及「采集部门」「审核部门」「截止时间」等列",
    };
  }
  const cols = header.columns;
  const headerLine = rows[header.row] ?? [];
  const used = new Set(Object.values(cols));
  const ignoredHeaders = headerLine
    .map((v, c) => ({ t: cellText(v), c }))
    .filter((x) => x.t && !used.has(x.c) && !/^序号$/.test(x.t))
    .map((x) => x.t);
  const matcher = createTableMatcher(opts.catalog);
  const current = new Map(opts.current.map((a) => [a.tableId, a] as const));
  const seen = new Map<string, number>();
  const out: ImportPreviewRow[] = [];
  const skippedRows: number[] = [];
  let parentId = "";
  let carriedStep: number | null = null;
  let carried: { deadline: string; row: number } | null = null;
  /** A row meaning "all other tables" (seed 000: 步骤五 其他采集表), applied at the end. */
  let others: { r: number; values: RowValues } | null = null;

  interface RowValues {
    department: string;
    reviewing: string;
    assisting: string[];
    clerk: string;
    reviewer: string;
    step: number | null;
    deadline: string | null;
    notes: string[];
  }

  const emit = (t: TableDef, r: number, sourceText: string, v: RowValues, source: string) => {
    const before = current.get(t.id);
    const base: Assignment = before
      ? { ...before, assisting: [...before.assisting] }
      : { tableId: t.id, tableName: t.name, step: null, department: "", assisting: [], reviewingDepartment: "", clerk: "", reviewer: "", deadline: null };
    const after: Assignment = { ...base, assisting: [...base.assisting], source };
    if (v.department) after.department = v.department;
    if (v.reviewing) after.reviewingDepartment = v.reviewing;
    if (v.assisting.length) after.assisting = v.assisting;
    if (v.clerk) after.clerk = v.clerk;
    if (v.reviewer) after.reviewer = v.reviewer;
    if (v.step !== null) after.step = v.step;
    if (v.deadline) after.deadline = v.deadline;
    const changes: FieldChange[] = [];
    for (const f of ASSIGNMENT_FIELDS) {
      if (f === "tableId" || f === "tableName") continue;
      const b = before ? fieldText(before, f) : "";
      const a = fieldText(after, f);
      if (b !== a) changes.push({ field: f, label: ASSIGNMENT_HEADERS[f], before: b, after: a });
    }
    const status: ImportStatus = !before ? "added" : changes.length ? "changed" : "unchanged";
    counts[status]++;
    const row: ImportPreviewRow = { status, sourceRow: r, sourceText, tableId: t.id, tableName: t.name, after, changes };
    if (before) row.before = before;
    if (v.notes.length) row.reason = v.notes.join("；");
    out.push(row);
  };

  for (let r = header.row + 1; r < rows.length; r++) {
    const line = rows[r] ?? [];
    const get = (f: AssignmentField): CellValue => (cols[f] === undefined ? "" : (line[cols[f]!] ?? ""));
    const stepText = cellText(get("step"));
    if (stepText) {
      const s = parseStep(stepText);
      if (s !== null) carriedStep = s;
    }
    const idText = cellText(get("tableId"));
    const nameText = cellText(get("tableName"));
    const sourceText = [idText, nameText].filter(Boolean).join(" ");
    const department = cellText(get("department"));
    if (!sourceText) {
      skippedRows.push(r);
      continue;
    }
    const isHeading = /一级数据目录|^[一二三四五六七八九十]+[、.．]/.test(sourceText) && !department;
    if (isHeading) {
      skippedRows.push(r);
      continue;
    }
    const v: RowValues = {
      department,
      reviewing: cellText(get("reviewingDepartment")),
      assisting: splitList(get("assisting")),
      clerk: cellText(get("clerk")),
      reviewer: cellText(get("reviewer")),
      step: cols.step !== undefined ? carriedStep : null,
      deadline: null,
      notes: [],
    };
    const d = parseDateCell(get("deadline"), opts.statYear);
    if (d.kind === "date") {
      v.deadline = d.date;
      carried = { deadline: d.date, row: r };
    } else if (d.kind === "invalid") v.notes.push(`${cellAddress(r, cols.deadline!)} 的截止时间「${d.text}」不是日期，保留原值`);
    else if (!stepText && cols.step !== undefined && carried) {
      // A block continued on the next row (merged 录入顺序 and date cells read as blanks).
      v.deadline = carried.deadline;
      v.notes.push(`截止日期沿用第 ${carried.row + 1} 行`);
    }
    if (/^其他(采集|数据)?表(格)?$/.test(sourceText.replace(/\s+/g, ""))) {
      others = { r, values: v };
      continue;
    }
    const parts = splitTableRefs(sourceText);
    for (const text of parts) {
      const ref = parseTableRef(text);
      const m = matcher.match(text, parentId || undefined);
      if (ref.id && /[.\-]/.test(ref.id)) parentId = ref.id;
      if (!m.table) {
        if (parts.length === 1 && cols.department !== undefined && !department && !v.reviewing) {
          // A sub-heading such as "6.3 教师其他情况" whose items follow: not an assignment itself.
          skippedRows.push(r);
          continue;
        }
        out.push({ status: "unmatched", sourceRow: r, sourceText: text, changes: [], reason: `第 ${r + 1} 行「${text}」：${m.reason}` });
        counts.unmatched++;
        continue;
      }
      const t = m.table;
      const dup = seen.get(t.id);
      if (dup !== undefined) {
        out.push({ status: "unmatched", sourceRow: r, sourceText: text, tableId: t.id, tableName: t.name, changes: [], reason: `第 ${r + 1} 行「${text}」：表 ${t.id} 已在第 ${dup + 1} 行出现，重复的行不导入` });
        counts.unmatched++;
        continue;
      }
      seen.set(t.id, r);
      emit(t, r, text, v, `导入 第${r + 1}行`);
    }
  }
  if (others) {
    const o = others;
    for (const t of opts.catalog.tables) {
      if (seen.has(t.id)) continue;
      emit(t, o.r, "其他采集表", { ...o.values, notes: [...o.values.notes, `第 ${o.r + 1} 行「其他采集表」`] }, `导入 第${o.r + 1}行（其他采集表）`);
    }
  }
  return {
    header: {
      row: header.row,
      columns: (Object.entries(cols) as Array<[AssignmentField, number]>).map(([field, column]) => ({ field, column, header: cellText(headerLine[column]) })),
    },
    ignoredHeaders,
    rows: out,
    skippedRows,
    counts,
  };
}

/**
 * "表 1-1 学校概况 表 1-2 学校相关党政单位 表 1-3 学校教学科研单位" (several tables in one cell, as in
 * seed 000) → one text per table. A cell with one table comes back unchanged.
 */
export function splitTableRefs(text: string): string[] {
  const parts = text.split(/(?=表\s*[0-9０-９]+(?:\s*[.\-－]\s*[0-9０-９]+)+)/).map((x) => x.trim()).filter(Boolean);
  return parts.length > 1 ? parts : [text];
}

export interface ImportApplyResult {
  assignments: Assignment[];
  ops: WorkbookOp[];
}

/**
 * Applies a preview: added and changed rows replace/extend the current assignments (others stay
 * as they are). With `sheetValues` (the existing 责任分解 sheet read from A1) the sheet is updated in
 * place — rows keep their positions and the user's extra columns, new tables are appended; without
 * it a new sheet is written in step order.
 */
export function applyDecompositionImport(
  preview: ImportPreview,
  opts: ImportOptions & { sheetExists: boolean; previousRowCount?: number; sheetValues?: CellValue[][] },
): ImportApplyResult {
  const next = new Map(opts.current.map((a) => [a.tableId, a] as const));
  const touched: Assignment[] = [];
  for (const r of preview.rows) {
    if ((r.status === "added" || r.status === "changed") && r.after) {
      next.set(r.after.tableId, r.after);
      touched.push(r.after);
    }
  }
  const assignments = sortAssignments([...next.values()], opts.catalog);
  const ops =
    opts.sheetExists && opts.sheetValues
      ? assignmentSheetUpdateOps(opts.sheetValues, sortAssignments(touched, opts.catalog), { catalog: opts.catalog, statYear: opts.statYear })
      : assignmentSheetOps(assignments, { create: !opts.sheetExists, previousRowCount: opts.previousRowCount ?? opts.current.length });
  return { assignments, ops };
}
