/**
 * The Excel adapter through the behavioural fake: every WorkbookOp lands as Excel would hold it,
 * round trips stay few and requests under 5 MB, events map to the port's sources, requirement-set
 * fallbacks work, and failures come back as WorkbookErrors naming the sheet.
 */
import { createFakeWorkbookPort } from "../../../src/fake";
import { checkRequirements, MINIMUM_EXCEL_API } from "../../../src/adapters/excel/requirements";
import { ExcelWorkbook, parseNameFormula } from "../../../src/adapters/excel/ExcelWorkbook";
import { WorkbookError, type ChangeEvent, type WorkbookOp } from "../../../src/core/workbook/port";

const FIVE_MB = 5 * 1024 * 1024;
const SHEET = "It's 表 1-5-1 教职工";

async function failure(p: Promise<unknown>): Promise<WorkbookError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookError);
    return e as WorkbookError;
  }
  throw new Error("expected a WorkbookError");
}

function block(rows: number, cols: number, cell: (r: number, c: number) => string | number): Array<Array<string | number>> {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c)));
}

describe("every WorkbookOp kind round-trips", () => {
  test("sheets: add (with visibility and position), rename, visibility, delete (also very hidden), custom properties", async () => {
    const { port, fake } = createFakeWorkbookPort();
    await port.apply([
      { kind: "addSheet", sheet: SHEET },
      { kind: "addSheet", sheet: "_tb_lists", visibility: "veryHidden" },
      { kind: "addSheet", sheet: "封面", position: 0 },
      { kind: "addSheet", sheet: "临时" },
      { kind: "setCustomProperty", sheet: SHEET, key: "tb.department", value: "人事处" },
      { kind: "setCustomProperty", sheet: SHEET, key: "tb.deadline", value: "2024-10-15" },
      { kind: "renameSheet", sheet: "临时", newName: "临时 (2)" },
      { kind: "setVisibility", sheet: "临时 (2)", visibility: "hidden" },
    ]);
    expect(fake.stats.syncs).toBe(1);
    let sheets = await port.getSheets();
    expect(sheets.map((s) => [s.name, s.position, s.visibility])).toEqual([
      ["封面", 0, "visible"],
      ["Sheet1", 1, "visible"],
      [SHEET, 2, "visible"],
      ["_tb_lists", 3, "veryHidden"],
      ["临时 (2)", 4, "hidden"],
    ]);
    expect(sheets[2].customProperties).toEqual({ "tb.department": "人事处", "tb.deadline": "2024-10-15" });
    await port.apply([
      { kind: "deleteSheet", sheet: "_tb_lists" },
      { kind: "deleteSheet", sheet: "临时 (2)" },
    ]);
    sheets = await port.getSheets();
    expect(sheets.map((s) => s.name)).toEqual(["封面", "Sheet1", SHEET]);
  });

  test("values (top-left or full address) and formulas read back as Excel gives them", async () => {
    const { port } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([
      { kind: "setFormat", sheet: SHEET, address: "A5:A6", format: { numberFormat: "@" } },
      { kind: "setValues", sheet: SHEET, address: "A5", values: [["00123", "张三", 12.5, true], ["00124", "李四", "=C5*2", false]] },
      { kind: "setValues", sheet: SHEET, address: "F1:G1", values: [["x", ""]] },
    ]);
    const [used, withFormulas] = await port.read([{ sheet: SHEET }, { sheet: SHEET, address: "A5:D6", formulas: true }]);
    expect(used).toMatchObject({ address: "A1:F6", row: 0, column: 0 });
    expect(used.values[4]).toEqual(["00123", "张三", 12.5, true, "", ""]);
    expect(withFormulas.values).toEqual([
      ["00123", "张三", 12.5, true],
      ["00124", "李四", 25, false],
    ]);
    expect(withFormulas.formulas).toEqual([
      ["", "", "", ""],
      ["", "", "=C5*2", ""],
    ]);
  });

  test("whole small sheets are read in one round trip (used range and data together)", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["A", "B", "空"] });
    await port.apply([
      { kind: "setValues", sheet: "A", address: "B3", values: block(300, 12, (r, c) => `${r}/${c}`) },
      { kind: "setValues", sheet: "B", address: "A1", values: [["只有一格"]] },
    ]);
    fake.stats.reset();
    const [a, b, empty] = await port.read([{ sheet: "A", formulas: true }, { sheet: "B" }, { sheet: "空" }]);
    expect(fake.stats.syncs).toBe(1);
    expect(a).toMatchObject({ address: "B3:M302", row: 2, column: 1 });
    expect(a.values[299][11]).toBe("299/11");
    expect(a.formulas?.[0][0]).toBe("");
    expect(b.values).toEqual([["只有一格"]]);
    expect(empty.values).toEqual([]);
  });

  test("a used range made 16,384 columns wide by a stray cell is still read, in bands under the cell limit", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["宽"] });
    await port.apply([
      { kind: "setValues", sheet: "宽", address: "A1", values: block(10, 2, (r, c) => r * 2 + c) },
      { kind: "setValues", sheet: "宽", address: "XFD1", values: [["误输入"]] },
    ]);
    const [r] = await port.read([{ sheet: "宽" }]);
    expect(r.address).toBe("A1:XFD10");
    expect(r.values[9].slice(0, 2)).toEqual([18, 19]);
    expect(r.values[0][16383]).toBe("误输入");
    expect(fake.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
  });

  test("an empty sheet reads as an empty block", async () => {
    const { port } = createFakeWorkbookPort({ sheets: ["空表"] });
    expect(await port.read([{ sheet: "空表" }])).toEqual([{ sheet: "空表", address: "", row: 0, column: 0, values: [] }]);
  });

  test("formats, column widths, freeze panes, merge, lock and select", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([
      { kind: "setFormat", sheet: SHEET, address: "A4:J4", format: { fill: "#D9E1F2", font: { bold: true, color: "#1F3864", size: 12, name: "等线", italic: true }, wrapText: true, horizontalAlignment: "center", verticalAlignment: "center", border: true } },
      { kind: "setFormat", sheet: SHEET, address: "A4", format: { fill: null } },
      { kind: "setColumnWidths", sheet: SHEET, widths: [{ column: 0, chars: 12 }, { column: 3, chars: 30 }] },
      { kind: "freezePanes", sheet: SHEET, rows: 4, columns: 1 },
      { kind: "merge", sheet: SHEET, address: "A1:J1" },
      { kind: "setLocked", sheet: SHEET, address: "A5:J1004", locked: false },
      { kind: "select", sheet: SHEET, address: "B5" },
    ]);
    const s = fake.sheet(SHEET);
    expect(s.format(3, 1, "fill")).toBe("#D9E1F2");
    expect(s.format(3, 0, "fill")).toBeNull();
    expect([s.format(3, 5, "bold"), s.format(3, 5, "italic"), s.format(3, 5, "fontColor"), s.format(3, 5, "fontSize"), s.format(3, 5, "fontName")]).toEqual([true, true, "#1F3864", 12, "等线"]);
    expect([s.format(3, 5, "wrapText"), s.format(3, 5, "horizontalAlignment"), s.format(3, 5, "verticalAlignment"), s.format(3, 5, "border")]).toEqual([true, "Center", "Center", true]);
    expect(s.columnWidths.get(3)! / s.columnWidths.get(0)!).toBeCloseTo((30 * 7 + 5) / (12 * 7 + 5), 2);
    expect(s.freeze).toEqual({ rows: 4, columns: 1 });
    expect(fake.snapshot().sheets[0].merges).toEqual(["A1:J1"]);
    expect([s.format(4, 0, "locked"), s.format(1003, 9, "locked"), s.format(1004, 0, "locked")]).toEqual([false, false, true]);
    expect(await port.getActiveSheet()).toBe(SHEET);
  });

  test("data validation (list by range and literal, numbers, text length, dates) and clearing it", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET, "_tb_lists"] });
    const dv = (address: string, validation: Extract<WorkbookOp, { kind: "setDataValidation" }>["validation"]): WorkbookOp => ({ kind: "setDataValidation", sheet: SHEET, address, validation });
    await port.apply([
      { kind: "setValues", sheet: "_tb_lists", address: "A2", values: [["教授"], ["副教授"], ["讲师"]] },
      dv("C5:C1004", { rule: { type: "list", source: "=_tb_lists!$A$2:$A$4" }, errorTitle: "职称", errorMessage: "请从列表中选择", errorStyle: "stop", promptTitle: "职称", prompt: "从下拉列表选择" }),
      dv("D5:D1004", { rule: { type: "list", source: ["男", "女"] } }),
      dv("E5:E1004", { rule: { type: "wholeNumber", min: 0, max: 120 }, errorMessage: "年龄应为 0–120 的整数" }),
      dv("F5:F1004", { rule: { type: "decimal", min: 0 }, errorStyle: "warning" }),
      dv("G5:G1004", { rule: { type: "textLength", max: 4 }, errorMessage: "最多 4 个字" }),
      dv("H5:H1004", { rule: { type: "date", min: "2000-01-01", max: "2024-09-30" }, errorMessage: "日期超出范围" }),
    ]);
    const type = (address: string, v: string) => fake.user.type(SHEET, address, v);
    await type("C5", "讲师");
    await expect(type("C6", "助教")).rejects.toThrow("请从列表中选择");
    await type("D5", "女");
    await expect(type("D6", "未知")).rejects.toThrow();
    await type("E5", "35");
    await expect(type("E6", "35.5")).rejects.toThrow("年龄应为 0–120 的整数");
    await type("F5", "-1"); // warning style lets it through
    await expect(type("G5", "五个字符串")).rejects.toThrow("最多 4 个字");
    await type("H5", "2024-09-30");
    await expect(type("H6", "2024-10-01")).rejects.toThrow("日期超出范围");
    expect(fake.snapshot().sheets[0].rows[4][2].prompt).toBe("从下拉列表选择");

    await port.apply([dv("E5:E1004", null)]);
    await type("E6", "35.5");
    expect(fake.values(SHEET, "E6")).toEqual([[35.5]]);
  });

  test("conditional formats: added once, evaluated by 'Excel' for later edits, cleared", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([{ kind: "addConditionalFormat", sheet: SHEET, address: "B5:B1004", format: { formula: '=AND(B5<>"",NOT(ISNUMBER(B5)))', fill: "#FFC7CE", fontColor: "#9C0006" } }]);
    await fake.user.paste(SHEET, "A5", [
      ["a", 1],
      ["b", "一"],
    ]);
    const rows = fake.snapshot().sheets[0].rows;
    expect(rows[4][1]).toMatchObject({ conditionalFill: null, fontColor: "#000000" });
    expect(rows[5][1]).toMatchObject({ conditionalFill: "#FFC7CE", displayFill: "#FFC7CE", fontColor: "#9C0006" });
    await port.apply([{ kind: "clearConditionalFormats", sheet: SHEET, address: "B5:B1004" }]);
    expect(fake.snapshot().sheets[0].rows[5][1].conditionalFill).toBeNull();
  });

  test("defined names: added, replaced on re-add, and read back with quoted sheet names after a rename", async () => {
    const { port } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([{ kind: "addName", name: "TB_1_5_1", sheet: SHEET, address: "A4:J4" }]);
    await port.apply([
      { kind: "addName", name: "TB_1_5_1", sheet: SHEET, address: "A4:K4" },
      { kind: "renameSheet", sheet: SHEET, newName: "教职工 '2024' 版" },
    ]);
    expect(await port.getNames()).toEqual([{ name: "TB_1_5_1", sheet: "教职工 '2024' 版", address: "A4:K4" }]);
    expect(parseNameFormula("='a ''b'' c'!$B$2")).toEqual({ sheet: "a 'b' c", address: "B2" });
    expect(parseNameFormula("=Sheet1!$A$1:$C$3")).toEqual({ sheet: "Sheet1", address: "A1:C3" });
  });
});

