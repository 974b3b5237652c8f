import { CatalogError, catalogFromRanges, catalogFromWorkbook, catalogToWorkbookOps, getCatalog } from "../../src/core/catalog";
import type { Catalog } from "../../src/core/catalog";
import { createMemoryPort, MemoryPort } from "./memoryPort";

async function exported(c: Catalog): Promise<MemoryPort> {
  const port = createMemoryPort();
  await port.apply(catalogToWorkbookOps(c));
  return port;
}

/** Row index (0-based) of the first row whose column `col` equals `value`. */
function rowWhere(port: MemoryPort, sheet: string, col: number, value: string, from = 1): number {
  const rows = port.cells.get(sheet)!;
  for (let r = from; r < rows.length; r++) if (rows[r][col] === value) return r;
  throw new Error(`no row with ${value} in ${sheet}`);
}

async function importError(port: MemoryPort): Promise<CatalogError> {
  try {
    await catalogFromWorkbook(port);
  } catch (e) {
    return e as CatalogError;
  }
  throw new Error("import succeeded unexpectedly");
}

describe("catalog ↔ workbook", () => {
  it.each(["undergraduate", "vocational"])("round-trips the %s catalog deep-equal", async (id) => {
    const c = getCatalog(id);
    const port = await exported(c);
    expect([...port.cells.keys()]).toEqual(["目录", "表", "字段", "代码表", "规则"]);
    const back = await catalogFromWorkbook(port);
    expect(back).toStrictEqual(structuredClone(c));
  });

  it("round-trips rules (table and cross-table) with JSON params, messages and notes", async () => {
    const c = structuredClone(getCatalog("undergraduate"));
    c.tables.find((t) => t.id === "1-5-1")!.rules.push({
      id: "U.1-5-1.unique-gh",
      kind: "unique",
      severity: "error",
      message: "工号不能重复",
      params: { columns: ["GH"], nested: { a: [1, 2] } },
      provenance: { source: "es2-2019 rules.csv", note: "test" },
    });
    c.crossRules.push({ id: "U.x.exists", kind: "exists", severity: "warning", params: {}, provenance: { source: "test" } });
    const back = await catalogFromWorkbook(await exported(c));
    expect(back).toStrictEqual(c);
  });

  it("writes ids and codes as text so Excel keeps 1-1 and 01", () => {
    const ops = catalogToWorkbookOps(getCatalog("vocational"));
    const textFormats = ops.filter((o) => o.kind === "setFormat" && o.format.numberFormat === "@");
    expect(textFormats.length).toBeGreaterThanOrEqual(5);
    const firstValues = ops.findIndex((o) => o.kind === "setValues" && o.sheet === "代码表");
    const codeFormat = ops.findIndex((o) => o.kind === "setFormat" && o.sheet === "代码表" && o.format.numberFormat === "@");
    expect(codeFormat).toBeLessThan(firstValues);
  });

  it("accepts an edited workbook: reordered columns, stray spaces, full-width digits, identifier type names", async () => {
    const port = await exported(getCatalog("vocational"));
    const fields = port.cells.get("字段")!;
    // Swap the 表头 and 类型 columns (headers included).
    for (const row of fields) [row[2], row[3]] = [row[3], row[2]];
    const r = rowWhere(port, "字段", 1, "GH");
    fields[r][2] = " integer ";
    port.set("字段", r, 7, "１２");
    const back = await catalogFromWorkbook(port);
    const col = back.tables.find((t) => t.id === "6.1")!.columns.find((c) => c.key === "GH")!;
    expect(col).toMatchObject({ type: "integer", width: 12, header: "教工号" });
  });

  it("reports an unknown type, a duplicate key and a missing code list with sheet, row and column", async () => {
    const port = await exported(getCatalog("vocational"));
    const fields = port.cells.get("字段")!;
    const r1 = rowWhere(port, "字段", 1, "GH");
    fields[r1][3] = "数字";
    const r2 = rowWhere(port, "字段", 1, "XM", r1);
    fields[r2][1] = "GH";
    const r3 = rowWhere(port, "字段", 1, "XJZT");
    fields[r3][6] = "XJZT2";
    const e = await importError(port);
    expect(e).toBeInstanceOf(CatalogError);
    expect(e.code).toBe("invalidWorkbook");
    expect(e.problems).toEqual(
      expect.arrayContaining([
        `工作表“字段”第 ${r1 + 1} 行“类型”列（D${r1 + 1}）：未知的类型“数字”，应为 文本、整数、小数、日期、年月、年份、代码、多选代码、身份证号、网址、电子邮箱、电话 之一`,
        `工作表“字段”第 ${r2 + 1} 行“字段键”列（B${r2 + 1}）：表 6.1 中字段键“GH”重复`,
        `工作表“字段”第 ${r3 + 1} 行“代码表”列（G${r3 + 1}）：代码表“XJZT2”不在工作表“代码表”中`,
      ]),
    );
    expect(e.message).toMatch(/^目录工作簿有 3 处问题，未导入。第一处：工作表“字段”/);
  });

  it("rejects bad rule params, unknown tables, bad periods and missing sheets", async () => {
    const c = structuredClone(getCatalog("vocational"));
    c.crossRules.push({ id: "x", kind: "k", severity: "error", params: {}, provenance: { source: "s" } });
    const port = await exported(c);
    const rules = port.cells.get("规则")!;
    rules[1][5] = "{columns: [GH]";
    rules[1][0] = "99.9";
    const tables = port.cells.get("表")!;
    tables[1][3] = "季度";
    const e = await importError(port);
    expect(e.problems.join("\n")).toMatch(/工作表“规则”第 2 行“表编号”列（A2）：表“99.9”不在工作表“表”中/);
    expect(e.problems.join("\n")).toMatch(/工作表“表”第 2 行“统计时间”列（D2）：未知的统计时间“季度”/);
    rules[1][0] = "";
    const e2 = await importError(port);
    expect(e2.problems.join("\n")).toMatch(/工作表“规则”第 2 行“参数”列（F2）：参数不是有效的 JSON/);

    const partial = createMemoryPort();
    await partial.apply(catalogToWorkbookOps(getCatalog("vocational")).filter((o) => !("sheet" in o) || o.sheet !== "规则"));
    await expect(catalogFromWorkbook(partial)).rejects.toThrow(/缺少工作表“规则”/);
  });

  it("runs the integrity check on the imported catalog (a depends-on table that does not exist)", async () => {
    const port = await exported(getCatalog("vocational"));
    const r = rowWhere(port, "表", 0, "6.2");
    port.set("表", r, 7, "6.1、99.1");
    const e = await importError(port);
    expect(e.problems).toEqual(["表 6.2（教师授课情况）：依赖的表 99.1 不存在"]);
  });

  it("reads RangeData[] directly and reports a missing header column", async () => {
    const port = await exported(getCatalog("vocational"));
    const ranges = await port.read(["目录", "表", "字段", "代码表", "规则"].map((sheet) => ({ sheet })));
    expect(catalogFromRanges(ranges).tables).toHaveLength(72);
    ranges[2].values[0][3] = "字段类型";
    expect(() => catalogFromRanges(ranges)).toThrow(/工作表“字段”缺少“类型”列/);
  });
});
