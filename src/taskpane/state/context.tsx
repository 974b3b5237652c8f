/**
 * React contexts of the pane. The WorkbookPort comes in through context so the real Excel adapter,
 * the preview's fake and the tests' fake are interchangeable; nothing below App knows which.
 */
import * as React from "react";
import type { WorkbookPort } from "../../core/workbook/port";
import { translator, type Locale, type Translate } from "../../i18n";
import type { KeyValueStore } from "./storage";
import type { LanguageChoice } from "./language";
import type { Profile } from "./profile";
import type { PaneServices } from "./services";

export interface WorkbookContextValue {
  port: WorkbookPort | null;
  /** Bumped after the pane changes the workbook (e.g. templates loaded) so views re-read it. */
  revision: number;
  notifyChanged(): void;
}

export const WorkbookContext = React.createContext<WorkbookContextValue>({
  port: null,
  revision: 0,
  notifyChanged: () => undefined,
});

export function useWorkbook(): WorkbookContextValue {
  return React.useContext(WorkbookContext);
}

export interface SettingsContextValue {
  locale: Locale;
  languageChoice: LanguageChoice;
  setLanguageChoice(choice: LanguageChoice): void;
  /** Office's display language as reported by the host ("" when unknown). */
  officeLanguage: string;
  profile: Profile | null;
  setProfile(profile: Profile): Profile;
  store: KeyValueStore;
}

export const SettingsContext = React.createContext<SettingsContextValue | null>(null);

export function useSettings(): SettingsContextValue {
  const v = React.useContext(SettingsContext);
  if (!v) throw new Error("useSettings outside <App>");
  return v;
}

/** The bound `t(key, params)` for the current locale. */
export function useT(): Translate {
  const settings = React.useContext(SettingsContext);
  const locale = settings?.locale ?? "zh-CN";
  return React.useMemo(() => translator(locale), [locale]);
}

export const ServicesContext = React.createContext<PaneServices | null>(null);

export function useServices(): PaneServices {
  const v = React.useContext(ServicesContext);
  if (!v) throw new Error("useServices outside <App>");
  return v;
}
