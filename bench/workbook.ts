/**
 * Deterministic large-university workbook for the benchmark (seeded PRNG, no I/O).
 *
 *   const wb = buildWorkbook(getCatalog("undergraduate"), FULL_SIZES);
 *   wb.records.get("1-6")      // CellValue[][] in catalog column order (50,000 students)
 *   sheetValues(table, recs)   // the sheet as the template loader lays it out (title rows, header
 *                              // in row 4, records from row 5) — what `readTable` gets
 *   wb.planted                 // the errors we put in on purpose, with the rule that must find them
 *
 * Values are valid for each column's type, length and code list; cross-table keys (单位号, 专业代码,
 * 工号) point at records that exist and their names agree, unique keys are unique and date columns lie
 * inside their statistical windows — so in the five big tables (1-3, 1-4-1, 1-5-1, 1-6, 5-1-1) the
 * only findings are the planted ones (the jest test in test/bench checks exactly that). The other
 * tables get a few plausible rows; in-row rules the generator does not model (conditionals,
 * aggregates) may give them a few findings, which is fine: they are small.
 */
import type { Catalog, CodeList, ColumnDef, RuleDef, TableDef } from "../src/core/catalog/types";
import { periodWindow } from "../src/core/catalog/period";
import type { CellValue } from "../src/core/workbook/port";
import { FIRST_DATA_ROW, HEADER_ROW, SINGLE_FORM_HEADERS } from "../src/core/template/layout";

export interface BenchSizes {
  students: number;
  staff: number;
  courses: number;
  majors: number;
  units: number;
  /** Records of every other list table. */
  otherRows: number;
}

export const FULL_SIZES: BenchSizes = { students: 50_000, staff: 4_000, courses: 10_000, majors: 100, units: 60, otherRows: 8 };

/** A proportionally small workbook (for the jest test). */
export function smallSizes(students = 500): BenchSizes {
  const f = students / FULL_SIZES.students;
  return { students, staff: Math.max(200, Math.round(FULL_SIZES.staff * f)), courses: Math.max(20, Math.round(FULL_SIZES.courses * f)), majors: 20, units: 12, otherRows: 3 };
}

/** The five tables the benchmark scales up. */
export const BIG_TABLES = { units: "1-3", majors: "1-4-1", staff: "1-5-1", students: "1-6", courses: "5-1-1" } as const;

export interface PlantedError {
  table: string;
  /** Record index (sheet row = FIRST_DATA_ROW + index, 0-based). */
  index: number;
  /** Column key. */
  column: string;
  /** Rule id the engine must report on this cell ("column.code", or the catalog rule id). */
  rule: string;
  /** Also checked by the ajv schemas (row-level column checks). */
  rowLevel: boolean;
  /** Other records that legitimately get a finding because of this one (the first of a duplicate pair). */
  partners?: number[];
}

