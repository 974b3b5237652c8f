#!/usr/bin/env node
/**
 * Mechanical derivation of rules from the vendor's rule texts (es2-2019 rules.csv), used to check
 * the hand-checked data in src/core/catalog/data/undergraduate-rules.ts:
 *   - 唯一性校验: the key columns from the rule name (“工号+立项编号”不重复, 主键：学号 + 学习类型 …),
 *   - 排它性约束校验: the other table from “与表1-6-3…不重复”,
 *   - 时间日期校验: column, comparison and year offset from “获奖时间 应>= 上报年份-1” etc.
 * Headers are matched to the catalog's columns (the es2 column_ids) with the same header matching the
 * validation engine uses for sheets.
 *
 *   node tools/rules/derive.js          prints derived rules and where the data file differs
 *   node tools/rules/derive.js --json
 */
"use strict";
require("./ts-require.js");
const fs = require("fs");
const path = require("path");
const { normalizeHeader } = require("../../src/core/validation/normalize.ts");
const { headerSimilarity } = require("../../src/core/validation/structure.ts");
const { parseRulesCsv } = require("./rules-csv.js");

const REF = path.resolve(__dirname, "../../../shared/reference/es2-2019/rules.csv");

/** "表1-6-1教职工基本信息" / "表SF-1：师范技能类课程" → the catalog table whose 2019 source has that name. */
function mapTable(csvTable, catalog) {
  const m = /^表\s*([A-Z]*-?[\d-]+)\s*[：:]?\s*(.*)$/.exec(csvTable.trim());
  if (!m) return null;
  const [, id2019, name] = m;
  const norm = (s) => normalizeHeader(s);
  const sources = catalog.tables.map((t) => ({ t, parts: (t.provenance.sourceId || "").split(";").map((x) => x.trim()) }));
  // By name first (S3 reuses “SF-1” for 师范技能类课程 = SF-10), then by 2019 id.
  if (name) for (const { t, parts } of sources) if (parts.some((p) => p && norm(p.replace(/^[A-Z]*-?[\d-]+\s*/, "")) === norm(name))) return t;
  for (const { t, parts } of sources) if (parts.some((p) => p.split(/\s+/)[0] === id2019)) return t;
  return null;
}

/** Best column for a header fragment: exact, then unique best similarity ≥ 0.5. */
function matchColumn(table, text) {
  const h = normalizeHeader(text);
  if (!h) return null;
  const exact = table.columns.filter((c) => normalizeHeader(c.header) === h);
  if (exact.length === 1) return exact[0].key;
  const scored = table.columns.map((c) => ({ c, s: headerSimilarity(normalizeHeader(c.header), h) })).sort((a, b) => b.s - a.s);
  if (scored.length && scored[0].s >= 0.5 && (scored.length === 1 || scored[1].s < scored[0].s)) return scored[0].c.key;
  return null;
}

