/**
 * The title rows every loaded sheet carries (positions in layout.ts):
 *   row 1  「表1-5-1 教职工基本信息（时点）」
 *   row 2  「统计年度：2024　统计时间：2024年9月30日（时点）」
 *   row 3  「责任单位：」 □ 「审核单位：」 □ 「截止日期：」 □   (□ = value cell, empty until assigned)
 * The period text comes from catalog/period.ts, the one place that knows the windows.
 * Pure core: no Office, DOM or React imports.
 */
import type { PeriodKind, TableDef } from "../catalog/types";
import { PERIOD_NAMES, periodWindow } from "../catalog/period";
import type { CellValue } from "../workbook/port";
import { HEADER_SEARCH_ROWS, PERIOD_ROW, RESPONSIBILITY_CELLS } from "./layout";

/** 「表1-5-1 教职工基本信息（时点）」 */
export function tableTitle(table: Pick<TableDef, "id" | "name" | "period">): string {
  return `表${table.id} ${table.name}（${PERIOD_NAMES[table.period]}）`;
}

export const PERIOD_TEXT_PREFIX = "统计年度：";

/** 「统计年度：2024　统计时间：2024年9月30日（时点）」 */
export function periodText(kind: PeriodKind, statYear: number): string {
  return `${PERIOD_TEXT_PREFIX}${statYear}　统计时间：${periodWindow(kind, statYear).label}`;
}

/** The statistical year printed in a period row, or null when `value` is not one of ours. */
export function parsePeriodText(value: CellValue | undefined): number | null {
  if (typeof value !== "string") return null;
  const m = /^统计年度[：:]\s*(\d{4})/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** Row 3 values: label, value, label, value … at the columns given by RESPONSIBILITY_CELLS. */
export function responsibilityRow(values: { department?: string; reviewingDepartment?: string; deadline?: string }): CellValue[] {
  const row: CellValue[] = [];
  for (const cell of Object.values(RESPONSIBILITY_CELLS)) {
    row[cell.labelColumn] = cell.label;
    row[cell.valueColumn] = values[cell.key] ?? "";
  }
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = "";
  return row;
}

/** The table id a title cell names (「表1-5-1 教职工基本信息（时点）」 → "1-5-1"), or null. */
export function parseTitle(value: CellValue | undefined): { id: string; name: string } | null {
  if (typeof value !== "string") return null;
  const m = /^表\s*([0-9A-Za-z][0-9A-Za-z.\-]*)\s+(.+?)\s*(?:[（(](?:时点|学年|自然年)[）)])?\s*$/.exec(value.trim());
  return m ? { id: m[1], name: m[2] } : null;
}

/**
 * Where the period row of a sheet is: the first of the top rows whose column A holds our period
 * text. Users insert rows above a table, so the layout position is only the first guess.
 */
export function findPeriodRow(top: CellValue[][], firstRow = 0): number | null {
  const guess = PERIOD_ROW - firstRow;
  if (guess >= 0 && parsePeriodText(top[guess]?.[0]) !== null) return PERIOD_ROW;
  for (let r = 0; r < Math.min(top.length, HEADER_SEARCH_ROWS); r++) if (parsePeriodText(top[r]?.[0]) !== null) return r + firstRow;
  return null;
}
