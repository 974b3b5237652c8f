/**
 * ExcelJS cell value → what Excel's `range.values` would give (see WorkbookPort):
 * dates → serial numbers, formula cells → their cached result, rich text and hyperlinks → plain
 * text, error values → "#N/A" etc., merged (non top-left) and empty cells → "".
 */
import type { Cell } from "exceljs";
import type { CellValue } from "../../core/workbook/port";

const MS_PER_DAY = 86400000;
/** 1899-12-30 (1900 system) and 1904-01-01 (1904 system) as Unix days. */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

/** ExcelJS reads date cells as UTC Dates; Excel keeps the serial number. */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = d.getTime() / MS_PER_DAY + (date1904 ? EPOCH_1904 : EPOCH_1900);
  // ExcelJS rounds to milliseconds; snap back to the nearest 1/86400000 of a day to avoid noise
  return Math.round(serial * 1e9) / 1e9;
}

type Raw = unknown;

function richTextToString(rt: unknown): string {
  if (rt && typeof rt === "object" && Array.isArray((rt as { richText?: unknown }).richText)) {
    return (rt as { richText: Array<{ text?: string }> }).richText.map((r) => r.text ?? "").join("");
  }
  return typeof rt === "string" ? rt : rt === undefined || rt === null ? "" : String(rt);
}

/** Normalises a raw ExcelJS value (also used for formula results). */
export function normaliseRaw(v: Raw, date1904 = false): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "#VALUE!" : dateToSerial(v, date1904);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) return richTextToString(o);
    if ("formula" in o || "sharedFormula" in o) return normaliseRaw(o.result, date1904);
    if ("hyperlink" in o || "text" in o) return richTextToString(o.text);
  }
  return String(v);
}

/** The value Excel's range.values shows for this cell. */
export function cellValue(cell: Cell | undefined, date1904 = false): CellValue {
  if (!cell) return "";
  // ExcelJS returns the master's value for every cell of a merge; Excel shows it only top-left.
  if (cell.isMerged && cell.master !== cell) return "";
  return normaliseRaw(cell.value, date1904);
}

/** "=FORMULA" for a formula cell, "" for a constant or an empty cell (WorkbookPort convention). */
export function cellFormula(cell: Cell | undefined): string {
  if (!cell) return "";
  if (cell.isMerged && cell.master !== cell) return "";
  const v = cell.value as unknown;
  if (v && typeof v === "object" && ("formula" in (v as object) || "sharedFormula" in (v as object))) {
    const f = cell.formula;
    return f ? "=" + f : "";
  }
  return "";
}
