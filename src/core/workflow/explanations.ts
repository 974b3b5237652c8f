/**
 * 异常数据说明 (explanations): a clerk's note explaining a warning, appended to the very hidden
 * EXPLANATION_SHEET with the hash of the record it explains.
 *
 * Columns: 表号 | 行 | 规则 | 说明 | 填写人 | 时间 | 行指纹 | 记录指纹. 行 (rowKey) is the Excel row when
 * the note was written, for people; matching uses the row's HASH, so a row that moves (rows
 * inserted above) keeps its explanation and a row whose values change loses it (stale). A later
 * note for the same table, rule and row hash supersedes an earlier one. 记录指纹 = SHA-256 of the
 * other fields, so an edited note is evident. Table-level warnings (no row) use the table's
 * dataHash as their row hash.
 * Pure core (the async helper only talks to WorkbookPort).
 */
import type { CellValue, WorkbookOp, WorkbookPort } from "../workbook/port";
import { columnLetter } from "../workbook/address";
import { EXPLANATION_SHEET } from "../template/layout";
import type { TableData } from "../validation/types";
import { applyUnlessCreatedMeanwhile } from "./approvalLog";
import { cellText } from "./cells";
import { cellFinding, type WorkflowFinding } from "./findings";
import { rowHash, sha256Hex } from "./hash";
import type { PendingWarning } from "./review";

export const EXPLANATION_HEADERS = ["表号", "行", "规则", "说明", "填写人", "时间", "行指纹", "记录指纹"] as const;
const LAST_COL = columnLetter(EXPLANATION_HEADERS.length - 1);

export interface ExplanationInput {
  tableId: string;
  /** Excel row number as text ("12"), or "" for a table-level warning. */
  rowKey: string;
  rule: string;
  text: string;
  person: string;
  /** ISO 8601 with offset. */
  timestamp: string;
  rowHash: string;
}

export interface Explanation extends ExplanationInput {
  recordHash: string;
}

export interface LoggedExplanation {
  row: number;
  explanation: Explanation;
  /** false when the fields no longer match 记录指纹. */
  intact: boolean;
}

export function explanationHash(e: ExplanationInput): string {
  return sha256Hex(JSON.stringify([1, e.tableId, e.rowKey, e.rule, e.text, e.person, e.timestamp, e.rowHash]));
}

export function parseExplanations(values: CellValue[][] | null): { exists: boolean; items: LoggedExplanation[]; lastRow: number } {
  if (!values) return { exists: false, items: [], lastRow: -1 };
  const items: LoggedExplanation[] = [];
  let lastRow = 0;
  values.forEach((line, r) => {
    if (r === 0 || !(line ?? []).some((v) => cellText(v) !== "")) return;
    lastRow = r;
    const raw = (i: number) => (line[i] === undefined || line[i] === null ? "" : String(line[i]));
    const e: Explanation = {
      tableId: raw(0),
      rowKey: raw(1),
      rule: raw(2),
      text: raw(3),
      person: raw(4),
      timestamp: raw(5),
      rowHash: raw(6),
      recordHash: raw(7),
    };
    const { recordHash, ...rest } = e;
    items.push({ row: r, explanation: e, intact: explanationHash(rest) === recordHash });
  });
  return { exists: true, items, lastRow };
}

export async function readExplanations(port: WorkbookPort): Promise<ReturnType<typeof parseExplanations>> {
  const sheets = await port.getSheets();
  if (!sheets.some((s) => s.name === EXPLANATION_SHEET)) return parseExplanations(null);
  const [data] = await port.read([{ sheet: EXPLANATION_SHEET }]);
  return parseExplanations(data.values);
}

export function planExplanationAppend(existing: ReturnType<typeof parseExplanations>, input: ExplanationInput): { explanation: Explanation; row: number; ops: WorkbookOp[] } {
  const explanation: Explanation = { ...input, recordHash: explanationHash(input) };
  const ops: WorkbookOp[] = [];
  if (!existing.exists) {
    ops.push({ kind: "addSheet", sheet: EXPLANATION_SHEET, visibility: "veryHidden" });
    ops.push({ kind: "setFormat", sheet: EXPLANATION_SHEET, address: `A1:${LAST_COL}1`, format: { numberFormat: "@", font: { bold: true } } });
    ops.push({ kind: "setValues", sheet: EXPLANATION_SHEET, address: "A1", values: [[...EXPLANATION_HEADERS]] });
  }
  const row = Math.max(existing.lastRow + 1, 1);
  ops.push({ kind: "setFormat", sheet: EXPLANATION_SHEET, address: `A${row + 1}:${LAST_COL}${row + 1}`, format: { numberFormat: "@" } });
  const e = explanation;
  ops.push({ kind: "setValues", sheet: EXPLANATION_SHEET, address: `A${row + 1}`, values: [[e.tableId, e.rowKey, e.rule, e.text, e.person, e.timestamp, e.rowHash, e.recordHash]] });
  return { explanation, row, ops };
}

