/** One finding on the 校验 page: severity, the Chinese message, a link to the cell, and for warnings the explanation. */
import * as React from "react";
import { Badge, Button, Field, Link, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../../core/validation/types";
import { useT } from "../../state/context";
import type { ExplanationView } from "./useExplanations";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: "4px",
    padding: "6px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: "flex", columnGap: "6px", alignItems: "center" },
});

export interface FindingItemProps {
  finding: Finding;
  explanation: ExplanationView | null;
  onSelect(): Promise<void>;
  onExplain?: (text: string) => Promise<void>;
}

export function FindingItem({ finding: f, explanation, onSelect, onExplain }: FindingItemProps): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const [draft, setDraft] = React.useState("");
  const [problem, setProblem] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState(false);

  const submit = async () => {
    if (!onExplain || !draft.trim()) return;
    try {
      await onExplain(draft);
      setDraft("");
      setOpen(false);
      setProblem(null);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setProblem(message === "needProfile" ? t("check.explanationNeedsProfile") : message);
    }
  };

  return (
    <li className={styles.item} data-testid="check-finding" data-severity={f.severity} data-cell={`${f.sheet}!${f.cell}`}>
      <div className={styles.head}>
        <Badge appearance="filled" color={f.severity === "error" ? "danger" : "warning"}>
          {f.severity === "error" ? t("check.severityError") : t("check.severityWarning")}
        </Badge>
        <Link as="button" data-testid="check-goto" onClick={() => void onSelect()}>
          {t("check.goToCell", { cell: t("check.cellAt", { sheet: f.sheet, cell: f.cell }) })}
        </Link>
      </div>
      <Text>{f.message}</Text>
      {explanation ? (
        <Text data-testid="check-explained" italic>
          {t("check.explained", { text: explanation.text, person: explanation.person })}
        </Text>
      ) : null}
      {onExplain && !explanation && !open ? (
        <div>
          <Button size="small" data-testid="check-explain" onClick={() => setOpen(true)}>
            {t("check.explanation")}
          </Button>
        </div>
      ) : null}
      {onExplain && open ? (
        <Field label={t("check.explanation")} validationMessage={problem ?? undefined}>
          <Textarea
            data-testid="check-explanation-text"
            placeholder={t("check.explanationPlaceholder")}
            value={draft}
            onChange={(_, d) => setDraft(d.value)}
          />
          <div>
            <Button size="small" appearance="primary" data-testid="check-explanation-save" disabled={!draft.trim()} onClick={() => void submit()}>
              {t("check.saveExplanation")}
            </Button>
          </div>
        </Field>
      ) : null}
    </li>
  );
}
