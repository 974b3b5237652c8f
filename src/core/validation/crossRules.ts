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
import { indexSpec, isBlankRecord, keyHash, recordKey, type IndexRegistry, type IndexSpec, type Rec } from "./indexes";
import { displayValue, isEmptyValue, isPlainKey, normalizeKey, normalizeText, parseNumber } from "./normalize";
import { cmp, colIndex, compileCondition, OP_TEXT, RuleCompileError, type CmpOp, type CompiledCondition, type Condition, type RowProblem } from "./rowRules";

export type { Rec } from "./indexes";

/** Access to the loaded tables (records in catalog column order). */
export interface TableSource {
  def(tableId: string): TableDef | undefined;
  /** Records of a loaded table; undefined when the table is not loaded. */
  rows(tableId: string): CellValue[][] | undefined;
  codeLists?: Record<string, import("../catalog/types").CodeList>;
  /** The session's shared indexes (kept current with every applied record). */
  indexes: IndexRegistry;
  /** Excel row number of a record (for messages such as 「与第8行相同」). */
  excelRow(tableId: string, index: number): number;
  /**
   * What a rule keeps between calls in this session (memoised sums, split-cell indexes), made on
   * first use. Compiled rules are shared by every session of a catalog, so they keep no state.
   */
  state<T>(rule: object, make: () => T): T;
}

/** What compiling a rule needs: the catalog's tables and code lists (no session). */
export type RuleCompileSource = Pick<TableSource, "def" | "codeLists">;

export interface CrossRule {
  def: RuleDef;
  owner: string;
  /** Tables whose changes can change this rule's findings (owner included). */
  reads: string[];
  /** Columns the rule needs, per table: when one is missing from its sheet the rule stays silent. */
  uses: Array<{ table: string; col: number }>;
  /** False when a table it needs is not loaded: it then reports nothing. */
  active(src: TableSource): boolean;
  /** Forgets what the rule memoised (the tables were reloaded; the shared indexes rebuild lazily). */
  rebuild(src: TableSource): void;
  /**
   * One changed record of `tableId` (the shared indexes already hold `after`); returns owner
   * records whose result may have changed.
   */
  apply(tableId: string, index: number, before: Rec, after: Rec, src: TableSource): Iterable<number>;
  /** Problems of owner record `index`. */
  evaluate(index: number, src: TableSource): readonly RowProblem[];
  /** Indexes the rule builds whenever it runs (an exists rule's targets): a hint for the registry. */
  indexed?: IndexSpec[];
  /**
   * Owner records that may have problems — a superset, found from the indexes without building
   * a message per record (a full check of a 50,000-row sheet). Absent: every record.
   */
  candidates?(src: TableSource): Iterable<number>;
}

const shownKey = (rec: CellValue[], cols: number[]) => cols.map((c) => displayValue(rec[c])).join(" / ");
const headers = (t: TableDef, cols: number[]) => cols.map((c) => `【${t.columns[c].header}】`).join("+");
const label = (t: TableDef) => `表${t.id} ${t.name}`;

const EMPTY: readonly never[] = [];

const specOf = (table: string, cols: number[], where: CompiledCondition | null, whereDef: Condition | undefined): IndexSpec => indexSpec(table, cols, where, whereDef);

/** Like KeyIndex, for cells holding several values (“T001;T002”): record → keys, key → records. */
class MultiKeyIndex {
  private keys: (string[] | undefined)[] = [];
  private readonly groups = new Map<string, Set<number>>();
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
}

/** Separators of a multi-value cell (“T001;T002”). */
const SEPARATORS = /[;；,，、]/;

/** Most distinct values a full check memoises per rule (bounds memory on huge, all-distinct columns). */
const MEMO_MAX = 4096;

/** Parts of a multi-value cell: separated by ; ； , ， 、 (V3: several teachers in one cell). */
export function splitParts(v: CellValue | undefined): string[] {
  return normalizeText(v).split(SEPARATORS).map((x) => x.trim()).filter((x) => x !== "");
}

