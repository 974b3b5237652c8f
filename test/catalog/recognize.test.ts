import { draftTableFromHeaders, getCatalog, parseTemplateTitle, recognizeOrDraft, recognizeTemplate, requireTable } from "../../src/core/catalog";
import type { CellValue } from "../../src/core/workbook/port";

const U = getCatalog("undergraduate");
const V = getCatalog("vocational");

/** An official-looking template: a title row, a blank row, then the header row (and maybe data). */
function template(title: string, headers: string[], data: CellValue[][] = []): CellValue[][] {
  return [[title], [""], headers, ...data];
}

describe("recognizeTemplate", () => {
  it("recognises 表1-5-1 below its title rows, with untidy headers", () => {
    const headers = requireTable(U, "1-5-1").columns.map((c) => c.header);
    const messy = headers.map((h, i) => (i === 0 ? "工 号*" : i === 1 ? "姓\n名" : i === 2 ? `　${h} ` : h));
    const r = recognizeTemplate(template("表1-5-1 教职工基本信息（时点）", messy, [["001", "张三", "男"]]), U);
    expect(r.match?.table.id).toBe("1-5-1");
    expect(r.match?.headerRow).toBe(2);
    expect(r.match?.score).toBe(1);
    expect(r.match?.missing).toEqual([]);
    expect(r.match?.columns[0]).toMatchObject({ key: "GH", column: 0, renamed: false });
    expect(r.message).toMatch(/^识别为表 1-5-1 教职工基本信息（匹配度 100%，表头在第 3 行）/);
  });

  it("tolerates a renamed header and reports it, and full-width brackets", () => {
    const headers = requireTable(U, "2-7").columns.map((c) => c.header);
    const i = headers.indexOf("单价（元）");
    const edited = headers.slice();
    edited[i] = "单价(元)";
    const j = headers.indexOf("购置时间");
    edited[j] = "购置日期";
    const r = recognizeTemplate(template("", edited), U);
    expect(r.match?.table.id).toBe("2-7");
    const renamed = r.match!.columns.filter((c) => c.renamed);
    expect(renamed).toEqual([expect.objectContaining({ found: "购置日期", header: "购置时间" })]);
    expect(r.match!.columns.find((c) => c.header === "单价（元）")?.renamed).toBe(false);
    expect(r.message).toMatch(/“购置日期”按“购置时间”处理/);
  });

  it("tells apart tables with overlapping headers (1-5-1 vs 1-5-4) and reports missing and extra columns", () => {
    const headers = requireTable(U, "1-5-4").columns.map((c) => c.header);
    const r = recognizeTemplate(template("", [...headers.slice(0, -1), "备注"]), U);
    expect(r.match?.table.id).toBe("1-5-4");
    expect(r.match?.missing).toEqual([headers[headers.length - 1]]);
    expect(r.match?.extra).toEqual(["备注"]);
    expect(r.candidates[0].tableId).toBe("1-5-4");
  });

  it("reads two-row (group / leaf) headers of the 高职 tables", () => {
    const t = requireTable(V, "7.3.2");
    const groups: CellValue[] = [];
    const leaves: CellValue[] = [];
    let last = "";
    for (const c of t.columns) {
      const [g, leaf] = c.header.includes(" / ") ? c.header.split(" / ") : ["", c.header];
      groups.push(g && g !== last ? g : g ? "" : c.header);
      leaves.push(g ? leaf : "");
      last = g;
    }
    const rows: CellValue[][] = [["表7.3.2 应届毕业生获证及社会培训情况"], groups, leaves];
    const r = recognizeTemplate(rows, V);
    expect(r.match?.table.id).toBe("7.3.2");
    expect(r.match!.score).toBeGreaterThanOrEqual(0.5);
  });

  it("matches nothing for an unrelated sheet, with a Chinese message and no exception", () => {
    const r = recognizeTemplate(template("2024年食堂菜谱", ["日期", "早餐", "午餐", "晚餐", "价格"]), U);
    expect(r.match).toBeNull();
    expect(r.message).toMatch(/表头与高等教育质量监测国家数据平台（本科）目录中的任何一张表都不匹配/);
    expect(r.headerRow).toBe(2);
    const empty = recognizeTemplate([[""], [1, 2]], U);
    expect(empty.match).toBeNull();
    expect(empty.message).toMatch(/找不到表头行/);
  });
});

describe("draftTableFromHeaders", () => {
  it("drafts the 表3-3-3 definition the catalog lacks, typed from the headers", () => {
    const rows = template("表3-3-3 思政课教师情况（时点）", ["工号", "姓名", "出生年月", "联系电话", "授课学时（学时）", "年度经费（万元）", "身份证号", "备注", "备注"]);
    const r = recognizeOrDraft(rows, U, "表3-3-3.xlsx");
    expect(r.match).toBeNull();
    const d = r.draft!;
    expect(d).toMatchObject({ id: "3-3-3", name: "思政课教师情况", period: "point", category: "3 教职工信息", incomplete: true });
    expect(d.columns.map((c) => [c.header, c.type, c.unit ?? ""])).toEqual([
      ["工号", "text", ""],
      ["姓名", "text", ""],
      ["出生年月", "yearMonth", ""],
      ["联系电话", "phone", ""],
      ["授课学时（学时）", "integer", "学时"],
      ["年度经费（万元）", "decimal", "万元"],
      ["身份证号", "idCard", ""],
      ["备注", "text", ""],
      ["备注（2）", "text", ""],
    ]);
    expect(new Set(d.columns.map((c) => c.key)).size).toBe(d.columns.length);
    expect(d.provenance).toMatchObject({ source: "表3-3-3.xlsx", idStatus: "sourced", fieldsStatus: "sourced" });
  });

  it("drafts an unnamed table when there is no title", () => {
    const d = draftTableFromHeaders(["名称", "建立日期"]);
    expect(d).toMatchObject({ id: "新表", incomplete: true, provenance: { idStatus: "inferred" } });
    expect(d.columns[1].type).toBe("date");
  });

  it("parses template titles", () => {
    expect(parseTemplateTitle("表 SF-1：学生发展成长指导教师情况（学年）")).toEqual({ id: "SF-1", name: "学生发展成长指导教师情况", period: "academicYear" });
    expect(parseTemplateTitle("表6.1 教师基本情况")).toEqual({ id: "6.1", name: "教师基本情况", period: undefined });
    expect(parseTemplateTitle("食堂菜谱")).toEqual({});
  });
});
