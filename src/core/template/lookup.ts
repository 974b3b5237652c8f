/**
 * The very hidden lookup sheet `_tb_lists` (LOOKUP_SHEET): the code lists that drop-down
 * validations point at. Excel refuses literal list sources over 255 characters, and most national
 * code lists are longer, so every list lives here as a range.
 *
 * Two columns per code list:   A           B              C          D
 *                        1     XB          性别            XL         学历
 *                        2     1           男              1          博士研究生
 *                        3     2           女              …
 * The drop-down lists the CODES (column A, C, …) because the platform stores codes; the labels
 * beside them are for the task pane and for people reading the prompt.
 * Cells are formatted as text before writing so codes such as "01" keep their leading zero.
 * Pure core: no Office, DOM or React imports.
 */
import type { CodeList, CodeValue } from "../catalog/types";
import { absoluteRange, cellAddress } from "../workbook/address";
import type { CellValue, RangeData, WorkbookOp } from "../workbook/port";
import { LOOKUP_SHEET } from "./layout";

export interface LookupEntry {
  /** 0-based column of the codes; labels are in column + 1. */
  column: number;
  name: string;
  values: CodeValue[];
}

export interface LookupState {
  exists: boolean;
  lists: Map<string, LookupEntry>;
  /** Next free column (always even). */
  nextColumn: number;
}

function text(v: CellValue | undefined): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

export function emptyLookup(): LookupState {
  return { exists: false, lists: new Map(), nextColumn: 0 };
}

/** Parses the used range of the lookup sheet. */
export function parseLookup(data: RangeData | undefined): LookupState {
  const state = emptyLookup();
  if (!data) return state;
  state.exists = true;
  const at = (r: number, c: number) => data.values[r - data.row]?.[c - data.column];
  const width = data.column + (data.values[0]?.length ?? 0);
  const height = data.row + data.values.length;
  for (let c = 0; c < width; c += 2) {
    const id = text(at(0, c));
    if (!id) continue;
    const values: CodeValue[] = [];
    for (let r = 1; r < height; r++) {
      const value = text(at(r, c));
      if (!value) break;
      values.push({ value, label: text(at(r, c + 1)) });
    }
    if (!state.lists.has(id)) state.lists.set(id, { column: c, name: text(at(0, c + 1)), values });
    state.nextColumn = Math.max(state.nextColumn, c + 2);
  }
  return state;
}

function sameValues(a: CodeValue[], b: CodeValue[]): boolean {
  return a.length === b.length && a.every((v, i) => v.value === b[i].value && v.label === b[i].label);
}

/**
 * The validation source of a code list that is on the lookup sheet: its NAMES column, e.g.
 * "=_tb_lists!$B$2:$B$3" (cells hold 男/女 as the national templates do; the codes sit beside them).
 */
export function lookupSource(entry: LookupEntry): string {
  return "=" + absoluteRange(LOOKUP_SHEET, { row: 1, column: entry.column + 1, rowCount: Math.max(1, entry.values.length), columnCount: 1 });
}

export interface EnsureResult {
  ops: WorkbookOp[];
  /** Chinese notes for the report (a list on the sheet that no longer matched the catalog). */
  notes: string[];
}

/**
 * Ops that make sure `lists` are on the lookup sheet: appends missing lists and restores lists
 * whose cells differ from the catalog (the sheet is ours and very hidden; a difference means it
 * was tampered with or the catalog changed). Mutates `state`.
 */
export function ensureLookupOps(state: LookupState, lists: CodeList[]): EnsureResult {
  const ops: WorkbookOp[] = [];
  const notes: string[] = [];
  if (!state.exists && lists.length > 0) {
    ops.push({ kind: "addSheet", sheet: LOOKUP_SHEET, visibility: "veryHidden" });
    state.exists = true;
  }
  for (const list of lists) {
    const have = state.lists.get(list.id);
    if (have && sameValues(have.values, list.values) && have.name === list.name) continue;
    const column = have ? have.column : state.nextColumn;
    const oldLength = have ? have.values.length : 0;
    const rows = Math.max(list.values.length, oldLength) + 1;
    const values: CellValue[][] = [[list.id, list.name]];
    for (let i = 0; i < rows - 1; i++) {
      const v = list.values[i];
      values.push(v ? [v.value, v.label] : ["", ""]);
    }
    const address = `${cellAddress(0, column)}:${cellAddress(rows - 1, column + 1)}`;
    ops.push({ kind: "setFormat", sheet: LOOKUP_SHEET, address, format: { numberFormat: "@" } });
    ops.push({ kind: "setValues", sheet: LOOKUP_SHEET, address, values });
    if (have) {
      notes.push(
        list.values.length > oldLength
          ? `隐藏的代码表工作表 ${LOOKUP_SHEET} 中的代码表“${list.id} ${list.name}”与目录不一致，已按目录恢复；之前载入的工作表的下拉列表可能少了新增的 ${list.values.length - oldLength} 项`
          : `隐藏的代码表工作表 ${LOOKUP_SHEET} 中的代码表“${list.id} ${list.name}”与目录不一致，已按目录恢复`,
      );
    }
    state.lists.set(list.id, { column, name: list.name, values: list.values.slice() });
    if (!have) state.nextColumn = column + 2;
  }
  return { ops, notes };
}
