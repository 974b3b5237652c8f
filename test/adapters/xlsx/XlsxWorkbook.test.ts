/**
 * The ExcelJS adapter: every operation is written, saved to bytes, re-opened with plain ExcelJS (not
 * through the adapter, so the file itself is checked) and read back; the file also converts to PDF
 * with LibreOffice headless, which is what a reviewer's machine or a print job would do with it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { XlsxWorkbook, PROPS_SHEET } from "../../../src/adapters/xlsx/XlsxWorkbook";
import { WorkbookError, type WorkbookOp } from "../../../src/core/workbook/port";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-xlsx-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function reopen(wb: XlsxWorkbook): Promise<ExcelJS.Workbook> {
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.load((await wb.toBuffer()) as unknown as ArrayBuffer);
  return raw;
}

async function rejection(p: Promise<unknown>): Promise<WorkbookError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookError);
    return e as WorkbookError;
  }
  throw new Error("expected a WorkbookError, but the call succeeded");
}

const T = "表1-1 学校概况";

/** One batch exercising every op kind; the test below checks each in the saved file. */
function everyOp(): WorkbookOp[] {
  return [
    { kind: "renameSheet", sheet: "Sheet1", newName: T },
    { kind: "addSheet", sheet: "_tb_lists", visibility: "veryHidden" },
    { kind: "addSheet", sheet: "隐藏", visibility: "hidden" },
    { kind: "addSheet", sheet: "首页", position: 0 },
    { kind: "setValues", sheet: "_tb_lists", address: "A1", values: [["代码"], ["公办"], ["民办"], ["中外合作"]] },
    { kind: "setFormat", sheet: T, address: "A5:B9", format: { numberFormat: "@" } },
    { kind: "setValues", sheet: T, address: "A4:C4", values: [["学校代码", "办学类型", "教职工数"]] },
    { kind: "setValues", sheet: T, address: "A5", values: [["00123", "公办", 12], ["0456", "民办", "37"]] },
    { kind: "setValues", sheet: T, address: "D5", values: [["0789"]] }, // General: Excel makes it 789
    {
      kind: "setFormat",
      sheet: T,
      address: "A4:C4",
      format: { fill: "#217346", font: { bold: true, color: "#FFFFFF", name: "Noto Sans CJK SC", size: 12 }, wrapText: true, horizontalAlignment: "center", verticalAlignment: "center", border: true },
    },
    { kind: "setColumnWidths", sheet: T, widths: [{ column: 0, chars: 14 }, { column: 1, chars: 22 }] },
    { kind: "freezePanes", sheet: T, rows: 4, columns: 1 },
    { kind: "merge", sheet: T, address: "A1:C1" },
    { kind: "setValues", sheet: T, address: "A1", values: [["学校基本信息"]] },
    {
      kind: "setDataValidation",
      sheet: T,
      address: "B5:B100",
      validation: { rule: { type: "list", source: "=_tb_lists!$A$2:$A$4" }, errorTitle: "办学类型", errorMessage: "请从下拉列表中选择", promptTitle: "办学类型", prompt: "请选择", errorStyle: "stop" },
    },
    { kind: "setDataValidation", sheet: T, address: "E5:E100", validation: { rule: { type: "list", source: ["是", "否"] }, errorStyle: "warning" } },
    { kind: "setDataValidation", sheet: T, address: "C5:C100", validation: { rule: { type: "wholeNumber", min: 0, max: 100000 }, errorMessage: "请填写 0–100000 的整数" } },
    { kind: "setDataValidation", sheet: T, address: "F5:F100", validation: { rule: { type: "decimal", min: 0 } } },
    { kind: "setDataValidation", sheet: T, address: "G5:G100", validation: { rule: { type: "textLength", max: 50 }, errorStyle: "information" } },
    { kind: "setDataValidation", sheet: T, address: "H5:H100", validation: { rule: { type: "date", min: "2023-09-01", max: "2024-08-31" } } },
    { kind: "addConditionalFormat", sheet: T, address: "C5:C100", format: { formula: '=AND(C5<>"",NOT(ISNUMBER(C5)))', fill: "#FFC7CE", fontColor: "#9C0006" } },
    { kind: "setNote", sheet: T, address: "C4", text: "指标解释：时点数，统计截至 9 月 30 日。" },
    { kind: "setLocked", sheet: T, address: "A5:H100", locked: false },
    { kind: "setCustomProperty", sheet: T, key: "tianbao.tableId", value: "1-1" },
    { kind: "setCustomProperty", sheet: T, key: "tianbao.department", value: "发展规划处" },
    { kind: "addName", name: "TB_1_1", sheet: T, address: "A4:H4" },
    { kind: "select", sheet: T, address: "A5" },
    { kind: "protectSheet", sheet: T, password: "s3cret" },
  ];
}