describe("read results belong to the caller", () => {
  test("changing what read returned (as readTable's owned option does) changes neither the sheet nor the next read", async () => {
    const { port } = createFakeWorkbookPort({ sheets: ["数据"] });
    const values = block(30, 4, (r, c) => `v${r}-${c}`);
    await port.apply([{ kind: "setValues", sheet: "数据", address: "A1", values }]);
    const [first] = await port.read([{ sheet: "数据" }]);
    first.values.splice(0, 3);
    first.values[0] = ["x"];
    const [second] = await port.read([{ sheet: "数据" }]);
    expect(second.values).toEqual(values);
    expect(second.values).not.toBe(first.values);
  });
});

describe("round trips and the 5 MB limit", () => {
  test("a 40-column × 10,000-row block: written and read back in few syncs, every request under 5 MB", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["数据"] });
    const values = block(10000, 40, (r, c) => (c % 3 === 0 ? r * 40 + c : `值${r}-${c}`));
    await port.apply([{ kind: "setValues", sheet: "数据", address: "A1", values }]);
    expect(fake.stats.rejected).toBe(0);
    expect(fake.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    fake.stats.reset();
    const [data] = await port.read([{ sheet: "数据", address: "A1:AN10000" }]);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    expect(fake.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(fake.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
    expect(data.values).toEqual(values);
    fake.stats.reset();
    const [used] = await port.read([{ sheet: "数据" }]);
    expect(used.address).toBe("A1:AN10000");
    expect(used.values).toEqual(values);
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
  });

  test("a write larger than 5 MB is split by rows; nothing is rejected and the data is intact", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["数据"] });
    const values = block(20000, 10, (r, c) => `第${r}行第${c}列的一段比较长的中文说明文字`);
    await port.apply([
      { kind: "setValues", sheet: "数据", address: "A2", values },
      { kind: "setFormat", sheet: "数据", address: "A1:J1", format: { bold: true } as never },
    ]);
    expect(fake.stats.rejected).toBe(0);
    expect(fake.stats.syncs).toBeGreaterThan(1);
    expect(fake.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(fake.values("数据", "A20001:J20001")).toEqual([values[19999]]);
    const [back] = await port.read([{ sheet: "数据", address: "A2:J20001" }]);
    expect(back.values).toEqual(values);
    expect(fake.stats.rejected).toBe(0);
    expect(fake.stats.maxResponseBytes).toBeLessThan(FIVE_MB);
  });

  test("a read that overflows a response is retried in smaller pieces", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["数据"], readCellBudget: 1_000_000 });
    const s = fake.sheet("数据");
    for (let r = 0; r < 60000; r++) s.put(r, 0, `${"很长的内容".repeat(10)}${r}`);
    const [back] = await port.read([{ sheet: "数据", address: "A1:A60000" }]);
    expect(back.values[59999]).toEqual([`${"很长的内容".repeat(10)}59999`]);
    // the first attempt was too large for one response: retried in smaller pieces, which all fit
    expect(fake.stats.rejected).toBe(1);
    expect(fake.stats.responseBytes.filter((b) => b > 0 && b <= FIVE_MB).length).toBe(fake.stats.syncs - 1);
  });

  test("1,200 cell highlights go in one sync as RangeAreas under Excel's ~500-area limit, in order", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    const ops: WorkbookOp[] = [];
    for (let r = 0; r < 1200; r++) ops.push({ kind: "setFormat", sheet: SHEET, address: `B${2 * r + 5}`, format: { fill: "#FFC7CE" } });
    ops.push({ kind: "setFormat", sheet: SHEET, address: "B5", format: { fill: null } }); // later ops still win
    await port.apply(ops);
    expect(fake.stats.syncs).toBe(1);
    expect(fake.stats.maxRequestBytes).toBeLessThan(40_000);
    expect([fake.fill(SHEET, "B5"), fake.fill(SHEET, "B7"), fake.fill(SHEET, "B8"), fake.fill(SHEET, "B2403")]).toEqual([null, "#FFC7CE", null, "#FFC7CE"]);
  });
});

