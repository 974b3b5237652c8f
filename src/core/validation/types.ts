/**
 * Types of the validation engine. Pure core: no Office, DOM or React imports.
 */
import type { Severity, TableDef } from "../catalog/types";
import type { CellValue } from "../workbook/port";

/**
 * One failed rule on one cell (问题). Field for field what `tianbao check --json` prints.
 * `row` is the Excel row number (1-based) and `cell` the A1 address on `sheet`; both always point
 * at a cell that exists in the sheet (structure findings point at the header row).
 */
export interface Finding {
  /** Table id, e.g. "1-5-1". */
  table: string;
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  /** Column header as the catalog prints it ("" when a finding concerns the whole table). */
  column: string;
  /** A1 address without the sheet name. */
  cell: string;
  /** Stable rule id: a catalog rule id ("U.1-5-1.unique-GH") or a built-in one ("column.required"). */
  rule: string;
  severity: Severity;
  /** Chinese message naming the table, row, header, the value and what is expected. */
  message: string;
  /** The cell's value as the clerk sees it (cut to 60 characters). */
  value: string;
}

export interface CheckContext {
  /** 统计年度 Y of the workbook (时点 = Y-09-30). */
  statYear: number;
}

/** Where the table sits in its sheet after structure detection. All indexes 0-based. */
export interface TableLayout {
  kind: "list" | "single";
  /** List: sheet row of the header row (-1 when not found). */
  headerRow: number;
  /** List: sheet row of the first record. */
  firstDataRow: number;
  /** Sheet column of each catalog column (same order as `table.columns`); null = not found. */
  columns: (number | null)[];
  /** Single: sheet row of each catalog column's label (null = not found). */
  valueRows?: (number | null)[];
  /** Single: sheet column holding the values. */
  valueColumn?: number;
}

/** A table read from a sheet: structure plus records mapped to catalog column order. */
export interface TableData {
  table: TableDef;
  sheet: string;
  layout: TableLayout;
  /**
   * Records: `rows[i][c]` is the value of `table.columns[c]` in record i ("" when the column is
   * missing). List tables: record i is sheet row `layout.firstDataRow + i`. Single tables: one record.
   * Rows where every value is empty are kept as all-"" records and are not checked.
   */
  rows: CellValue[][];
  /** Structure findings (missing/renamed/reordered/extra/duplicate headers, shifted table). */
  structureFindings: Finding[];
}

/** One changed record for the incremental API (values in catalog column order). */
export interface RowUpdate {
  index: number;
  values: CellValue[];
}

/** What changed in the findings after an update: enough to repaint only the affected cells. */
export interface FindingsDelta {
  added: Finding[];
  removed: Finding[];
}
