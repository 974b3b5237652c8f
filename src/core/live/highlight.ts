/**
 * How live validation marks failing cells in the sheet — the design, and the pure helpers for it.
 *
 * Two mechanisms, each used for what it does best:
 *
 * 1. CONDITIONAL FORMATS for what an Excel formula can say on its own, added ONCE per table sheet
 *    (the first time the sheet is checked; remembered in the sheet property PROP_LIVE_CF), never per
 *    keystroke, and bounded to the data block (first data row … a margin below the last record,
 *    the table's own columns — never whole columns):
 *      - required-empty: a required column is empty while the row holds something;
 *      - not-a-number: a numeric column holds text that VALUE() cannot read.
 *    Only two rules per sheet: the column test is `OR(B$4="教龄",B$4="年收入")` on the header row,
 *    so one rule covers every numeric (required) column and keeps working when columns move.
 *    Why: Excel recomputes them itself while the clerk types (no round trip at all), they survive
 *    the pane being closed, they do not touch the cell's own fill, and they do not fight undo.
 *
 * 2. ADD-IN FILLS for everything else (uniqueness, cross-table existence, ID-card check digits,
 *    code lists, sums, dates …), which need the engine's indexes or the catalog. A fill is written
 *    only when a cell starts or stops failing (the engine's FindingsDelta), never for the whole
 *    sheet. Before painting, the cell's ORIGINAL fill is read (ReadRequest.fills) and kept in
 *    memory and on the very hidden MARKS_SHEET (one slot row per painted cell), so clearing
 *    restores the clerk's own colour — also after the pane was closed and reopened. If the clerk
 *    repainted a marked cell meanwhile, their colour wins: we only forget our mark.
 *    A cell a conditional format already shows red for the same reason is not painted twice
 *    (`coveredByCf` mirrors the CF formulas conservatively: when in doubt, we paint).
 *
 * Never in the change path: protect/unprotect, visibility changes, adding sheets or conditional
 * formats (those clear Excel's undo stack or pile up); a protected sheet is not painted at all.
 * Pure core: no Office, DOM or React imports.
 */
import type { TableDef } from "../catalog/types";
import { cellAddress, columnLetter, parseCell, quoteSheet } from "../workbook/address";
import type { CellValue, WorkbookOp } from "../workbook/port";
import type { Finding, TableData } from "../validation/types";

/** Fill for cells with an error (Excel's "light red fill"). */
export const ERROR_FILL = "#FFC7CE";
/** Fill for cells with a warning only. */
export const WARNING_FILL = "#FFEB9C";
/** Font colour used by the conditional formats. */
export const CF_FONT = "#9C0006";
/** Very hidden sheet recording the cells the add-in painted and their original fills. */
export const MARKS_SHEET = "_tb_marks";
export const MARKS_HEADERS = ["工作表", "单元格", "原填充", "标记填充"] as const;
/** Sheet property recording that the live conditional formats are on the sheet (and where). */
export const PROP_LIVE_CF = "tianbao.liveCf";
/** Rows below the last record the conditional formats still cover. */
export const CF_MARGIN_ROWS = 2000;

const NUMERIC = new Set(["integer", "decimal"]);

/** Where the conditional formats of one sheet apply (0-based, inclusive rows; catalog columns). */
export interface CfRange {
  firstRow: number;
  lastRow: number;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
}

export function encodeCf(r: CfRange): string {
  return `v1:${r.headerRow}:${r.firstRow}:${r.lastRow}:${r.firstColumn}:${r.lastColumn}`;
}

export function decodeCf(s: string | undefined): CfRange | null {
  const m = /^v1:(\d+):(\d+):(\d+):(\d+):(\d+)$/.exec(s ?? "");
  if (!m) return null;
  const [headerRow, firstRow, lastRow, firstColumn, lastColumn] = m.slice(1).map(Number);
  if (firstRow > lastRow || firstColumn > lastColumn || headerRow >= firstRow) return null;
  return { headerRow, firstRow, lastRow, firstColumn, lastColumn };
}

