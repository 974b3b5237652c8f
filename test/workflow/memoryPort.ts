/**
 * A minimal in-memory WorkbookPort for the workflow tests (values, number formats, locked flags,
 * protection, visibility, custom properties, names). Writes to locked cells of a protected sheet
 * fail like Excel does. Not a behavioural fake of Excel: only what the workflow needs.
 */
import type { CellValue, DefinedName, RangeData, ReadRequest, SheetInfo, SheetVisibility, WorkbookOp, WorkbookPort } from "../../src/core/workbook/port";
import { WorkbookError } from "../../src/core/workbook/port";
import { parseRange, rangeAddress } from "../../src/core/workbook/address";

interface MemSheet {
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  cells: Map<string, CellValue>;
  formats: Map<string, string>;
  unlocked: Set<string>;
  customProperties: Record<string, string>;
  merges: string[];
  notes: Map<string, string>;
}

const key = (r: number, c: number) => `${r},${c}`;

export class MemoryPort implements WorkbookPort {
  readonly capabilities = { events: false, notes: true, customProperties: true };
  sheets: MemSheet[] = [];
  names: DefinedName[] = [];
  applied: WorkbookOp[][] = [];
  /** Called before each apply; tests use it to interleave another writer. */
  beforeApply?: (ops: WorkbookOp[]) => Promise<void> | void;
  /** Called after each apply (another writer's change arriving through the merge). */
  afterApply?: (ops: WorkbookOp[]) => Promise<void> | void;

  sheet(name: string): MemSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new WorkbookError("sheetNotFound", `找不到工作表「${name}」`);
    return s;
  }

  has(name: string): boolean {
    return this.sheets.some((x) => x.name === name);
  }

  async getSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s, position) => ({ name: s.name, position, visibility: s.visibility, protected: s.protected, customProperties: { ...s.customProperties } }));
  }
  async getNames(): Promise<DefinedName[]> {
    return this.names.map((n) => ({ ...n }));
  }
  async getActiveSheet(): Promise<string | null> {
    return this.sheets[0]?.name ?? null;
  }
  async read(requests: ReadRequest[]): Promise<RangeData[]> {
    return requests.map((req) => {
      const s = this.sheet(req.sheet);
      let r0 = 0, c0 = 0, rows = 0, cols = 0;
      if (req.address) {
        const rr = parseRange(req.address);
        r0 = rr.row;
        c0 = rr.column;
        rows = rr.rowCount;
        cols = rr.columnCount;
      } else {
        for (const k of s.cells.keys()) {
          const [r, c] = k.split(",").map(Number);
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }
      const values: CellValue[][] = [];
      for (let r = 0; r < rows; r++) {
        const line: CellValue[] = [];
        for (let c = 0; c < cols; c++) line.push(s.cells.get(key(r0 + r, c0 + c)) ?? "");
        values.push(line);
      }
      const address = rows && cols ? rangeAddress({ row: r0, column: c0, rowCount: rows, columnCount: cols }) : "";
      return { sheet: req.sheet, address, row: r0, column: c0, values };
    });
  }
  async apply(ops: WorkbookOp[]): Promise<void> {
    if (this.beforeApply) await this.beforeApply(ops);
    this.applied.push(ops);
    for (const op of ops) this.applyOne(op);
    if (this.afterApply) await this.afterApply(ops);
  }
  async onChanged(): Promise<() => Promise<void>> {
    return async () => {};
  }
  async onActivated(): Promise<() => Promise<void>> {
    return async () => {};
  }

  private applyOne(op: WorkbookOp): void {
    switch (op.kind) {
      case "addSheet":
        if (this.has(op.sheet)) throw new WorkbookError("sheetExists", `工作表「${op.sheet}」已存在`);
        this.sheets.push({ name: op.sheet, visibility: op.visibility ?? "visible", protected: false, cells: new Map(), formats: new Map(), unlocked: new Set(), customProperties: {}, merges: [], notes: new Map() });
        return;
      case "deleteSheet":
        this.sheet(op.sheet);
        this.sheets = this.sheets.filter((s) => s.name !== op.sheet);
        return;
      case "renameSheet":
        this.sheet(op.sheet).name = op.newName;
        return;
      case "setVisibility":
        this.sheet(op.sheet).visibility = op.visibility;
        return;
      case "setValues": {
        const s = this.sheet(op.sheet);
        const start = parseRange(op.address);
        op.values.forEach((line, r) =>
          line.forEach((v, c) => {
            const k = key(start.row + r, start.column + c);
            if (s.protected && !s.unlocked.has(k)) throw new WorkbookError("protected", `工作表「${op.sheet}」已保护，不能修改 ${op.address}`);
            if (v === "") s.cells.delete(k);
            else s.cells.set(k, v);
          }),
        );
        return;
      }
      case "setFormat": {
        if (op.format.numberFormat === undefined) return;
        const s = this.sheet(op.sheet);
        forEachCell(op.address, (r, c) => s.formats.set(key(r, c), op.format.numberFormat!));
        return;
      }
      case "setLocked": {
        const s = this.sheet(op.sheet);
        const rr = parseRange(op.address);
        if (op.locked) {
          for (const k of [...s.unlocked]) {
            const [r, c] = k.split(",").map(Number);
            if (r >= rr.row && r < rr.row + rr.rowCount && c >= rr.column && c < rr.column + rr.columnCount) s.unlocked.delete(k);
          }
        } else forEachCell(op.address, (r, c) => s.unlocked.add(key(r, c)));
        return;
      }
      case "protectSheet":
        this.sheet(op.sheet).protected = true;
        return;
      case "unprotectSheet":
        this.sheet(op.sheet).protected = false;
        return;
      case "setCustomProperty":
        this.sheet(op.sheet).customProperties[op.key] = op.value;
        return;
      case "addName":
        this.names = this.names.filter((n) => n.name !== op.name);
        this.names.push({ name: op.name, sheet: op.sheet, address: op.address });
        return;
      case "merge":
        this.sheet(op.sheet).merges.push(op.address);
        return;
      case "setNote":
        this.sheet(op.sheet).notes.set(op.address, op.text);
        return;
      default:
        this.sheet(op.sheet);
    }
  }

  /** Test helper: the value of one cell. */
  cell(sheet: string, a1: string): CellValue {
    const r = parseRange(a1);
    return this.sheet(sheet).cells.get(key(r.row, r.column)) ?? "";
  }
  format(sheet: string, a1: string): string | undefined {
    const r = parseRange(a1);
    return this.sheet(sheet).formats.get(key(r.row, r.column));
  }
  /** Test helper: writes values directly (a user typing, bypassing protection like "unprotect by hand"). */
  poke(sheet: string, a1: string, values: CellValue[][]): void {
    const s = this.sheet(sheet);
    const start = parseRange(a1);
    values.forEach((line, r) => line.forEach((v, c) => (v === "" ? s.cells.delete(key(start.row + r, start.column + c)) : s.cells.set(key(start.row + r, start.column + c), v))));
  }
  /** Test helper: deletes a whole row, shifting the rows below up (like Excel's Delete Row). */
  deleteRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    const next = new Map<string, CellValue>();
    for (const [k, v] of s.cells) {
      const [r, c] = k.split(",").map(Number);
      if (r < row) next.set(k, v);
      else if (r > row) next.set(key(r - 1, c), v);
    }
    s.cells = next;
  }
}

function forEachCell(address: string, f: (r: number, c: number) => void): void {
  const rr = parseRange(address);
  const rows = Math.min(rr.rowCount, 2000);
  const cols = Math.min(rr.columnCount, 200);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f(rr.row + r, rr.column + c);
}
