/**
 * The workflow facts of the active table for the header (issue: pane header on sheet activation):
 * 责任单位 / 协助单位 / 审核单位, step, deadline with days left, review state and 基础表未完成
 * warnings. Built from the 责任分解 sheet, the approval log and what live validation already knows
 * (rows filled, errors) — no extra full check.
 */
import * as React from "react";
import { deriveStates, readApprovalLog } from "../../core/workflow/approvalLog";
import { readAssignments } from "../../core/workflow/workbook";
import { buildOverview, paneHeaderFacts, type PaneHeaderFacts, type TableProgress } from "../../core/workflow/overview";
import { useServices, useWorkbook } from "./context";
import { useLive } from "./live";

export function useHeaderFacts(tableId: string | null): PaneHeaderFacts | null {
  const { port, revision } = useWorkbook();
  const live = useLive();
  const services = useServices();
  const [facts, setFacts] = React.useState<PaneHeaderFacts | null>(null);
  const passes = live.state?.passes ?? 0;

  React.useEffect(() => {
    const catalog = live.catalog;
    if (!port || !catalog || !tableId || !live.validator || !live.state) {
      setFacts(null);
      return;
    }
    const validator = live.validator;
    const state = live.state;
    let cancelled = false;
    (async () => {
      const sheets = await port.getSheets();
      const [assignments, log] = await Promise.all([readAssignments(port, catalog, live.statYear, sheets), readApprovalLog(port)]);
      const bound = [...state.sheets].map(([sheet, id]) => ({ sheet, tableId: id }));
      const progress: TableProgress[] = bound.map((b) => {
        const td = validator.tableData(b.tableId);
        const fs = state.findings.filter((f) => f.table === b.tableId);
        return {
          tableId: b.tableId,
          rows: td ? td.rows.filter((r) => r.some((v) => v !== "" && v !== null && v !== undefined)).length : 0,
          errors: fs.filter((f) => f.severity === "error").length,
          warnings: fs.filter((f) => f.severity === "warning").length,
        };
      });
      const first = new Map<string, (typeof assignments.rows)[number]["assignment"]>();
      for (const r of assignments.rows) if (!first.has(r.assignment.tableId)) first.set(r.assignment.tableId, r.assignment);
      const rows = buildOverview({ catalog, assignments: [...first.values()], bound, progress, states: deriveStates(log), clock: services.clock });
      return first.has(tableId) || log.records.length > 0 ? paneHeaderFacts(tableId, catalog, rows) : null;
    })().then(
      (f) => !cancelled && setFacts(f),
      () => !cancelled && setFacts(null),
    );
    return () => {
      cancelled = true;
    };
    // passes: re-derive after each validation pass (rows/errors of base tables change).
  }, [port, tableId, revision, passes, live.catalog, live.validator, live.statYear, services.clock]); // eslint-disable-line react-hooks/exhaustive-deps

  return facts;
}
