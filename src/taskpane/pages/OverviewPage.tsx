/**
 * 总览 (quality office): one row per table — department, deadline, rows filled, errors, warnings,
 * review state, overdue — filtered by department, step and state, sortable, with progress per
 * department; click a table to open its sheet; export the printable 质量监控表. The figures come
 * from the workflow core (`statusThroughPort`, the same as `tianbao status`).
 */
import * as React from "react";
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { MessageKey } from "../../i18n";
import {
  OVERVIEW_SHEET,
  filterOverview,
  overviewToOps,
  progressByDepartment,
  sortOverview,
  type OverviewRow,
  type OverviewSortKey,
} from "../../core/workflow/overview";
import { statusThroughPort } from "../../core/workflow/workbook";
import { REVIEW_STATES, type ReviewState } from "../../core/workflow/review";
import { stepLabel } from "../../core/workflow/assignment";
import { useServices, useT, useWorkbook } from "../state/context";
import { useLive } from "../state/live";
import { PageFrame } from "../components/PageFrame";
import { AssignmentsPanel } from "./assignments/AssignmentsPanel";
import { STATE_KEYS } from "./ReviewPage";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "6px", alignItems: "end" },
  tableWrap: { overflowX: "auto" },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "3px 4px", textAlign: "left", whiteSpace: "nowrap" },
    "& th button": { fontWeight: tokens.fontWeightSemibold },
  },
  plainButton: {
    backgroundColor: "transparent",
    border: "none",
    padding: 0,
    font: "inherit",
    color: "inherit",
    cursor: "pointer",
    textAlign: "left",
  },
  link: { color: tokens.colorBrandForegroundLink, ":hover": { textDecorationLine: "underline" } },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

const COLUMNS: ReadonlyArray<[OverviewSortKey, MessageKey]> = [
  ["table", "overview.colTable"],
  ["department", "overview.colDepartment"],
  ["step", "overview.colStep"],
  ["deadline", "overview.colDeadline"],
  ["rows", "overview.colRows"],
  ["errors", "overview.colErrors"],
  ["warnings", "overview.colWarnings"],
  ["state", "overview.colState"],
];

