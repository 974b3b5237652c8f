import { checkRows, checkTables, readTable, type Finding } from "../../src/core/validation";
import { getCatalog } from "../../src/core/catalog";
import type { CellValue, RangeData } from "../../src/core/workbook/port";
import { catalog, col, listSheet, rule, singleSheet, table } from "./helpers";

const staff = table("1-5-1", "教职工基本信息", [col("GH", "工号", "text", { required: true }), col("XM", "姓名"), col("RXSJ", "入校时间", "yearMonth"), col("DWH", "单位号")], [
  rule("u", "unique", { columns: ["GH"] }),
]);
const cat = catalog([staff]);
const ctx = { statYear: 2024 };
const block = (values: CellValue[][], row = 0, column = 0): RangeData => ({ sheet: "教职工", address: "", row, column, values });
const S = (td: ReturnType<typeof readTable>) => td.structureFindings.map((f) => [f.rule, f.cell, f.message]);

describe("readTable with owned values (a range read for this table alone)", () => {
  const deep = (r: RangeData): RangeData => ({ ...r, values: r.values.map((x) => x.slice()) });
  const layouts: Array<[string, RangeData]> = [
    ["template layout", listSheet("教职工", staff, [["T001", "张三", "201909", "0301"], ["T002", "李四", "", "0302"], ["", "", "", ""]])],
    ["a row with missing cells", block([["表1-5-1 教职工基本信息"], [], [], ["工号", "姓名", "入校时间", "单位号"], ["T001", "张三"], ["T002", "李四", "201909", "0302"]])],
    ["header in row 1", block([["工号", "姓名", "入校时间", "单位号"], ["T001", "张三", "201909", "0301"]])],
    ["shifted right", block([["", "表1-5-1 教职工基本信息"], [], [], ["", "工号", "姓名", "入校时间", "单位号"], ["", "T001", "张三", "202410", "0301"]])],
    ["reordered", listSheet("教职工", staff, [["张三", "T001", "201909", "0301"]], ["姓名", "工号", "入校时间", "单位号"])],
    ["range not starting at A1", block([["表1-5-1 教职工基本信息"], [], ["工号", "姓名", "入校时间", "单位号"], ["T001", "张三", "201909", "0301"]], 1, 0)],
    ["no header", block([["随便什么"], ["T001"]])],
  ];

  test.each(layouts)("%s: the same table as from a copy, and the sheet's row arrays are left as they were", (_, range) => {
    const plain = readTable(deep(range), staff);
    const mine = deep(range);
    const rowsBefore = mine.values.map((r) => r.slice());
    const rowObjects = [...mine.values];
    const td = readTable(mine, staff, { owned: true });
    expect(td.rows).toEqual(plain.rows);
    expect(td.layout).toEqual(plain.layout);
    expect(S(td)).toEqual(S(plain));
    expect(checkTables([td], cat, ctx)).toEqual(checkTables([plain], cat, ctx));
    // each row array the sheet gave is unchanged (records with missing cells are new arrays)
    rowObjects.forEach((r, i) => expect(r).toEqual(rowsBefore[i]));
  });

  test("in the template layout the records ARE the handed-over array (no copy of a big sheet)", () => {
    const records = Array.from({ length: 2000 }, (_, i) => [`T${i}`, "张三", "201909", "0301"]);
    const range = listSheet("教职工", staff, records);
    const firstRecordRow = range.values[4];
    const td = readTable(range, staff, { owned: true });
    expect(td.rows).toBe(range.values);
    expect(td.rows.length).toBe(2000);
    expect(td.rows[0]).toBe(firstRecordRow); // the sheet's own row array, not a copy
    expect(td.rows[1999]).toEqual(["T1999", "张三", "201909", "0301"]);
    // without the option the caller's range is untouched
    const again = listSheet("教职工", staff, records);
    const n = again.values.length;
    readTable(again, staff);
    expect(again.values.length).toBe(n);
  });
});

