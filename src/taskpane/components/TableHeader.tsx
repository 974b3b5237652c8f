/**
 * The pane header: the active sheet's table — name, period window, 责任单位 / 协助单位 / 审核单位,
 * step, deadline with days left or overdue (coloured), review state and 基础表未完成 warnings — or
 * 「未绑定数据表」. Only facts the workbook provides are shown: the 责任分解 sheet and approval
 * log when present, otherwise the sheet's own properties; nothing is invented.
 */
import * as React from "react";
import { Badge, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { daysLeft as daysUntil, isLocalDate } from "../../core/workflow/clock";
import { useServices, useT } from "../state/context";
import { useActiveSheet, type ActiveTable } from "../state/activeTable";
import { useHeaderFacts } from "../state/headerFacts";
import { periodText } from "../state/period";
import { STATE_KEYS } from "../pages/ReviewPage";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    padding: "8px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  facts: { display: "flex", flexWrap: "wrap", columnGap: "12px", rowGap: "2px", alignItems: "center" },
});

export function TableHeader(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const state = useActiveSheet();

  let body: React.ReactNode;
  switch (state.status) {
    case "loading":
      body = <Spinner size="tiny" label={t("common.loading")} />;
      break;
    case "noWorkbook":
    case "noSheet":
      body = <Subtitle2 data-testid="header-unbound">{t("shell.unboundSheet")}</Subtitle2>;
      break;
    case "error":
      body = <Text data-testid="header-error">{t("shell.workbookUnavailable", { message: state.message })}</Text>;
      break;
    case "unbound":
      body = (
        <>
          <Subtitle2 data-testid="header-unbound">{t("shell.unboundSheet")}</Subtitle2>
          <Caption1>{t("shell.unboundHint", { sheet: state.sheet })}</Caption1>
        </>
      );
      break;
    case "bound":
      body = <BoundHeader info={state.info} />;
      break;
  }
  return (
    <header className={styles.root} data-testid="pane-header">
      {body}
    </header>
  );
}

/** The deadline badge's colour: red once overdue, amber within 3 days, green otherwise. */
function urgencyColor(days: number): "danger" | "warning" | "success" {
  return days < 0 ? "danger" : days <= 3 ? "warning" : "success";
}

function BoundHeader({ info }: { info: ActiveTable }): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const services = useServices();
  const facts = useHeaderFacts(info.tableId);

  // The 责任分解 sheet (facts) wins; the sheet's own properties are the fallback.
  const department = facts?.department || info.department;
  const reviewing = facts?.reviewingDepartment || info.reviewingDepartment;
  const deadline = facts?.deadline ?? info.deadline;
  const done = facts ? facts.state !== "draft" : false;
  const days = facts ? facts.daysLeft : deadline && isLocalDate(deadline) ? daysUntil(deadline, { clock: services.clock }) : null;
  const window = info.table && info.statYear !== null ? periodText(t, services, info.table.period, info.statYear) : null;

  return (
    <>
      <Subtitle2 data-testid="header-table">{t("shell.tableTitle", { id: info.tableId, name: info.table?.name ?? "" }).trim()}</Subtitle2>
      <div className={styles.facts}>
        {window ? <Caption1 data-testid="header-period">{window}</Caption1> : null}
        {facts?.step ? <Caption1 data-testid="header-step">{t("shell.step", { step: facts.stepLabel })}</Caption1> : null}
        {facts ? <Caption1 data-testid="header-state">{t("shell.state", { state: t(STATE_KEYS[facts.state]) })}</Caption1> : null}
      </div>
      <div className={styles.facts}>
        {department ? <Caption1 data-testid="header-department">{t("shell.department", { value: department })}</Caption1> : null}
        {facts && facts.assisting.length > 0 ? (
          <Caption1 data-testid="header-assisting">{t("shell.assisting", { value: facts.assisting.join("、") })}</Caption1>
        ) : null}
        {reviewing ? <Caption1 data-testid="header-reviewing">{t("shell.reviewingDepartment", { value: reviewing })}</Caption1> : null}
        {deadline ? <Caption1 data-testid="header-deadline">{t("shell.deadline", { value: deadline })}</Caption1> : null}
        {days !== null && !done ? (
          <Badge appearance="tint" color={urgencyColor(days)} data-color={urgencyColor(days)} data-testid="header-days">
            {days < 0 ? t("shell.daysOverdue", { days: -days }) : days === 0 ? t("shell.dueToday") : t("shell.daysLeft", { days })}
          </Badge>
        ) : null}
      </div>
      {facts && facts.baseWarnings.length > 0 ? (
        <MessageBar intent="warning" data-testid="header-base-warnings">
          <MessageBarBody>{facts.baseWarnings.map((w) => w.message).join("；")}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