describe("every operation survives a save and a re-open", () => {
  let raw: ExcelJS.Workbook;
  let wb: XlsxWorkbook;
  beforeAll(async () => {
    wb = XlsxWorkbook.create();
    await wb.apply(everyOp());
    raw = await reopen(wb);
  });

  test("sheets: order, visibility incl. veryHidden, the props sheet hidden from the port", async () => {
    expect(raw.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["首页", "visible"],
      [T, "visible"],
      ["_tb_lists", "veryHidden"],
      ["隐藏", "hidden"],
      [PROPS_SHEET, "veryHidden"],
    ]);
    const again = await XlsxWorkbook.open(await wb.toBuffer());
    const sheets = await again.getSheets();
    expect(sheets.map((s) => s.name)).toEqual(["首页", T, "_tb_lists", "隐藏"]);
    expect(sheets[1]).toMatchObject({ position: 1, visibility: "visible", protected: true, customProperties: { "tianbao.tableId": "1-1", "tianbao.department": "发展规划处" } });
    expect(sheets[0].customProperties).toEqual({});
  });

  test('text number format "@" keeps leading zeros; General converts like Excel', async () => {
    const ws = raw.getWorksheet(T)!;
    expect(ws.getCell("A5").value).toBe("00123");
    expect(ws.getCell("A6").value).toBe("0456");
    expect(ws.getCell("A5").numFmt).toBe("@");
    expect(ws.getCell("D5").value).toBe(789);
    const again = await XlsxWorkbook.open(await wb.toBuffer());
    const [r] = await again.read([{ sheet: T, address: "A5:D6" }]);
    expect(r.values).toEqual([
      ["00123", "公办", 12, 789],
      ["0456", "民办", 37, ""], // C is General: the string "37" is entered as the number 37
    ]);
  });

  test("formats: fill, font, wrap, alignment, border, column widths, freeze panes, merge", () => {
    const ws = raw.getWorksheet(T)!;
    const h = ws.getCell("B4");
    expect(h.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF217346" } });
    expect(h.font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" }, name: "Noto Sans CJK SC", size: 12 });
    expect(h.alignment).toMatchObject({ wrapText: true, horizontal: "center", vertical: "middle" });
    expect(h.border).toMatchObject({ top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } });
    expect(ws.getCell("D4").fill).toBeUndefined(); // outside the range stays untouched
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.getColumn(2).width).toBe(22);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4, topLeftCell: "B5" });
    expect(ws.getCell("A1").value).toBe("学校基本信息");
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.getCell("B1").master.address).toBe("A1");
  });

  test("data validation: range and literal lists, whole, decimal, text length, date, prompts, error style", () => {
    const dv = (raw.getWorksheet(T)! as unknown as { dataValidations: { model: Record<string, Record<string, unknown>> } }).dataValidations.model;
    expect(dv["B5"]).toMatchObject({ type: "list", formulae: ["_tb_lists!$A$2:$A$4"], showErrorMessage: true, errorTitle: "办学类型", error: "请从下拉列表中选择", showInputMessage: true, promptTitle: "办学类型", prompt: "请选择" });
    expect(dv["B100"]).toBe(dv["B5"]);
    expect(dv["B101"]).toBeUndefined();
    expect(dv["E50"]).toMatchObject({ type: "list", formulae: ['"是,否"'], errorStyle: "warning" });
    expect(dv["C5"]).toMatchObject({ type: "whole", operator: "between", formulae: [0, 100000], error: "请填写 0–100000 的整数" });
    expect(dv["F5"]).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formulae: [0] });
    expect(dv["G5"]).toMatchObject({ type: "textLength", operator: "lessThanOrEqual", formulae: [50], errorStyle: "information" });
    const date = dv["H5"] as { type: string; formulae: Date[] };
    expect(date.type).toBe("date");
    expect(date.formulae.map((d) => d.toISOString().slice(0, 10))).toEqual(["2023-09-01", "2024-08-31"]);
  });

  test("conditional format (expression), note, locked cells, protection, names", async () => {
    const ws = raw.getWorksheet(T)!;
    const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<Record<string, unknown>> }> }).conditionalFormattings;
    expect(cfs).toHaveLength(1);
    expect(cfs[0].ref).toBe("C5:C100");
    expect(cfs[0].rules[0]).toMatchObject({ type: "expression", formulae: ['AND(C5<>"",NOT(ISNUMBER(C5)))'] });
    expect(JSON.stringify(cfs[0].rules[0].style)).toContain("FFFFC7CE");
    const note = ws.getCell("C4").note as unknown;
    const noteText = typeof note === "string" ? note : (note as { texts: Array<{ text: string }> }).texts.map((t) => t.text).join("");
    expect(noteText).toBe("指标解释：时点数，统计截至 9 月 30 日。");
    expect(ws.getCell("B7").protection).toMatchObject({ locked: false });
    expect(ws.getCell("B4").protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection).toMatchObject({ sheet: true, algorithmName: "SHA-512" });
    expect((raw.definedNames as unknown as { model: unknown }).model).toEqual([{ name: "TB_1_1", ranges: [`'${T}'!$A$4:$H$4`] }]);
    const again = await XlsxWorkbook.open(await wb.toBuffer());
    expect(await again.getNames()).toEqual([{ name: "TB_1_1", sheet: T, address: "A4:H4" }]);
  });

  test("the file converts to PDF with LibreOffice headless", async () => {
    const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => fs.existsSync(p)) ?? (spawnSync("which", ["soffice"], { encoding: "utf8" }).stdout.trim() || null);
    if (!soffice) {
      console.warn("SKIPPED LibreOffice PDF conversion: soffice is not installed (apt-get install libreoffice-calc-nogui)");
      return;
    }
    const dir = fs.mkdtempSync(path.join(tmp, "pdf-"));
    const file = path.join(dir, "every-op.xlsx");
    await wb.save(file);
    {
      const profile = fs.mkdtempSync(path.join(tmp, "lo-profile-"));
      const r = spawnSync(soffice, ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", "pdf", "--outdir", dir, file], {
        encoding: "utf8",
        timeout: 120000,
      });
      const pdf = path.join(dir, "every-op.pdf");
      expect({ status: r.status, pdf: fs.existsSync(pdf) }).toEqual({ status: 0, pdf: true });
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      if (text.status === 0) {
        expect(text.stdout).toContain("学校基本信息");
        expect(text.stdout).toContain("00123");
        expect(text.stdout).not.toContain("中外合作"); // the very hidden lookup sheet is not printed
      }
    }
  }, 150000);
});