export interface BenchWorkbook {
  catalog: Catalog;
  statYear: number;
  sizes: BenchSizes;
  /** Table id → records in catalog column order, for every catalog table that has columns. */
  records: Map<string, CellValue[][]>;
  planted: PlantedError[];
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅鑫波斌宇浩凯健俊帆帅旭宁龙林欣佳怡思雨晨子涵轩博文睿泽";
const UNIT_WORDS = ["机械工程", "电气工程", "土木工程", "化学工程", "材料科学", "计算机", "信息工程", "数学", "物理", "外国语", "经济管理", "法学", "马克思主义", "艺术设计", "体育", "建筑", "环境", "生命科学", "食品", "汽车"];
const MAJOR_WORDS = ["机械设计制造及其自动化", "电气工程及其自动化", "土木工程", "化学工程与工艺", "材料成型及控制工程", "计算机科学与技术", "软件工程", "数据科学与大数据技术", "通信工程", "数学与应用数学", "应用物理学", "英语", "日语", "会计学", "财务管理", "工商管理", "法学", "视觉传达设计", "环境设计", "社会体育指导与管理"];
const COURSE_WORDS = ["高等数学", "线性代数", "大学物理", "大学英语", "程序设计基础", "数据结构", "电路原理", "机械原理", "材料力学", "工程制图", "思想道德与法治", "中国近现代史纲要", "概率论与数理统计", "操作系统", "数据库原理", "毕业设计"];

class Gen {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  name(): string {
    const s = SURNAMES[this.int(0, SURNAMES.length - 1)];
    const n = this.int(1, 2);
    let g = "";
    for (let i = 0; i < n; i++) g += GIVEN[this.int(0, GIVEN.length - 1)];
    return s + g;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const DAY = 86_400_000;
const ts = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** Date interval [lo, hi] (UTC ms) a column must lie in, from the table's dateWindow rules. */
function dateBounds(table: TableDef, key: string, statYear: number): { lo: number; hi: number } {
  let lo = -Infinity, hi = Infinity;
  for (const r of table.rules) {
    if (r.kind !== "dateWindow" || r.params.column !== key) continue;
    const p = r.params as { op: string; bound: string; years?: number; period?: string };
    const years = Number(p.years ?? 0);
    let bLo: number, bHi: number;
    if (p.bound === "statYear") {
      bLo = ts(statYear + years, 1, 1);
      bHi = ts(statYear + years, 12, 31);
    } else {
      const w = periodWindow(p.bound === "point" ? "point" : ((p.period ?? table.period) as TableDef["period"]), statYear);
      const iso = p.bound === "periodStart" ? w.from : w.to;
      const [y, m, d] = iso.split("-").map(Number);
      // a month or year column compares at its own granularity: keep a month clear of the bound
      bLo = ts(y + years, m, 1) - 31 * DAY;
      bHi = ts(y + years, m, d) + 31 * DAY;
    }
    if (p.op === "<=" || p.op === "<") hi = Math.min(hi, (p.op === "<" ? bLo - 400 * DAY : bLo) - (p.bound === "statYear" ? 0 : 0));
    else if (p.op === ">=" || p.op === ">") lo = Math.max(lo, p.op === ">" ? bHi + 400 * DAY : bHi);
    else if (p.op === "=") {
      lo = Math.max(lo, bLo + 40 * DAY);
      hi = Math.min(hi, bHi - 40 * DAY);
    }
  }
  if (hi === Infinity && lo === -Infinity) hi = ts(statYear - 1, 6, 30);
  if (lo === -Infinity) lo = hi - 12 * 365 * DAY;
  if (hi === Infinity) hi = lo + 300 * DAY;
  return { lo, hi };
}

function dateValue(col: ColumnDef, t: number): CellValue {
  const d = new Date(t);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  if (col.type === "year") return y;
  if (col.type === "yearMonth") return `${y}${pad(m, 2)}`;
  return `${y}-${pad(m, 2)}-${pad(day, 2)}`;
}

/** A cell of a code column holds the entry's name (性别 “男”), as the national templates do. */
function codeValue(g: Gen, list: CodeList | undefined, avoid?: Set<string>): string {
  if (!list || !list.values.length) return "01";
  const ok = avoid ? list.values.filter((v) => !avoid.has(v.value) && !avoid.has(v.label)) : list.values;
  return g.pick(ok.length ? ok : list.values).label;
}

function textValue(g: Gen, col: ColumnDef, i: number): string {
  const h = col.header;
  let s: string;
  if (/姓名|负责人|教师$|联系人/.test(h)) s = g.name();
  else if (/名称/.test(h)) s = `${g.pick(UNIT_WORDS)}${h.replace(/[（(].*$/, "").replace(/名称$/, "")}${i + 1}`;
  else if (/号|代码|编号/.test(h)) s = `${pad(g.int(0, 9999), 4)}`;
  else if (/民族/.test(h)) s = "汉族";
  else s = `${h.replace(/[（(].*$/, "").slice(0, 6)}${i + 1}`;
  if (col.maxLength && [...s].length > col.maxLength) s = [...s].slice(0, col.maxLength).join("");
  return s;
}

function numberValue(g: Gen, col: ColumnDef): number {
  const lo = col.min ?? 0;
  const hi = col.max ?? (col.type === "integer" ? 200 : 5000);
  if (col.type === "integer") return g.int(Math.ceil(lo), Math.floor(Math.min(hi, lo + 200)));
  const dec = col.decimals ?? 2;
  const v = lo + g.r() * Math.min(hi - lo, 5000);
  return Number(v.toFixed(Math.min(dec, 2)));
}

/** A valid value for one column (before the rule-aware passes). */
function columnValue(g: Gen, table: TableDef, col: ColumnDef, i: number, catalog: Catalog, statYear: number): CellValue {
  switch (col.type) {
    case "text":
      return textValue(g, col, i);
    case "integer":
    case "decimal":
      return numberValue(g, col);
    case "date":
    case "yearMonth":
    case "year": {
      const { lo, hi } = dateBounds(table, col.key, statYear);
      const span = Math.max(0, hi - lo);
      return dateValue(col, lo + span * (0.25 + 0.5 * g.r()));
    }
    case "code":
      return codeValue(g, col.codeList ? catalog.codeLists[col.codeList] : undefined);
    case "multiCode": {
      const list = col.codeList ? catalog.codeLists[col.codeList] : undefined;
      const a = codeValue(g, list), b = codeValue(g, list);
      return a === b ? a : `${a}、${b}`;
    }
    case "idCard":
      return idCard(g);
    case "url":
      return `http://www.school${i + 1}.edu.cn`;
    case "email":
      return `office${i + 1}@school.edu.cn`;
    case "phone":
      return g.r() < 0.5 ? `0931-${pad(g.int(2000000, 9999999), 7)}` : `13${g.int(0, 9)}${pad(g.int(0, 99999999), 8)}`;
  }
  return "";
}

function idCard(g: Gen): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `620102${g.int(1970, 2005)}${pad(g.int(1, 12), 2)}${pad(g.int(1, 28), 2)}${pad(g.int(0, 999), 3)}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (first.charCodeAt(k) - 48) * W[k];
  return first + "10X98765432"[sum % 11];
}

const colIx = (t: TableDef, key: string) => t.columns.findIndex((c) => c.key === key);

interface Target {
  table: string;
  columns: string[];
  name?: string;
}

/** Exists rules of a table (own and catalog-level cross rules owned by it). */
function existsRules(catalog: Catalog, t: TableDef): RuleDef[] {
  return [...t.rules, ...catalog.crossRules.filter((r) => r.params.table === t.id)].filter((r) => r.kind === "exists");
}

/** Tables in an order where exists targets come first (cycles broken by catalog order). */
function generationOrder(catalog: Catalog): TableDef[] {
  const byId = new Map(catalog.tables.map((t) => [t.id, t]));
  const out: TableDef[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (t: TableDef) => {
    if (state.get(t.id)) return;
    state.set(t.id, 1);
    for (const r of existsRules(catalog, t)) {
      const tg = (r.params.targets as Target[] | undefined)?.[0];
      const d = tg && byId.get(tg.table);
      if (d && !state.get(d.id)) visit(d);
    }
    state.set(t.id, 2);
    out.push(t);
  };
  catalog.tables.forEach(visit);
  return out;
}

function rowsFor(t: TableDef, sizes: BenchSizes): number {
  if (t.shape === "single") return 1;
  const big = Object.entries(BIG_TABLES).find(([, id]) => id === t.id);
  if (big) return sizes[big[0] as keyof typeof BIG_TABLES];
  if (t.id === "1-2") return Math.max(4, Math.round(sizes.units / 6));
  return sizes.otherRows;
}

/** Builds every table of the catalog. Deterministic for a given catalog, sizes and seed; `plantErrors: false` gives the clean workbook. */
export function buildWorkbook(catalog: Catalog, sizes: BenchSizes = FULL_SIZES, seed = 20241, statYear = 2024, plantErrors = true): BenchWorkbook {
  const records = new Map<string, CellValue[][]>();
  const planted: PlantedError[] = [];
  for (const t of generationOrder(catalog)) {
    if (!t.columns.length) continue;
    const g = new Gen(seed ^ hash(t.id));
    const n = rowsFor(t, sizes);
    const recs: CellValue[][] = [];
    for (let i = 0; i < n; i++) recs.push(t.columns.map((c) => columnValue(g, t, c, i, catalog, statYear)));
    specialise(t, recs, g, statYear);
    avoidPatternConditions(t, recs, g, catalog);
    fixRowRules(t, recs);
    linkExists(catalog, t, recs, records, g);
    makeUnique(catalog, t, recs);
    records.set(t.id, recs);
  }
  if (plantErrors) plant(catalog, records, planted, new Gen(seed + 7));
  return { catalog, statYear, sizes, records, planted };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Plausible contents for the big tables' identifying columns. */
function specialise(t: TableDef, recs: CellValue[][], g: Gen, statYear: number) {
  const set = (key: string, f: (i: number) => CellValue) => {
    const c = colIx(t, key);
    if (c >= 0) recs.forEach((r, i) => (r[c] = f(i)));
  };
  switch (t.id) {
    case "1-3":
      set("JXKYDWMC", (i) => `${UNIT_WORDS[i % UNIT_WORDS.length]}学院${i >= UNIT_WORDS.length ? Math.floor(i / UNIT_WORDS.length) + 1 : ""}`);
      set("DWFZR", () => g.name());
      break;
    case "1-2":
      set("DZDWMC", (i) => `党政办公室${i + 1}`);
      break;
    case "1-4-1":
      set("XNZYMC", (i) => `${MAJOR_WORDS[i % MAJOR_WORDS.length]}${i >= MAJOR_WORDS.length ? `（${Math.floor(i / MAJOR_WORDS.length) + 1}）` : ""}`);
      set("ZYMC", (i) => MAJOR_WORDS[i % MAJOR_WORDS.length]);
      set("ZYDM", (i) => `0${8 + (i % 2)}${pad(g.int(1, 99), 2)}${pad(g.int(1, 9), 2)}`);
      set("XZ", () => 4);
      set("YXXYNX", () => 6);
      break;
    case "1-6":
      set("XSXM", () => g.name());
      set("NJ", () => statYear - g.int(0, 3));
      break;
    case "1-5-1":
      set("XM", () => g.name());
      set("MZ", () => (g.r() < 0.9 ? "汉族" : "回族"));
      set("XKLB", () => g.pick(["工学", "理学", "管理学", "文学", "法学"]));
      break;
    case "5-1-1":
      set("KCMC", () => g.pick(COURSE_WORDS));
      set("KCH", () => `KC${pad(g.int(1, 9999), 4)}`);
      set("SKJS", () => g.name());
      set("SKJSGH", () => `T${pad(g.int(1, 4000), 5)}`);
      set("XS", () => g.pick([16, 32, 48, 64]));
      set("BKXSS", () => g.int(15, 180));
      break;
  }
}

/** pattern rules with a `when … in` condition: keep records outside the condition. */
function avoidPatternConditions(t: TableDef, recs: CellValue[][], g: Gen, catalog: Catalog) {
  for (const r of t.rules) {
    if (r.kind !== "pattern") continue;
    const w = r.params.when as { column: string; in?: string[] } | undefined;
    if (!w?.in) continue;
    const c = colIx(t, w.column);
    if (c < 0) continue;
    const col = t.columns[c];
    const list = col.codeList ? catalog.codeLists[col.codeList] : undefined;
    const avoid = new Set(w.in);
    for (const rec of recs) if (avoid.has(String(rec[c])) || list?.values.some((v) => v.label === rec[c] && avoid.has(v.value))) rec[c] = codeValue(g, list, avoid);
  }
}

/** sum and two-column compare rules: make the numbers agree. */
function fixRowRules(t: TableDef, recs: CellValue[][]) {
  for (const r of t.rules) {
    if (r.kind === "sum") {
      const p = r.params as { total?: string; parts: string[]; op?: string };
      const tc = p.total ? colIx(t, p.total) : -1;
      const parts = p.parts.map((k) => colIx(t, k));
      if (tc < 0 || parts.some((c) => c < 0)) continue;
      for (const rec of recs) {
        const s = parts.reduce((a, c) => a + (typeof rec[c] === "number" ? (rec[c] as number) : 0), 0);
        rec[tc] = Number(s.toFixed(2)) + (p.op === ">" ? 1 : p.op === "<" ? -1 : 0);
      }
    } else if (r.kind === "compare") {
      const p = r.params as { left: string; op: string; right?: string; value?: number; min?: number; max?: number };
      const lc = colIx(t, p.left);
      const rc = p.right ? colIx(t, p.right) : -1;
      if (lc < 0 || !["integer", "decimal"].includes(t.columns[lc].type)) continue;
      for (const rec of recs) {
        if (p.op === "between") rec[lc] = Number(p.min);
        else if (rc >= 0 && typeof rec[rc] === "number") {
          const v = rec[rc] as number;
          rec[lc] = p.op === "<" ? v - 1 : p.op === ">" ? v + 1 : p.op === ">=" || p.op === "=" || p.op === "<=" ? v : v + 1;
          if (p.op === "<" && (rec[lc] as number) < 0) rec[rc] = v + 2, (rec[lc] = v + 1);
        } else if (rc < 0 && typeof p.value === "number") rec[lc] = p.op === "<" ? p.value - 1 : p.op === ">" ? p.value + 1 : p.value;
      }
    }
  }
}

/** exists rules: take the key (and its name) from a record of the first loaded target. */
function linkExists(catalog: Catalog, t: TableDef, recs: CellValue[][], done: Map<string, CellValue[][]>, g: Gen) {
  for (const r of existsRules(catalog, t)) {
    const p = r.params as { columns: string[]; targets: Target[]; name?: string };
    const cols = p.columns.map((k) => colIx(t, k));
    if (cols.some((c) => c < 0)) continue;
    const target = p.targets.find((x) => (done.get(x.table)?.length ?? 0) > 0);
    if (!target) continue;
    const td = catalog.tables.find((x) => x.id === target.table)!;
    const tcols = target.columns.map((k) => colIx(td, k));
    const tname = target.name ? colIx(td, target.name) : -1;
    const nameCol = p.name ? colIx(t, p.name) : -1;
    const trecs = done.get(target.table)!;
    for (const rec of recs) {
      const src = trecs[g.int(0, trecs.length - 1)];
      cols.forEach((c, k) => (rec[c] = src[tcols[k]]));
      if (nameCol >= 0 && tname >= 0) rec[nameCol] = src[tname];
    }
  }
}

/** unique and exclusive rules: give one text column of the key a record-specific suffix. */
function makeUnique(catalog: Catalog, t: TableDef, recs: CellValue[][]) {
  const linked = new Set(existsRules(catalog, t).flatMap((r) => r.params.columns as string[]));
  const prefix = t.id.replace(/[^0-9A-Za-z]/g, "").slice(-3);
  for (const r of [...t.rules, ...catalog.crossRules.filter((x) => x.params.table === t.id)]) {
    if (r.kind !== "unique" && r.kind !== "exclusive") continue;
    const keys = r.params.columns as string[];
    const free = keys.map((k) => colIx(t, k)).filter((c) => c >= 0 && !linked.has(t.columns[c].key));
    const c = free.find((x) => t.columns[x].type === "text") ?? free[0];
    if (c === undefined) continue;
    const col = t.columns[c];
    const max = col.maxLength ?? 40;
    recs.forEach((rec, i) => {
      if (col.type === "integer" || col.type === "decimal") rec[c] = i + 1;
      else if (col.type === "text") {
        const base = uniqueBase(t, col, i, prefix);
        rec[c] = base.length > max ? base.slice(-max) : base;
      }
    });
  }
}

function uniqueBase(t: TableDef, col: ColumnDef, i: number, prefix: string): string {
  switch (`${t.id}.${col.key}`) {
    case "1-6.XH":
      return `20${pad(20 + (i % 4), 2)}${pad(i + 1, 6)}`;
    case "1-5-1.GH":
      return `T${pad(i + 1, 5)}`;
    case "1-5-3.GH":
      return `W${pad(i + 1, 5)}`;
    case "1-3.DWH":
      return pad(i + 1, 3);
    case "1-2.DWH":
      return `D${pad(i + 1, 2)}`;
    case "1-4-1.XNZYDM":
      return `Z${pad(i + 1, 4)}`;
    case "5-1-1.KKH":
      return `${2024}-${pad(i + 1, 6)}`;
  }
  const v = textValueOf(col, i);
  return `${prefix}${v}`;
}

const textValueOf = (col: ColumnDef, i: number) => (/名称|姓名/.test(col.header) ? `${col.header.slice(0, 4)}${i + 1}` : `${pad(i + 1, 4)}`);

/** Planted errors: ~0.1% of the big tables' records per kind, each with the rule that must find it. */
function plant(catalog: Catalog, records: Map<string, CellValue[][]>, planted: PlantedError[], g: Gen) {
  const ruleId = (tableId: string, kind: string, col: string) => {
    const t = catalog.tables.find((x) => x.id === tableId)!;
    const r = [...t.rules, ...catalog.crossRules.filter((x) => x.params.table === tableId)].find(
      (x) => x.kind === kind && ((x.params.columns as string[] | undefined)?.includes(col) ?? x.params.column === col),
    );
    if (!r) throw new Error(`bench: no ${kind} rule on ${tableId}.${col}`);
    return r.id;
  };
  const used = new Map<string, Set<number>>();
  /** Values other tables hold (a planted duplicate must not orphan a reference to the key it replaces). */
  const referenced = new Set<CellValue>();
  for (const [id, recs] of records) if (id !== BIG_TABLES.students && id !== BIG_TABLES.staff) for (const r of recs) for (const v of r) if (typeof v === "string" && v) referenced.add(v);
  const each = (tableId: string, column: string, rule: string, rowLevel: boolean, mutate: (rec: CellValue[], i: number, recs: CellValue[][]) => number[] | void, key?: number) => {
    const recs = records.get(tableId);
    const t = catalog.tables.find((x) => x.id === tableId);
    if (!recs || !t || recs.length < 4) return;
    const u = used.get(tableId) ?? new Set<number>();
    used.set(tableId, u);
    const bad = (i: number) => u.has(i) || u.has(i - 1) || (key !== undefined && referenced.has(recs[i][key]));
    const count = Math.max(1, Math.round(recs.length / 1000));
    for (let k = 0; k < count; k++) {
      let i = g.int(1, recs.length - 1);
      for (let tries = 0; bad(i) && tries < 200; tries++) i = g.int(1, recs.length - 1);
      if (bad(i)) continue;
      u.add(i);
      u.add(i - 1);
      const partners = mutate(recs[i], i, recs) ?? undefined;
      planted.push({ table: tableId, index: i, column, rule, rowLevel, ...(partners && partners.length ? { partners } : {}) });
    }
  };
  const at = (tableId: string, key: string) => colIx(catalog.tables.find((x) => x.id === tableId)!, key);
  const S = BIG_TABLES.students, F = BIG_TABLES.staff, C = BIG_TABLES.courses;
  // students
  each(S, "XB", "column.code", true, (rec) => void (rec[at(S, "XB")] = "男性"));
  each(S, "XSXM", "column.required", true, (rec) => void (rec[at(S, "XSXM")] = ""));
  each(S, "RXNF", "column.year", true, (rec) => void (rec[at(S, "RXNF")] = "20x2"));
  each(S, "XNZYDM", ruleId(S, "exists", "XNZYDM"), false, (rec) => void (rec[at(S, "XNZYDM")] = "Z9999"));
  each(S, "XH", ruleId(S, "unique", "XH"), false, (rec, i, recs) => {
    rec[at(S, "XH")] = recs[i - 1][at(S, "XH")];
    return [i - 1];
  }, at(S, "XH"));
  each(S, "XSXM", "column.spaces", false, (rec) => void (rec[at(S, "XSXM")] = ` ${rec[at(S, "XSXM")]} `));
  // staff
  each(F, "CSNY", "column.yearMonth", true, (rec) => void (rec[at(F, "CSNY")] = "198513"));
  each(F, "DWH", ruleId(F, "exists", "DWH"), false, (rec) => void (rec[at(F, "DWH")] = "999"));
  each(F, "GH", ruleId(F, "unique", "GH"), false, (rec, i, recs) => {
    rec[at(F, "GH")] = recs[i - 1][at(F, "GH")];
    return [i - 1];
  }, at(F, "GH"));
  // courses
  each(C, "XS", "column.decimal", true, (rec) => void (rec[at(C, "XS")] = "四十"));
  each(C, "BKXSS", "column.integer", true, (rec) => void (rec[at(C, "BKXSS")] = 12.5));
  each(C, "KCLB", "column.code", true, (rec) => void (rec[at(C, "KCLB")] = "选修课X"));
}

/**
 * The sheet's values as the template loader lays them out: title, period and responsibility rows,
 * the header row (row 4) and the records from row 5 (list tables), or the 项目/填报内容 form.
 */
export function sheetValues(table: TableDef, recs: CellValue[][]): CellValue[][] {
  const width = table.shape === "single" ? SINGLE_FORM_HEADERS.length : table.columns.length;
  const row = (cells: CellValue[]) => [...cells, ...new Array(Math.max(0, width - cells.length)).fill("")];
  const out: CellValue[][] = [];
  out.push(row([`表${table.id} ${table.name}`]));
  out.push(row(["统计时间："]));
  out.push(row(["责任单位："]));
  while (out.length < HEADER_ROW) out.push(row([]));
  if (table.shape === "single") {
    out.push(row([...SINGLE_FORM_HEADERS]));
    const rec = recs[0] ?? [];
    table.columns.forEach((c, i) => out.push(row([c.header, rec[i] ?? "", c.unit ?? "", ""])));
  } else {
    out.push(table.columns.map((c) => c.header));
    while (out.length < FIRST_DATA_ROW) out.push(row([]));
    for (const r of recs) out.push(r.slice());
  }
  return out;
}
