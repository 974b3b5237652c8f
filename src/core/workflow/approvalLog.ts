/**
 * 审核记录 (approval records): append-only rows on the very hidden APPROVAL_SHEET, hash-chained.
 *
 * Row 1 holds the headers (APPROVAL_HEADERS); every later non-empty row is one record. All cells are
 * written as text ("@") so Excel never turns a hash like "1e5…" or a timestamp into a number.
 *
 * recordHash = SHA-256 of JSON [1, sequence, tableId, sheet, action, fromState, toState, person,
 * department, role, timestamp, comment, dataHash, prevHash]; prevHash = recordHash of the record
 * before it (GENESIS_HASH for sequence 1). The chain is over the whole workbook, not per table.
 *
 * State is DERIVED from the log (`deriveStates`), never stored in a mutable cell.
 *
 * Co-authoring. Each writer reads the log, takes the next sequence and the last record's hash, and
 * writes its own new row: the first row after the last non-empty row PLUS a writer-specific offset
 * of 0–7 rows (a hash of person, timestamp, table and action), so two people acting at the same
 * moment almost always write different rows, which co-authoring merges without loss. Empty rows
 * between records are skipped by readers. After writing, it reads its row back
 * (`appendApprovalRecord`); if another writer's record is there, it appends again after it.
 *  - Two writers that read the same last row end up with the SAME sequence in different rows. Both
 *    rows are kept; order is (sequence, timestamp, person). Validation then accepts a
 *    record whose prevHash is the hash of ANY record with the previous sequence, so the chain may
 *    fork for one step; a record that contradicts the state its sibling produced is kept but does
 *    not take effect and is reported as a conflict (review.logConflict).
 *  - In the rare case that both pick the same row, the merge keeps one value. The other writer's
 *    table sheet still carries its anchor (PROP_LAST_RECORD) naming a record the log lacks, so
 *    `validateLog` reports it: the loss is evident, and that person acts again.
 * Tamper evidence (`validateLog`): a record whose fields no longer match its recordHash (edited or
 * hash changed), a missing sequence (deleted), a prevHash that matches no record of the previous
 * sequence (deleted/reordered/edited), rows out of sequence order on the sheet (reordered), an
 * illegal transition, and — through each table sheet's PROP_LAST_RECORD anchor — a deleted last
 * record or a removed sheet. Anyone can recompute SHA-256, so a determined editor can rebuild the
 * whole chain: the log makes changes evident, not impossible.
 * Pure core (the async helpers only talk to WorkbookPort).
 */
import type { CellValue, WorkbookOp, WorkbookPort } from "../workbook/port";
import { WorkbookError } from "../workbook/port";
import { columnLetter } from "../workbook/address";
import { APPROVAL_SHEET } from "../template/layout";
import { cellText } from "./cells";
import { GENESIS_HASH, sha256Hex } from "./hash";
import { cellFinding, type WorkflowFinding } from "./findings";
import {
  ACTION_LABELS,
  REVIEW_ACTIONS,
  REVIEW_STATES,
  ROLES,
  ROLE_LABELS,
  STATE_LABELS,
  isLegalTransition,
  type ReviewAction,
  type ReviewState,
  type Role,
} from "./review";

/** Worksheet custom property on each table sheet: "sequence:recordHash" of its latest record. */
export const PROP_LAST_RECORD = "tianbao.lastApprovalRecord";

export const APPROVAL_HEADERS = [
  "序号",
  "表号",
  "工作表",
  "动作",
  "原状态",
  "新状态",
  "人员",
  "部门",
  "角色",
  "时间",
  "意见或原因",
  "数据指纹",
  "前一记录指纹",
  "记录指纹",
] as const;

export interface ApprovalRecordInput {
  tableId: string;
  sheet: string;
  action: ReviewAction;
  fromState: ReviewState;
  toState: ReviewState;
  person: string;
  department: string;
  role: Role;
  /** ISO 8601 with offset. */
  timestamp: string;
  comment: string;
  dataHash: string;
}

export interface ApprovalRecord extends ApprovalRecordInput {
  sequence: number;
  prevHash: string;
  recordHash: string;
}

/** A record as found on the sheet: its 0-based row and whether it parsed. */
export interface LoggedRecord {
  row: number;
  record: ApprovalRecord;
}