const excelString = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The conditional formats for a list table (empty for single-record forms, tables without a header
 * or without required/numeric columns). Formulas are relative to the range's top-left cell.
 */
export function planConditionalFormats(td: TableData): { range: CfRange; ops: WorkbookOp[] } | null {
  const L = td.layout;
  if (L.kind !== "list" || L.headerRow < 0) return null;
  const found = L.columns.filter((c): c is number => c !== null);
  if (!found.length) return null;
  const range: CfRange = {
    headerRow: L.headerRow,
    firstRow: L.firstDataRow,
    lastRow: Math.min(1048575, L.firstDataRow + td.rows.length + CF_MARGIN_ROWS - 1),
    firstColumn: Math.min(...found),
    lastColumn: Math.max(...found),
  };
  const tl = cellAddress(range.firstRow, range.firstColumn);
  const address = `${tl}:${cellAddress(range.lastRow, range.lastColumn)}`;
  const col = columnLetter(range.firstColumn);
  const hdr = `${col}$${range.headerRow + 1}`;
  const rowAll = `$${col}${range.firstRow + 1}:$${columnLetter(range.lastColumn)}${range.firstRow + 1}`;
  const headersWhere = (pred: (c: TableDef["columns"][number]) => boolean) =>
    td.table.columns.filter((c, i) => pred(c) && L.columns[i] !== null).map((c) => `${hdr}=${excelString(c.header)}`);
  const ops: WorkbookOp[] = [];
  const required = headersWhere((c) => c.required);
  if (required.length)
    ops.push({ kind: "addConditionalFormat", sheet: td.sheet, address, format: { formula: `=AND(COUNTA(${rowAll})>0,LEN(${tl})=0,OR(${required.join(",")}))`, fill: ERROR_FILL, fontColor: CF_FONT } });
  const numeric = headersWhere((c) => NUMERIC.has(c.type));
  if (numeric.length)
    ops.push({ kind: "addConditionalFormat", sheet: td.sheet, address, format: { formula: `=AND(ISTEXT(${tl}),LEN(TRIM(${tl}))>0,ISERROR(VALUE(${tl})),OR(${numeric.join(",")}))`, fill: ERROR_FILL, fontColor: CF_FONT } });
  if (!ops.length) return null;
  ops.push({ kind: "setCustomProperty", sheet: td.sheet, key: PROP_LIVE_CF, value: encodeCf(range) });
  return { range, ops };
}

/**
 * True when the sheet's conditional formats already show `f` (so no fill is needed). Conservative:
 * the header must read exactly as the catalog prints it (the CF compares the header text), the
 * row must lie in the CF range, and for numbers only text without any digit counts (VALUE() might
 * read "1,5" or a date, the engine would not).
 */
export function coveredByCf(f: Finding, td: TableData, cf: CfRange | null, headerText: (column: number) => CellValue): boolean {
  if (!cf || td.layout.kind !== "list") return false;
  const at = parseCell(f.cell);
  if (at.row < cf.firstRow || at.row > cf.lastRow || at.column < cf.firstColumn || at.column > cf.lastColumn) return false;
  const c = td.table.columns.findIndex((x, i) => x.header === f.column && td.layout.columns[i] === at.column);
  if (c < 0 || headerText(at.column) !== td.table.columns[c].header) return false;
  const raw = td.rows[at.row - td.layout.firstDataRow]?.[c];
  if (f.rule === "column.required") return raw === "" && td.table.columns[c].required;
  if ((f.rule === "column.integer" || f.rule === "column.decimal") && NUMERIC.has(td.table.columns[c].type))
    return typeof raw === "string" && raw.trim() !== "" && !/[0-9\uff10-\uff19]/.test(raw);
  return false;
}

/** Finds the rules whose findings are about the table as a whole (never painted). */
export function isPaintable(f: Finding): boolean {
  return !f.rule.startsWith("structure.") && f.rule !== "table.empty";
}

export const markKey = (sheet: string, cell: string) => `${sheet}\u0000${cell}`;

