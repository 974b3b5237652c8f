/** Rectangle arithmetic on 0-based RangeRefs, for replacing parts of validations and formats. */
import { type RangeRef, parseRange, rangeAddress } from "../../core/workbook/address";

export function intersects(a: RangeRef, b: RangeRef): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
}

export function contains(outer: RangeRef, inner: RangeRef): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.column + inner.columnCount <= outer.column + outer.columnCount
  );
}

/** a minus b as up to four rectangles (top band, bottom band, left and right of the overlap). */
export function subtract(a: RangeRef, b: RangeRef): RangeRef[] {
  if (!intersects(a, b)) return [a];
  const out: RangeRef[] = [];
  const aBottom = a.row + a.rowCount;
  const aRight = a.column + a.columnCount;
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(aBottom, b.row + b.rowCount);
  if (b.row > a.row) out.push({ row: a.row, column: a.column, rowCount: b.row - a.row, columnCount: a.columnCount });
  if (bottom < aBottom) out.push({ row: bottom, column: a.column, rowCount: aBottom - bottom, columnCount: a.columnCount });
  if (b.column > a.column) out.push({ row: top, column: a.column, rowCount: bottom - top, columnCount: b.column - a.column });
  const bRight = b.column + b.columnCount;
  if (bRight < aRight) out.push({ row: top, column: bRight, rowCount: bottom - top, columnCount: aRight - bRight });
  return out;
}

/** "A1:B2 D4" (an sqref) → rectangles. */
export function parseSqref(sqref: string): RangeRef[] {
  return sqref
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((a) => parseRange(a.replace(/\$/g, "")));
}

export function formatSqref(rects: RangeRef[]): string {
  return rects.map(rangeAddress).join(" ");
}

export function cellCount(r: RangeRef): number {
  return r.rowCount * r.columnCount;
}