export function computeRecordHash(r: Omit<ApprovalRecord, "recordHash">): string {
  return sha256Hex(
    JSON.stringify([1, r.sequence, r.tableId, r.sheet, r.action, r.fromState, r.toState, r.person, r.department, r.role, r.timestamp, r.comment, r.dataHash, r.prevHash]),
  );
}

export function recordToRow(r: ApprovalRecord): string[] {
  return [String(r.sequence), r.tableId, r.sheet, r.action, r.fromState, r.toState, r.person, r.department, r.role, r.timestamp, r.comment, r.dataHash, r.prevHash, r.recordHash];
}

const LAST_COL = columnLetter(APPROVAL_HEADERS.length - 1);

/** Ops creating the very hidden log sheet with its header row. */
export function createApprovalSheetOps(): WorkbookOp[] {
  return [
    { kind: "addSheet", sheet: APPROVAL_SHEET, visibility: "veryHidden" },
    { kind: "setFormat", sheet: APPROVAL_SHEET, address: `A1:${LAST_COL}1`, format: { numberFormat: "@", font: { bold: true } } },
    { kind: "setValues", sheet: APPROVAL_SHEET, address: "A1", values: [[...APPROVAL_HEADERS]] },
  ];
}

export interface ApprovalLog {
  exists: boolean;
  records: LoggedRecord[];
  /** Rows that could not be read as records (tamper findings). */
  findings: WorkflowFinding[];
  /** 0-based index of the last non-empty row (0 = only the header, -1 = no sheet/empty). */
  lastRow: number;
}

function parseRow(line: CellValue[], row: number, findings: WorkflowFinding[]): ApprovalRecord | null {
  // Strict: the cells hold exactly what Tianbao wrote (text), so a stray space is a change too.
  const t = (i: number) => (line[i] === undefined || line[i] === null ? "" : String(line[i]));
  const seqText = t(0);
  const sequence = /^\d+$/.test(seqText) ? Number(seqText) : NaN;
  const action = t(3) as ReviewAction;
  const fromState = t(4) as ReviewState;
  const toState = t(5) as ReviewState;
  const role = t(8) as Role;
  const bad = (col: number, what: string) => {
    findings.push(cellFinding("review.logTampered", "error", APPROVAL_SHEET, row, col, `审核记录被篡改：「${APPROVAL_SHEET}」第 ${row + 1} 行的${what}无法识别`));
    return null;
  };
  if (!Number.isInteger(sequence) || sequence < 1) return bad(0, `序号「${seqText}」`);
  if (!REVIEW_ACTIONS.includes(action)) return bad(3, `动作「${t(3)}」`);
  if (!REVIEW_STATES.includes(fromState)) return bad(4, `原状态「${t(4)}」`);
  if (!REVIEW_STATES.includes(toState)) return bad(5, `新状态「${t(5)}」`);
  if (!ROLES.includes(role)) return bad(8, `角色「${t(8)}」`);
  const raw = t;
  return {
    sequence,
    tableId: raw(1),
    sheet: raw(2),
    action,
    fromState,
    toState,
    person: raw(6),
    department: raw(7),
    role,
    timestamp: raw(9),
    comment: raw(10),
    dataHash: t(11),
    prevHash: t(12),
    recordHash: t(13),
  };
}

/** Parses the log sheet's values (from A1). */
export function parseApprovalLog(values: CellValue[][] | null): ApprovalLog {
  if (!values) return { exists: false, records: [], findings: [], lastRow: -1 };
  const findings: WorkflowFinding[] = [];
  const records: LoggedRecord[] = [];
  let lastRow = -1;
  values.forEach((line, r) => {
    if ((line ?? []).some((v) => cellText(v) !== "")) lastRow = r;
  });
  const header = (values[0] ?? []).map(cellText);
  if (values.length && header[0] !== APPROVAL_HEADERS[0]) {
    findings.push(cellFinding("review.logTampered", "error", APPROVAL_SHEET, 0, 0, `审核记录被篡改：「${APPROVAL_SHEET}」第 1 行不是审核记录的表头`));
  }
  for (let r = 1; r <= lastRow; r++) {
    const line = values[r] ?? [];
    if (!line.some((v) => cellText(v) !== "")) continue;
    const rec = parseRow(line, r, findings);
    if (rec) records.push({ row: r, record: rec });
  }
  return { exists: true, records, findings, lastRow: Math.max(lastRow, 0) };
}

