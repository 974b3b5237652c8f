/** A1 address helpers shared by the core, the adapters and the fake. Rows and columns are 0-based. */

export interface CellRef {
  row: number;
  column: number;
}

export interface RangeRef {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column > 16383) throw new RangeError(`列号超出范围：${column}`);
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) throw new RangeError(`无效的列字母：${letters}`);
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function rangeAddress(r: RangeRef): string {
  const tl = cellAddress(r.row, r.column);
  if (r.rowCount === 1 && r.columnCount === 1) return tl;
  return `${tl}:${cellAddress(r.row + r.rowCount - 1, r.column + r.columnCount - 1)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseCell(a1: string): CellRef {
  const m = CELL.exec(a1.trim());
  if (!m) throw new RangeError(`无效的单元格地址：${a1}`);
  const row = Number(m[2]) - 1;
  if (row < 0) throw new RangeError(`无效的单元格地址：${a1}`);
  return { row, column: columnIndex(m[1]) };
}

/** Parses "B3", "B3:F200", "A:C" (whole columns, 1,048,576 rows) or "3:5" (whole rows, 16,384 columns). Drops a "Sheet!" prefix. */
export function parseRange(address: string): RangeRef {
  let a = address.trim();
  const bang = a.lastIndexOf("!");
  if (bang >= 0) a = a.slice(bang + 1);
  const parts = a.split(":");
  if (parts.length > 2 || parts[0] === "") throw new RangeError(`无效的区域地址：${address}`);
  if (parts.length === 2 && /^\$?[A-Za-z]{1,3}$/.test(parts[0]) && /^\$?[A-Za-z]{1,3}$/.test(parts[1])) {
    const c1 = columnIndex(parts[0].replace("$", ""));
    const c2 = columnIndex(parts[1].replace("$", ""));
    return { row: 0, column: Math.min(c1, c2), rowCount: 1048576, columnCount: Math.abs(c2 - c1) + 1 };
  }
  if (parts.length === 2 && /^\$?\d+$/.test(parts[0]) && /^\$?\d+$/.test(parts[1])) {
    const r1 = Number(parts[0].replace("$", "")) - 1;
    const r2 = Number(parts[1].replace("$", "")) - 1;
    return { row: Math.min(r1, r2), column: 0, rowCount: Math.abs(r2 - r1) + 1, columnCount: 16384 };
  }
  const a1 = parseCell(parts[0]);
  const b1 = parts.length === 2 ? parseCell(parts[1]) : a1;
  const row = Math.min(a1.row, b1.row);
  const column = Math.min(a1.column, b1.column);
  return { row, column, rowCount: Math.abs(b1.row - a1.row) + 1, columnCount: Math.abs(b1.column - a1.column) + 1 };
}

/** Quotes a sheet name for use in a formula or a data-validation source: 'My Sheet'!$A$1. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function absoluteRange(sheet: string, r: RangeRef): string {
  const tl = `$${columnLetter(r.column)}$${r.row + 1}`;
  const br = `$${columnLetter(r.column + r.columnCount - 1)}$${r.row + r.rowCount}`;
  return `${quoteSheet(sheet)}!${tl}:${br}`;
}
