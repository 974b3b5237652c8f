/**
 * Rule kinds that need more than one record, with incremental indexes: unique (within a table),
 * exists and exclusive (across tables), aggregate (a count or sum in one table against a figure in
 * another). Each keeps value→records maps that are updated per changed record, so a one-cell edit
 * costs O(changed records + records whose result really changes), not O(sheet).
 * Pure core: no Office, DOM or React imports.
 */
import type { RuleDef, TableDef } from "../catalog/types";
import type { CellValue } from "../workbook/port";
import { q } from "./finding";
import { displayValue, isEmptyValue, normalizeKey, normalizeText, parseNumber } from "./normalize";
import { cmp, colIndex, compileCondition, OP_TEXT, RuleCompileError, type CmpOp, type CompiledCondition, type Condition, type RowProblem } from "./rowRules";

export type Rec = CellValue[] | undefined;

/** Access to the loaded tables (records in catalog column order). */
export interface TableSource {
  def(tableId: string): TableDef | undefined;
  /** Records of a loaded table; undefined when the table is not loaded. */
  rows(tableId: string): CellValue[][] | undefined;
  codeLists?: Record<string, import("../catalog/types").CodeList>;
  /**
   * Optional: a number that changes whenever a table's records change (loaded, unloaded or
   * updated). With it, exists rules that look up the same columns of the same table share one
   * index; without it each rule keeps its own.
   */
  version?(tableId: string): number;
  /** Excel row number of a record (for messages such as 「与第8行相同」). */
  excelRow(tableId: string, index: number): number;
}

export interface CrossRule {
  def: RuleDef;
  owner: string;
  /** Tables whose changes can change this rule's findings (owner included). */
  reads: string[];
  /** Columns the rule needs, per table: when one is missing from its sheet the rule stays silent. */
  uses: Array<{ table: string; col: number }>;
  /** False when a table it needs is not loaded: it then reports nothing. */
  active(src: TableSource): boolean;
  /** Rebuilds all indexes from the loaded tables. */
  rebuild(src: TableSource): void;
  /** Applies one changed record of `tableId`; returns owner records whose result may have changed. */
  apply(tableId: string, index: number, before: Rec, after: Rec, src: TableSource): Iterable<number>;
  /** Problems of owner record `index`. */
  evaluate(index: number, src: TableSource): readonly RowProblem[];
}

const SEP = "\u0001";

/** Joined normalised key of some columns; null when any part is empty (empty keys are not compared). */
export function keyOf(rec: Rec, cols: number[]): string | null {
  if (!rec) return null;
  let k = "";
  for (let i = 0; i < cols.length; i++) {
    const v = rec[cols[i]];
    if (isEmptyValue(v)) return null;
    k += (i ? SEP : "") + normalizeKey(v);
  }
  return k;
}

const shownKey = (rec: CellValue[], cols: number[]) => cols.map((c) => displayValue(rec[c])).join(" / ");
const headers = (t: TableDef, cols: number[]) => cols.map((c) => `【${t.columns[c].header}】`).join("+");
const label = (t: TableDef) => `表${t.id} ${t.name}`;

const EMPTY: readonly never[] = [];

/**
 * Record index → key and key → records, updated one record at a time. A key held by one record is
 * stored as a number (most keys are unique: no Set per record on a 50,000-row sheet).
 */