/** Reads the log through the port; a missing sheet gives `exists: false`. */
export async function readApprovalLog(port: WorkbookPort): Promise<ApprovalLog> {
  const sheets = await port.getSheets();
  if (!sheets.some((s) => s.name === APPROVAL_SHEET)) return parseApprovalLog(null);
  try {
    const [data] = await port.read([{ sheet: APPROVAL_SHEET }]);
    return parseApprovalLog(data.values);
  } catch (e) {
    if (e instanceof WorkbookError && e.code === "sheetNotFound") return parseApprovalLog(null);
    throw e;
  }
}

/** Records in log order: (sequence, timestamp, person, row). */
export function orderedRecords(log: Pick<ApprovalLog, "records">): LoggedRecord[] {
  return [...log.records].sort(
    (a, b) =>
      a.record.sequence - b.record.sequence ||
      cmp(a.record.timestamp, b.record.timestamp) ||
      cmp(a.record.person, b.record.person) ||
      a.row - b.row,
  );
}

function cmp(a: string, b: string): number {
  // ISO timestamps with offsets: compare instants when both parse, else text.
  const ta = Date.parse(a), tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface AppendPlan {
  record: ApprovalRecord;
  /** 0-based row the record goes to. */
  row: number;
  ops: WorkbookOp[];
}

/** How many rows a writer may skip after the last row, so simultaneous writers rarely pick the same row. */
export const APPEND_SPREAD = 8;

/** The writer's row offset (0 … APPEND_SPREAD-1): a hash of who, when and what. */
export function appendOffset(input: Pick<ApprovalRecordInput, "person" | "timestamp" | "tableId" | "action">): number {
  return parseInt(sha256Hex([input.person, input.timestamp, input.tableId, input.action].join("\u0000")).slice(0, 4), 16) % APPEND_SPREAD;
}

/**
 * Plans the next record: sequence = last + 1, prevHash = the last record's hash, row = the first
 * row after the last non-empty row plus this writer's offset (see the module comment). Pure.
 */
export function planAppend(log: ApprovalLog, input: ApprovalRecordInput, offset = appendOffset(input)): AppendPlan {
  const ordered = orderedRecords(log);
  const last = ordered[ordered.length - 1]?.record;
  const base = { ...input, sequence: (last?.sequence ?? 0) + 1, prevHash: last?.recordHash ?? GENESIS_HASH };
  const record: ApprovalRecord = { ...base, recordHash: computeRecordHash(base) };
  const row = Math.max(log.lastRow + 1, 1) + offset;
  const ops: WorkbookOp[] = log.exists ? [] : createApprovalSheetOps();
  const address = `A${row + 1}:${LAST_COL}${row + 1}`;
  ops.push({ kind: "setFormat", sheet: APPROVAL_SHEET, address, format: { numberFormat: "@" } });
  ops.push({ kind: "setValues", sheet: APPROVAL_SHEET, address: `A${row + 1}`, values: [recordToRow(record)] });
  ops.push({ kind: "setCustomProperty", sheet: input.sheet, key: PROP_LAST_RECORD, value: `${record.sequence}:${record.recordHash}` });
  return { record, row, ops };
}

/**
 * Appends a record: read, write after the last row, read back; when another writer's record is in
 * that row, try again after it (up to `maxAttempts`). Returns the record as written.
 */
export async function appendApprovalRecord(port: WorkbookPort, input: ApprovalRecordInput, maxAttempts = 5): Promise<ApprovalRecord> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const log = await readApprovalLog(port);
    const plan = planAppend(log, input);
    if (!(await applyUnlessCreatedMeanwhile(port, plan.ops))) continue;
    const [back] = await port.read([{ sheet: APPROVAL_SHEET, address: `A${plan.row + 1}:${LAST_COL}${plan.row + 1}` }]);
    if (cellText(back.values[0]?.[13]) === plan.record.recordHash) return plan.record;
  }
  throw new Error(`审核记录写入失败：连续 ${maxAttempts} 次被其他人的记录占用同一行，请稍后重试`);
}

