/**
 * Checks shared by the adapters for the `addTable` op (an Excel table / ListObject): the range has a
 * header row and at least one data row, and the name is one Excel accepts (starts with a letter,
 * _ or \, no spaces, not a cell reference such as "TB1"). Pure core.
 */
import { type RangeRef, parseRange } from "./address";
import { type WorkbookOp, WorkbookError } from "./port";

/** Excel's rule for table (and defined) names, as far as Tianbao needs it. */
export function isValidTableName(name: string): boolean {
  return /^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name);
}

/** The op's range, or a WorkbookError with a Chinese message naming the sheet and the table. */
export function checkTableOp(op: Extract<WorkbookOp, { kind: "addTable" }>): RangeRef {
  let r: RangeRef;
  try {
    r = parseRange(op.address);
  } catch {
    throw new WorkbookError("invalidAddress", `工作表“${op.sheet}”的表格“${op.name}”地址无效：${op.address}`);
  }
  if (r.rowCount < 2) throw new WorkbookError("invalidAddress", `表格“${op.name}”（“${op.sheet}”!${op.address}）至少要有表头行和一行数据`);
  if (!isValidTableName(op.name)) throw new WorkbookError("invalidAddress", `表格名称“${op.name}”无效：须以字母或下划线开头，不含空格，也不能像单元格地址`);
  return r;
}

export function rangesOverlap(a: RangeRef, b: RangeRef): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
}
