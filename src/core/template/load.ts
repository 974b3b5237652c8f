/**
 * Loading templates into a workbook: read the state (3 calls), plan (pure), apply in a few
 * batches, reporting progress after each batch. Nothing is written when planning fails.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog } from "../catalog/types";
import type { WorkbookPort } from "../workbook/port";
import { planTemplates, type TemplateOptions, type TemplateReport } from "./plan";
import { readWorkbookState } from "./state";

export interface LoadProgress {
  /** Batches applied so far / in total. */
  batch: number;
  batches: number;
  /** Tables added so far / to add in total. */
  done: number;
  total: number;
  /** Ids of the tables the batch just applied added. */
  tableIds: string[];
}

export interface LoadResult {
  report: TemplateReport;
  /** `apply` calls made (one per batch). */
  applyCalls: number;
}

export async function loadTemplates(
  port: WorkbookPort,
  catalog: Catalog,
  tableIds: readonly string[] | "all",
  options: TemplateOptions,
  onProgress?: (p: LoadProgress) => void,
): Promise<LoadResult> {
  const state = await readWorkbookState(port, catalog);
  const plan = planTemplates(catalog, tableIds, options, state);
  const total = plan.report.added.length;
  let done = 0;
  let applyCalls = 0;
  for (let i = 0; i < plan.batches.length; i++) {
    const b = plan.batches[i];
    try {
      await port.apply(b.ops);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const loaded = plan.report.added.slice(0, done).map((a) => a.tableId);
      throw new Error(
        `载入第 ${i + 1}/${plan.batches.length} 批（表${b.tableIds.join("、") || "设置"}）时出错：${msg}。` +
          (loaded.length > 0 ? `已载入的表：${loaded.join("、")}；` : "") +
          "再次载入会补上其余的表，已有数据不会被覆盖。",
        { cause: e },
      );
    }
    applyCalls++;
    done += b.tableIds.length;
    onProgress?.({ batch: i + 1, batches: plan.batches.length, done, total, tableIds: b.tableIds });
  }
  return { report: plan.report, applyCalls };
}
