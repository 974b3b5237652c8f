/**
 * setPageLayout through the xlsx adapter: saved, then reopened with ExcelJS itself (what Excel and
 * LibreOffice will read from the file), and saved again without duplicating the print titles.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { WorkbookError } from "../../src/core/workbook/port";
import { zipEntry } from "./zip";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-pagelayout-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function reopen(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function workbookXml(file: string): Promise<string> {
  return zipEntry(await fs.promises.readFile(file), "xl/workbook.xml");
}

describe("setPageLayout through the xlsx adapter", () => {
  test("A4 (paperSize 9), portrait, fit to one page wide, title rows, margins, centred, footer — read back from the file", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "addSheet", sheet: "审核表-人事处" },
      { kind: "setValues", sheet: "审核表-人事处", address: "A1", values: [["监测数据填报审核表"], ["提交单位名称：人事处"], ["序号"]] },
      { kind: "addName", name: "tb_keep", sheet: "Sheet1", address: "A1:B2" },
      {
        kind: "setPageLayout",
        sheet: "审核表-人事处",
        orientation: "portrait",
        paperSize: "A4",
        fitToWidth: true,
        printTitleRows: "$1:$3",
        margins: { top: 0.75, bottom: 0.5, left: 0.6, right: 0.25 },
        centerHorizontally: true,
        footerText: "第 &P 页，共 &N 页",
      },
    ]);
    const file = path.join(dir, "portrait.xlsx");
    await wb.save(file);

    const back = await reopen(file);
    const ws = back.getWorksheet("审核表-人事处")!;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:3",
      horizontalCentered: true,
    });
    expect(ws.pageSetup.margins).toMatchObject({ top: 0.75, bottom: 0.5, left: 0.6, right: 0.25 });
    expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页，共 &N 页");
    // the untouched sheet keeps ExcelJS's defaults (no paper size, not fitted)
    expect(back.getWorksheet("Sheet1")!.pageSetup.paperSize).toBeUndefined();
    expect(back.getWorksheet("Sheet1")!.pageSetup.fitToPage).toBe(false);

    // reopen through the adapter, change one thing, save again: one Print_Titles, the user's name kept
    const again = await XlsxWorkbook.open(file);
    expect(await again.getNames()).toEqual([{ name: "tb_keep", sheet: "Sheet1", address: "A1:B2" }]);
    await again.apply([{ kind: "setPageLayout", sheet: "审核表-人事处", orientation: "landscape" }]);
    const file2 = path.join(dir, "landscape.xlsx");
    await again.save(file2);
    const xml = await workbookXml(file2);
    expect(xml.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(xml).toContain("tb_keep");
    const ws2 = (await reopen(file2)).getWorksheet("审核表-人事处")!;
    expect(ws2.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:3" });
    expect(ws2.headerFooter.oddFooter).toBe("&C第 &P 页，共 &N 页");
  });

  test("fitToWidth false goes back to 100 %; a protected sheet still takes print settings", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "setPageLayout", sheet: "Sheet1", paperSize: "A4", fitToWidth: true },
      { kind: "setPageLayout", sheet: "Sheet1", fitToWidth: false },
      { kind: "protectSheet", sheet: "Sheet1" },
      { kind: "setPageLayout", sheet: "Sheet1", orientation: "landscape" },
    ]);
    const file = path.join(dir, "unfit.xlsx");
    await wb.save(file);
    const ws = (await reopen(file)).getWorksheet("Sheet1")!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: false, scale: 100 });
  });

  test("bad input is refused with a Chinese message naming the sheet; a missing sheet is named", async () => {
    const wb = XlsxWorkbook.create();
    await expect(wb.apply([{ kind: "setPageLayout", sheet: "Sheet1", printTitleRows: "第1行" }])).rejects.toThrow(/Sheet1.*打印标题行“第1行”无效/);
    await expect(wb.apply([{ kind: "setPageLayout", sheet: "Sheet1", margins: { top: 6, bottom: 6, left: 0.5, right: 0.5 } }])).rejects.toThrow(/上下页边距之和/);
    await expect(wb.apply([{ kind: "setPageLayout", sheet: "Sheet1", orientation: "sideways" as "portrait" }])).rejects.toBeInstanceOf(WorkbookError);
    await expect(wb.apply([{ kind: "setPageLayout", sheet: "质量监控表", paperSize: "A4" }])).rejects.toMatchObject({ code: "sheetNotFound", message: expect.stringContaining("质量监控表") });
    const ws = wb.workbook.getWorksheet("Sheet1")!;
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    expect(ws.pageSetup.margins).toMatchObject({ top: 0.75, left: 0.7 });
  });
});
