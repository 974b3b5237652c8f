/**
 * The template planner: from a catalog, the chosen tables, the options and the current workbook
 * state to a list of batched WorkbookOps plus a report. Pure: it reads nothing and writes nothing;
 * `loadTemplates` (load.ts) reads the state, plans and applies.
 *
 * Guarantees:
 *  - a table already in the workbook (see binding.ts) is never rewritten: its sheet's cells stay
 *    as they are; header differences are reported with addresses; only missing metadata (defined
 *    name, worksheet property, meta row) is added back;
 *  - bad input (unknown table, bad year, another catalog or year than the workbook's) throws a
 *    TemplateError before any op is produced;
 *  - ops come in batches of a few tables, each well under the request size budget, so loading
 *    all ~100 本科 tables takes a handful of `apply` calls.
 * Pure core: no Office, DOM or React imports.
 */
import { CatalogError } from "../catalog/errors";
import { parseStatYear } from "../catalog/period";
import type { Catalog, TableDef } from "../catalog/types";
import { META_FORMAT_VERSION, META_KEYS, createMetaOps, setSettingOps, setTableRowOps, type MetaData } from "../settings/meta";
import { cellAddress, columnLetter, parseRange, rangeAddress } from "../workbook/address";
import type { CellValue, FormatSpec, WorkbookOp } from "../workbook/port";
import { bindTables, type Binding, type BindingSource } from "./binding";
import { codeListsFor, displayWidth, headerNote, numberFormatFor, validationFor, widthFor } from "./columns";
import { TemplateError } from "./errors";
import { compareHeaders, type HeaderDifference } from "./headers";
import {
  DEFAULT_DATA_ROWS,
  FIRST_DATA_ROW,
  META_SHEET,
  HEADER_ROW,
  PERIOD_ROW,
  PROP_CATALOG_ID,
  PROP_DEPARTMENT,
  PROP_TABLE_ID,
  RESPONSIBILITY_CELLS,
  RESPONSIBILITY_ROW,
  SINGLE_FORM_HEADERS,
  TITLE_ROW,
  tableNameFor,
} from "./layout";
import { ensureLookupOps, type LookupState } from "./lookup";
import { resolveTableIds } from "./select";
import { tableSheetName } from "./sheetName";
import { topGrid, type WorkbookState } from "./state";
import { periodText, responsibilityRow, tableTitle } from "./titles";


/**
 * Lists with one row per student, staff member or course grow far past DEFAULT_DATA_ROWS in a large
 * university (the benchmark's school has 50,000 undergraduates). Their text formats ("@" keeps the
 * leading zeros of codes and ID numbers) and drop-downs must reach every row a clerk may paste
 * into, or Excel silently turns "01" into 1 below the formatted block. Ids are the 本科 (1-6) and
 * 高职 (10.1.1) numbering; formats are sent in row bands, so the size costs syncs, not one huge request.
 */
export const LARGE_TABLE_ROWS: Readonly<Record<string, number>> = {
  "1-6": 60000, // 本科生基本情况
  "1-5-1": 10000, // 教职工基本信息
  "1-5-2": 10000, // 教职工其他信息
  "1-5-3": 10000, // 外聘和兼职教师基本信息
  "5-1-1": 30000, // 开课情况
  "6.1": 10000, // 教师基本情况
  "6.2": 30000, // 教师授课情况
  "7.2": 30000, // 课程设置
  "10.1.1": 60000, // 学生基本信息
  "10.1.2": 60000, // 学生就业信息
  "11.6": 20000, // 新生名单
};

export interface TemplateOptions {
  /** 统计年度 (2000–2100); strings with full-width digits or spaces are accepted. */
  statYear: number | string;
  /** 责任单位 written into the responsibility row and the sheet property. */
  department?: string;
  /** Data rows formatted and validated below the header (default DEFAULT_DATA_ROWS). */
  dataRows?: number;
  /**
   * Put the number formats of list tables on whole columns instead of the data rows only, so a
   * code typed in row 5,000 still keeps its leading zeros. For ports that store column styles
   * cheaply (the xlsx adapter); the Excel adapter sends one entry per cell, so the pane keeps the
   * default (bounded). Validations are always bounded to the data rows.
   */
  wholeColumnFormats?: boolean;
  /** Tables per `apply` call (default 10). */
  tablesPerBatch?: number;
  /** Upper bound of the estimated request size per `apply` call in bytes (default 4 MB). */
  maxBatchBytes?: number;
}

