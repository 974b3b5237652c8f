/**
 * The addTable op through both adapters: the Excel adapter over the behavioural fake, and the xlsx
 * adapter saved, reopened with ExcelJS and converted by LibreOffice.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import { createFakeWorkbookPort } from "../../src/fake";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import type { CellValue, WorkbookOp } from "../../src/core/workbook/port";

const HEAD = ["表号", "表名", "责任单位"];
const DATA: CellValue[][] = [
  ["1-1", "学校概况", "校办"],
  ["1-2", "校区及地址", "后勤处"],
  ["1-3", "00123", 45566],
];
const fill = (sheet: string): WorkbookOp[] => [
  { kind: "setFormat", sheet, address: "A1:C4", format: { numberFormat: "@" } },
  { kind: "setValues", sheet, address: "A1", values: [HEAD, ...DATA] },
];
const table = (address: string, name = "TB_Assignments"): WorkbookOp => ({ kind: "addTable", sheet: "责任分解", address, name, style: "TableStyleMedium2", showFilterButton: true });

describe("addTable through the Excel adapter over the fake", () => {
  test("makes a table with the range, name and style asked for; values unchanged", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["责任分解"] });
    await port.apply([...fill("责任分解"), table("A1:C4")]);
    const s = fake.snapshot().sheets[0];
    expect(s.tables).toEqual([{ name: "TB_Assignments", address: "A1:C4", style: "TableStyleMedium2", showFilterButton: true }]);
    const [r] = await port.read([{ sheet: "责任分解", address: "A1:C4" }]);
    expect(r.values).toEqual([HEAD, ["1-1", "学校概况", "校办"], ["1-2", "校区及地址", "后勤处"], ["1-3", "00123", 45566]]);
  });

  test("applying it again is idempotent, and a larger range grows the same table", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["责任分解"] });
    await port.apply([...fill("责任分解"), table("A1:C4")]);
    await port.apply([table("A1:C4")]);
    expect(fake.snapshot().sheets[0].tables ?? []).toHaveLength(1);
    await port.apply([{ kind: "setValues", sheet: "责任分解", address: "A5", values: [["1-4", "新表", "教务处"]] }, table("A1:C5")]);
    expect(fake.snapshot().sheets[0].tables).toEqual([expect.objectContaining({ name: "TB_Assignments", address: "A1:C5" })]);
  });

  test("a range overlapping another table is refused with a Chinese message naming the sheet; nothing is added", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["责任分解"] });
    await port.apply([...fill("责任分解"), table("A1:C4")]);
    await expect(port.apply([table("B2:C6", "TB_Other")])).rejects.toThrow(/工作表“责任分解”的 B2:C6 与已有表格“TB_Assignments”（A1:C4）重叠/);
    expect((fake.snapshot().sheets[0].tables ?? []).map((t) => t.name)).toEqual(["TB_Assignments"]);
  });

  test("a refused table refuses its whole batch, even one sent in several requests: nothing before it is written", async () => {
    // a tiny request budget makes the adapter sync after every op
    const { fake, port: setup } = createFakeWorkbookPort({ sheets: ["责任分解"] });
    await setup.apply([...fill("责任分解"), table("A1:C4")]);
    const { port } = createFakeWorkbookPort({ fake, requestBudget: 900 });
    fake.stats.reset();
    const edits = Array.from({ length: 5 }, (_, i) => ({ kind: "setValues" as const, sheet: "责任分解", address: `A${i + 2}`, values: [["改了"]] }));
    await expect(port.apply([...edits.slice(0, 1), ...edits, table("C3:E9", "TB_Other")])).rejects.toThrow(/“TB_Assignments”/);
    const [r] = await port.read([{ sheet: "责任分解", address: "A2:A4" }]);
    expect(r.values).toEqual([["1-1"], ["1-2"], ["1-3"]]);
  });

  test("the fake itself refuses overlapping tables and an empty header row, as Excel does", async () => {
    const { fake } = createFakeWorkbookPort({ sheets: ["S"] });
    const { Excel } = (await import("../../src/fake")).createFakeOfficeGlobals(fake) as unknown as { Excel: { run<T>(f: (ctx: any) => Promise<T>): Promise<T> } };
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1:B2").values = [["a", "b"], [1, 2]];
      ws.tables.add("A1:B2", true).name = "Tbl_One";
      await ctx.sync();
      ws.tables.add("B2:C3", true);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ws.tables.add("E1:F3", true);
      await expect(ctx.sync()).rejects.toThrow(/header row is empty/);
      const t = ws.tables.getItemOrNullObject("tbl_one");
      t.load("name,style");
      const r = t.getRange();
      r.load("address");
      await ctx.sync();
      expect([t.isNullObject, t.name, t.style, r.address]).toEqual([false, "Tbl_One", "TableStyleMedium2", "S!A1:B2"]);
    });
  });
});

describe("addTable through the xlsx adapter", () => {
  async function build(): Promise<Buffer> {
    const wb = XlsxWorkbook.create();
    await wb.apply([{ kind: "addSheet", sheet: "责任分解" }, { kind: "deleteSheet", sheet: "Sheet1" }, ...fill("责任分解"), { kind: "setFormat", sheet: "责任分解", address: "C4", format: { numberFormat: "yyyy-mm-dd" } }]);
    await wb.apply([{ kind: "setValues", sheet: "责任分解", address: "C4", values: [[45566]] }, table("A1:C4")]);
    return wb.toBuffer();
  }

  test("saved and reopened with ExcelJS: the table is there, headers and values unchanged", async () => {
    const buf = await build();
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = x.getWorksheet("责任分解")!;
    const tables = ws.getTables() as unknown as Array<{ table?: { name: string; tableRef: string; style: { theme: string } } }>;
    const t = tables.map((x) => (x.table ?? (x as never)) as { name: string; tableRef: string });
    expect(t.map((x) => [x.name, x.tableRef])).toEqual([["TB_Assignments", "A1:C4"]]);
    const back = await XlsxWorkbook.open(buf);
    const [r] = await back.read([{ sheet: "责任分解", address: "A1:C4" }]);
    expect(r.values).toEqual([HEAD, ["1-1", "学校概况", "校办"], ["1-2", "校区及地址", "后勤处"], ["1-3", "00123", 45566]]);
    expect(ws.getCell("C4").numFmt).toBe("yyyy-mm-dd");
  });

  test("reopened and re-applied: idempotent; a larger range grows the table; the file still reopens", async () => {
    const wb = await XlsxWorkbook.open(await build());
    await wb.apply([table("A1:C4")]);
    await wb.apply([{ kind: "setValues", sheet: "责任分解", address: "A5", values: [["1-4", "新表", "教务处"]] }, table("A1:C5")]);
    const buf = await wb.toBuffer();
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(buf as unknown as ArrayBuffer);
    const t = (x.getWorksheet("责任分解")!.getTables() as unknown as Array<{ table: { name: string; tableRef: string } }>).map((e) => [e.table.name, e.table.tableRef]);
    expect(t).toEqual([["TB_Assignments", "A1:C5"]]);
    const [r] = await (await XlsxWorkbook.open(buf)).read([{ sheet: "责任分解", address: "A5:C5" }]);
    expect(r.values).toEqual([["1-4", "新表", "教务处"]]);
  });

  test("overlap, a blank header and a duplicate header are refused, naming the sheet", async () => {
    const wb = await XlsxWorkbook.open(await build());
    await expect(wb.apply([table("B3:C8", "TB_X")])).rejects.toThrow(/工作表“责任分解”的 B3:C8 与已有表格“TB_Assignments”/);
    await wb.apply([{ kind: "setValues", sheet: "责任分解", address: "E1", values: [["备注", "", "备注"], [1, 2, 3]] }]);
    await expect(wb.apply([table("E1:F2", "TB_Y")])).rejects.toThrow(/工作表“责任分解”第 1 行 F 列的表头为空/);
    await expect(wb.apply([table("G1:H2", "TB_Y")])).rejects.toThrow(/表头为空|重复/);
  });

  const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 60_000 }).status === 0;
  (hasSoffice ? test : test.skip)(
    "LibreOffice headless converts the saved file (the table XML is valid)",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-tables-"));
      const file = path.join(dir, "t.xlsx");
      fs.writeFileSync(file, await build());
      const res = spawnSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, file], { encoding: "utf8", timeout: 120_000 });
      expect(res.status).toBe(0);
      const csv = fs.readFileSync(path.join(dir, "t.csv"), "utf8");
      expect(csv.split(/\r?\n/)[0]).toBe("表号,表名,责任单位");
      expect(csv).toContain("1-2,校区及地址,后勤处");
      // and LibreOffice's own .xlsx of it still has the table with its range
      const out = path.join(dir, "lo");
      const res2 = spawnSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, file], { encoding: "utf8", timeout: 120_000 });
      expect(res2.status).toBe(0);
      const x = new ExcelJS.Workbook();
      await x.xlsx.readFile(path.join(out, "t.xlsx"));
      const refs = (x.getWorksheet("责任分解")!.getTables() as unknown as Array<{ table: { tableRef: string } }>).map((e) => e.table.tableRef);
      expect(refs).toEqual(["A1:C4"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    180_000,
  );
});
