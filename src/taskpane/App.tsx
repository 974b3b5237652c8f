/**
 * The task pane: FluentProvider (theme follows Office), locale (Office display language or the
 * manual choice in 设置), the workbook port in context, the header and the page navigation.
 * The same component runs in Excel (real adapter) and in the browser preview (adapter over the fake).
 */
import * as React from "react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { WorkbookPort } from "../core/workbook/port";
import { ServicesContext, SettingsContext, WorkbookContext, type SettingsContextValue } from "./state/context";
import type { KeyValueStore } from "./state/storage";
import { effectiveLocale, loadLanguageChoice, saveLanguageChoice, type LanguageChoice } from "./state/language";
import { loadProfile, saveProfile, type Profile } from "./state/profile";
import type { PaneServices } from "./state/services";
import { Shell, type PageId } from "./components/Shell";
import { LiveProvider } from "./state/live";
import { ActiveSheetProvider } from "./state/activeTable";

export interface AppProps {
  port: WorkbookPort | null;
  store: KeyValueStore;
  services: PaneServices;
  /** Office.context.displayLanguage ("" outside Office). */
  officeLanguage: string;
  /** Office theme is dark (body background). */
  dark?: boolean;
  initialPage?: PageId;
}

export function App(props: AppProps): React.ReactElement {
  const { port, store, services, officeLanguage } = props;
  const [languageChoice, setChoice] = React.useState<LanguageChoice>(() => loadLanguageChoice(store));
  const [profile, setProfileState] = React.useState<Profile | null>(() => loadProfile(store));
  const [revision, setRevision] = React.useState(0);

  const locale = effectiveLocale(languageChoice, officeLanguage);

  const settings = React.useMemo<SettingsContextValue>(
    () => ({
      locale,
      languageChoice,
      setLanguageChoice: (choice) => {
        saveLanguageChoice(store, choice);
        setChoice(choice);
      },
      officeLanguage,
      profile,
      setProfile: (p) => {
        const saved = saveProfile(store, p);
        setProfileState(saved);
        return saved;
      },
      store,
    }),
    [locale, languageChoice, officeLanguage, profile, store],
  );

  const workbook = React.useMemo(
    () => ({ port, revision, notifyChanged: () => setRevision((n) => n + 1) }),
    [port, revision],
  );

  return (
    <FluentProvider theme={props.dark ? webDarkTheme : webLightTheme} lang={locale} data-testid="tianbao-pane">
      <SettingsContext.Provider value={settings}>
        <ServicesContext.Provider value={services}>
          <WorkbookContext.Provider value={workbook}>
            <ActiveSheetProvider>
              <LiveProvider>
                <Shell initialPage={props.initialPage} />
              </LiveProvider>
            </ActiveSheetProvider>
          </WorkbookContext.Provider>
        </ServicesContext.Provider>
      </SettingsContext.Provider>
    </FluentProvider>
  );
}