/** Appends an explanation (read, write after the last row, read back, retry after a foreign row). */
export async function appendExplanation(port: WorkbookPort, input: ExplanationInput, maxAttempts = 5): Promise<Explanation> {
  if (!input.text.trim()) throw new Error("异常数据说明不能为空");
  for (let i = 0; i < maxAttempts; i++) {
    const plan = planExplanationAppend(await readExplanations(port), input);
    if (!(await applyUnlessCreatedMeanwhile(port, plan.ops))) continue;
    const [back] = await port.read([{ sheet: EXPLANATION_SHEET, address: `A${plan.row + 1}:${LAST_COL}${plan.row + 1}` }]);
    if (cellText(back.values[0]?.[7]) === plan.explanation.recordHash) return plan.explanation;
  }
  throw new Error(`异常数据说明写入失败：连续 ${maxAttempts} 次被其他人的记录占用同一行，请稍后重试`);
}

/** The record a warning on Excel row `excelRow` concerns (single tables: the one record). */
export function recordForRow(td: Pick<TableData, "rows" | "layout">, excelRow: number | undefined): CellValue[] | null {
  if (td.layout.kind === "single") return td.rows[0] ?? null;
  if (excelRow === undefined) return null;
  return td.rows[excelRow - 1 - td.layout.firstDataRow] ?? null;
}

/** A warning as the validation engine reports it (Finding has these fields). */
export interface WarningLike {
  table: string;
  row?: number;
  rule: string;
  severity: string;
  message?: string;
}

/**
 * Warnings of one table without a current explanation. `tableHash` stands in for table-level
 * warnings; `values(row)` gives the record of a warning's row.
 */
export function unexplainedWarnings(
  tableId: string,
  findings: WarningLike[],
  explanations: LoggedExplanation[],
  values: (excelRow: number | undefined) => CellValue[] | null,
  tableHash: string,
): PendingWarning[] {
  const have = new Set(
    explanations.filter((x) => x.intact && x.explanation.tableId === tableId && x.explanation.text.trim()).map((x) => `${x.explanation.rule}\u0000${x.explanation.rowHash}`),
  );
  const out: PendingWarning[] = [];
  for (const f of findings) {
    if (f.table !== tableId || f.severity !== "warning") continue;
    const rec = values(f.row);
    const h = rec ? rowHash(rec) : tableHash;
    if (!have.has(`${f.rule}\u0000${h}`)) {
      const w: PendingWarning = { rule: f.rule };
      if (f.row !== undefined) w.row = f.row;
      if (f.message !== undefined) w.message = f.message;
      out.push(w);
    }
  }
  return out;
}

/**
 * Explanations that no longer describe the data: their row hash matches no current record of the
 * table (the row was changed or deleted after the note), or their own hash is broken.
 * `currentRowHashes` maps table id → hashes of its current records (plus its dataHash for
 * table-level notes). Tables absent from the map are not judged.
 */
export function explanationFindings(explanations: LoggedExplanation[], currentRowHashes: Map<string, Set<string>>): WorkflowFinding[] {
  const out: WorkflowFinding[] = [];
  for (const { row, explanation: e, intact } of explanations) {
    if (!intact) {
      out.push(cellFinding("explanation.tampered", "error", EXPLANATION_SHEET, row, 3, `表 ${e.tableId} 第 ${e.rowKey || "—"} 行的异常数据说明被修改（记录指纹不符）`, e.tableId));
      continue;
    }
    const hashes = currentRowHashes.get(e.tableId);
    if (hashes && !hashes.has(e.rowHash)) {
      out.push(
        cellFinding(
          "explanation.stale",
          "warning",
          EXPLANATION_SHEET,
          row,
          6,
          `表 ${e.tableId} ${e.rowKey ? `第 ${e.rowKey} 行` : "整表"}的异常数据说明（规则 ${e.rule}，${e.person}）已过期：说明之后该行数据被修改或删除，请重新说明`,
          e.tableId,
        ),
      );
    }
  }
  return out;
}

/** Hashes of a table's current records, for `explanationFindings`. */
export function currentHashes(rows: CellValue[][], tableHash: string): Set<string> {
  const s = new Set<string>(rows.map((r) => rowHash(r)));
  s.add(tableHash);
  return s;
}
