/**
 * 模板: choose the platform catalog, the statistical year and tables (all / by category / by
 * department / search), then 载入 with a progress bar; the result lists tables added, already
 * present and those whose headers differ from the catalog. Loading never overwrites data (the
 * loader guarantees it; this page only reports).
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Catalog } from "../../core/catalog/types";
import { localDateOf } from "../../core/workflow/clock";
import type { MessageKey } from "../../i18n";
import { useServices, useT, useWorkbook } from "../state/context";
import type { CatalogSummary } from "../../core/catalog";
import type { LoadProgress, TemplateReport } from "../state/services";
import { filterOptions, filterTables, parseYear, type FilterMode, type TableFilter } from "./template/selection";
import { TableChecklist } from "./template/TableChecklist";
import { LoadReportView } from "./template/LoadReportView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "10px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "end" },
  grow: { flexGrow: 1, minWidth: "160px" },
  year: { width: "110px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const PLATFORM_LABEL: Record<CatalogSummary["platform"], MessageKey> = {
  undergraduate: "template.catalogUndergraduate",
  vocational: "template.catalogVocational",
};

type LoadState =
  | { phase: "idle" }
  | { phase: "loading"; progress: LoadProgress | null }
  | { phase: "done"; report: TemplateReport }
  | { phase: "failed"; message: string };

export function TemplatePage(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const services = useServices();
  const { port, notifyChanged } = useWorkbook();

  const summaries = React.useMemo(() => safe(() => services.listCatalogs(), []), [services]);
  const [catalogId, setCatalogId] = React.useState<string>(summaries[0]?.id ?? "");
  const catalog = React.useMemo<Catalog | null>(
    () => (catalogId ? safe(() => services.getCatalog(catalogId), null) : null),
    [services, catalogId],
  );
  const [yearText, setYearText] = React.useState<string>(() => localDateOf(services.clock.now()).slice(0, 4));
  const [yearFromWorkbook, setYearFromWorkbook] = React.useState(false);
  const [filter, setFilter] = React.useState<TableFilter>({ mode: "all", value: "" });
  const [selected, setSelected] = React.useState<ReadonlySet<string>>(new Set());
  const [load, setLoad] = React.useState<LoadState>({ phase: "idle" });
  const [attempted, setAttempted] = React.useState(false);

  // The workbook's own statistical year wins over "this year" as the default.
  React.useEffect(() => {
    if (!port || yearFromWorkbook) return;
    let cancelled = false;
    services.getStatYear(port).then(
      (y) => {
        if (!cancelled && y !== null) {
          setYearText(String(y));
          setYearFromWorkbook(true);
        }
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [port, services, yearFromWorkbook]);

  const tables = catalog?.tables ?? [];
  const shown = React.useMemo(() => (catalog ? filterTables(catalog, filter) : []), [catalog, filter]);
  const year = parseYear(yearText);
  const selectedIds = tables.filter((x) => selected.has(x.id)).map((x) => x.id);

  if (summaries.length === 0) {
    return (
      <MessageBar intent="warning" data-testid="template-unavailable">
        <MessageBarBody>{t("template.catalogUnavailable")}</MessageBarBody>
      </MessageBar>
    );
  }

  const onLoad = async () => {
    setAttempted(true);
    if (!port || !catalog || year === null || selectedIds.length === 0) return;
    setLoad({ phase: "loading", progress: null });
    try {
      const result = await services.loadTemplates(port, catalog, selectedIds, { statYear: year }, (progress) =>
        setLoad({ phase: "loading", progress }),
      );
      setLoad({ phase: "done", report: result.report });
    } catch (e) {
      setLoad({ phase: "failed", message: e instanceof Error ? e.message : String(e) });
    } finally {
      notifyChanged();
    }
  };

  const busy = load.phase === "loading";
  const modeOptions: Array<[FilterMode, MessageKey]> = [
    ["all", "template.filterAll"],
    ["category", "template.filterCategory"],
    ["department", "template.filterDepartment"],
    ["search", "template.filterSearch"],
  ];

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{t("template.heading")}</Subtitle2>
      <Text className={styles.muted}>{t("template.intro")}</Text>
      <div className={styles.row}>
        <Field label={t("template.catalogLabel")} className={styles.grow}>
          <Select
            data-testid="template-catalog"
            value={catalogId}
            disabled={busy}
            onChange={(_, d) => {
              setCatalogId(d.value);
              setSelected(new Set());
              setFilter({ mode: "all", value: "" });
              setLoad({ phase: "idle" });
            }}
          >
            {summaries.map((c) => (
              <option key={c.id} value={c.id}>
                {t(PLATFORM_LABEL[c.platform])} · {c.edition}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t("template.yearLabel")}
          className={styles.year}
          validationMessage={year === null ? t("template.yearInvalid") : undefined}
        >
          <Input
            data-testid="template-year"
            inputMode="numeric"
            value={yearText}
            disabled={busy}
            onChange={(_, d) => setYearText(d.value)}
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label={t("template.filterLabel")}>
          <Select
            data-testid="template-filter-mode"
            value={filter.mode}
            onChange={(_, d) => {
              const mode = d.value as FilterMode;
              setFilter({ mode, value: catalog ? (filterOptions(catalog, mode)[0] ?? "") : "" });
            }}
          >
            {modeOptions.map(([m, label]) => (
              <option key={m} value={m}>
                {t(label)}
              </option>
            ))}
          </Select>
        </Field>
        {catalog ? <FilterValue filter={filter} catalog={catalog} onChange={(value) => setFilter({ ...filter, value })} /> : null}
      </div>
      <TableChecklist
        tables={shown}
        selected={selected}
        disabled={busy}
        onChange={setSelected}
        total={tables.length}
        selectedCount={selectedIds.length}
      />
      <div className={styles.row}>
        <Button appearance="primary" data-testid="template-load" disabled={busy || !port} onClick={() => void onLoad()}>
          {busy ? t("template.loading") : t("template.load")}
        </Button>
        {attempted && selectedIds.length === 0 ? (
          <Text role="alert" data-testid="template-nothing-selected">
            {t("template.nothingSelected")}
          </Text>
        ) : null}
      </div>
      {load.phase === "loading" ? <LoadBar progress={load.progress} catalog={catalog} /> : null}
      {load.phase === "failed" ? (
        <MessageBar intent="error" data-testid="template-failed">
          <MessageBarBody>{t("template.loadFailed", { message: load.message })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {load.phase === "done" ? <LoadReportView report={load.report} /> : null}
    </div>
  );
}

function FilterValue(props: { filter: TableFilter; catalog: Catalog; onChange(v: string): void }): React.ReactElement | null {
  const t = useT();
  const { filter, catalog } = props;
  if (filter.mode === "all") return null;
  if (filter.mode === "search") {
    return (
      <Field label={t("template.searchLabel")} style={{ flexGrow: 1 }}>
        <Input
          data-testid="template-search"
          placeholder={t("template.searchPlaceholder")}
          value={filter.value}
          onChange={(_, d) => props.onChange(d.value)}
        />
      </Field>
    );
  }
  const options = filterOptions(catalog, filter.mode);
  if (options.length === 0) return <Text data-testid="template-no-departments">{t("template.noDepartments")}</Text>;
  return (
    <Field label={t(filter.mode === "category" ? "template.categoryLabel" : "template.departmentLabel")} style={{ flexGrow: 1 }}>
      <Select data-testid="template-filter-value" value={filter.value} onChange={(_, d) => props.onChange(d.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function LoadBar(props: { progress: LoadProgress | null; catalog: Catalog | null }): React.ReactElement {
  const t = useT();
  const p = props.progress;
  const last = p?.tableIds[p.tableIds.length - 1];
  const name = last ? (props.catalog?.tables.find((x) => x.id === last)?.name ?? "") : "";
  const fraction = p ? (p.total > 0 ? p.done / p.total : p.batch / Math.max(1, p.batches)) : undefined;
  return (
    <Field
      validationState="none"
      validationMessage={
        p && last ? t("template.progress", { done: p.done, total: p.total, table: `${last} ${name}`.trim() }) : t("template.loading")
      }
      data-testid="template-progress"
    >
      <ProgressBar value={fraction} max={1} thickness="large" />
    </Field>
  );
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
