/**
 * WorkbookPort over an in-memory ExcelJS workbook: the command line's view of an .xlsx file.
 *
 *   const wb = await XlsxWorkbook.open("填报.xlsx");   // or open(buffer), or XlsxWorkbook.create()
 *   await wb.apply([{ kind: "setValues", sheet: "表1-1", address: "B5", values: [["x"]] }]);
 *   await wb.save("填报.xlsx");                        // or await wb.toBuffer()
 *
 * It follows Excel's semantics where a user or the core could tell the difference:
 *  - values read back as Excel's `range.values` gives them (see cellValues.ts);
 *  - strings written through setValues are entered as Excel would (numbers convert unless the cell
 *    is formatted "@", "=…" becomes a formula, "'" keeps text) — shared with the Excel fake;
 *  - sheet names are case-insensitive, the last visible sheet cannot be hidden or deleted, locked
 *    cells of a protected sheet refuse writes, a wrong password does not unprotect;
 *  - formulas are stored but not calculated (no engine): a new formula reads back as "" until Excel
 *    or LibreOffice recalculates the file.
 * Differences that are by design: worksheet custom properties are kept in a very hidden sheet
 * `_tb_props` (capabilities.customProperties = false) that getSheets/read never show; `select` does
 * nothing; there are no events; whole-column/whole-row reads are clipped to the used rows/columns.
 */
import { sheetNameProblem } from "../../core/template/sheetName";
import * as fs from "fs";
import * as path from "path";
import { createHash } from "crypto";
import * as ExcelJS from "exceljs";
import {
  type CellValue,
  type ChangeEvent,
  type ConditionalFormatSpec,
  type DataValidation,
  type DefinedName,
  type FormatSpec,
  type RangeData,
  type ReadRequest,
  type SheetInfo,
  type SheetVisibility,
  type WorkbookCapabilities,
  type WorkbookOp,
  type WorkbookPort,
  WorkbookError,
} from "../../core/workbook/port";
import { type RangeRef, absoluteRange, columnLetter, parseRange, quoteSheet, rangeAddress } from "../../core/workbook/address";
import { enterValue } from "../../fake/values";
import { XLSX_PAPER_A4, checkPageLayout } from "../../core/workbook/pageLayout";
import { checkTableOp } from "../../core/workbook/table";
import { cellFormula, cellValue } from "./cellValues";
import { contains, formatSqref, intersects, parseSqref, subtract } from "./rects";

/** The very hidden sheet that stands in for worksheet custom properties. */
export const PROPS_SHEET = "_tb_props";
const PROPS_HEADER = ["sheetId", "sheet", "key", "value"];

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
/** Above this many cells a format/lock over an ordinary range is refused (use whole columns). */
const MAX_STYLED_CELLS = 2_000_000;

type Style = Partial<ExcelJS.Style>;
type XValidation = ExcelJS.DataValidation & { errorStyle?: string };

function fail(code: ConstructorParameters<typeof WorkbookError>[0], message: string): never {
  throw new WorkbookError(code, message);
}

function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

function argb(color: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(color.trim());
  if (!m) fail("unsupported", `无效的颜色：${color}（应为 #RRGGBB）`);
  return "FF" + m[1].toUpperCase();
}

/** "#RRGGBB" of a cell's solid pattern fill (fgColor as Excel writes it), null for none. */
function solidFill(cell: ExcelJS.Cell | undefined): string | null {
  const f = cell?.fill as ExcelJS.FillPattern | undefined;
  if (!f || f.type !== "pattern" || f.pattern !== "solid") return null;
  const c = f.fgColor?.argb ?? f.bgColor?.argb;
  return c && /^[0-9A-Fa-f]{8}$/.test(c) ? "#" + c.slice(2).toUpperCase() : null;
}

function checkAddress(address: string): RangeRef {
  try {
    const r = parseRange(address);
    if (r.row + r.rowCount > MAX_ROWS || r.column + r.columnCount > MAX_COLUMNS) throw new RangeError(address);
    return r;
  } catch {
    return fail("invalidAddress", `无效的区域地址：${address}`);
  }
}

/** Excel's rules for a worksheet name. */
function checkSheetName(name: string): void {
  const problem = typeof name !== "string" || name.trim() === "" ? "工作表名称不能为空" : sheetNameProblem(name);
  if (problem) fail("invalidSheetName", problem);
}

/** Excel's rules for a defined name (letters/_/\ first, no spaces, not a cell reference). */
function checkDefinedName(name: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || name.length > 255) fail("invalidAddress", `无效的名称：${name}`);
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[rRcC]$/.test(name) || /^[rR]\d*[cC]\d*$/.test(name)) fail("invalidAddress", `名称不能与单元格地址相同：${name}`);
}

