/**
 * Locking approved data. Protection changes clear Excel's undo stack, so they happen ONLY at review
 * transitions: every approval/定稿 locks the data cells and protects the sheet (again, in case
 * protection was removed by hand); 退回 unprotects the sheet. Submitting does not
 * lock (the clerk may still fix typos until a reviewer acts; approval refuses data changed since
 * the submission). The responsibility row's value cells and the review status cell stay unlocked
 * so the 责任分解 sync and the status display can still write them. No password: protection prevents accidents, the hash chain makes edits evident.
 * Pure core.
 */
import type { WorkbookOp } from "../workbook/port";
import { cellAddress, columnLetter } from "../workbook/address";
import { FIRST_DATA_ROW, RESPONSIBILITY_CELLS, RESPONSIBILITY_ROW } from "../template/layout";
import type { TableLayout } from "../validation/types";
import type { Transition } from "./review";
import { STATUS_LABEL_COLUMN, STATUS_VALUE_COLUMN } from "./reviewStatus";

/** Where the data cells are: rows from `firstDataRow` (0-based), columns A..lastColumn. */
export interface DataArea {
  firstDataRow: number;
  lastColumn: number;
}

export function dataAreaOf(layout: TableLayout | null | undefined, columnCount = 1): DataArea {
  if (!layout) return { firstDataRow: FIRST_DATA_ROW, lastColumn: Math.max(columnCount - 1, 0) };
  if (layout.kind === "single") {
    const rows = (layout.valueRows ?? []).filter((r): r is number => r !== null);
    return { firstDataRow: rows.length ? Math.min(...rows) : FIRST_DATA_ROW, lastColumn: Math.max(layout.valueColumn ?? 1, 3) };
  }
  const cols = layout.columns.filter((c): c is number => c !== null);
  return { firstDataRow: layout.firstDataRow, lastColumn: Math.max(cols.length ? Math.max(...cols) : 0, columnCount - 1) };
}

/** Cells the add-in still writes on a protected sheet: the responsibility values and the status cell. */
function responsibilityValueCells(): string[] {
  return [...Object.values(RESPONSIBILITY_CELLS).map((c) => c.valueColumn), STATUS_VALUE_COLUMN, STATUS_LABEL_COLUMN].map((c) => cellAddress(RESPONSIBILITY_ROW, c));
}

/**
 * Locks the table's columns (whole columns: the xlsx adapter refuses million-row blocks, and rows
 * added below stay locked), leaves the responsibility value cells editable, protects the sheet.
 * Every cell is locked by default and the template never unlocks any, so this re-asserts the
 * default in case someone unlocked cells by hand.
 */
export function lockOps(sheet: string, area: DataArea): WorkbookOp[] {
  return [
    { kind: "setLocked", sheet, address: `A:${columnLetter(Math.max(area.lastColumn, 0))}`, locked: true },
    ...responsibilityValueCells().map((address): WorkbookOp => ({ kind: "setLocked", sheet, address, locked: false })),
    { kind: "protectSheet", sheet },
  ];
}

/** 退回: unprotects the sheet (the locked flags only matter while a sheet is protected). */
export function unlockOps(sheet: string): WorkbookOp[] {
  return [{ kind: "unprotectSheet", sheet }];
}

/** The protection ops a transition needs (none for 提交). */
export function transitionLockOps(t: Pick<Transition, "action">, sheet: string, area: DataArea): WorkbookOp[] {
  if (t.action === "approve" || t.action === "finalise") return lockOps(sheet, area);
  if (t.action === "return") return unlockOps(sheet);
  return [];
}
