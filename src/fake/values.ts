/**
 * How Excel turns an entered string into a cell value (typing, pasting text, or assigning
 * `range.values`): numbers, percentages, TRUE/FALSE and ISO-like dates are converted unless the cell
 * is formatted as text ("@"); a leading apostrophe keeps the rest as text; "=…" becomes a formula.
 */
import type { CellValue } from "../core/workbook/port";

export interface EnteredValue {
  value: CellValue;
  formula?: string;
  /** Number format Excel applies when the cell was "General" (dates, percentages). */
  impliedFormat?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

const EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial day number of a calendar date (1900 date system, dates after 1900-03-01). */
export function dateToSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH) / 86400000);
}

export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const t = new Date(EPOCH + Math.floor(serial) * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function enterValue(input: CellValue | null | undefined, numberFormat: string): EnteredValue {
  if (input === null || input === undefined) return { value: "" };
  if (typeof input !== "string") return { value: input };
  if (input.length > 1 && input.startsWith("=") && numberFormat !== "@") return { value: "", formula: input };
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (numberFormat === "@") return { value: input };
  const t = input.trim();
  if (t === "") return { value: input === "" ? "" : input };
  if (NUMBER.test(t)) return { value: Number(t) };
  const p = PERCENT.exec(t);
  if (p) return { value: Number(p[1]) / 100, impliedFormat: "0%" };
  if (/^true$/i.test(t)) return { value: true };
  if (/^false$/i.test(t)) return { value: false };
  const d = DATE.exec(t);
  if (d) {
    const y = Number(d[1]);
    const m = Number(d[2]);
    const day = Number(d[3]);
    const probe = new Date(Date.UTC(y, m - 1, day));
    if (m >= 1 && m <= 12 && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day && y >= 1900) {
      return { value: dateToSerial(y, m, day), impliedFormat: "yyyy/m/d" };
    }
  }
  return { value: input };
}

/** The text Excel shows for a value under a (small subset of) number formats. */
export function displayText(value: CellValue, numberFormat: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const f = numberFormat;
  if (/[yd]/i.test(f) && !/^[#0.,%]+$/.test(f)) {
    const { y, m, d } = serialToDate(value);
    const pad = (n: number) => String(n).padStart(2, "0");
    return f
      .replace(/yyyy/i, String(y))
      .replace(/mm/i, pad(m))
      .replace(/dd/i, pad(d))
      .replace(/\bm\b/i, String(m))
      .replace(/\bd\b/i, String(d));
  }
  const pct = /^0(\.(0+))?%$/.exec(f);
  if (pct) return (value * 100).toFixed(pct[2]?.length ?? 0) + "%";
  const fixed = /^0(\.(0+))?$/.exec(f);
  if (fixed) return value.toFixed(fixed[2]?.length ?? 0);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(11)));
}

export { utf8Length, jsonBytes } from "../adapters/excel/payload";