function isOle2(buf: Uint8Array): boolean {
  return buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
}
function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/**
 * ExcelJS expands every validation's sqref into one entry per cell while reading: a template with
 * list validations on 1,000 rows × all columns × 100 sheets became 1.2 million entries (10 s and
 * hundreds of MB), and a whole-column validation would be a million per column. While this adapter
 * loads a file, the reader keeps each sqref part as one range key instead; ExcelJS's writer already
 * accepts range keys. Only our own load is affected (the original method is restored afterwards).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DataValidationsXform = require("exceljs/lib/xlsx/xform/sheet/data-validations-xform") as {
  prototype: { parseClose(this: DvXformState, name: string): boolean };
};
type DvXformState = { _address: string; _dataValidation: { formulae?: unknown[]; operator?: string }; model: Record<string, unknown> };
const originalParseClose = DataValidationsXform.prototype.parseClose;
function rangeKeepingParseClose(this: DvXformState, name: string): boolean {
  if (name !== "dataValidation") return originalParseClose.call(this, name);
  const dv = this._dataValidation;
  if (!dv.formulae || !dv.formulae.length) {
    delete dv.formulae;
    delete dv.operator;
  }
  for (const part of (this._address || "").split(/\s+/).filter(Boolean)) {
    let key = part.replace(/\$/g, "").toUpperCase();
    try {
      key = rangeAddress(parseRange(key)); // "B:B" → "B1:B1048576", the form ExcelJS's writer understands
    } catch {
      /* keep what the file says */
    }
    this.model[key] = dv;
  }
  return true;
}
let patchDepth = 0;
async function withRangeValidations<T>(load: () => Promise<T>): Promise<T> {
  if (patchDepth++ === 0) DataValidationsXform.prototype.parseClose = rangeKeepingParseClose;
  try {
    return await load();
  } finally {
    if (--patchDepth === 0) DataValidationsXform.prototype.parseClose = originalParseClose;
  }
}

export class XlsxWorkbook implements WorkbookPort {
  readonly capabilities: WorkbookCapabilities = { events: false, notes: true, customProperties: false };
  /** sheetId → key → value (the emulated custom properties). */
  private readonly props = new Map<number, Map<string, string>>();
  /** Defined names, kept here (ExcelJS expands names into per-cell matrices). */
  private readonly names = new Map<string, DefinedName>();
  private readonly date1904: boolean;

  private constructor(readonly workbook: ExcelJS.Workbook) {
    this.date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
    this.loadNames();
    this.loadProps();
  }

  /** A new workbook with one empty sheet "Sheet1", like Excel's blank workbook. */
  static create(): XlsxWorkbook {
    const wb = new ExcelJS.Workbook();
    wb.creator = "Tianbao";
    wb.created = new Date();
    wb.addWorksheet("Sheet1");
    return new XlsxWorkbook(wb);
  }

  /**
   * Opens an .xlsx from a path or bytes. Throws WorkbookError("unreadable") with a Chinese message
   * for a missing file, a legacy .xls, an encrypted workbook or anything that is not an .xlsx.
   */
  static async open(source: string | Buffer | Uint8Array): Promise<XlsxWorkbook> {
    let buf: Buffer;
    const label = typeof source === "string" ? source : "（内存中的文件）";
    if (typeof source === "string") {
      try {
        buf = await fs.promises.readFile(source);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是一个文件夹" : code === "EACCES" ? "没有读取权限" : String((e as Error).message);
        fail("unreadable", `无法读取文件 ${label}：${why}`);
      }
    } else {
      buf = Buffer.from(source);
    }
    const ext = typeof source === "string" ? path.extname(source).toLowerCase() : "";
    if (isOle2(buf)) {
      if (ext === ".xls" || ext === ".et") fail("unreadable", `无法读取文件 ${label}：这是旧版 .xls 格式，请在 Excel 中“另存为” .xlsx 后再试`);
      fail("unreadable", `无法读取文件 ${label}：文件设置了打开密码，或是旧版 .xls 格式。请取消打开密码，或另存为 .xlsx 后再试`);
    }
    if (!isZip(buf)) {
      const hint = ext === ".csv" ? "这是 CSV 文件，请在 Excel 中另存为 .xlsx" : "不是有效的 .xlsx 文件";
      fail("unreadable", `无法读取文件 ${label}：${hint}`);
    }
    const wb = new ExcelJS.Workbook();
    try {
      await withRangeValidations(() => wb.xlsx.load(buf as unknown as ArrayBuffer));
    } catch (e) {
      fail("unreadable", `无法读取文件 ${label}：文件已损坏或不是 Excel 工作簿（${String((e as Error).message).split("\n")[0]}）`);
    }
    if (wb.worksheets.length === 0) fail("unreadable", `无法读取文件 ${label}：工作簿中没有工作表`);
    return new XlsxWorkbook(wb);
  }

  async save(file: string): Promise<void> {
    const buf = await this.toBuffer();
    // write next to the target and rename, so a failed write never truncates the user's file
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    await fs.promises.writeFile(tmp, buf);
    await fs.promises.rename(tmp, file);
  }

  async toBuffer(): Promise<Buffer> {
    this.flushProps();
    this.flushNames();
    this.fixActiveTab();
    const out = await this.workbook.xlsx.writeBuffer();
    return Buffer.from(out as ArrayBuffer);
  }

  // ---- sheets ------------------------------------------------------------------------------------

