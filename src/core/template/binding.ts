/**
 * Which sheet holds which table. Users rename, copy, move and retitle sheets, so the binding is
 * kept in four places and resolved in this order:
 *   1. the workbook defined name `tableNameFor(id)` (TB_1_5_1) pointing at A1 of the sheet —
 *      Excel keeps it on the sheet when the sheet is renamed;
 *   2. the worksheet custom property PROP_TABLE_ID;
 *   3. the row of the table on the very hidden META_SHEET (sheet name at load time);
 *   4. the title text 「表1-5-1 …」 in the first rows (for workbooks that lost their metadata, e.g.
 *      after a round trip through another spreadsheet program).
 * Disagreements are reported as conflicts (Chinese), never resolved silently.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog } from "../catalog/types";
import type { WorkbookPort } from "../workbook/port";
import { HEADER_SEARCH_ROWS, PROP_CATALOG_ID, PROP_TABLE_ID, tableNameFor } from "./layout";
import { isOwnSheet, readWorkbookState, topGrid, type WorkbookState } from "./state";
import { parseTitle } from "./titles";

export type BindingSource = "name" | "property" | "meta" | "title";

export interface TableBinding {
  tableId: string;
  sheet: string;
  /** The strongest source that named this sheet. */
  via: BindingSource;
  /** What each source said (sheet names); absent = that source has nothing for this table. */
  found: Partial<Record<BindingSource, string>>;
}

export type ConflictCode =
  | "nameBroken"
  | "nameElsewhere"
  | "duplicateProperty"
  | "sheetTwice"
  | "propertyOtherTable"
  | "catalogMismatch"
  | "duplicateTitle";

export interface BindingConflict {
  code: ConflictCode;
  tableId?: string;
  sheet?: string;
  message: string;
}

export interface Binding {
  /** tableId → binding. */
  tables: Map<string, TableBinding>;
  /** sheet → tableId. */
  sheets: Map<string, string>;
  conflicts: BindingConflict[];
  /** Catalog id recorded in the meta sheet (null for a workbook that has none yet). */
  catalogId: string | null;
}

const RANK: Record<BindingSource, number> = { name: 0, property: 1, meta: 2, title: 3 };
const VIA_ZH: Record<BindingSource, string> = { name: "定义名称", property: "工作表属性", meta: "元数据表", title: "标题" };

function titleIdsBySheet(state: WorkbookState): Map<string, string> {
  const out = new Map<string, string>();
  for (const [sheet, data] of state.tops) {
    const grid = topGrid(data);
    for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
      const t = parseTitle(grid[r]?.[0]);
      if (t) {
        out.set(sheet, t.id);
        break;
      }
    }
  }
  return out;
}

