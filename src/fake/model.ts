/**
 * The in-memory workbook behind the Excel fake: sheets, sparse cells, formats, data validation,
 * conditional formats, names, notes, protection, events and request statistics.
 *
 * `FakeWorkbook` is what tests and the browser preview hold. The `Excel.*` proxies in ./api.ts
 * queue operations and apply them to this model at `context.sync()`; `fakeWorkbook.user` simulates
 * what a person does in Excel's UI (typing, pasting, renaming, unprotecting) and fires the same
 * events Excel fires.
 */
import type { CellValue } from "../core/workbook/port";
import { absoluteRange, cellAddress, parseRange, rangeAddress, type RangeRef } from "../core/workbook/address";
import { FakeExcelError, FakeUserError } from "./errors";
import { PAYLOAD_LIMIT_BYTES } from "../adapters/excel/payload";
import { displayText, enterValue } from "./values";
import { evaluateFormula, type FormulaHost } from "./formula";

export type Rect = RangeRef;

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
export const PAYLOAD_LIMIT = PAYLOAD_LIMIT_BYTES;
export const CELL_READ_LIMIT = 5_000_000;
export const RANGE_AREAS_LIMIT = 500;

export type ExcelVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface CellFormat {
  fill?: string | null;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  numberFormat?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  locked?: boolean;
  border?: boolean;
}
export type CellFormatKey = keyof CellFormat;

export const DEFAULT_FORMAT: Required<CellFormat> = {
  fill: null,
  bold: false,
  italic: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "等线",
  numberFormat: "General",
  wrapText: false,
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  locked: true,
  border: false,
};

interface CellData {
  v: CellValue;
  f?: string;
  /** Where `f`'s relative references were written, when rows moved under it since. */
  fo?: { row: number; column: number };
  fmt?: CellFormat;
}

interface FormatLayer {
  rect: Rect;
  fmt: CellFormat;
}

export interface DataValidationRuleModel {
  wholeNumber?: { formula1: unknown; formula2?: unknown; operator: string };
  decimal?: { formula1: unknown; formula2?: unknown; operator: string };
  textLength?: { formula1: unknown; formula2?: unknown; operator: string };
  date?: { formula1: unknown; formula2?: unknown; operator: string };
  time?: { formula1: unknown; formula2?: unknown; operator: string };
  list?: { inCellDropDown?: boolean; source: string };
  custom?: { formula: string };
}

export interface DataValidationEntry {
  rects: Rect[];
  rule: DataValidationRuleModel | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatEntry {
  id: string;
  rects: Rect[];
  /** Top-left cell the relative references of `formula` are written for. */
  anchor: { row: number; column: number };
  type: string;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  stopIfTrue: boolean;
}

export interface NameEntry {
  name: string;
  sheetId: string | null;
  rect: Rect | null;
  comment: string;
  visible: boolean;
}

export interface ProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertRows?: boolean;
  allowDeleteRows?: boolean;
  allowSort?: boolean;
  allowAutoFilter?: boolean;
  selectionMode?: string;
  [k: string]: unknown;
}

export function rectContains(r: Rect, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rowCount && column >= r.column && column < r.column + r.columnCount;
}

export function rectIntersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const r2 = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const c2 = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  if (r2 <= row || c2 <= column) return null;
  return { row, column, rowCount: r2 - row, columnCount: c2 - column };
}

/** a minus b, as up to four rectangles. */
export function rectSubtract(a: Rect, b: Rect): Rect[] {
  const i = rectIntersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.row > a.row) out.push({ row: a.row, column: a.column, rowCount: i.row - a.row, columnCount: a.columnCount });
  const aEnd = a.row + a.rowCount;
  const iEnd = i.row + i.rowCount;
  if (iEnd < aEnd) out.push({ row: iEnd, column: a.column, rowCount: aEnd - iEnd, columnCount: a.columnCount });
  if (i.column > a.column) out.push({ row: i.row, column: a.column, rowCount: i.rowCount, columnCount: i.column - a.column });
  const acEnd = a.column + a.columnCount;
  const icEnd = i.column + i.columnCount;
  if (icEnd < acEnd) out.push({ row: i.row, column: icEnd, rowCount: i.rowCount, columnCount: acEnd - icEnd });
  return out;
}

function rectEquals(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount;
}

export function area(r: Rect): number {
  return r.rowCount * r.columnCount;
}

const key = (row: number, column: number) => row * MAX_COLUMNS + column;

/** Formats covering fewer cells than this are stored per cell; larger ones as layers. */
const PER_CELL_FORMAT_LIMIT = 256;

let sheetCounter = 0;

/**
 * A sheet's print settings as Worksheet.pageLayout reports them (ExcelApi 1.9): margins in points,
 * zoom either a scale or pages to fit (0 = automatic), print title rows as 0-based whole rows.
 * Defaults are Excel's for a new en-US sheet (Letter paper, 0.7"/0.75" margins).
 */
export interface PageLayoutModel {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  topMargin: number;
  bottomMargin: number;
  leftMargin: number;
  rightMargin: number;
  headerMargin: number;
  footerMargin: number;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printGridlines: boolean;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  printTitleRows: { row: number; rowCount: number } | null;
  /** headersFooters.defaultForAllPages */
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
}

export function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    topMargin: 54,
    bottomMargin: 54,
    leftMargin: 50.4,
    rightMargin: 50.4,
    headerMargin: 21.6,
    footerMargin: 21.6,
    centerHorizontally: false,
    centerVertically: false,
    printGridlines: false,
    zoom: { scale: 100 },
    printTitleRows: null,
    header: { left: "", center: "", right: "" },
    footer: { left: "", center: "", right: "" },
  };
}

/** An Excel table (ListObject) on a sheet: its range includes the header row. */
export interface TableModel {
  id: string;
  name: string;
  rect: Rect;
  style: string;
  showFilterButton: boolean;
}

