/**
 * The one narrow workbook interface (WorkbookPort) that the core and the task pane talk to.
 *
 * Implementations:
 *  - src/adapters/excel: Office.js (the only code that touches `Excel.*` / `Office.*`), also run
 *    against the behavioural fake in src/fake for tests and the browser preview;
 *  - src/adapters/xlsx: ExcelJS, for the command line.
 *
 * Design rules:
 *  - Batches, not cells: `read` takes many requests and `apply` many operations, so an adapter can
 *    answer each call in as few `context.sync` round trips as the 5 MB request limit allows.
 *  - Addresses are A1 strings without the sheet name ("A1", "B3:F200"); rows/columns in results are
 *    0-based. Sheet names are passed unquoted.
 *  - Values are what Excel's `range.values` returns: numbers (dates as serial numbers), strings
 *    (errors as "#N/A" etc.), booleans, and "" for an empty cell. Never `undefined`.
 *  - This module is part of the pure core: no Office, DOM or React imports.
 */

export type CellValue = string | number | boolean;

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetInfo {
  name: string;
  /** 0-based position in the tab order. */
  position: number;
  visibility: SheetVisibility;
  protected: boolean;
  /** Worksheet custom properties (ExcelApi 1.12; emulated by the xlsx adapter). */
  customProperties: Record<string, string>;
}

export interface DefinedName {
  name: string;
  sheet: string;
  /** A1 address on `sheet`. Excel keeps it pointing at the sheet when the sheet is renamed. */
  address: string;
}

export interface ReadRequest {
  sheet: string;
  /** A1 range; omitted = the sheet's used range (values only, from A1's row/column origin). */
  address?: string;
  /** Also return formulas ("" where a cell holds a constant). */
  formulas?: boolean;
  /**
   * Also return each cell's solid fill colour (OPTIONAL, added for live highlighting so painting a
   * cell can be undone to the user's own fill). Excel: one `getCellProperties` per block.
   */
  fills?: boolean;
}

export interface RangeData {
  sheet: string;
  /** A1 address of the returned block ("" when the sheet is empty). */
  address: string;
  /** 0-based row/column of values[0][0]. */
  row: number;
  column: number;
  values: CellValue[][];
  formulas?: string[][];
  /** With `fills: true`: "#RRGGBB" of each cell's fill, null for no fill. */
  fills?: (string | null)[][];
}

export interface FontSpec {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
}

export interface FormatSpec {
  /** "#RRGGBB", or null to clear the fill. */
  fill?: string | null;
  font?: FontSpec;
  /** Excel number format, e.g. "@" (text), "0", "0.00", "yyyy-mm-dd". */
  numberFormat?: string;
  wrapText?: boolean;
  horizontalAlignment?: "left" | "center" | "right";
  verticalAlignment?: "top" | "center" | "bottom";
  /** Thin border around every cell of the range. */
  border?: boolean;
}

export type DataValidationSpec =
  | { type: "list"; /** "=_tb_lists!$A$2:$A$40" (a range) or literal items (≤ 255 chars joined). */ source: string | string[] }
  | { type: "wholeNumber" | "decimal"; min?: number; max?: number }
  | { type: "textLength"; max: number }
  | { type: "date"; min?: string; max?: string };

export interface DataValidation {
  rule: DataValidationSpec;
  /** Shown when a wrong value is typed (Chinese). */
  errorTitle?: string;
  errorMessage?: string;
  /** "stop" rejects; "warning"/"information" allow. */
  errorStyle?: "stop" | "warning" | "information";
  promptTitle?: string;
  prompt?: string;
  allowBlank?: boolean;
}

export interface ConditionalFormatSpec {
  /** Formula relative to the top-left cell of `address`, e.g. "=AND(B5<>\"\",NOT(ISNUMBER(B5)))". */
  formula: string;
  fill?: string;
  fontColor?: string;
}

/**
 * How a sheet prints (ADDED for printable sheets: the 审核表 and the 质量监控表 must print on A4).
 * Omitted fields leave the sheet's setting as it is. Validated by `checkPageLayout` (pageLayout.ts).
 */
export interface PageLayoutSpec {
  orientation?: "portrait" | "landscape";
  paperSize?: "A4";
  /** true: all columns on one page width, as many pages down as needed; false: back to 100 % scale. */
  fitToWidth?: boolean;
  /** Rows repeated at the top of every printed page, e.g. "1:4" (1-based, like Excel's $1:$4). */
  printTitleRows?: string;
  /** Page margins in inches. */
  margins?: { top: number; bottom: number; left: number; right: number };
  centerHorizontally?: boolean;
  /** Centre header / footer text; Excel codes allowed, e.g. "第 &P 页，共 &N 页" (a literal & is "&&"). "" clears it. */
  headerText?: string;
  footerText?: string;
}

