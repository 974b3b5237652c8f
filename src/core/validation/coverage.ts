/**
 * Rule coverage: which of the vendor's rules (es2-2019 rules.csv, 307 rows) a set of encoded rules
 * covers, and why the others are not encoded. Pure: the caller passes the CSV rows.
 * Used by `node tools/rules/coverage.js` and test/validation/coverage.test.ts.
 */
import type { RuleDef } from "../catalog/types";

export interface SourceRule {
  /** 1-based data row of rules.csv. */
  row: number;
  table: string;
  ruleClass: string;
  name: string;
}

export interface Coverage {
  total: number;
  encoded: number[];
  notEncoded: Array<{ row: number; reason: string }>;
  /** Rows neither encoded nor explained (should be empty). */
  unexplained: number[];
  /** Rules encoded from other sources (reference notes, seeds). */
  extraRules: string[];
  byClass: Record<string, { total: number; encoded: number }>;
}

/** rules.csv rows named in a provenance source: "… row 20, 24" → [20, 24]. */
export function rowsOf(rule: RuleDef): number[] {
  const m = /rules\.csv[^]*?\brows? ([\d, ]+)/.exec(rule.provenance.source);
  return m ? m[1].split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0) : [];
}

export function ruleCoverage(source: SourceRule[], rules: RuleDef[], notEncoded: Record<number, string>): Coverage {
  const covered = new Set<number>();
  const extraRules: string[] = [];
  for (const r of rules) {
    const rows = rowsOf(r);
    if (!rows.length) extraRules.push(r.id);
    rows.forEach((n) => covered.add(n));
  }
  const byClass: Coverage["byClass"] = {};
  const encoded: number[] = [], unexplained: number[] = [], not: Coverage["notEncoded"] = [];
  for (const s of source) {
    const c = (byClass[s.ruleClass] ??= { total: 0, encoded: 0 });
    c.total++;
    if (covered.has(s.row)) {
      encoded.push(s.row);
      c.encoded++;
    } else if (notEncoded[s.row]) not.push({ row: s.row, reason: notEncoded[s.row] });
    else unexplained.push(s.row);
  }
  return { total: source.length, encoded, notEncoded: not, unexplained, extraRules, byClass };
}

export function formatCoverage(c: Coverage, source: SourceRule[]): string {
  const byRow = new Map(source.map((s) => [s.row, s]));
  const lines = [
    `es2-2019 rules.csv: ${c.total} 条规则，已编码 ${c.encoded.length} 条（${((100 * c.encoded.length) / Math.max(1, c.total)).toFixed(1)}%），未编码 ${c.notEncoded.length + c.unexplained.length} 条`,
    `另有 ${c.extraRules.length} 条规则来自参考资料和种子文件（指标解释、单位提示等）`,
    "",
    "按类型：",
    ...Object.entries(c.byClass).map(([k, v]) => `  ${k}：${v.encoded}/${v.total}`),
    "",
    "未编码的规则：",
    ...c.notEncoded.map((n) => `  第${n.row}条 ${byRow.get(n.row)?.table ?? ""}「${byRow.get(n.row)?.name ?? ""}」— ${n.reason}`),
    ...c.unexplained.map((n) => `  第${n}条 ${byRow.get(n)?.table ?? ""}「${byRow.get(n)?.name ?? ""}」— 尚未说明原因`),
  ];
  return lines.join("\n");
}
