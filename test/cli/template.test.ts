/**
 * `tianbao template`: the .xlsx it writes, read back with ExcelJS (very hidden lookup and meta
 * sheets, drop-downs pointing at the lookup sheet, text number formats, frozen panes, notes), the
 * PDF LibreOffice makes of it, loading into an existing file, and exit codes for bad input.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { getCatalog } from "../../src/core/catalog";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-template-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, env);
  return { code, out, err };
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const STAFF = "1-5-1 教职工基本信息";
const all = path.join(tmp, "本科全部.xlsx");
let allResult: { code: number; out: string; err: string };
let allBook: ExcelJS.Workbook;

beforeAll(async () => {
  allResult = await run(["template", "-o", all, "--year", "2024"]);
  allBook = await readBack(all);
}, 180_000);
jest.setTimeout(60_000);

describe("tianbao template: the whole 本科 catalog", () => {
  test("exits 0 and says what it wrote", () => {
    expect(allResult.err).toBe("");
    expect(allResult.code).toBe(0);
    const n = getCatalog("undergraduate").tables.length;
    expect(allResult.out).toContain(`已写入 ${all}（统计年度 2024，目录 undergraduate-2024）`);
    expect(allResult.out).toContain(`新增 ${n} 张表，已存在 0 张（未改动），0 张表的表头与目录不一致`);
  });

  test("ExcelJS reads back one sheet per table and very hidden lookup/meta sheets, no blank Sheet1", async () => {
    const wb = allBook;
    const names = wb.worksheets.map((w) => w.name);
    expect(names).not.toContain("Sheet1");
    expect(wb.getWorksheet("_tb_lists")!.state).toBe("veryHidden");
    expect(wb.getWorksheet("_tb_meta")!.state).toBe("veryHidden");
    const visible = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(visible).toHaveLength(getCatalog("undergraduate").tables.length);
    expect(visible).toContain(STAFF);
    const defined = (wb.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model;
    expect(defined.find((d) => d.name === "TB_1_5_1")!.ranges).toEqual([`'${STAFF}'!$A$1`]);
  });

  test("code columns drop down from ranges on the very hidden lookup sheet and are text-formatted", async () => {
    const wb = allBook;
    const ws = wb.getWorksheet(STAFF)!;
    const lists = wb.getWorksheet("_tb_lists")!;
    const catalog = getCatalog("undergraduate");
    const table = catalog.tables.find((t) => t.id === "1-5-1")!;
    const i = table.columns.findIndex((c) => c.type === "code");
    const col = table.columns[i];
    const cell = ws.getCell(5, i + 1);
    expect(cell.numFmt).toBe("@");
    expect(ws.getCell(10004, i + 1).numFmt).toBe("@");
    expect(ws.getCell(30000, i + 1).numFmt).toBe("@"); // typed far below the validated rows: still text (whole-column format)
    const dv = cell.dataValidation;
    expect(dv.type).toBe("list");
    expect(dv.errorStyle).toBe("warning");
    const m = /^_tb_lists!\$([A-Z]+)\$2:\$([A-Z]+)\$(\d+)$/.exec(String(dv.formulae![0]));
    expect(m).not.toBeNull();
    // the range holds exactly the names of the column's code list (cells hold names), codes beside them
    const colNo = lists.getColumn(m![1]).number;
    const names = [];
    for (let r = 2; r <= Number(m![3]); r++) names.push(String(lists.getCell(r, colNo).value));
    expect(names).toEqual(catalog.codeLists[col.codeList!].values.map((v) => v.label));
    expect(lists.getCell(1, colNo - 1).value).toBe(col.codeList);
    // every drop-down on the sheet is a range on the lookup sheet (a literal list would start with ")
    table.columns.forEach((c, j) => {
      const v = ws.getCell(5, j + 1).dataValidation;
      if (c.type === "code" && catalog.codeLists[c.codeList!]?.values.length) expect(String(v?.formulae?.[0])).toMatch(/^_tb_lists!\$/);
    });
    // not validated beyond the data rows (教职工: 10,000, LARGE_TABLE_ROWS)
    expect(ws.getCell(10005, i + 1).dataValidation).toBeUndefined();
  });

  test("frozen panes below the header, header notes with the 指标解释, bold header, title rows", async () => {
    const wb = allBook;
    const ws = wb.getWorksheet(STAFF)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(ws.getCell("A1").value).toBe("表1-5-1 教职工基本信息（时点）");
    expect(ws.getCell("A2").value).toBe("统计年度：2024　统计时间：2024年9月30日（时点）");
    expect(ws.getCell("A3").value).toBe("责任单位：");
    expect(ws.getCell("A4").font.bold).toBe(true);
    const table = getCatalog("undergraduate").tables.find((t) => t.id === "1-5-1")!;
    const described = table.columns.findIndex((c) => c.description);
    const note = ws.getCell(4, described + 1).note;
    const text = typeof note === "string" ? note : (note as { texts: Array<{ text: string }> }).texts.map((t) => t.text).join("");
    expect(text).toContain(table.columns[described].description!.slice(0, 20));
    // a single-record table is a label/value form
    const single = getCatalog("undergraduate").tables.find((t) => t.shape === "single")!;
    const sws = wb.worksheets.find((w) => w.getCell("A1").value === `表${single.id} ${single.name}（${{ point: "时点", academicYear: "学年", calendarYear: "自然年" }[single.period]}）`)!;
    expect([1, 2, 3, 4].map((c) => sws.getCell(4, c).value)).toEqual(["项目", "填报内容", "单位", "指标解释"]);
    expect(sws.getCell(5, 1).value).toBe(single.columns[0].header);
  });

  test("LibreOffice converts it to PDF without error", () => {
    const soffice = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" }).stdout.trim();
    if (!soffice) {
      console.warn("跳过：没有安装 LibreOffice（soffice），无法测试 PDF 转换 / skipped: soffice is not installed");
      return;
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tb-lo-"));
    const outDir = path.join(tmp, "pdf");
    fs.mkdirSync(outDir, { recursive: true });
    const r = spawnSync(soffice, ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", outDir, all], {
      encoding: "utf8",
      timeout: 240_000,
    });
    fs.rmSync(profile, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const pdf = path.join(outDir, path.basename(all, ".xlsx") + ".pdf");
    expect(fs.existsSync(pdf)).toBe(true);
    const head = fs.readFileSync(pdf).subarray(0, 5).toString("latin1");
    expect(head).toBe("%PDF-");
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  }, 300_000);
});

describe("tianbao template: options and existing files", () => {
  test("--tables and --department write only those tables with 责任单位 filled", async () => {
    const file = path.join(tmp, "some.xlsx");
    const r = await run(["template", "-o", file, "--year", "2023", "--tables", "1-5-1, 表1-6", "--department", "人事处"]);
    expect(r.code).toBe(0);
    const wb = await readBack(file);
    expect(wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual([STAFF, "1-6 本科生基本情况"]);
    expect(wb.getWorksheet(STAFF)!.getCell("B3").value).toBe("人事处");
    expect(wb.getWorksheet(STAFF)!.getCell("A2").value).toBe("统计年度：2023　统计时间：2023年9月30日（时点）");
  });

  test("--department alone loads that department's tables (高职)", async () => {
    const file = path.join(tmp, "gz.xlsx");
    const r = await run(["template", "-o", file, "--catalog", "vocational", "--year", "2020", "--department", "财务处"]);
    expect(r.code).toBe(0);
    const wb = await readBack(file);
    const visible = wb.worksheets.filter((w) => w.state === "visible");
    const expected = getCatalog("vocational").tables.filter((t) => t.department?.includes("财务处"));
    expect(visible).toHaveLength(expected.length);
    for (const w of visible) expect(w.getCell("B3").value).toBe("财务处");
    // incomplete tables say so on the sheet
    const inc = expected.find((t) => t.incomplete);
    if (inc) {
      const ws = visible.find((w) => String(w.getCell("A1").value).startsWith(`表${inc.id} `))!;
      const row1 = (ws.getRow(1).values as unknown[]).map(String).join("");
      expect(row1).toContain("字段不完整");
    }
  });

  test("an existing file keeps its data: only missing tables are added", async () => {
    const file = path.join(tmp, "existing.xlsx");
    expect((await run(["template", "-o", file, "--year", "2024", "--tables", "1-5-1"])).code).toBe(0);
    const wb = await XlsxWorkbook.open(file);
    await wb.apply([{ kind: "setValues", sheet: STAFF, address: "A5:B5", values: [["00123", "张三"]] }]);
    await wb.save(file);
    const r = await run(["template", "-o", file, "--year", "2024", "--tables", "1-5-1,1-6"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("新增 1 张表，已存在 1 张（未改动）");
    const back = await XlsxWorkbook.open(file);
    const [v] = await back.read([{ sheet: STAFF, address: "A5:B5" }]);
    expect(v.values).toEqual([["00123", "张三"]]);
    expect((await back.getSheets()).map((s) => s.name)).toContain("1-6 本科生基本情况");
  });

  test("a changed header in an existing file is reported (exit 1) and left alone", async () => {
    const file = path.join(tmp, "renamed.xlsx");
    expect((await run(["template", "-o", file, "--year", "2024", "--tables", "1-5-1"])).code).toBe(0);
    const wb = await XlsxWorkbook.open(file);
    await wb.apply([{ kind: "setValues", sheet: STAFF, address: "B4", values: [["名字"]] }]);
    await wb.save(file);
    const r = await run(["template", "-o", file, "--year", "2024", "--tables", "1-5-1"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/B4 的表头应为“[^”]+”，实为“名字”（表头被改名）/);
    const [v] = await (await XlsxWorkbook.open(file)).read([{ sheet: STAFF, address: "B4" }]);
    expect(v.values).toEqual([["名字"]]);
  });
});

describe("tianbao template: bad input exits 2 and writes nothing", () => {
  test("unknown table", async () => {
    const file = path.join(tmp, "bad-table.xlsx");
    const r = await run(["template", "-o", file, "--tables", "1-5-1,9-9-9", "--year", "2024"]);
    expect(r).toEqual({ code: 2, out: "", err: "错误：未知的表：9-9-9（可用 tianbao catalog 查看）\n" });
    expect(fs.existsSync(file)).toBe(false);
  });

  test.each(["1999", "2101", "24", "abc", "2024.5"])("year %s", async (year) => {
    const file = path.join(tmp, `bad-year-${year}.xlsx`);
    const r = await run(["template", "-o", file, "--year", year]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：统计年度/);
    expect(fs.existsSync(file)).toBe(false);
  });

  test("an existing file is left byte-identical on error", async () => {
    const file = path.join(tmp, "keep.xlsx");
    expect((await run(["template", "-o", file, "--year", "2024", "--tables", "1-1"])).code).toBe(0);
    const before = fs.readFileSync(file);
    const r = await run(["template", "-o", file, "--year", "2025", "--tables", "1-6"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("本工作簿的统计年度是 2024");
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("missing -o, a non-.xlsx output, unknown catalog, unknown department", async () => {
    const noOut = await run(["template", "--year", "2024"]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain("-o, --output");
    const txt = await run(["template", "-o", path.join(tmp, "x.txt")]);
    expect(txt).toMatchObject({ code: 2 });
    expect(txt.err).toContain("必须以 .xlsx 结尾");
    const cat = await run(["template", "-o", path.join(tmp, "c.xlsx"), "--catalog", "nope"]);
    expect(cat.code).toBe(2);
    expect(cat.err).toContain("未知的目录“nope”");
    const dept = await run(["template", "-o", path.join(tmp, "d.xlsx"), "--catalog", "vocational", "--department", "不存在的处"]);
    expect(dept.code).toBe(2);
    expect(dept.err).toContain("不存在的处");
    expect(dept.err).toContain("财务处"); // the departments the catalog knows
    expect(dept.err).toContain("也可以用 --tables 指定要载入的表");
    const ug = await run(["template", "-o", path.join(tmp, "u.xlsx"), "--department", "教务处"]);
    expect(ug.code).toBe(2);
    expect(ug.err).toContain("也可以用 --tables 指定要载入的表");
    expect(fs.existsSync(path.join(tmp, "d.xlsx"))).toBe(false);
  });
});
