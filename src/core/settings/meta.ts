/**
 * The very hidden metadata sheet `_tb_meta` (META_SHEET in template/layout.ts): workbook settings
 * (统计年度, catalog id, format version) and one row per loaded table (table id ↔ sheet).
 *
 *        A            B          C   D       E          F         G         H          I
 *   1    设置项        值             表号     工作表      目录       统计年度   格式版本    统计时间
 *   2    formatVersion 1             1-5-1   1-5-1 教…  undergr…  2024      1          point
 *   3    catalogId     undergr…      …
 *   4    statYear      2024
 *
 * Every cell is formatted as text ("@") before it is written, so "6.1" or "1-5-1" are not turned
 * into numbers or dates by Excel. Readers parse by content, not by trust: a tampered cell yields a
 * Chinese problem message instead of a crash (see `MetaData.problems`).
 * Pure core: no Office, DOM or React imports.
 */
import type { PeriodKind } from "../catalog/types";
import { cellAddress, columnLetter } from "../workbook/address";
import type { CellValue, RangeData, WorkbookOp, WorkbookPort, SheetInfo } from "../workbook/port";
import { META_SHEET } from "../template/layout";

export const META_FORMAT_VERSION = 1;

/** Column positions (0-based) of the two blocks. */
export const META_SETTINGS_KEY_COLUMN = 0;
export const META_SETTINGS_VALUE_COLUMN = 1;
export const META_TABLES_FIRST_COLUMN = 3;
export const META_TABLE_HEADERS = ["表号", "工作表", "目录", "统计年度", "格式版本", "统计时间"] as const;
/** Rows formatted as text in advance; rows beyond are formatted when written. */
export const META_TEXT_ROWS = 400;

/** Setting keys stored in column A. */
export const META_KEYS = {
  formatVersion: "formatVersion",
  catalogId: "catalogId",
  statYear: "statYear",
} as const;

export interface MetaTableRow {
  /** 0-based row on the meta sheet. */
  row: number;
  tableId: string;
  sheet: string;
  catalogId: string;
  /** The statistical year the sheet's period row was written for (null when unreadable). */
  statYear: number | null;
  formatVersion: number | null;
  period: PeriodKind | null;
}

export interface MetaData {
  /** false when the workbook has no meta sheet yet. */
  exists: boolean;
  settings: Record<string, { value: string; row: number }>;
  tables: MetaTableRow[];
  /** Chinese messages about unreadable or contradictory cells (tampered hidden sheet). */
  problems: string[];
  /** Next free row of the settings block and of the tables block (0-based). */
  nextSettingsRow: number;
  nextTableRow: number;
}

const PERIODS: readonly PeriodKind[] = ["point", "academicYear", "calendarYear"];