describe("events", () => {
  test("user edits are local, the add-in's own writes are addin, co-authors are remote; unsubscribe stops them", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET, "其他"] });
    const seen: ChangeEvent[] = [];
    const off = await port.onChanged((e) => seen.push(e));
    await fake.user.type(SHEET, "B5", "张三");
    await fake.user.paste(SHEET, "A6", [
      ["1", "2"],
      ["3", "4"],
    ]);
    await port.apply([{ kind: "setValues", sheet: "其他", address: "C3", values: [["写入"]] }]);
    await fake.user.type(SHEET, "C7", "远程", { remote: true });
    await fake.settle();
    expect(seen).toEqual([
      { sheet: SHEET, address: "B5", changeType: "RangeEdited", source: "local" },
      { sheet: SHEET, address: "A6:B7", changeType: "RangeEdited", source: "local" },
      { sheet: "其他", address: "C3", changeType: "RangeEdited", source: "addin" },
      { sheet: SHEET, address: "C7", changeType: "RangeEdited", source: "remote" },
    ]);
    await off();
    await fake.user.type(SHEET, "B8", "x");
    await fake.settle();
    expect(seen).toHaveLength(4);
  });

  test("events name the sheet by its current name after a rename; onActivated gives the sheet name", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["A", "B"] });
    const changed: string[] = [];
    const activated: string[] = [];
    await port.onChanged((e) => changed.push(`${e.sheet}!${e.address}`));
    const offActivated = await port.onActivated((s) => activated.push(s));
    await fake.user.renameSheet("B", "表 B");
    await fake.user.type("表 B", "A1", "1");
    await fake.user.activate("表 B");
    await port.apply([{ kind: "select", sheet: "A", address: "A1" }]);
    await fake.settle();
    expect(changed).toEqual(["表 B!A1"]);
    expect(activated).toEqual(["表 B", "A"]);
    await offActivated();
    await fake.user.activate("表 B");
    await fake.settle();
    expect(activated).toEqual(["表 B", "A"]);
  });
});