  /** All worksheets in tab order, including the internal props sheet. */
  private allSheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets;
  }
  private userSheets(): ExcelJS.Worksheet[] {
    return this.allSheets().filter((ws) => ws.name !== PROPS_SHEET);
  }
  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const key = String(name).toLowerCase();
    return this.userSheets().find((ws) => ws.name.toLowerCase() === key);
  }
  private sheet(name: string): ExcelJS.Worksheet {
    return this.findSheet(name) ?? fail("sheetNotFound", `找不到工作表：${name}`);
  }

  async getSheets(): Promise<SheetInfo[]> {
    return this.userSheets().map((ws, position) => ({
      name: ws.name,
      position,
      visibility: (ws.state as SheetVisibility) ?? "visible",
      protected: this.isProtected(ws),
      customProperties: Object.fromEntries(this.props.get(ws.id) ?? new Map()),
    }));
  }

  async getNames(): Promise<DefinedName[]> {
    return [...this.names.values()].map((n) => ({ ...n }));
  }

  async getActiveSheet(): Promise<string | null> {
    const sheets = this.userSheets();
    const views = this.workbook.views as Array<{ activeTab?: number }> | undefined;
    const active = this.allSheets()[views?.[0]?.activeTab ?? 0];
    if (active && active.name !== PROPS_SHEET && active.state === "visible") return active.name;
    return sheets.find((ws) => ws.state === "visible")?.name ?? null;
  }

  private isProtected(ws: ExcelJS.Worksheet): boolean {
    const p = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
    return Boolean(p && p.sheet);
  }

  // ---- read --------------------------------------------------------------------------------------

  async read(requests: ReadRequest[]): Promise<RangeData[]> {
    return requests.map((req) => this.readOne(req));
  }

  /** Last row/column (0-based, exclusive) that holds a value. */
  private usedExtent(ws: ExcelJS.Worksheet): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cellValue(cell, this.date1904) !== "") {
          rows = Math.max(rows, rowNumber);
          columns = Math.max(columns, colNumber);
        }
      });
    });
    return { rows, columns };
  }

  private readOne(req: ReadRequest): RangeData {
    const ws = this.sheet(req.sheet);
    let r: RangeRef;
    if (req.address === undefined || req.address === "") {
      const ext = this.usedExtent(ws);
      if (ext.rows === 0) return { sheet: ws.name, address: "", row: 0, column: 0, values: [], ...(req.formulas ? { formulas: [] } : {}), ...(req.fills ? { fills: [] } : {}) };
      r = { row: 0, column: 0, rowCount: ext.rows, columnCount: ext.columns };
    } else {
      r = checkAddress(req.address);
      if (r.rowCount === MAX_ROWS || r.columnCount === MAX_COLUMNS) {
        // whole columns/rows: everything past the used extent is empty; don't build a million rows
        const ext = this.usedExtent(ws);
        if (r.rowCount === MAX_ROWS) r = { ...r, rowCount: Math.max(1, ext.rows) };
        if (r.columnCount === MAX_COLUMNS) r = { ...r, columnCount: Math.max(1, ext.columns) };
      }
    }
    const values: CellValue[][] = [];
    const formulas: string[][] = [];
    const fills: (string | null)[][] = [];
    for (let i = 0; i < r.rowCount; i++) {
      const row = ws.findRow(r.row + i + 1);
      const vrow: CellValue[] = new Array(r.columnCount);
      const frow: string[] = req.formulas ? new Array(r.columnCount) : [];
      for (let j = 0; j < r.columnCount; j++) {
        const cell = row ? row.findCell(r.column + j + 1) : undefined;
        vrow[j] = cellValue(cell, this.date1904);
        if (req.formulas) frow[j] = cellFormula(cell);
      }
      values.push(vrow);
      if (req.formulas) formulas.push(frow);
      if (req.fills) fills.push(Array.from({ length: r.columnCount }, (_, j) => solidFill(row ? row.findCell(r.column + j + 1) : undefined)));
    }
    return { sheet: ws.name, address: rangeAddress(r), row: r.row, column: r.column, values, ...(req.formulas ? { formulas } : {}), ...(req.fills ? { fills } : {}) };
  }

  // ---- apply -------------------------------------------------------------------------------------

  async apply(ops: WorkbookOp[]): Promise<void> {
    for (const op of ops) await this.applyOne(op);
  }

  private async applyOne(op: WorkbookOp): Promise<void> {
    switch (op.kind) {
      case "addSheet":
        return this.addSheet(op.sheet, op.visibility, op.position);
      case "deleteSheet":
        return this.deleteSheet(op.sheet);
      case "renameSheet":
        return this.renameSheet(op.sheet, op.newName);
      case "setVisibility":
        return this.setVisibility(this.sheet(op.sheet), op.visibility);
      case "setValues":
        return this.setValues(op.sheet, op.address, op.values);
      case "setFormat":
        return this.setFormat(op.sheet, op.address, op.format);
      case "setColumnWidths": {
        const ws = this.editable(op.sheet);
        for (const { column, chars } of op.widths) {
          if (!Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) fail("invalidAddress", `无效的列号：${column}`);
          if (!(chars >= 0 && chars <= 255)) fail("unsupported", `列宽应在 0–255 之间：${chars}`);
          ws.getColumn(column + 1).width = chars;
        }
        return;
      }
      case "freezePanes": {
        const ws = this.sheet(op.sheet);
        if (!(op.rows >= 0 && op.columns >= 0)) fail("invalidAddress", "冻结的行列数不能为负");
        ws.views =
          op.rows === 0 && op.columns === 0
            ? [{ state: "normal" }]
            : [{ state: "frozen", xSplit: op.columns, ySplit: op.rows, topLeftCell: `${columnLetter(op.columns)}${op.rows + 1}` }];
        return;
      }
      case "merge":
        return this.merge(op.sheet, op.address);
      case "setDataValidation":
        return this.setDataValidation(op.sheet, op.address, op.validation);
      case "addConditionalFormat":
        return this.addConditionalFormat(op.sheet, op.address, op.format);
      case "clearConditionalFormats":
        return this.clearConditionalFormats(op.sheet, op.address);
      case "setNote": {
        const ws = this.editable(op.sheet);
        const r = checkAddress(op.address);
        const cell = ws.getCell(r.row + 1, r.column + 1);
        if (op.text === "") (cell as unknown as { _comment?: unknown })._comment = undefined;
        else cell.note = op.text;
        return;
      }
      case "setLocked":
        return this.setLocked(op.sheet, op.address, op.locked);
      case "protectSheet": {
        const ws = this.sheet(op.sheet);
        if (this.isProtected(ws)) return; // Excel: protecting a protected sheet is an error-free no-op here
        await ws.protect(op.password ?? "", { selectLockedCells: true, selectUnlockedCells: true });
        return;
      }
      case "unprotectSheet":
        return this.unprotect(this.sheet(op.sheet), op.password);
      case "setCustomProperty": {
        const ws = this.sheet(op.sheet);
        if (!op.key || op.key.length > 255) fail("unsupported", `自定义属性名无效：${op.key}`);
        const m = this.props.get(ws.id) ?? new Map<string, string>();
        m.set(op.key, String(op.value));
        this.props.set(ws.id, m);
        return;
      }
      case "addName":
        return this.addName(op.name, op.sheet, op.address);
      case "select":
        return; // a file has no selection worth keeping; the CLI never selects
      case "setPageLayout":
        return this.setPageLayout(op);
      case "addTable":
        return this.addTable(op);
      default: {
        const never: never = op;
        fail("unsupported", `不支持的操作：${JSON.stringify(never)}`);
      }
    }
  }

  private addSheet(name: string, visibility: SheetVisibility = "visible", position?: number): void {
    checkSheetName(name);
    if (name.toLowerCase() === PROPS_SHEET || this.findSheet(name)) fail("sheetExists", `工作表已存在：${name}`);
    const ws = this.workbook.addWorksheet(name, { state: visibility } as Partial<ExcelJS.AddWorksheetOptions>);
    ws.state = visibility;
    const sheets = this.userSheets();
    const target = position === undefined ? sheets.length - 1 : Math.max(0, Math.min(position, sheets.length - 1));
    if (target !== sheets.length - 1) this.reorder(ws, target);
  }

  /** Moves `ws` to `target` among the user sheets by renumbering orderNo. */
  private reorder(ws: ExcelJS.Worksheet, target: number): void {
    const others = this.userSheets().filter((s) => s !== ws);
    others.splice(target, 0, ws);
    others.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i));
    const props = this.allSheets().find((s) => s.name === PROPS_SHEET);
    if (props) (props as unknown as { orderNo: number }).orderNo = others.length;
  }

  private deleteSheet(name: string): void {
    const ws = this.sheet(name);
    const visibleOthers = this.userSheets().filter((s) => s !== ws && s.state === "visible");
    if (visibleOthers.length === 0) fail("unsupported", `不能删除唯一可见的工作表：${ws.name}`);
    for (const [key, n] of this.names) if (n.sheet === ws.name) this.names.delete(key);
    this.props.delete(ws.id);
    this.workbook.removeWorksheet(ws.id);
  }

  private renameSheet(name: string, newName: string): void {
    const ws = this.sheet(name);
    checkSheetName(newName);
    const clash = this.findSheet(newName);
    if ((clash && clash !== ws) || newName.toLowerCase() === PROPS_SHEET) fail("sheetExists", `工作表已存在：${newName}`);
    const old = ws.name;
    ws.name = newName;
    // Excel rewrites references to the sheet: names, validation sources, conditional formats
    for (const n of this.names.values()) if (n.sheet === old) n.sheet = newName;
    const oldRef = new RegExp(`(^|[^A-Za-z0-9_'])${escapeRe(quoteSheet(old))}!`, "g");
    const newRef = quoteSheet(newName) + "!";
    for (const other of this.allSheets()) {
      const dvs = this.validationModel(other);
      for (const dv of new Set(Object.values(dvs))) {
        if (dv?.formulae) dv.formulae = dv.formulae.map((f) => (typeof f === "string" ? f.replace(oldRef, `$1${newRef}`) : f));
      }
      for (const cf of conditionalFormattings(other)) {
        for (const rule of cf.rules) {
          const r = rule as { formulae?: unknown[] };
          if (r.formulae) r.formulae = r.formulae.map((f) => (typeof f === "string" ? f.replace(oldRef, `$1${newRef}`) : f));
        }
      }
    }
  }

  private setVisibility(ws: ExcelJS.Worksheet, visibility: SheetVisibility): void {
    if (!["visible", "hidden", "veryHidden"].includes(visibility)) fail("unsupported", `无效的可见性：${visibility}`);
    if (visibility !== "visible" && ws.state === "visible") {
      const visibleOthers = this.userSheets().filter((s) => s !== ws && s.state === "visible");
      if (visibleOthers.length === 0) fail("unsupported", `工作簿中至少要有一个可见的工作表，不能隐藏：${ws.name}`);
    }
    ws.state = visibility;
  }

  /** The sheet, refusing when it is protected (Excel rejects format/validation edits then). */
  private editable(name: string): ExcelJS.Worksheet {
    const ws = this.sheet(name);
    if (this.isProtected(ws)) fail("protected", `工作表“${ws.name}”已保护，请先撤销保护再修改`);
    return ws;
  }

  private setValues(sheet: string, address: string, values: CellValue[][]): void {
    const ws = this.sheet(sheet);
    const r = checkAddress(address);
    const rows = values.length;
    const cols = rows ? Math.max(...values.map((v) => v.length)) : 0;
    if (rows === 0 || cols === 0) return;
    if (values.some((v) => v.length !== cols)) fail("invalidAddress", `写入的数据各行长度不一致（${address}）`);
    const single = r.rowCount === 1 && r.columnCount === 1;
    if (!single && (r.rowCount !== rows || r.columnCount !== cols))
      fail("invalidAddress", `区域 ${address} 是 ${r.rowCount} 行 ${r.columnCount} 列，写入的数据是 ${rows} 行 ${cols} 列`);
    if (r.row + rows > MAX_ROWS || r.column + cols > MAX_COLUMNS) fail("invalidAddress", `写入的数据超出工作表范围（${address}）`);
    const protectedSheet = this.isProtected(ws);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = values[i][j];
        if (v === undefined || v === null) continue; // Excel: null leaves the cell as it is
        if (typeof v === "number" && !Number.isFinite(v)) fail("unsupported", `不能写入非有限数值（${cellRef(r.row + i, r.column + j)}）`);
        if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") fail("unsupported", `不支持的单元格值类型（${cellRef(r.row + i, r.column + j)}）`);
        const cell = ws.getCell(r.row + i + 1, r.column + j + 1);
        if (protectedSheet && cell.protection?.locked !== false)
          fail("protected", `工作表“${ws.name}”已保护，单元格 ${cell.address} 已锁定，不能修改`);
        const entered = enterValue(v, cell.numFmt ?? "General");
        if (entered.formula !== undefined) cell.value = { formula: entered.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
        else cell.value = entered.value === "" ? null : entered.value;
        if (entered.impliedFormat && (!cell.numFmt || cell.numFmt === "General")) patchStyle(cell, { numFmt: entered.impliedFormat });
      }
    }
  }

  /** Applies a style patch to a range: column/row styles for whole columns/rows, else per cell. */
  private styleRange(ws: ExcelJS.Worksheet, address: string, patch: (s: Style) => void): void {
    const r = checkAddress(address);
    if (r.rowCount === MAX_ROWS) {
      for (let c = r.column; c < r.column + r.columnCount; c++) {
        const col = ws.getColumn(c + 1);
        const s = clone(col.style ?? {}) as Style;
        patch(s);
        col.style = s as ExcelJS.Style;
        col.eachCell({ includeEmpty: false }, (cell) => patchCell(cell, patch));
      }
      return;
    }
    if (r.columnCount === MAX_COLUMNS) {
      for (let rr = r.row; rr < r.row + r.rowCount; rr++) {
        const row = ws.getRow(rr + 1);
        const styled = row as unknown as { style?: Style };
        const s = clone(styled.style ?? {}) as Style;
        patch(s);
        styled.style = s;
        row.eachCell({ includeEmpty: false }, (cell) => patchCell(cell, patch));
      }
      return;
    }
    if (r.rowCount * r.columnCount > MAX_STYLED_CELLS) fail("requestTooLarge", `区域过大：${address}（请改用整列，如 B:B）`);
    for (let i = 0; i < r.rowCount; i++) {
      for (let j = 0; j < r.columnCount; j++) patchCell(ws.getCell(r.row + i + 1, r.column + j + 1), patch);
    }
  }

  private setFormat(sheet: string, address: string, f: FormatSpec): void {
    const ws = this.editable(sheet);
    const fill = f.fill === undefined ? undefined : f.fill === null ? null : argb(f.fill);
    const fontColor = f.font?.color !== undefined ? argb(f.font.color) : undefined;
    this.styleRange(ws, address, (s) => {
      if (fill === null) delete s.fill;
      else if (fill !== undefined) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill }, bgColor: { indexed: 64 } } as ExcelJS.Fill;
      if (f.font) {
        const font: Partial<ExcelJS.Font> = { ...(s.font ?? {}) };
        if (f.font.bold !== undefined) font.bold = f.font.bold;
        if (f.font.italic !== undefined) font.italic = f.font.italic;
        if (f.font.size !== undefined) font.size = f.font.size;
        if (f.font.name !== undefined) font.name = f.font.name;
        if (fontColor !== undefined) font.color = { argb: fontColor };
        s.font = font;
      }
      if (f.numberFormat !== undefined) s.numFmt = f.numberFormat;
      if (f.wrapText !== undefined || f.horizontalAlignment || f.verticalAlignment) {
        const a: Partial<ExcelJS.Alignment> = { ...(s.alignment ?? {}) };
        if (f.wrapText !== undefined) a.wrapText = f.wrapText;
        if (f.horizontalAlignment) a.horizontal = f.horizontalAlignment;
        if (f.verticalAlignment) a.vertical = f.verticalAlignment === "center" ? "middle" : f.verticalAlignment;
        s.alignment = a;
      }
      if (f.border === true) {
        const thin = { style: "thin" as const, color: { argb: "FF808080" } };
        s.border = { top: thin, left: thin, bottom: thin, right: thin };
      } else if (f.border === false) delete s.border;
    });
  }

  /**
   * ExcelJS pageSetup (paperSize 9 = A4; fit to width = fitToPage with 1 page wide, 0 = automatic
   * pages tall; print titles become the sheet's _xlnm.Print_Titles name) and headerFooter (centre
   * section "&C…", the same text for every page). Allowed on a protected sheet, as in Excel.
   */
  private setPageLayout(op: Extract<WorkbookOp, { kind: "setPageLayout" }>): void {
    const ws = this.sheet(op.sheet);
    const l = checkPageLayout(op);
    const ps = ws.pageSetup;
    if (l.orientation) ps.orientation = l.orientation;
    if (l.paperSize) ps.paperSize = XLSX_PAPER_A4 as ExcelJS.PageSetup["paperSize"];
    if (l.fitToWidth === true) Object.assign(ps, { fitToPage: true, fitToWidth: 1, fitToHeight: 0, scale: 100 });
    else if (l.fitToWidth === false) Object.assign(ps, { fitToPage: false, fitToWidth: 1, fitToHeight: 1, scale: 100 });
    if (l.printTitleRows) ps.printTitlesRow = `${l.printTitleRows.first}:${l.printTitleRows.last}`;
    if (l.margins) ps.margins = { header: 0.3, footer: 0.3, ...(ps.margins ?? {}), ...l.margins };
    if (l.centerHorizontally !== undefined) ps.horizontalCentered = l.centerHorizontally;
    const hf = ws.headerFooter;
    const centre = (text: string) => (text === "" ? undefined : `&C${text}`);
    if (l.headerText !== undefined) hf.oddHeader = centre(l.headerText) as string;
    if (l.footerText !== undefined) hf.oddFooter = centre(l.footerText) as string;
    if (l.headerText !== undefined || l.footerText !== undefined) hf.differentOddEven = hf.differentFirst = false;
  }

  private setLocked(sheet: string, address: string, locked: boolean): void {
    const ws = this.editable(sheet);
    this.styleRange(ws, address, (s) => {
      s.protection = { ...(s.protection ?? {}), locked };
    });
  }

  private merge(sheet: string, address: string): void {
    const ws = this.editable(sheet);
    const r = checkAddress(address);
    if (r.rowCount === 1 && r.columnCount === 1) return;
    // Excel merges over existing merges inside the area; ExcelJS refuses, so unmerge them first
    const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
    for (const m of Object.values(merges)) {
      const mr = parseRange(m.range);
      if (intersects(mr, r)) {
        if (!contains(r, mr)) fail("invalidAddress", `不能合并 ${address}：与已合并的区域 ${m.range} 部分重叠`);
        ws.unMergeCells(m.range);
      }
    }
    ws.mergeCells(rangeAddress(r));
  }

  private validationModel(ws: ExcelJS.Worksheet): Record<string, XValidation | undefined> {
    return (ws as unknown as { dataValidations: { model: Record<string, XValidation | undefined> } }).dataValidations.model;
  }

  /** Removes every validation inside `r`, keeping the parts of overlapping ranges outside it. */
  private clearValidations(ws: ExcelJS.Worksheet, r: RangeRef): void {
    const model = this.validationModel(ws);
    for (const key of Object.keys(model)) {
      const dv = model[key];
      if (!dv) {
        delete model[key];
        continue;
      }
      const kr = parseRange(key.replace(/^range:/, ""));
      if (!intersects(kr, r)) continue;
      delete model[key];
      for (const rest of subtract(kr, r)) model[rangeAddress(rest)] = dv;
    }
  }

  private setDataValidation(sheet: string, address: string, v: DataValidation | null): void {
    const ws = this.editable(sheet);
    const r = checkAddress(address);
    this.clearValidations(ws, r);
    if (v === null) return;
    const dv = toExcelJsValidation(v);
    this.validationModel(ws)[rangeAddress(r)] = dv;
  }

  private addConditionalFormat(sheet: string, address: string, f: ConditionalFormatSpec): void {
    const ws = this.editable(sheet);
    const r = checkAddress(address);
    if (!f.formula || !f.formula.trim()) fail("unsupported", "条件格式公式不能为空");
    const style: Partial<ExcelJS.Style> = {};
    if (f.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(f.fill) } } as ExcelJS.Fill;
    if (f.fontColor) style.font = { color: { argb: argb(f.fontColor) } };
    const all = conditionalFormattings(ws);
    const priority = 1 + all.reduce((m, cf) => Math.max(m, ...cf.rules.map((x) => (x as { priority?: number }).priority ?? 0)), 0);
    ws.addConditionalFormatting({
      ref: rangeAddress(r),
      rules: [{ type: "expression", formulae: [f.formula.replace(/^=/, "")], style, priority } as ExcelJS.ConditionalFormattingRule],
    });
  }

  private clearConditionalFormats(sheet: string, address: string): void {
    const ws = this.editable(sheet);
    const r = checkAddress(address);
    const kept: ExcelJS.ConditionalFormattingOptions[] = [];
    for (const cf of conditionalFormattings(ws)) {
      const rest = parseSqref(cf.ref).flatMap((x) => subtract(x, r));
      if (rest.length) kept.push({ ...cf, ref: formatSqref(rest) });
    }
    (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings = kept;
  }

  private async unprotect(ws: ExcelJS.Worksheet, password?: string): Promise<void> {
    const p = (ws as unknown as { sheetProtection?: Record<string, string | number | boolean> | null }).sheetProtection;
    if (!p || !p.sheet) return;
    if (p.hashValue && p.saltValue && p.algorithmName) {
      const algo = String(p.algorithmName).toLowerCase().replace("-", "");
      const spin = Number(p.spinCount ?? 0);
      if (excelPasswordHash(password ?? "", algo, String(p.saltValue), spin) !== p.hashValue)
        fail("protected", `撤销工作表“${ws.name}”的保护失败：密码不正确`);
    }
    ws.unprotect();
  }

  /**
   * An Excel table over cells already on the sheet: ExcelJS's addTable rewrites the cells from the
   * rows it is given, so the rows are the cells' own ExcelJS values (formulas, dates and styles stay
   * as they are). A table of the same name on the sheet is replaced by one over the new range
   * (Excel's resize); overlapping another table, duplicate or missing header names are refused, as
   * Excel would refuse or rename them.
   */
  private addTable(op: Extract<WorkbookOp, { kind: "addTable" }>): void {
    const ws = this.editable(op.sheet);
    const r = checkTableOp(op);
    const lower = op.name.toLowerCase();
    for (const other of this.userSheets()) {
      for (const t of other.getTables() as unknown as Array<{ table?: { name: string; tableRef?: string; ref?: string } } & { name?: string; tableRef?: string; ref?: string }>) {
        const model = t.table ?? t;
        const name = String(model.name ?? "");
        const ref = String(model.tableRef ?? model.ref ?? "");
        if (name.toLowerCase() === lower) {
          if (other !== ws) fail("invalidAddress", `表格名称“${op.name}”已被工作表“${other.name}”上的表格使用`);
          continue;
        }
        if (other === ws && ref && intersects(parseRange(ref), r)) fail("invalidAddress", `工作表“${op.sheet}”的 ${op.address} 与已有表格“${name}”（${ref}）重叠，无法建成表格“${op.name}”`);
      }
    }
    const headers: string[] = [];
    for (let j = 0; j < r.columnCount; j++) {
      const v = cellValue(ws.findRow(r.row + 1)?.findCell(r.column + j + 1), this.date1904);
      const text = String(v).trim();
      if (text === "") fail("invalidAddress", `工作表“${op.sheet}”第 ${r.row + 1} 行 ${columnLetter(r.column + j)} 列的表头为空，无法建成表格“${op.name}”`);
      if (headers.some((h) => h.toLowerCase() === text.toLowerCase())) fail("invalidAddress", `工作表“${op.sheet}”第 ${r.row + 1} 行的表头“${text}”重复，无法建成表格“${op.name}”`);
      headers.push(String(v));
    }
    const existing = (ws.getTables() as unknown as Array<{ table?: { name: string }; name?: string }>).find((t) => String((t.table ?? t).name).toLowerCase() === lower);
    if (existing) ws.removeTable(String((existing.table ?? existing).name));
    const rows: ExcelJS.CellValue[][] = [];
    for (let i = 1; i < r.rowCount; i++) {
      const row = ws.getRow(r.row + i + 1);
      rows.push(Array.from({ length: r.columnCount }, (_, j) => row.getCell(r.column + j + 1).value));
    }
    ws.addTable({
      name: op.name,
      ref: `${columnLetter(r.column)}${r.row + 1}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: (op.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: op.showFilterButton ?? true })),
      rows,
    });
  }

  private addName(name: string, sheet: string, address: string): void {
    checkDefinedName(name);
    const ws = this.sheet(sheet);
    const r = checkAddress(address);
    const def: DefinedName = { name, sheet: ws.name, address: rangeAddress(r) };
    const existing = [...this.names.values()].find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (existing) {
      if (existing.sheet === def.sheet && existing.address === def.address) return;
      fail("invalidAddress", `名称 ${name} 已存在（指向 ${existing.sheet}!${existing.address}）`);
    }
    this.names.set(name.toLowerCase(), def);
  }

  // ---- names and props persistence -----------------------------------------------------------------

  private loadNames(): void {
    const dn = this.workbook.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> };
    for (const { name, ranges } of dn.model) {
      if (ranges.length !== 1 || name.startsWith("_xlnm.")) continue; // multi-area names aren't bindings
      const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ranges[0]);
      if (!m) continue;
      const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      const ws = this.findSheet(sheet);
      if (!ws) continue;
      try {
        this.names.set(name.toLowerCase(), { name, sheet: ws.name, address: rangeAddress(parseRange(m[3].replace(/\$/g, ""))) });
      } catch {
        /* a name that is a formula or constant, not a range: not ours */
      }
    }
  }

  private flushNames(): void {
    const dn = this.workbook.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> };
    const kept = dn.model.filter(({ name, ranges }) => name.startsWith("_xlnm.") || (ranges.length !== 1 && !this.names.has(name.toLowerCase())));
    dn.model = [
      ...kept,
      ...[...this.names.values()].map((n) => ({ name: n.name, ranges: [absoluteRange(n.sheet, parseRange(n.address))] })),
    ];
  }

  private loadProps(): void {
    const ws = this.allSheets().find((s) => s.name === PROPS_SHEET);
    if (!ws) return;
    const ids = new Set(this.userSheets().map((s) => s.id));
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const [id, , key, value] = [1, 2, 3, 4].map((c) => cellValue(row.getCell(c)));
      if (typeof id !== "number" || !ids.has(id) || typeof key !== "string" || key === "") return;
      const m = this.props.get(id) ?? new Map<string, string>();
      m.set(key, String(value));
      this.props.set(id, m);
    });
  }

  private flushProps(): void {
    let ws = this.allSheets().find((s) => s.name === PROPS_SHEET);
    const rows: CellValue[][] = [];
    for (const sheet of this.userSheets()) {
      for (const [k, v] of this.props.get(sheet.id) ?? []) rows.push([sheet.id, sheet.name, k, v]);
    }
    if (!ws && rows.length === 0) return;
    if (ws) this.workbook.removeWorksheet(ws.id);
    ws = this.workbook.addWorksheet(PROPS_SHEET, { state: "veryHidden" } as Partial<ExcelJS.AddWorksheetOptions>);
    ws.state = "veryHidden";
    ws.addRow(PROPS_HEADER);
    for (const r of rows) ws.addRow(r);
    ws.eachRow((row) => row.eachCell((c) => (c.numFmt = "@")));
    const first = this.userSheets()[0];
    if (first) this.reorder(first, 0); // renumber so the props sheet stays last
  }

  /** Excel and LibreOffice misbehave when the active tab is hidden: point it at a visible sheet. */
  private fixActiveTab(): void {
    const all = this.allSheets();
    const views = (this.workbook.views as unknown as Array<{ activeTab?: number; firstSheet?: number }> | undefined) ?? [];
    const current = all[views[0]?.activeTab ?? 0];
    if (current && current.state === "visible" && current.name !== PROPS_SHEET) return;
    const idx = all.findIndex((s) => s.state === "visible" && s.name !== PROPS_SHEET);
    const view = { x: 0, y: 0, width: 12000, height: 9000, visibility: "visible", ...(views[0] ?? {}), activeTab: Math.max(0, idx), firstSheet: Math.max(0, idx) };
    this.workbook.views = [view as unknown as ExcelJS.WorkbookView, ...(views.slice(1) as unknown as ExcelJS.WorkbookView[])];
  }

  // ---- events (none in a file) -------------------------------------------------------------------

  async onChanged(_handler: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  async onActivated(_handler: (sheet: string) => void): Promise<() => Promise<void>> {
    return async () => undefined;
  }
}

// ---- helpers -------------------------------------------------------------------------------------

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

function conditionalFormattings(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
}

/** Replaces a cell's style with a patched copy (ExcelJS may share style objects between cells). */
function patchStyle(cell: ExcelJS.Cell, s: Style): void {
  cell.style = { ...clone(cell.style ?? {}), ...s } as ExcelJS.Style;
}
function patchCell(cell: ExcelJS.Cell, patch: (s: Style) => void): void {
  const s = clone(cell.style ?? {}) as Style;
  patch(s);
  cell.style = s as ExcelJS.Style;
}

/** Excel's sheet-protection password hash (ECMA-376 agile: salt + UTF-16LE, then spin). */
export function excelPasswordHash(password: string, algorithm: string, saltBase64: string, spinCount: number): string {
  let key = createHash(algorithm).update(Buffer.concat([Buffer.from(saltBase64, "base64"), Buffer.from(password, "utf16le")])).digest();
  const it = Buffer.alloc(4);
  for (let i = 0; i < spinCount; i++) {
    it.writeUInt32LE(i, 0);
    key = createHash(algorithm).update(Buffer.concat([key, it])).digest();
  }
  return key.toString("base64");
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(s: string): Date {
  const m = DATE_RE.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.getUTCDate() !== Number(m![3])) fail("unsupported", `无效的日期：${s}（应为 yyyy-mm-dd）`);
  return d;
}

/** Port validation → ExcelJS's data-validation model. */
function toExcelJsValidation(v: DataValidation): XValidation {
  const rule = v.rule;
  const common = {
    allowBlank: v.allowBlank ?? true,
    showErrorMessage: true,
    errorStyle: v.errorStyle ?? "stop",
    ...(v.errorTitle ? { errorTitle: v.errorTitle } : {}),
    ...(v.errorMessage ? { error: v.errorMessage } : {}),
    ...(v.prompt || v.promptTitle ? { showInputMessage: true, promptTitle: v.promptTitle, prompt: v.prompt } : {}),
  };
  const bounds = (min: number | undefined, max: number | undefined, wide: number): Pick<XValidation, "operator" | "formulae"> => {
    if (min !== undefined && max !== undefined) return { operator: "between", formulae: [min, max] };
    if (min !== undefined) return { operator: "greaterThanOrEqual", formulae: [min] };
    if (max !== undefined) return { operator: "lessThanOrEqual", formulae: [max] };
    return { operator: "between", formulae: [-wide, wide] };
  };
  switch (rule.type) {
    case "list": {
      if (typeof rule.source === "string") {
        const src = rule.source.trim().replace(/^=/, "");
        if (!src) fail("unsupported", "下拉列表来源不能为空");
        return { ...common, type: "list", formulae: [src] } as XValidation;
      }
      const items = rule.source.map(String);
      if (items.length === 0) fail("unsupported", "下拉列表不能为空");
      if (items.some((x) => x.includes(","))) fail("unsupported", "下拉列表项中含有逗号，请改用工作表区域作为来源");
      const joined = items.join(",");
      if (joined.length > 255) fail("unsupported", `下拉列表文字共 ${joined.length} 个字符，超过 Excel 的 255 字符上限，请改用工作表区域作为来源`);
      return { ...common, type: "list", formulae: [`"${joined.replace(/"/g, '""')}"`] } as XValidation;
    }
    case "wholeNumber":
      return { ...common, type: "whole", ...bounds(rule.min, rule.max, 999999999999999) } as XValidation;
    case "decimal":
      return { ...common, type: "decimal", ...bounds(rule.min, rule.max, 999999999999999) } as XValidation;
    case "textLength":
      return { ...common, type: "textLength", operator: "lessThanOrEqual", formulae: [rule.max] } as XValidation;
    case "date": {
      const min = rule.min !== undefined ? toDate(rule.min) : new Date(Date.UTC(1900, 0, 1));
      const max = rule.max !== undefined ? toDate(rule.max) : new Date(Date.UTC(9999, 11, 31));
      if (rule.min !== undefined && rule.max === undefined) return { ...common, type: "date", operator: "greaterThanOrEqual", formulae: [min] } as XValidation;
      if (rule.max !== undefined && rule.min === undefined) return { ...common, type: "date", operator: "lessThanOrEqual", formulae: [max] } as XValidation;
      return { ...common, type: "date", operator: "between", formulae: [min, max] } as XValidation;
    }
    default:
      return fail("unsupported", `不支持的数据验证类型：${JSON.stringify(rule)}`);
  }
}