/**
 * Applies append ops; false when they tried to create the log sheet and another writer created it
 * first (the caller re-reads and appends after that writer's record).
 */
export async function applyUnlessCreatedMeanwhile(port: WorkbookPort, ops: WorkbookOp[]): Promise<boolean> {
  try {
    await port.apply(ops);
    return true;
  } catch (e) {
    if (e instanceof WorkbookError && e.code === "sheetExists" && ops[0]?.kind === "addSheet") return false;
    throw e;
  }
}

export interface ChainStatus {
  ok: boolean;
  findings: WorkflowFinding[];
}

/** Anchors found on table sheets: sheet name → "sequence:recordHash". */
export type Anchors = Map<string, string>;

/**
 * Validates the chain (see the module comment). `anchors` are the PROP_LAST_RECORD values of the
 * table sheets; `sheetPresent` says whether the log sheet exists at all.
 */
export function validateLog(log: ApprovalLog, anchors: Anchors = new Map()): ChainStatus {
  const findings: WorkflowFinding[] = [...log.findings];
  const tamper = (row: number, column: number, message: string, tableId?: string) =>
    findings.push(cellFinding("review.logTampered", "error", APPROVAL_SHEET, row, column, `审核记录被篡改：${message}`, tableId));

  if (!log.exists) {
    const anchored = [...anchors.entries()].filter(([, v]) => v);
    if (anchored.length) {
      findings.push({
        code: "review.logMissing",
        severity: "error",
        sheet: APPROVAL_SHEET,
        message: `审核记录被篡改：隐藏的审核记录工作表「${APPROVAL_SHEET}」已被删除，而工作表「${anchored.map(([s]) => s).join("」「")}」有审核记录`,
      });
    }
    return { ok: findings.length === 0, findings };
  }

  // 1. each record's own hash
  for (const { row, record } of log.records) {
    const { recordHash, ...rest } = record;
    if (computeRecordHash(rest) !== recordHash) {
      tamper(row, 13, `「${APPROVAL_SHEET}」第 ${row + 1} 行（表 ${record.tableId}，${ACTION_LABELS[record.action]}）的内容与记录指纹不符，记录被修改`, record.tableId);
    }
  }
  // 2. physical order follows sequence order (append-only)
  let prev: LoggedRecord | null = null;
  for (const lr of [...log.records].sort((a, b) => a.row - b.row)) {
    if (prev && lr.record.sequence < prev.record.sequence) {
      tamper(lr.row, 0, `「${APPROVAL_SHEET}」第 ${lr.row + 1} 行（序号 ${lr.record.sequence}）排在序号 ${prev.record.sequence} 之后，记录顺序被调换`, lr.record.tableId);
    }
    prev = lr;
  }
  // 3. sequences 1..max without gaps, 4. prevHash links to a record of the previous sequence
  const bySeq = new Map<number, LoggedRecord[]>();
  for (const lr of log.records) bySeq.set(lr.record.sequence, [...(bySeq.get(lr.record.sequence) ?? []), lr]);
  const max = Math.max(0, ...bySeq.keys());
  for (let s = 1; s <= max; s++) {
    if (!bySeq.has(s)) tamper(0, 0, `缺少序号为 ${s} 的审核记录（记录被删除）`);
  }
  for (const lr of log.records) {
    const s = lr.record.sequence;
    const ok = s === 1 ? lr.record.prevHash === GENESIS_HASH : (bySeq.get(s - 1) ?? []).some((p) => p.record.recordHash === lr.record.prevHash);
    if (!ok && (s === 1 || bySeq.has(s - 1))) {
      tamper(lr.row, 12, `「${APPROVAL_SHEET}」第 ${lr.row + 1} 行（序号 ${s}）的前一记录指纹对不上，之前的记录被删除、调换或修改`, lr.record.tableId);
    }
    if (!isLegalTransition(lr.record.fromState, lr.record.action, lr.record.toState)) {
      tamper(lr.row, 3, `「${APPROVAL_SHEET}」第 ${lr.row + 1} 行记录了不可能的状态变化：「${STATE_LABELS[lr.record.fromState]}」经「${ACTION_LABELS[lr.record.action]}」到「${STATE_LABELS[lr.record.toState]}」`, lr.record.tableId);
    }
  }
  // 5. anchors: the last record each table sheet saw must still be in the log
  const hashes = new Set(log.records.map((lr) => lr.record.recordHash));
  for (const [sheet, anchor] of anchors) {
    if (!anchor) continue;
    const [seq, hash] = anchor.split(":");
    if (!hash || !hashes.has(hash)) {
      findings.push({
        code: "review.logTampered",
        severity: "error",
        sheet,
        message: `审核记录被篡改：工作表「${sheet}」最近的审核记录（序号 ${seq}）在「${APPROVAL_SHEET}」中找不到，记录被删除或修改（多人同时审核时的写入冲突也会如此，请重新操作）`,
      });
    }
  }
  return { ok: findings.length === 0, findings };
}

