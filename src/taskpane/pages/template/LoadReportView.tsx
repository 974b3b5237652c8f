/** The result of a template load: header differences, tables added, already present, and notes. */
import * as React from "react";
import { MessageBar, MessageBarBody, Subtitle2, Text, makeStyles } from "@fluentui/react-components";
import { useT } from "../../state/context";
import type { TemplateReport } from "../../state/services";
import type { MessageKey } from "../../../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "6px" },
  list: { margin: 0, paddingLeft: "18px" },
});

interface Item {
  tableId: string;
  name: string;
  sheet: string;
  details?: string[];
}

export function LoadReportView(props: { report: TemplateReport }): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const { report } = props;
  // Warnings the loader reported besides header differences (conflicts, tampered meta, incomplete tables).
  const notes = report.entries.filter((e) => e.level !== "info" && e.code !== "headerDiffers");
  return (
    <section className={styles.root} data-testid="template-result">
      <Subtitle2 as="h3">{t("template.resultHeading")}</Subtitle2>
      <MessageBar intent={report.differs.length > 0 || notes.length > 0 ? "warning" : "success"}>
        <MessageBarBody data-testid="template-result-summary">
          {[
            t("template.progressDone"),
            t("template.resultAdded", { count: report.added.length }),
            t("template.resultPresent", { count: report.present.length }),
            ...(report.differs.length > 0 ? [t("template.resultDiffers", { count: report.differs.length })] : []),
          ].join(" · ")}
        </MessageBarBody>
      </MessageBar>
      <ItemList
        testId="template-result-differs"
        items={report.differs.map((d) => ({ ...d, details: d.differences.map((x) => x.message) }))}
        itemKey="template.resultDiffersItem"
        className={styles.list}
      />
      <ItemList testId="template-result-added" items={report.added} itemKey="template.resultAddedItem" className={styles.list} />
      <ItemList testId="template-result-present" items={report.present} itemKey="template.resultPresentItem" className={styles.list} />
      {notes.length > 0 ? (
        <ul className={styles.list} data-testid="template-result-notes">
          {notes.map((n, i) => (
            <li key={i}>
              <Text>{n.message}</Text>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ItemList(props: { testId: string; items: Item[]; itemKey: MessageKey; className: string }): React.ReactElement | null {
  const t = useT();
  if (props.items.length === 0) return null;
  return (
    <ul className={props.className} data-testid={props.testId}>
      {props.items.map((item) => (
        <li key={item.tableId}>
          <Text>{t(props.itemKey, { id: item.tableId, name: item.name, sheet: item.sheet })}</Text>
          {item.details && item.details.length > 0 ? (
            <ul>
              {item.details.map((d, i) => (
                <li key={i}>
                  <Text size={200}>{d}</Text>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
