/** 设置: language, the workbook's statistical year, and the declared profile. */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import { useServices, useSettings, useT, useWorkbook } from "../state/context";
import { ROLES, ROLE_LABEL_KEYS, profileProblems, type Profile, type Role } from "../state/profile";
import type { LanguageChoice } from "../state/language";
import { pickLocale } from "../../i18n";
import { periodText } from "../state/period";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  form: { display: "flex", flexDirection: "column", rowGap: "8px", maxWidth: "420px" },
});

export function SettingsPage(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const settings = useSettings();
  return (
    <div className={styles.section}>
      <Subtitle2 as="h2">{t("settings.heading")}</Subtitle2>
      {!settings.store.persistent ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t("settings.storageUnavailable")}</MessageBarBody>
        </MessageBar>
      ) : null}
      <LanguageSection />
      <StatYearSection />
      <ProfileSection />
    </div>
  );
}

function LanguageSection(): React.ReactElement {
  const t = useT();
  const settings = useSettings();
  const officeLocale = pickLocale(settings.officeLanguage);
  return (
    <Field label={t("settings.languageLabel")}>
      <Select
        data-testid="settings-language"
        value={settings.languageChoice}
        onChange={(_, data) => settings.setLanguageChoice(data.value as LanguageChoice)}
      >
        <option value="auto">
          {t("settings.languageAuto", { language: officeLocale === "zh-CN" ? t("settings.languageZh") : t("settings.languageEn") })}
        </option>
        <option value="zh-CN">{t("settings.languageZh")}</option>
        <option value="en-US">{t("settings.languageEn")}</option>
      </Select>
    </Field>
  );
}

function StatYearSection(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const services = useServices();
  const { port, revision } = useWorkbook();
  const [year, setYear] = React.useState<number | null | undefined>(undefined);
  React.useEffect(() => {
    let cancelled = false;
    if (!port) {
      setYear(null);
      return;
    }
    services.getStatYear(port).then(
      (y) => !cancelled && setYear(y),
      () => !cancelled && setYear(null),
    );
    return () => {
      cancelled = true;
    };
  }, [port, revision, services]);
  return (
    <section className={styles.section} data-testid="settings-year">
      <Subtitle2 as="h3">{t("settings.yearHeading")}</Subtitle2>
      {year === undefined ? null : year === null ? (
        <Text>{t("settings.yearUnknown")}</Text>
      ) : (
        <>
          <Text weight="semibold">{t("settings.yearValue", { year })}</Text>
          <Text>{periodText(t, services, "point", year)}</Text>
          <Text>{periodText(t, services, "academicYear", year)}</Text>
          <Text>{periodText(t, services, "calendarYear", year)}</Text>
        </>
      )}
    </section>
  );
}

function ProfileSection(): React.ReactElement {
  const t = useT();
  const styles = useStyles();
  const settings = useSettings();
  const [draft, setDraft] = React.useState<Profile>(
    () => settings.profile ?? { name: "", department: "", role: "clerk" },
  );
  const [touched, setTouched] = React.useState(false);
  const [saved, setSaved] = React.useState(false);
  const problems = profileProblems(draft);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problems.length > 0) return;
    setDraft(settings.setProfile(draft));
    setSaved(true);
  };
  const update = (patch: Partial<Profile>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} data-testid="settings-profile" noValidate>
      <Subtitle2 as="h3">{t("settings.profileHeading")}</Subtitle2>
      <MessageBar intent="info" data-testid="identity-notice">
        <MessageBarBody>{t("settings.identityNotice")}</MessageBarBody>
      </MessageBar>
      <Field
        label={t("settings.profileName")}
        required
        validationMessage={touched && problems.includes("settings.profileNameRequired") ? t("settings.profileNameRequired") : undefined}
      >
        <Input data-testid="profile-name" value={draft.name} onChange={(_, d) => update({ name: d.value })} />
      </Field>
      <Field
        label={t("settings.profileDepartment")}
        required
        validationMessage={
          touched && problems.includes("settings.profileDepartmentRequired") ? t("settings.profileDepartmentRequired") : undefined
        }
      >
        <Input data-testid="profile-department" value={draft.department} onChange={(_, d) => update({ department: d.value })} />
      </Field>
      <Field label={t("settings.profileRole")}>
        <Select data-testid="profile-role" value={draft.role} onChange={(_, d) => update({ role: d.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABEL_KEYS[r])}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button appearance="primary" type="submit" data-testid="profile-save">
          {t("settings.profileSave")}
        </Button>
      </div>
      {saved ? (
        <MessageBar intent="success" data-testid="profile-saved">
          <MessageBarBody>{t("settings.profileSaved")}</MessageBarBody>
        </MessageBar>
      ) : null}
    </form>
  );
}
