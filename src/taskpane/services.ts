/** The real core behind the pane (tests pass their own PaneServices, usually spying on these). */
import { getCatalog, listCatalogs, periodWindow } from "../core/catalog";
import { META_KEYS, readMeta } from "../core/settings/meta";
import { loadTemplates } from "../core/template/load";
import { getClock, type Clock } from "../core/workflow/clock";
import type { WorkbookPort } from "../core/workbook/port";
import type { PaneServices } from "./state/services";

export async function readStatYear(port: WorkbookPort): Promise<number | null> {
  const meta = await readMeta(port);
  const v = meta.settings[META_KEYS.statYear]?.value ?? "";
  return /^\d{4}$/.test(v) ? Number(v) : null;
}

export function defaultServices(clock: Clock = getClock()): PaneServices {
  return {
    listCatalogs,
    getCatalog,
    loadTemplates: (port, catalog, tableIds, options, onProgress) => loadTemplates(port, catalog, tableIds, options, onProgress),
    getStatYear: readStatYear,
    periodWindow: (kind, year) => periodWindow(kind, year),
    clock,
  };
}
