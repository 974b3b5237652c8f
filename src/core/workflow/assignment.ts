/**
 * 责任分解 (assignments): who fills, assists and reviews each table, in which step, by when.
 * Seeded from a catalog and the statistical year with the defaults of seed 000 (本科) and seed 004
 * (高职); see seedPlans.ts for the sources. Departments a source does not give stay empty.
 * Pure core.
 */
import type { Catalog, TableDef } from "../catalog/types";
import { parseStatYear } from "../catalog/period";
import { makeLocalDate, type LocalDate } from "./clock";
import { UNDERGRADUATE_PLAN, VOCATIONAL_PLAN, type PlanStep, type VocationalPlanRow } from "./seedPlans";
import { createTableMatcher, normalizeTableName } from "./tableMatch";

export interface Assignment {
  tableId: string;
  tableName: string;
  /** 1-based step (步骤一 = 1); null when not set. */
  step: number | null;
  /** 责任单位. "" when unknown. */
  department: string;
  /** 协助单位. */
  assisting: string[];
  /** 审核单位. */
  reviewingDepartment: string;
  /** 填报人. */
  clerk: string;
  /** 审核人. */
  reviewer: string;
  /** 截止日期 in the school's time zone. */
  deadline: LocalDate | null;
  /** Where the defaults came from ("seed 000 步骤三", "导入 …"); informative only. */
  source?: string;
}

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 1 → "步骤一", 12 → "步骤十二". */
export function stepLabel(step: number | null | undefined): string {
  if (step === null || step === undefined) return "";
  return "步骤" + chineseNumber(step);
}

function chineseNumber(n: number): string {
  if (n <= 10) return CN_DIGITS[n];
  if (n < 20) return "十" + CN_DIGITS[n - 10];
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  return String(n);
}

function parseChineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const idx = (c: string) => CN_DIGITS.indexOf(c);
  if (/^[一二三四五六七八九]$/.test(s)) return idx(s);
  if (s === "十") return 10;
  let m = /^十([一二三四五六七八九])$/.exec(s);
  if (m) return 10 + idx(m[1]);
  m = /^([一二三四五六七八九])十([一二三四五六七八九]?)$/.exec(s);
  if (m) return idx(m[1]) * 10 + (m[2] ? idx(m[2]) : 0);
  return null;
}

/** "步骤一", "第一步", "第一步：源数据表采集", "一", "1", 1 → 1; null when it is not a step. */
export function parseStep(v: string | number): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : null;
  const s = v.replace(/[\s\u3000]+/g, "").replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!s) return null;
  const m = /^(?:步骤|第)?([0-9]+|[一二三四五六七八九十]+)(?:步|阶段)?(?:[:：].*)?$/.exec(s);
  if (!m) return null;
  const n = parseChineseNumber(m[1]);
  return n && n > 0 ? n : null;
}

export interface SeedResult {
  assignments: Assignment[];
  /** Plan rows that name a table the catalog does not have (reported, not invented). */
  unmatchedPlanRows: string[];
  provenance: { source: string; note?: string };
}

function planDeadline(step: PlanStep, statYear: number): LocalDate {
  return makeLocalDate(statYear, step.month, step.day);
}

function emptyAssignment(t: TableDef): Assignment {
  return {
    tableId: t.id,
    tableName: t.name,
    step: null,
    department: t.department ?? "",
    assisting: [],
    reviewingDepartment: "",
    clerk: "",
    reviewer: "",
    deadline: null,
  };
}

/** Sorts by step, base tables first within a step, then catalog order. */
export function sortAssignments(list: Assignment[], catalog: Catalog): Assignment[] {
  const order = new Map(catalog.tables.map((t, i) => [t.id, i] as const));
  const base = new Map(catalog.tables.map((t) => [t.id, t.base] as const));
  return [...list].sort((a, b) => {
    const sa = a.step ?? Number.MAX_SAFE_INTEGER;
    const sb = b.step ?? Number.MAX_SAFE_INTEGER;
    if (sa !== sb) return sa - sb;
    const ba = base.get(a.tableId) ? 0 : 1;
    const bb = base.get(b.tableId) ? 0 : 1;
    if (ba !== bb) return ba - bb;
    return (order.get(a.tableId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.tableId) ?? Number.MAX_SAFE_INTEGER);
  });
}

/**
 * The default 责任分解 for a catalog and statistical year.
 * 本科 (seed 000): tables the plan names get their step and date; every other table goes to the
 * plan's 「其他采集表」 step (步骤五, 10-14), base tables first. Department = the catalog's
 * `department` where a source gave one, else "".
 * 高职 (seed 004): departments and reviewing departments from the plan; 源数据表 11-11, others 11-18.
 */
export function seedAssignments(catalog: Catalog, statYearInput: number | string): SeedResult {
  const statYear = parseStatYear(statYearInput);
  return catalog.platform === "vocational" ? seedVocational(catalog, statYear) : seedUndergraduate(catalog, statYear);
}

function seedUndergraduate(catalog: Catalog, statYear: number): SeedResult {
  const plan = UNDERGRADUATE_PLAN;
  const other = plan.steps.find((s) => s.tableIds === null)!;
  const known = new Set(catalog.tables.map((t) => t.id));
  const list = catalog.tables.map((t) => {
    const step = plan.steps.find((s) => s.tableIds?.includes(t.id)) ?? other;
    return {
      ...emptyAssignment(t),
      step: step.step,
      deadline: planDeadline(step, statYear),
      source: `seed 000 ${step.label}${step.tableIds ? "" : "（其他采集表）"}`,
    };
  });
  const unmatched = plan.steps.flatMap((s) => (s.tableIds ?? []).filter((id) => !known.has(id)).map((id) => `表 ${id}（${s.label}）`));
  return { assignments: sortAssignments(list, catalog), unmatchedPlanRows: unmatched, provenance: plan.provenance };
}

function seedVocational(catalog: Catalog, statYear: number): SeedResult {
  const plan = VOCATIONAL_PLAN;
  const matcher = createTableMatcher(catalog);
  const byTable = new Map<string, VocationalPlanRow>();
  const unmatched: string[] = [];
  for (const row of plan.rows) {
    let t = matcher.byId(row.id);
    if (!t || normalizeTableName(t.name) !== normalizeTableName(row.name)) {
      // Ids shift between years (e.g. 5.1 vs 5.1.1): the name decides when the id's name differs.
      const m = matcher.match(row.name);
      if (m.table) t = m.table;
    }
    if (!t || byTable.has(t.id)) unmatched.push(`${row.no}. ${row.id} ${row.name}`);
    else byTable.set(t.id, row);
  }
  const first = plan.steps[0];
  const rest = plan.steps.find((s) => s.tableIds === null)!;
  const list = catalog.tables.map((t) => {
    const row = byTable.get(t.id);
    const step = row?.source ? first : rest;
    const a: Assignment = { ...emptyAssignment(t), step: step.step, deadline: planDeadline(step, statYear) };
    if (row) {
      a.department = row.department;
      a.reviewingDepartment = row.reviewingDepartment;
      a.source = `seed 004 第${row.no}行`;
    } else a.source = "seed 004 未列出（按其他数据表）";
    return a;
  });
  return { assignments: sortAssignments(list, catalog), unmatchedPlanRows: unmatched, provenance: plan.provenance };
}