export class SheetModel {
  readonly id: string;
  visibility: ExcelVisibility = "Visible";
  protected = false;
  protectionOptions: ProtectionOptions = {};
  protectionPassword: string | undefined;
  readonly customProperties = new Map<string, { key: string; value: string }>();
  readonly cells = new Map<number, CellData>();
  /** Keys of the cells holding a formula (recalculated after every write). */
  readonly formulaKeys = new Set<number>();
  readonly layers: FormatLayer[] = [];
  readonly columnWidths = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };
  readonly merges: Rect[] = [];
  readonly validations: DataValidationEntry[] = [];
  readonly conditionalFormats: ConditionalFormatEntry[] = [];
  readonly notes = new Map<number, { row: number; column: number; content: string }>();
  selection: Rect = { row: 0, column: 0, rowCount: 1, columnCount: 1 };
  tabColor = "";
  pageLayout: PageLayoutModel = defaultPageLayout();
  /** Excel tables (ListObjects) on this sheet; the header is the first row of `rect`. */
  readonly tables: TableModel[] = [];

  constructor(public name: string) {
    this.id = `{FAKE-SHEET-${++sheetCounter}}`;
  }

  cell(row: number, column: number): CellData | undefined {
    return this.cells.get(key(row, column));
  }

  value(row: number, column: number): CellValue {
    return this.cells.get(key(row, column))?.v ?? "";
  }

  formula(row: number, column: number): string | undefined {
    return this.cells.get(key(row, column))?.f;
  }

  format<K extends CellFormatKey>(row: number, column: number, k: K): Required<CellFormat>[K] {
    const own = this.cells.get(key(row, column))?.fmt;
    if (own && k in own) return own[k] as Required<CellFormat>[K];
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      if (k in l.fmt && rectContains(l.rect, row, column)) return l.fmt[k] as Required<CellFormat>[K];
    }
    return DEFAULT_FORMAT[k];
  }

  /** Writes a value (already converted) and formula; empty cells without format are dropped. */
  put(row: number, column: number, v: CellValue, f?: string): void {
    const k = key(row, column);
    if (f === undefined) this.formulaKeys.delete(k);
    else this.formulaKeys.add(k);
    const c = this.cells.get(k);
    if (v === "" && f === undefined) {
      if (!c) return;
      if (c.fmt && Object.keys(c.fmt).length > 0) {
        c.v = "";
        delete c.f;
      } else this.cells.delete(k);
      return;
    }
    if (c) {
      c.v = v;
      delete c.fo;
      if (f === undefined) delete c.f;
      else c.f = f;
    } else this.cells.set(k, f === undefined ? { v } : { v, f });
  }

  setFormat(rect: Rect, fmt: CellFormat): void {
    const keys = Object.keys(fmt) as CellFormatKey[];
    if (keys.length === 0) return;
    if (area(rect) <= PER_CELL_FORMAT_LIMIT) {
      for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
        for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
          const k = key(r, c);
          let cd = this.cells.get(k);
          if (!cd) {
            cd = { v: "" };
            this.cells.set(k, cd);
          }
          cd.fmt = { ...cd.fmt, ...fmt };
        }
      }
      return;
    }
    for (const [k, cd] of this.cells) {
      if (!cd.fmt) continue;
      const r = Math.floor(k / MAX_COLUMNS);
      const c = k % MAX_COLUMNS;
      if (!rectContains(rect, r, c)) continue;
      for (const fk of keys) delete cd.fmt[fk];
    }
    // older layers lose the properties this one overrides everywhere they apply
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      const r = l.rect;
      const covered = r.row >= rect.row && r.column >= rect.column && r.row + r.rowCount <= rect.row + rect.rowCount && r.column + r.columnCount <= rect.column + rect.columnCount;
      if (!covered) continue;
      for (const fk of keys) delete l.fmt[fk];
      if (Object.keys(l.fmt).length === 0) this.layers.splice(i, 1);
    }
    this.layers.push({ rect, fmt: { ...fmt } });
  }

  /** Bounding box of the used cells (values and formulas; with formats unless valuesOnly). */
  usedRange(valuesOnly: boolean): Rect | null {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = -1;
    let c2 = -1;
    const take = (r: number, c: number, rr = r, cc = c) => {
      if (r < r1) r1 = r;
      if (c < c1) c1 = c;
      if (rr > r2) r2 = rr;
      if (cc > c2) c2 = cc;
    };
    for (const [k, cd] of this.cells) {
      const hasValue = cd.v !== "" || cd.f !== undefined;
      if (!hasValue && (valuesOnly || !cd.fmt || Object.keys(cd.fmt).length === 0)) continue;
      take(Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS);
    }
    if (!valuesOnly) {
      for (const l of this.layers) {
        if (l.rect.rowCount >= MAX_ROWS || l.rect.columnCount >= MAX_COLUMNS) continue;
        take(l.rect.row, l.rect.column, l.rect.row + l.rect.rowCount - 1, l.rect.column + l.rect.columnCount - 1);
      }
    }
    if (r2 < 0) return null;
    return { row: r1, column: c1, rowCount: r2 - r1 + 1, columnCount: c2 - c1 + 1 };
  }

  validationAt(row: number, column: number): DataValidationEntry | undefined {
    for (let i = this.validations.length - 1; i >= 0; i--) {
      const v = this.validations[i];
      if (v.rects.some((r) => rectContains(r, row, column))) return v;
    }
    return undefined;
  }

  /** The validation entry that exactly covers `rect`, creating (and carving out) one if needed. */
  validationFor(rect: Rect): DataValidationEntry {
    const exact = this.validations.find((v) => v.rects.length === 1 && rectEquals(v.rects[0], rect));
    if (exact) return exact;
    const base = this.validationAt(rect.row, rect.column);
    this.removeValidation(rect);
    const entry: DataValidationEntry = base
      ? { rects: [rect], rule: base.rule, errorAlert: { ...base.errorAlert }, prompt: { ...base.prompt }, ignoreBlanks: base.ignoreBlanks }
      : {
          rects: [rect],
          rule: null,
          errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
          prompt: { showPrompt: false, title: "", message: "" },
          ignoreBlanks: true,
        };
    this.validations.push(entry);
    return entry;
  }

  removeValidation(rect: Rect): void {
    for (const v of this.validations) v.rects = v.rects.flatMap((r) => rectSubtract(r, rect));
    for (let i = this.validations.length - 1; i >= 0; i--) if (this.validations[i].rects.length === 0) this.validations.splice(i, 1);
  }

  clearConditionalFormats(rect: Rect): void {
    for (const cf of this.conditionalFormats) cf.rects = cf.rects.flatMap((r) => rectSubtract(r, rect));
    for (let i = this.conditionalFormats.length - 1; i >= 0; i--) if (this.conditionalFormats[i].rects.length === 0) this.conditionalFormats.splice(i, 1);
  }

  /** Throws AccessDenied when a locked cell of `rect` is on this protected sheet. */
  assertEditable(rect: Rect, what: string): void {
    if (!this.protected) return;
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
        if (this.format(r, c, "locked")) {
          throw new FakeExcelError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${this.name}!${cellAddress(r, c)}, ${what}).`);
        }
      }
    }
  }

  assertFormatAllowed(kind: "cells" | "columns" | "rows" = "cells"): void {
    if (!this.protected) return;
    const allowed = kind === "cells" ? this.protectionOptions.allowFormatCells : kind === "columns" ? this.protectionOptions.allowFormatColumns : this.protectionOptions.allowFormatRows;
    if (!allowed) throw new FakeExcelError("AccessDenied", `The sheet ${this.name} is protected; formatting ${kind} is not allowed.`);
  }

  assertUnprotected(what: string): void {
    if (this.protected) throw new FakeExcelError("AccessDenied", `The sheet ${this.name} is protected (${what}).`);
  }
}

export interface RawChangeEvent {
  sheetId: string;
  rect: Rect;
  changeType: string;
  source: "Local" | "Remote";
  triggerSource: "ThisLocalAddin" | "Unknown";
  details?: { valueBefore: CellValue; valueAfter: CellValue; valueTypeBefore: string; valueTypeAfter: string };
}

export interface RawActivatedEvent {
  sheetId: string;
  source: "Local" | "Remote";
}

/** worksheets.onNameChanged (ExcelApi 1.17). */
export interface RawNameChangedEvent {
  sheetId: string;
  nameBefore: string;
  nameAfter: string;
  source: "Local" | "Remote";
}

export type RawEvent =
  | { type: "changed"; event: RawChangeEvent }
  | { type: "activated"; event: RawActivatedEvent }
  | { type: "nameChanged"; event: RawNameChangedEvent };

export interface EventRegistration {
  type: RawEvent["type"];
  /** undefined = the whole worksheet collection. */
  sheetId?: string;
  fn: (event: RawEvent["event"]) => unknown;
  active: boolean;
}

export interface FakeStats {
  /** context.sync() round trips (including rejected ones). */
  syncs: number;
  /** JSON size in bytes of each request, in order. */
  requestBytes: number[];
  responseBytes: number[];
  maxRequestBytes: number;
  maxResponseBytes: number;
  totalRequestBytes: number;
  totalResponseBytes: number;
  /** Requests (or responses) rejected for size. */
  rejected: number;
  /**
   * API calls that wipe the user's undo history (protect/unprotect; visibility changes, which are
   * not undoable on Windows/Mac). An add-in must not do these per keystroke.
   */
  undoClears: number;
  reset(): void;
}

function createStats(): FakeStats {
  const s: FakeStats = {
    syncs: 0,
    requestBytes: [],
    responseBytes: [],
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    totalRequestBytes: 0,
    totalResponseBytes: 0,
    rejected: 0,
    undoClears: 0,
    reset() {
      s.syncs = 0;
      s.requestBytes = [];
      s.responseBytes = [];
      s.maxRequestBytes = 0;
      s.maxResponseBytes = 0;
      s.totalRequestBytes = 0;
      s.totalResponseBytes = 0;
      s.rejected = 0;
      s.undoClears = 0;
    },
  };
  return s;
}

export interface SnapshotCell {
  row: number;
  column: number;
  address: string;
  value: CellValue;
  text: string;
  formula?: string;
  /** Fill set directly on the cell. */
  fill: string | null;
  /** Fill from a conditional format whose formula is true for this cell (null when none applies). */
  conditionalFill: string | null;
  /** What Excel would paint: conditional fill over direct fill. */
  displayFill: string | null;
  fontColor: string;
  bold: boolean;
  locked: boolean;
  note?: string;
  /** Data-validation input prompt, if any. */
  prompt?: string;
}

export interface SnapshotSheet {
  id: string;
  name: string;
  position: number;
  visibility: ExcelVisibility;
  protected: boolean;
  active: boolean;
  customProperties: Record<string, string>;
  freeze: { rows: number; columns: number };
  /** The sheet's used range (values and formats), "" when empty. */
  usedAddress: string;
  /** Dense rows from A1 to the used range's end, clipped to maxRows × maxColumns. */
  rows: SnapshotCell[][];
  columnWidths: Record<number, number>;
  merges: string[];
  /** Print settings (a copy of Worksheet.pageLayout). */
  pageLayout?: PageLayoutModel;
  /** Excel tables on the sheet, address including the header row. */
  tables?: Array<{ name: string; address: string; style: string; showFilterButton: boolean }>;
}

export interface FakeSnapshot {
  sheets: SnapshotSheet[];
  activeSheet: string | null;
  names: Array<{ name: string; formula: string }>;
}

export interface FakeWorkbookOptions {
  /** Sheets to start with (default: one sheet "Sheet1"). Pass [] for none (Excel always has one). */
  sheets?: string[];
  /** Supported requirement sets: name → highest version (default { ExcelApi: "1.17" }). */
  requirementSets?: Record<string, string>;
  /** Milliseconds before events reach handlers (Excel's events can lag; default 0). */
  eventDelayMs?: number;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/;

export function sheetNameProblem(name: string): string | null {
  if (typeof name !== "string" || name.length === 0) return "The sheet name is empty.";
  if (name.length > 31) return "The sheet name is longer than 31 characters.";
  if (INVALID_SHEET_CHARS.test(name)) return "The sheet name contains one of : \\ / ? * [ ].";
  if (name.startsWith("'") || name.endsWith("'")) return "The sheet name starts or ends with an apostrophe.";
  if (name.toLowerCase() === "history") return "History is a reserved sheet name.";
  return null;
}

export class FakeWorkbook implements FormulaHost {
  readonly sheets: SheetModel[] = [];
  readonly names: NameEntry[] = [];
  activeSheetId: string | null = null;
  readonly stats: FakeStats = createStats();
  readonly requirementSets: Record<string, string>;
  eventDelayMs: number;
  readonly registrations: EventRegistration[] = [];
  private listeners = new Set<() => void>();
  private inflight = new Set<Promise<unknown>>();
  private cfCounter = 0;
  /** The user is typing in a cell (cell edit mode): batches fail unless run with delayForCellEdit. */
  cellEditing = false;
  private editWaiters: Array<() => void> = [];
  /** Simulated user actions (Excel's UI), outside `Excel.*`. */
  readonly user: FakeUser;

  constructor(options: FakeWorkbookOptions = {}) {
    this.requirementSets = { ExcelApi: "1.17", ...(options.requirementSets ?? {}) };
    this.eventDelayMs = options.eventDelayMs ?? 0;
    for (const n of options.sheets ?? ["Sheet1"]) this.addSheet(n);
    this.user = new FakeUser(this);
  }

  isSetSupported(name: string, version?: string): boolean {
    const have = Object.entries(this.requirementSets).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    if (have === undefined) return false;
    return version === undefined || compareVersions(have, version) >= 0;
  }

  requireSet(name: string, version: string, api: string): void {
    if (!this.isSetSupported(name, version)) throw new FakeExcelError("ApiNotFound", `${api} needs ${name} ${version}, which this Excel does not support.`);
  }

  /** Resolves when the user leaves cell edit mode (at once when not editing). */
  cellEditDone(): Promise<void> {
    if (!this.cellEditing) return Promise.resolve();
    return new Promise((resolve) => this.editWaiters.push(resolve));
  }

  endCellEdit(): void {
    this.cellEditing = false;
    const waiters = this.editWaiters;
    this.editWaiters = [];
    for (const w of waiters) w();
  }

  // ---- sheets -------------------------------------------------------------------------------

  findSheet(name: string): SheetModel | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  sheetById(id: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  getSheet(name: string): SheetModel {
    const s = this.findSheet(name);
    if (!s) {
      const e = new FakeExcelError("ItemNotFound", `The requested resource doesn't exist. (worksheet '${name}')`, "WorksheetCollection.getItem");
      e.sheetMissing = true;
      throw e;
    }
    return s;
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    const problem = sheetNameProblem(n);
    if (problem) throw new FakeExcelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${problem}`, "WorksheetCollection.add");
    if (this.findSheet(n)) throw new FakeExcelError("ItemAlreadyExists", `A sheet named '${n}' already exists.`, "WorksheetCollection.add");
    const s = new SheetModel(n);
    this.sheets.push(s);
    if (this.activeSheetId === null) this.activeSheetId = s.id;
    return s;
  }

  renameSheet(s: SheetModel, newName: string): void {
    if (s.name === newName) return;
    const problem = sheetNameProblem(newName);
    if (problem) throw new FakeExcelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${problem}`, "Worksheet.name");
    const other = this.findSheet(newName);
    if (other && other !== s) throw new FakeExcelError("ItemAlreadyExists", `A sheet named '${newName}' already exists.`, "Worksheet.name");
    const nameBefore = s.name;
    s.name = newName;
    this.emit({ type: "nameChanged", event: { sheetId: s.id, nameBefore, nameAfter: newName, source: "Local" } });
  }

  visibleCount(): number {
    return this.sheets.filter((s) => s.visibility === "Visible").length;
  }

  setVisibility(s: SheetModel, v: ExcelVisibility): void {
    if (v !== "Visible" && s.visibility === "Visible" && this.visibleCount() <= 1) {
      throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.visibility");
    }
    if (s.visibility !== v) this.stats.undoClears++;
    s.visibility = v;
    if (v !== "Visible" && this.activeSheetId === s.id) this.activeSheetId = this.sheets.find((x) => x.visibility === "Visible")?.id ?? null;
  }

  deleteSheet(s: SheetModel): void {
    if (s.visibility === "VeryHidden") throw new FakeExcelError("InvalidOperation", `The very hidden sheet '${s.name}' cannot be deleted; make it visible or hidden first.`, "Worksheet.delete");
    if (s.visibility === "Visible" && this.visibleCount() <= 1) throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.delete");
    const i = this.sheets.indexOf(s);
    this.sheets.splice(i, 1);
    for (const n of this.names) if (n.sheetId === s.id) n.sheetId = null;
    for (const r of this.registrations) if (r.sheetId === s.id) r.active = false;
    if (this.activeSheetId === s.id) this.activeSheetId = this.sheets.find((x) => x.visibility === "Visible")?.id ?? null;
  }

  moveSheet(s: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new FakeExcelError("InvalidArgument", `Position ${position} is outside 0..${this.sheets.length - 1}.`, "Worksheet.position");
    }
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.splice(position, 0, s);
  }

  activate(s: SheetModel, source: "Local" | "Remote" = "Local"): void {
    if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `The sheet '${s.name}' is hidden and cannot be activated.`, "Worksheet.activate");
    if (this.activeSheetId === s.id) return;
    this.activeSheetId = s.id;
    this.emit({ type: "activated", event: { sheetId: s.id, source } });
  }

  activeSheet(): SheetModel | undefined {
    return this.activeSheetId ? this.sheetById(this.activeSheetId) : undefined;
  }

  // ---- values -------------------------------------------------------------------------------

  /**
   * Writes values as Excel does when they are assigned to `range.values` or entered: strings are
   * converted (see values.ts), "=…" becomes a formula. Returns the change event (not yet fired).
   */
  writeValues(s: SheetModel, rect: Rect, values: unknown[][], trigger: RawChangeEvent["triggerSource"], source: "Local" | "Remote" = "Local", asFormulas = false): RawChangeEvent {
    const single = rect.rowCount === 1 && rect.columnCount === 1;
    const before = single ? s.value(rect.row, rect.column) : "";
    // the whole array is checked before any cell changes
    for (const rowVals of values) {
      for (const input of rowVals) {
        if (input !== null && typeof input === "object") throw new FakeExcelError("InvalidArgument", "Cell values must be numbers, strings or booleans.", "Range.values");
        if (typeof input === "number" && !Number.isFinite(input)) throw new FakeExcelError("InvalidArgument", "Cell values must be finite numbers.", "Range.values");
      }
    }
    for (let i = 0; i < rect.rowCount; i++) {
      const rowVals = values[i];
      for (let j = 0; j < rect.columnCount; j++) {
        const r = rect.row + i;
        const c = rect.column + j;
        const input = rowVals[j] as CellValue | null;
        // Office.js: a null in the array leaves that cell as it is
        if (input === null || input === undefined) continue;
        if (asFormulas && typeof input === "string" && input.startsWith("=") && input.length > 1) {
          s.put(r, c, "", input);
          continue;
        }
        const nf = s.format(r, c, "numberFormat");
        const entered = enterValue(input, nf);
        s.put(r, c, entered.value, entered.formula);
        if (entered.impliedFormat && nf === "General") s.setFormat({ row: r, column: c, rowCount: 1, columnCount: 1 }, { numberFormat: entered.impliedFormat });
      }
    }
    this.recalculate(s);
    const ev: RawChangeEvent = { sheetId: s.id, rect, changeType: "RangeEdited", source, triggerSource: trigger };
    if (single) {
      const after = s.value(rect.row, rect.column);
      ev.details = { valueBefore: before, valueAfter: after, valueTypeBefore: valueType(before), valueTypeAfter: valueType(after) };
    }
    return ev;
  }

  /** Recomputes formula cells of a sheet (and of sheets that might reference it). */
  recalculate(_s?: SheetModel): void {
    for (const sh of this.sheets) {
      for (const k of sh.formulaKeys) {
        const cd = sh.cells.get(k);
        if (!cd || cd.f === undefined) continue;
        const r = Math.floor(k / MAX_COLUMNS);
        const c = k % MAX_COLUMNS;
        cd.v = evaluateFormula(this, sh, r, c, cd.f, cd.fo ?? { row: r, column: c });
      }
    }
  }

  // FormulaHost
  cellValue(sheet: SheetModel, row: number, column: number): CellValue {
    return sheet.value(row, column);
  }

  // ---- rows inserted / deleted by the user ------------------------------------------------------

  /**
   * Inserts (count > 0) or deletes (count < 0) whole rows at 0-based `at`, moving cells, formats,
   * validation, conditional formats, notes, merges and names as Excel does. Formula text is not
   * rewritten (a limitation of the fake): formulas keep evaluating against the cells that moved
   * with them, but `range.formulas` shows the text as first written.
   */
  shiftRows(s: SheetModel, at: number, count: number): void {
    const moveRect = (r: Rect): Rect | null => {
      if (count > 0) {
        let { row, rowCount } = r;
        if (row >= at) row += count;
        else if (row + rowCount > at) rowCount += count;
        rowCount = Math.min(rowCount, MAX_ROWS - row);
        return rowCount > 0 ? { ...r, row, rowCount } : null;
      }
      const n = -count;
      const d1 = at + n;
      const end = r.row + r.rowCount;
      const start = r.row < at ? r.row : r.row >= d1 ? r.row - n : at;
      const newEnd = end <= at ? end : end >= d1 ? end - n : at;
      return newEnd > start ? { ...r, row: start, rowCount: newEnd - start } : null;
    };
    const moveRow = (row: number): number | null => {
      if (count > 0) return row >= at ? (row + count < MAX_ROWS ? row + count : null) : row;
      return row < at ? row : row >= at - count ? row + count : null;
    };
    const cells = [...s.cells];
    s.cells.clear();
    s.formulaKeys.clear();
    for (const [k, cd] of cells) {
      const r = moveRow(Math.floor(k / MAX_COLUMNS));
      if (r === null) continue;
      const nk = r * MAX_COLUMNS + (k % MAX_COLUMNS);
      s.cells.set(nk, cd);
      if (cd.f !== undefined) {
        s.formulaKeys.add(nk);
        // the text is not rewritten: keep evaluating it from where it was written
        cd.fo ??= { row: Math.floor(k / MAX_COLUMNS), column: k % MAX_COLUMNS };
      }
    }
    const notes = [...s.notes.values()];
    s.notes.clear();
    for (const n of notes) {
      const r = moveRow(n.row);
      if (r !== null) s.notes.set(r * MAX_COLUMNS + n.column, { ...n, row: r });
    }
    const keepRects = (rects: Rect[]) => rects.map(moveRect).filter((x): x is Rect => x !== null);
    for (let i = s.layers.length - 1; i >= 0; i--) {
      const m = moveRect(s.layers[i].rect);
      if (m) s.layers[i].rect = m;
      else s.layers.splice(i, 1);
    }
    for (const v of s.validations) v.rects = keepRects(v.rects);
    for (let i = s.validations.length - 1; i >= 0; i--) if (s.validations[i].rects.length === 0) s.validations.splice(i, 1);
    for (const cf of s.conditionalFormats) {
      // the anchor stays with the formula text (not rewritten), so references that moved with
      // the rows still point at the same data
      cf.rects = keepRects(cf.rects);
    }
    for (let i = s.conditionalFormats.length - 1; i >= 0; i--) if (s.conditionalFormats[i].rects.length === 0) s.conditionalFormats.splice(i, 1);
    const merges = keepRects(s.merges);
    s.merges.splice(0, s.merges.length, ...merges);
    for (const n of this.names) {
      if (n.sheetId !== s.id || !n.rect) continue;
      n.rect = moveRect(n.rect);
    }
    this.recalculate(s);
  }

  // ---- names --------------------------------------------------------------------------------

  nameFormula(n: NameEntry): string {
    const s = n.sheetId ? this.sheetById(n.sheetId) : undefined;
    if (!s || !n.rect) return "=#REF!";
    return "=" + absoluteRange(s.name, n.rect).replace(/\$([A-Z]+)\$(\d+):\$\1\$\2$/, "$$$1$$$2");
  }

  /** Resolves "=Sheet!$A$1:$B$3", "Sheet!A1" or "'My sheet'!A1" to a sheet and rectangle. */
  resolveReference(ref: string, defaultSheet?: SheetModel): { sheet: SheetModel; rect: Rect } {
    let r = ref.trim();
    if (r.startsWith("=")) r = r.slice(1);
    const bang = r.lastIndexOf("!");
    let sheet = defaultSheet;
    if (bang >= 0) {
      let sn = r.slice(0, bang);
      if (sn.startsWith("'") && sn.endsWith("'")) sn = sn.slice(1, -1).replace(/''/g, "'");
      sheet = this.findSheet(sn);
      if (!sheet) throw new FakeExcelError("InvalidReference", `The reference ${ref} points to a missing sheet.`);
      r = r.slice(bang + 1);
    } else {
      const named = this.names.find((n) => n.name.toLowerCase() === r.toLowerCase());
      if (named) {
        const s = named.sheetId ? this.sheetById(named.sheetId) : undefined;
        if (!s || !named.rect) throw new FakeExcelError("InvalidReference", `The name ${r} refers to #REF!.`);
        return { sheet: s, rect: named.rect };
      }
    }
    if (!sheet) throw new FakeExcelError("InvalidReference", `The reference ${ref} has no sheet.`);
    return { sheet, rect: parseAddress(r) };
  }

  // ---- conditional formats --------------------------------------------------------------------

  newConditionalFormat(s: SheetModel, rects: Rect[], type: string): ConditionalFormatEntry {
    const cf: ConditionalFormatEntry = {
      id: `{FAKE-CF-${++this.cfCounter}}`,
      rects: rects.map((r) => ({ ...r })),
      anchor: { row: rects[0].row, column: rects[0].column },
      type,
      formula: "",
      fill: null,
      fontColor: null,
      stopIfTrue: false,
    };
    s.conditionalFormats.push(cf);
    return cf;
  }

  /** The conditional fill/font of a cell, evaluating each custom rule's formula for that cell. */
  conditionalStyle(s: SheetModel, row: number, column: number): { fill: string | null; fontColor: string | null } {
    let fill: string | null = null;
    let fontColor: string | null = null;
    for (const cf of s.conditionalFormats) {
      if (!cf.formula || !cf.rects.some((r) => rectContains(r, row, column))) continue;
      const v = evaluateFormula(this, s, row, column, cf.formula, cf.anchor);
      if (v === true || (typeof v === "number" && v !== 0)) {
        if (fill === null && cf.fill) fill = cf.fill;
        if (fontColor === null && cf.fontColor) fontColor = cf.fontColor;
        if (cf.stopIfTrue) break;
      }
    }
    return { fill, fontColor };
  }

  // ---- events -------------------------------------------------------------------------------

  /** Queues an event and delivers it asynchronously, after the current sync or user action. */
  emit(e: RawEvent): void {
    const regs = this.registrations.filter((r) => r.active && r.type === e.type && (r.sheetId === undefined || r.sheetId === e.event.sheetId));
    if (regs.length === 0) return;
    const p = new Promise<void>((resolve) => setTimeout(resolve, this.eventDelayMs)).then(async () => {
      for (const r of regs) {
        if (!r.active) continue;
        try {
          await r.fn(e.event);
        } catch {
          // Excel swallows exceptions thrown by event handlers.
        }
      }
    });
    this.track(p);
  }

  track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Resolves when every event fired so far has been handled (handlers' promises included). */
  async settle(): Promise<void> {
    for (let i = 0; i < 50 && this.inflight.size > 0; i++) await Promise.allSettled([...this.inflight]);
  }

  // ---- change notification for the preview ----------------------------------------------------

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // a broken listener must not break the workbook
      }
    }
  }

  // ---- snapshot -------------------------------------------------------------------------------

  snapshot(options: { maxRows?: number; maxColumns?: number } = {}): FakeSnapshot {
    const maxRows = options.maxRows ?? 200;
    const maxColumns = options.maxColumns ?? 50;
    const sheets = this.sheets.map((s, position): SnapshotSheet => {
      const used = s.usedRange(false);
      // the grid also reaches cells that only carry a note
      let extent = used;
      for (const n of s.notes.values()) {
        const r1 = Math.min(extent?.row ?? n.row, n.row);
        const c1 = Math.min(extent?.column ?? n.column, n.column);
        const r2 = Math.max(extent ? extent.row + extent.rowCount - 1 : n.row, n.row);
        const c2 = Math.max(extent ? extent.column + extent.columnCount - 1 : n.column, n.column);
        extent = { row: r1, column: c1, rowCount: r2 - r1 + 1, columnCount: c2 - c1 + 1 };
      }
      const rows: SnapshotCell[][] = [];
      if (extent) {
        const used = extent;
        const nr = Math.min(used.row + used.rowCount, maxRows);
        const nc = Math.min(used.column + used.columnCount, maxColumns);
        for (let r = 0; r < nr; r++) {
          const row: SnapshotCell[] = [];
          for (let c = 0; c < nc; c++) row.push(this.snapshotCell(s, r, c));
          rows.push(row);
        }
      }
      const customProperties: Record<string, string> = {};
      for (const p of s.customProperties.values()) customProperties[p.key] = p.value;
      return {
        id: s.id,
        name: s.name,
        position,
        visibility: s.visibility,
        protected: s.protected,
        active: this.activeSheetId === s.id,
        customProperties,
        freeze: { ...s.freeze },
        usedAddress: used ? rangeAddress(used) : "",
        rows,
        columnWidths: Object.fromEntries(s.columnWidths),
        merges: s.merges.map(rangeAddress),
        pageLayout: JSON.parse(JSON.stringify(s.pageLayout)) as PageLayoutModel,
        tables: s.tables.map((t) => ({ name: t.name, address: rangeAddress(t.rect), style: t.style, showFilterButton: t.showFilterButton })),
      };
    });
    return {
      sheets,
      activeSheet: this.activeSheet()?.name ?? null,
      names: this.names.map((n) => ({ name: n.name, formula: this.nameFormula(n) })),
    };
  }

  snapshotCell(s: SheetModel, r: number, c: number): SnapshotCell {
    const value = s.value(r, c);
    const nf = s.format(r, c, "numberFormat");
    const fill = s.format(r, c, "fill");
    const cond = this.conditionalStyle(s, r, c);
    const note = s.notes.get(key(r, c))?.content;
    const dv = s.validationAt(r, c);
    const cell: SnapshotCell = {
      row: r,
      column: c,
      address: cellAddress(r, c),
      value,
      text: displayText(value, nf),
      fill,
      conditionalFill: cond.fill,
      displayFill: cond.fill ?? fill,
      fontColor: cond.fontColor ?? s.format(r, c, "fontColor"),
      bold: s.format(r, c, "bold"),
      locked: s.format(r, c, "locked"),
    };
    const f = s.formula(r, c);
    if (f !== undefined) cell.formula = f;
    if (note !== undefined) cell.note = note;
    if (dv?.prompt.showPrompt && dv.prompt.message) cell.prompt = dv.prompt.message;
    return cell;
  }

  /** Convenience for tests: the values of `address` on `sheet` as Excel's `range.values` gives them. */
  values(sheet: string, address: string): CellValue[][] {
    const s = this.getSheet(sheet);
    const rect = parseAddress(address);
    const out: CellValue[][] = [];
    for (let r = 0; r < rect.rowCount; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < rect.columnCount; c++) row.push(s.value(rect.row + r, rect.column + c));
      out.push(row);
    }
    return out;
  }

  /** Convenience for tests: the direct fill of one cell. */
  fill(sheet: string, address: string): string | null {
    const s = this.getSheet(sheet);
    const { row, column } = parseAddress(address);
    return s.format(row, column, "fill");
  }

  sheet(name: string): SheetModel {
    return this.getSheet(name);
  }
}

