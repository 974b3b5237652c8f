/**
 * Building findings: where a value sits in its sheet and the common message prefix
 * 「表1-5-1 教职工基本信息 第12行【单位号】」.
 */
import type { Severity } from "../catalog/types";
import { cellAddress } from "../workbook/address";
import type { CellValue } from "../workbook/port";
import { displayValue } from "./normalize";
import type { Finding, TableData } from "./types";

/** Sheet position of record `index`, column `col`; null when the column was not found. */
export function cellOf(td: TableData, index: number, col: number): { row: number; column: number } | null {
  const L = td.layout;
  if (L.kind === "single") {
    const r = L.valueRows?.[col];
    return r === null || r === undefined ? null : { row: r, column: L.valueColumn ?? 1 };
  }
  const c = L.columns[col];
  return c === null || c === undefined ? null : { row: L.firstDataRow + index, column: c };
}

/** First found position in a record, for findings about a whole record. */
export function anyCellOf(td: TableData, index: number): { row: number; column: number; col: number } {
  for (let c = 0; c < td.table.columns.length; c++) {
    const p = cellOf(td, index, c);
    if (p) return { ...p, col: c };
  }
  const row = td.layout.kind === "list" ? td.layout.firstDataRow + index : Math.max(0, td.layout.headerRow);
  return { row, column: 0, col: -1 };
}

export function tableLabel(td: TableData): string {
  return `表${td.table.id} ${td.table.name}`;
}

export function prefix(td: TableData, index: number, col: number, omitHeader = false): string {
  const p = col >= 0 ? cellOf(td, index, col) : null;
  const row = (p ?? anyCellOf(td, index)).row + 1;
  const header = col >= 0 && !omitHeader ? td.table.columns[col].header : "";
  return `${tableLabel(td)} 第${row}行${header ? `【${header}】` : ""}`;
}

/** A finding on record `index`, column `col` (col = -1: the record as a whole). */
export function makeFinding(
  td: TableData,
  index: number,
  col: number,
  rule: string,
  severity: Severity,
  message: string,
  value: CellValue | undefined,
): Finding {
  const p = (col >= 0 ? cellOf(td, index, col) : null) ?? anyCellOf(td, index);
  return {
    table: td.table.id,
    sheet: td.sheet,
    row: p.row + 1,
    column: col >= 0 ? td.table.columns[col].header : "",
    cell: cellAddress(p.row, p.column),
    rule,
    severity,
    message,
    value: displayValue(value),
  };
}

/** A finding at a fixed sheet position (structure findings). */
export function makeCellFinding(
  td: Pick<TableData, "table" | "sheet">,
  row: number,
  column: number,
  header: string,
  rule: string,
  severity: Severity,
  message: string,
  value: CellValue | undefined,
): Finding {
  return {
    table: td.table.id,
    sheet: td.sheet,
    row: row + 1,
    column: header,
    cell: cellAddress(row, column),
    rule,
    severity,
    message,
    value: displayValue(value),
  };
}

/** 「“0315”」 with the raw value as the clerk typed it. */
export function q(v: CellValue | undefined | null): string {
  return `“${displayValue(v)}”`;
}