export type ReportLevel = "info" | "warning" | "error";

export interface ReportEntry {
  level: ReportLevel;
  code: "added" | "present" | "headerDiffers" | "conflict" | "repaired" | "lookupRestored" | "metaProblem" | "incomplete";
  tableId?: string;
  sheet?: string;
  address?: string;
  /** Chinese, ready to show. */
  message: string;
}

export interface TemplateReport {
  catalogId: string;
  statYear: number;
  added: Array<{ tableId: string; name: string; sheet: string }>;
  present: Array<{ tableId: string; name: string; sheet: string; via: BindingSource }>;
  differs: Array<{ tableId: string; name: string; sheet: string; differences: HeaderDifference[] }>;
  entries: ReportEntry[];
}

export interface PlanBatch {
  /** Tables this batch adds (empty for a batch that only writes settings or repairs metadata). */
  tableIds: string[];
  ops: WorkbookOp[];
  /** Estimated request size (UTF-8 bytes of the ops as JSON). */
  bytes: number;
}

export interface TemplatePlan {
  batches: PlanBatch[];
  report: TemplateReport;
  binding: Binding;
}

const HEADER_FILL = "#DDEBF7";
const REQUIRED_HEADER_FILL = "#FCE4D6";
const NOTICE_FILL = "#FFE0E0";
const DEFAULT_TABLES_PER_BATCH = 10;
export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;
/** Tables with more columns than this also freeze their first column. */
export const WIDE_TABLE_COLUMNS = 8;

const encoder = new TextEncoder();
/**
 * Estimated request size of `ops` in bytes: their JSON, plus what a bounded number format costs
 * in Excel, where `range.numberFormat` takes one entry per cell (whole columns are column styles).
 */
export function opBytes(ops: WorkbookOp[]): number {
  let n = encoder.encode(JSON.stringify(ops)).length;
  for (const o of ops) {
    if (o.kind !== "setFormat" || o.format.numberFormat === undefined) continue;
    const r = parseRange(o.address);
    if (r.rowCount < 1048576) n += r.rowCount * r.columnCount * (o.format.numberFormat.length + 3);
  }
  return n;
}

function where(table: TableDef): string {
  return `表${table.id} ${table.name}`;
}

function who(table: TableDef, sheet: string): string {
  return `${where(table)}（工作表“${sheet}”）`;
}

/** The notice written on a table whose fields are incomplete in the catalog. */
export function incompleteNotice(table: TableDef): string {
  return table.columns.length > 0
    ? `注意：本表字段不完整——目录中只有已知的 ${table.columns.length} 个字段，请对照平台下载的官方模板补全表头后再填报。`
    : `注意：本表字段不完整——目录中还没有本表的字段，请对照平台下载的官方模板填写表头后再填报。`;
}

/** Column index right of the title text, so a notice there does not cut the title off. */
function noticeColumn(title: string, widths: number[]): number {
  const need = displayWidth(title) + 2;
  let sum = 0;
  for (let c = 0; c < 50; c++) {
    sum += widths[c] ?? 10;
    if (sum >= need) return c + 1;
  }
  return 4;
}

/** Title, period and responsibility rows (shared by both shapes). */
function titleOps(table: TableDef, sheet: string, statYear: number, department: string | undefined, widths: number[]): WorkbookOp[] {
  const title = tableTitle(table);
  const resp = responsibilityRow({ department });
  const respEnd = cellAddress(RESPONSIBILITY_ROW, resp.length - 1);
  const ops: WorkbookOp[] = [
    // Value cells of the responsibility row: department names as text, the deadline as a date.
    { kind: "setFormat", sheet, address: cellAddress(RESPONSIBILITY_ROW, RESPONSIBILITY_CELLS.department.valueColumn), format: { numberFormat: "@" } },
    { kind: "setFormat", sheet, address: cellAddress(RESPONSIBILITY_ROW, RESPONSIBILITY_CELLS.reviewingDepartment.valueColumn), format: { numberFormat: "@" } },
    { kind: "setFormat", sheet, address: cellAddress(RESPONSIBILITY_ROW, RESPONSIBILITY_CELLS.deadline.valueColumn), format: { numberFormat: "yyyy-mm-dd" } },
    { kind: "setValues", sheet, address: cellAddress(TITLE_ROW, 0), values: [[title]] },
    { kind: "setFormat", sheet, address: cellAddress(TITLE_ROW, 0), format: { font: { bold: true, size: 14 } } },
    { kind: "setValues", sheet, address: cellAddress(PERIOD_ROW, 0), values: [[periodText(table.period, statYear)]] },
    { kind: "setFormat", sheet, address: cellAddress(PERIOD_ROW, 0), format: { font: { color: "#404040" } } },
    { kind: "setValues", sheet, address: `${cellAddress(RESPONSIBILITY_ROW, 0)}:${respEnd}`, values: [resp] },
  ];
  for (const cell of Object.values(RESPONSIBILITY_CELLS))
    ops.push({ kind: "setFormat", sheet, address: cellAddress(RESPONSIBILITY_ROW, cell.labelColumn), format: { font: { bold: true, color: "#595959" } } });
  if (table.incomplete) {
    const c = noticeColumn(title, widths);
    ops.push(
      { kind: "setValues", sheet, address: cellAddress(TITLE_ROW, c), values: [[incompleteNotice(table)]] },
      { kind: "setFormat", sheet, address: cellAddress(TITLE_ROW, c), format: { fill: NOTICE_FILL, font: { bold: true, color: "#C00000" } } },
    );
  }
  return ops;
}

