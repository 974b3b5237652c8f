/** The real core behind the pane (tests pass their own PaneServices, usually spying on these). */
import { getCatalog, listCatalogs, periodWindow } from "../core/catalog";
import { getStatYear } from "../core/settings/statYear";
import { META_KEYS, readMeta } from "../core/settings/meta";
import { LiveValidator } from "../core/live";
import { loadTemplates } from "../core/template/load";
import { getClock, type Clock } from "../core/workflow/clock";
import type { PaneServices } from "./state/services";

export function defaultServices(clock: Clock = getClock()): PaneServices {
  return {
    listCatalogs,
    getCatalog,
    loadTemplates: (port, catalog, tableIds, options, onProgress) => loadTemplates(port, catalog, tableIds, options, onProgress),
    getStatYear,
    getWorkbookCatalogId: async (port) => (await readMeta(port)).settings[META_KEYS.catalogId]?.value || null,
    createLiveValidator: (port, catalog, statYear) => new LiveValidator({ port, catalog, statYear }),
    periodWindow: (kind, year) => periodWindow(kind, year),
    clock,
  };
}