export function valueType(v: CellValue): string {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "string" && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/.test(v)) return "Error";
  return "String";
}

export function parseAddress(address: string): Rect {
  try {
    const r = parseRange(address);
    if (r.row + r.rowCount > MAX_ROWS || r.column + r.columnCount > MAX_COLUMNS) throw new RangeError(address);
    return r;
  } catch {
    throw new FakeExcelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (address '${address}')`, "Worksheet.getRange");
  }
}

/** What a person can do in Excel's UI; each action fires the events Excel would fire. */
export class FakeUser {
  constructor(private readonly wb: FakeWorkbook) {}

  private done(): Promise<void> {
    this.wb.notify();
    return this.wb.settle();
  }

  /**
   * Types `value` into one cell and presses Enter: protection and "stop" data validation are
   * enforced (throws FakeUserError), strings are converted as Excel converts typed input.
   */
  async type(sheet: string, address: string, value: CellValue, options: { remote?: boolean } = {}): Promise<void> {
    const s = this.wb.getSheet(sheet);
    const { row, column } = parseAddress(address);
    if (s.protected && s.format(row, column, "locked")) {
      throw new FakeUserError("protected", `您试图更改的单元格或图表位于受保护的工作表中。(${s.name}!${cellAddress(row, column)})`);
    }
    const dv = s.validationAt(row, column);
    if (dv && dv.rule && dv.errorAlert.showAlert && dv.errorAlert.style === "Stop") {
      const entered = enterValue(value, s.format(row, column, "numberFormat"));
      if (!validationAccepts(this.wb, s, dv, entered.value, row, column)) {
        throw new FakeUserError("validation", dv.errorAlert.message || "此值与此单元格定义的数据验证限制不匹配。");
      }
    }
    const ev = this.wb.writeValues(s, { row, column, rowCount: 1, columnCount: 1 }, [[value]], "Unknown", options.remote ? "Remote" : "Local");
    this.wb.emit({ type: "changed", event: ev });
    return this.done();
  }

  /**
   * Starts typing in a cell without pressing Enter (cell edit mode). Until `finishCellEdit`, batches
   * fail with InvalidOperationInCellEditMode unless run with `{ delayForCellEdit: true }`, which wait.
   */
  beginCellEdit(): void {
    this.wb.cellEditing = true;
  }

  /** Leaves cell edit mode: types `value` into the cell (when given) and releases delayed batches. */
  async finishCellEdit(sheet?: string, address?: string, value?: CellValue): Promise<void> {
    this.wb.endCellEdit();
    if (sheet !== undefined && address !== undefined && value !== undefined) await this.type(sheet, address, value);
    return this.done();
  }

  /** Pastes a block with its top-left cell at `address`: no data validation (as Excel), one event, no details. */
  async paste(sheet: string, address: string, values: CellValue[][], options: { remote?: boolean } = {}): Promise<void> {
    const s = this.wb.getSheet(sheet);
    const { row, column } = parseAddress(address);
    const columnCount = values.reduce((m, r) => Math.max(m, r.length), 0); // no spread: a 1,000,000-row paste overflows the stack
    if (values.length === 0 || columnCount === 0) return;
    const rect = { row, column, rowCount: values.length, columnCount };
    const padded = values.map((r) => [...r, ...Array(columnCount - r.length).fill("")]);
    try {
      s.assertEditable(rect, "paste");
    } catch {
      throw new FakeUserError("protected", `您试图更改的单元格或图表位于受保护的工作表中。(${s.name}!${rangeAddress(rect)})`);
    }
    const ev = this.wb.writeValues(s, rect, padded, "Unknown", options.remote ? "Remote" : "Local");
    if (rect.rowCount === 1 && rect.columnCount === 1) {
      // Excel reports a one-cell paste like an edit, with details.
    } else delete ev.details;
    this.wb.emit({ type: "changed", event: ev });
    return this.done();
  }

  /** Selects `address` and presses Delete. */
  async clear(sheet: string, address: string): Promise<void> {
    const s = this.wb.getSheet(sheet);
    const rect = parseAddress(address);
    try {
      s.assertEditable(rect, "clear");
    } catch {
      throw new FakeUserError("protected", `您试图更改的单元格或图表位于受保护的工作表中。(${s.name}!${rangeAddress(rect)})`);
    }
    const blank = Array.from({ length: rect.rowCount }, () => Array(rect.columnCount).fill(""));
    const ev = this.wb.writeValues(s, rect, blank, "Unknown");
    this.wb.emit({ type: "changed", event: ev });
    return this.done();
  }

  /** Right-click a row header → Insert: `count` empty rows before 1-based row `row`. */
  async insertRows(sheet: string, row: number, count = 1): Promise<void> {
    const s = this.wb.getSheet(sheet);
    if (s.protected && !s.protectionOptions.allowInsertRows) throw new FakeUserError("protected", `工作表“${s.name}”受保护，不能插入行。`);
    this.wb.shiftRows(s, row - 1, count);
    this.wb.emit({ type: "changed", event: { sheetId: s.id, rect: { row: row - 1, column: 0, rowCount: count, columnCount: MAX_COLUMNS }, changeType: "RowInserted", source: "Local", triggerSource: "Unknown" } });
    return this.done();
  }

  /** Right-click a row header → Delete: `count` rows from 1-based row `row`. */
  async deleteRows(sheet: string, row: number, count = 1): Promise<void> {
    const s = this.wb.getSheet(sheet);
    const rect = { row: row - 1, column: 0, rowCount: count, columnCount: MAX_COLUMNS };
    if (s.protected) {
      if (!s.protectionOptions.allowDeleteRows) throw new FakeUserError("protected", `工作表“${s.name}”受保护，不能删除行。`);
      for (const [k] of s.cells) {
        const r = Math.floor(k / MAX_COLUMNS);
        if (r >= rect.row && r < rect.row + count && s.format(r, k % MAX_COLUMNS, "locked")) throw new FakeUserError("protected", `要删除的行包含锁定的单元格（${s.name}!${cellAddress(r, k % MAX_COLUMNS)}）。`);
      }
    }
    this.wb.shiftRows(s, row - 1, -count);
    this.wb.emit({ type: "changed", event: { sheetId: s.id, rect, changeType: "RowDeleted", source: "Local", triggerSource: "Unknown" } });
    return this.done();
  }

  /**
   * Picks `value` from a cell's data-validation dropdown. With `silent`, no change event fires:
   * Excel on the web (and once desktop) misses these (office-js #3888, #4066, #420), so an add-in
   * needs a full revalidation path.
   */
  async pickFromList(sheet: string, address: string, value: string, options: { silent?: boolean } = {}): Promise<void> {
    const s = this.wb.getSheet(sheet);
    const { row, column } = parseAddress(address);
    const dv = s.validationAt(row, column);
    if (!dv?.rule?.list) throw new FakeUserError("invalid", `单元格 ${s.name}!${cellAddress(row, column)} 没有下拉列表。`);
    if (!validationAccepts(this.wb, s, dv, value, row, column)) throw new FakeUserError("invalid", `“${value}”不在下拉列表中。`);
    if (s.protected && s.format(row, column, "locked")) throw new FakeUserError("protected", `您试图更改的单元格或图表位于受保护的工作表中。(${s.name}!${cellAddress(row, column)})`);
    const ev = this.wb.writeValues(s, { row, column, rowCount: 1, columnCount: 1 }, [[value]], "Unknown");
    if (!options.silent) this.wb.emit({ type: "changed", event: ev });
    return this.done();
  }

  async renameSheet(sheet: string, newName: string): Promise<void> {
    this.wb.renameSheet(this.wb.getSheet(sheet), newName);
    return this.done();
  }

  async activate(sheet: string): Promise<void> {
    this.wb.activate(this.wb.getSheet(sheet));
    return this.done();
  }

  async addSheet(name?: string): Promise<void> {
    const s = this.wb.addSheet(name);
    this.wb.activate(s);
    return this.done();
  }

  async deleteSheet(sheet: string): Promise<void> {
    this.wb.deleteSheet(this.wb.getSheet(sheet));
    return this.done();
  }

  /** Review → Unprotect Sheet (the password is not checked: the fake trusts the person). */
  async removeProtection(sheet: string): Promise<void> {
    const s = this.wb.getSheet(sheet);
    s.protected = false;
    return this.done();
  }

  /** Home → Fill Color on a range (ignores protection options, like an unprotected sheet). */
  async setFill(sheet: string, address: string, color: string | null): Promise<void> {
    const s = this.wb.getSheet(sheet);
    s.setFormat(parseAddress(address), { fill: color });
    return this.done();
  }

  /** Right-click → Unhide (only hidden sheets; very hidden sheets are not offered by Excel). */
  async unhide(sheet: string): Promise<void> {
    const s = this.wb.getSheet(sheet);
    if (s.visibility === "VeryHidden") throw new FakeUserError("invalid", `Excel 的界面无法取消隐藏“${s.name}”（深度隐藏）。`);
    s.visibility = "Visible";
    return this.done();
  }
}

function num(x: unknown): number | null {
  if (typeof x === "number") return x;
  if (typeof x === "string" && x.trim() !== "" && !Number.isNaN(Number(x))) return Number(x);
  return null;
}

function compare(op: string, v: number, a: number | null, b: number | null): boolean {
  switch (op) {
    case "Between":
      return a !== null && b !== null && v >= a && v <= b;
    case "NotBetween":
      return a !== null && b !== null && (v < a || v > b);
    case "EqualTo":
      return v === a;
    case "NotEqualTo":
      return v !== a;
    case "GreaterThan":
      return a !== null && v > a;
    case "LessThan":
      return a !== null && v < a;
    case "GreaterThanOrEqualTo":
      return a !== null && v >= a;
    case "LessThanOrEqualTo":
      return a !== null && v <= a;
    default:
      return true;
  }
}

function isoToSerial(x: unknown): number | null {
  if (typeof x === "number") return x;
  if (typeof x !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(x);
  if (!m) return num(x);
  const e = enterValue(`${m[1]}-${m[2]}-${m[3]}`, "General");
  return typeof e.value === "number" ? e.value : null;
}

/** Whether a typed value passes a data-validation rule (what Excel checks on Enter). */
export function validationAccepts(wb: FakeWorkbook, s: SheetModel, dv: DataValidationEntry, value: CellValue, row: number, column: number): boolean {
  const rule = dv.rule;
  if (!rule) return true;
  if (value === "" && dv.ignoreBlanks) return true;
  if (rule.list) {
    const src = rule.list.source;
    let items: string[];
    if (src.startsWith("=")) {
      try {
        const { sheet, rect } = wb.resolveReference(src, s);
        items = [];
        for (let r = 0; r < rect.rowCount; r++) for (let c = 0; c < rect.columnCount; c++) items.push(String(sheet.value(rect.row + r, rect.column + c)));
      } catch {
        return false;
      }
    } else items = src.split(",").map((x) => x.trim());
    const v = String(value).toLowerCase();
    return items.some((i) => i.toLowerCase() === v);
  }
  const basic = rule.wholeNumber ?? rule.decimal ?? rule.textLength;
  if (basic) {
    let v: number | null;
    if (rule.textLength) v = String(value).length;
    else v = typeof value === "number" ? value : null;
    if (v === null) return false;
    if (rule.wholeNumber && !Number.isInteger(v)) return false;
    return compare(basic.operator, v, num(basic.formula1), num(basic.formula2));
  }
  if (rule.date) {
    if (typeof value !== "number") return false;
    return compare(rule.date.operator, value, isoToSerial(rule.date.formula1), isoToSerial(rule.date.formula2));
  }
  if (rule.custom) {
    const anchor = dv.rects.reduce((a, r) => ({ row: Math.min(a.row, r.row), column: Math.min(a.column, r.column) }), { row, column });
    const v = evaluateFormula(wb, s, row, column, rule.custom.formula, anchor);
    return v === true || (typeof v === "number" && v !== 0);
  }
  return true;
}