function headerFormat(required: boolean): FormatSpec {
  return {
    fill: required ? REQUIRED_HEADER_FILL : HEADER_FILL,
    font: { bold: true },
    border: true,
    wrapText: true,
    horizontalAlignment: "center",
    verticalAlignment: "center",
  };
}

/** A1 address of a block: "B7" for one cell, "B5:B6" otherwise. */
function area(row: number, column: number, lastRow: number, lastColumn: number): string {
  return rangeAddress({ row, column, rowCount: lastRow - row + 1, columnCount: lastColumn - column + 1 });
}

/** Groups adjacent columns with equal keys into runs [start, end]. */
function runs<T>(items: T[], key: (t: T) => string): Array<{ start: number; end: number; item: T }> {
  const out: Array<{ start: number; end: number; item: T }> = [];
  items.forEach((it, i) => {
    const last = out[out.length - 1];
    if (last && last.end === i - 1 && key(last.item) === key(it)) last.end = i;
    else out.push({ start: i, end: i, item: it });
  });
  return out;
}

function listTableOps(
  table: TableDef,
  sheet: string,
  catalog: Catalog,
  lookup: LookupState,
  dataRows: number,
  wholeColumns: boolean,
): { ops: WorkbookOp[]; widths: number[] } {
  const cols = table.columns;
  const ops: WorkbookOp[] = [];
  const widths = cols.map((c) => widthFor(c));
  // The responsibility row's label cells need room.
  for (let c = 0; c < 6; c++) widths[c] = Math.max(widths[c] ?? 0, 11);
  const lastData = FIRST_DATA_ROW + dataRows - 1;
  const colRange = (start: number, end: number) => area(FIRST_DATA_ROW, start, lastData, end);
  // Number formats before anything is typed, in runs of equal format.
  const formatRange = (start: number, end: number) => (wholeColumns ? `${columnLetter(start)}:${columnLetter(end)}` : colRange(start, end));
  for (const r of runs(cols, (c) => numberFormatFor(c))) {
    ops.push({ kind: "setFormat", sheet, address: formatRange(r.start, r.end), format: { numberFormat: numberFormatFor(r.item) } });
  }
  if (cols.length > 0) {
    const headerRange = area(HEADER_ROW, 0, HEADER_ROW, cols.length - 1);
    ops.push({ kind: "setValues", sheet, address: headerRange, values: [cols.map((c) => c.header)] });
    for (const r of runs(cols, (c) => String(c.required)))
      ops.push({ kind: "setFormat", sheet, address: area(HEADER_ROW, r.start, HEADER_ROW, r.end), format: headerFormat(r.item.required) });
  }
  cols.forEach((col, i) => {
    ops.push({ kind: "setNote", sheet, address: cellAddress(HEADER_ROW, i), text: headerNote(col, catalog) });
    const v = validationFor(col, catalog, lookup, `${where(table)}【${col.header}】`);
    if (v) ops.push({ kind: "setDataValidation", sheet, address: colRange(i, i), validation: v });
  });
  ops.push({ kind: "freezePanes", sheet, rows: FIRST_DATA_ROW, columns: cols.length > WIDE_TABLE_COLUMNS ? 1 : 0 });
  return { ops, widths };
}

