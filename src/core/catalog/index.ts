/**
 * The catalogs as data, and lookups over them (the pane's table picker, the CLI's `--tables` /
 * `--department`, `tianbao catalog --json`).
 *
 *   const c = getCatalog("undergraduate");            // or "undergraduate-2024", "本科", "vocational" …
 *   const t = requireTable(c, "表1-5-1");              // tolerant of 表, spaces, full-width digits
 *   selectTables(c, { ids: ["1-5-1", "1-6"] });       // Chinese error for unknown ids
 *   catalogToJson(c);                                   // the CLI --json shape (issue 3 point 7)
 *
 * Catalogs returned by getCatalog are shared and deep-frozen: copy before editing (structuredClone).
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog, ColumnType, PeriodKind, PlatformId, RuleDef, TableDef, TableShape } from "./types";
import { CatalogError } from "./errors";
import { normalizeTableId } from "./ids";
import { undergraduateCatalogData } from "./data/undergraduate.generated";
import { undergraduateRules } from "./data/undergraduate-rules";
import { vocationalCatalogData } from "./data/vocational";

export * from "./types";
export { CatalogError } from "./errors";
export { normalizeTableId } from "./ids";
export { recognizeTemplate, recognizeOrDraft, draftTableFromHeaders, parseTemplateTitle, normalizeHeader, MATCH_THRESHOLD } from "./recognize";
export type { RecognitionResult, TemplateMatch, FoundHeader, DraftOptions } from "./recognize";
export { checkCatalogIntegrity, COLUMN_TYPES, TABLE_SHAPES } from "./integrity";
export { catalogToWorkbookOps, catalogFromWorkbook, catalogFromRanges, CATALOG_SHEETS, COLUMN_TYPE_NAMES } from "./workbook";
export type { CatalogErrorCode } from "./errors";
export { periodWindow, periodWindows, parseStatYear, parsePeriodKind, PERIOD_NAMES, PERIOD_KINDS, MIN_STAT_YEAR, MAX_STAT_YEAR } from "./period";
export type { PeriodWindow } from "./period";

export const PLATFORM_NAMES: Readonly<Record<PlatformId, string>> = { undergraduate: "本科", vocational: "高职" };

// ---------------------------------------------------------------------------------------------
// Catalog registry

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
  }
  return o;
}

/** Rules for tables the catalog does not have (reported by checkCatalogIntegrity's test). */
export const undergraduateRuleMergeProblems: string[] = [];

function mergeRules(base: Catalog, rules: { tableRules: Record<string, RuleDef[]>; crossRules: RuleDef[] }): Catalog {
  const c: Catalog = structuredClone(base);
  const byId = new Map(c.tables.map((t) => [t.id, t]));
  for (const [tableId, list] of Object.entries(rules.tableRules)) {
    const t = byId.get(tableId);
    if (!t) {
      undergraduateRuleMergeProblems.push(`规则表中的表 ${tableId} 不在本科目录中（${list.length} 条规则未并入）`);
      continue;
    }
    t.rules = [...t.rules, ...structuredClone(list)];
  }
  c.crossRules = [...c.crossRules, ...structuredClone(rules.crossRules)];
  return c;
}

let cache: Catalog[] | null = null;

function catalogs(): Catalog[] {
  if (!cache) cache = [deepFreeze(mergeRules(undergraduateCatalogData, undergraduateRules)), deepFreeze(structuredClone(vocationalCatalogData))];
  return cache;
}

export interface CatalogSummary {
  id: string;
  platform: PlatformId;
  platformName: string;
  edition: number;
  name: string;
  tableCount: number;
  incompleteCount: number;
}

export function listCatalogs(): CatalogSummary[] {
  return catalogs().map((c) => ({
    id: c.id,
    platform: c.platform,
    platformName: PLATFORM_NAMES[c.platform],
    edition: c.edition,
    name: c.name,
    tableCount: c.tables.length,
    incompleteCount: c.tables.filter((t) => t.incomplete).length,
  }));
}

