/**
 * 审核表 on the 审核 page: pick a department (the declared profile's by default) and add its
 * printable sign-off form as a new sheet. Content and layout come from the workflow core
 * (addSignOffForm → signOffFormOps); an existing form is never overwritten (the new one gets
 * the next free name). Also states plainly that the identity on the records is declared, not
 * authenticated.
 */
import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Catalog } from "../../../core/catalog";
import { sameDepartment } from "../../../core/workflow/cells";
import { addSignOffForm, statusThroughPort } from "../../../core/workflow/workbook";
import { useServices, useSettings, useT, useWorkbook } from "../../state/context";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "8px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "6px", alignItems: "end" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The printed identity notice, shown wherever the declared profile is used for records. */
export function IdentityNotice(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  return (
    <Text size={200} className={styles.muted} data-testid="identity-notice">
      {t("signOff.identity")}
    </Text>
  );
}

export function SignOffPanel(props: { catalog: Catalog; statYear: number | null }): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const services = useServices();
  const { profile } = useSettings();
  const { port, revision, notifyChanged } = useWorkbook();
  const [departments, setDepartments] = React.useState<string[] | null>(null);
  const [department, setDepartment] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  const { catalog, statYear } = props;
  const time = { clock: services.clock, statYear: statYear ?? undefined };

  React.useEffect(() => {
    if (!port) return;
    let cancelled = false;
    statusThroughPort(port, catalog, { clock: services.clock, statYear: statYear ?? undefined }).then(
      (r) => {
        if (cancelled) return;
        const list = [...new Set(r.rows.map((x) => x.department).filter((d) => d !== ""))];
        setDepartments(list);
        setDepartment((d) => (d && list.includes(d) ? d : (list.find((x) => sameDepartment(x, profile?.department)) ?? list[0] ?? "")));
      },
      () => !cancelled && setDepartments([]),
    );
    return () => {
      cancelled = true;
    };
  }, [port, catalog, statYear, revision, services.clock, profile?.department]);

  if (!port || departments === null) return <></>;

  const generate = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const { sheet, tables } = await addSignOffForm(port, catalog, department, time);
      setMessage({ ok: true, text: t("signOff.written", { sheet, department, tables }) });
      notifyChanged();
    } catch (e) {
      setMessage({ ok: false, text: t("common.unexpectedError", { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} data-testid="signoff-panel">
      <Text weight="semibold">{t("signOff.heading")}</Text>
      <Text size={200} className={styles.muted}>
        {t("signOff.intro")}
      </Text>
      {departments.length === 0 ? (
        <Text data-testid="signoff-no-departments">{t("signOff.noDepartments")}</Text>
      ) : (
        <div className={styles.row}>
          <Field label={t("signOff.department")}>
            <Select value={department} onChange={(_, d) => setDepartment(d.value)} data-testid="signoff-department">
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </Select>
          </Field>
          <Button disabled={busy || !department} onClick={() => void generate()} data-testid="signoff-generate">
            {t("signOff.generate")}
          </Button>
        </div>
      )}
      {message ? (
        <MessageBar intent={message.ok ? "success" : "error"} data-testid="signoff-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <IdentityNotice />
    </section>
  );
}
