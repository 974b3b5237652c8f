import { checkTables, ValidationSession } from "../../src/core/validation";
import type { CellValue } from "../../src/core/workbook/port";
import { catalog, col, read, rule, singleSheet, table } from "./helpers";
import { readTable, rowsFromRange } from "../../src/core/validation";

const units = table("1-3", "学校教学科研单位", [col("JXKYDWMC", "教学科研单位名称"), col("DWH", "单位号")], [
  rule("U.1-3.unique-DWH", "unique", { columns: ["DWH"] }),
]);
const admin = table("1-2", "学校相关党政单位", [col("DZDWMC", "党政单位名称"), col("DWH", "单位号")], [
  rule("U.1-2.exclusive-DWH", "exclusive", { columns: ["DWH"], other: { table: "1-3", columns: ["DWH"] } }),
]);
const staff = table(
  "1-5-1",
  "教职工基本信息",
  [col("GH", "工号"), col("XM", "姓名"), col("RXSJ", "入校时间", "yearMonth"), col("DWH", "单位号"), col("DWMC", "单位名称")],
  [
    rule("U.1-5-1.unique-GH", "unique", { columns: ["GH"] }),
    rule("U.1-5-1.exists-DWH", "exists", {
      columns: ["DWH"],
      name: "DWMC",
      targets: [
        { table: "1-2", columns: ["DWH"], name: "DZDWMC" },
        { table: "1-3", columns: ["DWH"], name: "JXKYDWMC" },
      ],
    }),
    rule("U.1-5-1.exclusive-GH", "exclusive", { columns: ["GH"], other: { table: "1-5-3", columns: ["GH"] } }),
    rule("U.1-5-1.dateWindow-RXSJ", "dateWindow", { column: "RXSJ", op: "<=", bound: "point" }),
  ],
);
const external = table("1-5-3", "外聘和兼职教师基本信息", [col("GH", "工号"), col("XM", "姓名")]);
const cat = catalog([admin, units, staff, external]);
const ctx = { statYear: 2024 };

const msgs = (fs: { message: string }[]) => fs.map((f) => f.message);