/** Resolves the binding of every table the workbook (or `catalog`) knows, from a read state. */
export function bindTables(state: WorkbookState, catalog?: Catalog): Binding {
  const conflicts: BindingConflict[] = [];
  const sheetNames = new Set(state.sheets.map((s) => s.name));
  const catalogId = state.meta.settings.catalogId?.value || null;
  const ids = new Set<string>();
  for (const t of catalog?.tables ?? []) ids.add(t.id);
  for (const r of state.meta.tables) ids.add(r.tableId);
  for (const s of state.sheets) {
    const p = s.customProperties[PROP_TABLE_ID];
    if (p) ids.add(p);
  }
  const titles = titleIdsBySheet(state);
  if (!catalog) for (const id of titles.values()) ids.add(id);
  const namesByKey = new Map(state.names.map((n) => [n.name.toUpperCase(), n]));
  // Sheets a stronger source already gives to some table: a title on them binds nothing else.
  const claimed = new Set<string>();
  for (const s of state.sheets) if (s.customProperties[PROP_TABLE_ID]) claimed.add(s.name);
  for (const id of ids) {
    const dn = namesByKey.get(tableNameFor(id).toUpperCase());
    if (dn) claimed.add(dn.sheet);
  }

  const chosen = new Map<string, TableBinding>();
  for (const id of ids) {
    const found: TableBinding["found"] = {};
    const dn = namesByKey.get(tableNameFor(id).toUpperCase());
    if (dn) {
      if (sheetNames.has(dn.sheet)) found.name = dn.sheet;
      else
        conflicts.push({
          code: "nameBroken",
          tableId: id,
          message: `表${id}：定义名称 ${dn.name} 指向的工作表“${dn.sheet}”已不存在（工作表可能被删除）`,
        });
    }
    const props = state.sheets.filter((s) => s.customProperties[PROP_TABLE_ID] === id).map((s) => s.name);
    const metaRow = state.meta.tables.find((r) => r.tableId === id);
    const metaSheet = metaRow && sheetNames.has(metaRow.sheet) ? metaRow.sheet : undefined;
    if (metaSheet) found.meta = metaSheet;
    if (props.length > 0) found.property = found.name && props.includes(found.name) ? found.name : metaSheet && props.includes(metaSheet) ? metaSheet : props[0];
    const titled = [...titles].filter(([sheet, t]) => t === id && !isOwnSheet(sheet) && (!claimed.has(sheet) || sheet === found.name || props.includes(sheet))).map(([sheet]) => sheet);
    if (titled.length > 0) found.title = titled[0];

    const via = (["name", "property", "meta", "title"] as BindingSource[]).find((k) => found[k] !== undefined);
    if (!via) continue;
    // A title alone binds only sheets that no stronger source claims for another table (checked below).
    const sheet = found[via]!;
    chosen.set(id, { tableId: id, sheet, via, found });

    for (const other of props) {
      if (other !== sheet)
        conflicts.push({
          code: found.name ? "nameElsewhere" : "duplicateProperty",
          tableId: id,
          sheet: other,
          message: `表${id}：工作表“${other}”也标记为表${id}（可能是复制出来的工作表），以${VIA_ZH[via]}指向的工作表“${sheet}”为准`,
        });
    }
    if (via === "title" && titled.length > 1)
      conflicts.push({
        code: "duplicateTitle",
        tableId: id,
        sheet: titled[1],
        message: `表${id}：工作表${titled.map((s) => `“${s}”`).join("、")}的标题都是表${id}，以“${sheet}”为准`,
      });
  }

  // One sheet, one table: keep the binding whose own property agrees, else the strongest source.
  const bySheet = new Map<string, TableBinding[]>();
  for (const b of chosen.values()) bySheet.set(b.sheet, [...(bySheet.get(b.sheet) ?? []), b]);
  const sheets = new Map<string, string>();
  for (const [sheet, list] of bySheet) {
    const info = state.sheets.find((s) => s.name === sheet);
    const prop = info?.customProperties[PROP_TABLE_ID];
    list.sort((a, b) => (a.tableId === prop ? -1 : b.tableId === prop ? 1 : RANK[a.via] - RANK[b.via]));
    const [keep, ...drop] = list;
    sheets.set(sheet, keep.tableId);
    for (const d of drop) {
      chosen.delete(d.tableId);
      // A weak title match on a sheet bound to another table is not worth a message.
      if (d.via === "title" || d.via === "meta") continue;
      conflicts.push({
        code: "sheetTwice",
        tableId: d.tableId,
        sheet,
        message: `工作表“${sheet}”同时绑定到表${keep.tableId}和表${d.tableId}（${VIA_ZH[d.via]}），按表${keep.tableId}处理；表${d.tableId}视为尚未载入`,
      });
    }
    if (prop && prop !== keep.tableId && keep.via === "name")
      conflicts.push({
        code: "propertyOtherTable",
        tableId: keep.tableId,
        sheet,
        message: `工作表“${sheet}”的定义名称表示表${keep.tableId}，但工作表属性记为表${prop}，按表${keep.tableId}处理`,
      });
    const cat = info?.customProperties[PROP_CATALOG_ID];
    if (cat && catalogId && cat !== catalogId)
      conflicts.push({
        code: "catalogMismatch",
        tableId: keep.tableId,
        sheet,
        message: `工作表“${sheet}”属于目录“${cat}”，而本工作簿的目录是“${catalogId}”`,
      });
  }
  return { tables: chosen, sheets, conflicts, catalogId };
}

/** Reads the workbook and resolves every table binding it records (no catalog needed). */
export async function readBinding(port: WorkbookPort, catalog?: Catalog): Promise<Binding> {
  const state = await readWorkbookState(port, catalog);
  return bindTables(state, catalog);
}

/** The sheet of each catalog table loaded in the workbook (tableId → sheet), with conflicts. */
export async function resolveTableSheets(port: WorkbookPort, catalog: Catalog): Promise<Binding> {
  const binding = await readBinding(port, catalog);
  const known = new Set(catalog.tables.map((t) => t.id));
  for (const [id, b] of [...binding.tables]) {
    if (!known.has(id)) {
      binding.tables.delete(id);
      binding.sheets.delete(b.sheet);
      binding.conflicts.push({ code: "catalogMismatch", tableId: id, sheet: b.sheet, message: `工作表“${b.sheet}”绑定的表${id}不在目录“${catalog.name}”中` });
    }
  }
  return binding;
}