function text(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

function intOrNull(v: CellValue | undefined): number | null {
  const s = text(v);
  if (!/^\d{1,6}$/.test(s)) return null;
  return Number(s);
}

export function emptyMeta(): MetaData {
  return { exists: false, settings: {}, tables: [], problems: [], nextSettingsRow: 1, nextTableRow: 1 };
}

/** Parses the used range of the meta sheet (as returned by `port.read([{ sheet: META_SHEET }])`). */
export function parseMeta(data: RangeData | undefined): MetaData {
  const meta = emptyMeta();
  if (!data) return meta;
  meta.exists = true;
  const at = (r: number, c: number): CellValue | undefined => data.values[r - data.row]?.[c - data.column];
  const lastRow = data.row + data.values.length - 1;
  const seenTables = new Map<string, number>();
  for (let r = 1; r <= lastRow; r++) {
    const key = text(at(r, META_SETTINGS_KEY_COLUMN));
    if (key) {
      if (meta.settings[key]) meta.problems.push(`元数据表 ${META_SHEET} 的设置项“${key}”出现了多次（${cellAddress(r, 0)}），以第一次为准`);
      else meta.settings[key] = { value: text(at(r, META_SETTINGS_VALUE_COLUMN)), row: r };
      meta.nextSettingsRow = r + 1;
    }
    const c = META_TABLES_FIRST_COLUMN;
    const tableId = text(at(r, c));
    if (tableId) {
      meta.nextTableRow = r + 1;
      const sheet = text(at(r, c + 1));
      const periodText = text(at(r, c + 5));
      const row: MetaTableRow = {
        row: r,
        tableId,
        sheet,
        catalogId: text(at(r, c + 2)),
        statYear: intOrNull(at(r, c + 3)),
        formatVersion: intOrNull(at(r, c + 4)),
        period: (PERIODS as readonly string[]).includes(periodText) ? (periodText as PeriodKind) : null,
      };
      if (!sheet) meta.problems.push(`元数据表 ${META_SHEET} 第 ${r + 1} 行：表${tableId} 没有记录工作表名称`);
      const prev = seenTables.get(tableId);
      if (prev !== undefined) meta.problems.push(`元数据表 ${META_SHEET} 中表${tableId} 出现了多次（第 ${prev + 1} 行和第 ${r + 1} 行），以第一次为准`);
      else {
        seenTables.set(tableId, r);
        meta.tables.push(row);
      }
    }
  }
  return meta;
}

/** Reads and parses the meta sheet; an absent sheet gives an empty (exists: false) result. */
export async function readMeta(port: WorkbookPort, sheets?: SheetInfo[]): Promise<MetaData> {
  const list = sheets ?? (await port.getSheets());
  if (!list.some((s) => s.name === META_SHEET)) return emptyMeta();
  const [data] = await port.read([{ sheet: META_SHEET }]);
  return parseMeta(data);
}

/** Ops that create the meta sheet (very hidden, text-formatted) with its block headers. */
export function createMetaOps(): WorkbookOp[] {
  const lastCol = columnLetter(META_TABLES_FIRST_COLUMN + META_TABLE_HEADERS.length - 1);
  return [
    { kind: "addSheet", sheet: META_SHEET, visibility: "veryHidden" },
    { kind: "setFormat", sheet: META_SHEET, address: `A1:${lastCol}${META_TEXT_ROWS}`, format: { numberFormat: "@" } },
    { kind: "setValues", sheet: META_SHEET, address: "A1", values: [["设置项", "值"]] },
    { kind: "setValues", sheet: META_SHEET, address: cellAddress(0, META_TABLES_FIRST_COLUMN), values: [[...META_TABLE_HEADERS]] },
  ];
}

/** Formats a block as text first when it lies beyond the pre-formatted rows. */
function textFirst(address: string, row: number): WorkbookOp[] {
  return row >= META_TEXT_ROWS ? [{ kind: "setFormat", sheet: META_SHEET, address, format: { numberFormat: "@" } }] : [];
}

/**
 * Ops that set settings, updating existing keys in place and appending new ones. Mutates `meta`
 * so several calls within one plan stay consistent.
 */
export function setSettingOps(meta: MetaData, values: Record<string, string>): WorkbookOp[] {
  const ops: WorkbookOp[] = [];
  for (const [key, value] of Object.entries(values)) {
    const existing = meta.settings[key];
    const row = existing ? existing.row : meta.nextSettingsRow++;
    const address = `${cellAddress(row, META_SETTINGS_KEY_COLUMN)}:${cellAddress(row, META_SETTINGS_VALUE_COLUMN)}`;
    ops.push(...textFirst(address, row), { kind: "setValues", sheet: META_SHEET, address, values: [[key, value]] });
    meta.settings[key] = { value, row };
  }
  return ops;
}

/** Ops that write (or rewrite) the row of one table. Mutates `meta`. */
export function setTableRowOps(meta: MetaData, entry: Omit<MetaTableRow, "row">): WorkbookOp[] {
  const existing = meta.tables.find((t) => t.tableId === entry.tableId);
  const row = existing ? existing.row : meta.nextTableRow++;
  const c = META_TABLES_FIRST_COLUMN;
  const address = `${cellAddress(row, c)}:${cellAddress(row, c + META_TABLE_HEADERS.length - 1)}`;
  const values: CellValue[][] = [
    [
      entry.tableId,
      entry.sheet,
      entry.catalogId,
      entry.statYear === null ? "" : String(entry.statYear),
      entry.formatVersion === null ? "" : String(entry.formatVersion),
      entry.period ?? "",
    ],
  ];
  const next: MetaTableRow = { ...entry, row };
  if (existing) Object.assign(existing, next);
  else meta.tables.push(next);
  return [...textFirst(address, row), { kind: "setValues", sheet: META_SHEET, address, values }];
}
