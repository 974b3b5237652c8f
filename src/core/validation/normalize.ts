/**
 * Value normalisation FOR CHECKING ONLY. Nothing here rewrites a user's cell: the engine compares
 * normalised forms and, where the raw value differs, suggests the fix in a finding's message.
 * Pure core: no Office, DOM or React imports.
 */
import type { CellValue } from "../workbook/port";

/** Excel error values as `range.values` returns them. */
export const EXCEL_ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
] as const;
const ERROR_SET = new Set<string>(EXCEL_ERRORS);

export function isExcelError(v: CellValue | undefined): v is string {
  return typeof v === "string" && v.length <= 14 && v.charCodeAt(0) === 35 /* # */ && ERROR_SET.has(v.toUpperCase());
}

/** Spaces removed at the ends: ASCII whitespace, NBSP (U+00A0), full-width space (U+3000), zero-width chars. */
const EDGE_SPACE = /^[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+|[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+$/g;
const ANY_SPACE = /[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+/g;

export const isSpaceCode = (c: number): boolean => c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0x200b && c <= 0x200d) || c === 0xfeff || c === 0x85 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;

export function trimAll(s: string): string {
  // Fast path: most cells have no edge spaces (this runs for every cell of a 50,000-row sheet).
  if (s.length === 0 || (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(EDGE_SPACE, "");
}

/** Full-width ASCII (U+FF01–U+FF5E) → half-width; U+3000 → space. */
export function toHalfWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === s.length) return s;
  let out = "";
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += " ";
      changed = true;
    } else out += s[i];
  }
  return changed ? out : s;
}

export function hasFullWidth(s: string): boolean {
  return /[\uff01-\uff5e]/.test(s);
}

export function isEmptyValue(v: CellValue | undefined | null): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.length === 0 || trimAll(v) === "";
  return false;
}

/** The text used to compare values (keys, codes): trimmed, half-width; numbers printed plainly. */
export function normalizeText(v: CellValue | undefined | null): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? numberToText(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const t = toHalfWidth(trimAll(v));
  return t === v ? t : trimAll(t);
}

/**
 * True when `normalizeText(s).toUpperCase()` is `s` itself: not empty, no space at either end, and
 * only characters that neither normalisation nor upper-casing changes (ASCII other than a–z, CJK).
 * Keys are computed for every cell of the key columns of a 50,000-row sheet: this scan allocates
 * nothing, where trimming, half-widthing and upper-casing would each build a string.
 */
export function isPlainKey(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (c >= 97 && c <= 122) return false;
    } else if (c < 0x3001 || c > 0x9fff) return false;
  }
  return true;
}

/** Key form for uniqueness/existence: like normalizeText but case-insensitive for ASCII letters. */
export function normalizeKey(v: CellValue | undefined | null): string {
  if (typeof v === "string" && isPlainKey(v)) return v;
  return normalizeText(v).toUpperCase();
}

/** Headers made only of characters `normalizeHeader` keeps as they are (CJK, a–z, 0–9, some marks). */
const PLAIN_HEADER = /^[\u3400-\u4dbf\u4e00-\u9fffa-z0-9()\-/、.,%+:_]*$/;

/** Header comparison form: no spaces or line breaks anywhere, half-width, unified brackets, no "*" marks. */
export function normalizeHeader(v: CellValue | undefined | null): string {
  if (v === undefined || v === null) return "";
  let s = typeof v === "string" ? v : String(v);
  if (PLAIN_HEADER.test(s)) return s; // the usual header: nothing below would change it
  s = toHalfWidth(s).replace(ANY_SPACE, "");
  s = s.replace(/[*＊]/g, "").replace(/[【\[]/g, "(").replace(/[】\]]/g, ")").replace(/[：]/g, ":");
  return s.toLowerCase();
}

function numberToText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Avoid 0.1+0.2 style noise in messages and keys.
  return String(Number(n.toPrecision(15)));
}

/** Raw display form for messages (not normalised, so the clerk recognises it). Long values are cut. */
export function displayValue(v: CellValue | undefined | null, max = 60): string {
  if (v === undefined || v === null) return "";
  let s: string;
  if (typeof v === "number") s = numberToText(v);
  else if (typeof v === "boolean") s = v ? "TRUE" : "FALSE";
  else s = v;
  s = s.replace(/\r?\n/g, "⏎");
  return s.length > max ? s.slice(0, max) + "…" : s;
}

export type NumberParse =
  | { ok: true; value: number; asText: boolean; fullWidth: boolean }
  | { ok: false };

/** Numbers, numbers stored as text (with thousands separators or full-width digits). */
export function parseNumber(v: CellValue | undefined | null): NumberParse {
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v, asText: false, fullWidth: false } : { ok: false };
  if (typeof v !== "string") return { ok: false };
  const fullWidth = hasFullWidth(v);
  const s = toHalfWidth(trimAll(v)).replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { ok: false };
  const n = Number(s);
  return Number.isFinite(n) ? { ok: true, value: n, asText: true, fullWidth } : { ok: false };
}