export type WorkbookOp =
  | { kind: "addSheet"; sheet: string; visibility?: SheetVisibility; position?: number }
  | { kind: "deleteSheet"; sheet: string }
  | { kind: "renameSheet"; sheet: string; newName: string }
  | { kind: "setVisibility"; sheet: string; visibility: SheetVisibility }
  | { kind: "setValues"; sheet: string; /** top-left cell or full range */ address: string; values: CellValue[][] }
  | { kind: "setFormat"; sheet: string; address: string; format: FormatSpec }
  | { kind: "setColumnWidths"; sheet: string; /** 0-based column → width in characters */ widths: Array<{ column: number; chars: number }> }
  | { kind: "freezePanes"; sheet: string; rows: number; columns: number }
  | { kind: "merge"; sheet: string; address: string }
  | { kind: "setDataValidation"; sheet: string; address: string; validation: DataValidation | null }
  | { kind: "addConditionalFormat"; sheet: string; address: string; format: ConditionalFormatSpec }
  | { kind: "clearConditionalFormats"; sheet: string; address: string }
  | { kind: "setNote"; sheet: string; address: string; text: string }
  | { kind: "setLocked"; sheet: string; address: string; locked: boolean }
  | { kind: "protectSheet"; sheet: string; password?: string }
  | { kind: "unprotectSheet"; sheet: string; password?: string }
  | { kind: "setCustomProperty"; sheet: string; key: string; value: string }
  | { kind: "addName"; name: string; sheet: string; address: string }
  | { kind: "select"; sheet: string; address: string }
  | ({ kind: "setPageLayout"; sheet: string } & PageLayoutSpec)
  /**
   * ADDED (issue 5): makes `address` (header row + data rows, e.g. "A1:I80") an Excel table
   * (ListObject) so users can sort, filter and extend it. Cell values are kept as they are. When a
   * table called `name` already exists on `sheet` it is resized to `address` (idempotent); a range
   * that overlaps another table is refused. `style` e.g. "TableStyleMedium2".
   */
  | { kind: "addTable"; sheet: string; address: string; name: string; style?: string; showFilterButton?: boolean };

/** Who made a change: the user here, a co-author elsewhere, or this add-in itself (ignored). */
export type ChangeSource = "local" | "remote" | "addin";

export interface ChangeEvent {
  sheet: string;
  /** A1 address of the changed block (multi-cell edits and pastes give only the address). */
  address: string;
  changeType: string;
  source: ChangeSource;
}

export interface WorkbookCapabilities {
  /** Change and activation events (Excel only). */
  events: boolean;
  /** Cell notes (ExcelApi 1.18 in Excel; ExcelJS notes in .xlsx). */
  notes: boolean;
  /** Real worksheet custom properties (ExcelApi 1.12) rather than an emulation. */
  customProperties: boolean;
}

export interface WorkbookPort {
  readonly capabilities: WorkbookCapabilities;
  getSheets(): Promise<SheetInfo[]>;
  getNames(): Promise<DefinedName[]>;
  getActiveSheet(): Promise<string | null>;
  /**
   * Reads all requests; throws WorkbookError("sheetNotFound") for a missing sheet. The arrays
   * returned are new on every call and belong to the caller (readTable may take them over:
   * see its `owned` option), never the port's own state.
   */
  read(requests: ReadRequest[]): Promise<RangeData[]>;
  /** Applies the operations in order, in as few round trips as the request size limit allows. */
  apply(ops: WorkbookOp[]): Promise<void>;
  /** Subscribes to cell changes; returns an unsubscribe function. No-op where events are absent. */
  onChanged(handler: (event: ChangeEvent) => void): Promise<() => Promise<void>>;
  /** Subscribes to sheet activation. */
  onActivated(handler: (sheet: string) => void): Promise<() => Promise<void>>;
}

export type WorkbookErrorCode =
  | "sheetNotFound"
  | "sheetExists"
  | "invalidSheetName"
  | "invalidAddress"
  | "requestTooLarge"
  | "unsupported"
  | "protected"
  | "unreadable";

export class WorkbookError extends Error {
  constructor(
    public readonly code: WorkbookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}