describe("requirement sets", () => {
  test("ExcelApi 1.14 is the minimum: below it the adapter refuses with a Chinese message", () => {
    expect(() => createFakeWorkbookPort({ requirementSets: { ExcelApi: "1.13" } })).toThrow(/ExcelApi 为 1\.13.*1\.14/);
    const report = checkRequirements(undefined);
    expect(report.supported).toBe(false);
    expect(report.message).toMatch(/Excel/);
    expect(MINIMUM_EXCEL_API).toBe("1.14");
  });

  test("capabilities follow the requirement sets", () => {
    expect(createFakeWorkbookPort().port.capabilities).toEqual({ events: true, notes: false, customProperties: true });
    const { port } = createFakeWorkbookPort({ requirementSets: { ExcelApi: "1.18" } });
    expect(port.capabilities.notes).toBe(true);
    expect(port.features.excelApi).toBe("1.18");
  });

  test("notes need ExcelApi 1.18; before it the text becomes the cell's input prompt (truncated to 255)", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    const long = "说明".repeat(200);
    await port.apply([
      { kind: "setValues", sheet: SHEET, address: "A5:E5", values: [["1", "2", "", "", "x"]] },
      { kind: "setDataValidation", sheet: SHEET, address: "C5", validation: { rule: { type: "list", source: ["是", "否"] } } },
      { kind: "setNote", sheet: SHEET, address: "C5", text: "该单元格为空的原因：新进教师" },
      { kind: "setNote", sheet: SHEET, address: "D5", text: long },
    ]);
    const rows = fake.snapshot().sheets[0].rows;
    expect(rows[4][2].prompt).toBe("该单元格为空的原因：新进教师");
    expect(rows[4][2].note).toBeUndefined();
    expect(rows[4][3].prompt).toHaveLength(255);
    await expect(fake.user.type(SHEET, "C5", "也许")).rejects.toThrow(); // the list rule is still there
    await port.apply([{ kind: "setNote", sheet: SHEET, address: "C5", text: "" }]);
    expect(fake.snapshot().sheets[0].rows[4][2].prompt).toBeUndefined();
  });

  test("with ExcelApi 1.18 notes are real notes: added, updated, removed", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET], requirementSets: { ExcelApi: "1.18" } });
    await port.apply([{ kind: "setNote", sheet: SHEET, address: "B5", text: "第一次" }]);
    await port.apply([{ kind: "setNote", sheet: SHEET, address: "B5", text: "改过" }]);
    expect(fake.snapshot().sheets[0].rows[4][1].note).toBe("改过");
    await port.apply([{ kind: "setNote", sheet: SHEET, address: "B5", text: "" }]);
    expect(fake.sheet(SHEET).notes.size).toBe(0);
  });
});