export class KeyIndex {
  private keys: (string | null | undefined)[] = [];
  private readonly groups = new Map<string, number | Set<number>>();
  clear() {
    this.keys = [];
    this.groups.clear();
  }
  key(i: number): string | null {
    return this.keys[i] ?? null;
  }
  /** Sets record i's key; returns the previous one. */
  set(i: number, k: string | null): string | null {
    const old = this.keys[i] ?? null;
    if (old === k) return old;
    if (old !== null) {
      const g = this.groups.get(old);
      if (typeof g === "number") this.groups.delete(old);
      else if (g) {
        g.delete(i);
        if (g.size === 1) this.groups.set(old, g.values().next().value as number);
      }
    }
    if (k !== null) {
      const g = this.groups.get(k);
      if (g === undefined) this.groups.set(k, i);
      else if (typeof g === "number") this.groups.set(k, new Set([g, i]));
      else g.add(i);
    }
    this.keys[i] = k;
    return old;
  }
  size(k: string | null): number {
    if (k === null) return 0;
    const g = this.groups.get(k);
    return g === undefined ? 0 : typeof g === "number" ? 1 : g.size;
  }
  rows(k: string | null): Iterable<number> {
    if (k === null) return EMPTY;
    const g = this.groups.get(k);
    return g === undefined ? EMPTY : typeof g === "number" ? [g] : g;
  }
  /** Fills the index from all records of a table. */
  fill(rows: CellValue[][], keyOfRec: (rec: Rec) => string | null) {
    this.clear();
    for (let i = 0; i < rows.length; i++) {
      const k = keyOfRec(rows[i]);
      if (k !== null) this.set(i, k);
    }
  }
}

/** Like KeyIndex, for cells holding several values (“T001;T002”): record → keys, key → records. */
class MultiKeyIndex {
  private keys: (string[] | undefined)[] = [];
  private readonly groups = new Map<string, Set<number>>();
  clear() {
    this.keys = [];
    this.groups.clear();
  }
  keysOf(i: number): string[] {
    return this.keys[i] ?? (EMPTY as never[]);
  }
  set(i: number, ks: string[]) {
    for (const k of this.keysOf(i)) {
      const g = this.groups.get(k);
      if (g) {
        g.delete(i);
        if (!g.size) this.groups.delete(k);
      }
    }
    for (const k of ks) {
      let g = this.groups.get(k);
      if (!g) this.groups.set(k, (g = new Set()));
      g.add(i);
    }
    this.keys[i] = ks.length ? ks : undefined;
  }
  rows(k: string | null): Iterable<number> {
    return (k !== null && this.groups.get(k)) || EMPTY;
  }
  fill(rows: CellValue[][], keysOfRec: (rec: Rec) => string[]) {
    this.clear();
    for (let i = 0; i < rows.length; i++) {
      const ks = keysOfRec(rows[i]);
      if (ks.length) this.set(i, ks);
    }
  }
}

/** Parts of a multi-value cell: separated by ; ； , ， 、 (V3: several teachers in one cell). */
export function splitParts(v: CellValue | undefined): string[] {
  return normalizeText(v).split(/[;；,，、]+/).map((x) => x.trim()).filter((x) => x !== "");
}

function tableOf(src: TableSource, id: string, rule: RuleDef): TableDef {
  const t = src.def(id);
  if (!t) throw new RuleCompileError(`规则 ${rule.id}：目录中没有表${id}`);
  return t;
}

const liveRows = (src: TableSource, id: string) => src.rows(id) ?? [];
const isBlank = (rec: Rec) => !rec || rec.every((v) => isEmptyValue(v));

// ---- unique ---------------------------------------------------------------------------------------