describe("structure detection", () => {
  test("the template layout reads cleanly", () => {
    const td = readTable(listSheet("教职工", staff, [["T001", "张三", "201909", "0301"]]), staff);
    expect(td.structureFindings).toEqual([]);
    expect(td.layout).toMatchObject({ kind: "list", headerRow: 3, firstDataRow: 4, columns: [0, 1, 2, 3] });
    expect(td.rows).toEqual([["T001", "张三", "201909", "0301"]]);
  });

  test("a deleted header column is reported; the other columns are still checked", () => {
    const td = readTable(listSheet("教职工", staff, [["T001", "张三", "0301"], ["T001", "李四", "0302"]], ["工号", "姓名", "单位号"]), staff);
    expect(S(td)).toEqual([["structure.missingHeader", "C4", "表1-5-1 教职工基本信息：缺少列【入校时间】（第4行表头中没有找到），此列无法校验"]]);
    expect(td.rows[1]).toEqual(["T001", "李四", "", "0302"]);
    const fs = checkTables([td], cat, ctx);
    expect(fs.map((f) => f.rule)).toEqual(["structure.missingHeader", "u", "u"]);
  });

  test("a renamed header is matched fuzzily and reported as 「表头“X”应为“Y”」", () => {
    const td = readTable(listSheet("教职工", staff, [["T001", "张三", "201909", "0301"]], ["工号", "教师姓名", "入校时间", "单位号"]), staff);
    expect(S(td)).toEqual([["structure.renamedHeader", "B4", "表1-5-1 教职工基本信息 第4行 B列：表头“教师姓名”应为“姓名”（已按此列校验）"]]);
    expect(td.layout.columns).toEqual([0, 1, 2, 3]);
  });

  test("headers with line breaks, spaces, full-width brackets and * marks still match exactly", () => {
    const t = table("1-7-1", "本科实验场所", [col("SYCSDM", "实验场所代码"), col("SYMJPFM", "使用面积（平方米）", "decimal")]);
    const td = readTable(listSheet("s", t, [["L01", 20]], ["*实验场所 代码", "使用面积\n(平方米)"]), t);
    expect(td.structureFindings).toEqual([]);
  });

  test("reordered columns: values are read by header, the moved column is reported", () => {
    const td = readTable(listSheet("教职工", staff, [["张三", "T001", "201909", "0301"]], ["姓名", "工号", "入校时间", "单位号"]), staff);
    expect(td.rows[0]).toEqual(["T001", "张三", "201909", "0301"]);
    expect(S(td)).toEqual([["structure.reorderedHeader", "B4", "表1-5-1 教职工基本信息：列【工号】的位置与模板不同（模板中是第1列，应在最前），已按表头校验"]]);
  });

  test("a table pasted one column to the right", () => {
    const values: CellValue[][] = [["", "表1-5-1 教职工基本信息"], [], [], ["", "工号", "姓名", "入校时间", "单位号"], ["", "T001", "张三", "202410", "0301"]];
    const td = readTable(block(values), staff);
    expect(S(td)).toEqual([["structure.shiftedRight", "B4", "表1-5-1 教职工基本信息：表格整体右移了1列（【工号】应在A列，实际在B列），已按实际位置校验"]]);
    expect(td.rows).toEqual([["T001", "张三", "202410", "0301"]]);
    const fs = checkTables([td], catalog([{ ...staff, rules: [rule("w", "dateWindow", { column: "RXSJ", op: "<=", bound: "point" })] }]), ctx);
    expect(fs.filter((f) => f.rule === "w").map((f) => [f.cell, f.message])).toEqual([["D5", "表1-5-1 教职工基本信息 第5行【入校时间】“202410”应小于或等于202409（统计时点）"]]);
  });

  test("title rows deleted (header in row 1) and merged/empty title rows (header further down)", () => {
    const up = readTable(block([["工号", "姓名", "入校时间", "单位号"], ["T001", "张三", "201909", "0301"]]), staff);
    expect(S(up)).toEqual([["structure.headerRowMoved", "A1", "表1-5-1 教职工基本信息：表头在第1行（模板为第4行），表格上移了3行，已按实际位置校验"]]);
    expect(up.rows).toEqual([["T001", "张三", "201909", "0301"]]);
    const down = readTable(block([["表1-5-1 教职工基本信息", "", "", ""], ["", "", "", ""], [], [], [], ["工号", "姓名", "入校时间", "单位号"], ["T001", "", "", ""]]), staff);
    expect(down.layout.headerRow).toBe(5);
    expect(down.rows).toEqual([["T001", "", "", ""]]);
  });

  test("extra and duplicate headers", () => {
    const td = readTable(listSheet("教职工", staff, [["T001", "张三", "201909", "0301", "x", "T009"]], ["工号", "姓名", "入校时间", "单位号", "备注", "工号"]), staff);
    expect(S(td)).toEqual([
      ["structure.duplicateHeader", "F4", "表1-5-1 教职工基本信息 第4行：表头【工号】重复（A列和F列），按A列校验，请删除多余的列"],
      ["structure.extraHeader", "E4", "表1-5-1 教职工基本信息 第4行 E列：多余的列“备注”不属于本表，上传前请删除"],
    ]);
    expect(td.rows[0][0]).toBe("T001");
  });

  test("no header at all", () => {
    const td = readTable(block([["随便写的"], ["1", "2"]]), staff);
    expect(S(td)).toEqual([["structure.noHeader", "A4", "表1-5-1 教职工基本信息：工作表“教职工”前12行中找不到表头（应含【工号】【姓名】【入校时间】等列），无法校验内容"]]);
    expect(td.rows).toEqual([]);
  });

  test("a block read from the middle of a sheet keeps absolute addresses", () => {
    const td = readTable(block([["工号", "姓名", "入校时间", "单位号"], ["", "张三", "", ""]], 3, 2), staff);
    const fs = checkTables([td], cat, ctx);
    expect(fs.find((f) => f.rule === "column.required")).toMatchObject({ row: 5, cell: "C5", column: "工号", message: "表1-5-1 教职工基本信息 第5行【工号】不能为空" });
  });

  test("trailing empty rows are not records; empty rows inside are not checked", () => {
    const td = readTable(listSheet("教职工", staff, [["T001"], ["", "", "", ""], ["T002"], [""], ["  "]]), staff);
    expect(td.rows.length).toBe(3);
    expect(checkTables([td], cat, ctx)).toEqual([]);
  });
});

