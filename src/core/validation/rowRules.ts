/**
 * Rule kinds that look at one record at a time (字段内关系): sum, compare, conditional, dateWindow,
 * pattern, unitSlip. Each compiles a RuleDef against its table once and then checks a record.
 * Pure core: no Office, DOM or React imports.
 */
import type { CodeList, PeriodKind, RuleDef, TableDef } from "../catalog/types";
import type { CellValue } from "../workbook/port";
import { q } from "./finding";
import {
  compareDates,
  formatDateValue,
  isEmptyValue,
  normalizeHeader,
  normalizeKey,
  normalizeText,
  parseDate,
  parseNumber,
  parseYear,
  parseYearMonth,
  plainYearMonth,
  type DateValue,
} from "./normalize";
import { periodWindow } from "../catalog/period";

export type CmpOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export const OPS: CmpOp[] = ["=", "!=", "<", "<=", ">", ">="];
export const OP_TEXT: Record<CmpOp, string> = { "=": "等于", "!=": "不等于", "<": "小于", "<=": "小于或等于", ">": "大于", ">=": "大于或等于" };

/** A condition on one column of a record; every given predicate must hold. */
export interface Condition {
  column: string;
  /** Value (normalised, case-insensitive) is one of these. */
  in?: string[];
  notIn?: string[];
  /** true: cell is empty; false: cell is not empty. */
  empty?: boolean;
  /** Numeric comparison with `value`. */
  op?: CmpOp;
  value?: number;
  /** Regular expression the normalised text must match. */
  pattern?: string;
}

/** A problem found by a record rule: which column it belongs to and the message suffix. */
export interface RowProblem {
  col: number;
  message: string;
  value: CellValue;
  /** The message names its columns itself: the prefix then omits 【header】. */
  namesColumns?: boolean;
}

const NO_ROW_PROBLEMS: readonly RowProblem[] = Object.freeze([]);

export interface CompiledRowRule {
  def: RuleDef;
  /** Column indexes the rule reads (a change elsewhere cannot change its result). */
  reads: number[];
  check(rec: CellValue[], statYear: number): readonly RowProblem[];
  /**
   * Optional whole-column pre-pass for a full check: sets `bit` in `flags[i]` for every record i
   * whose `check` may report a problem (a superset). A record it leaves clear is one `check` passes,
   * so a full check of a 50,000-row sheet calls `check` only for the few it marked.
   */
  pass?(rows: readonly (CellValue[] | undefined)[], statYear: number, flags: Uint8Array, bit: number): void;
}

export class RuleCompileError extends Error {}

/** Column of a rule reference: the column key, or (for catalogs edited by hand) its exact header. */
export function colIndex(table: TableDef, key: unknown, rule: RuleDef): number {
  let i = typeof key === "string" ? table.columns.findIndex((c) => c.key === key) : -1;
  if (i < 0 && typeof key === "string") {
    const h = normalizeHeader(key);
    const hits = table.columns.flatMap((c, j) => (normalizeHeader(c.header) === h ? [j] : []));
    if (hits.length === 1) i = hits[0];
  }
  if (i < 0) throw new RuleCompileError(`规则 ${rule.id}：表${table.id}没有列“${String(key)}”`);
  return i;
}

export function cmp(a: number, op: CmpOp, b: number, tol = 1e-6): boolean {
  switch (op) {
    case "=": return Math.abs(a - b) <= tol;
    case "!=": return Math.abs(a - b) > tol;
    case "<": return a < b - tol;
    case "<=": return a <= b + tol;
    case ">": return a > b + tol;
    case ">=": return a >= b - tol;
  }
}

const asOp = (v: unknown, rule: RuleDef): CmpOp => {
  if (OPS.includes(v as CmpOp)) return v as CmpOp;
  throw new RuleCompileError(`规则 ${rule.id}：无效的比较符“${String(v)}”`);
};

const fmt = (n: number) => String(Number(n.toPrecision(12)));

export interface CompiledCondition {
  col: number;
  test(rec: CellValue[]): boolean;
  describe: string;
  /** The cell as a message shows it: “02（无任教）” for a code. */
  show(v: CellValue): string;
}

export type CodeLists = Record<string, CodeList>;

/** A value written in a rule (a label such as “是”) plus the code and label it stands for in the column's code list. */
function expandCodes(values: string[], list: CodeList | undefined): string[] {
  const out = new Set(values.map((s) => normalizeText(s).toUpperCase()));
  if (list)
    for (const v of list.values) {
      const val = normalizeText(v.value).toUpperCase(), lab = normalizeText(v.label).toUpperCase();
      if (out.has(lab) || out.has(val)) {
        out.add(val);
        out.add(lab);
      }
    }
  return [...out];
}