function tableOf(src: RuleCompileSource, id: string, rule: RuleDef): TableDef {
  const t = src.def(id);
  if (!t) throw new RuleCompileError(`规则 ${rule.id}：目录中没有表${id}`);
  return t;
}

const liveRows = (src: TableSource, id: string) => src.rows(id) ?? [];

// ---- unique ---------------------------------------------------------------------------------------

/** unique: params {columns: string[], when?: Condition} — “工号”不重复; “大类代码+校内专业代码”不重复. */
function unique(owner: TableDef, def: RuleDef, src: RuleCompileSource): CrossRule {
  const p = def.params as { columns: string[]; when?: Condition };
  if (!Array.isArray(p.columns) || !p.columns.length) throw new RuleCompileError(`规则 ${def.id}：unique 需要 columns`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  const when: CompiledCondition | null = p.when ? compileCondition(owner, p.when, def, src.codeLists) : null;
  const spec = specOf(owner.id, cols, when, p.when);
  const key = (rec: Rec) => recordKey(spec, rec);
  return {
    def,
    owner: owner.id,
    reads: [owner.id],
    uses: [...cols, ...(when ? [when.col] : [])].map((col) => ({ table: owner.id, col })),
    active: (s) => s.rows(owner.id) !== undefined,
    rebuild() {},
    apply(_t, index, before, after, s) {
      const oldK = key(before);
      const newK = key(after);
      if (oldK === newK) return [index];
      const affected = new Set<number>([index]);
      const groups = s.indexes.index(spec); // already without `before` and with `after`
      // Members name the smallest other member (「与第8行相同」): whose message changes follows from
      // the group after the change and where `index` sits in it.
      for (const k of [oldK, newK]) {
        if (k === null) continue;
        const members = groups.rows(k);
        if (members.length <= 2) {
          for (const i of members) affected.add(i); // crossing 1↔2, or 3→2: both messages change
          continue;
        }
        const [a, b] = s.indexes.firstTwo(spec, k) as [number, number];
        const wasOrIsSmallest = k === oldK ? index < a : index === a;
        if (wasOrIsSmallest) for (const i of members) affected.add(i);
        else {
          affected.add(a);
          affected.add(b);
        }
      }
      return affected;
    },
    evaluate(index, s) {
      const pair = s.indexes.firstTwo(spec, s.indexes.keyAt(spec, index));
      if (!pair) return EMPTY;
      const [a, b] = pair;
      const other = index === a ? b : a;
      const rec = liveRows(s, owner.id)[index];
      return [{ col: cols[0], value: rec[cols[0]], namesColumns: cols.length > 1, message: `${cols.length > 1 ? `${headers(owner, cols)}“${shownKey(rec, cols)}”` : q(rec[cols[0]])}重复（与第${s.excelRow(owner.id, other)}行相同），应唯一` }];
    },
    candidates: (s) => s.indexes.duplicateRecords(spec),
  };
}

// ---- exists ---------------------------------------------------------------------------------------

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
function exists(owner: TableDef, def: RuleDef, src: RuleCompileSource): CrossRule {
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
    const tcols = t.columns.map((k) => colIndex(td, k, def));
    const where = t.where ? compileCondition(td, t.where, def, src.codeLists) : null;
    return { td, cols: tcols, name: t.name ? colIndex(td, t.name, def) : -1, where, spec: specOf(td.id, tcols, where, t.where) };
  });
  const targetIds = [...new Set(targets.map((t) => t.td.id))];
  /** The owner's own key index: only needed when a target changes (never in a full check). */
  const ownSpec = specOf(owner.id, cols, when, p.when);
  const existsIn = (s: TableSource, k: string) => targets.some((t) => s.indexes.index(t.spec).size(k, 1) > 0);
  /** Normalised name → shown name in the target records holding key k (target and record order); undefined when none has a name. */
  const namesOf = (k: string, s: TableSource): Map<string, { shown: string }> | undefined => {
    let m: Map<string, { shown: string }> | undefined;
    for (const t of targets) {
      if (t.name < 0) continue;
      const rows = liveRows(s, t.td.id);
      for (const i of [...s.indexes.index(t.spec).rows(k)].sort((a, b) => a - b)) {
        const v = rows[i]?.[t.name];
        if (isEmptyValue(v)) continue;
        const nk = normalizeKey(v);
        if (!m) m = new Map();
        if (!m.has(nk)) m.set(nk, { shown: normalizeText(v) });
      }
    }
    return m;
  };
  /** Fast path of `namesOf(k).has(nk)` for the usual valid record: no arrays or maps. */
  const nameAgrees = (k: string, nk: string, s: TableSource): boolean => {
    for (const t of targets) {
      if (t.name < 0) continue;
      const rows = liveRows(s, t.td.id);
      for (const i of s.indexes.index(t.spec).rows(k)) {
        const v = rows[i]?.[t.name];
        if (!isEmptyValue(v) && normalizeKey(v) === nk) return true;
      }
    }
    return false;
  };
  const hasNames = targets.some((t) => t.name >= 0);
  /** Split cells (per session): record → parts and part → records, built when a target first changes. */
  const stateKey = {};
  const multiOf = (s: TableSource) => s.state(stateKey, () => ({ multi: null as MultiKeyIndex | null }));
  const ownKeys = (rec: Rec): string[] => (rec && !isBlankRecord(rec) && (!when || when.test(rec)) ? splitParts(rec[cols[0]]).map((x) => x.toUpperCase()) : []);
  const ownRows = (s: TableSource, k: string | null): Iterable<number> => {
    if (!split) return s.indexes.index(ownSpec).rows(k);
    const st = multiOf(s);
    if (!st.multi) {
      const multi = (st.multi = new MultiKeyIndex());
      const rows = liveRows(s, owner.id);
      for (let i = 0; i < rows.length; i++) {
        const ks = ownKeys(rows[i]);
        if (ks.length) multi.set(i, ks);
      }
    }
    return st.multi.rows(k);
  };
  const tKey = (t: (typeof targets)[number], rec: Rec) => recordKey(t.spec, rec);
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
    indexed: targets.map((t) => t.spec),
    rebuild(s) {
      multiOf(s).multi = null;
    },
    apply(tableId, index, before, after, s) {
      const affected = new Set<number>();
      if (tableId === owner.id) {
        affected.add(index);
        const multi = split ? multiOf(s).multi : null;
        if (multi) multi.set(index, ownKeys(after));
      }
      for (const t of targets) {
        if (t.td.id !== tableId) continue;
        const k1 = tKey(t, before);
        const k2 = tKey(t, after);
        if (k1 === k2 && (t.name < 0 || normalizeKey(before?.[t.name]) === normalizeKey(after?.[t.name]))) continue;
        for (const k of [k1, k2]) for (const i of ownRows(s, k)) affected.add(i);
      }
      return affected;
    },
    evaluate(index, s) {
      if (split) return evaluateSplit(index, s);
      const k = s.indexes.keyAt(ownSpec, index);
      if (k === null) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      if (!existsIn(s, k)) {
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
    *candidates(s) {
      const rows = liveRows(s, owner.id);
      const tix = targets.map((t) => s.indexes.index(t.spec));
      const trowsOf = targets.map((t) => liveRows(s, t.td.id)); // (no target changes during the pass)
      /**
       * What the targets say about one key: whether it exists and which names agree with it.
       * Looked up by the cell's RAW value, so a 50,000-row sheet with 100 distinct codes normalises
       * 100 codes, not 50,000 (and names the same way, per key). Memos stop growing at MEMO_MAX
       * entries; then the remaining records are normalised one by one.
       */
      interface Verdict {
        exists: boolean;
        /** Normalised names the targets give the key (null: they give none: any name passes). */
        names: string[] | null;
        /**
         * The targets' names as their cells hold them where that differs from the normal form
         * (“应用物理学（4）”): a cell equal to one agrees. Usually none (the shared empty list).
         */
        exact: readonly CellValue[];
        /** Some target name holds a separator: such a name is never taken as one name of a split cell. */
        sepNames: boolean;
        /** Raw name values already found to agree (created when a name needs normalising). */
        ok: Set<CellValue> | null;
      }
      const NO_EXACT: readonly CellValue[] = [];
      /** Verdict of a split cell holding several keys: only the full evaluation can tell. */
      const MULTI: Verdict = { exists: false, names: null, exact: NO_EXACT, sepNames: false, ok: null };
      const byKey = new Map<string, Verdict>();
      const byRaw = new Map<CellValue, Verdict | null>();
      /** What the targets say about key k, memoised per key (several raw values can share one). */
      const verdictOfKey = (k: string): Verdict => {
        let v = byKey.get(k);
        if (!v) {
          v = verdictNow(k);
          if (byKey.size < MEMO_MAX) byKey.set(k, v);
        }
        return v;
      };
      /**
       * The verdict of a raw value not seen before (the caller memoises it by raw value). A value
       * that is its own key (“T01557”, most of them) needs no second memo by key.
       */
      const verdictOfRaw = (raw: CellValue): Verdict => {
        const k = normalizeKey(raw);
        return k === raw ? verdictNow(k) : verdictOfKey(k);
      };
      const verdictNow = (k: string): Verdict => {
        let exists = false;
        let names: string[] | null = null;
        let exact: CellValue[] | null = null;
        let sepNames = false;
        const h = keyHash(k); // once for all the targets' indexes
        for (let j = 0; j < tix.length; j++) {
          const ix = tix[j];
          const head = ix.first(k, h);
          if (head < 0) continue;
          exists = true;
          const t = targets[j];
          if (t.name < 0) continue;
          const trows = trowsOf[j];
          for (let f = head; f >= 0; f = ix.nextWith(f)) {
            const name = trows[f]?.[t.name];
            if (isEmptyValue(name)) continue;
            const nk = typeof name === "string" && isPlainKey(name) ? name : normalizeKey(name);
            if (!names) names = [nk];
            else if (!names.includes(nk)) names.push(nk);
            if (name !== nk && (exact ??= []).length < 4 && !exact.includes(name)) exact.push(name);
            if (typeof name === "string" && SEPARATORS.test(name)) sepNames = true;
          }
        }
        return { exists, names, exact: exact ?? NO_EXACT, sepNames, ok: null };
      };
      /** True when the cell equals a name the targets give (as written, or in normal form). */
      const sameName = (v: Verdict, name: string): boolean => {
        const ex = v.exact;
        for (let j = 0; j < ex.length; j++) if (ex[j] === name) return true;
        return v.names !== null && v.names.includes(name);
      };
      const nameOk = (v: Verdict, name: CellValue): boolean => {
        if (!v.names) return true;
        if (typeof name === "string") {
          if (sameName(v, name)) return true; // the usual name
          if (isPlainKey(name)) return false; // already in normal form, and not one of them
        }
        if (isEmptyValue(name)) return true;
        if (v.ok?.has(name)) return true;
        const good = v.names.includes(normalizeKey(name));
        if (good && (v.ok ??= new Set()).size < MEMO_MAX) v.ok.add(name);
        return good;
      };
      const col = cols[0];
      /** The condition reads only the key cell itself: its outcome is memoised with the raw value. */
      const whenOnKey = when !== null && when.col === col && cols.length === 1;
      /**
       * One key column of few distinct values (专业代码 of 50,000 students): read through the
       * check's shared dictionary of the column (an aggregate counting by it uses the same), one
       * verdict per distinct value, found by the record's id instead of a map lookup per record.
       */
      const dict = !split && cols.length === 1 ? s.indexes.rawColumn(owner.id, col) : undefined;
      const byId: Array<Verdict | null | undefined> = dict ? new Array(dict.values.length) : [];
      /** Verdict of a one-column key cell seen for the first time (null: empty, or its own condition fails). */
      const cellVerdict = (rec: CellValue[], raw: CellValue): Verdict | null =>
        isEmptyValue(raw) || (whenOnKey && !(when as CompiledCondition).test(rec)) ? null : verdictOfRaw(raw);
      for (let i = 0; i < rows.length; i++) {
        const rec = rows[i];
        let v: Verdict | null | undefined;
        if (split) {
          const raw = rec[col];
          v = byRaw.get(raw);
          if (v === undefined) {
            // null: no keys (evaluateSplit finds nothing), or the condition on this same cell
            // fails (工号 “000000”); MULTI: several values in the cell
            v = isEmptyValue(raw) || (whenOnKey && !(when as CompiledCondition).test(rec)) ? null : typeof raw === "string" && SEPARATORS.test(raw) ? MULTI : verdictOfRaw(raw);
            if (byRaw.size < MEMO_MAX) byRaw.set(raw, v);
          }
          if (!v || (when && !whenOnKey && !when.test(rec))) continue;
          // Several values in the key or name cell: the full evaluation.
          if (v === MULTI) {
            yield i;
            continue;
          }
          const name = nameCol >= 0 ? rec[nameCol] : undefined;
          if (typeof name === "string" && (v.sepNames || !sameName(v, name)) && SEPARATORS.test(name)) {
            yield i;
            continue;
          }
        } else if (dict) {
          const id = dict.ids[i];
          v = byId[id];
          if (v === undefined) byId[id] = v = cellVerdict(rec, rec[col]);
          if (v && when && !whenOnKey && !when.test(rec)) v = null;
        } else if (cols.length === 1) {
          const raw = rec[col];
          v = byRaw.get(raw);
          if (v === undefined) {
            v = cellVerdict(rec, raw);
            if (byRaw.size < MEMO_MAX) byRaw.set(raw, v);
          }
          if (v && when && !whenOnKey && !when.test(rec)) v = null;
        } else {
          const k = s.indexes.keyAt(ownSpec, i);
          v = k === null ? null : verdictOfKey(k);
        }
        if (!v) continue;
        if (!v.exists || (nameCol >= 0 && !nameOk(v, rec[nameCol]))) yield i;
      }
    },
  };
  function evaluateSplit(index: number, s: TableSource): readonly RowProblem[] {
    const rec = liveRows(s, owner.id)[index];
    if (!ownKeys(rec).length) return EMPTY;
    const parts = splitParts(rec[cols[0]]);
    const missing = parts.filter((x) => !existsIn(s, x.toUpperCase()));
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
function exclusive(owner: TableDef, def: RuleDef, src: RuleCompileSource): CrossRule {
  const p = def.params as { columns: string[]; other: { table: string; columns: string[] } };
  if (!Array.isArray(p.columns) || !p.other) throw new RuleCompileError(`规则 ${def.id}：exclusive 需要 columns 和 other`);
  const cols = p.columns.map((k) => colIndex(owner, k, def));
  const other = tableOf(src, p.other.table, def);
  if (other.id === owner.id) throw new RuleCompileError(`规则 ${def.id}：exclusive 的 other 不能是本表`);
  const ocols = p.other.columns.map((k) => colIndex(other, k, def));
  const ownSpec = specOf(owner.id, cols, null, undefined);
  const otherSpec = specOf(other.id, ocols, null, undefined);
  return {
    def,
    owner: owner.id,
    reads: [owner.id, other.id],
    uses: [...cols.map((col) => ({ table: owner.id, col })), ...ocols.map((col) => ({ table: other.id, col }))],
    active: (s) => s.rows(owner.id) !== undefined && s.rows(other.id) !== undefined,
    indexed: [otherSpec],
    rebuild() {},
    apply(tableId, index, before, after, s) {
      if (tableId === owner.id) return [index];
      const k1 = recordKey(otherSpec, before), k2 = recordKey(otherSpec, after);
      if (k1 === k2) return [];
      const counts = s.indexes.index(otherSpec); // already without `before` and with `after`
      const affected = new Set<number>();
      // An owner record's finding changes when its key's count in the other table crosses 0.
      if (k1 !== null && counts.size(k1, 1) === 0) for (const i of s.indexes.index(ownSpec).rows(k1)) affected.add(i);
      if (k2 !== null && counts.size(k2, 2) === 1) for (const i of s.indexes.index(ownSpec).rows(k2)) affected.add(i);
      return affected;
    },
    evaluate(index, s) {
      const key = s.indexes.keyAt(ownSpec, index);
      if (key === null || !s.indexes.index(otherSpec).size(key, 1)) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      return [{ col: cols[0], value: rec[cols[0]], message: `${q(rec[cols[0]])}同时出现在${label(other)}中，同一人（项）只能填在其中一张表` }];
    },
    *candidates(s) {
      const n = liveRows(s, owner.id).length;
      const counts = s.indexes.index(otherSpec);
      for (let i = 0; i < n; i++) if (counts.size(s.indexes.keyAt(ownSpec, i), 1)) yield i;
    },
  };
}

// ---- aggregate ------------------------------------------------------------------------------------

/**
 * aggregate: params {columns: string[] (own, summed), op, of: {table, fn: "count" | "sum",
 * column?, where?, groupBy?}, matchBy?: string} — 4-1-1 博士后流动站 = count(4-1-2);
 * SF-1 指导专业学生数量 ≤ count(1-6 where 校内专业代码 = this row's).
 */
function aggregate(owner: TableDef, def: RuleDef, src: RuleCompileSource): CrossRule {
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
  /** Records of `of` per group (no groupBy: every non-blank record in group ""); shared with other rules. */
  const ofSpec = specOf(of.id, groupBy < 0 ? [] : [groupBy], where, p.of.where);
  const ownSpec = specOf(owner.id, matchBy < 0 ? [] : [matchBy], null, undefined);
  const gk = (rec: Rec) => recordKey(ofSpec, rec);
  /** Sums per group (per session), computed when a finding needs one and dropped when the group changes. */
  const stateKey = {};
  const sumsOf = (s: TableSource) => s.state(stateKey, () => new Map<string, number>());
  const total = (s: TableSource, k: string): number => {
    if (p.of.fn === "count") return s.indexes.count(ofSpec, k);
    const group = s.indexes.index(ofSpec);
    const sums = sumsOf(s);
    let t = sums.get(k);
    if (t === undefined) {
      t = 0;
      const rows = liveRows(s, of.id);
      for (const i of group.rows(k)) {
        const n = parseNumber(rows[i]?.[ofCol]);
        if (n.ok) t += n.value;
      }
      sums.set(k, t);
    }
    return t;
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
      sumsOf(s).clear();
    },
    apply(tableId, index, before, after, s) {
      const affected = new Set<number>();
      if (tableId === of.id) {
        const k1 = gk(before), k2 = gk(after);
        for (const k of [k1, k2]) {
          if (k === null) continue;
          sumsOf(s).delete(k);
          for (const i of s.indexes.index(ownSpec).rows(k)) affected.add(i);
        }
      }
      if (tableId === owner.id) affected.add(index);
      return affected;
    },
    evaluate(index, s) {
      const key = s.indexes.keyAt(ownSpec, index);
      if (key === null) return EMPTY;
      const rec = liveRows(s, owner.id)[index];
      if (cols.some((c) => isEmptyValue(rec[c]))) return EMPTY;
      let left = 0;
      for (const c of cols) {
        const n = parseNumber(rec[c]);
        if (!n.ok) return [];
        left += n.value;
      }
      const right = total(s, key);
      if (cmp(left, p.op, right, 1e-6)) return [];
      const lhs = cols.length > 1 ? `${headers(owner, cols)} = ${Number(left.toPrecision(12))}，` : q(rec[cols[0]]);
      const scope = matchBy >= 0 ? `中【${of.columns[groupBy].header}】为“${displayValue(rec[matchBy])}”的` : "的";
      return [{ col: cols[0], value: rec[cols[0]], namesColumns: cols.length > 1, message: `${lhs}应${OP_TEXT[p.op]}${label(of)}${scope}${what} ${Number(right.toPrecision(12))}` }];
    },
  };
}

export const CROSS_RULE_KINDS: Record<string, (owner: TableDef, def: RuleDef, src: RuleCompileSource) => CrossRule> = { unique, exists, exclusive, aggregate };