export interface Mark {
  sheet: string;
  cell: string;
  /** The clerk's fill before we painted (null = none). */
  original: string | null;
  /** What we painted. */
  painted: string;
  /** 0-based row on MARKS_SHEET. */
  slot: number;
}

const COLOR = /^#[0-9A-F]{6}$/;

/** Reads MARKS_SHEET back; rows that are not ours (tampered, damaged) are reported, not trusted. */
export function parseMarks(values: CellValue[][], sheetExists: (name: string) => boolean): { marks: Mark[]; rejected: number[]; orphans: number[]; lastSlot: number } {
  const marks: Mark[] = [];
  const rejected: number[] = [];
  /** Well-formed rows of sheets that no longer exist (deleted or renamed while the pane was closed). */
  const orphans: number[] = [];
  let lastSlot = 0;
  const seen = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const text = (i: number) => (line[i] === undefined || line[i] === null ? "" : String(line[i]).trim());
    if (!line.some((v) => v !== "" && v !== null && v !== undefined)) continue;
    lastSlot = r;
    const sheet = text(0), cell = text(1).toUpperCase(), original = text(2).toUpperCase(), painted = text(3).toUpperCase();
    let ok = sheet !== "" && (original === "" || COLOR.test(original)) && (painted === ERROR_FILL || painted === WARNING_FILL);
    if (ok) {
      try {
        const p = parseCell(cell);
        ok = cellAddress(p.row, p.column) === cell && !seen.has(markKey(sheet, cell));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      rejected.push(r);
      continue;
    }
    if (!sheetExists(sheet)) {
      orphans.push(r);
      continue;
    }
    seen.add(markKey(sheet, cell));
    marks.push({ sheet, cell, original: original || null, painted, slot: r });
  }
  return { marks, rejected, orphans, lastSlot };
}

/** Ops creating MARKS_SHEET (only at start, never in the change path). */
export function createMarksSheetOps(): WorkbookOp[] {
  return [
    { kind: "addSheet", sheet: MARKS_SHEET, visibility: "veryHidden" },
    { kind: "setValues", sheet: MARKS_SHEET, address: "A1", values: [[...MARKS_HEADERS]] },
  ];
}

/** Groups cells of one sheet into row runs of the same target, for few setFormat operations. */
export function fillOps(sheet: string, cells: Array<{ cell: string; fill: string | null }>): WorkbookOp[] {
  const byRow = new Map<number, Array<{ column: number; fill: string | null }>>();
  for (const c of cells) {
    const p = parseCell(c.cell);
    const l = byRow.get(p.row);
    if (l) l.push({ column: p.column, fill: c.fill });
    else byRow.set(p.row, [{ column: p.column, fill: c.fill }]);
  }
  const ops: WorkbookOp[] = [];
  for (const [row, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.column - b.column);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i].column === list[i - 1].column + 1 && list[i].fill === list[start].fill) continue;
      const a = cellAddress(row, list[start].column), b = cellAddress(row, list[i - 1].column);
      ops.push({ kind: "setFormat", sheet, address: a === b ? a : `${a}:${b}`, format: { fill: list[start].fill } });
      start = i;
    }
  }
  return ops;
}

/** Writes slot rows of MARKS_SHEET (consecutive slots in one setValues). */
export function markOps(writes: Map<number, [string, string, string, string]>): WorkbookOp[] {
  const slots = [...writes.keys()].sort((a, b) => a - b);
  const ops: WorkbookOp[] = [];
  let i = 0;
  while (i < slots.length) {
    let j = i;
    while (j + 1 < slots.length && slots[j + 1] === slots[j] + 1) j++;
    ops.push({ kind: "setValues", sheet: MARKS_SHEET, address: `A${slots[i] + 1}`, values: slots.slice(i, j + 1).map((s) => writes.get(s)!) });
    i = j + 1;
  }
  return ops;
}

/** "'Sheet'!B5" for messages. */
export function where(sheet: string, cell: string): string {
  return `${quoteSheet(sheet)}!${cell}`;
}