export function compileCondition(table: TableDef, c: Condition, rule: RuleDef, codeLists?: CodeLists): CompiledCondition {
  const col = colIndex(table, c.column, rule);
  const header = `【${table.columns[col].header}】`;
  const list = table.columns[col].codeList ? codeLists?.[table.columns[col].codeList as string] : undefined;
  const ins = c.in && expandCodes(c.in, list);
  const notIns = c.notIn && expandCodes(c.notIn, list);
  const re = c.pattern ? new RegExp(c.pattern) : null;
  const op = c.op ? asOp(c.op, rule) : null;
  const parts: string[] = [];
  if (c.empty === true) parts.push(`${header}为空`);
  if (c.empty === false) parts.push(`${header}不为空`);
  if (c.in) parts.push(`${header}为${c.in.map((s) => `“${s}”`).join("或")}`);
  if (c.notIn) parts.push(`${header}不为${c.notIn.map((s) => `“${s}”`).join("或")}`);
  if (op) parts.push(`${header}${OP_TEXT[op]}${c.value}`);
  if (re) parts.push(`${header}符合格式`);
  const labels = new Map(list?.values.map((x) => [normalizeText(x.value).toUpperCase(), x.label]) ?? []);
  return {
    col,
    describe: parts.join("且"),
    show(v) {
      const l = labels.get(normalizeText(v).toUpperCase());
      return l && l !== normalizeText(v) ? `“${normalizeText(v)}”（${l}）` : q(v);
    },
    test(rec) {
      const v = rec[col];
      const empty = isEmptyValue(v);
      if (c.empty === true && !empty) return false;
      if (c.empty === false && empty) return false;
      if (ins || notIns) {
        const s = normalizeKey(v);
        if (ins && !ins.includes(s)) return false;
        if (notIns && (empty || notIns.includes(s))) return false;
      }
      if (op) {
        const n = parseNumber(v);
        if (!n.ok || !cmp(n.value, op, Number(c.value))) return false;
      }
      if (re && !re.test(normalizeText(v))) return false;
      return true;
    },
  };
}

/** Date-like value of a cell according to the column type (null: not a date or empty). */
export function dateOf(table: TableDef, col: number, v: CellValue): DateValue | null {
  if (isEmptyValue(v)) return null;
  switch (table.columns[col].type) {
    case "year": return parseYear(v);
    case "yearMonth": return parseYearMonth(v);
    case "date": return parseDate(v);
    default: {
      // Text columns holding years or dates (the 2019 dictionary stores many dates as text).
      return parseYear(v) ?? parseYearMonth(v) ?? parseDate(v);
    }
  }
}

/** A year as a year column holds it: what parseYear accepts among numbers. */
const isYearNumber = (v: number) => Number.isInteger(v) && v >= 1900 && v <= 2100;

/** Sets `bit` for records whose cell in `col` is neither empty nor a whole number in [lo, hi]. */
function yearsWithin(rows: readonly (CellValue[] | undefined)[], col: number, lo: number, hi: number, flags: Uint8Array, bit: number): void {
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) continue;
    const v = rec[col];
    if (v !== "" && !(typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi)) flags[i] |= bit;
  }
}

const isDateType = (table: TableDef, col: number) => ["year", "yearMonth", "date"].includes(table.columns[col].type);

type Compiler = (table: TableDef, rule: RuleDef, codeLists?: CodeLists) => CompiledRowRule;

const num = (v: CellValue) => {
  const n = parseNumber(v);
  return n.ok ? n.value : null;
};

/**
 * sum: params {total, parts[], op = "=", tolerance} — 总数 = 境内 + 境外; or {value, parts[], op}
 * for a constant total (优 + 良好 + 中 + 差 = 1).
 */
