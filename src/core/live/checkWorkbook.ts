/**
 * One full check of a workbook through WorkbookPort — what `tianbao check` runs and what the task
 * pane's 全部校验 amounts to: the same binding (bindTables: defined name, sheet property, meta
 * sheet, title), the same readTable and the same engine. One batched `read` for all table sheets.
 * Pure core: no Office, DOM or React imports.
 */
import { getCatalog, listCatalogs } from "../catalog";
import type { Catalog } from "../catalog/types";
import { parseStatYear } from "../catalog/period";
import { bindTables, type BindingConflict } from "../template/binding";
import { META_KEYS } from "../settings/meta";
import { readWorkbookState, type WorkbookState } from "../template/state";
import { checkTables, readTable } from "../validation";
import type { Finding, TableData } from "../validation/types";
import type { WorkbookPort } from "../workbook/port";

export class CheckWorkbookError extends Error {
  constructor(
    readonly code: "notTianbao" | "unknownCatalog" | "unknownTable" | "noStatYear" | "badStatYear",
    message: string,
  ) {
    super(message);
    this.name = "CheckWorkbookError";
  }
}

export interface CheckedTable {
  tableId: string;
  name: string;
  sheet: string;
  errors: number;
  warnings: number;
}

export interface WorkbookCheck {
  catalog: Catalog;
  statYear: number;
  tables: CheckedTable[];
  findings: Finding[];
  conflicts: BindingConflict[];
  /** Requested (--tables) but not in the workbook. */
  notLoaded: string[];
}

export interface CheckWorkbookOptions {
  /** Only these table ids (default: every bound table). */
  tables?: string[];
  /** Catalog to check against (default: the one the workbook records, else the one binding most sheets). */
  catalog?: Catalog;
}

function chooseCatalog(state: WorkbookState, given?: Catalog): Catalog {
  if (given) return given;
  const id = state.meta.settings[META_KEYS.catalogId]?.value?.trim();
  if (id) {
    try {
      return getCatalog(id);
    } catch {
      throw new CheckWorkbookError("unknownCatalog", `工作簿记录的目录“${id}”不是填报助手认识的目录（可用 tianbao catalog 查看），无法校验`);
    }
  }
  let best: { c: Catalog; n: number } | null = null;
  for (const s of listCatalogs()) {
    const c = getCatalog(s.id);
    const n = bindTables(state, c).sheets.size;
    if (n > 0 && (!best || n > best.n)) best = { c, n };
  }
  if (!best) throw new CheckWorkbookError("notTianbao", "工作簿中没有找到填报助手装载的数据表（没有 TB_ 定义名称、表编号属性或「表…」标题），无法校验");
  return best.c;
}

export async function checkWorkbook(port: WorkbookPort, options: CheckWorkbookOptions = {}): Promise<WorkbookCheck> {
  const state = await readWorkbookState(port);
  const catalog = chooseCatalog(state, options.catalog);
  const yearText = state.meta.settings[META_KEYS.statYear]?.value?.trim() ?? "";
  if (!yearText) throw new CheckWorkbookError("noStatYear", "工作簿没有设置统计年度（隐藏的元数据表中没有 statYear），无法按统计时间校验；请在任务窗格“设置”中设置统计年度");
  let statYear: number;
  try {
    statYear = parseStatYear(yearText);
  } catch {
    throw new CheckWorkbookError("badStatYear", `隐藏的元数据表中的统计年度“${yearText}”无效（可能被修改过），请在任务窗格“设置”中重新设置`);
  }
  const binding = bindTables(state, catalog);
  const known = new Map(catalog.tables.map((t) => [t.id, t]));
  let wanted = [...binding.tables.keys()].filter((id) => known.has(id));
  const notLoaded: string[] = [];
  if (options.tables) {
    for (const id of options.tables)
      if (!known.has(id)) throw new CheckWorkbookError("unknownTable", `未知的表：${id}（目录“${catalog.name}”中没有这张表，可用 tianbao catalog 查看）`);
    notLoaded.push(...options.tables.filter((id) => !binding.tables.has(id)));
    wanted = wanted.filter((id) => options.tables!.includes(id));
  }
  const order = new Map(catalog.tables.map((t, i) => [t.id, i]));
  wanted.sort((a, b) => order.get(a)! - order.get(b)!);
  const sheets = wanted.map((id) => binding.tables.get(id)!.sheet);
  const data = await port.read(sheets.map((sheet) => ({ sheet })));
  // the values were read for this check alone: the tables take them over (no copy of big sheets)
  const tds: TableData[] = data.map((range, i) => readTable(range, known.get(wanted[i])!, { owned: true }));
  const findings = checkTables(tds, catalog, { statYear });
  const tables: CheckedTable[] = wanted.map((id, i) => {
    const own = findings.filter((f) => f.table === id);
    return { tableId: id, name: known.get(id)!.name, sheet: sheets[i], errors: own.filter((f) => f.severity === "error").length, warnings: own.filter((f) => f.severity === "warning").length };
  });
  return { catalog, statYear, tables, findings, conflicts: binding.conflicts, notLoaded };
}
