/**
 * The workflow against a whole workbook, through WorkbookPort only: what the pane and the CLI call.
 *  - `readWorkflow`: bindings, the 责任分解 sheet, the approval log, explanations, table snapshots;
 *  - `seedAssignmentSheet` / `writeAssignmentSheet`: create or rewrite the 责任分解 sheet (never
 *    overwriting an existing one when seeding);
 *  - `syncResponsibility`: bring every bound sheet's responsibility row and properties in step;
 *  - `statusThroughPort`: the `tianbao status --json` document (runs the validation engine).
 * Pure core.
 */
import type { Catalog } from "../catalog/types";
import { type CellValue, type SheetInfo, type WorkbookOp, type WorkbookPort, WorkbookError } from "../workbook/port";
import { ASSIGNMENT_SHEET } from "../template/layout";
import { resolveTableSheets } from "../template/binding";
import { checkTables } from "../validation/engine";
import type { Finding } from "../validation/types";
import { anchorsFromSheets, deriveStates, readApprovalLog, type Anchors, type ApprovalLog } from "./approvalLog";
import { seedAssignments, type Assignment } from "./assignment";
import { assignmentSheetOps, assignmentSheetUpdateOps, readAssignmentSheet, type AssignmentSheetRow } from "./assignmentSheet";
import type { TimeOptions } from "./clock";
import { readExplanations, type LoggedExplanation } from "./explanations";
import type { WorkflowFinding } from "./findings";
import { buildOverview, statusJson, type OverviewRow, type StatusTable, type TableProgress } from "./overview";
import { responsibilitySyncFromSheets, type BoundSheet } from "./responsibility";
import { snapshotTables, verifyWorkbook, type TableSnapshot } from "./verify";
import { currentHashes } from "./explanations";
import { freeSheetName, signOffFormOps, signOffSheetName } from "./signOff";
import { getStatYear } from "../settings/statYear";

export interface WorkflowState {
  sheets: SheetInfo[];
  statYear: number | null;
  bound: BoundSheet[];
  /** Chinese messages about ambiguous bindings (from the template binding). */
  bindingProblems: string[];
  assignmentSheetExists: boolean;
  assignmentRows: AssignmentSheetRow[];
  assignments: Assignment[];
  assignmentFindings: WorkflowFinding[];
  log: ApprovalLog;
  anchors: Anchors;
  explanations: LoggedExplanation[];
  tables: TableSnapshot[];
}

export async function readAssignments(port: WorkbookPort, catalog: Catalog, statYear?: number | null, sheets?: SheetInfo[]) {
  const all = sheets ?? (await port.getSheets());
  if (!all.some((s) => s.name === ASSIGNMENT_SHEET)) return { exists: false, rows: [] as AssignmentSheetRow[], findings: [] as WorkflowFinding[] };
  const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
  const r = readAssignmentSheet(data.values, { catalog, statYear: statYear ?? undefined, originRow: data.row, originColumn: data.column });
  return { exists: true, rows: r.rows, findings: r.findings };
}

/** Everything the workflow knows about the workbook, read in a few batches. */
export async function readWorkflow(port: WorkbookPort, catalog: Catalog): Promise<WorkflowState> {
  const sheets = await port.getSheets();
  const [statYear, binding, log, explanations] = await Promise.all([
    getStatYear(port).catch(() => null),
    resolveTableSheets(port, catalog),
    readApprovalLog(port),
    readExplanations(port),
  ]);
  const bound: BoundSheet[] = [...binding.tables.values()].map((b) => ({ tableId: b.tableId, sheet: b.sheet }));
  const a = await readAssignments(port, catalog, statYear, sheets);
  const first = new Map<string, Assignment>();
  for (const r of a.rows) if (!first.has(r.assignment.tableId)) first.set(r.assignment.tableId, r.assignment);
  return {
    sheets,
    statYear,
    bound,
    bindingProblems: binding.conflicts.map((c) => c.message),
    assignmentSheetExists: a.exists,
    assignmentRows: a.rows,
    assignments: [...first.values()],
    assignmentFindings: a.findings,
    log,
    anchors: anchorsFromSheets(sheets),
    explanations: explanations.items,
    tables: await snapshotTables(port, catalog, bound),
  };
}

/**
 * Creates the 责任分解 sheet from the seeds when the workbook has none. An existing sheet is never
 * overwritten: the result says so and nothing is written.
 */
export async function seedAssignmentSheet(port: WorkbookPort, catalog: Catalog, statYear: number | string): Promise<{ written: boolean; assignments: Assignment[]; message: string }> {
  const sheets = await port.getSheets();
  if (sheets.some((s) => s.name === ASSIGNMENT_SHEET)) {
    return { written: false, assignments: [], message: `工作簿中已有「${ASSIGNMENT_SHEET}」工作表，未覆盖；如需重新生成，请先改名或删除该工作表` };
  }
  const seed = seedAssignments(catalog, statYear);
  await port.apply(assignmentSheetOps(seed.assignments, { create: true }));
  return { written: true, assignments: seed.assignments, message: `已按${seed.provenance.source}生成「${ASSIGNMENT_SHEET}」，共 ${seed.assignments.length} 张表` };
}

/**
 * Writes `assignments` to the 责任分解 sheet: a new sheet in step order, or the existing sheet
 * updated in place (rows, extra columns and layout kept; changed cells written; new tables appended).
 * Either way the headers and rows are (or grow into) the Excel table TB_Assignments. On an existing
 * sheet the table is made after the values are written: when the user has put a table of their own
 * over the range, the values still land and the result says why there is no TB_Assignments.
 */