const QUOTES = /[“”"‘’'”〝〞「」]/g;

function deriveUnique(text, table) {
  let s = text.replace(QUOTES, "").replace(/^\s*\d+、\s*/, "").replace(/^主键[：:]/, "").trim();
  const cond = /^(.*?)(!=|！=)(.*?)时[，,]/.exec(s);
  if (cond) s = s.slice(cond[0].length);
  s = s.replace(/(唯一性校验|不能重复|不可重复|不重复|重复校验|有重复|唯一|重复)?[;；。\s]*$/, "").replace(/校验$/, "").trim();
  const parts = s.split(/\s*[+＋]\s*|和/).map((x) => x.trim()).filter(Boolean);
  const keys = parts.map((p) => matchColumn(table, p));
  if (!parts.length || keys.some((k) => !k)) return { fail: `列名无法对应：${parts.filter((_, i) => !keys[i]).join("、") || s}` };
  return { columns: keys };
}

function deriveExclusive(text, table, catalog) {
  const m = /表\s*([\d-]+)/.exec(text);
  if (!m) return { fail: "没有表号" };
  const other = mapTable(`表${m[1]}`, catalog);
  const col = matchColumn(table, (/[“"]?([^“”"与]+?)[”"]?\s*与/.exec(text) || [])[1] || "工号");
  if (!other || !col) return { fail: "表或列无法对应" };
  return { other: other.id, column: col };
}

const YEAR_WORDS = /(填报年份|填报年度|采集年度|上报年份|上报时间|统计年度|统计当年9月|统计当年|统计时点年份|当前任务年份的9月|自然年)/;

function deriveDate(text, table) {
  const s = text.replace(QUOTES, "").replace(/〉/g, ">").replace(/\s+/g, "");
  const m = /^(.+?)应?(<=|>=|<|>|小于等于|大于等于|早于|不能大于|不能小于)(.+)$/.exec(s);
  if (!m || !YEAR_WORDS.test(m[3])) return { fail: "不是“列 比较 年度”的写法" };
  const opMap = { "<=": "<=", ">=": ">=", "<": "<", ">": ">", 小于等于: "<=", 大于等于: ">=", 早于: "<", 不能大于: "<=", 不能小于: ">=" };
  const column = matchColumn(table, m[1]);
  if (!column) return { fail: `列名无法对应：${m[1]}` };
  const years = /-1|上一年|前一年/.test(m[3]) ? -1 : 0;
  const bound = /9月/.test(m[3]) ? "point" : "statYear";
  return { column, op: opMap[m[2]], years, bound };
}

/** Derives what can be derived; `rows` are parsed rules.csv rows. */
function derive(rows, catalog) {
  return rows.map((r) => {
    const table = mapTable(r.table, catalog);
    if (!table) return { row: r.row, fail: "表不在目录中" };
    if (r.ruleClass === "唯一性校验") return { row: r.row, table: table.id, kind: "unique", ...deriveUnique(r.name, table) };
    if (r.ruleClass === "排它性约束校验") return { row: r.row, table: table.id, kind: "exclusive", ...deriveExclusive(r.name, table, catalog) };
    if (r.ruleClass === "时间日期校验") {
      const d = deriveDate(r.name, table);
      return { row: r.row, table: table.id, kind: "dateWindow", ...(d.fail && r.message ? deriveDate(r.message, table) : d) };
    }
    return { row: r.row, table: table.id, kind: null, fail: "此类规则手工编码（字段内关系、存在性、外表约束）" };
  });
}

/** Compares derived rules with the encoded ones; returns the rows where they differ. */
function compare(derived, encoded, rowsOf) {
  const byRow = new Map();
  for (const r of encoded) for (const n of rowsOf(r)) (byRow.get(n) || byRow.set(n, []).get(n)).push(r);
  const agree = [], differ = [];
  for (const d of derived) {
    if (d.fail || !d.kind) continue;
    const rules = byRow.get(d.row) || [];
    const same = rules.some((r) => {
      if (d.kind === "unique") return r.kind === "unique" && r.params.columns.join("+") === d.columns.join("+");
      if (d.kind === "exclusive") return r.kind === "exclusive" && r.params.other.table === d.other && r.params.columns[0] === d.column;
      if (d.kind === "dateWindow")
        return r.kind === "dateWindow" && r.params.column === d.column && r.params.op === d.op && (r.params.years || 0) === d.years && r.params.bound === d.bound;
      return false;
    });
    (same ? agree : differ).push({ ...d, encoded: rules.map((r) => `${r.kind} ${JSON.stringify(r.params)}`) });
  }
  return { agree, differ };
}

module.exports = { derive, compare, mapTable, matchColumn };

if (require.main === module) {
  const { undergraduateCatalogData } = require("../../src/core/catalog/data/undergraduate.generated.ts");
  const { undergraduateRules } = require("../../src/core/catalog/data/undergraduate-rules.ts");
  const { rowsOf } = require("../../src/core/validation/coverage.ts");
  const rows = parseRulesCsv(fs.readFileSync(REF, "utf8"));
  const derived = derive(rows, undergraduateCatalogData);
  const encoded = Object.values(undergraduateRules.tableRules).flat();
  const cmp = compare(derived, encoded, rowsOf);
  if (process.argv.includes("--json")) console.log(JSON.stringify({ derived, ...cmp }, null, 2));
  else {
    const ok = derived.filter((d) => !d.fail && d.kind).length;
    console.log(`机械推导：${ok} 条（唯一性/排它性/时间日期），与数据文件一致 ${cmp.agree.length} 条，不一致 ${cmp.differ.length} 条`);
    for (const d of cmp.differ) console.log(`  第${d.row}条 表${d.table} 推导 ${JSON.stringify({ ...d, encoded: undefined, row: undefined, table: undefined })}\n      数据 ${d.encoded.join(" | ") || "（未编码）"}`);
    for (const d of derived.filter((x) => x.fail && x.kind)) console.log(`  第${d.row}条 表${d.table} 未能推导：${d.fail}`);
  }
}
