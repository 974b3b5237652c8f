/**
 * Office host facts for the task pane's boot: is Office.js there, did Office.onReady resolve, is
 * this Excel, the display language and the theme. Lives with the Excel adapter because only
 * src/adapters/excel (and the fake) may touch the `Office`/`Excel` globals (architecture test).
 */

export interface OfficeHostInfo {
  /** false when office.js did not load at all (no `Office` global). */
  officeLoaded: boolean;
  /** Office.onReady's host ("Excel", …), null outside an Office client. */
  host: string | null;
  /** The `Excel` namespace is available (inside Excel, or installed by the fake). */
  hasExcel: boolean;
  /** Office.context.displayLanguage, "" when unknown. */
  displayLanguage: string;
  /** Office.context.officeTheme.bodyBackgroundColor ("#RRGGBB"), null when unknown. */
  bodyBackgroundColor: string | null;
}

type OfficeGlobal = typeof Office;

function officeGlobal(): OfficeGlobal | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

/** Waits for Office.onReady (at most `timeoutMs`), then reports the host facts. Never throws. */
export async function officeReady(timeoutMs = 10_000): Promise<OfficeHostInfo> {
  const office = officeGlobal();
  if (!office) return { officeLoaded: false, host: null, hasExcel: typeof Excel !== "undefined", displayLanguage: "", bodyBackgroundColor: null };
  let host: string | null = null;
  try {
    const info = await Promise.race([
      office.onReady(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    host = info?.host ? String(info.host) : null;
  } catch {
    host = null;
  }
  return {
    officeLoaded: true,
    host,
    hasExcel: typeof Excel !== "undefined",
    displayLanguage: safe(() => office.context?.displayLanguage ?? "", ""),
    bodyBackgroundColor: safe(() => office.context?.officeTheme?.bodyBackgroundColor ?? null, null),
  };
}

/** Subscribes to Office theme changes where the host supports it (no-op elsewhere). */
export function onOfficeThemeChanged(handler: (bodyBackgroundColor: string) => void): void {
  const office = officeGlobal();
  try {
    if (!office?.EventType?.OfficeThemeChanged) return;
    office.context?.document?.addHandlerAsync?.(
      office.EventType.OfficeThemeChanged,
      (args: { officeTheme?: { bodyBackgroundColor?: string } }) => {
        const color = args?.officeTheme?.bodyBackgroundColor;
        if (color) handler(color);
      },
    );
  } catch {
    /* not supported by this host */
  }
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
