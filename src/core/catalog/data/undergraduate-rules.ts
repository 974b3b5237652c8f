/**
 * 本科 validation rules as data, merged into the undergraduate catalog by `getCatalog`
 * (src/core/catalog/index.ts): `tableRules[tableId]` is appended to that table's `rules`,
 * `crossRules` to the catalog's `crossRules`.
 *
 * Placeholder: the validation helper fills this file (rule kinds are defined in src/core/validation).
 * Keep the export name and shape stable.
 */
import type { RuleDef } from "../types";

export interface UndergraduateRules {
  /** Keyed by current (2020+) table id, e.g. "1-5-1". */
  tableRules: Record<string, RuleDef[]>;
  crossRules: RuleDef[];
}

export const undergraduateRules: UndergraduateRules = { tableRules: {}, crossRules: [] };