function singleTableOps(table: TableDef, sheet: string, catalog: Catalog, lookup: LookupState): { ops: WorkbookOp[]; widths: number[] } {
  const cols = table.columns;
  const ops: WorkbookOp[] = [];
  const widths = [28, 30, 11, 60];
  const headerRange = area(HEADER_ROW, 0, HEADER_ROW, SINGLE_FORM_HEADERS.length - 1);
  ops.push({ kind: "setValues", sheet, address: headerRange, values: [[...SINGLE_FORM_HEADERS]] });
  ops.push({ kind: "setFormat", sheet, address: headerRange, format: headerFormat(false) });
  if (cols.length > 0) {
    const first = FIRST_DATA_ROW;
    const last = FIRST_DATA_ROW + cols.length - 1;
    // Per-row number formats on the value column first, then the labels, units and 指标解释.
    const valueCol = 1;
    for (const r of runs(cols, (c) => numberFormatFor(c)))
      ops.push({ kind: "setFormat", sheet, address: area(first + r.start, valueCol, first + r.end, valueCol), format: { numberFormat: numberFormatFor(r.item) } });
    ops.push({ kind: "setFormat", sheet, address: area(first, 0, last, 0), format: { numberFormat: "@", wrapText: true, verticalAlignment: "top" } });
    ops.push({ kind: "setFormat", sheet, address: area(first, 2, last, 3), format: { numberFormat: "@", wrapText: true, verticalAlignment: "top" } });
    const values: CellValue[][] = cols.map((c) => [c.header, "", c.unit ?? "", c.description ?? ""]);
    // Column B stays untouched (it is where people type): write A and C:D separately.
    ops.push({ kind: "setValues", sheet, address: area(first, 0, last, 0), values: values.map((v) => [v[0]]) });
    ops.push({ kind: "setValues", sheet, address: area(first, 2, last, 3), values: values.map((v) => [v[2], v[3]]) });
    for (const r of runs(cols, (c) => String(c.required)))
      ops.push({ kind: "setFormat", sheet, address: area(first + r.start, 0, first + r.end, 0), format: { fill: r.item.required ? REQUIRED_HEADER_FILL : HEADER_FILL, font: { bold: true } } });
    ops.push({ kind: "setFormat", sheet, address: area(first, 0, last, 3), format: { border: true } });
    cols.forEach((col, i) => {
      ops.push({ kind: "setNote", sheet, address: cellAddress(first + i, 0), text: headerNote(col, catalog) });
      const v = validationFor(col, catalog, lookup, `${where(table)}【${col.header}】`);
      if (v) ops.push({ kind: "setDataValidation", sheet, address: cellAddress(first + i, valueCol), validation: v });
    });
  }
  ops.push({ kind: "freezePanes", sheet, rows: FIRST_DATA_ROW, columns: 1 });
  return { ops, widths };
}

/** All ops that create one table's sheet (sheet, bindings, title rows, header, formats, validations). */
export function tableSheetOps(
  table: TableDef,
  sheet: string,
  catalog: Catalog,
  lookup: LookupState,
  opts: { statYear: number; department?: string; dataRows: number; wholeColumnFormats?: boolean },
): WorkbookOp[] {
  const body =
    table.shape === "single"
      ? singleTableOps(table, sheet, catalog, lookup)
      : listTableOps(table, sheet, catalog, lookup, opts.dataRows, opts.wholeColumnFormats ?? false);
  const ops: WorkbookOp[] = [
    { kind: "addSheet", sheet },
    { kind: "setCustomProperty", sheet, key: PROP_TABLE_ID, value: table.id },
    { kind: "setCustomProperty", sheet, key: PROP_CATALOG_ID, value: catalog.id },
  ];
  if (opts.department) ops.push({ kind: "setCustomProperty", sheet, key: PROP_DEPARTMENT, value: opts.department });
  ops.push({ kind: "addName", name: tableNameFor(table.id), sheet, address: "A1" });
  ops.push(...body.ops);
  ops.push(...titleOps(table, sheet, opts.statYear, opts.department, body.widths));
  ops.push({ kind: "setColumnWidths", sheet, widths: body.widths.map((chars, column) => ({ column, chars })) });
  return ops;
}

function parseYear(value: number | string): number {
  try {
    return parseStatYear(value);
  } catch (e) {
    if (e instanceof CatalogError) throw new TemplateError("invalidYear", e.message, [String(value)]);
    throw e;
  }
}

