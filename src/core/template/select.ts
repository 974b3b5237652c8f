/**
 * Which catalog tables a load means: an id list ("1-5-1,1-6") or "all". Ids are matched by the
 * catalog's own `findTable` (「表1-5-1」, full-width digits and dashes, stray spaces, any case);
 * every unknown id is named in one TemplateError so nothing is loaded by mistake. Selection by
 * category, department or search is the catalog's `selectTables`.
 * Pure core: no Office, DOM or React imports.
 */
import { findTable } from "../catalog";
import type { Catalog, TableDef } from "../catalog/types";
import { TemplateError } from "./errors";

/** Splits "1-5-1, 1-6；2-1" into ids (separators: , ， ; ； 、 and spaces). */
export function splitTableIds(list: string): string[] {
  return list
    .split(/[,，;；、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function isAll(ids: readonly string[] | "all"): boolean {
  return ids === "all" || (ids.length === 1 && ids[0].trim().toLowerCase() === "all");
}

/**
 * The catalog tables for `ids` in catalog order, without duplicates. Throws TemplateError
 * ("unknownTable", 「未知的表：X、Y」) listing every id that matches no table. An empty list is
 * not "all": it throws ("noTables"), so a selection bug cannot load every table.
 */
export function resolveTableIds(catalog: Catalog, ids: readonly string[] | "all"): TableDef[] {
  if (isAll(ids)) return catalog.tables.slice();
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const raw of ids as readonly string[]) {
    if (raw.trim() === "") continue;
    const t = findTable(catalog, raw);
    if (t) wanted.add(t.id);
    else if (!unknown.includes(raw.trim())) unknown.push(raw.trim());
  }
  if (unknown.length > 0) throw new TemplateError("unknownTable", `未知的表：${unknown.join("、")}`, unknown);
  if (wanted.size === 0) throw new TemplateError("noTables", "没有选择要载入的数据表");
  return catalog.tables.filter((t) => wanted.has(t.id));
}
