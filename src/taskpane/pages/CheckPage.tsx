/**
 * 校验: counts for this sheet and the workbook, 全部校验, a filterable list of findings (click to
 * select the cell), and 异常数据说明 for warnings, stored in the workbook by the workflow core.
 */
import * as React from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../core/validation/types";
import { useT, useWorkbook } from "../state/context";
import { useLive } from "../state/live";
import { useActiveSheet } from "../state/activeTable";
import { PageFrame } from "../components/PageFrame";
import { FindingItem } from "./check/FindingItem";
import { useExplanations } from "./check/useExplanations";
import { filterFindings, tablesOf } from "./check/filter";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "end" },
  counts: { display: "flex", flexDirection: "column", rowGap: "2px" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "6px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** More than this many findings are not rendered at once (the filter narrows them). */
export const MAX_SHOWN = 200;

type SeverityFilter = "all" | "error" | "warning";
type Scope = "sheet" | "workbook";

function count(findings: Finding[]) {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) f.severity === "error" ? errors++ : warnings++;
  return { errors, warnings };
}

export function CheckPage(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const live = useLive();
  const active = useActiveSheet();
  const { port } = useWorkbook();
  const [severity, setSeverity] = React.useState<SeverityFilter>("all");
  const [scope, setScope] = React.useState<Scope>("sheet");
  const [table, setTable] = React.useState("");
  const [text, setText] = React.useState("");
  const [running, setRunning] = React.useState(false);
  const explanations = useExplanations();

  const activeSheet = active.status === "bound" ? active.info.sheet : active.status === "unbound" ? active.sheet : null;
  const all = live.state?.findings ?? [];
  const onSheet = all.filter((f) => f.sheet === activeSheet);
  const sheetCounts = count(onSheet);
  const bookCounts = count(all);
  const inScope = scope === "sheet" ? onSheet : all;
  const tables = tablesOf(inScope);
  const shown = filterFindings(inScope, { severity, table: tables.some((x) => x.id === table) ? table : "", text });

  const runAll = async () => {
    if (!live.validator) return;
    setRunning(true);
    try {
      await live.validator.revalidateAll();
    } finally {
      setRunning(false);
    }
  };

  const frame = (children: React.ReactNode) => (
    <PageFrame heading={t("check.heading")} intro={t("check.intro")} testId="check-page">
      {children}
    </PageFrame>
  );
  if (live.error) {
    return frame(
      <MessageBar intent="error">
        <MessageBarBody>{t("common.unexpectedError", { message: live.error })}</MessageBarBody>
      </MessageBar>,
    );
  }
  if (!live.validator || !live.state) return frame(<Text data-testid="check-no-tables">{t("check.noTables")}</Text>);

  const busy = running || live.state.busy;
  return frame(
    <>
      <div className={styles.row}>
        <Button appearance="primary" data-testid="check-run-all" disabled={busy} onClick={() => void runAll()}>
          {busy ? t("check.running") : t("check.runAll")}
        </Button>
        <div className={styles.counts}>
          <Text data-testid="check-sheet-counts">{t("check.sheetCounts", sheetCounts)}</Text>
          <Text data-testid="check-workbook-counts">{t("check.workbookCounts", bookCounts)}</Text>
        </div>
      </div>
      {live.state.notices.length > 0 ? (
        <MessageBar intent="warning" data-testid="check-notices">
          <MessageBarBody>{live.state.notices.map((n) => n.message).join("；")}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.row}>
        <Field label={t("check.filterScope")}>
          <Select data-testid="check-scope" value={scope} onChange={(_, d) => setScope(d.value as Scope)}>
            <option value="sheet">{t("check.scopeSheet")}</option>
            <option value="workbook">{t("check.scopeWorkbook")}</option>
          </Select>
        </Field>
        <Field label={t("check.filterSeverity")}>
          <Select data-testid="check-severity" value={severity} onChange={(_, d) => setSeverity(d.value as SeverityFilter)}>
            <option value="all">{t("check.filterAllSeverities")}</option>
            <option value="error">{t("check.severityError")}</option>
            <option value="warning">{t("check.severityWarning")}</option>
          </Select>
        </Field>
        <Field label={t("check.filterTable")}>
          <Select data-testid="check-table" value={table} onChange={(_, d) => setTable(d.value)}>
            <option value="">{t("check.filterAllTables")}</option>
            {tables.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("check.search")}>
          <Input data-testid="check-search" value={text} placeholder={t("check.searchPlaceholder")} onChange={(_, d) => setText(d.value)} />
        </Field>
      </div>
      {live.state.passes === 0 ? <Text>{t("check.checking")}</Text> : null}
      {live.state.passes > 0 && shown.length === 0 ? <Text data-testid="check-no-findings">{t("check.noFindings")}</Text> : null}
      <ul className={styles.list} data-testid="check-findings">
        {shown.slice(0, MAX_SHOWN).map((f) => (
          <FindingItem
            key={`${f.sheet}!${f.cell}|${f.rule}|${f.message}`}
            finding={f}
            explanation={f.severity === "warning" ? explanations.lookup(f) : null}
            onSelect={() => (port ? port.apply([{ kind: "select", sheet: f.sheet, address: f.cell }]) : Promise.resolve())}
            onExplain={f.severity === "warning" ? (text) => explanations.save(f, text) : undefined}
          />
        ))}
      </ul>
      {shown.length > MAX_SHOWN ? <Text className={styles.muted}>{t("check.moreFindings", { count: shown.length - MAX_SHOWN })}</Text> : null}
    </>,
  );
}