const sum: Compiler = (table, def) => {
  const p = def.params as { total?: string; value?: number; parts: string[]; op?: CmpOp; tolerance?: number };
  const total = p.total !== undefined ? colIndex(table, p.total, def) : -1;
  if (total < 0 && !Number.isFinite(Number(p.value))) throw new RuleCompileError(`规则 ${def.id}：sum 需要 total 或 value`);
  if (!Array.isArray(p.parts) || !p.parts.length) throw new RuleCompileError(`规则 ${def.id}：sum 需要 parts`);
  const parts = p.parts.map((k) => colIndex(table, k, def));
  const op = asOp(p.op ?? "=", def);
  const tol = typeof p.tolerance === "number" ? p.tolerance : 1e-6;
  const names = parts.map((c) => `【${table.columns[c].header}】`).join("+");
  const all = total >= 0 ? [total, ...parts] : parts;
  return {
    def,
    reads: all,
    check(rec) {
      if (all.every((c) => isEmptyValue(rec[c]))) return [];
      const vals = parts.map((c) => (isEmptyValue(rec[c]) ? 0 : num(rec[c])));
      const t = total >= 0 ? (isEmptyValue(rec[total]) ? 0 : num(rec[total])) : Number(p.value);
      if (t === null || vals.some((x) => x === null)) return []; // a type finding already covers it
      const s = (vals as number[]).reduce((a, b) => a + b, 0);
      if (total >= 0 ? cmp(t, op, s, tol) : cmp(s, op, t, tol)) return [];
      const detail = parts.length > 1 ? `（${(vals as number[]).map(fmt).join(" + ")}）` : "";
      if (total >= 0) return [{ col: total, value: rec[total], message: `${q(rec[total])}应${OP_TEXT[op]}${names} = ${fmt(s)}${detail}` }];
      return [{ col: parts[0], value: rec[parts[0]], namesColumns: true, message: `${names} = ${fmt(s)}${detail}，应${OP_TEXT[op]}${fmt(t)}` }];
    },
  };
};

/**
 * compare: params {left, op, right (column) | value (number)} or {left, op: "between", min, max}.
 * Date-typed columns compare as dates at the coarser granularity (开始时间 ≤ 结束时间).
 */
const compare: Compiler = (table, def) => {
  const p = def.params as { left: string; op: CmpOp | "between"; right?: string; value?: number; min?: number; max?: number; tolerance?: number };
  const left = colIndex(table, p.left, def);
  const tol = typeof p.tolerance === "number" ? p.tolerance : 1e-6;
  if (p.op === "between") {
    const min = Number(p.min), max = Number(p.max);
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RuleCompileError(`规则 ${def.id}：between 需要 min 和 max`);
    return {
      def,
      reads: [left],
      check(rec) {
        const a = num(rec[left]);
        if (a === null || isEmptyValue(rec[left])) return [];
        return a < min - tol || a > max + tol ? [{ col: left, value: rec[left], message: `${q(rec[left])}应在${min}到${max}之间` }] : [];
      },
    };
  }
  const op = asOp(p.op, def);
  if (p.right !== undefined) {
    const right = colIndex(table, p.right, def);
    const R = `【${table.columns[right].header}】`;
    const dates = isDateType(table, left) || isDateType(table, right);
    const years = table.columns[left].type === "year" && table.columns[right].type === "year";
    return {
      def,
      reads: [left, right],
      check(rec) {
        const x = rec[left], y = rec[right];
        // two plain year numbers (年级 and 入学年份 of every student): what dateOf and compareDates
        // would conclude, without building two date objects per record
        if (years && typeof x === "number" && typeof y === "number" && isYearNumber(x) && isYearNumber(y) && cmp(x - y, op, 0, 0)) return NO_ROW_PROBLEMS;
        if (isEmptyValue(x) || isEmptyValue(y)) return [];
        if (dates) {
          const a = dateOf(table, left, rec[left]), b = dateOf(table, right, rec[right]);
          if (!a || !b) return [];
          return cmp(compareDates(a, b), op, 0, 0) ? [] : [{ col: left, value: rec[left], message: `${q(rec[left])}应${OP_TEXT[op]}${R}${q(rec[right])}` }];
        }
        const a = num(rec[left]), b = num(rec[right]);
        if (a === null || b === null) return [];
        return cmp(a, op, b, tol) ? [] : [{ col: left, value: rec[left], message: `${q(rec[left])}应${OP_TEXT[op]}${R}${q(rec[right])}` }];
      },
    };
  }
  const value = Number(p.value);
  if (!Number.isFinite(value)) throw new RuleCompileError(`规则 ${def.id}：compare 需要 right 或 value`);
  return {
    def,
    reads: [left],
    check(rec) {
      if (isEmptyValue(rec[left])) return [];
      const a = num(rec[left]);
      if (a === null) return [];
      return cmp(a, op, value, tol) ? [] : [{ col: left, value: rec[left], message: `${q(rec[left])}应${OP_TEXT[op]}${value}` }];
    },
  };
};

/**
 * conditional: params {if: Condition | Condition[], then: Condition | Condition[]} or
 * {if, thenRule: {kind, params}} — 教材入选情况为“无”时，入选时间应为空.
 */
