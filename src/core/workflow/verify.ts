/**
 * `tianbao verify` as a pure function: each table's derived state, its 数据指纹 against the last
 * approval, and the chain. Plus `snapshotTables`, which reads the bound sheets through the port.
 * `ok` is false on any mismatch (the CLI exits 1).
 * Pure core.
 */
import type { Catalog } from "../catalog/types";
import type { WorkbookOp, WorkbookPort } from "../workbook/port";
import { APPROVAL_SHEET } from "../template/layout";
import { readTable } from "../validation/structure";
import type { TableData } from "../validation/types";
import {
  anchorsFromSheets,
  deriveStates,
  readApprovalLog,
  validateLog,
  type Anchors,
  type ApprovalLog,
  type DerivedStates,
} from "./approvalLog";
import type { WorkflowFinding } from "./findings";
import { currentHashes, explanationFindings, readExplanations, type LoggedExplanation } from "./explanations";
import { dataHash } from "./hash";
import type { BoundSheet } from "./responsibility";
import { STATE_LABELS, isApprovedState, type ReviewState } from "./review";

export interface TableSnapshot {
  tableId: string;
  name?: string;
  /** null when the bound sheet is gone. */
  sheet: string | null;
  /** null when the sheet could not be read. */
  dataHash: string | null;
  /** The records, when read (for explanations and locking). */
  data?: TableData;
}

export type HashStatus = "notReviewed" | "match" | "modifiedAfterSubmit" | "modifiedAfterApproval" | "sheetMissing";

export interface VerifyTable {
  id: string;
  name: string;
  sheet: string | null;
  state: ReviewState;
  stateLabel: string;
  dataHash: string | null;
  /** 数据指纹 recorded by the last record in force (submission or approval). */
  recordedHash: string | null;
  hashStatus: HashStatus;
  lastRecord: { sequence: number; action: string; person: string; timestamp: string } | null;
  problems: string[];
}

export interface VerifyReport {
  ok: boolean;
  chain: { ok: boolean; records: number; problems: string[] };
  tables: VerifyTable[];
  findings: WorkflowFinding[];
}

export interface VerifyInput {
  log: ApprovalLog;
  anchors: Anchors;
  tables: TableSnapshot[];
  /** 异常数据说明: edited notes fail verification, stale ones are warnings. */
  explanations?: LoggedExplanation[];
}

