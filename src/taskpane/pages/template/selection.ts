/** Which tables the 模板 page lists for a filter; the matching itself is the catalog's (one place). */
import { categories, departments, parseStatYear, searchTables, tablesByCategory, tablesByDepartment, type Catalog, type TableDef } from "../../../core/catalog";

export type FilterMode = "all" | "category" | "department" | "search";

export interface TableFilter {
  mode: FilterMode;
  /** Category / department name, or the search text. */
  value: string;
}

export function filterOptions(catalog: Catalog, mode: FilterMode): string[] {
  return mode === "category" ? categories(catalog) : mode === "department" ? departments(catalog) : [];
}

export function filterTables(catalog: Catalog, filter: TableFilter): TableDef[] {
  switch (filter.mode) {
    case "all":
      return catalog.tables.slice();
    case "category":
      return filter.value ? tablesByCategory(catalog, filter.value) : [];
    case "department":
      return filter.value ? tablesByDepartment(catalog, filter.value, true) : [];
    case "search":
      return searchTables(catalog, filter.value);
  }
}

/** The 统计年度 typed on the page (stray spaces, full-width digits accepted), or null when invalid. */
export function parseYear(input: string): number | null {
  try {
    return parseStatYear(input);
  } catch {
    return null;
  }
}