/** By catalog id ("undergraduate-2024"), platform ("undergraduate") or its Chinese name ("本科"). */
export function getCatalog(idOrPlatform: string): Catalog {
  const key = String(idOrPlatform ?? "").trim();
  const lower = key.toLowerCase();
  const found = catalogs().find((c) => c.id === lower || c.platform === lower || PLATFORM_NAMES[c.platform] === key);
  if (!found) {
    const known = catalogs().map((c) => `${c.platform}（${PLATFORM_NAMES[c.platform]}，${c.id}）`).join("、");
    throw new CatalogError("unknownCatalog", `未知的目录“${key}”：可用的目录有 ${known}。`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Tables

/** By id ("1-5-1", "表 １－５－１"), by exact name ("教职工基本信息") or by "id name" ("表1-5-1 教职工基本信息"). */
export function findTable(catalog: Catalog, idOrName: string): TableDef | undefined {
  const want = normalizeTableId(idOrName);
  const byId = (id: string) => catalog.tables.find((t) => t.id === id) ?? catalog.tables.find((t) => normalizeTableId(t.id) === id);
  const hit = byId(want) ?? catalog.tables.find((t) => tidy(t.name) === tidy(want));
  if (hit || !want) return hit;
  // "1-5-1教职工基本信息": the longest id prefix whose table has that name.
  const named = catalog.tables
    .filter((t) => want.startsWith(t.id) && tidy(want.slice(t.id.length)) === tidy(t.name))
    .sort((a, b) => b.id.length - a.id.length)[0];
  return named;
}

export function requireTable(catalog: Catalog, id: string): TableDef {
  const t = findTable(catalog, id);
  if (t) return t;
  const want = normalizeTableId(id);
  const near = catalog.tables.filter((x) => x.id.startsWith(want.split(/[-.]/)[0] + (catalog.platform === "vocational" ? "." : "-")) || x.name.includes(want)).slice(0, 5);
  const hint = near.length ? `；相近的表：${near.map((x) => `${x.id} ${x.name}`).join("、")}` : "";
  throw new CatalogError("unknownTable", `${PLATFORM_NAMES[catalog.platform]}目录中没有表“${String(id).trim()}”${hint}。`);
}

export function categories(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const t of catalog.tables) if (!out.includes(t.category)) out.push(t.category);
  return out;
}

/** Departments named by the catalog (责任单位 and 审核单位); "教务部、学务部" counts for both. */
export function departments(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const t of catalog.tables)
    for (const d of [t.department, t.reviewingDepartment])
      for (const part of splitDepartments(d)) if (!out.includes(part)) out.push(part);
  return out;
}

function splitDepartments(d: string | undefined): string[] {
  return d ? d.split(/[、,，;；/]/).map((s) => s.trim()).filter(Boolean) : [];
}

function tidy(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, "").toLowerCase();
}

export function tablesByCategory(catalog: Catalog, category: string): TableDef[] {
  const want = tidy(category);
  return catalog.tables.filter((t) => {
    // "6 学生信息" matches "6 学生信息", "6" and "学生信息"; "SF 师范类专业情况" matches "SF".
    const [code, ...rest] = t.category.trim().split(/\s+/);
    return [t.category, code, rest.join("")].some((c) => c && tidy(c) === want);
  });
}

/** Tables a department fills (责任单位) or, with `includeReviewing`, reviews. */
export function tablesByDepartment(catalog: Catalog, department: string, includeReviewing = false): TableDef[] {
  const want = tidy(department);
  return catalog.tables.filter(
    (t) => splitDepartments(t.department).some((d) => tidy(d) === want) || (includeReviewing && splitDepartments(t.reviewingDepartment).some((d) => tidy(d) === want)),
  );
}

/**
 * Search by id, name, category or column header; best matches first (id, then name, then
 * category, then a header). Empty text → all tables.
 */
