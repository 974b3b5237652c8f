/**
 * The core functions the pane pages call, gathered in one injectable object so component tests can
 * spy on them. `defaultServices()` (src/taskpane/services.ts) wires the real core.
 */
import type { Catalog, CatalogSummary, PeriodKind } from "../../core/catalog";
import type { WorkbookPort } from "../../core/workbook/port";
import type { Clock } from "../../core/workflow/clock";
import type { LoadProgress, LoadResult } from "../../core/template/load";
import type { TemplateOptions } from "../../core/template/plan";
import type { LiveValidator } from "../../core/live";

export type { LoadProgress, LoadResult } from "../../core/template/load";
export type { TemplateReport } from "../../core/template/plan";

export interface PaneServices {
  listCatalogs(): CatalogSummary[];
  getCatalog(id: string): Catalog;
  /** The template loader (src/core/template/load.ts): never overwrites data; throws with a Chinese message. */
  loadTemplates(
    port: WorkbookPort,
    catalog: Catalog,
    tableIds: readonly string[],
    options: TemplateOptions,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<LoadResult>;
  /** The catalog the workbook's tables were loaded from (meta sheet), null before any load. */
  getWorkbookCatalogId(port: WorkbookPort): Promise<string | null>;
  /** Live validation (src/core/live): full check, then re-checks what changes and marks cells. */
  createLiveValidator(port: WorkbookPort, catalog: Catalog, statYear: number): LiveValidator;
  /** The workbook's 统计年度 (null when none is set yet). */
  getStatYear(port: WorkbookPort): Promise<number | null>;
  /** The dates a period kind stands for in statistical year `year` (YYYY-MM-DD; from = to for 时点). */
  periodWindow(kind: PeriodKind, year: number): { from: string; to: string };
  /** The one clock (src/core/workflow/clock), injectable so tests can fix "today". */
  clock: Clock;
}
