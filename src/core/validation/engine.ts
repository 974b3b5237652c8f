/**
 * The validation engine: column checks, record rules and cross-record rules over tables read with
 * `readTable`, either all at once (`checkTables`) or incrementally (`ValidationSession`).
 * Pure core, synchronous: no Office, DOM or React imports.
 */
import type { Catalog, RuleDef, TableDef } from "../catalog/types";
import { parseStatYear } from "../catalog/period";
import type { CellValue } from "../workbook/port";
import { checkCell, FAST_FILLED, FAST_SLOW, fastCell, fastColumn, fastPlan, indexCodeList, type CodeIndex, type FastPlan } from "./columns";
import { CROSS_RULE_KINDS, type CrossRule, type Rec, type TableSource } from "./crossRules";
import { IndexRegistry, isBlankRecord } from "./indexes";
import { cellOf, makeCellFinding, makeFinding, prefix, tableLabel } from "./finding";
import { compileRowRule, RuleCompileError, type CompiledRowRule } from "./rowRules";
import type { CheckContext, Finding, FindingsDelta, RowUpdate, TableData } from "./types";

/** Rules the engine compiled for one table: code lists per column and record rules. */
export interface CompiledTable {
  table: TableDef;
  codes: (CodeIndex | undefined)[];
  /** The column checks' fast path: values that certainly pass skip `checkCell`. */
  fast: FastPlan;
  rowRules: CompiledRowRule[];
  errors: string[];
}

const compiledCache = new WeakMap<TableDef, WeakMap<Catalog, CompiledTable>>();

/** True for rule kinds that look at one record at a time. */
export function isRowRuleKind(kind: string): boolean {
  return !(kind in CROSS_RULE_KINDS);
}

export function compileTable(table: TableDef, catalog: Pick<Catalog, "codeLists"> & Partial<Catalog>): CompiledTable {
  const byCat = compiledCache.get(table);
  const hit = byCat?.get(catalog as Catalog);
  if (hit) return hit;
  const errors: string[] = [];
  const indexes = new Map<string, CodeIndex>();
  const codes = table.columns.map((c) => {
    if ((c.type !== "code" && c.type !== "multiCode") || !c.codeList) return undefined;
    const list = catalog.codeLists[c.codeList];
    if (!list) {
      errors.push(`表${table.id}【${c.header}】引用的代码表“${c.codeList}”不存在`);
      return undefined;
    }
    let ix = indexes.get(list.id);
    if (!ix) indexes.set(list.id, (ix = indexCodeList(list)));
    return ix;
  });
  const rowRules: CompiledRowRule[] = [];
  for (const r of table.rules) {
    if (!isRowRuleKind(r.kind)) continue;
    try {
      rowRules.push(compileRowRule(table, r, catalog.codeLists));
    } catch (e) {
      errors.push(e instanceof RuleCompileError ? e.message : `规则 ${r.id}：${String(e)}`);
    }
  }
  const fast = fastPlan(table.columns, codes);
  const out = { table, codes, fast, rowRules, errors };
  const m = byCat ?? new WeakMap<Catalog, CompiledTable>();
  m.set(catalog as Catalog, out);
  if (!byCat) compiledCache.set(table, m);
  return out;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}


/** What of a compiled table applies to one sheet layout: the found columns and the rules they allow. */
interface LayoutPlan {
  columns: number[];
  rules: CompiledRowRule[];
}
const planCache = new WeakMap<TableData["layout"], WeakMap<CompiledTable, LayoutPlan>>();