describe("protection", () => {
  test("protect/unprotect are idempotent, input cells stay typeable, highlights need no unprotect", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([
      { kind: "setLocked", sheet: SHEET, address: "A5:J1004", locked: false },
      { kind: "protectSheet", sheet: SHEET },
    ]);
    await port.apply([{ kind: "protectSheet", sheet: SHEET }]); // Excel would fail on a protected sheet
    expect((await port.getSheets())[0].protected).toBe(true);
    expect(fake.stats.undoClears).toBe(1); // the second protect was skipped: no extra undo wipe
    await fake.user.type(SHEET, "B5", "可以输入");
    await expect(fake.user.type(SHEET, "B4", "表头")).rejects.toMatchObject({ code: "protected" });
    await port.apply([{ kind: "setFormat", sheet: SHEET, address: "B5", format: { fill: "#FFC7CE" } }]);
    expect(fake.fill(SHEET, "B5")).toBe("#FFC7CE");
    const err = await failure(port.apply([{ kind: "setValues", sheet: SHEET, address: "A1", values: [["标题"]] }]));
    expect(err.code).toBe("protected");
    expect(err.message).toContain(SHEET);
    await port.apply([{ kind: "unprotectSheet", sheet: SHEET }]);
    await port.apply([{ kind: "unprotectSheet", sheet: SHEET }]);
    await port.apply([{ kind: "setValues", sheet: SHEET, address: "A1", values: [["标题"]] }]);
    expect(fake.values(SHEET, "A1")).toEqual([["标题"]]);
  });

  test("a password protects against unprotect without it", async () => {
    const { port } = createFakeWorkbookPort({ sheets: [SHEET] });
    await port.apply([{ kind: "protectSheet", sheet: SHEET, password: "pw" }]);
    await expect(port.apply([{ kind: "unprotectSheet", sheet: SHEET }])).rejects.toBeInstanceOf(WorkbookError);
    await port.apply([{ kind: "unprotectSheet", sheet: SHEET, password: "pw" }]);
    expect((await port.getSheets())[0].protected).toBe(false);
  });
});