describe("read results belong to the caller", () => {
  test("changing what read returned (as readTable's owned option does) changes neither the file nor the next read", async () => {
    const raw = new ExcelJS.Workbook();
    const ws = raw.addWorksheet("数据");
    for (let r = 1; r <= 20; r++) ws.getRow(r).values = [`a${r}`, r, `c${r}`];
    const wb = await XlsxWorkbook.open(Buffer.from(await raw.xlsx.writeBuffer()));
    const [first] = await wb.read([{ sheet: "数据" }]);
    const expected = first.values.map((r) => r.slice());
    first.values.splice(0, 3);
    first.values[0] = ["x"];
    const [second] = await wb.read([{ sheet: "数据" }]);
    expect(second.values).toEqual(expected);
    expect((await reopen(wb)).getWorksheet("数据")!.getCell("A1").value).toBe("a1");
  });
});

describe("values read back as Excel's range.values gives them", () => {
  test("dates, formulas, rich text, errors, hyperlinks, merged and empty cells", async () => {
    const raw = new ExcelJS.Workbook();
    const ws = raw.addWorksheet("数据");
    ws.getCell("A1").value = new Date(Date.UTC(2024, 8, 30));
    ws.getCell("A1").numFmt = "yyyy-mm-dd";
    ws.getCell("B1").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = { richText: [{ text: "教职" }, { font: { bold: true }, text: "工" }] };
    ws.getCell("D1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("E1").value = { text: "教育部", hyperlink: "https://www.moe.gov.cn" };
    ws.getCell("F1").value = { formula: "NA()", result: { error: "#N/A" } } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell("G1").value = true;
    ws.getCell("A2").value = "合并";
    ws.mergeCells("A2:C2");
    ws.getCell("E3").value = 3.5;
    const wb = await XlsxWorkbook.open(Buffer.from(await raw.xlsx.writeBuffer()));
    const [r] = await wb.read([{ sheet: "数据", formulas: true }]);
    expect(r).toMatchObject({ sheet: "数据", address: "A1:G3", row: 0, column: 0 });
    expect(r.values).toEqual([
      [45565, 2, "教职工", "#N/A", "教育部", "#N/A", true],
      ["合并", "", "", "", "", "", ""],
      ["", "", "", "", 3.5, "", ""],
    ]);
    expect(r.formulas![0]).toEqual(["", "=1+1", "", "", "", "=NA()", ""]);
    // a block larger than the data pads with "" (never undefined)
    const [big] = await wb.read([{ sheet: "数据", address: "F2:H4" }]);
    expect(big.values).toEqual([["", "", ""], ["", "", ""], ["", "", ""]]);
    // whole columns are clipped to the used rows
    const [col] = await wb.read([{ sheet: "数据", address: "E:E" }]);
    expect(col).toMatchObject({ address: "E1:E3", values: [["教育部"], [""], [3.5]] });
  });

  test("fills: each cell's own solid fill, null where there is none", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "setValues", sheet: "Sheet1", address: "A1", values: [["a", "b"]] },
      { kind: "setFormat", sheet: "Sheet1", address: "B1:B2", format: { fill: "#ffc7ce" } },
    ]);
    const [r] = await (await XlsxWorkbook.open(await wb.toBuffer())).read([{ sheet: "Sheet1", address: "A1:B2", fills: true }]);
    expect(r.fills).toEqual([[null, "#FFC7CE"], [null, "#FFC7CE"]]);
  });

  test("an empty sheet reads as an empty block", async () => {
    const wb = XlsxWorkbook.create();
    expect(await wb.read([{ sheet: "sheet1" }])).toEqual([{ sheet: "Sheet1", address: "", row: 0, column: 0, values: [] }]);
  });
});