export function verifyWorkbook(input: VerifyInput): VerifyReport {
  const chain = validateLog(input.log, input.anchors);
  const derived: DerivedStates = deriveStates(input.log);
  const findings: WorkflowFinding[] = [...chain.findings, ...derived.conflicts];
  const tables: VerifyTable[] = [];
  const seen = new Set<string>();
  const all = [...input.tables];
  for (const id of derived.tables.keys()) if (!input.tables.some((t) => t.tableId === id)) all.push({ tableId: id, sheet: null, dataHash: null });
  for (const snap of all) {
    if (seen.has(snap.tableId)) continue;
    seen.add(snap.tableId);
    const st = derived.tables.get(snap.tableId);
    const state = st?.state ?? "draft";
    const problems: string[] = [];
    let hashStatus: HashStatus = "notReviewed";
    let recorded: string | null = null;
    const label = `表 ${snap.tableId}${snap.name ? " " + snap.name : ""}`;
    if (state !== "draft" && !snap.sheet) {
      hashStatus = "sheetMissing";
      problems.push(`${label} 为「${STATE_LABELS[state]}」，但它的工作表已不存在`);
      findings.push({ code: "review.sheetMissing", severity: "error", sheet: snap.sheet ?? "", tableId: snap.tableId, message: problems[problems.length - 1] });
    } else if (isApprovedState(state) && st?.last) {
      recorded = st.last.dataHash;
      hashStatus = snap.dataHash === recorded ? "match" : "modifiedAfterApproval";
      if (hashStatus === "modifiedAfterApproval") {
        problems.push(`审核后被修改：${label} 的数据与 ${st.last.person} ${st.last.timestamp}「${STATE_LABELS[state]}」时的数据指纹不一致，修改需先退回`);
        findings.push({ code: "review.modifiedAfterApproval", severity: "error", sheet: snap.sheet ?? "", tableId: snap.tableId, message: problems[problems.length - 1] });
      }
    } else if (state === "submitted" && st?.submitted) {
      recorded = st.submitted.dataHash;
      hashStatus = snap.dataHash === recorded ? "match" : "modifiedAfterSubmit";
      if (hashStatus === "modifiedAfterSubmit") {
        problems.push(`提交后被修改：${label} 的数据与 ${st.submitted.person} ${st.submitted.timestamp} 提交时不一致，审核前请退回重新提交`);
        findings.push({ code: "review.modifiedAfterSubmit", severity: "warning", sheet: snap.sheet ?? "", tableId: snap.tableId, message: problems[problems.length - 1] });
      }
    }
    for (const f of chain.findings) if (f.tableId === snap.tableId) problems.push(f.message);
    const last = st?.last;
    tables.push({
      id: snap.tableId,
      name: snap.name ?? "",
      sheet: snap.sheet,
      state,
      stateLabel: STATE_LABELS[state],
      dataHash: snap.dataHash,
      recordedHash: recorded,
      hashStatus,
      lastRecord: last ? { sequence: last.sequence, action: last.action, person: last.person, timestamp: last.timestamp } : null,
      problems,
    });
  }
  const rowHashes = new Map(input.tables.filter((t) => t.data && t.dataHash).map((t) => [t.tableId, currentHashes(t.data!.rows, t.dataHash!)] as const));
  const notes = explanationFindings(input.explanations ?? [], rowHashes);
  findings.push(...notes);
  for (const f of notes) tables.find((t) => t.id === f.tableId)?.problems.push(f.message);
  const ok =
    chain.ok &&
    !notes.some((f) => f.code === "explanation.tampered") &&
    !tables.some((t) => t.hashStatus === "modifiedAfterApproval" || t.hashStatus === "sheetMissing");
  return {
    ok,
    chain: { ok: chain.ok, records: input.log.records.length, problems: chain.findings.map((f) => f.message) },
    tables,
    findings,
  };
}

/** Reads each bound sheet and hashes its records (validation `readTable` decides the layout). */
export async function snapshotTables(port: WorkbookPort, catalog: Catalog, bound: BoundSheet[]): Promise<TableSnapshot[]> {
  const sheets = new Set((await port.getSheets()).map((s) => s.name));
  const present = bound.filter((b) => sheets.has(b.sheet));
  const data = present.length ? await port.read(present.map((b) => ({ sheet: b.sheet }))) : [];
  const out: TableSnapshot[] = [];
  for (const b of bound) {
    const table = catalog.tables.find((t) => t.id === b.tableId);
    const i = present.indexOf(b);
    if (i < 0 || !table) {
      out.push({ tableId: b.tableId, name: table?.name, sheet: i < 0 ? null : b.sheet, dataHash: null });
      continue;
    }
    const td = readTable(data[i], table, { owned: true }); // read for this snapshot alone
    out.push({ tableId: b.tableId, name: table.name, sheet: b.sheet, dataHash: dataHash(td.rows), data: td });
  }
  return out;
}

/** Everything `tianbao verify FILE --json` prints, from the port. */
export async function verifyThroughPort(port: WorkbookPort, catalog: Catalog, bound: BoundSheet[]): Promise<VerifyReport> {
  const [log, sheets, tables, explanations] = await Promise.all([readApprovalLog(port), port.getSheets(), snapshotTables(port, catalog, bound), readExplanations(port)]);
  const report = verifyWorkbook({ log, anchors: anchorsFromSheets(sheets), tables, explanations: explanations.items });
  const logSheet = sheets.find((s) => s.name === APPROVAL_SHEET);
  if (logSheet && logSheet.visibility !== "veryHidden") {
    report.findings.push({
      code: "review.logVisible",
      severity: "warning",
      sheet: APPROVAL_SHEET,
      message: `审核记录工作表「${APPROVAL_SHEET}」已被设为可见，请勿手工修改；质量办可用 hideApprovalSheetOps 重新隐藏`,
    });
  }
  return report;
}

/** Makes the approval log very hidden again (Excel's UI cannot unhide very hidden sheets). */
export function hideApprovalSheetOps(): WorkbookOp[] {
  return [{ kind: "setVisibility", sheet: APPROVAL_SHEET, visibility: "veryHidden" }];
}