describe("errors name the sheet and the problem", () => {
  test("a missing sheet in read and apply", async () => {
    const { port } = createFakeWorkbookPort({ sheets: [SHEET] });
    const r = await failure(port.read([{ sheet: SHEET, address: "A1" }, { sheet: "表 9-9", address: "A1" }]));
    expect(r.code).toBe("sheetNotFound");
    expect(r.message).toContain("表 9-9");
    const r2 = await failure(port.read([{ sheet: "表 9-9" }]));
    expect(r2.code).toBe("sheetNotFound");
    const a = await failure(port.apply([{ kind: "setValues", sheet: "表 9-9", address: "A1", values: [[1]] }]));
    expect(a).toMatchObject({ code: "sheetNotFound" });
    expect(a.message).toContain("表 9-9");
  });

  test("bad names, bad addresses and ragged values are refused before anything is sent", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
    fake.stats.reset();
    expect((await failure(port.apply([{ kind: "addSheet", sheet: "a/b" }]))).code).toBe("invalidSheetName");
    expect((await failure(port.apply([{ kind: "renameSheet", sheet: SHEET, newName: "x".repeat(32) }]))).code).toBe("invalidSheetName");
    expect((await failure(port.apply([{ kind: "setValues", sheet: SHEET, address: "B", values: [[1]] }]))).code).toBe("invalidAddress");
    const ragged = await failure(port.apply([{ kind: "setValues", sheet: SHEET, address: "A1", values: [[1, 2], [3]] }]));
    expect(ragged.message).toMatch(/第 2 行/);
    const mismatch = await failure(port.apply([{ kind: "setValues", sheet: SHEET, address: "A1:C1", values: [[1, 2]] }]));
    expect(mismatch.code).toBe("invalidAddress");
    const bad = await failure(port.apply([{ kind: "setValues", sheet: SHEET, address: "A1", values: [[undefined as never]] }]));
    expect(bad.message).toMatch(/第 1 行第 1 列/);
    expect((await failure(port.apply([{ kind: "setFormat", sheet: SHEET, address: "A1", format: { fill: "red" } }]))).message).toMatch(/#RRGGBB/);
    const comma = await failure(port.apply([{ kind: "setDataValidation", sheet: SHEET, address: "C5", validation: { rule: { type: "list", source: ["北京,海淀", "上海"] } } }]));
    expect(comma.message).toContain("北京,海淀");
    expect(fake.stats.syncs).toBe(0);
  });

  test("an existing sheet name", async () => {
    const { port } = createFakeWorkbookPort({ sheets: [SHEET] });
    const e = await failure(port.apply([{ kind: "addSheet", sheet: SHEET.toUpperCase() }]));
    expect(e.code).toBe("sheetExists");
    expect(e.message).toContain(SHEET.toUpperCase());
  });
});