describe("Excel's rules are enforced, with clear Chinese messages", () => {
  test("unreadable input: missing file, legacy .xls, encrypted/OLE, not a workbook", async () => {
    const missing = await rejection(XlsxWorkbook.open(path.join(tmp, "没有这个文件.xlsx")));
    expect(missing.code).toBe("unreadable");
    expect(missing.message).toMatch(/^无法读取文件 .*没有这个文件\.xlsx：文件不存在/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    fs.writeFileSync(path.join(tmp, "old.xls"), ole);
    expect((await rejection(XlsxWorkbook.open(path.join(tmp, "old.xls")))).message).toContain("请在 Excel 中“另存为” .xlsx");
    fs.writeFileSync(path.join(tmp, "locked.xlsx"), ole);
    expect((await rejection(XlsxWorkbook.open(path.join(tmp, "locked.xlsx")))).message).toContain("打开密码");
    fs.writeFileSync(path.join(tmp, "notes.xlsx"), "学校代码,名称\n10001,北京大学\n");
    expect((await rejection(XlsxWorkbook.open(path.join(tmp, "notes.xlsx")))).message).toContain("不是有效的 .xlsx 文件");
    const truncated = (await XlsxWorkbook.create().toBuffer()).subarray(0, 200);
    expect((await rejection(XlsxWorkbook.open(truncated))).message).toContain("文件已损坏");
  });

  test("sheet names: missing, duplicate (case-insensitive), invalid characters, last visible sheet", async () => {
    const wb = XlsxWorkbook.create();
    expect((await rejection(wb.read([{ sheet: "不存在" }]))).code).toBe("sheetNotFound");
    expect((await rejection(wb.apply([{ kind: "addSheet", sheet: "SHEET1" }]))).code).toBe("sheetExists");
    expect((await rejection(wb.apply([{ kind: "addSheet", sheet: "表[1]" }]))).code).toBe("invalidSheetName");
    expect((await rejection(wb.apply([{ kind: "addSheet", sheet: "x".repeat(32) }]))).code).toBe("invalidSheetName");
    expect((await rejection(wb.apply([{ kind: "setVisibility", sheet: "Sheet1", visibility: "veryHidden" }]))).message).toContain("至少要有一个可见的工作表");
    expect((await rejection(wb.apply([{ kind: "deleteSheet", sheet: "Sheet1" }]))).message).toContain("唯一可见");
  });

  test("protected sheets refuse edits to locked cells; a wrong password does not unprotect", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "setLocked", sheet: "Sheet1", address: "B2:B3", locked: false },
      { kind: "protectSheet", sheet: "Sheet1", password: "pw" },
      { kind: "setValues", sheet: "Sheet1", address: "B2", values: [["可以"]] },
    ]);
    const locked = await rejection(wb.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["不行"]] }]));
    expect(locked.code).toBe("protected");
    expect(locked.message).toContain("A1 已锁定");
    expect((await rejection(wb.apply([{ kind: "setFormat", sheet: "Sheet1", address: "B2", format: { fill: "#FF0000" } }]))).code).toBe("protected");
    expect((await rejection(wb.apply([{ kind: "unprotectSheet", sheet: "Sheet1", password: "PW" }]))).message).toContain("密码不正确");
    // the protection and its password survive a save
    const again = await XlsxWorkbook.open(await wb.toBuffer());
    expect((await again.getSheets())[0].protected).toBe(true);
    expect((await rejection(again.apply([{ kind: "unprotectSheet", sheet: "Sheet1", password: "" }]))).code).toBe("protected");
    await again.apply([{ kind: "unprotectSheet", sheet: "Sheet1", password: "pw" }, { kind: "setValues", sheet: "Sheet1", address: "A1", values: [["现在可以"]] }]);
    expect((await again.read([{ sheet: "Sheet1", address: "A1:B2" }]))[0].values).toEqual([["现在可以", ""], ["", "可以"]]);
  }, 30000);

  test("setValues: shape must match a full range; a top-left cell takes any block", async () => {
    const wb = XlsxWorkbook.create();
    const e = await rejection(wb.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1:B2", values: [[1, 2, 3]] }]));
    expect(e.message).toContain("区域 A1:B2 是 2 行 2 列，写入的数据是 1 行 3 列");
    await wb.apply([{ kind: "setValues", sheet: "Sheet1", address: "B2", values: [[1, "'007", "=1+1"], [" 42 ", "2024-09-30", ""]] }]);
    const raw = await reopen(wb);
    const ws = raw.getWorksheet("Sheet1")!;
    expect(ws.getCell("C2").value).toBe("007"); // apostrophe keeps text
    expect(ws.getCell("D2").formula).toBe("1+1");
    expect(ws.getCell("B3").value).toBe(42);
    expect(ws.getCell("C3").numFmt).toBe("yyyy/m/d");
    const [r] = await (await XlsxWorkbook.open(await wb.toBuffer())).read([{ sheet: "Sheet1", address: "B2:D3" }]);
    expect(r.values).toEqual([[1, "007", ""], [42, 45565, ""]]); // formula not calculated: "" until Excel recalculates
  });

  test("literal lists over 255 characters must be a range", async () => {
    const wb = XlsxWorkbook.create();
    const items = Array.from({ length: 60 }, (_, i) => `专业名称${i}`);
    const e = await rejection(wb.apply([{ kind: "setDataValidation", sheet: "Sheet1", address: "A1", validation: { rule: { type: "list", source: items } } }]));
    expect(e.message).toContain("超过 Excel 的 255 字符上限");
  });
});

