import { parseStep, seedAssignments, stepLabel, type Assignment } from "../../src/core/workflow/assignment";
import { assignmentSheetOps, readAssignmentSheet } from "../../src/core/workflow/assignmentSheet";
import { ASSIGNMENT_SHEET } from "../../src/core/template/layout";
import { MemoryPort } from "./memoryPort";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";
import { undergraduateCatalog, vocationalCatalog } from "./fixtures";

const byId = (list: Assignment[], id: string) => list.find((a) => a.tableId === id)!;

describe("seeding the 责任分解 from a catalog and statistical year", () => {
  test("本科 follows seed 000's five steps with dates in year Y", () => {
    const { assignments, provenance } = seedAssignments(undergraduateCatalog(), 2026);
    expect(byId(assignments, "1-1")).toMatchObject({ step: 1, deadline: "2026-09-21", department: "" });
    expect(byId(assignments, "1-3")).toMatchObject({ step: 1, deadline: "2026-09-21" });
    expect(byId(assignments, "1-4-1")).toMatchObject({ step: 2, deadline: "2026-09-22" });
    expect(byId(assignments, "1-5-1")).toMatchObject({ step: 3, deadline: "2026-09-27" });
    expect(byId(assignments, "2-3-1")).toMatchObject({ step: 4, deadline: "2026-09-30" });
    // Tables the plan does not name: 步骤五 「其他采集表」 10-14.
    expect(byId(assignments, "5-1-1")).toMatchObject({ step: 5, deadline: "2026-10-14", source: "seed 000 步骤五（其他采集表）" });
    expect(provenance.source).toContain("seed 000");
    // Order: by step, base tables first inside a step (1-4-2 is a base table the plan does not name).
    const step5 = assignments.filter((a) => a.step === 5).map((a) => a.tableId);
    expect(step5).toEqual(["1-4-2", "2-1", "5-1-1"]);
    expect(assignments.map((a) => a.step)).toEqual([...assignments.map((a) => a.step)].sort());
  });

  test("2024 reproduces the plan's own dates", () => {
    const { assignments } = seedAssignments(undergraduateCatalog(), "２０２４");
    expect(byId(assignments, "1-4-1").deadline).toBe("2024-09-22");
    expect(byId(assignments, "2-1").deadline).toBe("2024-10-14");
  });

  test("the statistical year is validated", () => {
    expect(() => seedAssignments(undergraduateCatalog(), 1999)).toThrow("统计年度 1999 超出范围");
  });

  test("本科 departments come only from the catalog; none are invented", () => {
    const cat = undergraduateCatalog();
    cat.tables[0].department = "党政办公室";
    const { assignments } = seedAssignments(cat, 2024);
    expect(byId(assignments, "1-1").department).toBe("党政办公室");
    expect(assignments.filter((a) => a.tableId !== "1-1").every((a) => a.department === "" && a.reviewingDepartment === "")).toBe(true);
  });

  test("高职 takes seed 004's departments and reviewing departments, 11-11 / 11-18 in year Y", () => {
    const { assignments, unmatchedPlanRows } = seedAssignments(vocationalCatalog(), 2025);
    expect(byId(assignments, "1.6")).toMatchObject({ step: 1, department: "政务部", reviewingDepartment: "政务部", deadline: "2025-11-11" });
    expect(byId(assignments, "6.1")).toMatchObject({ step: 1, deadline: "2025-11-11" });
    expect(byId(assignments, "3.2")).toMatchObject({ step: 2, department: "图书馆", reviewingDepartment: "教务部", deadline: "2025-11-18" });
    // "5.1 学费收入" in the plan is 5.1.1 in this catalog: matched by name.
    expect(byId(assignments, "5.1.1")).toMatchObject({ department: "财务处", reviewingDepartment: "财务处" });
    expect(byId(assignments, "6.3.5")).toMatchObject({ department: "各系部", reviewingDepartment: "质量部" });
    expect(byId(assignments, "8.1")).toMatchObject({ department: "教务部、学务部", reviewingDepartment: "政务部" });
    // A table the plan does not list keeps empty departments.
    expect(byId(assignments, "12.1")).toMatchObject({ step: 2, department: "", reviewingDepartment: "", deadline: "2025-11-18" });
    expect(unmatchedPlanRows).toContain("7. 1.2 联系");
    expect(assignments.slice(0, 2).map((a) => a.tableId)).toEqual(["1.6", "6.1"]);
  });

  test("step labels", () => {
    expect(stepLabel(1)).toBe("步骤一");
    expect(stepLabel(12)).toBe("步骤十二");
    expect(parseStep("步骤三")).toBe(3);
    expect(parseStep("第一步：源数据表采集")).toBe(1);
    expect(parseStep(" 第 二 步 ")).toBe(2);
    expect(parseStep("５")).toBe(5);
    expect(parseStep("下一步")).toBeNull();
  });
});