describe("single-record label/value forms", () => {
  const land = table("2-1", "占地与建筑面积", [col("ZZDMJ", "总占地面积", "decimal", { required: true }), col("XXCQ", "占地面积学校产权", "decimal"), col("FXXCQ", "占地面积非学校产权", "decimal")], [], { shape: "single" });

  test("the school form's year rules (开办本科教育年份 < 统计年度) flag the value in a full check as in a per-record one", () => {
    const ug = getCatalog("undergraduate");
    const t = ug.tables.find((x) => x.id === "1-1")!;
    const at = t.columns.findIndex((c) => c.key === "KBBKJYNF");
    for (const [year, bad] of [[2024, true], [2023, false], ["２０２５", true], ["", false]] as const) {
      const values: CellValue[] = t.columns.map(() => "");
      values[at] = year;
      const td = readTable(singleSheet("表1-1", t, values), t);
      const mine = (fs: Finding[]) => fs.filter((f) => f.rule === "U.1-1.r1").map((f) => `${f.cell} ${f.message}`);
      const full = mine(checkTables([td], ug, ctx));
      expect(full).toEqual(mine(checkRows(td, [0], ug, ctx)));
      expect(full.length).toBe(bad ? 1 : 0);
      if (bad) expect(full[0]).toContain("【开办本科教育年份】");
    }
    // a form whose only rule has a column pass: the full check skips the per-record check unless the pass marks it
    const form = table("9-9", "办学年份", [col("KB", "开办本科教育年份", "year")], [rule("kb", "dateWindow", { column: "KB", op: "<", bound: "statYear" })], { shape: "single" });
    for (const [year, n] of [[2024, 1], [2023, 0], [1899, 1]] as const) {
      const td = readTable(singleSheet("办学年份", form, [year]), form);
      const found = checkTables([td], catalog([form]), ctx).map((f) => f.message);
      expect(found).toEqual(checkRows(td, [0], catalog([form]), ctx).map((f) => f.message));
      expect(found.length).toBe(n);
    }
  });

  test("values are read by label, even with rows moved and a label missing", () => {
    const values: CellValue[][] = [["表2-1 占地与建筑面积", ""], ["项目", "填报内容"], ["占地面积非学校产权", 10], ["总占地面积", "abc"]];
    const td = readTable(block(values), land);
    expect(td.rows).toEqual([["abc", "", 10]]);
    expect(S(td)).toEqual([["structure.missingHeader", "A5", "表2-1 占地与建筑面积：缺少项目【占地面积学校产权】，此项无法校验"]]);
    const fs = checkTables([td], catalog([land]), ctx);
    expect(fs.map((f) => [f.cell, f.message])).toEqual([
      ["A5", "表2-1 占地与建筑面积：缺少项目【占地面积学校产权】，此项无法校验"],
      ["B4", "表2-1 占地与建筑面积 第4行【总占地面积】“abc”不是数字，应填数字"],
    ]);
  });

  test("an empty required single form reports each required item", () => {
    const fs = checkTables([readTable(singleSheet("x", land, []), land)], catalog([land]), ctx);
    expect(fs.map((f) => f.message)).toEqual(["表2-1 占地与建筑面积 第5行【总占地面积】不能为空"]);
  });
});

describe("structure detection, property-based", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require("fast-check") as typeof import("fast-check");
  const wide = table("1-5-3", "外聘和兼职教师基本信息", ["工号", "姓名", "性别", "出生年月", "聘任时间", "任职状态", "聘期", "单位号", "单位名称", "学历"].map((h, i) => col(`K${i}`, h)));

  test("any permutation, deletion and shift of the columns is read back by header", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(wide.columns.map((_, i) => i), { minLength: 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 6 }),
        (order, right, down) => {
          const header = order.map((i) => wide.columns[i].header);
          const record = order.map((i) => `v${i}`);
          const values: CellValue[][] = [...Array(down).fill([]), [`表1-5-3 外聘和兼职教师基本信息`], [...Array(right).fill(""), ...header], [...Array(right).fill(""), ...record]];
          const td = readTable({ sheet: "s", address: "", row: 0, column: 0, values }, wide);
          wide.columns.forEach((_, i) => {
            const at = order.indexOf(i);
            expect(td.layout.columns[i]).toBe(at < 0 ? null : at + right);
            expect(td.rows[0][i]).toBe(at < 0 ? "" : `v${i}`);
          });
          const missing = td.structureFindings.filter((f) => f.rule === "structure.missingHeader").map((f) => f.column).sort();
          expect(missing).toEqual(wide.columns.filter((_, i) => !order.includes(i)).map((c) => c.header).sort());
          expect(td.structureFindings.some((f) => f.rule === "structure.shiftedRight")).toBe(right > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