describe("edits keep the rest of the workbook consistent", () => {
  test("replacing or clearing part of a validation keeps the rest of its range", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "setDataValidation", sheet: "Sheet1", address: "B5:B10", validation: { rule: { type: "list", source: ["是", "否"] } } },
      { kind: "setDataValidation", sheet: "Sheet1", address: "B7", validation: null },
      { kind: "setDataValidation", sheet: "Sheet1", address: "B9", validation: { rule: { type: "wholeNumber", min: 1 } } },
    ]);
    // round trip twice: the second open reads per-cell validations that the adapter compacts again
    const twice = await reopen(await XlsxWorkbook.open(await wb.toBuffer()));
    const dv = (twice.getWorksheet("Sheet1")! as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
    const types = ["B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11"].map((a) => dv[a]?.type ?? null);
    expect(types).toEqual([null, "list", "list", null, "list", "whole", "list", null]);
  });

  test("validations on large ranges load as ranges, not one entry per cell", async () => {
    const raw = new ExcelJS.Workbook();
    const ws = raw.addWorksheet("大表");
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    model["B5:B200000"] = { type: "list", allowBlank: true, formulae: ['"是,否"'] };
    model["C1:C1048576"] = { type: "whole", operator: "between", formulae: [0, 9] };
    const bytes = Buffer.from(await raw.xlsx.writeBuffer());
    const started = Date.now();
    const wb = await XlsxWorkbook.open(bytes);
    expect(Date.now() - started).toBeLessThan(5000);
    const loaded = (wb.workbook.getWorksheet("大表") as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(Object.keys(loaded).sort()).toEqual(["B5:B200000", "C1:C1048576"]);
    // editing part of it splits the range instead of expanding it
    await wb.apply([{ kind: "setDataValidation", sheet: "大表", address: "B100", validation: null }]);
    expect(Object.keys(loaded).sort()).toEqual(["B101:B200000", "B5:B99", "C1:C1048576"]);
    // (ExcelJS outside the adapter still expands per cell: the round-trip tests below look cells up one by one)
  }, 120000);

  test("clearing conditional formats on part of a range keeps the rest", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "addConditionalFormat", sheet: "Sheet1", address: "A1:A10", format: { formula: "=A1<0", fill: "#FFC7CE" } },
      { kind: "clearConditionalFormats", sheet: "Sheet1", address: "A4:A5" },
    ]);
    const raw = await reopen(wb);
    const cfs = (raw.getWorksheet("Sheet1")! as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(["A1:A3 A6:A10"]);
  });

  test("renaming a sheet carries its names, custom properties and list sources; deleting drops them", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      { kind: "addSheet", sheet: "代码 表" },
      { kind: "addSheet", sheet: "表2" },
      { kind: "setValues", sheet: "代码 表", address: "A1", values: [["甲"], ["乙"]] },
      { kind: "setDataValidation", sheet: "Sheet1", address: "A1:A5", validation: { rule: { type: "list", source: "='代码 表'!$A$1:$A$2" } } },
      { kind: "addName", name: "TB_2", sheet: "表2", address: "A4" },
      { kind: "setCustomProperty", sheet: "表2", key: "tianbao.tableId", value: "2" },
      { kind: "renameSheet", sheet: "代码 表", newName: "代码" },
      { kind: "renameSheet", sheet: "表2", newName: "表2（改名）" },
    ]);
    const again = await XlsxWorkbook.open(await wb.toBuffer());
    expect(await again.getNames()).toEqual([{ name: "TB_2", sheet: "表2（改名）", address: "A4" }]);
    expect((await again.getSheets()).find((s) => s.name === "表2（改名）")?.customProperties).toEqual({ "tianbao.tableId": "2" });
    const raw = await reopen(again);
    const dv = (raw.getWorksheet("Sheet1")! as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(dv["A3"].formulae).toEqual(["'代码'!$A$1:$A$2"]);
    await again.apply([{ kind: "deleteSheet", sheet: "表2（改名）" }]);
    const third = await XlsxWorkbook.open(await again.toBuffer());
    expect(await third.getNames()).toEqual([]);
    expect((await third.getSheets()).map((s) => s.name)).toEqual(["Sheet1", "代码"]);
    // a re-used sheet id does not inherit the deleted sheet's properties
    await third.apply([{ kind: "addSheet", sheet: "新表" }]);
    expect((await third.getSheets()).find((s) => s.name === "新表")?.customProperties).toEqual({});
  });

  test("save() writes the file atomically and the result re-opens", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["保存"]] }]);
    const file = path.join(tmp, "保存.xlsx");
    await wb.save(file);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await (await XlsxWorkbook.open(file)).read([{ sheet: "Sheet1", address: "A1" }]))[0].values).toEqual([["保存"]]);
  });

  test("the port reports no events and emulated custom properties", async () => {
    const wb = XlsxWorkbook.create();
    expect(wb.capabilities).toEqual({ events: false, notes: true, customProperties: false });
    const off = await wb.onChanged(() => undefined);
    await off();
    expect(await wb.getActiveSheet()).toBe("Sheet1");
  });
});