export async function writeAssignmentSheet(port: WorkbookPort, assignments: Assignment[], catalog: Catalog, statYear?: number): Promise<{ tableProblem: string | null }> {
  const sheets = await port.getSheets();
  if (!sheets.some((s) => s.name === ASSIGNMENT_SHEET)) {
    await port.apply(assignmentSheetOps(assignments, { create: true }));
    return { tableProblem: null };
  }
  const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET, address: undefined }]);
  // The update works on values from A1; pad when the used range starts lower/right.
  const values = padToOrigin(data.values, data.row, data.column);
  const ops = assignmentSheetUpdateOps(values, assignments, { catalog, statYear });
  return applyAssignmentOps(port, ops);
}

/**
 * Applies ops for an EXISTING 责任分解 sheet (assignmentSheetUpdateOps, or an import): the cells
 * first, then the table. When the user's own table is in the way, the cells are written anyway and
 * `tableProblem` says, in Chinese, why there is no TB_Assignments table.
 */
export async function applyAssignmentOps(port: WorkbookPort, ops: WorkbookOp[]): Promise<{ tableProblem: string | null }> {
  const cells = ops.filter((o) => o.kind !== "addTable");
  if (cells.length) await port.apply(cells);
  const table = ops.filter((o) => o.kind === "addTable");
  try {
    if (table.length) await port.apply(table);
  } catch (e) {
    if (e instanceof WorkbookError && e.code === "invalidAddress") return { tableProblem: e.message };
    throw e;
  }
  return { tableProblem: null };
}

function padToOrigin(values: CellValue[][], row: number, column: number): CellValue[][] {
  if (row === 0 && column === 0) return values;
  const pad = (line: CellValue[]) => [...Array(column).fill(""), ...line];
  return [...Array.from({ length: row }, () => [] as CellValue[]), ...values.map(pad)];
}

/** Writes each bound sheet's responsibility row and properties where they differ from the 责任分解. */
export async function syncResponsibility(port: WorkbookPort, catalog: Catalog): Promise<{ sheetsChanged: string[]; findings: WorkflowFinding[] }> {
  const state = await readWorkflow(port, catalog);
  const ops = responsibilitySyncFromSheets(state.bound, state.assignments, state.sheets);
  if (ops.length) await port.apply(ops);
  const changed = [...new Set(ops.map((o) => ("sheet" in o ? o.sheet : "")))].filter(Boolean);
  return { sheetsChanged: changed, findings: state.assignmentFindings };
}

/** Per table: non-empty records, errors and warnings from the validation engine's findings. */
export function progressOf(tables: TableSnapshot[], findings: Array<Pick<Finding, "table" | "severity">>): TableProgress[] {
  return tables.map((t) => ({
    tableId: t.tableId,
    rows: t.data ? t.data.rows.filter((r) => r.some((v) => v !== "" && v !== null && v !== undefined)).length : 0,
    errors: findings.filter((f) => f.table === t.tableId && f.severity === "error").length,
    warnings: findings.filter((f) => f.table === t.tableId && f.severity === "warning").length,
  }));
}

export interface StatusResult {
  json: { tables: StatusTable[] };
  rows: OverviewRow[];
  state: WorkflowState;
  findings: Finding[];
}

/** The data behind `tianbao status FILE [--json]` and the 总览 page. */
export async function statusThroughPort(port: WorkbookPort, catalog: Catalog, opts: TimeOptions & { statYear?: number } = {}): Promise<StatusResult> {
  const state = await readWorkflow(port, catalog);
  const statYear = opts.statYear ?? state.statYear ?? catalog.edition;
  const data = state.tables.flatMap((t) => (t.data ? [t.data] : []));
  const findings = data.length ? checkTables(data, catalog, { statYear }) : [];
  const verify = verifyWorkbook({ log: state.log, anchors: state.anchors, tables: state.tables, explanations: state.explanations });
  const rows = buildOverview({
    catalog,
    assignments: state.assignments,
    bound: state.bound,
    progress: progressOf(state.tables, findings),
    states: deriveStates(state.log),
    hashStatus: new Map(verify.tables.map((t) => [t.id, t.hashStatus] as const)),
    clock: opts.clock,
    timeZone: opts.timeZone,
  });
  return { json: statusJson(rows), rows, state, findings };
}

/**
 * Adds `department`'s 审核表 as a NEW sheet (「审核表-人事处」, or the next free name such as
 * 「审核表-人事处 (2)」, so an earlier form is never overwritten); nothing else changes. Shared by the
 * 审核 page and `tianbao signoff`. Pass `status` when it was just computed (saves a second check).
 */
export async function addSignOffForm(
  port: WorkbookPort,
  catalog: Catalog,
  department: string,
  opts: TimeOptions & { statYear?: number; status?: StatusResult } = {},
): Promise<{ sheet: string; tables: number }> {
  const status = opts.status ?? (await statusThroughPort(port, catalog, opts));
  const sheet = freeSheetName(signOffSheetName(department), (await port.getSheets()).map((s) => s.name));
  const currentRowHashes = new Map(
    status.state.tables.filter((t) => t.data && t.dataHash).map((t) => [t.tableId, currentHashes(t.data!.rows, t.dataHash!)] as const),
  );
  await port.apply(
    signOffFormOps({
      department,
      rows: status.rows,
      derived: deriveStates(status.state.log),
      explanations: status.state.explanations,
      currentRowHashes,
      sheet,
      create: true,
      clock: opts.clock,
      timeZone: opts.timeZone,
    }),
  );
  return { sheet, tables: status.rows.filter((r) => r.department === department).length };
}
