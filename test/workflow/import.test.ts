import { seedAssignments, type Assignment } from "../../src/core/workflow/assignment";
import { applyDecompositionImport, previewDecompositionImport } from "../../src/core/workflow/importDecomposition";
import { readAssignmentSheet } from "../../src/core/workflow/assignmentSheet";
import { ASSIGNMENT_SHEET } from "../../src/core/template/layout";
import { MemoryPort } from "./memoryPort";
import { undergraduateCatalog, vocationalCatalog } from "./fixtures";
import { splitTableRefs } from "../../src/core/workflow/importDecomposition";

// Seed 004's 「2020年数据平台采集任务分解表」, re-typed as a school's workbook gives it (rows as
// CellValue[][]): a title row, the step written once per block, category headings, the 6.3 block
// with numbered items, a row with two departments, and the last row for all departments.
const SEED_004_ROWS = [
  ["2020年数据平台采集任务分解表", "", "", "", "", ""],
  ["序号", "采集步骤", "数据采集表格名称", "数据采集的部门", "审核部门", "数据采集截止时间"],
  [1, "第一步：源数据表采集", "1.6机构设置", "政务部", "政务部", "11月11日"],
  [2, "", "6.1教师基本情况", "政务部", "政务部", "11月11日"],
  ["", "第二步：其他数据表采集", "一、基本信息（一级数据目录）", "", "", ""],
  [6, "", "1.1 名称", "政务部", "政务部", "11月18日"],
  [7, "", "1.2 联系", "质量部", "质量部", "11月18日"],
  ["", "", "三、基本办学条件（一级数据目录）", "", "", ""],
  [14, "", "3.2 馆藏图书资料", "图书馆", "教务部", "11月18日"],
  ["", "", "五、办学经费（一级数据目录）", "", "", ""],
  [23, "", "5.1 学费收入", "财务处", "财务处", "11月18日"],
  ["", "", "六、师资队伍（一级数据目录）", "", "", "11月18日"],
  ["", "", "6.3 教师其他情况", "", "", "11月18日"],
  [32, "", "  1 培训进修", "各系部", "教务部", "11月18日"],
  [36, "", "  5 技术专利（技术发明）", "各系部", "质量部", "11月18日"],
  [47, "", "8.1 教学与学生管理文件", "教务部、学务部", "政务部", "11月18日"],
  [72, "", "十二、系统未尽事宜有关说明", "参与数据采集的所有部门", "", "11月18日"],
];

