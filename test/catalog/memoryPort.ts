/**
 * A tiny in-memory WorkbookPort for the catalog tests (values only; formats and layout ops are
 * recorded, not rendered). Reads return the used range from A1 like the real adapters.
 */
import type { CellValue, RangeData, ReadRequest, SheetInfo, WorkbookOp, WorkbookPort } from "../../src/core/workbook/port";
import { WorkbookError } from "../../src/core/workbook/port";
import { parseCell, parseRange, rangeAddress } from "../../src/core/workbook/address";

export interface MemoryPort extends WorkbookPort {
  cells: Map<string, CellValue[][]>;
  applied: WorkbookOp[];
  /** Set a cell directly (1-based-free: 0-based row/column), as a user would type it. */
  set(sheet: string, row: number, column: number, value: CellValue): void;
}

export function createMemoryPort(): MemoryPort {
  const cells = new Map<string, CellValue[][]>();
  const applied: WorkbookOp[] = [];
  const sheet = (name: string): CellValue[][] => {
    const s = cells.get(name);
    if (!s) throw new WorkbookError("sheetNotFound", `没有工作表“${name}”`);
    return s;
  };
  const put = (name: string, row: number, column: number, v: CellValue) => {
    const s = sheet(name);
    while (s.length <= row) s.push([]);
    while (s[row].length <= column) s[row].push("");
    s[row][column] = v;
  };
  return {
    cells,
    applied,
    capabilities: { events: false, notes: false, customProperties: false },
    async getSheets(): Promise<SheetInfo[]> {
      return [...cells.keys()].map((name, position) => ({ name, position, visibility: "visible", protected: false, customProperties: {} }));
    },
    async getNames() {
      return [];
    },
    async getActiveSheet() {
      return cells.keys().next().value ?? null;
    },
    async read(requests: ReadRequest[]): Promise<RangeData[]> {
      return requests.map((q) => {
        const s = sheet(q.sheet);
        if (q.address) {
          const r = parseRange(q.address);
          const values = Array.from({ length: r.rowCount }, (_, i) => Array.from({ length: r.columnCount }, (_, j) => s[r.row + i]?.[r.column + j] ?? ""));
          return { sheet: q.sheet, address: q.address, row: r.row, column: r.column, values };
        }
        const width = Math.max(0, ...s.map((row) => row.length));
        if (s.length === 0 || width === 0) return { sheet: q.sheet, address: "", row: 0, column: 0, values: [] };
        const values = s.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? ""));
        return { sheet: q.sheet, address: rangeAddress({ row: 0, column: 0, rowCount: s.length, columnCount: width }), row: 0, column: 0, values };
      });
    },
    async apply(ops: WorkbookOp[]): Promise<void> {
      for (const op of ops) {
        applied.push(op);
        if (op.kind === "addSheet") {
          if (cells.has(op.sheet)) throw new WorkbookError("sheetExists", `工作表“${op.sheet}”已存在`);
          cells.set(op.sheet, []);
        } else if (op.kind === "setValues") {
          const tl = parseCell(op.address.split(":")[0]);
          op.values.forEach((row, i) => row.forEach((v, j) => put(op.sheet, tl.row + i, tl.column + j, v)));
        } else if ("sheet" in op && op.kind !== "addName") sheet(op.sheet);
      }
    },
    async onChanged() {
      return async () => undefined;
    },
    async onActivated() {
      return async () => undefined;
    },
    set(name, row, column, value) {
      put(name, row, column, value);
    },
  };
}
