/**
 * Reading the workflow sheets' cells as people type them: dates as Excel serials or text
 * (2024年9月30日, 9月30日, 9 月 30 日, 2024-09-30, 2024/9/30, full-width digits), department lists
 * separated by 、，, ; / or line breaks. Never changes a cell; only interprets it.
 * Pure core.
 */
import type { CellValue } from "../workbook/port";
import { dateToSerial, isValidDate, parseDate, serialToDate, toHalfWidth, trimAll } from "../validation/normalize";
import { makeLocalDate, parseLocalDate, type LocalDate } from "./clock";

/** Text form of a cell: trimmed (incl. full-width/NBSP spaces), "" for empty. Numbers printed plainly. */
export function cellText(v: CellValue | undefined | null): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return trimAll(v);
}

export type DateCell =
  | { kind: "empty" }
  | { kind: "date"; date: LocalDate; /** the text had no year and `defaultYear` was used */ yearAssumed: boolean }
  | { kind: "invalid"; text: string };

/**
 * Interprets a deadline cell. `defaultYear` completes month-day forms (9月30日, 9/30); without it
 * those are invalid.
 */
export function parseDateCell(v: CellValue | undefined | null, defaultYear?: number): DateCell {
  if (v === undefined || v === null) return { kind: "empty" };
  if (typeof v === "boolean") return { kind: "invalid", text: v ? "TRUE" : "FALSE" };
  if (typeof v === "number") {
    // A fractional serial (a date with a time) keeps its day.
    const d = serialToDate(v);
    return d ? { kind: "date", date: makeLocalDate(d.y, d.m, d.d), yearAssumed: false } : { kind: "invalid", text: String(v) };
  }
  const raw = trimAll(v);
  if (raw === "") return { kind: "empty" };
  const s = toHalfWidth(raw).replace(/[\s\u00a0\u3000]+/g, "");
  const full = parseDate(s);
  if (full) return { kind: "date", date: makeLocalDate(full.y, full.m, full.d), yearAssumed: false };
  const md = /^(\d{1,2})(?:月|[-/.])(\d{1,2})日?$/.exec(s);
  if (md && defaultYear !== undefined) {
    const m = +md[1], d = +md[2];
    if (isValidDate(defaultYear, m, d)) return { kind: "date", date: makeLocalDate(defaultYear, m, d), yearAssumed: true };
  }
  return { kind: "invalid", text: raw };
}

/** Excel serial of a local date (for writing real dates). */
export function localDateToSerial(date: LocalDate): number {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`无效的日期：${date}`);
  return dateToSerial(p);
}

/** "2024年9月30日" for printed sheets. */
export function formatChineseDate(date: LocalDate): string {
  const p = parseLocalDate(date);
  return p ? `${p.y}年${p.m}月${p.d}日` : date;
}

/** Splits a cell listing departments: 教务部、学务部 / 教务部,学务部 / one per line. */
export function splitList(v: CellValue | undefined | null): string[] {
  const s = cellText(v);
  if (!s) return [];
  return s
    .split(/[、，,；;\/\n\r]+/)
    .map((x) => trimAll(x))
    .filter((x) => x !== "");
}

/** Department comparison form: no spaces anywhere, half-width. 「教务处 」 = 「教务处」. */
export function departmentKey(name: string | null | undefined): string {
  return toHalfWidth(name ?? "").replace(/[\s\u00a0\u3000]+/g, "");
}

export function sameDepartment(a: string | null | undefined, b: string | null | undefined): boolean {
  const ka = departmentKey(a);
  return ka !== "" && ka === departmentKey(b);
}