export interface TableReviewStatus {
  tableId: string;
  state: ReviewState;
  /** Applied records of this table in order. */
  history: ApprovalRecord[];
  /** The last applied record (whose dataHash the data must match when approved). */
  last?: ApprovalRecord;
  /** The record of the latest submission still in force (state submitted or beyond). */
  submitted?: ApprovalRecord;
}

export interface DerivedStates {
  tables: Map<string, TableReviewStatus>;
  /** Records kept but not applied because they contradict the state (concurrent actions). */
  conflicts: WorkflowFinding[];
}

/** Folds the ordered log into each table's state. Tables without records are 填报中. */
export function deriveStates(log: Pick<ApprovalLog, "records">): DerivedStates {
  const tables = new Map<string, TableReviewStatus>();
  const conflicts: WorkflowFinding[] = [];
  for (const { row, record } of orderedRecords(log)) {
    const st = tables.get(record.tableId) ?? { tableId: record.tableId, state: "draft" as ReviewState, history: [] };
    tables.set(record.tableId, st);
    if (record.fromState !== st.state || !isLegalTransition(record.fromState, record.action, record.toState)) {
      conflicts.push(
        cellFinding(
          "review.logConflict",
          "warning",
          APPROVAL_SHEET,
          row,
          0,
          `表 ${record.tableId}：${record.person} 于 ${record.timestamp} 的「${ACTION_LABELS[record.action]}」与同时写入的另一条记录冲突（当时状态已是「${STATE_LABELS[st.state]}」），该记录保留但未生效`,
          record.tableId,
        ),
      );
      continue;
    }
    st.state = record.toState;
    st.history.push(record);
    st.last = record;
    if (record.action === "submit") st.submitted = record;
    if (record.toState === "draft") delete st.submitted;
  }
  return { tables, conflicts };
}

export function stateOf(derived: DerivedStates, tableId: string): ReviewState {
  return derived.tables.get(tableId)?.state ?? "draft";
}

export interface HistoryEntry {
  sequence: number;
  action: ReviewAction;
  actionLabel: string;
  fromLabel: string;
  toLabel: string;
  person: string;
  department: string;
  roleLabel: string;
  timestamp: string;
  comment: string;
  /** false for a record kept but not in force (a concurrent conflict). */
  applied: boolean;
}

/** A table's records as a timeline for the 审核 page, oldest first, conflicts included and marked. */
export function tableHistory(log: Pick<ApprovalLog, "records">, tableId: string): HistoryEntry[] {
  const applied = new Set((deriveStates(log).tables.get(tableId)?.history ?? []).map((r) => r.recordHash));
  return orderedRecords(log)
    .map((x) => x.record)
    .filter((r) => r.tableId === tableId)
    .map((r) => ({
      sequence: r.sequence,
      action: r.action,
      actionLabel: ACTION_LABELS[r.action],
      fromLabel: STATE_LABELS[r.fromState],
      toLabel: STATE_LABELS[r.toState],
      person: r.person,
      department: r.department,
      roleLabel: ROLE_LABELS[r.role],
      timestamp: r.timestamp,
      comment: r.comment,
      applied: applied.has(r.recordHash),
    }));
}

/** Reads PROP_LAST_RECORD from every sheet. */
export function anchorsFromSheets(sheets: Array<{ name: string; customProperties: Record<string, string> }>): Anchors {
  const m: Anchors = new Map();
  for (const s of sheets) {
    const v = s.customProperties?.[PROP_LAST_RECORD];
    if (v) m.set(s.name, v);
  }
  return m;
}

