/** What the 审核 page needs about the active table: its state, history, assignment and chain. */
import * as React from "react";
import type { Catalog } from "../../../core/catalog";
import {
  anchorsFromSheets,
  deriveStates,
  readApprovalLog,
  tableHistory,
  validateLog,
  type HistoryEntry,
  type TableReviewStatus,
} from "../../../core/workflow/approvalLog";
import type { Assignment } from "../../../core/workflow/assignment";
import { readAssignments } from "../../../core/workflow/workbook";
import { readExplanations, type LoggedExplanation } from "../../../core/workflow/explanations";
import type { ReviewState } from "../../../core/workflow/review";
import { useWorkbook } from "../../state/context";

export interface ReviewFacts {
  state: ReviewState;
  status: TableReviewStatus | undefined;
  history: HistoryEntry[];
  assignment: Assignment | null;
  explanations: LoggedExplanation[];
  chainOk: boolean;
  chainProblems: string[];
}

export function useReviewFacts(tableId: string | null, catalog: Catalog | null, version: number): ReviewFacts | null {
  const { port, revision } = useWorkbook();
  const [facts, setFacts] = React.useState<ReviewFacts | null>(null);
  React.useEffect(() => {
    if (!port || !tableId || !catalog) {
      setFacts(null);
      return;
    }
    let cancelled = false;
    (async () => {
      const sheets = await port.getSheets();
      const [log, assignments, explanations] = await Promise.all([
        readApprovalLog(port),
        readAssignments(port, catalog, null, sheets),
        readExplanations(port),
      ]);
      const chain = validateLog(log, anchorsFromSheets(sheets));
      const status = deriveStates(log).tables.get(tableId);
      return {
        state: status?.state ?? "draft",
        status,
        history: tableHistory(log, tableId),
        assignment: assignments.rows.find((r) => r.assignment.tableId === tableId)?.assignment ?? null,
        explanations: explanations.items,
        chainOk: chain.ok,
        chainProblems: chain.findings.map((f) => f.message),
      } satisfies ReviewFacts;
    })().then(
      (f) => !cancelled && setFacts(f),
      () => !cancelled && setFacts(null),
    );
    return () => {
      cancelled = true;
    };
  }, [port, tableId, catalog, revision, version]);
  return facts;
}