function planFor(ct: CompiledTable, td: TableData): LayoutPlan {
  let byCt = planCache.get(td.layout);
  let plan = byCt?.get(ct);
  if (!plan) {
    const L = td.layout;
    const present = td.table.columns.map((_, c) => (L.kind === "single" ? L.valueRows?.[c] != null : L.columns[c] != null));
    plan = {
      columns: present.flatMap((p, c) => (p ? [c] : [])), // missing columns: the structure finding covers them
      rules: ct.rowRules.filter((rr) => rr.reads.every((c) => present[c])),
    };
    if (!byCt) planCache.set(td.layout, (byCt = new WeakMap()));
    byCt.set(ct, plan);
  }
  return plan;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** `scanRecord` flags: a cell of the record holds a value (that passed the fast path). */
const FILLED = FAST_FILLED;
/** `scanRecord` flags: some cell needs the full column check. */
const SLOW = FAST_SLOW;
/** loadOwn's flags: some record rule's column pass could not clear the record (see CompiledRowRule.pass). */
const RULES = 4;

/**
 * One pass over a record's checked cells: which need the full check, and whether any holds a
 * value. Most records of a big sheet come out as FILLED alone, with nothing allocated.
 */
function scanRecord(fast: FastPlan, cols: readonly number[], rec: CellValue[]): number {
  let flags = 0;
  for (let j = 0; j < cols.length; j++) {
    const c = cols[j];
    const v = rec[c];
    if (!fastCell(fast, c, v)) flags |= SLOW;
    else if (v !== "") flags |= FILLED;
  }
  return flags;
}

/**
 * Row-local findings (column checks and record rules) of one record. `flags`: its `scanRecord`
 * result when the caller already has it.
 */
function checkRecord(ct: CompiledTable, td: TableData, plan: LayoutPlan, index: number, statYear: number, notBlank = false, flags = -1): readonly Finding[] {
  const rec = td.rows[index];
  if (!rec) return NO_FINDINGS;
  if (flags < 0) flags = scanRecord(ct.fast, plan.columns, rec);
  // A blank record of a list (every cell empty) is not a record: nothing to check.
  if (!notBlank && td.layout.kind === "list" && !(flags & FILLED) && isBlankRecord(rec)) return NO_FINDINGS;
  let out: Finding[] | null = null;
  if (flags & SLOW) {
    const cols = td.table.columns;
    for (let j = 0; j < plan.columns.length; j++) {
      const c = plan.columns[j];
      if (fastCell(ct.fast, c, rec[c])) continue;
      const problems = checkCell(cols[c], rec[c], ct.codes[c]);
      for (let k = 0; k < problems.length; k++) {
        const p = problems[k];
        (out ??= []).push(makeFinding(td, index, c, p.rule, p.severity, `${prefix(td, index, c)}${p.message}`, rec[c]));
      }
    }
  }
  for (let j = 0; j < plan.rules.length; j++) {
    const rr = plan.rules[j];
    const problems = rr.check(rec, statYear);
    for (let k = 0; k < problems.length; k++) {
      const p = problems[k];
      (out ??= []).push(ruleFinding(td, index, rr.def, p.col, p.message, p.value, p.namesColumns));
    }
  }
  return out ?? NO_FINDINGS;
}

function ruleFinding(td: TableData, index: number, def: RuleDef, col: number, message: string, value: CellValue, namesColumns = false): Finding {
  const pre = prefix(td, index, col, namesColumns);
  const text = def.message && def.message.includes("{")
    ? fill(def.message, { table: tableLabel(td), row: String((cellOf(td, index, col)?.row ?? 0) + 1), column: td.table.columns[col]?.header ?? "", value: String(value), detail: message })
    : `${pre}${message}`;
  return makeFinding(td, index, col, def.id, def.severity, text, value);
}

/**
 * Row-local findings (column checks and record rules) of some records, e.g. after an edit.
 * Cross-record rules (unique, exists, exclusive, aggregate) need a `ValidationSession`.
 */
export function checkRows(td: TableData, rowIndexes: Iterable<number>, catalog: Pick<Catalog, "codeLists">, ctx: CheckContext): Finding[] {
  const ct = compileTable(td.table, catalog);
  const plan = planFor(ct, td);
  const out: Finding[] = [];
  let list: number[];
  if (Array.isArray(rowIndexes)) list = rowIndexes as number[];
  else {
    list = [];
    for (const i of rowIndexes) list.push(i);
  }
  // Most of the table: the fast path column by column first (see fastColumn), then per record.
  const flags = list.length * 4 >= td.rows.length ? tableFlags(ct, plan, td.rows) : null;
  for (const i of list) {
    if (!Number.isInteger(i) || i < 0 || i >= td.rows.length) continue;
    const f = checkRecord(ct, td, plan, i, ctx.statYear, false, flags ? flags[i] : -1);
    for (let k = 0; k < f.length; k++) out.push(f[k]);
  }
  return out;
}

/** `scanRecord` flags of every record, computed column by column. */
function tableFlags(ct: CompiledTable, plan: LayoutPlan, rows: readonly (CellValue[] | undefined)[]): Uint8Array {
  const flags = new Uint8Array(rows.length);
  for (let j = 0; j < plan.columns.length; j++) fastColumn(ct.fast, plan.columns[j], rows, flags);
  return flags;
}

const NONE: readonly never[] = Object.freeze([]);
const STRUCTURE = -1;
const EMPTY_KEY = "empty";

/** 「必填表还没有填写任何数据」 for a required list table without records. */
function emptyTableFinding(td: TableData, filled: number): readonly Finding[] {
  if (filled > 0 || td.layout.kind !== "list" || !td.table.required || td.layout.headerRow < 0) return NONE;
  return [makeCellFinding(td, td.layout.firstDataRow, td.layout.columns.find((c) => c !== null) ?? 0, "", "table.empty", "warning", `${tableLabel(td)}是必填表，但还没有填写任何数据`, "")];
}
const ROW = "\u0000row";

interface CompiledRules {
  cross: CrossRule[];
  /** Rules per table they read. */
  byTable: Map<string, CrossRule[]>;
  /** Rules that could not be compiled, and row-rule and code-list problems of the tables. */
  errors: string[];
}

/** Compiled cross-record rules per catalog (catalogs are not changed once in use, as for compileTable). */
const rulesCache = new WeakMap<Catalog, CompiledRules>();

/**
 * The cross-record rules of a catalog, compiled once and shared by all its sessions (a full
 * check creates a session; compiling ~300 rules was 3% of checking the bench workbook). Rules
 * keep what they memoise per session through TableSource.state.
 */
function compiledRules(catalog: Catalog): CompiledRules {
  const hit = rulesCache.get(catalog);
  if (hit) return hit;
  const out: CompiledRules = { cross: [], byTable: new Map(), errors: [] };
  const defs = new Map(catalog.tables.map((t) => [t.id, t]));
  const src = { def: (id: string) => defs.get(id), codeLists: catalog.codeLists };
  const all: Array<{ owner: TableDef; def: RuleDef }> = [];
  for (const t of catalog.tables) for (const def of t.rules) if (!isRowRuleKind(def.kind)) all.push({ owner: t, def });
  for (const def of catalog.crossRules) {
    const ownerId = typeof def.params.table === "string" ? def.params.table : "";
    const owner = defs.get(ownerId);
    if (!owner) {
      out.errors.push(`规则 ${def.id}：params.table“${ownerId}”不是目录中的表`);
      continue;
    }
    all.push({ owner, def });
  }
  for (const { owner, def } of all) {
    const make = CROSS_RULE_KINDS[def.kind];
    if (!make) {
      out.errors.push(`规则 ${def.id}：未知的规则类型“${def.kind}”`);
      continue;
    }
    try {
      const r = make(owner, def, src);
      out.cross.push(r);
      for (const t of r.reads) {
        const l = out.byTable.get(t);
        if (l) l.push(r);
        else out.byTable.set(t, [r]);
      }
    } catch (e) {
      out.errors.push(e instanceof RuleCompileError ? e.message : `规则 ${def.id}：${String(e)}`);
    }
  }
  for (const t of catalog.tables) out.errors.push(...compileTable(t, catalog).errors);
  rulesCache.set(catalog, out);
  return out;
}

/**
 * Incremental validation of a workbook's tables. Load tables with `setTable`, then apply edits with
 * `updateRows`; both return the findings that appeared and disappeared. Per-table indexes (value →
 * records) make a one-cell edit cost O(changed records + records whose result changes).
 *
 * Record indexes are positions in `TableData.rows`. Inserting or deleting sheet rows shifts every
 * record below: re-read the table and call `setTable` again in that case (and when a header changed).
 */
export class ValidationSession {
  readonly statYear: number;
  /** Rules that could not be compiled against the catalog (they are skipped). */
  readonly ruleErrors: string[] = [];
  private readonly defs = new Map<string, TableDef>();
  private readonly order = new Map<string, number>();
  private readonly tables = new Map<string, TableData>();
  private readonly cross: readonly CrossRule[];
  private readonly byTable: ReadonlyMap<string, readonly CrossRule[]>;
  /** What the (shared, stateless) compiled rules keep for this session: see TableSource.state. */
  private readonly ruleState = new Map<object, unknown>();
  private readonly store = new Map<string, Map<number, Map<string, Finding[]>>>();
  private readonly src: TableSource;
  /** Per table: number of records that are not blank (for 「必填表还没有填写」). */
  private readonly filled = new Map<string, number>();
  /** Value→records indexes shared by the cross-record rules (built lazily, kept current). */
  private readonly indexes = new IndexRegistry((id) => this.tables.get(id)?.rows);

  /** More changed records than this (or than a quarter of the table) take the rebuild path. */
  bulkThreshold = 1000;

  constructor(
    readonly catalog: Catalog,
    ctx: CheckContext,
  ) {
    this.statYear = parseStatYear(ctx.statYear);
    catalog.tables.forEach((t, i) => {
      this.defs.set(t.id, t);
      this.order.set(t.id, i);
    });
    this.src = {
      def: (id) => this.defs.get(id),
      codeLists: catalog.codeLists,
      rows: (id) => this.tables.get(id)?.rows,
      indexes: this.indexes,
      excelRow: (id, index) => {
        const td = this.tables.get(id);
        if (!td) return index + 1;
        const p = td.layout.kind === "single" ? cellOf(td, index, Math.max(0, td.layout.valueRows?.findIndex((r) => r !== null) ?? 0)) : { row: td.layout.firstDataRow + index };
        return (p?.row ?? 0) + 1;
      },
      state: <T>(rule: object, make: () => T): T => {
        let v = this.ruleState.get(rule) as T | undefined;
        if (v === undefined) this.ruleState.set(rule, (v = make()));
        return v;
      },
    };
    const compiled = compiledRules(catalog);
    this.cross = compiled.cross;
    this.byTable = compiled.byTable;
    this.ruleErrors.push(...compiled.errors);
  }

  /** Cross-record rules whose findings can change when `tableId` changes. */
  rulesAffectedBy(tableId: string): RuleDef[] {
    return (this.byTable.get(tableId) ?? []).map((r) => r.def);
  }

  /** Tables whose findings can change when `tableId` changes (itself included). */
  tablesAffectedBy(tableId: string): string[] {
    return [...new Set([tableId, ...(this.byTable.get(tableId) ?? []).map((r) => r.owner)])];
  }

  tableData(tableId: string): TableData | undefined {
    return this.tables.get(tableId);
  }

  /** Loads (or reloads) a table: full check of it and of the cross rules that read it. */
  setTable(td: TableData): FindingsDelta {
    return this.setTables([td]);
  }

  /**
   * Loads (or reloads) several tables at once: each cross-table rule that reads any of them is
   * rebuilt once, not once per table (use this for a whole workbook).
   */
  setTables(tds: Iterable<TableData>): FindingsDelta {
    const delta: FindingsDelta = { added: [], removed: [] };
    const list = [...tds];
    for (const td of list) this.loadOwn(td, delta);
    const fresh = new Set(list.map((td) => td.table.id));
    const rules = new Set<CrossRule>();
    for (const id of fresh) for (const r of this.byTable.get(id) ?? []) rules.add(r);
    this.indexes.expect(this.cross.flatMap((r) => (r.indexed && this.ruleLive(r) ? r.indexed : [])));
    this.indexes.transient(() => {
      for (const r of rules) this.refreshRule(r, delta, fresh.has(r.owner));
    });
    return delta;
  }

  /** Replaces a table's data and its structure and row-local findings (cross rules: the caller). */
  private loadOwn(td: TableData, delta: FindingsDelta) {
    const id = td.table.id;
    const def = this.defs.get(id);
    if (!def) throw new RangeError(`目录中没有表${id}`);
    if (def.columns.length !== td.table.columns.length || def.columns.some((c, i) => c.key !== td.table.columns[i].key))
      throw new RangeError(`表${id}的列与目录不一致：请用目录中的表定义调用 readTable`);
    const old = this.store.get(id);
    if (old) for (const m of old.values()) for (const l of m.values()) for (let k = 0; k < l.length; k++) delta.removed.push(l[k]);
    const fresh = new Map<number, Map<string, Finding[]>>();
    this.store.set(id, fresh);
    this.tables.set(id, td);
    this.indexes.invalidate(id);
    const put = (row: number, key: string, f: readonly Finding[]) => {
      if (!f.length) return;
      let m = fresh.get(row);
      if (!m) fresh.set(row, (m = new Map()));
      m.set(key, [...f]);
      for (let k = 0; k < f.length; k++) delta.added.push(f[k]);
    };
    put(STRUCTURE, "structure", td.structureFindings);
    const ct = compileTable(def, this.catalog);
    const plan = planFor(ct, td);
    // One pass: count the filled records and check them (blank records of a list have nothing to check).
    let filled = 0;
    const list = td.layout.kind === "list";
    const rows = td.rows;
    // the fast path column by column (see fastColumn), and the record rules' column passes
    const flags = tableFlags(ct, plan, rows);
    let everyRulePassed = true;
    for (const rr of plan.rules) {
      if (rr.pass) rr.pass(rows, this.statYear, flags, RULES);
      else everyRulePassed = false;
    }
    // then each record once: only records some pass marked need checkRecord (with no findings to
    // make, calling it for each of 50,000 clean students cost more than the passes themselves)
    const need = everyRulePassed ? SLOW | RULES : 0;
    for (let i = 0; i < rows.length; i++) {
      const rec = rows[i];
      if (!rec) continue;
      const f = flags[i];
      const blank = !(f & FILLED) && isBlankRecord(rec);
      if (!blank) filled++;
      if ((!blank || !list) && (need === 0 || f & need)) put(i, ROW, checkRecord(ct, td, plan, i, this.statYear, !blank, f));
    }
    this.filled.set(id, filled);
    put(STRUCTURE, EMPTY_KEY, emptyTableFinding(td, filled));
  }

  /** Unloads a table (e.g. its sheet was deleted). */
  removeTable(tableId: string): FindingsDelta {
    const delta: FindingsDelta = { added: [], removed: [] };
    const old = this.store.get(tableId);
    if (old) for (const m of old.values()) for (const l of m.values()) delta.removed.push(...l);
    this.store.delete(tableId);
    this.tables.delete(tableId);
    this.indexes.invalidate(tableId);
    for (const r of this.byTable.get(tableId) ?? []) if (r.owner !== tableId) this.refreshRule(r, delta, false);
    return delta;
  }

  /**
   * Applies changed records of a loaded table and re-checks what they can affect. Small edits update
   * the cross-rule indexes record by record; a large paste (more than `bulkThreshold` records, or a
   * quarter of the table) rebuilds them once instead, which is cheaper per record.
   */
  updateRows(tableId: string, updates: Iterable<RowUpdate>): FindingsDelta {
    const td = this.tables.get(tableId);
    if (!td) throw new RangeError(`表${tableId}尚未载入`);
    const delta: FindingsDelta = { added: [], removed: [] };
    const list = [...updates].filter((u) => Number.isInteger(u.index) && u.index >= 0 && (td.layout.kind === "list" || u.index === 0));
    const bulk = list.length > Math.max(this.bulkThreshold, td.rows.length / 4);
    const rules = bulk ? [] : (this.byTable.get(tableId) ?? []).filter((r) => this.ruleLive(r));
    const affected = new Map<CrossRule, Set<number>>(rules.map((r) => [r, new Set<number>()]));
    const changed = new Set<number>();
    const ncol = td.table.columns.length;
    let filled = this.filled.get(tableId) ?? 0;
    for (const u of list) {
      while (td.rows.length <= u.index) td.rows.push(new Array(ncol).fill(""));
      const before: Rec = isBlankRecord(td.rows[u.index]) ? undefined : td.rows[u.index];
      if (!bulk) this.indexes.recordChanging(tableId, u.index);
      const values: CellValue[] = new Array(ncol);
      for (let c = 0; c < ncol; c++) {
        const v = u.values[c];
        values[c] = v === undefined || v === null ? "" : v;
      }
      td.rows[u.index] = values;
      const after: Rec = isBlankRecord(values) ? undefined : values;
      filled += (after ? 1 : 0) - (before ? 1 : 0);
      changed.add(u.index);
      if (!bulk) this.indexes.recordChanged(tableId, u.index);
      for (const r of rules) for (const i of r.apply(tableId, u.index, before, after, this.src)) affected.get(r)!.add(i);
    }
    const wasFilled = this.filled.get(tableId) ?? 0;
    this.filled.set(tableId, filled);
    if ((wasFilled > 0) !== (filled > 0)) this.replace(tableId, STRUCTURE, EMPTY_KEY, emptyTableFinding(td, filled), delta);
    const ct = compileTable(this.defs.get(tableId) as TableDef, this.catalog);
    const plan = planFor(ct, td);
    for (const i of changed) this.replace(tableId, i, ROW, checkRecord(ct, td, plan, i, this.statYear), delta);
    if (bulk) {
      this.indexes.invalidate(tableId);
      this.indexes.transient(() => {
        for (const r of this.byTable.get(tableId) ?? []) this.refreshRule(r, delta, false);
      });
    }
    else for (const [r, rows] of affected) for (const i of rows) this.evaluate(r, i, delta);
    return delta;
  }

  /** All current findings (or one table's), ordered by table, row and column. */
  findings(tableId?: string): Finding[] {
    const out: Finding[] = [];
    const ids = tableId ? [tableId] : [...this.store.keys()].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    for (const id of ids) {
      const m = this.store.get(id);
      if (!m) continue;
      const rows = [...m.keys()].sort((a, b) => a - b);
      for (const r of rows) {
        const fs: Finding[] = [];
        for (const l of m.get(r)!.values()) fs.push(...l);
        fs.sort((a, b) => a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
        out.push(...fs);
      }
    }
    return out;
  }

  /** Counts by severity (whole workbook or one table). */
  summary(tableId?: string): { errors: number; warnings: number } {
    let errors = 0, warnings = 0;
    for (const f of this.findings(tableId)) f.severity === "error" ? errors++ : warnings++;
    return { errors, warnings };
  }

  private ruleLive(r: CrossRule): boolean {
    if (!r.active(this.src)) return false;
    return r.uses.every((u) => {
      const td = this.tables.get(u.table);
      return td !== undefined && (td.layout.kind === "single" ? td.layout.valueRows?.[u.col] != null : td.layout.columns[u.col] != null);
    });
  }

  private refreshRule(r: CrossRule, delta: FindingsDelta, ownerFresh: boolean) {
    const owner = this.tables.get(r.owner);
    if (!owner) return;
    if (!ownerFresh) {
      const m = this.store.get(r.owner);
      if (m) for (const [row, byRule] of m) {
        const l = byRule.get(r.def.id);
        if (l) {
          delta.removed.push(...l);
          byRule.delete(r.def.id);
          if (!byRule.size) m.delete(row);
        }
      }
    }
    if (!this.ruleLive(r)) return;
    r.rebuild(this.src);
    // Only records that can have a problem (the rule finds them from its indexes); all others
    // have none, and their old findings of this rule were removed above (or never existed).
    if (r.candidates) for (const i of r.candidates(this.src)) this.evaluate(r, i, delta);
    else for (let i = 0; i < owner.rows.length; i++) this.evaluate(r, i, delta);
  }

  private evaluate(r: CrossRule, index: number, delta: FindingsDelta) {
    const td = this.tables.get(r.owner);
    if (!td) return;
    const rec = td.rows[index];
    const problems = rec && !(td.layout.kind === "list" && isBlankRecord(rec)) ? r.evaluate(index, this.src) : NONE;
    const found = problems.length ? problems.map((p) => ruleFinding(td, index, r.def, p.col, p.message, p.value, p.namesColumns)) : NONE;
    this.replace(r.owner, index, r.def.id, found, delta);
  }

  private replace(tableId: string, row: number, key: string, found: readonly Finding[], delta: FindingsDelta) {
    let m = this.store.get(tableId);
    if (!m) this.store.set(tableId, (m = new Map()));
    let byRule = m.get(row);
    const old = byRule?.get(key) ?? NONE;
    if (!old.length && !found.length) return;
    if (old.length === found.length && old.every((f, i) => sameFinding(f, found[i]))) return;
    delta.removed.push(...old);
    delta.added.push(...found);
    if (found.length) {
      if (!byRule) m.set(row, (byRule = new Map()));
      byRule.set(key, [...found]);
    } else if (byRule) {
      byRule.delete(key);
      if (!byRule.size) m.delete(row);
    }
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.cell === b.cell && a.rule === b.rule && a.message === b.message && a.severity === b.severity && a.sheet === b.sheet;
}

/** Full check of some tables: structure, columns, record rules and cross-table rules. */
export function checkTables(tables: TableData[], catalog: Catalog, ctx: CheckContext): Finding[] {
  const s = new ValidationSession(catalog, ctx);
  s.setTables(tables);
  return s.findings();
}

/**
 * Problems of a catalog's rules (unknown kinds, columns or tables, bad params), in Chinese — for a
 * catalog imported from a workbook (next year's guide) before it is used. Empty when all compile.
 */
export function ruleProblems(catalog: Catalog): string[] {
  return new ValidationSession(catalog, { statYear: catalog.edition }).ruleErrors;
}
