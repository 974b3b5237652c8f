import * as fs from "fs";
import * as path from "path";
import { getCatalog } from "../../src/core/catalog";
import { undergraduateRules } from "../../src/core/catalog/data/undergraduate-rules";
import { checkTables, ValidationSession } from "../../src/core/validation";
import { ruleCoverage, rowsOf } from "../../src/core/validation/coverage";
import { listSheet, singleSheet } from "./helpers";
import { readTable } from "../../src/core/validation";
import type { CellValue } from "../../src/core/workbook/port";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseRulesCsv } = require("../../tools/rules/rules-csv.js");

const RULES_CSV = path.resolve(__dirname, "../../../shared/reference/es2-2019/rules.csv");
const cat = getCatalog("undergraduate");
const ctx = { statYear: 2024 };
const T = (id: string) => cat.tables.find((t) => t.id === id)!;
const list = (id: string, rows: CellValue[][]) => readTable(listSheet(`表${id}`, T(id), rows), T(id));

describe("the encoded 本科 rules", () => {
  test("every rule compiles against the catalog (column keys, tables, kinds)", () => {
    expect(new ValidationSession(cat, ctx).ruleErrors).toEqual([]);
  });

  test("every rule has a stable unique id and provenance", () => {
    const all = [...Object.values(undergraduateRules.tableRules).flat(), ...undergraduateRules.crossRules];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of all) expect(r.provenance.source.length).toBeGreaterThan(10);
  });

  (fs.existsSync(RULES_CSV) ? test : test.skip)("coverage of rules.csv: every row is encoded or has a reason", () => {
    const source = parseRulesCsv(fs.readFileSync(RULES_CSV, "utf8"));
    expect(source).toHaveLength(307);
    const all = [...Object.values(undergraduateRules.tableRules).flat(), ...undergraduateRules.crossRules];
    const c = ruleCoverage(source, all, undergraduateRules.notEncoded);
    expect(c.unexplained).toEqual([]);
    expect(c.encoded.length + c.notEncoded.length).toBe(307);
    expect(c.encoded.length).toBeGreaterThanOrEqual(290);
    // A row explained as not encoded must not also be encoded.
    for (const n of c.notEncoded) expect(all.some((r) => rowsOf(r).includes(n.row))).toBe(false);
  });

  test("the issue's example: a 单位号 that is not in the unit tables", () => {
    const units = list("1-3", [["计算机学院", "0301", "张院长", "01"]]);
    const admin = list("1-2", [["教务处", "0101", "01", "王处长"]]);
    const rows: CellValue[][] = Array.from({ length: 8 }, (_, i) => [`T${100 + i}`, "张三", "01", "198001", "201009", "01", "0301", "计算机学院", "01", "01", "01", "01", "0812", "13", "汉族"]);
    rows.push(["T200", "李四", "02", "198502", "201509", "01", "0315", "某学院", "01", "01", "01", "01", "0812", "13", "汉族"]);
    const staff = list("1-5-1", rows);
    const found = checkTables([units, admin, staff], cat, ctx).filter((f) => f.table === "1-5-1" && f.rule.startsWith("U."));
    expect(found.map((f) => [f.cell, f.message])).toEqual([
      ["G13", "表1-5-1 教职工基本信息 第13行【单位号】“0315”在表1-2 学校相关党政单位、表1-3 学校教学科研单位中不存在"],
    ]);
  });

  test("real sum rule on 表2-1 and an aggregate across 2-2 and 2-1", () => {
    const land = readTable(singleSheet("表2-1", T("2-1"), [100, 80, 1, 1, 10, 5, 5, 1, 500, 400, 100, 60, 40]), T("2-1"));
    const rooms = readTable(singleSheet("表2-2", T("2-2"), [700, 100, 100, 100, 100, 100, 200, 10]), T("2-2"));
    const fs2 = checkTables([land, rooms], cat, ctx).filter((f) => f.rule.startsWith("U."));
    expect(fs2.map((f) => f.message)).toEqual([
      "表2-1 占地与建筑面积 第5行【总占地面积】“100”应等于【占地面积学校产权】+【占地面积非学校产权】 = 90（80 + 10）",
      "表2-2 教学行政用房面积 第5行【教学科研及辅助用房面积】+【行政用房面积】 = 710，应小于表2-1 占地与建筑面积的【总建筑面积】合计 500",
    ]);
  });
});
