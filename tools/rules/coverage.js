#!/usr/bin/env node
/**
 * Prints how many of the 307 vendor rules (../shared/reference/es2-2019/rules.csv) are encoded in
 * src/core/catalog/data/undergraduate-rules.ts, why the others are not, and any rule that does not
 * compile against the catalog.   node tools/rules/coverage.js [--json]   (exit 1 on problems)
 */
"use strict";
require("./ts-require.js");
const fs = require("fs");
const path = require("path");

const REF = path.resolve(__dirname, "../../../shared/reference/es2-2019/rules.csv");
const { parseRulesCsv } = require("./rules-csv.js");
const { ruleCoverage, formatCoverage } = require("../../src/core/validation/coverage.ts");
const { undergraduateRules } = require("../../src/core/catalog/data/undergraduate-rules.ts");
const { undergraduateCatalogData } = require("../../src/core/catalog/data/undergraduate.generated.ts");
const { ValidationSession } = require("../../src/core/validation/engine.ts");

const source = parseRulesCsv(fs.readFileSync(REF, "utf8"));
const all = [...Object.values(undergraduateRules.tableRules).flat(), ...undergraduateRules.crossRules];
const cov = ruleCoverage(source, all, undergraduateRules.notEncoded);

const catalog = {
  ...undergraduateCatalogData,
  tables: undergraduateCatalogData.tables.map((t) => ({ ...t, rules: [...t.rules, ...(undergraduateRules.tableRules[t.id] || [])] })),
  crossRules: [...undergraduateCatalogData.crossRules, ...undergraduateRules.crossRules],
};
const unknownTables = Object.keys(undergraduateRules.tableRules).filter((id) => !catalog.tables.some((t) => t.id === id));
const errors = new ValidationSession(catalog, { statYear: 2024 }).ruleErrors.concat(unknownTables.map((id) => `表${id}不在目录中`));

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ ...cov, rules: all.length, errors }, null, 2));
} else {
  console.log(formatCoverage(cov, source));
  console.log(`\n共 ${all.length} 条规则数据；编译错误 ${errors.length} 条${errors.length ? "：\n  " + errors.join("\n  ") : ""}`);
}
process.exitCode = errors.length || cov.unexplained.length ? 1 : 0;