const conditional: Compiler = (table, def, codeLists) => {
  const p = def.params as { if: Condition | Condition[]; then?: Condition | Condition[]; thenRule?: { kind: string; params: Record<string, unknown> } };
  const ifs = (Array.isArray(p.if) ? p.if : [p.if]).map((c) => compileCondition(table, c, def, codeLists));
  if (!ifs.length) throw new RuleCompileError(`规则 ${def.id}：conditional 需要 if`);
  const when = ifs.map((c) => c.describe).join("且");
  if (p.thenRule) {
    const inner = compileRowRule(table, { ...def, kind: p.thenRule.kind, params: p.thenRule.params }, codeLists);
    return {
      def,
      reads: [...ifs.map((c) => c.col), ...inner.reads],
      check(rec, statYear) {
        if (!ifs.every((c) => c.test(rec))) return [];
        return inner.check(rec, statYear).map((pr) => ({ ...pr, message: `当${when}时，${pr.message}` }));
      },
    };
  }
  const thens = (Array.isArray(p.then) ? p.then : p.then ? [p.then] : []).map((c) => compileCondition(table, c, def, codeLists));
  if (!thens.length) throw new RuleCompileError(`规则 ${def.id}：conditional 需要 then 或 thenRule`);
  return {
    def,
    reads: [...ifs.map((c) => c.col), ...thens.map((c) => c.col)],
    check(rec) {
      if (!ifs.every((c) => c.test(rec))) return [];
      const out: RowProblem[] = [];
      for (const t of thens) {
        if (t.test(rec)) continue;
        const v = rec[t.col];
        out.push({ col: t.col, value: v, message: `${isEmptyValue(v) ? "为空" : t.show(v)}：当${when}时，应${t.describe.replace(/^【[^】]*】/, "")}` });
      }
      return out;
    },
  };
};

/** Anchors a dateWindow rule can compare with (windows from src/core/catalog/period.ts). */
export type PeriodBound = "point" | "periodStart" | "periodEnd" | "statYear";

function periodBound(bound: PeriodBound, period: PeriodKind, statYear: number): { y: number; m: number; d: number } {
  if (bound === "statYear") return { y: statYear, m: 1, d: 1 };
  const w = periodWindow(bound === "point" ? "point" : period, statYear);
  const iso = bound === "periodStart" ? w.from : w.to;
  return { y: +iso.slice(0, 4), m: +iso.slice(5, 7), d: +iso.slice(8, 10) };
}

const BOUND_LABEL: Record<PeriodBound, string> = {
  point: "统计时点",
  periodStart: "统计期开始",
  periodEnd: "统计期结束",
  statYear: "统计年度",
};

/**
 * dateWindow: params {column, op, bound: "point" | "periodStart" | "periodEnd" | "statYear",
 * years?: offset, period?: PeriodKind (default: the table's)} — 入校时间 ≤ 统计时点;
 * 开办本科教育年份 < 统计年度; 立项时间 ≤ 统计年度−1. Compared at the column's granularity.
 */
