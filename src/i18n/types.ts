/** Types of the message catalog, derived from the zh-CN source of truth. */
import type { zhCN } from "./zh-CN";

/** Same shape as T with every leaf string widened to `string` (so translations type-check). */
export type WidenLeaves<T> = { readonly [K in keyof T]: T[K] extends string ? string : WidenLeaves<T[K]> };

/** The shape every locale must have: exactly the zh-CN keys. */
export type Messages = WidenLeaves<typeof zhCN>;

type Leaves<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** "area.key", e.g. "shell.tabTemplate". */
export type MessageKey = Leaves<Messages, "">;

export type Locale = "zh-CN" | "en-US";

export type MessageParams = Record<string, string | number>;
