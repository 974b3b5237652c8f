/**
 * 审核: the active table's state, its history as a timeline, the actions the declared profile may
 * take (others shown disabled with the reason), and a reason box for 退回. Everything is decided
 * and written by the workflow core (performReviewAction): the state comes from the approval log.
 */
import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { MessageKey } from "../../i18n";
import { actionOptions, type ReviewAction, type ReviewState } from "../../core/workflow/review";
import { performReviewAction } from "../../core/workflow/reviewAction";
import { dataAreaOf } from "../../core/workflow/lock";
import { dataHash } from "../../core/workflow/hash";
import { recordForRow, unexplainedWarnings } from "../../core/workflow/explanations";
import { useServices, useSettings, useT, useWorkbook } from "../state/context";
import { useLive } from "../state/live";
import { useActiveSheet } from "../state/activeTable";
import { ROLE_LABEL_KEYS } from "../state/profile";
import { PageFrame } from "../components/PageFrame";
import { useReviewFacts } from "./review/useReview";
import { SignOffPanel } from "./review/SignOffPanel";

export const STATE_KEYS: Readonly<Record<ReviewState, MessageKey>> = {
  draft: "review.stateDraft",
  submitted: "review.stateSubmitted",
  departmentApproved: "review.stateDepartmentApproved",
  schoolApproved: "review.stateSchoolApproved",
  finalised: "review.stateFinalised",
};
const ACTION_KEYS: Readonly<Record<ReviewAction, MessageKey>> = {
  submit: "review.submit",
  approve: "review.approve",
  finalise: "review.finalise",
  return: "review.return",
};

const useStyles = makeStyles({
  actions: { display: "flex", flexDirection: "column", rowGap: "6px" },
  action: { display: "flex", flexWrap: "wrap", columnGap: "8px", alignItems: "center" },
  timeline: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", rowGap: "4px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function ReviewPage(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const active = useActiveSheet();
  const live = useLive();
  const services = useServices();
  const { port, notifyChanged } = useWorkbook();
  const { profile } = useSettings();
  const [version, setVersion] = React.useState(0);
  const [reason, setReason] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);

  const bound = active.status === "bound" ? active.info : null;
  const catalog = live.catalog ?? bound?.catalog ?? null;
  const facts = useReviewFacts(bound?.tableId ?? null, catalog, version);

  const frame = (children: React.ReactNode) => (
    <PageFrame heading={t("review.heading")} intro={t("review.intro")} testId="review-page">
      {children}
      {catalog ? <SignOffPanel catalog={catalog} statYear={live.statYear} /> : null}
    </PageFrame>
  );
  if (!bound) return frame(<Text data-testid="review-unbound">{t("review.unboundSheet")}</Text>);
  if (!facts) return frame(<Text>{t("common.loading")}</Text>);

  const tableId = bound.tableId;
  const tableName = bound.table?.name ?? "";
  const td = live.validator?.tableData(tableId);
  const findings = (live.state?.findings ?? []).filter((f) => f.table === tableId);
  const errors = findings.filter((f) => f.severity === "error").length;
  const pending = td
    ? unexplainedWarnings(tableId, findings, facts.explanations, (row) => recordForRow(td, row), dataHash(td.rows))
    : [];
  const ctx = {
    tableId,
    tableName,
    state: facts.state,
    profile,
    assignment: facts.assignment,
    reason,
    errors,
    unexplainedWarnings: pending,
    dataHash: td ? dataHash(td.rows) : undefined,
    submittedDataHash: facts.status?.submitted?.dataHash,
    logIntact: facts.chainOk,
  };
  const options = actionOptions(ctx);

  const act = async (action: ReviewAction) => {
    if (!port || !live.validator) return;
    setBusy(true);
    setOutcome(null);
    try {
      // A full check runs before submitting (and before any review step): findings must be current.
      await live.validator.revalidateAll();
      const data = live.validator.tableData(tableId);
      if (!data) throw new Error(t("review.notChecked"));
      const now = live.validator.state().findings.filter((f) => f.table === tableId);
      const result = await performReviewAction(port, {
        action,
        tableId,
        tableName,
        sheet: bound.sheet,
        profile,
        reason,
        assignment: facts.assignment,
        rows: data.rows,
        area: dataAreaOf(data.layout, data.table.columns.length),
        errors: now.filter((f) => f.severity === "error").length,
        unexplainedWarnings: unexplainedWarnings(tableId, now, facts.explanations, (row) => recordForRow(data, row), dataHash(data.rows)),
        clock: services.clock,
      });
      if (result.ok) {
        setOutcome({ ok: true, text: t("review.actionDone", { action: t(ACTION_KEYS[action]), table: `${tableId} ${tableName}`.trim(), state: t(STATE_KEYS[result.state]) }) });
        setReason("");
      } else setOutcome({ ok: false, text: t("review.refused", { reason: result.reason }) });
    } catch (e) {
      setOutcome({ ok: false, text: t("common.unexpectedError", { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
      notifyChanged();
    }
  };

  return frame(
    <>
      <Text weight="semibold" data-testid="review-state">
        {t("review.currentState", { state: t(STATE_KEYS[facts.state]) })}
      </Text>
      {profile ? (
        <Text className={styles.muted} data-testid="review-acting-as">
          {t("review.actingAs", { name: profile.name, department: profile.department, role: t(ROLE_LABEL_KEYS[profile.role]) })}
        </Text>
      ) : (
        <MessageBar intent="warning" data-testid="review-no-profile">
          <MessageBarBody>{t("review.noProfile")}</MessageBarBody>
        </MessageBar>
      )}
      {!facts.chainOk ? (
        <MessageBar intent="error" data-testid="review-chain-broken">
          <MessageBarBody>{t("review.chainBroken", { details: facts.chainProblems.join("；") })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {options.some((o) => o.action === "return") ? (
        <Field label={t("review.reason")}>
          <Textarea data-testid="review-reason" value={reason} onChange={(_, d) => setReason(d.value)} />
        </Field>
      ) : null}
      <div className={styles.actions}>
        {options.map((o) => (
          <div key={o.action} className={styles.action}>
            <Button
              appearance={o.allowed ? "primary" : "secondary"}
              disabled={!o.allowed || busy}
              data-testid={`review-${o.action}`}
              onClick={() => void act(o.action)}
            >
              {t(ACTION_KEYS[o.action])}
            </Button>
            {!o.allowed && o.reason ? (
              <Text size={200} className={styles.muted} data-testid={`review-${o.action}-why`}>
                {o.reason}
              </Text>
            ) : null}
          </div>
        ))}
      </div>
      {busy ? <Text>{t("review.acting")}</Text> : null}
      {outcome ? (
        <MessageBar intent={outcome.ok ? "success" : "error"} data-testid="review-outcome">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Text weight="semibold">{t("review.history")}</Text>
      {facts.history.length === 0 ? <Text data-testid="review-no-history">{t("review.noHistory")}</Text> : null}
      <ol className={styles.timeline} data-testid="review-history">
        {facts.history.map((h) => (
          <li key={h.sequence}>
            <Text>
              {t("review.historyItem", {
                time: h.timestamp,
                person: h.person,
                department: h.department,
                role: h.roleLabel,
                action: h.actionLabel,
                from: h.fromLabel,
                to: h.toLabel,
              })}
              {h.applied ? "" : " " + t("review.historyConflict")}
            </Text>
            {h.comment ? <Text block size={200}>{t("review.historyComment", { comment: h.comment })}</Text> : null}
          </li>
        ))}
      </ol>
    </>,
  );
}