export function OverviewPage(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const { port, revision, notifyChanged } = useWorkbook();
  const services = useServices();
  const live = useLive();
  const [rows, setRows] = React.useState<OverviewRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [refresh, setRefresh] = React.useState(0);
  const [department, setDepartment] = React.useState("");
  const [step, setStep] = React.useState("");
  const [state, setState] = React.useState("");
  const [overdueOnly, setOverdueOnly] = React.useState(false);
  const [loadedOnly, setLoadedOnly] = React.useState(true);
  const [sort, setSort] = React.useState<{ key: OverviewSortKey; dir: "asc" | "desc" }>({ key: "table", dir: "asc" });
  const [exported, setExported] = React.useState<string | null>(null);

  const catalog = live.catalog;
  const passes = live.state?.passes ?? 0;
  React.useEffect(() => {
    if (!port || !catalog) return;
    let cancelled = false;
    statusThroughPort(port, catalog, { clock: services.clock, statYear: live.statYear ?? undefined }).then(
      (r) => {
        if (!cancelled) {
          setRows(r.rows);
          setError(null);
        }
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [port, catalog, revision, refresh, passes, services.clock, live.statYear]);

  const frame = (children: React.ReactNode) => (
    <PageFrame heading={t("overview.heading")} intro={t("overview.intro")} testId="overview-page">
      {children}
      {catalog ? <AssignmentsPanel catalog={catalog} statYear={live.statYear} /> : null}
    </PageFrame>
  );
  if (!catalog) return frame(<Text data-testid="overview-no-tables">{t("overview.noTables")}</Text>);
  if (error) {
    return frame(
      <MessageBar intent="error">
        <MessageBarBody>{t("common.unexpectedError", { message: error })}</MessageBarBody>
      </MessageBar>,
    );
  }
  if (!rows) return frame(<Text>{t("overview.loadingOverview")}</Text>);

  const base = loadedOnly ? rows.filter((r) => r.sheet !== null) : rows;
  const departments = [...new Set(base.map((r) => r.department))];
  const steps = [...new Set(base.map((r) => r.step).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  const shown = sortOverview(
    filterOverview(base, {
      department: department === "" ? undefined : department === "\u0000" ? "" : department,
      step: step ? Number(step) : undefined,
      state: (state || undefined) as ReviewState | undefined,
      overdueOnly,
    }),
    sort.key,
    sort.dir,
  );

  const open = (r: OverviewRow) => {
    if (port && r.sheet) void port.apply([{ kind: "select", sheet: r.sheet, address: "A1" }]);
  };
  const exportSheet = async () => {
    if (!port) return;
    const exists = (await port.getSheets()).some((s) => s.name === OVERVIEW_SHEET);
    await port.apply(overviewToOps(shown, { clock: services.clock, create: !exists }));
    setExported(OVERVIEW_SHEET);
    notifyChanged();
  };

  return frame(
    <>
      <div className={styles.row}>
        <Button data-testid="overview-refresh" onClick={() => setRefresh((n) => n + 1)}>
          {t("overview.refresh")}
        </Button>
        <Button appearance="primary" data-testid="overview-export" onClick={() => void exportSheet()}>
          {t("overview.export")}
        </Button>
      </div>
      {exported ? (
        <MessageBar intent="success" data-testid="overview-exported">
          <MessageBarBody>{t("overview.exported", { sheet: exported })}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.row}>
        <Field label={t("overview.filterDepartment")}>
          <Select data-testid="overview-department" value={department} onChange={(_, d) => setDepartment(d.value)}>
            <option value="">{t("overview.filterAll")}</option>
            {departments.map((d) => (
              <option key={d || "\u0000"} value={d || "\u0000"}>
                {d || t("overview.unassigned")}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("overview.filterStep")}>
          <Select data-testid="overview-step" value={step} onChange={(_, d) => setStep(d.value)}>
            <option value="">{t("overview.filterAll")}</option>
            {steps.map((s) => (
              <option key={s} value={String(s)}>
                {stepLabel(s)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("overview.filterState")}>
          <Select data-testid="overview-state" value={state} onChange={(_, d) => setState(d.value)}>
            <option value="">{t("overview.filterAll")}</option>
            {REVIEW_STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_KEYS[s])}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox data-testid="overview-overdue" label={t("overview.overdueOnly")} checked={overdueOnly} onChange={(_, d) => setOverdueOnly(d.checked === true)} />
        <Checkbox data-testid="overview-loaded" label={t("overview.loadedOnly")} checked={loadedOnly} onChange={(_, d) => setLoadedOnly(d.checked === true)} />
      </div>
      <Text className={styles.muted} data-testid="overview-count">
        {t("overview.rowCount", { count: shown.length })}
      </Text>
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="overview-table">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} aria-sort={sort.key === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <button
                    type="button"
                    className={styles.plainButton}
                    data-testid={`overview-sort-${key}`}
                    title={t("overview.sortBy", { column: t(label) })}
                    onClick={() => setSort((s) => ({ key, dir: s.key === key && s.dir === "asc" ? "desc" : "asc" }))}
                  >
                    {t(label)}
                    {sort.key === key ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.tableId} data-testid="overview-row" data-table={r.tableId}>
                <td>
                  {r.sheet ? (
                    <button type="button" className={`${styles.plainButton} ${styles.link}`} onClick={() => open(r)} title={t("overview.openSheet")} data-testid="overview-open">
                      {r.tableId} {r.tableName}
                    </button>
                  ) : (
                    <span className={styles.muted}>
                      {r.tableId} {r.tableName}（{t("overview.notLoaded")}）
                    </span>
                  )}
                </td>
                <td>{r.department || t("overview.unassigned")}</td>
                <td>{r.step !== null ? stepLabel(r.step) : ""}</td>
                <td className={r.overdue ? styles.overdue : undefined}>
                  {r.deadline ?? ""}
                  {r.overdue ? ` ${t("overview.overdue")}` : ""}
                </td>
                <td>{r.rows}</td>
                <td>{r.errors}</td>
                <td>{r.warnings}</td>
                <td>
                  {t(STATE_KEYS[r.state])}
                  {r.modifiedAfterApproval ? `（${t("overview.modified")}）` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Text weight="semibold">{t("overview.departmentProgress")}</Text>
      <ul data-testid="overview-departments">
        {progressByDepartment(base).map((d) => (
          <li key={d.department || "\u0000"}>
            <Text>
              {t("overview.departmentLine", {
                department: d.department || t("overview.unassigned"),
                submitted: d.submitted,
                tables: d.tables,
                percent: d.percentSubmitted,
                overdue: d.overdue,
                errors: d.errors,
              })}
            </Text>
          </li>
        ))}
      </ul>
    </>,
  );
}