/** unique: params {columns: string[], when?: Condition} — “工号”不重复; “大类代码+校内专业代码”不重复. */
function unique(owner: TableDef, def: RuleDef, src: TableSource): CrossRule {
  const p = def.params as { columns: string[]; when?: Condition };
  if (!Array.isArray(p.columns) || !p.columns.length) throw new RuleCompileError(`规则 ${def.id}：unique 需要 columns`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  const when: CompiledCondition | null = p.when ? compileCondition(owner, p.when, def, src.codeLists) : null;
  const groups = new KeyIndex();
  /** Smallest two members per key, computed lazily, dropped when the group changes. */
  const firstTwo = new Map<string, [number, number]>();
  const key = (rec: Rec) => (rec && !isBlank(rec) && (!when || when.test(rec)) ? keyOf(rec, cols) : null);
  const two = (k: string): [number, number] => {
    let t = firstTwo.get(k);
    if (!t) {
      let a = Infinity, b = Infinity;
      for (const i of groups.rows(k)) {
        if (i < a) [a, b] = [i, a];
        else if (i < b) b = i;
      }
      firstTwo.set(k, (t = [a, b]));
    }
    return t;
  };
  return {
    def,
    owner: owner.id,
    reads: [owner.id],
    uses: [...cols, ...(when ? [when.col] : [])].map((col) => ({ table: owner.id, col })),
    active: (src) => src.rows(owner.id) !== undefined,
    rebuild(src) {
      firstTwo.clear();
      groups.fill(liveRows(src, owner.id), key);
    },
    apply(_t, index, _before, after) {
      const oldK = groups.key(index);
      const newK = key(after);
      if (oldK === newK) return [index];
      const affected = new Set<number>([index]);
      const touch = (k: string | null, change: () => void) => {
        if (k === null) return change();
        const sizeBefore = groups.size(k);
        const before = sizeBefore ? two(k) : [Infinity, Infinity];
        change();
        firstTwo.delete(k);
        const sizeAfter = groups.size(k);
        const after2 = sizeAfter ? two(k) : [Infinity, Infinity];
        // Members' findings change when the group crosses 1↔2 or when the row they name changes.
        if (sizeBefore <= 2 || sizeAfter <= 2 || before[0] !== after2[0]) for (const i of groups.rows(k)) affected.add(i);
        else if (before[1] !== after2[1] && Number.isFinite(after2[0])) affected.add(after2[0]);
        for (const i of [before[0], before[1]]) if (Number.isFinite(i)) affected.add(i);
      };
      touch(oldK, () => groups.set(index, null));
      touch(newK, () => groups.set(index, newK));
      return affected;
    },
    evaluate(index, src) {
      const k = groups.key(index);
      if (k === null || groups.size(k) < 2) return EMPTY;
      const [a, b] = two(k);
      const other = index === a ? b : a;
      const rows = liveRows(src, owner.id);
      const rec = rows[index];
      return [{ col: cols[0], value: rec[cols[0]], namesColumns: cols.length > 1, message: `${cols.length > 1 ? `${headers(owner, cols)}“${shownKey(rec, cols)}”` : q(rec[cols[0]])}重复（与第${src.excelRow(owner.id, other)}行相同），应唯一` }];
    },
  };
}

// ---- exists ---------------------------------------------------------------------------------------

interface SharedTarget {
  ix: KeyIndex;
  /** Records and table version the index was last brought up to date with. */
  rows: CellValue[][] | null;
  version: number | undefined;
}

const sharedTargets = new WeakMap<TableSource, Map<string, SharedTarget>>();

/** The target index of `spec` (table, columns, where) shared by the exists rules of one session. */
function sharedTarget(src: TableSource, spec: string): SharedTarget {
  if (!src.version) return { ix: new KeyIndex(), rows: null, version: undefined };
  let m = sharedTargets.get(src);
  if (!m) sharedTargets.set(src, (m = new Map()));
  let sh = m.get(spec);
  if (!sh) m.set(spec, (sh = { ix: new KeyIndex(), rows: null, version: undefined }));
  return sh;
}

interface TargetSpec {
  table: string;
  columns: string[];
  /** Column holding the name that must agree (code/name pair consistency). */
  name?: string;
  /** Only target records that meet this condition count (1-4-1 是否师范类专业 in S/J). */
  where?: Condition;
}

/**
 * exists: params {columns: string[], targets: TargetSpec[], name?: string, when?: Condition} —
 * the key (e.g. 单位号) must exist in one of the target tables; with `name`, the name column must
 * agree with the target's name for that key.
 */
function exists(owner: TableDef, def: RuleDef, src: TableSource): CrossRule {
  const p = def.params as { columns: string[]; targets: TargetSpec[]; name?: string; when?: Condition; split?: boolean };
  if (!Array.isArray(p.columns) || !p.columns.length || !Array.isArray(p.targets) || !p.targets.length)
    throw new RuleCompileError(`规则 ${def.id}：exists 需要 columns 和 targets`);
  const split = p.split === true;
  if (split && p.columns.length !== 1) throw new RuleCompileError(`规则 ${def.id}：split 只能用于单列`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  const nameCol = p.name ? colIndex(owner, p.name, def) : -1;
  const when = p.when ? compileCondition(owner, p.when, def, src.codeLists) : null;
  const targets = p.targets.map((t) => {
    const td = tableOf(src, t.table, def);
    if (!Array.isArray(t.columns) || t.columns.length !== cols.length) throw new RuleCompileError(`规则 ${def.id}：targets 的列数与 columns 不同`);
    return {
      td,
      cols: t.columns.map((k) => colIndex(td, k, def)),
      name: t.name ? colIndex(td, t.name, def) : -1,
      where: t.where ? compileCondition(td, t.where, def, src.codeLists) : null,
    };
  });
  const targetIds = [...new Set(targets.map((t) => t.td.id))];
  /**
   * Per target: record → key and key → records. Names are looked up in the (few) records of a key
   * when a finding needs them, instead of keeping a name map per key of every target record.
   * Rules of one session that look up the same columns of the same table share the index.
   */
  const shared = targets.map((t, j) => sharedTarget(src, JSON.stringify([t.td.id, p.targets[j].columns, p.targets[j].where ?? null])));
  const tIndex = shared.map((sh) => sh.ix);
  const countOf = (k: string) => {
    let n = 0;
    for (const ix of tIndex) n += ix.size(k);
    return n;
  };
  /** Normalised name → shown name in the target records holding key k (target and record order); undefined when none has a name. */
  const namesOf = (k: string, s: TableSource): Map<string, { shown: string }> | undefined => {
    let m: Map<string, { shown: string }> | undefined;
    targets.forEach((t, j) => {
      if (t.name < 0) return;
      const rows = liveRows(s, t.td.id);
      for (const i of [...tIndex[j].rows(k)].sort((a, b) => a - b)) {
        const v = rows[i]?.[t.name];
        if (isEmptyValue(v)) continue;
        const nk = normalizeKey(v);
        if (!m) m = new Map();
        if (!m.has(nk)) m.set(nk, { shown: normalizeText(v) });
      }
    });
    return m;
  };
  /** Fast path of `namesOf(k).has(nk)` for the usual valid record: no arrays or maps. */
  const nameAgrees = (k: string, nk: string, s: TableSource): boolean => {
    for (let j = 0; j < targets.length; j++) {
      const t = targets[j];
      if (t.name < 0) continue;
      const rows = liveRows(s, t.td.id);
      for (const i of tIndex[j].rows(k)) {
        const v = rows[i]?.[t.name];
        if (!isEmptyValue(v) && normalizeKey(v) === nk) return true;
      }
    }
    return false;
  };
  const own = new KeyIndex();
  const multi = new MultiKeyIndex();
  const ownKey = (rec: Rec) => (rec && !isBlank(rec) && (!when || when.test(rec)) ? keyOf(rec, cols) : null);
  const ownKeys = (rec: Rec): string[] => (rec && !isBlank(rec) && (!when || when.test(rec)) ? splitParts(rec[cols[0]]).map((x) => x.toUpperCase()) : []);
  const ownRows = (k: string | null) => (split ? multi.rows(k) : own.rows(k));
  const tKey = (t: (typeof targets)[number], rec: Rec) => (rec && !isBlank(rec) && (!t.where || t.where.test(rec)) ? keyOf(rec, t.cols) : null);
  const where = targets.map((t) => label(t.td)).filter((x, i, a) => a.indexOf(x) === i).join("、");
  return {
    def,
    owner: owner.id,
    reads: [owner.id, ...targetIds.filter((id) => id !== owner.id)],
    uses: [
      ...[...cols, ...(nameCol >= 0 ? [nameCol] : []), ...(when ? [when.col] : [])].map((col) => ({ table: owner.id, col })),
      ...targets.flatMap((t) => [...t.cols, ...(t.name >= 0 ? [t.name] : []), ...(t.where ? [t.where.col] : [])].map((col) => ({ table: t.td.id, col }))),
    ],
    active: (s) => s.rows(owner.id) !== undefined && targetIds.some((id) => s.rows(id) !== undefined),
    rebuild(s) {
      targets.forEach((t, j) => {
        const sh = shared[j];
        const rows = liveRows(s, t.td.id);
        const v = s.version?.(t.td.id);
        if (v === undefined || sh.version !== v || sh.rows !== rows) {
          tIndex[j].fill(rows, (rec) => tKey(t, rec));
          sh.rows = rows;
          sh.version = v;
        }
      });
      if (split) multi.fill(liveRows(s, owner.id), ownKeys);
      else own.fill(liveRows(s, owner.id), ownKey);
    },
    apply(tableId, index, before, after, s) {
      const affected = new Set<number>();
      if (tableId === owner.id) {
        affected.add(index);
        if (split) multi.set(index, ownKeys(after));
        else own.set(index, ownKey(after));
      }
      for (let j = 0; j < targets.length; j++) {
        const t = targets[j];
        if (t.td.id !== tableId) continue;
        const k1 = tKey(t, before);
        const k2 = tKey(t, after);
        tIndex[j].set(index, k2); // idempotent: every rule sharing the index applies the same change
        shared[j].version = s.version?.(tableId);
        if (k1 === k2 && (t.name < 0 || normalizeKey(before?.[t.name]) === normalizeKey(after?.[t.name]))) continue;
        for (const k of [k1, k2]) for (const i of ownRows(k)) affected.add(i);
      }
      return affected;
    },
    evaluate(index, s) {
      if (split) return evaluateSplit(index, s);
      const k = own.key(index);
      if (k === null) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      if (!countOf(k)) {
        const shown = cols.length > 1 ? `${headers(owner, cols)}“${shownKey(rec, cols)}”` : q(rec[cols[0]]);
        return [{ col: cols[0], value: rec[cols[0]], namesColumns: cols.length > 1, message: `${shown}在${where}中不存在` }];
      }
      if (nameCol >= 0 && !isEmptyValue(rec[nameCol]) && !nameAgrees(k, normalizeKey(rec[nameCol]), s)) {
        const m = namesOf(k, s);
        if (m && !m.has(normalizeKey(rec[nameCol]))) {
          const expected = [...m.values()].map((e) => `“${e.shown}”`).slice(0, 3).join("或");
          return [{ col: nameCol, value: rec[nameCol], message: `${q(rec[nameCol])}与${where}中${headers(owner, cols)}“${shownKey(rec, cols)}”对应的名称${expected}不一致` }];
        }
      }
      return EMPTY;
    },
  };
  function evaluateSplit(index: number, s: TableSource): readonly RowProblem[] {
    if (!multi.keysOf(index).length) return EMPTY;
    const rec = liveRows(s, owner.id)[index];
    const parts = splitParts(rec[cols[0]]);
    const missing = parts.filter((x) => !countOf(x.toUpperCase()));
    if (missing.length) return [{ col: cols[0], value: rec[cols[0]], message: `${q(rec[cols[0]])}中的${missing.map((x) => `“${x}”`).join("、")}在${where}中不存在` }];
    if (nameCol < 0 || isEmptyValue(rec[nameCol])) return EMPTY;
    const nameParts = splitParts(rec[nameCol]);
    if (nameParts.length !== parts.length)
      return [{ col: nameCol, value: rec[nameCol], message: `${q(rec[nameCol])}有${nameParts.length}项，与【${owner.columns[cols[0]].header}】的${parts.length}项对不上（多项之间用“;”分隔，顺序一致）` }];
    const wrong = parts
      .map((x, j) => ({ key: x, name: nameParts[j], m: namesOf(x.toUpperCase(), s) }))
      .filter((e) => e.m && !e.m.has(normalizeKey(e.name)));
    if (!wrong.length) return EMPTY;
    const detail = wrong.map((e) => `“${e.name}”（${e.key}应为${[...(e.m as Map<string, { shown: string }>).values()].map((x) => `“${x.shown}”`).slice(0, 3).join("或")}）`).join("、");
    return [{ col: nameCol, value: rec[nameCol], message: `${q(rec[nameCol])}中的${detail}与${where}中的名称不一致` }];
  }
}

// ---- exclusive ------------------------------------------------------------------------------------

/** exclusive: params {columns: string[], other: {table, columns}} — 工号 may not be in 1-5-1 and 1-5-3. */
function exclusive(owner: TableDef, def: RuleDef, src: TableSource): CrossRule {
  const p = def.params as { columns: string[]; other: { table: string; columns: string[] } };
  if (!Array.isArray(p.columns) || !p.other) throw new RuleCompileError(`规则 ${def.id}：exclusive 需要 columns 和 other`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  const other = tableOf(src, p.other.table, def);
  if (other.id === owner.id) throw new RuleCompileError(`规则 ${def.id}：exclusive 的 other 不能是本表`);
  const ocols = p.other.columns.map((k) => colIndex(other, k, def));
  const otherCount = new Map<string, number>();
  const own = new KeyIndex();
  const k = (rec: Rec, c: number[]) => (rec && !isBlank(rec) ? keyOf(rec, c) : null);
  const bump = (key: string | null, d: number) => {
    if (key === null) return;
    const n = (otherCount.get(key) ?? 0) + d;
    if (n > 0) otherCount.set(key, n);
    else otherCount.delete(key);
  };
  return {
    def,
    owner: owner.id,
    reads: [owner.id, other.id],
    uses: [...cols.map((col) => ({ table: owner.id, col })), ...ocols.map((col) => ({ table: other.id, col }))],
    active: (s) => s.rows(owner.id) !== undefined && s.rows(other.id) !== undefined,
    rebuild(s) {
      otherCount.clear();
      for (const rec of liveRows(s, other.id)) bump(k(rec, ocols), 1);
      own.fill(liveRows(s, owner.id), (rec) => k(rec, cols));
    },
    apply(tableId, index, before, after) {
      if (tableId === owner.id) {
        own.set(index, k(after, cols));
        return [index];
      }
      const k1 = k(before, ocols), k2 = k(after, ocols);
      if (k1 === k2) return [];
      const had1 = (otherCount.get(k1 ?? "") ?? 0) > 0, had2 = (otherCount.get(k2 ?? "") ?? 0) > 0;
      bump(k1, -1);
      bump(k2, 1);
      const affected = new Set<number>();
      if (k1 !== null && had1 !== (otherCount.get(k1) ?? 0) > 0) for (const i of own.rows(k1)) affected.add(i);
      if (k2 !== null && had2 !== (otherCount.get(k2) ?? 0) > 0) for (const i of own.rows(k2)) affected.add(i);
      return affected;
    },
    evaluate(index, s) {
      const key = own.key(index);
      if (key === null || !otherCount.get(key)) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      return [{ col: cols[0], value: rec[cols[0]], message: `${q(rec[cols[0]])}同时出现在${label(other)}中，同一人（项）只能填在其中一张表` }];
    },
  };
}

// ---- aggregate ------------------------------------------------------------------------------------

/**
 * aggregate: params {columns: string[] (own, summed), op, of: {table, fn: "count" | "sum",
 * column?, where?, groupBy?}, matchBy?: string} — 4-1-1 博士后流动站 = count(4-1-2);
 * SF-1 指导专业学生数量 ≤ count(1-6 where 校内专业代码 = this row's).
 */
function aggregate(owner: TableDef, def: RuleDef, src: TableSource): CrossRule {
  const p = def.params as {
    columns: string[];
    op: CmpOp;
    of: { table: string; fn: "count" | "sum"; column?: string; where?: Condition; groupBy?: string };
    matchBy?: string;
  };
  if (!Array.isArray(p.columns) || !p.columns.length || !p.of) throw new RuleCompileError(`规则 ${def.id}：aggregate 需要 columns 和 of`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  if (!(p.op in OP_TEXT)) throw new RuleCompileError(`规则 ${def.id}：无效的比较符“${String(p.op)}”`);
  const of = tableOf(src, p.of.table, def);
  if (p.of.fn !== "count" && p.of.fn !== "sum") throw new RuleCompileError(`规则 ${def.id}：of.fn 应为 count 或 sum`);
  const ofCol = p.of.fn === "sum" ? colIndex(of, p.of.column, def) : -1;
  const where = p.of.where ? compileCondition(of, p.of.where, def, src.codeLists) : null;
  const groupBy = p.of.groupBy ? colIndex(of, p.of.groupBy, def) : -1;
  const matchBy = p.matchBy ? colIndex(owner, p.matchBy, def) : -1;
  if ((groupBy < 0) !== (matchBy < 0)) throw new RuleCompileError(`规则 ${def.id}：of.groupBy 与 matchBy 需同时给出`);
  const ALL = "";
  const agg = new Map<string, { count: number; sum: number }>();
  const own = new KeyIndex();
  const gk = (rec: Rec) => (!rec || isBlank(rec) || (where && !where.test(rec)) ? null : groupBy < 0 ? ALL : keyOf(rec, [groupBy]));
  const ok = (rec: Rec) => (!rec || isBlank(rec) ? null : matchBy < 0 ? ALL : keyOf(rec, [matchBy]));
  const contrib = (rec: Rec) => {
    if (ofCol < 0) return 0;
    const n = parseNumber(rec?.[ofCol]);
    return n.ok ? n.value : 0;
  };
  const bump = (key: string | null, rec: Rec, d: 1 | -1) => {
    if (key === null) return;
    const e = agg.get(key) ?? { count: 0, sum: 0 };
    e.count += d;
    e.sum += d * contrib(rec);
    if (e.count > 0) agg.set(key, e);
    else agg.delete(key);
  };
  const what = p.of.fn === "count" ? "记录数" : `【${of.columns[ofCol].header}】合计`;
  return {
    def,
    owner: owner.id,
    reads: of.id === owner.id ? [owner.id] : [owner.id, of.id],
    uses: [
      ...[...cols, ...(matchBy >= 0 ? [matchBy] : [])].map((col) => ({ table: owner.id, col })),
      ...[...(ofCol >= 0 ? [ofCol] : []), ...(groupBy >= 0 ? [groupBy] : []), ...(where ? [where.col] : [])].map((col) => ({ table: of.id, col })),
    ],
    active: (s) => s.rows(owner.id) !== undefined && s.rows(of.id) !== undefined,
    rebuild(s) {
      agg.clear();
      for (const rec of liveRows(s, of.id)) bump(gk(rec), rec, 1);
      own.fill(liveRows(s, owner.id), ok);
    },
    apply(tableId, index, before, after) {
      const affected = new Set<number>();
      if (tableId === of.id) {
        const k1 = gk(before), k2 = gk(after);
        bump(k1, before, -1);
        bump(k2, after, 1);
        for (const k of [k1, k2]) for (const i of own.rows(k)) affected.add(i);
      }
      if (tableId === owner.id) {
        own.set(index, ok(after));
        affected.add(index);
      }
      return affected;
    },
    evaluate(index, s) {
      const key = own.key(index);
      if (key === null) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      if (cols.some((c) => isEmptyValue(rec[c]))) return EMPTY;
      let left = 0;
      for (const c of cols) {
        const n = parseNumber(rec[c]);
        if (!n.ok) return [];
        left += n.value;
      }
      const e = agg.get(key);
      const right = e ? (p.of.fn === "count" ? e.count : e.sum) : 0;
      if (cmp(left, p.op, right, 1e-6)) return [];
      const lhs = cols.length > 1 ? `${headers(owner, cols)} = ${Number(left.toPrecision(12))}，` : q(rec[cols[0]]);
      const scope = matchBy >= 0 ? `中【${of.columns[groupBy].header}】为“${displayValue(rec[matchBy])}”的` : "的";
      return [{ col: cols[0], value: rec[cols[0]], namesColumns: cols.length > 1, message: `${lhs}应${OP_TEXT[p.op]}${label(of)}${scope}${what} ${Number(right.toPrecision(12))}` }];
    },
  };
}

export const CROSS_RULE_KINDS: Record<string, (owner: TableDef, def: RuleDef, src: TableSource) => CrossRule> = { unique, exists, exclusive, aggregate };
