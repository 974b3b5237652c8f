/**
 * Checks a `setPageLayout` op once for every adapter, with a Chinese message naming the sheet, and
 * gives it in the form the adapters write (print title rows as 1-based first/last row).
 * Pure core.
 */
import { type PageLayoutSpec, WorkbookError } from "./port";

/** A4 in inches (210 × 297 mm). */
export const A4_INCHES = { width: 8.27, height: 11.69 };
/** The ExcelJS / SpreadsheetML paperSize code for A4. */
export const XLSX_PAPER_A4 = 9;
/** Excel's limit for one header or footer section. */
export const MAX_HEADER_FOOTER_CHARS = 255;

export interface CheckedPageLayout extends Omit<PageLayoutSpec, "printTitleRows"> {
  /** 1-based rows, first ≤ last. */
  printTitleRows?: { first: number; last: number };
}

function fail(sheet: string, message: string): never {
  throw new WorkbookError("unsupported", `工作表“${sheet}”的打印设置有误：${message}`);
}

/** "1:4", "$1:$4" or "3" → { first, last }; null when it is not a row span. */
export function parseTitleRows(text: string): { first: number; last: number } | null {
  const m = /^\s*\$?(\d{1,7})\s*(?::\s*\$?(\d{1,7})\s*)?$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1 || a > 1048576 || b > 1048576) return null;
  return { first: Math.min(a, b), last: Math.max(a, b) };
}

export function checkPageLayout(op: { sheet: string } & PageLayoutSpec): CheckedPageLayout {
  const sheet = op.sheet;
  const out: CheckedPageLayout = {};
  if (op.orientation !== undefined) {
    if (op.orientation !== "portrait" && op.orientation !== "landscape") fail(sheet, `纸张方向只能是纵向（portrait）或横向（landscape），收到“${String(op.orientation)}”`);
    out.orientation = op.orientation;
  }
  if (op.paperSize !== undefined) {
    if (op.paperSize !== "A4") fail(sheet, `纸张只支持 A4，收到“${String(op.paperSize)}”`);
    out.paperSize = "A4";
  }
  if (op.fitToWidth !== undefined) {
    if (typeof op.fitToWidth !== "boolean") fail(sheet, "“按页宽打印”应为是或否");
    out.fitToWidth = op.fitToWidth;
  }
  if (op.printTitleRows !== undefined) {
    const rows = typeof op.printTitleRows === "string" ? parseTitleRows(op.printTitleRows) : null;
    if (!rows) fail(sheet, `打印标题行“${String(op.printTitleRows)}”无效，应写成“1:4”这样的行号范围`);
    out.printTitleRows = rows;
  }
  if (op.margins !== undefined) {
    const m = op.margins;
    const names = { top: "上", bottom: "下", left: "左", right: "右" } as const;
    for (const k of Object.keys(names) as Array<keyof typeof names>) {
      const v = m?.[k];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(sheet, `${names[k]}页边距应为不小于 0 的英寸数，收到“${String(v)}”`);
    }
    const landscape = op.orientation === "landscape";
    const w = landscape ? A4_INCHES.height : A4_INCHES.width;
    const h = landscape ? A4_INCHES.width : A4_INCHES.height;
    if (m.left + m.right > w - 1) fail(sheet, `左右页边距之和 ${m.left + m.right} 英寸过大，A4 纸上放不下内容`);
    if (m.top + m.bottom > h - 1) fail(sheet, `上下页边距之和 ${m.top + m.bottom} 英寸过大，A4 纸上放不下内容`);
    out.margins = { top: m.top, bottom: m.bottom, left: m.left, right: m.right };
  }
  if (op.centerHorizontally !== undefined) {
    if (typeof op.centerHorizontally !== "boolean") fail(sheet, "“水平居中”应为是或否");
    out.centerHorizontally = op.centerHorizontally;
  }
  for (const [k, label] of [["headerText", "页眉"], ["footerText", "页脚"]] as const) {
    const v = op[k];
    if (v === undefined) continue;
    if (typeof v !== "string") fail(sheet, `${label}应为文字`);
    if (v.length > MAX_HEADER_FOOTER_CHARS) fail(sheet, `${label}有 ${v.length} 个字符，超过 Excel 的 ${MAX_HEADER_FOOTER_CHARS} 字符上限`);
    out[k] = v;
  }
  return out;
}
