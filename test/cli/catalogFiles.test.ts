/** `tianbao catalog --export / --import` and the shared `--catalog-file` option (issue 3 point 6b). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { getCatalog } from "../../src/core/catalog";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-catfiles-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, {});
  return { code, out, err };
}

/** Column number (1-based) of `header` in row 1 of `ws`. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  let at = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (String(c.value).trim() === header) at = n;
  });
  if (!at) throw new Error(`no column ${header} on ${ws.name}`);
  return at;
}

/** Rows (1-based) of the 字段 sheet for table `id`. */
function fieldRows(ws: ExcelJS.Worksheet, id: string): number[] {
  const c = col(ws, "表编号");
  const out: number[] = [];
  ws.eachRow((row, n) => {
    if (n > 1 && String(row.getCell(c).value) === id) out.push(n);
  });
  return out;
}

const exported = path.join(tmp, "目录.xlsx");

beforeAll(async () => {
  const r = await run(["catalog", "--export", exported]);
  expect(r).toMatchObject({ code: 0, err: "" });
});

describe("tianbao catalog --export", () => {
  test("writes the five editable sheets with every table and field", async () => {
    const catalog = getCatalog("undergraduate");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["目录", "表", "字段", "代码表", "规则"]);
    const fields = wb.getWorksheet("字段")!;
    expect(fieldRows(fields, "1-5-1").length).toBe(catalog.tables.find((t) => t.id === "1-5-1")!.columns.length);
    expect(wb.getWorksheet("表")!.actualRowCount).toBe(catalog.tables.length + 1);
  });

  test("never overwrites an existing file unless --force", async () => {
    const file = path.join(tmp, "已有.xlsx");
    fs.writeFileSync(file, "别人的文件");
    const r = await run(["catalog", "--export", file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("已存在");
    expect(r.err).toContain("--force");
    expect(fs.readFileSync(file, "utf8")).toBe("别人的文件");
    const f = await run(["catalog", "--export", file, "--force", "--catalog", "vocational"]);
    expect(f.code).toBe(0);
    const back = await run(["catalog", "--import", file, "--json"]);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out).catalog).toBe(getCatalog("vocational").id);
  });
});

describe("tianbao catalog --import and --catalog-file", () => {
  test("an unedited export imports back to the same JSON as catalog --json", async () => {
    const builtIn = await run(["catalog", "--json"]);
    const back = await run(["catalog", "--import", exported, "--json"]);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out)).toEqual(JSON.parse(builtIn.out));
    const human = await run(["catalog", "--import", exported]);
    expect(human.code).toBe(0);
    expect(human.out).toContain("可以使用");
    expect(human.out).toContain(`共 ${getCatalog("undergraduate").tables.length} 张表`);
  });

  test("an edited header reaches the template written with --catalog-file", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const fields = wb.getWorksheet("字段")!;
    const row = fieldRows(fields, "1-5-1")[1];
    const cell = fields.getRow(row).getCell(col(fields, "表头"));
    const old = String(cell.value);
    cell.value = "姓名（2025版新表头）";
    const edited = path.join(tmp, "目录-改.xlsx");
    await wb.xlsx.writeFile(edited);

    const imp = await run(["catalog", "--import", edited, "--json"]);
    expect(imp.code).toBe(0);
    const t151 = JSON.parse(imp.out).tables.find((t: { id: string }) => t.id === "1-5-1");
    expect(t151.columns[1].header).toBe("姓名（2025版新表头）");

    const out = path.join(tmp, "模板-新目录.xlsx");
    const r = await run(["template", "-o", out, "--tables", "1-5-1", "--year", "2025", "--catalog-file", edited]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.readFile(out);
    const texts: string[] = [];
    for (const ws of tpl.worksheets) if (ws.state === "visible") ws.eachRow((rw) => rw.eachCell((c) => void texts.push(String(c.value))));
    expect(texts).toContain("姓名（2025版新表头）");
    expect(texts).not.toContain(old);

    // the built-in catalog is untouched: without --catalog-file the old header is written
    const plain = path.join(tmp, "模板-内置.xlsx");
    expect((await run(["template", "-o", plain, "--tables", "1-5-1", "--year", "2025"])).code).toBe(0);
    const p = new ExcelJS.Workbook();
    await p.xlsx.readFile(plain);
    const ptexts: string[] = [];
    for (const ws of p.worksheets) ws.eachRow((rw) => rw.eachCell((c) => void ptexts.push(String(c.value))));
    expect(ptexts).toContain(old);

    // check accepts the same option (the workbook was loaded from that catalog, so its header is no problem)
    const chk = await run(["check", out, "--catalog-file", edited, "--json"]);
    expect(chk.err).toBe("");
    expect(chk.code).toBe(0);

    // status and verify take it too
    const st = await run(["status", out, "--catalog-file", edited, "--json", "--today", "2025-10-01"]);
    expect(st.err).toBe("");
    expect(st.code).toBe(0);
    expect(JSON.parse(st.out).tables.find((x: { id: string }) => x.id === "1-5-1").sheet).toBeTruthy();
    const ver = await run(["verify", out, "--catalog-file", edited]);
    expect(ver.err).toBe("");
    expect(ver.code).toBe(0);
    expect(ver.out).toContain("表1-5-1");
  });

  test("a duplicate column key and an unknown type are refused, both listed with their cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const fields = wb.getWorksheet("字段")!;
    const rows = fieldRows(fields, "1-5-1");
    const keyCol = col(fields, "字段键");
    const typeCol = col(fields, "类型");
    const firstKey = String(fields.getRow(rows[0]).getCell(keyCol).value);
    fields.getRow(rows[2]).getCell(keyCol).value = firstKey;
    fields.getRow(rows[3]).getCell(typeCol).value = "神秘类型";
    const bad = path.join(tmp, "目录-坏.xlsx");
    await wb.xlsx.writeFile(bad);
    const keyAddr = `${fields.getColumn(keyCol).letter}${rows[2]}`;
    const typeAddr = `${fields.getColumn(typeCol).letter}${rows[3]}`;

    for (const argv of [["catalog", "--import", bad], ["catalog", "--import", bad, "--json"]]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain(`工作表“字段”第 ${rows[2]} 行“字段键”列（${keyAddr}）`);
      expect(r.err).toContain(`字段键“${firstKey}”重复`);
      expect(r.err).toContain(`工作表“字段”第 ${rows[3]} 行“类型”列（${typeAddr}）`);
      expect(r.err).toContain("神秘类型");
    }
    // the same refusal for a command using it, and nothing is written
    const out = path.join(tmp, "不应生成.xlsx");
    const t = await run(["template", "-o", out, "--catalog-file", bad]);
    expect(t.code).toBe(2);
    expect(t.err).toContain(typeAddr);
    expect(fs.existsSync(out)).toBe(false);
    for (const cmd of ["check", "status", "verify"]) {
      const c = await run([cmd, exported, "--catalog-file", bad]);
      expect(c.code).toBe(2);
      expect(c.err).toContain(keyAddr);
    }
  });

  test("a file that is not a catalog workbook names the missing sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "随便";
    const f = path.join(tmp, "不是目录.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await run(["catalog", "--import", f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("缺少工作表“字段”");
    const missing = await run(["catalog", "--import", path.join(tmp, "没有.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("文件不存在");
  });
});
