/** The pane header: the active sheet's table and who is responsible, or 「未绑定数据表」. */
import * as React from "react";
import { Badge, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useServices, useT } from "../state/context";
import { useActiveSheet } from "../state/activeTable";
import { daysLeft, isLocalDate } from "../../core/workflow/clock";
import { periodText } from "../state/period";

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
  const services = useServices();
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
    case "bound": {
      const info = state.info;
      const days = info.deadline && isLocalDate(info.deadline) ? daysLeft(info.deadline, { clock: services.clock }) : null;
      const window = info.table && info.statYear !== null ? periodText(t, services, info.table.period, info.statYear) : null;
      body = (
        <>
          <Subtitle2 data-testid="header-table">
            {t("shell.tableTitle", { id: info.tableId, name: info.table?.name ?? "" }).trim()}
          </Subtitle2>
          <div className={styles.facts}>
            {window ? <Caption1 data-testid="header-period">{window}</Caption1> : null}
            {info.department ? (
              <Caption1 data-testid="header-department">{t("shell.department", { value: info.department })}</Caption1>
            ) : null}
            {info.reviewingDepartment ? (
              <Caption1 data-testid="header-reviewing">
                {t("shell.reviewingDepartment", { value: info.reviewingDepartment })}
              </Caption1>
            ) : null}
            {info.deadline ? (
              <Caption1 data-testid="header-deadline">{t("shell.deadline", { value: info.deadline })}</Caption1>
            ) : null}
            {days !== null ? (
              <Badge
                appearance="tint"
                color={days < 0 ? "danger" : days <= 3 ? "warning" : "success"}
                data-testid="header-days"
              >
                {days < 0
                  ? t("shell.daysOverdue", { days: -days })
                  : days === 0
                    ? t("shell.dueToday")
                    : t("shell.daysLeft", { days })}
              </Badge>
            ) : null}
          </div>
        </>
      );
      break;
    }
  }
  return (
    <header className={styles.root} data-testid="pane-header">
      {body}
    </header>
  );
}
