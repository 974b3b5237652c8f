import * as fs from "fs";
import * as path from "path";
import { getCatalog } from "../../src/core/catalog";
import { undergraduateRules } from "../../src/core/catalog/data/undergraduate-rules";
import { checkTables, ruleProblems, ValidationSession } from "../../src/core/validation";
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
    expect(ruleProblems(cat)).toEqual([]);
  });

  test("an edited catalog with a broken rule is reported in Chinese, not thrown", () => {
    const edited = structuredClone(cat);
    const rules = edited.tables.find((t) => t.id === "1-5-1")!.rules;
    rules.push({ id: "X.1", kind: "unique", severity: "error", params: { columns: ["身份证"] }, provenance: { source: "质量办" } });
    rules.push({ id: "X.2", kind: "unique", severity: "error", params: { columns: ["工号"] }, provenance: { source: "质量办（写表头也可以）" } });
    expect(ruleProblems(edited)).toEqual(["规则 X.1：表1-5-1没有列“身份证”"]);
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

test("4-1-4: several 单位号 per cell and the 学科代码 shape", () => {
  const units = list("1-3", [["计算机学院", "0301", "张", "01"], ["数学学院", "0302", "李", "01"]]);
  const admin = list("1-2", []);
  const keyDisc = list("4-1-4", [
    ["计算机科学与技术", "0812", "计算机学院;数学学院", "0301;0302", "08", "01"],
    ["软件工程", "08123", "计算机学院", "0301;0399", "08", "01"],
    ["交叉学科", "0812Z1", "计算机学院", "0301", "08", "01"],
  ]);
  const found = checkTables([units, admin, keyDisc], cat, ctx).filter((f) => f.rule.startsWith("U."));
  expect(found.map((f) => [f.severity, f.message])).toEqual([
    ["warning", "表4-1-4 重点学科 第6行【学科代码】“08123”格式不对：学科代码应为4位一级学科代码、6位二级学科代码，或目录外的“4位代码+Z+序号”（如 0812Z1）"],
    ["error", "表4-1-4 重点学科 第6行【单位号】“0301;0399”中的“0399”在表1-2 学校相关党政单位、表1-3 学校教学科研单位中不存在"],
  ]);
});

describe("a consistent school workbook raises nothing", () => {
  /** A valid value for every column by type (first name of a code list), then the given overrides (codes given there become names). */
  const record = (id: string, over: Record<string, CellValue>): CellValue[] =>
    T(id).columns.map((c) => {
      const list = c.codeList ? cat.codeLists[c.codeList] : undefined;
      if (c.key in over) return list?.values.find((v) => v.value === over[c.key])?.label ?? over[c.key];
      switch (c.type) {
        case "code":
        case "multiCode":
          return list!.values[0].label;
        case "integer":
        case "decimal":
          return 1;
        case "year":
          return 2020;
        case "yearMonth":
          return "201909";
        case "date":
          return "2020-09-01";
        case "url":
          return "http://www.example.edu.cn";
        case "email":
          return "a@example.edu.cn";
        case "phone":
          return "13812345678";
        case "idCard":
          return "11010519491231002X";
        default:
          return `${c.header}1`;
      }
    });

  test("base tables and tables that reference them", () => {
    const tables = [
      list("1-2", [record("1-2", { DZDWMC: "教务处", DWH: "0101" })]),
      list("1-3", [record("1-3", { JXKYDWMC: "计算机学院", DWH: "0301" }), record("1-3", { JXKYDWMC: "外国语学院", DWH: "0302" })]),
      list("1-4-1", [
        record("1-4-1", { XNZYDM: "080901", XNZYMC: "计算机科学与技术", ZYMC: "计算机科学与技术", ZYDM: "080901", SSDWMC: "计算机学院", SSDWH: "0301", YXXYNX: 6, XZ: 4, SPSFZY: "无" }),
        record("1-4-1", { XNZYDM: "050201", XNZYMC: "英语", ZYMC: "英语", ZYDM: "050201", SSDWMC: "外国语学院", SSDWH: "0302", SPSFZY: "S" }),
      ]),
      list("1-5-1", [
        record("1-5-1", { GH: "T001", XM: "张三", DWH: "0301", DWMC: "计算机学院", RXSJ: "201009" }),
        record("1-5-1", { GH: "T002", XM: "李四", DWH: "0101", DWMC: "教务处", RXSJ: 45536 }),
      ]),
      list("1-5-2", [
        record("1-5-2", { GH: "T001", XM: "张三", RJLX: "03", RJZYMC: "计算机科学与技术", RJZYDM: "080901", ZYRJSJ: "2010", SFSSSNX: "01" }), // codes: 专业课, 是
        record("1-5-2", { GH: "T002", XM: "李四", RJLX: "02", RJZYMC: "无", RJZYDM: "无", ZYRJSJ: "无", SFSSSNX: "02" }), // 无任教, 否
      ]),
      list("1-5-3", [record("1-5-3", { GH: "W001", XM: "王五", DWH: "0302", DWMC: "外国语学院", PRSJ: 2023 })]),
      list("1-6", [record("1-6", { XH: "2024001", XSXM: "赵六", XNZYMC: "英语", XNZYDM: "050201", NJ: 2024, RXNF: 2024 }), record("1-6", { XH: "2023001", XSXM: "钱七", XNZYMC: "英语", XNZYDM: "050201", NJ: 2023, RXNF: 2023 })]),
      list("5-1-1", [record("5-1-1", { KKH: "K001", KCMC: "英语写作", KCH: "C001", KKDW: "外国语学院", DWH: "0302", SKJS: "王五;张三", SKJSGH: "W001;T001" })]),
      list("SF-1", [record("SF-1", { XNZYDM: "050201", XNZYMC: "英语", JSXM: "王五", GH: "W001", ZDZYXSSL: 2 })]),
    ];
    const found = checkTables(tables, cat, ctx);
    expect(found.map((f) => f.message)).toEqual([]);
    // Rule conditions are written with labels (“是” ⇒ “专业课”) and work on the codes in the cells.
    const shuangshi = [...tables];
    shuangshi[4] = list("1-5-2", [record("1-5-2", { GH: "T002", XM: "李四", RJLX: "02", RJZYMC: "无", RJZYDM: "无", ZYRJSJ: "无", SFSSSNX: "01" })]);
    expect(checkTables(shuangshi, cat, ctx).map((f) => f.message)).toEqual([
      "表1-5-2 教职工其他信息表 第5行【任教类型】“无任教”：当【是否双师双能型】为“是”时，应为“专业课”",
    ]);
    // …and one slip in each direction is caught.
    tables[8] = list("SF-1", [record("SF-1", { XNZYDM: "080901", XNZYMC: "计算机科学与技术", JSXM: "王五", GH: "W001", ZDZYXSSL: 3 })]);
    expect(checkTables(tables, cat, ctx).map((f) => f.message)).toEqual([
      "表SF-1 学生发展成长指导教师情况 第5行【校内专业代码】“080901”在表1-4-1 专业基本情况中不存在",
      "表SF-1 学生发展成长指导教师情况 第5行【指导专业学生数量】“3”应小于或等于表1-6 本科生基本情况中【校内专业（大类）代码】为“080901”的记录数 0",
    ]);
  });
});
