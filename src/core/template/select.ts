/**
 * Choosing tables to load: by id list ("1-5-1,1-6" or "all"), by department, by category, by search.
 * Ids are matched leniently (「表1-5-1」, full-width digits and dashes, stray spaces, any case), and
 * unknown ids are an error naming every one of them.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog, TableDef } from "../catalog/types";
import { TemplateError } from "./errors";

/** Comparison form of a table id: NFKC (full-width → half-width), no spaces, no leading 表, upper case. */
export function tableIdKey(id: string): string {
  return id
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/^表/, "")
    .replace(/[‐‑‒–—−]/g, "-")
    .toUpperCase();
}

function textKey(s: string): string {
  return s.normalize("NFKC").replace(/[\s\u3000]+/g, "").toUpperCase();
}

/** Splits "1-5-1, 1-6；2-1" into ids (separators: , ， ; ； 、 and spaces). */
export function splitTableIds(list: string): string[] {
  return list
    .split(/[,，;；、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The catalog tables for `ids` in catalog order, without duplicates. Throws TemplateError
 * ("unknownTable") listing every id that matches no table; "all" (or an empty list) means all.
 */
export function resolveTableIds(catalog: Catalog, ids: readonly string[] | "all"): TableDef[] {
  if (ids === "all" || ids.length === 0 || (ids.length === 1 && textKey(ids[0]) === "ALL")) return catalog.tables.slice();
  const byKey = new Map(catalog.tables.map((t) => [tableIdKey(t.id), t]));
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const raw of ids) {
    const t = byKey.get(tableIdKey(raw));
    if (t) wanted.add(t.id);
    else if (raw.trim() !== "" && !unknown.includes(raw.trim())) unknown.push(raw.trim());
  }
  if (unknown.length > 0) throw new TemplateError("unknownTable", `未知的表：${unknown.join("、")}`, unknown);
  return catalog.tables.filter((t) => wanted.has(t.id));
}

/** Tables whose usual department (责任单位) contains `department` (spaces and width ignored). */
export function tablesForDepartment(catalog: Catalog, department: string, from: TableDef[] = catalog.tables): TableDef[] {
  const key = textKey(department);
  if (!key) return from.slice();
  return from.filter((t) => t.department !== undefined && textKey(t.department).includes(key));
}

/** Tables of a category ("1 学校基本信息", or just "1" / "学校基本信息"). */
export function tablesForCategory(catalog: Catalog, category: string, from: TableDef[] = catalog.tables): TableDef[] {
  const key = textKey(category);
  return from.filter((t) => {
    const c = textKey(t.category);
    return c === key || c.startsWith(key) || c.includes(key);
  });
}

/** Tables whose id or name contains `query`. */
export function searchTables(catalog: Catalog, query: string, from: TableDef[] = catalog.tables): TableDef[] {
  const key = textKey(query);
  if (!key) return from.slice();
  const idKey = tableIdKey(query);
  return from.filter((t) => tableIdKey(t.id).includes(idKey) || textKey(t.name).includes(key));
}