function checkWorkbook(meta: MetaData, catalog: Catalog, statYear: number): void {
  const cat = meta.settings[META_KEYS.catalogId]?.value;
  if (cat && cat !== catalog.id)
    throw new TemplateError(
      "catalogMismatch",
      `本工作簿已按目录“${cat}”载入数据表，不能再载入目录“${catalog.name}”（${catalog.id}）的表；请另建一个工作簿`,
      [cat, catalog.id],
    );
  const y = meta.settings[META_KEYS.statYear]?.value;
  if (y && /^\d{4}$/.test(y) && Number(y) !== statYear)
    throw new TemplateError(
      "yearMismatch",
      `本工作簿的统计年度是 ${y}，与所选的 ${statYear} 不同；一个工作簿只有一个统计年度，请先在“设置”中修改统计年度，或另建工作簿`,
      [y, String(statYear)],
    );
}

/**
 * Plans loading `tableIds` ("all" or ids) into the workbook described by `existing`.
 * Throws TemplateError for bad input; otherwise returns batches of ops and the report.
 */
export function planTemplates(catalog: Catalog, tableIds: readonly string[] | "all", options: TemplateOptions, existing: WorkbookState): TemplatePlan {
  const statYear = parseYear(options.statYear);
  const tables = resolveTableIds(catalog, tableIds);
  // Work on copies: planning must not change the caller's state.
  const meta: MetaData = structuredClone(existing.meta);
  const lookup: LookupState = { exists: existing.lookup.exists, nextColumn: existing.lookup.nextColumn, lists: new Map(existing.lookup.lists) };
  checkWorkbook(meta, catalog, statYear);
  const dataRows = Math.max(1, Math.min(options.dataRows ?? DEFAULT_DATA_ROWS, 100000));
  // An explicit dataRows is the caller's choice; otherwise large lists get room for a large university.
  const rowsFor = (table: TableDef) => (options.dataRows === undefined ? Math.max(dataRows, LARGE_TABLE_ROWS[table.id] ?? 0) : dataRows);
  const department = options.department?.trim() || undefined;

  const binding = bindTables(existing, catalog);
  const report: TemplateReport = { catalogId: catalog.id, statYear, added: [], present: [], differs: [], entries: [] };
  for (const p of meta.problems) report.entries.push({ level: "warning", code: "metaProblem", message: p });
  for (const c of binding.conflicts) report.entries.push({ level: "warning", code: "conflict", tableId: c.tableId, sheet: c.sheet, message: c.message });

  // Prologue: meta sheet, settings and the code lists of the tables to add.
  const prologue: WorkbookOp[] = [];
  if (!meta.exists) {
    prologue.push(...createMetaOps());
    meta.exists = true;
  }
  const settings: Record<string, string> = {};
  if (meta.settings[META_KEYS.formatVersion]?.value !== String(META_FORMAT_VERSION)) settings[META_KEYS.formatVersion] = String(META_FORMAT_VERSION);
  if (!meta.settings[META_KEYS.catalogId]?.value) settings[META_KEYS.catalogId] = catalog.id;
  const storedYear = meta.settings[META_KEYS.statYear];
  if (!/^\d{4}$/.test(storedYear?.value ?? "")) {
    settings[META_KEYS.statYear] = String(statYear);
    if (storedYear?.value)
      report.entries.push({
        level: "warning",
        code: "metaProblem",
        message: `隐藏的元数据表 ${META_SHEET} 中的统计年度“${storedYear.value}”（B${storedYear.row + 1}）无效，已改为 ${statYear}`,
      });
  }
  prologue.push(...setSettingOps(meta, settings));

  const toAdd = tables.filter((t) => !binding.tables.has(t.id));
  // The code lists of every requested table: new tables need them, and a list a loaded table uses
  // that was altered on the hidden sheet is restored in place (its drop-downs point there).
  const lookupResult = ensureLookupOps(lookup, codeListsFor(tables, catalog).map((id) => catalog.codeLists[id]));
  prologue.push(...lookupResult.ops);
  for (const n of lookupResult.notes) report.entries.push({ level: "warning", code: "lookupRestored", message: n });

  // Tables already loaded: compare headers, add back missing metadata, touch no cell.
  const repairs: WorkbookOp[] = [];
  const namesTaken = existing.names.map((n) => n.name.toUpperCase());
  for (const table of tables) {
    const b = binding.tables.get(table.id);
    if (!b) continue;
    report.present.push({ tableId: table.id, name: table.name, sheet: b.sheet, via: b.via });
    report.entries.push({ level: "info", code: "present", tableId: table.id, sheet: b.sheet, message: `${where(table)}已在工作表“${b.sheet}”中，未改动` });
    const source = table.shape === "single" ? existing.tall.get(b.sheet) ?? existing.tops.get(b.sheet) : existing.tops.get(b.sheet);
    const cmp = compareHeaders(table, topGrid(source), who(table, b.sheet));
    if (cmp.differences.length > 0) {
      report.differs.push({ tableId: table.id, name: table.name, sheet: b.sheet, differences: cmp.differences });
      for (const d of cmp.differences)
        report.entries.push({ level: "warning", code: "headerDiffers", tableId: table.id, sheet: b.sheet, address: d.address, message: d.message });
    }
    const fixed: string[] = [];
    const info = existing.sheets.find((s) => s.name === b.sheet);
    if (!b.found.name && !namesTaken.includes(tableNameFor(table.id).toUpperCase())) {
      repairs.push({ kind: "addName", name: tableNameFor(table.id), sheet: b.sheet, address: "A1" });
      fixed.push(`定义名称 ${tableNameFor(table.id)}`);
    }
    if (info && !info.customProperties[PROP_TABLE_ID]) {
      repairs.push({ kind: "setCustomProperty", sheet: b.sheet, key: PROP_TABLE_ID, value: table.id });
      if (!info.customProperties[PROP_CATALOG_ID]) repairs.push({ kind: "setCustomProperty", sheet: b.sheet, key: PROP_CATALOG_ID, value: catalog.id });
      fixed.push("工作表属性");
    }
    const row = meta.tables.find((r) => r.tableId === table.id);
    if (!row || row.sheet !== b.sheet) {
      repairs.push(
        ...setTableRowOps(meta, {
          tableId: table.id,
          sheet: b.sheet,
          catalogId: row?.catalogId || catalog.id,
          statYear: row?.statYear ?? statYear,
          formatVersion: row?.formatVersion ?? META_FORMAT_VERSION,
          period: table.period,
        }),
      );
      if (!row) fixed.push("元数据记录");
    }
    if (fixed.length > 0)
      report.entries.push({ level: "info", code: "repaired", tableId: table.id, sheet: b.sheet, message: `${where(table)}：已补回绑定信息（${fixed.join("、")}），工作表内容未改动` });
  }

  // New tables: one unit of ops each.
  const taken = existing.sheets.map((s) => s.name);
  const units: Array<{ tableId: string; ops: WorkbookOp[] }> = [];
  for (const table of toAdd) {
    const sheet = tableSheetName(table, taken);
    taken.push(sheet);
    const ops = tableSheetOps(table, sheet, catalog, lookup, { statYear, department, dataRows: rowsFor(table), wholeColumnFormats: options.wholeColumnFormats });
    ops.push(...setTableRowOps(meta, { tableId: table.id, sheet, catalogId: catalog.id, statYear, formatVersion: META_FORMAT_VERSION, period: table.period }));
    units.push({ tableId: table.id, ops });
    report.added.push({ tableId: table.id, name: table.name, sheet });
    report.entries.push({ level: "info", code: "added", tableId: table.id, sheet, message: `已新增${where(table)} → 工作表“${sheet}”` });
    if (table.incomplete)
      report.entries.push({ level: "warning", code: "incomplete", tableId: table.id, sheet, message: `${where(table)}的字段在目录中不完整，工作表上已注明` });
  }

  return { batches: batch(prologue.concat(repairs), units, options), report, binding };
}

/** Packs units into batches of at most N tables and the byte budget; the prologue goes first. */
function batch(prologue: WorkbookOp[], units: Array<{ tableId: string; ops: WorkbookOp[] }>, options: TemplateOptions): PlanBatch[] {
  const perBatch = Math.max(1, options.tablesPerBatch ?? DEFAULT_TABLES_PER_BATCH);
  const maxBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const batches: PlanBatch[] = [];
  let current: PlanBatch = { tableIds: [], ops: prologue.slice(), bytes: opBytes(prologue) };
  for (const u of units) {
    const bytes = opBytes(u.ops);
    if (current.tableIds.length > 0 && (current.tableIds.length >= perBatch || current.bytes + bytes > maxBytes)) {
      batches.push(current);
      current = { tableIds: [], ops: [], bytes: 0 };
    }
    current.tableIds.push(u.tableId);
    current.ops.push(...u.ops);
    current.bytes += bytes;
  }
  if (current.ops.length > 0) batches.push(current);
  for (const b of batches) b.bytes = opBytes(b.ops);
  return batches;
}
