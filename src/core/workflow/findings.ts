/**
 * Findings produced by the workflow (责任分解 checks, review log verification). Same spirit as the
 * validation engine's findings: a stable `code` for code and translation, a Chinese `message`
 * naming the sheet, cell and table, and the cell address where there is one. Pure core.
 */
import { cellAddress } from "../workbook/address";

export type WorkflowFindingCode =
  | "assignment.missingHeader"
  | "assignment.unknownTable"
  | "assignment.idAsDate"
  | "assignment.nameMismatch"
  | "assignment.missingDepartment"
  | "assignment.invalidDate"
  | "assignment.duplicate"
  | "assignment.notAssigned"
  | "assignment.invalidStep"
  | "review.logMissing"
  | "review.logVisible"
  | "review.logTampered"
  | "review.logConflict"
  | "review.modifiedAfterApproval"
  | "review.modifiedAfterSubmit"
  | "review.sheetMissing"
  | "explanation.stale"
  | "explanation.tampered";

export interface WorkflowFinding {
  code: WorkflowFindingCode;
  severity: "error" | "warning";
  sheet: string;
  /** A1 address of the cell (or row range) concerned, when there is one. */
  address?: string;
  /** 0-based row/column of that cell. */
  row?: number;
  column?: number;
  tableId?: string;
  message: string;
}

export function cellFinding(
  code: WorkflowFindingCode,
  severity: "error" | "warning",
  sheet: string,
  row: number,
  column: number,
  message: string,
  tableId?: string,
): WorkflowFinding {
  const f: WorkflowFinding = { code, severity, sheet, address: cellAddress(row, column), row, column, message };
  if (tableId !== undefined) f.tableId = tableId;
  return f;
}
