/**
 * Per-sheet responsibility facts: every bound data sheet shows its 责任单位, 审核单位 and 截止日期 in
 * its title row (RESPONSIBILITY_ROW, value cells next to the loader's labels), visible without the
 * add-in, and stores the same facts in worksheet custom properties. These functions compute the ops;
 * `responsibilitySyncOps` only touches sheets whose facts changed.
 * Pure core.
 */
import type { SheetInfo, WorkbookOp } from "../workbook/port";
import { cellAddress } from "../workbook/address";
import { PROP_DEADLINE, PROP_DEPARTMENT, PROP_REVIEWING, RESPONSIBILITY_CELLS, RESPONSIBILITY_ROW } from "../template/layout";
import type { Assignment } from "./assignment";
import { localDateToSerial } from "./cells";
import { DATE_FORMAT } from "./assignmentSheet";

/** A data sheet bound to a table (found through its defined name or PROP_TABLE_ID). */
export interface BoundSheet {
  tableId: string;
  sheet: string;
}

export interface ResponsibilityFacts {
  department: string;
  reviewingDepartment: string;
  /** "YYYY-MM-DD" or "". */
  deadline: string;
}

export function factsOf(a: Assignment | null | undefined): ResponsibilityFacts {
  return { department: a?.department ?? "", reviewingDepartment: a?.reviewingDepartment ?? "", deadline: a?.deadline ?? "" };
}

/** The facts as stored in a sheet's custom properties (missing properties read as ""). */
export function factsFromProperties(info: Pick<SheetInfo, "customProperties">): ResponsibilityFacts {
  const p = info.customProperties ?? {};
  return { department: p[PROP_DEPARTMENT] ?? "", reviewingDepartment: p[PROP_REVIEWING] ?? "", deadline: p[PROP_DEADLINE] ?? "" };
}

export function sameFacts(a: ResponsibilityFacts, b: ResponsibilityFacts): boolean {
  return a.department === b.department && a.reviewingDepartment === b.reviewingDepartment && a.deadline === b.deadline;
}

/** Label + value cells of the responsibility row, and the three custom properties, for one sheet. */
export function responsibilityOps(sheet: string, facts: ResponsibilityFacts): WorkbookOp[] {
  const C = RESPONSIBILITY_CELLS;
  const r = RESPONSIBILITY_ROW;
  const deadlineCell = cellAddress(r, C.deadline.valueColumn);
  const ops: WorkbookOp[] = [
    { kind: "setFormat", sheet, address: cellAddress(r, C.department.valueColumn), format: { numberFormat: "@" } },
    { kind: "setFormat", sheet, address: cellAddress(r, C.reviewingDepartment.valueColumn), format: { numberFormat: "@" } },
    { kind: "setFormat", sheet, address: deadlineCell, format: { numberFormat: facts.deadline ? DATE_FORMAT : "@", horizontalAlignment: "left" } },
  ];
  const row: Array<[number, string | number]> = [
    [C.department.labelColumn, C.department.label],
    [C.department.valueColumn, facts.department],
    [C.reviewingDepartment.labelColumn, C.reviewingDepartment.label],
    [C.reviewingDepartment.valueColumn, facts.reviewingDepartment],
    [C.deadline.labelColumn, C.deadline.label],
    [C.deadline.valueColumn, facts.deadline ? localDateToSerial(facts.deadline) : ""],
  ];
  for (const [column, value] of row) ops.push({ kind: "setValues", sheet, address: cellAddress(r, column), values: [[value]] });
  ops.push({ kind: "setCustomProperty", sheet, key: PROP_DEPARTMENT, value: facts.department });
  ops.push({ kind: "setCustomProperty", sheet, key: PROP_REVIEWING, value: facts.reviewingDepartment });
  ops.push({ kind: "setCustomProperty", sheet, key: PROP_DEADLINE, value: facts.deadline });
  return ops;
}

/**
 * Ops that bring every bound sheet's title row and properties in step with `assignments`, for the
 * sheets whose stored facts differ only. `current` gives each sheet's stored facts (from
 * `factsFromProperties(sheetInfo)` or from the assignments before the edit).
 */
export function responsibilitySyncOps(
  bound: BoundSheet[],
  assignments: Map<string, Assignment> | Assignment[],
  current: Map<string, ResponsibilityFacts> | ((sheet: string) => ResponsibilityFacts),
): WorkbookOp[] {
  const byId = Array.isArray(assignments) ? new Map(assignments.map((a) => [a.tableId, a] as const)) : assignments;
  const now = typeof current === "function" ? current : (sheet: string) => current.get(sheet) ?? factsOf(null);
  const ops: WorkbookOp[] = [];
  for (const b of bound) {
    const want = factsOf(byId.get(b.tableId));
    if (!sameFacts(want, now(b.sheet))) ops.push(...responsibilityOps(b.sheet, want));
  }
  return ops;
}

/** Convenience: sync against the sheets' custom properties as `getSheets()` returns them. */
export function responsibilitySyncFromSheets(bound: BoundSheet[], assignments: Map<string, Assignment> | Assignment[], sheets: SheetInfo[]): WorkbookOp[] {
  const props = new Map(sheets.map((s) => [s.name, factsFromProperties(s)] as const));
  return responsibilitySyncOps(bound, assignments, props);
}
