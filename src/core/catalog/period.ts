/**
 * 统计年度 (statYear) and 统计时间窗 (periodWindow): the ONE place that turns a period kind and a
 * collection year Y into dates and printed labels.
 *
 *   时点 (point)          = Y-09-30
 *   学年 (academicYear)   = (Y-1)-09-01 … Y-08-31
 *   自然年 (calendarYear) = (Y-1)-01-01 … (Y-1)-12-31
 *
 * Sources: seed 000 (兰州工业学院 2024: 自然年 = 2023-01-01…2023-12-31, 学年 = 2023-09-01…2024-08-31,
 * 时点 = 2024-09-30), seed 003 (山西传媒学院 2020), undergrad-catalog.md (S1 2021 guide).
 * Pure core: no Office, DOM or React imports.
 */
import type { PeriodKind } from "./types";
import { CatalogError } from "./errors";

export const MIN_STAT_YEAR = 2000;
export const MAX_STAT_YEAR = 2100;

export const PERIOD_KINDS: readonly PeriodKind[] = ["point", "academicYear", "calendarYear"];

/** Chinese names as the guides print them. */
export const PERIOD_NAMES: Readonly<Record<PeriodKind, string>> = {
  point: "时点",
  academicYear: "学年",
  calendarYear: "自然年",
};

export interface PeriodWindow {
  kind: PeriodKind;
  statYear: number;
  /** ISO dates (YYYY-MM-DD), inclusive; from = to for 时点. */
  from: string;
  to: string;
  /** "2024年9月30日（时点）", "2023-2024学年（2023年9月1日至2024年8月31日）", "2023年（自然年，2023年1月1日至2023年12月31日）". */
  label: string;
  /** Short form for narrow places: "2024-09-30", "2023-2024学年", "2023年". */
  shortLabel: string;
}

const FULL_WIDTH_DIGITS = /[０-９]/g;

/**
 * Validates a 统计年度: an integer 2000–2100. Accepts numbers and strings (stray spaces and
 * full-width digits are normalised); anything else throws a CatalogError with a Chinese message.
 */
export function parseStatYear(input: unknown): number {
  let value: number;
  if (typeof input === "number") value = input;
  else if (typeof input === "string") {
    const s = input.replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, "").replace(/年$/, "");
    if (!/^\d+$/.test(s)) throw new CatalogError("invalidYear", `统计年度“${String(input).trim()}”不是年份：请输入 ${MIN_STAT_YEAR}–${MAX_STAT_YEAR} 之间的四位整数，例如 2024。`);
    value = Number(s);
  } else {
    throw new CatalogError("invalidYear", `统计年度缺失或类型不对：请输入 ${MIN_STAT_YEAR}–${MAX_STAT_YEAR} 之间的四位整数，例如 2024。`);
  }
  if (!Number.isInteger(value)) throw new CatalogError("invalidYear", `统计年度 ${value} 不是整数：请输入 ${MIN_STAT_YEAR}–${MAX_STAT_YEAR} 之间的四位整数。`);
  if (value < MIN_STAT_YEAR || value > MAX_STAT_YEAR) throw new CatalogError("invalidYear", `统计年度 ${value} 超出范围：只支持 ${MIN_STAT_YEAR}–${MAX_STAT_YEAR} 年。`);
  return value;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function zh(y: number, m: number, d: number): string {
  return `${y}年${m}月${d}日`;
}

/** The dates a period kind stands for in statistical year Y. */
export function periodWindow(kind: PeriodKind, statYear: unknown): PeriodWindow {
  const y = parseStatYear(statYear);
  switch (kind) {
    case "point":
      return { kind, statYear: y, from: iso(y, 9, 30), to: iso(y, 9, 30), label: `${zh(y, 9, 30)}（时点）`, shortLabel: iso(y, 9, 30) };
    case "academicYear":
      return {
        kind,
        statYear: y,
        from: iso(y - 1, 9, 1),
        to: iso(y, 8, 31),
        label: `${y - 1}-${y}学年（${zh(y - 1, 9, 1)}至${zh(y, 8, 31)}）`,
        shortLabel: `${y - 1}-${y}学年`,
      };
    case "calendarYear":
      return {
        kind,
        statYear: y,
        from: iso(y - 1, 1, 1),
        to: iso(y - 1, 12, 31),
        label: `${y - 1}年（自然年，${zh(y - 1, 1, 1)}至${zh(y - 1, 12, 31)}）`,
        shortLabel: `${y - 1}年`,
      };
    default:
      throw new CatalogError("invalidPeriod", `未知的统计时间类型“${String(kind)}”：应为 时点、学年 或 自然年。`);
  }
}

/** All three windows of a year, e.g. for the title rows and the 设置 page. */
export function periodWindows(statYear: unknown): Record<PeriodKind, PeriodWindow> {
  return {
    point: periodWindow("point", statYear),
    academicYear: periodWindow("academicYear", statYear),
    calendarYear: periodWindow("calendarYear", statYear),
  };
}

/** "时点" / "学年" / "自然年" (also "point" …) → PeriodKind; undefined for anything else. */
export function parsePeriodKind(text: string): PeriodKind | undefined {
  const s = text.replace(/[\s\u3000]/g, "");
  for (const k of PERIOD_KINDS) if (s === k || s === PERIOD_NAMES[k]) return k;
  return undefined;
}

/** Whether an ISO date (YYYY-MM-DD) lies inside the window (inclusive). */
export function isInWindow(window: PeriodWindow, isoDate: string): boolean {
  return isoDate >= window.from && isoDate <= window.to;
}