describe("cross-table rules", () => {
  const unitRows = [["计算机学院", "0301"], ["外国语学院", "0302"]];
  const staffRows = (dwh: string, dwmc = "计算机学院"): CellValue[][] => [
    ["T001", "张三", "201909", "0301", "计算机学院"],
    ["T002", "李四", "202001", dwh, dwmc],
  ];

  test("exists: a 单位号 not in 1-2 or 1-3 is named with the table, row and header", () => {
    const fs = checkTables([read(units, unitRows), read(admin, [["教务处", "0101"]]), read(staff, staffRows("0315"))], cat, ctx);
    expect(msgs(fs)).toEqual(["表1-5-1 教职工基本信息 第6行【单位号】“0315”在表1-2 学校相关党政单位、表1-3 学校教学科研单位中不存在"]);
    expect(fs[0]).toMatchObject({ table: "1-5-1", sheet: "表1-5-1", row: 6, column: "单位号", cell: "D6", rule: "U.1-5-1.exists-DWH", severity: "error", value: "0315" });
  });

  test("exists passes for a unit in either table; a wrong unit name for the code is reported", () => {
    expect(checkTables([read(units, unitRows), read(admin, [["教务处", "0101"]]), read(staff, staffRows("0101", "教务处"))], cat, ctx)).toEqual([]);
    const fs = checkTables([read(units, unitRows), read(admin, [["教务处", "0101"]]), read(staff, staffRows("0302", "外语学院"))], cat, ctx);
    expect(msgs(fs)).toEqual(["表1-5-1 教职工基本信息 第6行【单位名称】“外语学院”与表1-2 学校相关党政单位、表1-3 学校教学科研单位中【单位号】“0302”对应的名称“外国语学院”不一致"]);
  });

  test("exists compares normalised keys: full-width digits and stray spaces still match (but are flagged as such)", () => {
    const fs = checkTables([read(units, unitRows), read(admin, []), read(staff, staffRows(" ０３０２", "外国语学院"))], cat, ctx);
    expect(fs.map((f) => f.rule).sort()).toEqual(["column.fullWidth", "column.spaces"]);
  });

  test("exists stays silent while no target table is loaded", () => {
    expect(checkTables([read(staff, staffRows("9999"))], cat, ctx)).toEqual([]);
  });

  test("unique: the duplicate names the other row", () => {
    const fs = checkTables([read(staff, [["T001", "张三"], ["T002", "李四"], ["t001 ", "王五"]])], cat, ctx).filter((f) => f.rule === "U.1-5-1.unique-GH");
    expect(msgs(fs)).toEqual([
      "表1-5-1 教职工基本信息 第5行【工号】“T001”重复（与第7行相同），应唯一",
      "表1-5-1 教职工基本信息 第7行【工号】“t001 ”重复（与第5行相同），应唯一",
    ]);
  });

  test("unique on a composite key", () => {
    const t = table("1-4-2", "专业大类情况表", [col("DLDM", "大类代码"), col("BHXNZYDM", "包含校内专业代码")], [rule("r", "unique", { columns: ["DLDM", "BHXNZYDM"] })]);
    const fs = checkTables([read(t, [["0801", "080901"], ["0801", "080902"], ["0801", "080901"]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual([
      "表1-4-2 专业大类情况表 第5行【大类代码】+【包含校内专业代码】“0801 / 080901”重复（与第7行相同），应唯一",
      "表1-4-2 专业大类情况表 第7行【大类代码】+【包含校内专业代码】“0801 / 080901”重复（与第5行相同），应唯一",
    ]);
  });

  test("exclusive: a 工号 in 1-5-1 and 1-5-3", () => {
    const fs = checkTables([read(staff, [["T001", "张三"], ["T002", "李四"]]), read(external, [["T002", "李四"]])], cat, ctx);
    expect(msgs(fs)).toEqual(["表1-5-1 教职工基本信息 第6行【工号】“T002”同时出现在表1-5-3 外聘和兼职教师基本信息中，同一人（项）只能填在其中一张表"]);
    expect(checkTables([read(staff, [["T001", "张三"]]), read(external, [["W001", "赵六"]])], cat, ctx)).toEqual([]);
  });

  test("exclusive between the two unit tables", () => {
    const fs = checkTables([read(units, [["计算机学院", "0301"]]), read(admin, [["教务处", "0301"]])], cat, ctx);
    expect(msgs(fs)).toEqual(["表1-2 学校相关党政单位 第5行【单位号】“0301”同时出现在表1-3 学校教学科研单位中，同一人（项）只能填在其中一张表"]);
  });
});

describe("exists on multi-value cells (several teachers per course)", () => {
  const courses = table("5-1-1", "开课情况", [col("KKH", "开课号"), col("SKJS", "授课教师"), col("SKJSGH", "授课教师工号")], [
    rule("split", "exists", { columns: ["SKJSGH"], name: "SKJS", split: true, targets: [{ table: "1-5-1", columns: ["GH"], name: "XM" }] }),
  ]);
  const c2 = catalog([staff, courses]);
  const staffRows = [["T001", "张三"], ["T002", "李四"]];

  test("each 工号 in “T001;T002” must exist, and names pair up in order", () => {
    const fs = checkTables([read(staff, staffRows), read(courses, [["K1", "张三;李四", "T001;T002"], ["K2", "张三;王五", "T001;T009"], ["K3", "李四;张三", "T001;T002"], ["K4", "张三", "T001;T002"]])], c2, ctx);
    expect(msgs(fs)).toEqual([
      "表5-1-1 开课情况 第6行【授课教师工号】“T001;T009”中的“T009”在表1-5-1 教职工基本信息中不存在",
      "表5-1-1 开课情况 第7行【授课教师】“李四;张三”中的“李四”（T001应为“张三”）、“张三”（T002应为“李四”）与表1-5-1 教职工基本信息中的名称不一致",
      "表5-1-1 开课情况 第8行【授课教师】“张三”有1项，与【授课教师工号】的2项对不上（多项之间用“;”分隔，顺序一致）",
    ]);
  });

  test("two sessions of one catalog keep their own rule state (the compiled rules are shared)", () => {
    const a = new ValidationSession(c2, ctx);
    const b = new ValidationSession(c2, ctx);
    a.setTables([read(staff, staffRows), read(courses, [["K1", "张三;李四", "T001;T002"]])]);
    b.setTables([read(staff, [["T001", "张三"]]), read(courses, [["K1", "王五", "T009"], ["K2", "张三", "T001"]])]);
    expect(msgs(a.findings())).toEqual([]);
    expect(msgs(b.findings())).toEqual(["表5-1-1 开课情况 第5行【授课教师工号】“T009”中的“T009”在表1-5-1 教职工基本信息中不存在"]);
    // a 工号 changes in each session's staff table: each finds the courses of its own workbook
    a.updateRows("1-5-1", [{ index: 1, values: ["T003", "李四"] }]);
    b.updateRows("1-5-1", [{ index: 0, values: ["T009", "王五"] }]);
    expect(msgs(a.findings())).toEqual(["表5-1-1 开课情况 第5行【授课教师工号】“T001;T002”中的“T002”在表1-5-1 教职工基本信息中不存在"]);
    expect(msgs(b.findings())).toEqual(["表5-1-1 开课情况 第6行【授课教师工号】“T001”中的“T001”在表1-5-1 教职工基本信息中不存在"]);
  });

  test("a condition on the 工号 cell itself (网络教师 “000000”) skips those records however often the value repeats; two names for one 工号 are reported", () => {
    const withWhen = table("5-1-1", "开课情况", [col("KKH", "开课号"), col("SKJS", "授课教师"), col("SKJSGH", "授课教师工号")], [
      rule("split", "exists", { columns: ["SKJSGH"], name: "SKJS", split: true, when: { column: "SKJSGH", notIn: ["000000"] }, targets: [{ table: "1-5-1", columns: ["GH"], name: "XM" }] }),
      rule("plain", "exists", { columns: ["KKH"], when: { column: "KKH", notIn: ["K0"] }, targets: [{ table: "1-5-1", columns: ["GH"] }] }),
    ]);
    const rows = [
      ["T001", "网络教师", "000000"],
      ["T001", "张三", "T001"],
      ["K0", "网络教师", "000000"],
      ["T002", "张三;李四", "T001"],
      ["K0", "张三", "T001"],
      ["T009", "李四", "T002"],
      ["T009", "李四", "T002"],
    ];
    const fs = checkTables([read(staff, staffRows), read(withWhen, rows)], catalog([staff, withWhen]), ctx);
    expect(msgs(fs)).toEqual([
      "表5-1-1 开课情况 第8行【授课教师】“张三;李四”有2项，与【授课教师工号】的1项对不上（多项之间用“;”分隔，顺序一致）",
      "表5-1-1 开课情况 第10行【开课号】“T009”在表1-5-1 教职工基本信息中不存在",
      "表5-1-1 开课情况 第11行【开课号】“T009”在表1-5-1 教职工基本信息中不存在",
    ]);
  });
});

describe("record rules", () => {
  test("dateWindow: 入校时间 after the 时点 month", () => {
    const fs = checkTables([read(staff, [["T001", "张三", "202410"], ["T002", "李四", "202409"], ["T003", "王五", "2024-09"]])], cat, ctx);
    expect(msgs(fs)).toEqual(["表1-5-1 教职工基本信息 第5行【入校时间】“202410”应小于或等于202409（统计时点）"]);
  });

  test("dateWindow on year-months: numbers and six-digit text are judged by month against the 时点, by year against the 统计年度", () => {
    const t = table("1-5-1", "教职工基本信息", [col("GH", "工号"), col("RXSJ", "入校时间", "yearMonth"), col("LX", "来校年月", "yearMonth")], [
      rule("p", "dateWindow", { column: "RXSJ", op: "<=", bound: "point" }),
      rule("y", "dateWindow", { column: "LX", op: "<", bound: "statYear" }),
    ]);
    const values: CellValue[] = [202409, 202410, "202409", "202410", 202312, "202312", 202401, "202401", 199901, "199913", 202413, "２０２４１０", " 202410", 45597];
    const fs = checkTables([read(t, values.map((v, i) => [`T${i}`, v, v]))], catalog([t]), ctx);
    const flagged = (rule: string) => fs.filter((f) => f.rule === rule).map((f) => values[f.row - 5]); // first record: sheet row 5
    // 时点 2024-09 (month granularity); 统计年度 2024 (year granularity: 202401 is not before it)
    expect(flagged("p")).toEqual([202410, "202410", "２０２４１０", " 202410", 45597]);
    expect(flagged("y")).toEqual([202409, 202410, "202409", "202410", 202401, "202401", "２０２４１０", " 202410", 45597]);
  });

  test("dateWindow with a year offset (立项时间 ≤ 统计年度−1) and strict < statYear", () => {
    const t = table("3-5-1", "教师主持科研项目情况", [col("LXSJ", "立项时间", "year"), col("KB", "开办本科教育年份", "year")], [
      rule("a", "dateWindow", { column: "LXSJ", op: "<=", bound: "statYear", years: -1 }),
      rule("b", "dateWindow", { column: "KB", op: "<", bound: "statYear" }),
    ]);
    const fs = checkTables([read(t, [[2024, 2024], [2023, 2023]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual([
      "表3-5-1 教师主持科研项目情况 第5行【立项时间】“2024”应小于或等于2023（统计年度-1年）",
      "表3-5-1 教师主持科研项目情况 第5行【开办本科教育年份】“2024”应小于2024（统计年度）",
    ]);
  });

  test("dateWindow against the academic-year window of the table", () => {
    const t = table("6-6-3", "竞赛", [col("D", "获奖日期", "date")], [rule("w", "dateWindow", { column: "D", op: ">=", bound: "periodStart" })], { period: "academicYear" });
    const fs = checkTables([read(t, [["2023-08-31"], ["2023-09-01"]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual(["表6-6-3 竞赛 第5行【获奖日期】“2023-08-31”应大于或等于2023-09-01（统计期开始）"]);
  });

  const land = table("2-1", "占地与建筑面积", [col("ZZDMJ", "总占地面积", "decimal"), col("XXCQ", "占地面积学校产权", "decimal"), col("FXXCQ", "占地面积非学校产权", "decimal")], [
    rule("U.2-1.sum", "sum", { total: "ZZDMJ", parts: ["XXCQ", "FXXCQ"] }),
  ], { shape: "single" });

  test("sum on a single-record form: the message shows the parts", () => {
    const fs = checkTables([readTable(singleSheet("表2-1", land, [100, 80, 10]), land)], catalog([land]), ctx);
    expect(msgs(fs)).toEqual(["表2-1 占地与建筑面积 第5行【总占地面积】“100”应等于【占地面积学校产权】+【占地面积非学校产权】 = 90（80 + 10）"]);
    expect(fs[0].cell).toBe("B5");
    expect(checkTables([readTable(singleSheet("表2-1", land, [90, "80", 10]), land)], catalog([land]), ctx)).toEqual([]);
  });

  test("an empty single-record form still reports its required items (a list skips blank records)", () => {
    const form = table("2-9", "测试表单", [col("A", "项目甲", "integer", { required: true }), col("B", "项目乙", "integer")], [], { shape: "single" });
    const fs = checkTables([readTable(singleSheet("表2-9", form, ["", ""]), form)], catalog([form]), ctx);
    expect(fs.map((f) => [f.rule, f.column])).toEqual([["column.required", "项目甲"]]);
  });

  test("sum tolerates floating point and treats empty parts as 0", () => {
    expect(checkTables([readTable(singleSheet("表2-1", land, [0.3, 0.1, 0.2]), land)], catalog([land]), ctx)).toEqual([]);
    expect(checkTables([readTable(singleSheet("表2-1", land, [80, 80, ""]), land)], catalog([land]), ctx)).toEqual([]);
  });

  const grads = table("6-5-2", "应届本科毕业生分专业毕业就业情况", [col("YJBYSS", "应届毕业生数", "integer"), col("SYXWS", "授予学位数", "integer"), col("TZ", "体质合格率", "decimal")], [
    rule("c1", "compare", { left: "SYXWS", op: "<=", right: "YJBYSS" }),
    rule("c2", "compare", { left: "TZ", op: "between", min: 0, max: 1 }),
    rule("c3", "compare", { left: "YJBYSS", op: ">", value: 0 }, "warning"),
  ]);

  test("compare: column vs column, range and constant", () => {
    const fs = checkTables([read(grads, [[100, 120, 1.2], [100, 100, 0.9], [0, 0, ""]])], catalog([grads]), ctx);
    expect(fs.map((f) => [f.severity, f.message])).toEqual([
      ["error", "表6-5-2 应届本科毕业生分专业毕业就业情况 第5行【授予学位数】“120”应小于或等于【应届毕业生数】“100”"],
      ["error", "表6-5-2 应届本科毕业生分专业毕业就业情况 第5行【体质合格率】“1.2”应在0到1之间"],
      ["warning", "表6-5-2 应届本科毕业生分专业毕业就业情况 第7行【应届毕业生数】“0”应大于0"],
    ]);
  });

  test("compare on date columns: 开始时间 ≤ 结束时间", () => {
    const t = table("3-4-2", "教师培训进修、交流情况", [col("KS", "开始时间", "yearMonth"), col("JS", "结束时间", "yearMonth")], [rule("d", "compare", { left: "KS", op: "<=", right: "JS" })]);
    const fs = checkTables([read(t, [["202403", "202401"], ["202401", "2024-03"]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual(["表3-4-2 教师培训进修、交流情况 第5行【开始时间】“202403”应小于或等于【结束时间】“202401”"]);
  });

  const books = table("3-5-6", "教师主编本专业教材情况", [col("JCRXQK", "教材入选情况"), col("RXSJ", "入选时间")], [
    rule("cond", "conditional", { if: { column: "JCRXQK", in: ["无"] }, then: { column: "RXSJ", empty: true } }),
    rule("cond2", "conditional", { if: { column: "JCRXQK", notIn: ["无"] }, then: { column: "RXSJ", empty: false } }, "warning"),
  ]);

  test("conditional: if 教材入选情况 is 无 then 入选时间 is empty, otherwise filled", () => {
    const fs = checkTables([read(books, [["无", "2023"], ["无", ""], ["国家级规划教材", ""], ["国家级规划教材", "2023"]])], catalog([books]), ctx);
    expect(fs.map((f) => [f.severity, f.message])).toEqual([
      ["error", "表3-5-6 教师主编本专业教材情况 第5行【入选时间】“2023”：当【教材入选情况】为“无”时，应为空"],
      ["warning", "表3-5-6 教师主编本专业教材情况 第7行【入选时间】为空：当【教材入选情况】不为“无”时，应不为空"],
    ]);
  });

  test("conditional with a nested rule: coverage > 0 ⇒ 优+良 = 1", () => {
    const t = table("7-2", "教学质量评估统计表", [col("FG", "学生评教覆盖比例", "decimal"), col("Y", "优", "decimal"), col("L", "良", "decimal")], [
      rule("n", "conditional", { if: { column: "FG", op: ">", value: 0 }, thenRule: { kind: "sum", params: { value: 1, parts: ["Y", "L"] } } }),
    ]);
    const fs = checkTables([read(t, [[0.5, 0.4, 0.3], [0, 0.4, 0.3], [0.8, 0.4, 0.6]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual(["表7-2 教学质量评估统计表 第5行当【学生评教覆盖比例】大于0时，【优】+【良】 = 0.7（0.4 + 0.3），应等于1"]);
  });

  test("pattern with a condition: hospital unit numbers start with FSYY", () => {
    const t = table("1-3", "学校教学科研单位", [col("DWH", "单位号"), col("DWZN", "单位职能")], [
      rule("p", "pattern", { column: "DWH", regex: "^FSYY", description: "附属医院的单位号应以“FSYY”开头", when: { column: "DWZN", in: ["直属附属医院", "非直属附属医院"] } }),
    ]);
    const fs = checkTables([read(t, [["0301", "教学院系"], ["0901", "直属附属医院"], ["FSYY01", "非直属附属医院"]])], catalog([t]), ctx);
    expect(msgs(fs)).toEqual(["表1-3 学校教学科研单位 第6行【单位号】“0901”格式不对：当【单位职能】为“直属附属医院”或“非直属附属医院”时，附属医院的单位号应以“FSYY”开头"]);
  });

  test("unitSlip: 册 vs 万册 and 万元 vs 元 are warnings that name both units", () => {
    const t = table("2-3-1", "图书馆", [col("ZZTSZL", "纸质图书总量", "integer", { unit: "册" }), col("JF", "国内项目经费（万元）", "decimal", { unit: "万元" })], [
      rule("s1", "unitSlip", { column: "ZZTSZL", unit: "册", min: 10000 }, "warning"),
      rule("s2", "unitSlip", { column: "JF", unit: "万元", max: 100000 }, "warning"),
    ]);
    const fs = checkTables([read(t, [[150, 3000000], [1500000, 300]])], catalog([t]), ctx);
    expect(fs.map((f) => [f.severity, f.message])).toEqual([
      ["warning", "表2-3-1 图书馆 第5行【纸质图书总量】“150”册远低于常见范围（≥10000册），疑似按“万册”填写，请确认单位为“册”"],
      ["warning", "表2-3-1 图书馆 第5行【国内项目经费（万元）】“3000000”万元远超常见范围（≤100000万元），疑似按“元”的万倍填写，请确认单位为“万元”"],
    ]);
  });
});

describe("aggregate", () => {
  const stations = table("4-1-2", "博士后流动站", [col("MC", "博士后流动站名称")]);
  const build = table("4-1-1", "学科建设", [col("BSHLDZ", "博士后流动站", "integer")], [
    rule("agg", "aggregate", { columns: ["BSHLDZ"], op: "=", of: { table: "4-1-2", fn: "count" } }),
  ], { shape: "single" });
  const students = table("1-6", "本科生基本情况", [col("XH", "学号"), col("XNZYDM", "校内专业（大类）代码")]);
  const mentors = table("SF-1", "学生发展成长指导教师情况", [col("XNZYDM", "校内专业代码"), col("N", "指导专业学生数量", "integer")], [
    rule("agg2", "aggregate", { columns: ["N"], op: "<=", matchBy: "XNZYDM", of: { table: "1-6", fn: "count", groupBy: "XNZYDM" } }),
  ]);
  const cat2 = catalog([build, stations, students, mentors]);

  test("count of another table equals a figure", () => {
    const fs = checkTables([readTable(singleSheet("表4-1-1", build, [3]), build), read(stations, [["数学"], ["物理"]])], cat2, ctx);
    expect(msgs(fs)).toEqual(["表4-1-1 学科建设 第5行【博士后流动站】“3”应等于表4-1-2 博士后流动站的记录数 2"]);
  });

  test("grouped count: students of the same major", () => {
    const st = read(students, [["S1", "080901"], ["S2", "080901"], ["S3", "080902"]]);
    const fs = checkTables([st, read(mentors, [["080901", 2], ["080902", 2]])], cat2, ctx);
    expect(msgs(fs)).toEqual(["表SF-1 学生发展成长指导教师情况 第6行【指导专业学生数量】“2”应小于或等于表1-6 本科生基本情况中【校内专业（大类）代码】为“080902”的记录数 1"]);
  });

  test("sum of another table", () => {
    const a = table("2-3-1", "图书馆", [col("ZZTSZL", "纸质图书总量", "integer")], [], { shape: "single" });
    const b = table("2-3-2", "图书新增情况", [col("XZ", "当年新增纸质图书", "integer")], [
      rule("s", "aggregate", { columns: ["XZ"], op: "<=", of: { table: "2-3-1", fn: "sum", column: "ZZTSZL" } }),
    ], { shape: "single" });
    const fs = checkTables([readTable(singleSheet("x", a, [1000]), a), readTable(singleSheet("y", b, [2000]), b)], catalog([a, b]), ctx);
    expect(msgs(fs)).toEqual(["表2-3-2 图书新增情况 第5行【当年新增纸质图书】“2000”应小于或等于表2-3-1 图书馆的【纸质图书总量】合计 1000"]);
  });
});

describe("incremental session", () => {
  test("fixing a 单位号 in 1-3 clears the staff finding; deleting it brings it back", () => {
    const s = new ValidationSession(cat, ctx);
    s.setTable(read(admin, []));
    s.setTable(read(staff, [["T001", "张三", "", "0315", ""]]));
    expect(s.findings().map((f) => f.rule)).toEqual([]); // 1-3 not loaded yet, 1-2 is: still exists applies
    const d1 = s.setTable(read(units, [["计算机学院", "0301"]]));
    expect(d1.added.map((f) => f.message)).toEqual(["表1-5-1 教职工基本信息 第5行【单位号】“0315”在表1-2 学校相关党政单位、表1-3 学校教学科研单位中不存在"]);
    const d2 = s.updateRows("1-3", [{ index: 1, values: ["数学学院", "0315"] }]);
    expect(d2.removed.map((f) => f.cell)).toEqual(["D5"]);
    expect(s.findings()).toEqual([]);
    const d3 = s.updateRows("1-3", [{ index: 1, values: ["", ""] }]);
    expect(d3.added.map((f) => f.cell)).toEqual(["D5"]);
  });

  test("rowsFromRange maps a changed block to records, and says when the header row was touched", () => {
    const td = read(staff, [["T001", "张三", "201909", "0301", "计算机学院"]]);
    const edit = rowsFromRange(td, { sheet: "表1-5-1", address: "C6:D6", row: 5, column: 2, values: [["202001", "0302"]] });
    expect(edit).toEqual({ headerTouched: false, updates: [{ index: 1, values: ["", "", "202001", "0302", ""] }] });
    const partial = rowsFromRange(td, { sheet: "表1-5-1", address: "B5", row: 4, column: 1, values: [["李四"]] });
    expect(partial.updates).toEqual([{ index: 0, values: ["T001", "李四", "201909", "0301", "计算机学院"] }]);
    expect(rowsFromRange(td, { sheet: "表1-5-1", address: "A4:B5", row: 3, column: 0, values: [["工号", "姓名"], ["T9", "王五"]] }).headerTouched).toBe(true);
  });

  test("a single-record form updates in place through rowsFromRange", () => {
    const land = table("2-1", "占地与建筑面积", [col("ZZDMJ", "总占地面积", "decimal"), col("XXCQ", "占地面积学校产权", "decimal"), col("FXXCQ", "占地面积非学校产权", "decimal")], [
      rule("U.2-1.sum", "sum", { total: "ZZDMJ", parts: ["XXCQ", "FXXCQ"] }),
    ], { shape: "single" });
    const s = new ValidationSession(catalog([land]), ctx);
    const td = readTable(singleSheet("表2-1", land, [100, 80, 10]), land);
    expect(s.setTable(td).added.map((f) => f.cell)).toEqual(["B5"]);
    const { updates } = rowsFromRange(td, { sheet: "表2-1", address: "B7", row: 6, column: 1, values: [[20]] });
    expect(updates).toEqual([{ index: 0, values: [100, 80, 20] }]);
    const d = s.updateRows("2-1", updates);
    expect(d.removed.map((f) => f.cell)).toEqual(["B5"]);
    expect(s.findings()).toEqual([]);
  });

  test("a required table that gets its first record loses 「还没有填写任何数据」, and gets it back when cleared", () => {
    const req = table("1-3", "学校教学科研单位", [col("DWH", "单位号")], [], { required: true });
    const s = new ValidationSession(catalog([req]), ctx);
    expect(s.setTable(read(req, [])).added.map((f) => [f.rule, f.cell, f.message])).toEqual([["table.empty", "A5", "表1-3 学校教学科研单位是必填表，但还没有填写任何数据"]]);
    expect(s.updateRows("1-3", [{ index: 0, values: ["0301"] }]).removed.map((f) => f.rule)).toEqual(["table.empty"]);
    expect(s.updateRows("1-3", [{ index: 0, values: [""] }]).added.map((f) => f.rule)).toEqual(["table.empty"]);
  });

  test("rulesAffectedBy lists the cross-table rules that read a table", () => {
    const s = new ValidationSession(cat, ctx);
    expect(s.rulesAffectedBy("1-3").map((r) => r.id).sort()).toEqual(["U.1-2.exclusive-DWH", "U.1-3.unique-DWH", "U.1-5-1.exists-DWH"]);
    expect(s.tablesAffectedBy("1-5-3").sort()).toEqual(["1-5-1", "1-5-3"]);
  });

  test("a rule that names a missing column is reported, not thrown", () => {
    const bad = table("9-9", "坏表", [col("A", "甲")], [rule("bad", "unique", { columns: ["NOPE"] }), rule("bad2", "nosuchkind", {})]);
    const s = new ValidationSession(catalog([bad]), ctx);
    expect(s.ruleErrors).toEqual(["规则 bad：表9-9没有列“NOPE”", "规则 bad2：未知的规则类型“nosuchkind”"]);
  });
});
