/** The checkbox list of tables on the 模板 page. */
import * as React from "react";
import { Badge, Button, Checkbox, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { TableDef } from "../../../core/catalog/types";
import { useT } from "../../state/context";

const useStyles = makeStyles({
  box: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: "320px",
    overflowY: "auto",
    padding: "4px 8px",
  },
  bar: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: "8px" },
  item: { display: "flex", alignItems: "center", columnGap: "4px" },
});

export interface TableChecklistProps {
  tables: readonly TableDef[];
  selected: ReadonlySet<string>;
  onChange(next: ReadonlySet<string>): void;
  disabled?: boolean;
  total: number;
  selectedCount: number;
}

export function TableChecklist(props: TableChecklistProps): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const { tables, selected, onChange } = props;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <div>
      <div className={styles.bar}>
        <Button
          size="small"
          data-testid="template-select-shown"
          disabled={props.disabled || tables.length === 0}
          onClick={() => onChange(new Set([...selected, ...tables.map((x) => x.id)]))}
        >
          {t("template.selectAllShown")}
        </Button>
        <Button size="small" data-testid="template-clear" disabled={props.disabled || selected.size === 0} onClick={() => onChange(new Set())}>
          {t("template.clearSelection")}
        </Button>
        <Text data-testid="template-selected-count">
          {t("template.selectedCount", { count: props.selectedCount, total: props.total })}
        </Text>
      </div>
      <div className={styles.box} role="group" aria-label={t("template.tableCount", { count: tables.length })} data-testid="template-tables">
        {tables.length === 0 ? <Text>{t("template.noTables")}</Text> : null}
        {tables.map((table) => (
          <div key={table.id} className={styles.item}>
            <Checkbox
              data-testid={`template-table-${table.id}`}
              checked={selected.has(table.id)}
              disabled={props.disabled}
              onChange={(_, d) => toggle(table.id, d.checked === true)}
              label={`${table.id} ${table.name}`}
            />
            {table.base ? <Badge size="small" appearance="outline">{t("template.baseTag")}</Badge> : null}
            {table.incomplete ? (
              <Badge size="small" appearance="tint" color="warning">
                {t("template.incompleteTag")}
              </Badge>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
