/**
 * The review state shown ON the sheet, visible without the add-in: 「审核状态：部门已审」 in the
 * responsibility row (row 3, right of the 截止日期 cells), and 「审核后被修改」 in red when the data no
 * longer matches the last approval. This cell is a DISPLAY only: the state is always derived from
 * the approval log, never read back from here. The cell stays unlocked when the sheet is protected,
 * so it can be updated on an approved table.
 * Pure core.
 */
import type { CellValue, SheetInfo, WorkbookOp, WorkbookPort } from "../workbook/port";
import { cellAddress } from "../workbook/address";
import { RESPONSIBILITY_ROW } from "../template/layout";
import type { Catalog } from "../catalog/types";
import { cellText } from "./cells";
import { STATE_LABELS, type ReviewState } from "./review";
import type { HashStatus, VerifyReport } from "./verify";
import { verifyThroughPort } from "./verify";
import type { BoundSheet } from "./responsibility";

export const STATUS_LABEL = "审核状态：";
/** 0-based columns of the label and value in RESPONSIBILITY_ROW (after the loader's six cells). */
export const STATUS_LABEL_COLUMN = 6;
export const STATUS_VALUE_COLUMN = 7;

export function statusCellAddress(): string {
  return cellAddress(RESPONSIBILITY_ROW, STATUS_VALUE_COLUMN);
}

/** "部门已审", "审核后被修改（部门已审）", "提交后被修改（已提交）". */
export function reviewStatusText(state: ReviewState, hashStatus: HashStatus): string {
  const label = STATE_LABELS[state];
  if (hashStatus === "modifiedAfterApproval") return `审核后被修改（${label}）`;
  if (hashStatus === "modifiedAfterSubmit") return `提交后被修改（${label}）`;
  return label;
}

export function reviewStatusOps(sheet: string, text: string): WorkbookOp[] {
  const alarming = text.includes("被修改");
  const value = statusCellAddress();
  return [
    { kind: "setFormat", sheet, address: value, format: { numberFormat: "@", font: { bold: alarming, color: alarming ? "#C00000" : "#000000" } } },
    { kind: "setValues", sheet, address: cellAddress(RESPONSIBILITY_ROW, STATUS_LABEL_COLUMN), values: [[STATUS_LABEL as CellValue, text]] },
  ];
}

/** Ops for the sheets whose displayed status differs from the verified one. */
export function reviewStatusSyncOps(report: VerifyReport, displayed: Map<string, string>): WorkbookOp[] {
  const ops: WorkbookOp[] = [];
  for (const t of report.tables) {
    if (!t.sheet) continue;
    const want = reviewStatusText(t.state, t.hashStatus);
    const have = displayed.get(t.sheet) ?? "";
    // A never-reviewed table shows nothing until its first action.
    if (t.state === "draft" && have === "" && t.hashStatus === "notReviewed") continue;
    if (want !== have) ops.push(...reviewStatusOps(t.sheet, want));
  }
  return ops;
}

/** Verifies the workbook and refreshes every bound sheet's status cell; returns the report. */
export async function syncReviewStatus(port: WorkbookPort, catalog: Catalog, bound: BoundSheet[]): Promise<VerifyReport> {
  const report = await verifyThroughPort(port, catalog, bound);
  const names = new Set((await port.getSheets()).map((s: SheetInfo) => s.name));
  const present = bound.filter((b) => names.has(b.sheet));
  const cells = present.length ? await port.read(present.map((b) => ({ sheet: b.sheet, address: statusCellAddress() }))) : [];
  const displayed = new Map(present.map((b, i) => [b.sheet, cellText(cells[i]?.values[0]?.[0])] as const));
  const ops = reviewStatusSyncOps(report, displayed);
  if (ops.length) await port.apply(ops);
  return report;
}