describe("the 责任分解 sheet", () => {
  test("written as a visible sheet with headers, text ids and real dates; read back unchanged", async () => {
    const cat = undergraduateCatalog();
    const { assignments } = seedAssignments(cat, 2024);
    assignments[0].assisting = ["教务处", "人事处"];
    assignments[0].department = "党政办公室";
    const port = new MemoryPort();
    await port.apply(assignmentSheetOps(assignments, { create: true }));
    const info = (await port.getSheets())[0];
    expect(info).toMatchObject({ name: "责任分解", visibility: "visible" });
    expect((await port.read([{ sheet: ASSIGNMENT_SHEET, address: "A1:I1" }]))[0].values[0]).toEqual(["表号", "表名", "步骤", "责任单位", "协助单位", "审核单位", "填报人", "审核人", "截止日期"]);
    expect(port.cell(ASSIGNMENT_SHEET, "I2")).toBe(45556); // 2024-09-21 as an Excel serial
    expect(port.format(ASSIGNMENT_SHEET, "I2")).toBe("yyyy-mm-dd");
    expect(port.format(ASSIGNMENT_SHEET, "A2")).toBe("@");
    expect(port.cell(ASSIGNMENT_SHEET, "C2")).toBe("步骤一");
    expect(port.cell(ASSIGNMENT_SHEET, "E2")).toBe("教务处、人事处");
    const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
    const back = readAssignmentSheet(data.values, { catalog: cat, statYear: 2024 });
    expect(back.rows.map((r) => r.assignment)).toEqual(assignments.map(({ source, ...a }) => a));
    // Only the missing departments are reported, each with its cell.
    expect(back.findings.every((f) => f.code === "assignment.missingDepartment")).toBe(true);
    expect(back.findings[0]).toMatchObject({ address: "D3", tableId: assignments[1].tableId });
  });

  test("reading is tolerant: reordered columns, synonyms, a title row, spaces, full-width, text dates", () => {
    const values = [
      ["2024年责任分解表", "", "", "", ""],
      ["截止 时间", "表格名称", "责任部门", "表号", "协助部门"],
      ["2024年9月30日", "学校概况", " 党政办公室 ", "1-1", "教务处，人事处"],
      ["9月22日", "专业基本情况", "教务处", "１-４-１", ""],
      ["2024/9/27", "", "人事处", "表1-5-1", ""],
      [45565, "", "图书馆", "2-3-1", ""],
      ["", "", "", "", ""],
    ];
    const r = readAssignmentSheet(values, { catalog: undergraduateCatalog(), statYear: 2024 });
    expect(r.header?.row).toBe(1);
    expect(r.rows.map((x) => [x.assignment.tableId, x.assignment.department, x.assignment.deadline])).toEqual([
      ["1-1", "党政办公室", "2024-09-30"],
      ["1-4-1", "教务处", "2024-09-22"],
      ["1-5-1", "人事处", "2024-09-27"],
      ["2-3-1", "图书馆", "2024-09-30"],
    ]);
    expect(r.rows[0].assignment.assisting).toEqual(["教务处", "人事处"]);
    expect(r.rows[2].assignment.tableName).toBe("教职工基本信息");
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("checks: unknown table, missing 责任单位, a date that is not a date, a table assigned twice", () => {
    const values = [
      ["表号", "表名", "步骤", "责任单位", "协助单位", "审核单位", "填报人", "审核人", "截止日期"],
      ["1-1", "学校概况", "步骤一", "党政办公室", "", "党政办公室", "张三", "李四", "2024-09-21"],
      ["9-9-9", "不存在的表", "步骤一", "教务处", "", "", "", "", "2024-09-21"],
      ["1-2", "学校相关党政单位", "步骤一", "", "", "", "", "", "2024-09-21"],
      ["1-3", "学校教学科研单位", "步骤一", "教务处", "", "", "", "", "下周一"],
      ["1-1", "学校概况", "步骤二", "教务处", "", "", "", "", "2024-09-22"],
      ["1-4-1", "专业基本情况", "第九十九步骤", "教务处", "", "", "", "", ""],
    ];
    const r = readAssignmentSheet(values, { catalog: undergraduateCatalog(), statYear: 2024 });
    const errors = r.findings.filter((f) => f.severity === "error").map((f) => [f.code, f.address, f.message]);
    expect(errors).toEqual([
      ["assignment.unknownTable", "A3", "「责任分解」第 3 行（A3）：表号「9-9-9」不在目录中"],
      ["assignment.missingDepartment", "D4", "「责任分解」第 4 行（D4）：表 1-2 学校相关党政单位 没有填写责任单位"],
      ["assignment.invalidDate", "I5", "「责任分解」第 5 行（I5）：截止日期「下周一」不是日期，请写成 2024-09-30 或 2024年9月30日"],
      ["assignment.duplicate", "A6", "「责任分解」第 6 行（A6）：表 1-1 学校概况 已在第 2 行分配，同一张表只能分配一次"],
    ]);
    const warnings = r.findings.filter((f) => f.severity === "warning");
    expect(warnings.find((f) => f.code === "assignment.invalidStep")).toMatchObject({ address: "C7" });
    expect(warnings.filter((f) => f.code === "assignment.notAssigned").map((f) => f.tableId)).toEqual(["1-4-2", "1-5-1", "2-1", "2-3-1", "5-1-1"]);
  });

  test("an id Excel turned into a date (typed 1-2 without text format) is recovered with a warning", () => {
    const values = [
      ["表号", "责任单位", "截止日期"],
      [46024, "党政办", "2026-09-21"], // 2026-01-02, what Excel makes of a typed "1-2"
      [46054, "教务处", "2026-09-21"], // 2026-02-01 → "2-1"
    ];
    const r = readAssignmentSheet(values, { catalog: undergraduateCatalog() });
    expect(r.rows.map((x) => x.assignment.tableId)).toEqual(["1-2", "2-1"]);
    expect(r.findings.filter((f) => f.code === "assignment.idAsDate").map((f) => [f.address, f.message])).toEqual([
      ["A2", "「责任分解」第 2 行（A2）：表号被 Excel 当成了日期，已按表 1-2 读取；请把该列设为文本格式后重新输入「1-2」"],
      ["A3", "「责任分解」第 3 行（A3）：表号被 Excel 当成了日期，已按表 2-1 读取；请把该列设为文本格式后重新输入「2-1」"],
    ]);
  });

  test("a name that contradicts the id is flagged; the id decides", () => {
    const values = [
      ["表号", "表名", "责任单位", "截止日期"],
      ["2-3-1", "图书馆（时点）", "图书馆", "2024-09-30"],
      ["1-5-1", "图书馆", "人事处", "2024-09-27"],
    ];
    const r = readAssignmentSheet(values, { catalog: undergraduateCatalog() });
    expect(r.rows.map((x) => x.assignment.tableId)).toEqual(["2-3-1", "1-5-1"]);
    expect(r.findings.filter((f) => f.code === "assignment.nameMismatch").map((f) => [f.address, f.message])).toEqual([
      ["B3", "「责任分解」第 3 行（B3）：表名「图书馆」与表号 1-5-1 的表名「教职工基本信息」不符，按表号读取"],
    ]);
  });

  test("a sheet without a recognisable header says so", () => {
    const r = readAssignmentSheet([["a", "b"], [1, 2]], {});
    expect(r.findings[0]).toMatchObject({ code: "assignment.missingHeader", severity: "error" });
    expect(r.findings[0].message).toContain("找不到表头行");
  });

  test("writeAssignmentSheet creates the sheet, then updates only the changed cells in place", async () => {
    const cat = undergraduateCatalog();
    const { assignments } = seedAssignments(cat, 2024);
    const port = new MemoryPort();
    await writeAssignmentSheet(port, assignments, cat, 2024);
    port.poke(ASSIGNMENT_SHEET, "J1", [["备注"]]);
    port.poke(ASSIGNMENT_SHEET, "J3", [["请人事处配合"]]);
    const changed = assignments.map((a) => (a.tableId === assignments[1].tableId ? { ...a, department: "党委办公室" } : a));
    const before = port.applied.length;
    await writeAssignmentSheet(port, changed, cat, 2024);
    const ops = port.applied.slice(before).flat();
    expect(ops.filter((o) => o.kind === "setValues")).toEqual([{ kind: "setValues", sheet: ASSIGNMENT_SHEET, address: "D3", values: [["党委办公室"]] }]);
    expect(port.cell(ASSIGNMENT_SHEET, "J3")).toBe("请人事处配合");
  });

  test("rewriting with fewer rows blanks the old rows", async () => {
    const cat = undergraduateCatalog();
    const { assignments } = seedAssignments(cat, 2024);
    const port = new MemoryPort();
    await port.apply(assignmentSheetOps(assignments, { create: true }));
    await port.apply(assignmentSheetOps(assignments.slice(0, 2), { previousRowCount: assignments.length }));
    const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET }]);
    expect(readAssignmentSheet(data.values, {}).rows).toHaveLength(2);
  });
});
