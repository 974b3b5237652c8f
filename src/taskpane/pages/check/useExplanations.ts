/** 异常数据说明 for the 校验 page: which warnings are explained, and saving a new explanation. */
import * as React from "react";
import { appendExplanation, readExplanations, recordForRow, type LoggedExplanation } from "../../../core/workflow/explanations";
import { dataHash, rowHash } from "../../../core/workflow/hash";
import { isoTimestamp } from "../../../core/workflow/clock";
import type { Finding } from "../../../core/validation/types";
import { useServices, useSettings, useWorkbook } from "../../state/context";
import { useLive } from "../../state/live";

export interface ExplanationView {
  text: string;
  person: string;
}

export function useExplanations() {
  const { port } = useWorkbook();
  const live = useLive();
  const services = useServices();
  const { profile } = useSettings();
  const [items, setItems] = React.useState<LoggedExplanation[]>([]);
  const [version, setVersion] = React.useState(0);

  React.useEffect(() => {
    if (!port) return;
    let cancelled = false;
    readExplanations(port).then(
      (r) => !cancelled && setItems(r.items),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [port, version, live.state?.passes]);

  /** The hash the explanation of this warning is bound to: its record's, or the table's. */
  const hashOf = React.useCallback(
    (f: Finding): string | null => {
      const td = live.validator?.tableData(f.table);
      if (!td) return null;
      const rec = recordForRow(td, f.row);
      return rec ? rowHash(rec) : dataHash(td.rows);
    },
    [live.validator],
  );

  const lookup = React.useCallback(
    (f: Finding): ExplanationView | null => {
      const h = hashOf(f);
      if (!h) return null;
      // A later note for the same table, rule and row supersedes an earlier one.
      const hit = [...items]
        .reverse()
        .find((x) => x.intact && x.explanation.tableId === f.table && x.explanation.rule === f.rule && x.explanation.rowHash === h);
      return hit ? { text: hit.explanation.text, person: hit.explanation.person } : null;
    },
    [items, hashOf],
  );

  const save = React.useCallback(
    async (f: Finding, text: string): Promise<void> => {
      if (!port) return;
      if (!profile?.name.trim()) throw new Error("needProfile");
      const h = hashOf(f);
      if (!h) throw new Error(`表${f.table}尚未校验`);
      await appendExplanation(port, {
        tableId: f.table,
        rowKey: f.row ? String(f.row) : "",
        rule: f.rule,
        text: text.trim(),
        person: profile.name.trim(),
        timestamp: isoTimestamp({ clock: services.clock }),
        rowHash: h,
      });
      setVersion((v) => v + 1);
    },
    [port, profile, hashOf, services.clock],
  );

  return { lookup, save };
}
