/**
 * 统计年度 (statYear): one per workbook, stored on the very hidden META_SHEET. Changing it rewrites
 * the period rows (统计年度 · 统计时间) of the loaded sheets — only those title cells — and the year
 * recorded with each table on the meta sheet.
 * Validation is catalog/period.ts's `parseStatYear` (2000–2100, full-width digits accepted).
 * Pure core: no Office, DOM or React imports.
 */
import { CatalogError } from "../catalog/errors";
import { parseStatYear } from "../catalog/period";
import type { Catalog } from "../catalog/types";
import type { WorkbookOp, WorkbookPort } from "../workbook/port";
import { bindTables } from "../template/binding";
import { META_SHEET } from "../template/layout";
import { readWorkbookState } from "../template/state";
import { findPeriodRow, periodText } from "../template/titles";
import { topGrid } from "../template/state";
import { META_KEYS, createMetaOps, readMeta, setSettingOps, setTableRowOps } from "./meta";

export class SettingsError extends Error {
  constructor(
    public readonly code: "invalidYear" | "tamperedMeta",
    message: string,
  ) {
    super(message);
    this.name = "SettingsError";
  }
}

/** Validates a year typed by a user; throws SettingsError("invalidYear") with a Chinese message. */
export function validateStatYear(input: unknown): number {
  try {
    return parseStatYear(input);
  } catch (e) {
    if (e instanceof CatalogError) throw new SettingsError("invalidYear", e.message);
    throw e;
  }
}

/**
 * The workbook's 统计年度, or null when none is set yet. A value on the meta sheet that is not a
 * valid year (tampered hidden sheet) throws SettingsError("tamperedMeta") naming the cell.
 */
export async function getStatYear(port: WorkbookPort): Promise<number | null> {
  const meta = await readMeta(port);
  const s = meta.settings[META_KEYS.statYear];
  if (!s || s.value === "") return null;
  try {
    return parseStatYear(s.value);
  } catch {
    throw new SettingsError("tamperedMeta", `隐藏的元数据表 ${META_SHEET} 中的统计年度“${s.value}”（B${s.row + 1}）无效，请在“设置”中重新设置统计年度`);
  }
}

export interface SetStatYearResult {
  statYear: number;
  /** Sheets whose period row was rewritten. */
  updated: string[];
  /** Chinese notes: sheets whose period row could not be found (left untouched). */
  skipped: string[];
}

/**
 * Sets the workbook's 统计年度 and rewrites the period row of every loaded table sheet. The
 * period kind of each table comes from the meta sheet (or `catalog` when given), so no catalog is
 * needed. One read round and one `apply`.
 */
export async function setStatYear(port: WorkbookPort, year: number | string, catalog?: Catalog): Promise<SetStatYearResult> {
  const statYear = validateStatYear(year);
  const state = await readWorkbookState(port, catalog);
  const meta = state.meta;
  const binding = bindTables(state, catalog);
  const ops: WorkbookOp[] = [];
  if (!meta.exists) {
    ops.push(...createMetaOps());
    meta.exists = true;
  }
  ops.push(...setSettingOps(meta, { [META_KEYS.statYear]: String(statYear) }));
  const updated: string[] = [];
  const skipped: string[] = [];
  for (const [tableId, b] of binding.tables) {
    const row = meta.tables.find((r) => r.tableId === tableId);
    const kind = catalog?.tables.find((t) => t.id === tableId)?.period ?? row?.period ?? null;
    if (!kind) {
      skipped.push(`表${tableId}（工作表“${b.sheet}”）：不知道统计时间类型，统计时间行未更新`);
      continue;
    }
    const r = findPeriodRow(topGrid(state.tops.get(b.sheet)));
    if (r === null) {
      skipped.push(`表${tableId}（工作表“${b.sheet}”）：前几行中找不到“统计年度：”行，未更新`);
      continue;
    }
    ops.push({ kind: "setValues", sheet: b.sheet, address: `A${r + 1}`, values: [[periodText(kind, statYear)]] });
    updated.push(b.sheet);
    ops.push(
      ...setTableRowOps(meta, {
        tableId,
        sheet: b.sheet,
        catalogId: row?.catalogId ?? catalog?.id ?? "",
        statYear,
        formatVersion: row?.formatVersion ?? null,
        period: kind,
      }),
    );
  }
  await port.apply(ops);
  return { statYear, updated, skipped };
}
