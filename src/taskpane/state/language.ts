/** The manual language choice of the 设置 page: "auto" follows Office's display language. */
import type { KeyValueStore } from "./storage";
import { isLocale, pickLocale, type Locale } from "../../i18n";

export type LanguageChoice = "auto" | Locale;

const KEY = "language";

export function loadLanguageChoice(store: KeyValueStore): LanguageChoice {
  const v = store.get(KEY);
  return v === "auto" || isLocale(v) ? v : "auto";
}

export function saveLanguageChoice(store: KeyValueStore, choice: LanguageChoice): void {
  store.set(KEY, choice);
}

export function effectiveLocale(choice: LanguageChoice, officeLanguage: string | null | undefined): Locale {
  return choice === "auto" ? pickLocale(officeLanguage) : choice;
}