describe("importing a school's decomposition workbook (seed 004)", () => {
  const catalog = vocationalCatalog();

  function current(): Assignment[] {
    // The quality office started from an empty decomposition for 1.1 and 6.1 and a different 1.6.
    return [
      { tableId: "1.6", tableName: "机构设置", step: 1, department: "党政办", assisting: [], reviewingDepartment: "政务部", clerk: "王五", reviewer: "", deadline: "2020-11-11" },
      { tableId: "6.1", tableName: "教师基本情况", step: 1, department: "政务部", assisting: [], reviewingDepartment: "政务部", clerk: "", reviewer: "", deadline: "2020-11-11" },
    ];
  }

  test("the preview lists added, changed, unchanged and unmatched rows with reasons; nothing is written", () => {
    const p = previewDecompositionImport(SEED_004_ROWS, { catalog, current: current(), statYear: 2020 });
    expect(p.header?.columns.map((c) => [c.field, c.header])).toEqual([
      ["step", "采集步骤"],
      ["tableName", "数据采集表格名称"],
      ["department", "数据采集的部门"],
      ["reviewingDepartment", "审核部门"],
      ["deadline", "数据采集截止时间"],
    ]);
    const summary = p.rows.map((r) => [r.status, r.tableId ?? r.sourceText]);
    expect(summary).toEqual([
      ["changed", "1.6"],
      ["unchanged", "6.1"],
      ["added", "1.1"],
      ["unmatched", "1.2 联系"],
      ["added", "3.2"],
      ["added", "5.1.1"],
      ["added", "6.3.1"],
      ["added", "6.3.5"],
      ["added", "8.1"],
      ["unmatched", "十二、系统未尽事宜有关说明"],
    ]);
    expect(p.counts).toEqual({ added: 6, changed: 1, unchanged: 1, unmatched: 2 });
    const changed = p.rows[0];
    expect(changed.changes).toEqual([{ field: "department", label: "责任单位", before: "党政办", after: "政务部" }]);
    expect(changed.after?.clerk).toBe("王五"); // not in the import: kept
    expect(p.rows[3].reason).toBe("第 7 行「1.2 联系」：目录中没有表号「1.2」，表名「联系」也找不到对应的表");
    const added = p.rows.find((r) => r.tableId === "6.3.5")!;
    expect(added.after).toMatchObject({ step: 2, department: "各系部", reviewingDepartment: "质量部", deadline: "2020-11-18" });
    expect(p.rows.find((r) => r.tableId === "8.1")!.after?.department).toBe("教务部、学务部");
    // Category headings and the 6.3 sub-heading are skipped, not reported as unmatched.
    expect(p.skippedRows).toEqual([4, 7, 9, 11, 12]);
  });

  test("apply writes the merged decomposition to the 责任分解 sheet in step order", async () => {
    const cur = current();
    const p = previewDecompositionImport(SEED_004_ROWS, { catalog, current: cur, statYear: 2020 });
    const { assignments, ops } = applyDecompositionImport(p, { catalog, current: cur, statYear: 2020, sheetExists: false });
    expect(assignments.map((a) => a.tableId)).toEqual(["1.6", "6.1", "1.1", "3.2", "5.1.1", "6.3.1", "6.3.5", "8.1"]);
    const port = new MemoryPort();
    await port.apply(ops);
    const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
    const back = readAssignmentSheet(data.values, { catalog, statYear: 2020 });
    expect(back.rows.find((r) => r.assignment.tableId === "3.2")?.assignment).toMatchObject({ department: "图书馆", reviewingDepartment: "教务部", deadline: "2020-11-18", step: 2 });
    expect(back.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("apply to an existing sheet updates it in place: rows, extra columns and layout are kept", async () => {
    const port = new MemoryPort();
    const existing = [
      ["本校 2020 年责任分解（质量部维护）", "", "", "", ""],
      ["表名", "表号", "责任单位", "截止日期", "备注"],
      ["教师基本情况", "6.1", "人事处", "2020-11-11", "人事处王老师负责"],
      ["机构设置", "1.6", "党政办", "2020-11-11", "含附属机构"],
    ];
    await port.apply([{ kind: "addSheet", sheet: ASSIGNMENT_SHEET }, { kind: "setValues", sheet: ASSIGNMENT_SHEET, address: "A1", values: existing }]);
    const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
    const cur = readAssignmentSheet(data.values, { catalog, statYear: 2020 }).rows.map((r) => r.assignment);
    const p = previewDecompositionImport(SEED_004_ROWS, { catalog, current: cur, statYear: 2020 });
    const { ops } = applyDecompositionImport(p, { catalog, current: cur, statYear: 2020, sheetExists: true, sheetValues: data.values });
    await port.apply(ops);
    const [after] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
    expect(after.values[0][0]).toBe("本校 2020 年责任分解（质量部维护）");
    // 6.1 → 政务部 and 1.6 → 政务部, in their own rows, notes untouched; 审核单位 and 步骤 columns added.
    expect(after.values[1]).toEqual(["表名", "表号", "责任单位", "截止日期", "备注", "步骤", "协助单位", "审核单位", "填报人", "审核人"]);
    expect(after.values[2].slice(0, 5)).toEqual(["教师基本情况", "6.1", "政务部", "2020-11-11", "人事处王老师负责"]);
    expect(after.values[3].slice(0, 5)).toEqual(["机构设置", "1.6", "政务部", "2020-11-11", "含附属机构"]);
    expect(after.values[3][7]).toBe("政务部");
    // New tables are appended below.
    const back = readAssignmentSheet(after.values, { catalog, statYear: 2020 });
    expect(back.rows.map((r) => r.assignment.tableId)).toEqual(["6.1", "1.6", "1.1", "3.2", "5.1.1", "6.3.1", "6.3.5", "8.1"]);
    expect(back.rows.find((r) => r.assignment.tableId === "3.2")?.assignment).toMatchObject({ department: "图书馆", reviewingDepartment: "教务部", deadline: "2020-11-18", step: 2 });
    expect(back.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("importing the same decomposition again changes nothing", () => {
    const seeded = seedAssignments(catalog, 2020).assignments;
    const p = previewDecompositionImport(SEED_004_ROWS, { catalog, current: seeded, statYear: 2020 });
    expect(p.counts.changed).toBe(0);
    expect(p.counts.unchanged).toBe(8);
  });

  test("a workbook without the needed headers gets a clear message", () => {
    const p = previewDecompositionImport([["姓名", "电话"], ["张三", "123"]], { catalog, current: [], statYear: 2020 });
    expect(p.error).toContain("找不到表头行");
    expect(p.rows).toEqual([]);
  });

  test("an unreadable date keeps the current date and says why", () => {
    const rows = [
      ["表格名称", "责任部门", "截止时间", "协助部门"],
      ["6.1 教师基本情况", "人事处", "尽快", "教务部；学务部"],
    ];
    const p = previewDecompositionImport(rows, { catalog, current: current(), statYear: 2020 });
    expect(p.rows[0].after).toMatchObject({ department: "人事处", deadline: "2020-11-11", assisting: ["教务部", "学务部"] });
    expect(p.rows[0].reason).toBe("C2 的截止时间「尽快」不是日期，保留原值");
  });
});

// Seed 000's 「录入顺序」 table as a school's workbook has it: several tables per cell, the step
// block continued on the next row (page break, blank step and date), "9 月 30 日", 其他采集表.
const SEED_000_ROWS = [
  ["录入顺序", "表格名称", "最终提交时间", "备注"],
  ["步骤一", "表 1-1 学校概况 表 1-2 学校相关党政单位 表 1-3 学校教学科研单位", "9月21日", ""],
  ["步骤二", "表 1-4-1 专业基本情况（时点）", "9月22日", ""],
  ["步骤三", "表 1-5-1 教职工基本信息（时点） 表 1-5-2 教职工其他信息表（时点）", "9月27日", ""],
  ["", "表 1-5-3 外聘和兼职教师基本信息（时点） 表 1-6 本科生基本情况（时点） 表 1-7-1 本科实验场所（时点）", "", ""],
  ["步骤四", "表 2-3-1 图书馆（时点） 表 2-3-2 图书新增情况（自然年）", "9 月 30 日", ""],
  ["步骤五", "其他采集表", "10 月 14 日", ""],
];

describe("importing seed 000's 录入顺序 table (本科)", () => {
  const catalog = undergraduateCatalog();

  test("several tables in one cell", () => {
    expect(splitTableRefs("表 1-1 学校概况 表 1-2 学校相关党政单位")).toEqual(["表 1-1 学校概况", "表 1-2 学校相关党政单位"]);
    expect(splitTableRefs("1.6机构设置")).toEqual(["1.6机构设置"]);
  });

  test("steps and dates per table; the continued block keeps its date; 其他采集表 covers the rest", () => {
    const p = previewDecompositionImport(SEED_000_ROWS, { catalog, current: [], statYear: 2026 });
    const got = Object.fromEntries(p.rows.filter((r) => r.after).map((r) => [r.tableId, [r.after!.step, r.after!.deadline]]));
    expect(got).toEqual({
      "1-1": [1, "2026-09-21"],
      "1-2": [1, "2026-09-21"],
      "1-3": [1, "2026-09-21"],
      "1-4-1": [2, "2026-09-22"],
      "1-5-1": [3, "2026-09-27"],
      "2-3-1": [4, "2026-09-30"],
      // not in the fixture catalog's other steps → 其他采集表
      "1-4-2": [5, "2026-10-14"],
      "2-1": [5, "2026-10-14"],
      "5-1-1": [5, "2026-10-14"],
    });
    // Tables the plan names that this catalog lacks are reported, not invented.
    expect(p.rows.filter((r) => r.status === "unmatched").map((r) => r.sourceText)).toEqual([
      "表 1-5-2 教职工其他信息表（时点）",
      "表 1-5-3 外聘和兼职教师基本信息（时点）",
      "表 1-6 本科生基本情况（时点）",
      "表 1-7-1 本科实验场所（时点）",
      "表 2-3-2 图书新增情况（自然年）",
    ]);
    expect(p.rows.find((r) => r.tableId === "2-1")?.reason).toBe("第 7 行「其他采集表」");
  });

  test("the continuation row's date comes from the block above", () => {
    const cat = undergraduateCatalog();
    cat.tables.push({ ...cat.tables[0], id: "1-6", name: "本科生基本情况" });
    const p = previewDecompositionImport(SEED_000_ROWS, { catalog: cat, current: [], statYear: 2024 });
    const r = p.rows.find((x) => x.tableId === "1-6")!;
    expect(r.after).toMatchObject({ step: 3, deadline: "2024-09-27" });
    expect(r.reason).toBe("截止日期沿用第 4 行");
  });

  test("without a department column, a single table the catalog lacks is reported, not skipped", () => {
    const p = previewDecompositionImport(SEED_000_ROWS.slice(0, 3), { catalog: { ...catalog, tables: catalog.tables.filter((t) => t.id !== "1-4-1") }, current: [], statYear: 2024 });
    expect(p.rows.find((r) => r.status === "unmatched")?.reason).toBe("第 3 行「表 1-4-1 专业基本情况（时点）」：目录中没有表号「1-4-1」，表名「专业基本情况」也找不到对应的表");
  });
});