export function decimalsOf(n: number): number {
  const s = numberToText(Math.abs(n));
  if (s.includes("e")) return 0;
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

// ---- dates -------------------------------------------------------------------------------------

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with the fictitious 1900-02-29 (serial 60). */
export function serialToDate(serial: number): YMD | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  let days = Math.floor(serial);
  if (days > 59) days -= 1; // skip the fictitious leap day
  const ms = Date.UTC(1899, 11, 31) + days * 86400000;
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function dateToSerial(d: YMD): number {
  const ms = Date.UTC(d.y, d.m - 1, d.d) - Date.UTC(1899, 11, 31);
  let days = Math.round(ms / 86400000);
  if (days > 59) days += 1;
  return days;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

export function formatYMD(d: YMD): string {
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}

/**
 * A date-like value at the granularity it was written with. `ordinal` compares values of the same
 * granularity: year → y, month → y*12+m, day → Excel serial.
 */
export interface DateValue {
  granularity: "year" | "month" | "day";
  y: number;
  m: number;
  d: number;
}

/** Parses a full date: Excel serial, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY年M月D日. */
export function parseDate(v: CellValue | undefined | null): DateValue | null {
  if (typeof v === "number") {
    const d = serialToDate(v);
    return d ? { granularity: "day", ...d } : null;
  }
  if (typeof v !== "string") return null;
  const s = toHalfWidth(trimAll(v));
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  return isValidDate(y, mo, d) ? { granularity: "day", y, m: mo, d } : null;
}

/** Parses a year-month: YYYYMM, YYYY-MM, YYYY/MM, YYYY.MM, YYYY年M月, or an Excel date serial (Excel turns "2019-09" into a date). */
export function parseYearMonth(v: CellValue | undefined | null): DateValue | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 100001 && v <= 999912) {
      const y = Math.floor(v / 100), mo = v % 100;
      return mo >= 1 && mo <= 12 ? { granularity: "month", y, m: mo, d: 1 } : null;
    }
    const d = serialToDate(v);
    return d ? { granularity: "month", y: d.y, m: d.m, d: 1 } : null;
  }
  if (typeof v !== "string") return null;
  const x = sixDigits(v);
  if (x >= 0) {
    // “202001”, the usual form: what the first pattern below would match, without a match array
    const y = Math.floor(x / 100), mo = x % 100;
    return mo >= 1 && mo <= 12 && y >= 1000 ? { granularity: "month", y, m: mo, d: 1 } : null;
  }
  const s = toHalfWidth(trimAll(v));
  const m = /^(\d{4})(\d{2})$/.exec(s) ?? /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
  if (m) {
    const y = +m[1], mo = +m[2];
    return mo >= 1 && mo <= 12 && y >= 1000 ? { granularity: "month", y, m: mo, d: 1 } : null;
  }
  const full = parseDate(s);
  return full ? { granularity: "month", y: full.y, m: full.m, d: 1 } : null;
}

/** The number a string of exactly six ASCII digits spells, else -1. */
function sixDigits(v: string): number {
  if (v.length !== 6) return -1;
  let x = 0;
  for (let i = 0; i < 6; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

/**
 * `parseYearMonth(v)` as the number YYYYMM, for the two usual forms only (an integer such as
 * 202001, or six digits as text); -1 for anything else, which `parseYearMonth` may still read.
 * Lets record rules compare the usual cell without building a date object.
 */
export function plainYearMonth(v: CellValue | undefined | null): number {
  const x = typeof v === "number" ? (Number.isInteger(v) && v >= 100001 && v <= 999912 ? v : -1) : typeof v === "string" ? sixDigits(v) : -1;
  if (x < 0) return -1;
  const mo = x % 100;
  return mo >= 1 && mo <= 12 && x >= 100000 ? x : -1;
}

/** Parses a 4-digit year (number or text, "2019年" accepted). */
export function parseYear(v: CellValue | undefined | null): DateValue | null {
  let s: string;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) return null;
    s = String(v);
  } else if (typeof v === "string") s = toHalfWidth(trimAll(v)).replace(/年$/, "");
  else return null;
  if (!/^\d{4}$/.test(s)) return null;
  const y = +s;
  return y >= 1900 && y <= 2100 ? { granularity: "year", y, m: 1, d: 1 } : null;
}

/** Orders two date values at the coarser of their granularities. */
export function compareDates(a: DateValue, b: DateValue): number {
  const g = coarser(a.granularity, b.granularity);
  return ordinal(a, g) - ordinal(b, g);
}

function coarser(a: DateValue["granularity"], b: DateValue["granularity"]): DateValue["granularity"] {
  if (a === "year" || b === "year") return "year";
  if (a === "month" || b === "month") return "month";
  return "day";
}

function ordinal(v: DateValue, g: DateValue["granularity"]): number {
  if (g === "year") return v.y;
  if (g === "month") return v.y * 12 + v.m;
  return v.y * 372 + v.m * 31 + v.d;
}

export function formatDateValue(v: DateValue): string {
  if (v.granularity === "year") return String(v.y);
  if (v.granularity === "month") return `${v.y}${String(v.m).padStart(2, "0")}`;
  return formatYMD(v);
}

// ---- booleans ------------------------------------------------------------------------------------

/** 是/否 style booleans as clerks type them; `null` when the value is not boolean-like. */
export function parseBoolean(v: CellValue | undefined | null): boolean | null {
  if (typeof v === "boolean") return v;
  const s = normalizeText(v).toLowerCase();
  if (["是", "y", "yes", "true", "1", "√", "有"].includes(s)) return true;
  if (["否", "n", "no", "false", "0", "×", "无"].includes(s)) return false;
  return null;
}