test("the adapter runs against the globals when no namespaces are injected", async () => {
  const { globals, fake } = createFakeWorkbookPort();
  const g = globalThis as Record<string, unknown>;
  g.Excel = globals.Excel;
  g.Office = globals.Office;
  try {
    const port = new ExcelWorkbook();
    await port.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["全局"]] }]);
    expect(fake.values("Sheet1", "A1")).toEqual([["全局"]]);
  } finally {
    delete g.Excel;
    delete g.Office;
  }
});

test("fills: each cell's own fill comes back (null where there is none), in the same sync as the values", async () => {
  const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
  await port.apply([
    { kind: "setValues", sheet: SHEET, address: "A1:B2", values: [["a", "b"], ["c", "d"]] },
    { kind: "setFormat", sheet: SHEET, address: "B1:B2", format: { fill: "#ffeb9c" } },
  ]);
  await fake.user.setFill(SHEET, "A2", "#C6EFCE");
  fake.stats.reset();
  const [r] = await port.read([{ sheet: SHEET, address: "A1:B2", fills: true } as never]);
  expect((r as { fills?: unknown }).fills).toEqual([
    [null, "#FFEB9C"],
    ["#C6EFCE", "#FFEB9C"],
  ]);
  expect(fake.stats.syncs).toBe(1);
});

test("the adapter waits while the user is typing in a cell instead of failing", async () => {
  const { port, fake } = createFakeWorkbookPort({ sheets: [SHEET] });
  fake.user.beginCellEdit();
  let applied = false;
  const p = port.apply([{ kind: "setFormat", sheet: SHEET, address: "B5", format: { fill: "#FFC7CE" } }]).then(() => (applied = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(applied).toBe(false);
  await fake.user.finishCellEdit(SHEET, "B5", "abc");
  await p;
  expect(fake.fill(SHEET, "B5")).toBe("#FFC7CE");
  expect(fake.values(SHEET, "B5")).toEqual([["abc"]]);
});

describe("change events name their sheet without an extra round trip", () => {
  test("ExcelApi 1.17+: names come from a cache kept exact by onNameChanged, also after a rename", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["数据", "其他"], requirementSets: { ExcelApi: "1.17" } });
    const seen: string[] = [];
    const off = await port.onChanged((e) => seen.push(`${e.sheet}!${e.address}`));
    fake.stats.reset();
    await fake.user.type("数据", "B2", "x");
    await fake.settle();
    expect(seen).toEqual(["数据!B2"]);
    expect(fake.stats.syncs).toBe(0);
    await fake.user.renameSheet("数据", "教职工");
    await fake.settle();
    await fake.user.type("教职工", "C3", "y");
    await fake.settle();
    expect(seen).toEqual(["数据!B2", "教职工!C3"]);
    expect(fake.stats.syncs).toBe(0);
    await off();
  });

  test("ExcelApi 1.14–1.16: the sheet name is looked up per event (one sync), and still follows a rename", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["数据", "其他"], requirementSets: { ExcelApi: "1.14" } });
    const seen: string[] = [];
    const off = await port.onChanged((e) => seen.push(`${e.sheet}!${e.address}`));
    await fake.user.renameSheet("数据", "教职工");
    fake.stats.reset();
    await fake.user.type("教职工", "B2", "x");
    await fake.settle();
    expect(seen).toEqual(["教职工!B2"]);
    expect(fake.stats.syncs).toBe(1);
    await off();
  });
});