export function searchTables(catalog: Catalog, text: string): TableDef[] {
  const q = tidy(text);
  if (!q) return catalog.tables.slice();
  const qid = normalizeTableId(text).toLowerCase();
  const scored: Array<{ t: TableDef; score: number; i: number }> = [];
  catalog.tables.forEach((t, i) => {
    let score = 0;
    if (t.id.toLowerCase() === qid) score = 100;
    else if (t.id.toLowerCase().startsWith(qid)) score = 80;
    else if (tidy(t.name) === q) score = 70;
    else if (tidy(t.name).includes(q)) score = 60;
    else if (tidy(`${t.id}${t.name}`).includes(q)) score = 50;
    else if (tidy(t.category).includes(q)) score = 30;
    else if (t.columns.some((c) => tidy(c.header).includes(q))) score = 10;
    if (score > 0) scored.push({ t, score, i });
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((x) => x.t);
}

export interface TableSelection {
  /** Table ids, or "all"; a comma-separated string as typed after --tables is accepted. */
  ids?: string[] | string;
  category?: string;
  department?: string;
  search?: string;
}

/**
 * The tables chosen by the template page / CLI. Criteria combine (AND). Unknown ids, categories or
 * departments throw a Chinese CatalogError naming them, so nothing is loaded by mistake.
 */
export function selectTables(catalog: Catalog, sel: TableSelection): TableDef[] {
  let chosen = catalog.tables.slice();
  const idList = typeof sel.ids === "string" ? sel.ids.split(/[,，、;；\s]+/).filter(Boolean) : sel.ids;
  if (idList && !(idList.length === 1 && idList[0].toLowerCase() === "all")) {
    const unknown: string[] = [];
    const picked: TableDef[] = [];
    for (const id of idList) {
      const t = findTable(catalog, id);
      if (!t) unknown.push(id);
      else if (!picked.includes(t)) picked.push(t);
    }
    if (unknown.length) throw new CatalogError("unknownTable", `${PLATFORM_NAMES[catalog.platform]}目录中没有这些表：${unknown.join("、")}。请用 tianbao catalog 查看表编号。`, unknown.map((u) => `没有表“${u}”`));
    chosen = catalog.tables.filter((t) => picked.includes(t));
  }
  if (sel.category) {
    const inCat = tablesByCategory(catalog, sel.category);
    if (!inCat.length) throw new CatalogError("unknownTable", `没有类别“${sel.category}”：可用的类别有 ${categories(catalog).join("、")}。`);
    chosen = chosen.filter((t) => inCat.includes(t));
  }
  if (sel.department) {
    const ofDept = tablesByDepartment(catalog, sel.department);
    if (!ofDept.length) {
      const known = departments(catalog);
      throw new CatalogError(
        "unknownTable",
        known.length ? `没有由“${sel.department}”负责的表：目录中的部门有 ${known.join("、")}。` : `${PLATFORM_NAMES[catalog.platform]}目录没有记录责任单位（来源未说明），不能按部门选择表；请在责任分解表中分配。`,
      );
    }
    chosen = chosen.filter((t) => ofDept.includes(t));
  }
  if (sel.search) {
    const found = searchTables(catalog, sel.search);
    chosen = found.filter((t) => chosen.includes(t));
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// JSON (CLI `tianbao catalog --json`)

export interface CatalogJson {
  catalog: string;
  edition: number;
  tables: Array<{
    id: string;
    name: string;
    category: string;
    period: PeriodKind;
    shape: TableShape;
    base: boolean;
    dependsOn: string[];
    provenance: TableDef["provenance"];
    columns: Array<{ key: string; header: string; type: ColumnType; required: boolean; unit: string | null; codeList: string | null }>;
  }>;
  codeLists: Record<string, Array<{ value: string; label: string }>>;
}

/** Exactly the `--json` shape of issue 3 point 7; absent unit/codeList are null so every column has the same keys. */
export function catalogToJson(catalog: Catalog): CatalogJson {
  const codeLists: CatalogJson["codeLists"] = {};
  for (const id of Object.keys(catalog.codeLists)) codeLists[id] = catalog.codeLists[id].values.map((v) => ({ value: v.value, label: v.label }));
  return {
    catalog: catalog.id,
    edition: catalog.edition,
    tables: catalog.tables.map((t) => ({
      id: t.id,
      name: t.name,
      category: t.category,
      period: t.period,
      shape: t.shape,
      base: t.base,
      dependsOn: t.dependsOn.slice(),
      provenance: { ...t.provenance },
      columns: t.columns.map((c) => ({ key: c.key, header: c.header, type: c.type, required: c.required, unit: c.unit ?? null, codeList: c.codeList ?? null })),
    })),
    codeLists,
  };
}