const dateWindow: Compiler = (table, def) => {
  const p = def.params as { column: string; op: CmpOp; bound: PeriodBound; years?: number; period?: PeriodKind };
  const col = colIndex(table, p.column, def);
  const op = asOp(p.op, def);
  if (!(p.bound in BOUND_LABEL)) throw new RuleCompileError(`规则 ${def.id}：无效的 bound“${String(p.bound)}”`);
  const period = p.period ?? table.period;
  const years = Number(p.years ?? 0);
  let cachedYear = NaN;
  let cachedBound: DateValue | null = null;
  const boundOf = (statYear: number): DateValue => {
    if (statYear !== cachedYear) {
      const b0 = periodBound(p.bound, period, statYear);
      cachedBound = { granularity: p.bound === "statYear" ? "year" : "day", y: b0.y + years, m: b0.m, d: b0.d };
      cachedYear = statYear;
    }
    return cachedBound as DateValue;
  };
  const yearColumn = table.columns[col].type === "year";
  const yearMonthColumn = table.columns[col].type === "yearMonth";
  /**
   * True when v certainly passes, decided without parsing: empty, a plain year number in a year
   * column (most rows of most tables), a plain year-month in a year-month column (入校时间
   * “202001”), compared as compareDates would. False: `check` must look.
   */
  const plainPass = (v: CellValue, b: DateValue): boolean => {
    if (v === "") return true; // dateOf gives null: nothing to compare
    if (yearColumn && typeof v === "number" && isYearNumber(v)) return cmp(v - b.y, op, 0, 0);
    if (yearMonthColumn) {
      const x = plainYearMonth(v);
      if (x > 0) {
        const y = Math.floor(x / 100), m = x % 100;
        return cmp(b.granularity === "year" ? y - b.y : y * 12 + m - (b.y * 12 + b.m), op, 0, 0);
      }
    }
    return false;
  };
  return {
    def,
    reads: [col],
    pass(rows, statYear, flags, bit) {
      const b = boundOf(statYear);
      if (yearColumn && op !== "!=" && Number.isInteger(b.y)) {
        // plainPass's year test as the interval of years it accepts: a loop of compares
        const lo = op === ">" ? b.y + 1 : op === "<" || op === "<=" ? 1900 : b.y;
        const hi = op === "<" ? b.y - 1 : op === ">" || op === ">=" ? 2100 : b.y;
        return yearsWithin(rows, col, Math.max(lo, 1900), Math.min(hi, 2100), flags, bit);
      }
      for (let i = 0; i < rows.length; i++) {
        const rec = rows[i];
        if (rec && !plainPass(rec[col], b)) flags[i] |= bit;
      }
    },
    check(rec, statYear) {
      const v = rec[col];
      const b = boundOf(statYear);
      if (plainPass(v, b)) return NO_ROW_PROBLEMS;
      const d = dateOf(table, col, v);
      if (!d) return NO_ROW_PROBLEMS;
      if (cmp(compareDates(d, b), op, 0, 0)) return NO_ROW_PROBLEMS;
      const shown: DateValue = { ...b, granularity: b.granularity === "year" || d.granularity === "year" ? "year" : d.granularity === "month" ? "month" : "day" };
      const label = `${BOUND_LABEL[p.bound]}${years ? (years > 0 ? `+${years}年` : `${years}年`) : ""}`;
      return [{ col, value: v, message: `${q(v)}应${OP_TEXT[op]}${formatDateValue(shown)}（${label}）` }];
    },
  };
};

/** pattern: params {column, regex, description, when?: Condition} — 附属医院单位号以FSYY开头. */
const pattern: Compiler = (table, def, codeLists) => {
  const p = def.params as { column: string; regex: string; flags?: string; description?: string; when?: Condition };
  const col = colIndex(table, p.column, def);
  let re: RegExp;
  try {
    re = new RegExp(p.regex, p.flags);
  } catch {
    throw new RuleCompileError(`规则 ${def.id}：无效的正则表达式`);
  }
  const when = p.when ? compileCondition(table, p.when, def, codeLists) : null;
  return {
    def,
    reads: when ? [col, when.col] : [col],
    check(rec) {
      const v = rec[col];
      if (isEmptyValue(v) || (when && !when.test(rec))) return [];
      if (re.test(normalizeText(v))) return [];
      return [{ col, value: v, message: `${q(v)}格式不对：${when ? `当${when.describe}时，` : ""}${p.description ?? `应符合 ${p.regex}`}` }];
    },
  };
};

/**
 * unitSlip: params {column, unit, min?, max?} — a figure about 10,000× off its expected range
 * (元 vs 万元, 册 vs 万册). Always a warning: the figure may be real.
 */
const unitSlip: Compiler = (table, def) => {
  const p = def.params as { column: string; unit: string; min?: number; max?: number };
  const col = colIndex(table, p.column, def);
  const unit = String(p.unit ?? table.columns[col].unit ?? "");
  const big = unit.startsWith("万") ? unit.slice(1) : "万" + unit;
  return {
    def,
    reads: [col],
    check(rec) {
      const v = rec[col];
      const n = num(v);
      if (n === null || isEmptyValue(v) || n === 0) return [];
      if (p.max !== undefined && n > p.max && n / 10000 <= p.max)
        return [{ col, value: v, message: `${q(v)}${unit}远超常见范围（≤${p.max}${unit}），疑似按“${big}”的万倍填写，请确认单位为“${unit}”` }];
      if (p.min !== undefined && n < p.min && n * 10000 >= p.min)
        return [{ col, value: v, message: `${q(v)}${unit}远低于常见范围（≥${p.min}${unit}），疑似按“${big}”填写，请确认单位为“${unit}”` }];
      return [];
    },
  };
};

export const ROW_RULE_KINDS: Record<string, Compiler> = { sum, compare, conditional, dateWindow, pattern, unitSlip };

export function compileRowRule(table: TableDef, def: RuleDef, codeLists?: CodeLists): CompiledRowRule {
  const c = ROW_RULE_KINDS[def.kind];
  if (!c) throw new RuleCompileError(`规则 ${def.id}：未知的规则类型“${def.kind}”`);
  return c(table, def, codeLists);
}
