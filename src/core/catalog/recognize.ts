/**
 * Recognising an official per-table template downloaded from the platform (issue 3 point 6a):
 * find its header row (title rows may sit above it), compare the headers with every catalog table
 * (tolerant of spaces, line breaks, full-width characters, required-field stars, renamed headers)
 * and return the best table with a score. When nothing matches, `draftTableFromHeaders` turns the
 * header row into an incomplete TableDef for the quality office to complete.
 * Pure core.
 */
import type { CellValue } from "../workbook/port";
import type { Catalog, ColumnDef, ColumnType, PeriodKind, TableDef } from "./types";
import { normalizeTableId } from "./ids";

/** How far down a header row is looked for. */
const MAX_HEADER_ROW = 20;
/** Below this score nothing is reported as a match. */
export const MATCH_THRESHOLD = 0.5;
/** Two headers this similar (character-bigram Dice) count as one renamed header. */
const RENAME_SIMILARITY = 0.6;

/** "学 历\n（最高）*" → "学历(最高)". Full-width → half-width, no whitespace, no required stars. */
export function normalizeHeader(v: CellValue | undefined): string {
  if (v === undefined || v === null || typeof v === "boolean") return "";
  return String(v)
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00a0]/g, "")
    .replace(/^\*+|\*+$/g, "")
    .replace(/[【[]/g, "(")
    .replace(/[】\]]/g, ")")
    .toLowerCase();
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  const chars = [...s];
  if (chars.length < 2) return chars;
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Dice coefficient over character bigrams (0…1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

export interface FoundHeader {
  /** 0-based column in `rows`. */
  column: number;
  /** The cell text as found (trimmed). */
  text: string;
}

export interface TemplateMatch {
  table: TableDef;
  /** 0…1: matched headers (renamed ones count 0.7) over the larger of the two header sets, plus a title bonus. */
  score: number;
  /** 0-based row of the (last) header row. */
  headerRow: number;
  /** Where each catalog column was found. */
  columns: Array<{ key: string; header: string; column: number; found: string; renamed: boolean }>;
  /** Catalog headers not found in the file. */
  missing: string[];
  /** Headers in the file the catalog does not have. */
  extra: string[];
  /** Whether the title rows above the header name this table (id or name). */
  titleMatched: boolean;
}

export interface RecognitionResult {
  match: TemplateMatch | null;
  /** Best candidates, best first (at most 5). */
  candidates: Array<{ tableId: string; name: string; score: number }>;
  /** The header row that was compared (best guess), for drafting a new table. */
  headerRow: number;
  headers: FoundHeader[];
  /** Title text found above the header row ("表3-3-3 思政课教师情况"), if any. */
  title: string;
  /** Chinese summary for the user. */
  message: string;
}

function rowHeaders(rows: CellValue[][], r: number): FoundHeader[] {
  const out: FoundHeader[] = [];
  (rows[r] ?? []).forEach((v, column) => {
    const text = typeof v === "string" ? v.trim() : ""; // headers are text; numbers are data
    if (text) out.push({ column, text });
  });
  return out;
}

/** Two-row headers: the group text of the row above (carried right across merged/empty cells) + " / " + leaf. */
function combinedHeaders(rows: CellValue[][], r: number): FoundHeader[] {
  if (r === 0) return [];
  const above = rows[r - 1] ?? [];
  const leaves = rowHeaders(rows, r);
  let group = "";
  const groups: string[] = [];
  const width = Math.max(above.length, rows[r]?.length ?? 0);
  for (let c = 0; c < width; c++) {
    const g = typeof above[c] === "string" ? (above[c] as string).trim() : "";
    if (g) group = g;
    else if (c > 0 && (rows[r]?.[c] === "" || rows[r]?.[c] === undefined)) group = "";
    groups[c] = group;
  }
  return leaves.map((h) => {
    const g = groups[h.column];
    return g && g !== h.text ? { column: h.column, text: `${g} / ${h.text}` } : h;
  });
}

interface Scored {
  match: TemplateMatch;
  raw: number;
}

interface TableIndex {
  table: TableDef;
  /** normalised full header, and leaf header where the leaf is unique → column index */
  exact: Map<string, number>;
  norm: string[];
  leaf: string[];
}

const indexCache = new WeakMap<Catalog, TableIndex[]>();

function tableIndexes(catalog: Catalog): TableIndex[] {
  let idx = indexCache.get(catalog);
  if (idx) return idx;
  idx = catalog.tables
    .filter((t) => t.columns.length > 0)
    .map((table) => {
      const norm = table.columns.map((c) => normalizeHeader(c.header));
      const leaf = table.columns.map((c) => normalizeHeader(c.header.split(" / ").pop()));
      const exact = new Map<string, number>();
      norm.forEach((n, i) => exact.set(n, i));
      leaf.forEach((l, i) => {
        if (leaf.indexOf(l) === leaf.lastIndexOf(l) && !exact.has(l)) exact.set(l, i);
      });
      return { table, exact, norm, leaf };
    });
  indexCache.set(catalog, idx);
  return idx;
}

interface FoundNorm extends FoundHeader {
  norm: string;
  leaf: string;
}

/** Exact matches only: found index → catalog column index. */
function exactPairs(ix: TableIndex, found: FoundNorm[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  found.forEach((f, j) => {
    const i = ix.exact.get(f.norm) ?? ix.exact.get(f.leaf);
    if (i !== undefined && !used.has(i)) {
      used.add(i);
      pairs.set(j, i);
    }
  });
  return pairs;
}

function scoreTable(ix: TableIndex, found: FoundNorm[], headerRow: number, titleMatched: boolean): Scored {
  const table = ix.table;
  const pairs = exactPairs(ix, found);
  const used = new Set(pairs.values());
  const renamed = new Map<number, number>();
  // Renamed headers: a leftover header pairs with a leftover column when the two are similar, or
  // when they sit in the same place between matched neighbours and share at least one bigram.
  const candidates: Array<{ j: number; i: number; s: number }> = [];
  found.forEach((f, j) => {
    if (pairs.has(j)) return;
    const slot = new Set<number>();
    const prev = pairs.get(j - 1);
    const next = pairs.get(j + 1);
    if (prev !== undefined) slot.add(prev + 1);
    if (next !== undefined) slot.add(next - 1);
    ix.norm.forEach((n, i) => {
      if (used.has(i)) return;
      const s = Math.max(similarity(f.norm, n), similarity(f.leaf, ix.leaf[i]));
      if (s >= RENAME_SIMILARITY || (slot.has(i) && s > 0)) candidates.push({ j, i, s: s + (slot.has(i) ? 1 : 0) });
    });
  });
  candidates.sort((a, b) => b.s - a.s || a.j - b.j);
  for (const c of candidates) {
    if (used.has(c.i) || renamed.has(c.j)) continue;
    used.add(c.i);
    renamed.set(c.j, c.i);
  }
  const columns: TemplateMatch["columns"] = [];
  found.forEach((f, j) => {
    const i = pairs.get(j) ?? renamed.get(j);
    if (i === undefined) return;
    const c = table.columns[i];
    columns.push({ key: c.key, header: c.header, column: f.column, found: f.text, renamed: !pairs.has(j) });
  });
  const denominator = Math.max(table.columns.length, found.length, 1);
  let raw = (pairs.size + 0.7 * renamed.size) / denominator;
  if (titleMatched) raw = Math.min(1, raw + 0.1);
  return {
    raw,
    match: {
      table,
      score: Math.round(raw * 1000) / 1000,
      headerRow,
      columns,
      missing: table.columns.filter((_, i) => !used.has(i)).map((c) => c.header),
      extra: found.filter((_, j) => !pairs.has(j) && !renamed.has(j)).map((f) => f.text),
      titleMatched,
    },
  };
}

function titleAbove(rows: CellValue[][], headerRow: number): string {
  const parts: string[] = [];
  for (let r = 0; r < headerRow; r++) for (const v of rows[r] ?? []) if (typeof v === "string" && v.trim()) parts.push(v.trim());
  return parts.join(" ");
}

function titleNames(table: TableDef, title: string): boolean {
  if (!title) return false;
  const t = normalizeHeader(title);
  const id = normalizeHeader(table.id);
  const idHit = new RegExp(`(^|表|[^0-9a-z.-])${id.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}($|[^0-9.-])`).test(t);
  return idHit || (table.name.length >= 4 && t.includes(normalizeHeader(table.name)));
}

/**
 * The catalog table an official template's rows belong to. `rows` are the sheet's values from A1
 * (title rows, header row(s), maybe data). Never throws for odd input; `match` is null with a
 * Chinese message when no table scores at least MATCH_THRESHOLD.
 */
export function recognizeTemplate(rows: CellValue[][], catalog: Catalog): RecognitionResult {
  const limit = Math.min(rows.length, MAX_HEADER_ROW);
  const indexes = tableIndexes(catalog);
  let best: Scored | null = null;
  let bestRow = -1;
  let bestHeaders: FoundHeader[] = [];
  const perTable = new Map<string, number>();
  let widest = { row: -1, headers: [] as FoundHeader[] };
  for (let r = 0; r < limit; r++) {
    const plain = rowHeaders(rows, r);
    if (plain.length > widest.headers.length) widest = { row: r, headers: plain };
    if (plain.length < 2) continue;
    const title = titleAbove(rows, r);
    for (const variant of [plain, combinedHeaders(rows, r)]) {
      if (!variant.length) continue;
      const found: FoundNorm[] = variant.map((f) => ({ ...f, norm: normalizeHeader(f.text), leaf: normalizeHeader(f.text.split(" / ").pop()) }));
      // Cheap exact pass over every table; the renamed-header pass only for the best few.
      const quick = indexes
        .map((ix) => ({ ix, exact: exactPairs(ix, found).size / Math.max(ix.table.columns.length, found.length), title: titleNames(ix.table, title) }))
        .filter((q) => q.exact > 0 || q.title)
        .sort((a, b) => b.exact - a.exact)
        .slice(0, 8);
      for (const q of quick) {
        const s = scoreTable(q.ix, found, r, q.title);
        perTable.set(q.ix.table.id, Math.max(perTable.get(q.ix.table.id) ?? 0, s.raw));
        if (!best || s.raw > best.raw) {
          best = s;
          bestRow = r;
          bestHeaders = variant;
        }
      }
    }
  }
  const candidates = [...perTable.entries()]
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([tableId, s]) => ({ tableId, name: catalog.tables.find((t) => t.id === tableId)!.name, score: Math.round(s * 1000) / 1000 }));

  if (best && best.raw >= MATCH_THRESHOLD) {
    const m = best.match;
    const bits = [`识别为表 ${m.table.id} ${m.table.name}（匹配度 ${Math.round(m.score * 100)}%，表头在第 ${m.headerRow + 1} 行）`];
    const renamed = m.columns.filter((c) => c.renamed);
    if (renamed.length) bits.push(`表头有改动：${renamed.map((c) => `“${c.found}”按“${c.header}”处理`).join("；")}`);
    if (m.missing.length) bits.push(`文件中缺少：${m.missing.join("、")}`);
    if (m.extra.length) bits.push(`目录中没有：${m.extra.join("、")}`);
    return { match: m, candidates, headerRow: m.headerRow, headers: bestHeaders, title: titleAbove(rows, m.headerRow), message: bits.join("。") + "。" };
  }
  const headerRow = bestRow >= 0 ? bestRow : widest.row;
  const headers = bestRow >= 0 ? rowHeaders(rows, bestRow) : widest.headers;
  const near = candidates.length ? `最接近的是 ${candidates.slice(0, 3).map((c) => `表 ${c.tableId} ${c.name}（${Math.round(c.score * 100)}%）`).join("、")}` : "没有任何表头与目录中的表相同";
  const message =
    headers.length === 0
      ? `文件前 ${MAX_HEADER_ROW} 行中找不到表头行，无法识别为${catalog.name}的任何一张表。`
      : `表头与${catalog.name}目录中的任何一张表都不匹配（${near}）。可以据此新建一张表的定义，交质量办补全字段类型和代码表。`;
  return { match: null, candidates, headerRow, headers, title: headerRow > 0 ? titleAbove(rows, headerRow) : "", message };
}

// ---------------------------------------------------------------------------------------------
// Drafting a new table

const UNIT_WORDS = new Set(["元", "万元", "册", "万册", "平方米", "人", "人次", "个", "项", "次", "门", "分", "台", "套", "种", "份", "天", "月", "年", "学时", "学分", "%"]);

function guessType(header: string): { type: ColumnType; unit?: string } {
  const leaf = header.split(" / ").pop() as string;
  const m = /[（(]([^（）()]+)[）)]\s*$/.exec(leaf);
  const unit = m && UNIT_WORDS.has(m[1].trim()) ? m[1].trim() : undefined;
  if (/身份证/.test(leaf)) return { type: "idCard" };
  if (/邮箱|e-?mail/i.test(leaf)) return { type: "email" };
  if (/网址|网站/.test(leaf)) return { type: "url" };
  if (/电话|手机/.test(leaf)) return { type: "phone" };
  if (/年月/.test(leaf)) return { type: "yearMonth" };
  if (/年份$|[（(]年[）)]$/.test(leaf)) return { type: "year" };
  if (/日期/.test(leaf)) return { type: "date" };
  if (unit && /元$/.test(unit)) return { type: "decimal", unit };
  if (unit === "平方米" || unit === "%") return { type: "decimal", unit };
  if (unit) return { type: "integer", unit };
  if (/(数|数量|人数|总数)$/.test(leaf)) return { type: "integer" };
  return { type: "text" };
}

export interface DraftOptions {
  id?: string;
  name?: string;
  category?: string;
  period?: PeriodKind;
  /** Where the headers came from, e.g. the file name. */
  source?: string;
}

/** "表3-3-3 思政课教师情况（时点）" → {id: "3-3-3", name: "思政课教师情况", period: "point"}. */
export function parseTemplateTitle(title: string): { id?: string; name?: string; period?: PeriodKind } {
  const m = /表\s*([A-Za-zＡ-Ｚａ-ｚ]*[-－]?[0-9０-９]+(?:\s*[-－.．]\s*[0-9０-９]+)*)\s*[：:]?\s*([^\s（(]+)?(?:[（(](时点|学年|自然年)[）)])?/.exec(title);
  if (!m) return {};
  const period = m[3] === "时点" ? "point" : m[3] === "学年" ? "academicYear" : m[3] === "自然年" ? "calendarYear" : undefined;
  return { id: normalizeTableId(m[1]), name: m[2]?.trim(), period };
}

/**
 * An incomplete TableDef made from a template's header row, for the quality office to complete
 * (types are guesses from the header text; no code lists; nothing required).
 */
export function draftTableFromHeaders(headers: Array<string | FoundHeader>, options: DraftOptions = {}): TableDef {
  const texts = headers.map((h) => (typeof h === "string" ? h : h.text).replace(/[\r\n]+/g, "").trim()).filter(Boolean);
  const seen = new Map<string, number>();
  const columns: ColumnDef[] = texts.map((text, i) => {
    let header = text;
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    if (n > 1) header = `${text}（${n}）`;
    const { type, unit } = guessType(header);
    const col: ColumnDef = { key: `c${String(i + 1).padStart(2, "0")}`, header, type, required: false };
    if (unit) col.unit = unit;
    return col;
  });
  return {
    id: options.id ?? "新表",
    name: options.name ?? "（待命名）",
    category: options.category ?? "未分类",
    period: options.period ?? "point",
    shape: "list",
    base: false,
    required: false,
    dependsOn: [],
    columns,
    rules: [],
    incomplete: true,
    provenance: {
      source: options.source ?? "official template file (header row)",
      idStatus: options.id ? "sourced" : "inferred",
      fieldsStatus: "sourced",
      note: "Drafted from the template's header row: column types are guesses from the header text, no code lists, nothing required; 统计时间 and 表类型 need checking by the quality office.",
    },
  };
}

/** recognizeTemplate, and when nothing matches, a draft from the same header row and title. */
export function recognizeOrDraft(rows: CellValue[][], catalog: Catalog, source?: string): RecognitionResult & { draft: TableDef | null } {
  const result = recognizeTemplate(rows, catalog);
  if (result.match) return { ...result, draft: null };
  if (!result.headers.length) return { ...result, draft: null };
  const title = parseTemplateTitle(result.title);
  const known = title.id ? catalog.tables.find((t) => t.id === title.id) : undefined;
  const draft = draftTableFromHeaders(result.headers, {
    id: title.id,
    name: title.name ?? known?.name,
    category: known?.category,
    period: title.period ?? known?.period,
    source,
  });
  return { ...result, draft };
}
