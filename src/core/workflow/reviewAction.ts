/**
 * One review action end to end, through WorkbookPort only (shared by the 审核 page and the CLI):
 * read the log → verify the chain → derive the state → decide → append the record → lock/unlock.
 * Pure core.
 */
import type { CellValue, WorkbookPort } from "../workbook/port";
import type { Assignment } from "./assignment";
import { isoTimestamp, type TimeOptions } from "./clock";
import { anchorsFromSheets, appendApprovalRecord, deriveStates, readApprovalLog, validateLog, type ApprovalRecord } from "./approvalLog";
import { dataHash } from "./hash";
import { transitionLockOps, unlockOps, type DataArea } from "./lock";
import { reviewStatusOps, reviewStatusText } from "./reviewStatus";
import { decide, type PendingWarning, type Profile, type ReviewAction, type ReviewState } from "./review";

export interface ReviewActionParams extends TimeOptions {
  action: ReviewAction;
  tableId: string;
  tableName?: string;
  sheet: string;
  profile: Profile | null | undefined;
  /** 退回 reason or an optional comment. */
  reason?: string;
  assignment?: Assignment | null;
  /** The table's records in catalog column order (validation TableData.rows). */
  rows: CellValue[][];
  /** Where the data cells are, for locking. */
  area: DataArea;
  errors?: number;
  unexplainedWarnings?: PendingWarning[];
}

export type ReviewActionResult =
  | { ok: true; record: ApprovalRecord; state: ReviewState }
  | { ok: false; reason: string; state: ReviewState };

export async function performReviewAction(port: WorkbookPort, p: ReviewActionParams): Promise<ReviewActionResult> {
  const log = await readApprovalLog(port);
  const chain = validateLog(log, anchorsFromSheets(await port.getSheets()));
  const derived = deriveStates(log);
  const status = derived.tables.get(p.tableId);
  const state: ReviewState = status?.state ?? "draft";
  const hash = dataHash(p.rows);
  const d = decide(p.action, {
    tableId: p.tableId,
    tableName: p.tableName,
    state,
    profile: p.profile,
    assignment: p.assignment,
    reason: p.reason,
    errors: p.errors,
    unexplainedWarnings: p.unexplainedWarnings,
    dataHash: hash,
    submittedDataHash: status?.submitted?.dataHash,
    logIntact: chain.ok,
  });
  if (!d.ok) return { ok: false, reason: d.reason, state };
  const profile = p.profile!;
  const record = await appendApprovalRecord(port, {
    tableId: p.tableId,
    sheet: p.sheet,
    action: p.action,
    fromState: state,
    toState: d.transition.to,
    person: profile.name.trim(),
    department: profile.department.trim(),
    role: profile.role,
    timestamp: isoTimestamp({ clock: p.clock, timeZone: p.timeZone }),
    comment: (p.reason ?? "").trim(),
    dataHash: hash,
  });
  // Someone else may have acted between our read and our write: the log decides.
  const after = deriveStates(await readApprovalLog(port)).tables.get(p.tableId);
  if (!after?.history.some((r) => r.recordHash === record.recordHash)) {
    return { ok: false, reason: `另一位用户同时处理了表 ${p.tableId}，你的「${p.action === "return" ? "退回" : "操作"}」记录已保留但未生效，请刷新后再看`, state: after?.state ?? state };
  }
  // Status display and protection, both only at this transition. Format edits are refused on a
  // protected sheet (Excel and the xlsx adapter), even on the unlocked status cell: a table that
  // is already protected (退回 or a second approval) is unprotected first, then locked again.
  const display = reviewStatusOps(p.sheet, reviewStatusText(d.transition.to, "match"));
  const lock = transitionLockOps(d.transition, p.sheet, p.area);
  await port.apply(lock.length ? [...unlockOps(p.sheet), ...display, ...lock.filter((op) => op.kind !== "unprotectSheet")] : display);
  return { ok: true, record, state: d.transition.to };
}
