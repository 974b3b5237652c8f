/**
 * 责任分解 on the 总览 page: create the sheet from the seeds, or import a school's existing
 * decomposition table. The pane cannot open files from disk easily, so the source is a sheet of
 * this workbook (the school pastes its table into a sheet, or opens its workbook and moves the
 * sheet in). The import is previewed first — added / changed / unchanged / unmatched, with the
 * field changes and the reasons — and written only on confirmation; afterwards every data sheet's
 * responsibility row is brought in step. All decisions come from the workflow core
 * (previewDecompositionImport, applyDecompositionImport, seedAssignmentSheet, syncResponsibility).
 */
import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Catalog } from "../../../core/catalog";
import type { CellValue } from "../../../core/workbook/port";
import { ASSIGNMENT_SHEET } from "../../../core/template/layout";
import { isOwnSheet } from "../../../core/template/state";
import {
  applyDecompositionImport,
  previewDecompositionImport,
  type ImportPreview,
  type ImportStatus,
} from "../../../core/workflow/importDecomposition";
import { applyAssignmentOps, readAssignments, seedAssignmentSheet, syncResponsibility } from "../../../core/workflow/workbook";
import type { Assignment } from "../../../core/workflow/assignment";
import type { MessageKey } from "../../../i18n";
import { useT, useWorkbook } from "../../state/context";

const STATUS_KEYS: Readonly<Record<ImportStatus, MessageKey>> = {
  added: "assignments.statusAdded",
  changed: "assignments.statusChanged",
  unchanged: "assignments.statusUnchanged",
  unmatched: "assignments.statusUnmatched",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "8px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "6px", alignItems: "end" },
  list: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", rowGap: "2px", maxHeight: "320px", overflowY: "auto" },
  unmatched: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface Pending {
  source: string;
  preview: ImportPreview;
  current: Assignment[];
}

export function AssignmentsPanel(props: { catalog: Catalog; statYear: number | null }): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const { port, revision, notifyChanged } = useWorkbook();
  const [sources, setSources] = React.useState<string[]>([]);
  const [exists, setExists] = React.useState<boolean | null>(null);
  const [source, setSource] = React.useState("");
  const [pending, setPending] = React.useState<Pending | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  const { catalog, statYear } = props;

  React.useEffect(() => {
    if (!port) return;
    let cancelled = false;
    (async () => {
      const [sheets, active] = await Promise.all([port.getSheets(), port.getActiveSheet()]);
      const names = sheets.filter((s) => s.visibility === "visible" && !isOwnSheet(s.name) && s.name !== ASSIGNMENT_SHEET).map((s) => s.name);
      return { names, active, exists: sheets.some((s) => s.name === ASSIGNMENT_SHEET) };
    })().then(
      (r) => {
        if (cancelled) return;
        setSources(r.names);
        setExists(r.exists);
        setSource((s) => (s && r.names.includes(s) ? s : r.active && r.names.includes(r.active) ? r.active : (r.names[0] ?? "")));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [port, revision]);

  if (!port) return <></>;
  const year = statYear ?? catalog.edition;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (e) {
      setMessage({ ok: false, text: t("common.unexpectedError", { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  const seed = () =>
    run(async () => {
      const r = await seedAssignmentSheet(port, catalog, year);
      if (r.written) await syncResponsibility(port, catalog);
      notifyChanged();
      return r.message;
    });

  const preview = () =>
    run(async () => {
      const [data] = await port.read([{ sheet: source }]);
      const current = (await readAssignments(port, catalog, year)).rows.map((r) => r.assignment);
      const p = previewDecompositionImport(data.values, { catalog, current, statYear: year });
      if (p.error) throw new Error(t("assignments.noHeader", { sheet: source, detail: p.error }));
      setPending({ source, preview: p, current });
      return t("assignments.previewReady", { sheet: source });
    });

  const confirm = () =>
    run(async () => {
      if (!pending) return "";
      const sheets = await port.getSheets();
      const sheetExists = sheets.some((s) => s.name === ASSIGNMENT_SHEET);
      let sheetValues: CellValue[][] | undefined;
      if (sheetExists) sheetValues = (await port.read([{ sheet: ASSIGNMENT_SHEET }]))[0].values;
      const applied = applyDecompositionImport(pending.preview, { catalog, current: pending.current, statYear: year, sheetExists, sheetValues });
      // the cells first, then the TB_Assignments table (a user's own table in the way leaves the rows written)
      const written = applied.ops.length ? await applyAssignmentOps(port, applied.ops) : { tableProblem: null };
      const synced = await syncResponsibility(port, catalog);
      const c = pending.preview.counts;
      setPending(null);
      notifyChanged();
      const done = t("assignments.imported", { added: c.added, changed: c.changed, sheets: synced.sheetsChanged.length });
      return written.tableProblem ? done + t("assignments.tableProblem", { detail: written.tableProblem }) : done;
    });

  const p = pending?.preview;
  return (
    <section className={styles.root} data-testid="assignments-panel">
      <Text weight="semibold">{t("assignments.heading")}</Text>
      <Text size={200} className={styles.muted}>
        {t("assignments.intro")}
      </Text>
      {exists === false ? (
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy} onClick={() => void seed()} data-testid="assignments-seed">
            {t("assignments.seed")}
          </Button>
        </div>
      ) : null}
      <div className={styles.row}>
        <Field label={t("assignments.source")}>
          <Select value={source} onChange={(_, d) => setSource(d.value)} data-testid="assignments-source">
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={busy || !source} onClick={() => void preview()} data-testid="assignments-preview">
          {t("assignments.preview")}
        </Button>
      </div>
      {message ? (
        <MessageBar intent={message.ok ? "success" : "error"} data-testid="assignments-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {p ? (
        <div data-testid="assignments-import-preview">
          <Text block data-testid="assignments-counts">
            {t("assignments.counts", { added: p.counts.added, changed: p.counts.changed, unchanged: p.counts.unchanged, unmatched: p.counts.unmatched })}
          </Text>
          {p.header ? (
            <Text block size={200} className={styles.muted}>
              {t("assignments.columns", { columns: p.header.columns.map((c) => c.header).join("、") })}
              {p.ignoredHeaders.length ? " " + t("assignments.ignored", { columns: p.ignoredHeaders.join("、") }) : ""}
            </Text>
          ) : null}
          <ul className={styles.list}>
            {p.rows
              .filter((r) => r.status !== "unchanged")
              .map((r, i) => (
                <li key={`${r.sourceRow}-${i}`} data-testid="assignments-preview-row" data-status={r.status} className={r.status === "unmatched" ? styles.unmatched : undefined}>
                  <Text size={200}>
                    {t(STATUS_KEYS[r.status])}：{r.tableId ? `${r.tableId} ${r.tableName ?? ""}` : r.sourceText}
                    {r.changes.length ? "｜" + r.changes.map((c) => t("assignments.change", { field: c.label, before: c.before || "—", after: c.after || "—" })).join("；") : ""}
                    {r.reason ? `（${r.reason}）` : ""}
                  </Text>
                </li>
              ))}
          </ul>
          <div className={styles.row}>
            <Button appearance="primary" disabled={busy || p.counts.added + p.counts.changed === 0} onClick={() => void confirm()} data-testid="assignments-confirm">
              {t("assignments.confirm")}
            </Button>
            <Button disabled={busy} onClick={() => setPending(null)} data-testid="assignments-cancel">
              {t("assignments.cancel")}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
