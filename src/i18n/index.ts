/**
 * The one message catalog for the task pane, the preview and the command line.
 *
 *   import { translator, pickLocale } from "../i18n";
 *   const t = translator(pickLocale(displayLanguage)); // the adapter supplies Office's display language
 *   t("template.progress", { done: 3, total: 10, table: "1-5-1" });
 *
 * Pure module (no DOM, Office or React), so src/core-adjacent tools and the CLI can use it.
 */
import { zhCN } from "./zh-CN";
import { enUS } from "./en-US";
import type { Locale, MessageKey, MessageParams, Messages } from "./types";

export type { Locale, MessageKey, MessageParams, Messages } from "./types";

export const LOCALES: readonly Locale[] = ["zh-CN", "en-US"];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const catalogs: Readonly<Record<Locale, Messages>> = { "zh-CN": zhCN, "en-US": enUS };

/** zh, zh-CN, zh-Hans, zh-TW … → zh-CN; everything else (including empty/unknown) → en-US. */
export function pickLocale(displayLanguage: string | null | undefined): Locale {
  const tag = (displayLanguage ?? "").trim().toLowerCase();
  return tag === "zh" || tag.startsWith("zh-") || tag.startsWith("zh_") ? "zh-CN" : "en-US";
}

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en-US";
}

/** The raw template for a key, or undefined when the key does not exist. */
export function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** Replaces `{name}` placeholders; a placeholder without a param stays visible (easy to spot). */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `t(key, params)` in the given locale. An unknown key (only possible from untyped callers) shows the key itself. */
export function translator(locale: Locale): Translate {
  const messages = catalogs[locale] ?? catalogs[DEFAULT_LOCALE];
  return (key, params) => format(lookup(messages, key) ?? lookup(catalogs[DEFAULT_LOCALE], key) ?? key, params);
}

/** `t(key, params, locale)`: the catalog formatter for callers without a bound translator (zh-CN by default). */
export function t(key: MessageKey, params?: MessageParams, locale: Locale = DEFAULT_LOCALE): string {
  return translator(locale)(key, params);
}

/** Every "area.key" in a catalog tree (used by the completeness test). */
export function messageKeys(messages: Messages): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (typeof v === "string") out.push(prefix + k);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(messages, "");
  return out.sort();
}
