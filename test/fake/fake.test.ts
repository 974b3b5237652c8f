/**
 * The Excel fake follows Office.js's documented semantics: these tests drive it through the same
 * `Excel.run` API the adapter uses and check what an add-in (or a person in Excel) would notice.
 */
import { createFakeOfficeGlobals, FakeExcelError, FakeUserError, FakeWorkbook, installFakeOffice } from "../../src/fake";
import type { FakeRequestContext } from "../../src/fake";

const FIVE_MB = 5 * 1024 * 1024;

function setup(options: ConstructorParameters<typeof FakeWorkbook>[0] = {}) {
  const fake = new FakeWorkbook(options);
  const { Excel, Office } = createFakeOfficeGlobals(fake);
  const run = <T>(batch: (ctx: FakeRequestContext) => Promise<T>) => Excel.run(batch as never) as Promise<T>;
  return { fake, Excel, Office, run };
}

async function rejection(p: Promise<unknown>): Promise<FakeExcelError> {
  try {
    await p;
  } catch (e) {
    return e as FakeExcelError;
  }
  throw new Error("expected the promise to reject");
}

describe("load / sync discipline", () => {
  test("reading a property that was not loaded throws, also after load without sync", async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      expect(() => ws.name).toThrow(/not available|load/);
      ws.load("name");
      expect(() => ws.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(ws.name).toBe("Sheet1");
      // position was not asked for
      expect(() => ws.position).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes are queued and applied only at sync", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.values = [
        ["x", 1],
        [true, ""],
      ];
      expect(fake.values("Sheet1", "A1:B2")).toEqual([
        ["", ""],
        ["", ""],
      ]);
      await ctx.sync();
      expect(fake.values("Sheet1", "A1:B2")).toEqual([
        ["x", 1],
        [true, ""],
      ]);
    });
  });

  test("nested navigation loads (items/protection/protected, format/fill/color)", async () => {
    const { fake, run } = setup({ sheets: ["A", "B"] });
    fake.sheet("B").protected = true;
    await run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/protection/protected");
      const r = sheets.getItem("A").getRange("C3");
      r.format.fill.color = "#FFC7CE";
      r.load("format/fill/color,address");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.protection.protected])).toEqual([
        ["A", false],
        ["B", true],
      ]);
      expect(r.format.fill.color).toBe("#FFC7CE");
      expect(r.address).toBe("A!C3");
    });
  });

  test("getItem of a missing sheet rejects the sync with ItemNotFound; operations before it ran", async () => {
    const { fake, run } = setup();
    const err = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["before"]];
        ctx.workbook.worksheets.getItem("没有这张表").getRange("A1").values = [["x"]];
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["after"]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("ItemNotFound");
    expect(fake.values("Sheet1", "A1:A2")).toEqual([["before"], [""]]);
  });

  test("null objects report isNullObject after sync (and only then)", async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => missing.isNullObject).toThrow();
      present.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1"); // names are case-insensitive
      const used = ctx.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(used.isNullObject).toBe(true);
    });
  });

  test("Excel.run flushes what is still queued when the batch returns", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [["kept"]];
    });
    expect(fake.values("Sheet1", "B2")).toEqual([["kept"]]);
  });
});

describe("limits", () => {
  test("a request over 5 MB is rejected whole and leaves the workbook unchanged", async () => {
    const { fake, run } = setup();
    const before = JSON.stringify(fake.snapshot());
    const big = Array.from({ length: 20000 }, (_, i) => [`第${i}行 ${"很长的文字".repeat(20)}`]);
    const err = await rejection(
      run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Sheet1");
        ws.getRange("Z1").values = [["small first"]];
        ws.getRange(`A1:A${big.length}`).values = big;
        ctx.workbook.worksheets.add("新表");
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.stats.rejected).toBe(1);
    expect(fake.stats.maxRequestBytes).toBeGreaterThan(FIVE_MB);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });

  test("a response over 5 MB fails; a read of more than 5,000,000 cells fails", async () => {
    const { fake, run } = setup();
    const s = fake.sheet("Sheet1");
    for (let r = 0; r < 40000; r++) s.put(r, 0, `${"长".repeat(50)}${r}`);
    const err = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A40000").load("values");
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("ResponsePayloadSizeLimitExceeded");
    const err2 = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1048576").load("values");
        await ctx.sync();
      }),
    );
    expect(err2.message).toMatch(/5,000,000/);
  });

  test("getRanges accepts 500 areas and fails beyond", async () => {
    const { fake, run } = setup();
    const areas = (n: number) => Array.from({ length: n }, (_, i) => `A${i * 2 + 1}`).join(",");
    await run(async (ctx) => {
      const ra = ctx.workbook.worksheets.getItem("Sheet1").getRanges(areas(500));
      ra.format.fill.color = "#FFFF00";
      ra.load("areaCount");
      await ctx.sync();
      expect(ra.areaCount).toBe(500);
    });
    expect(fake.fill("Sheet1", "A999")).toBe("#FFFF00");
    expect(fake.fill("Sheet1", "A2")).toBeNull();
    const err = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRanges(areas(501)).format.fill.color = "#FF0000";
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(fake.fill("Sheet1", "A1001")).toBeNull();
  });

  test("stats count round trips and bytes, and reset", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["一二三", 4]];
      await ctx.sync();
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.load("values");
      await ctx.sync();
    });
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.requestBytes[0]).toBeGreaterThan(JSON.stringify([["一二三", 4]]).length);
    expect(fake.stats.responseBytes[1]).toBeGreaterThan(0);
    fake.stats.reset();
    expect(fake.stats.syncs).toBe(0);
    expect(fake.stats.maxRequestBytes).toBe(0);
  });
});

describe("sheets", () => {
  test("very hidden sheets cannot be deleted and the last visible sheet cannot be hidden", async () => {
    const { fake, run } = setup({ sheets: ["数据", "_tb_lists"] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("_tb_lists").visibility = "VeryHidden" as never;
      await ctx.sync();
    });
    const del = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("_tb_lists").delete();
        await ctx.sync();
      }),
    );
    expect(del.code).toBe("InvalidOperation");
    const hide = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("数据").visibility = "Hidden" as never;
        await ctx.sync();
      }),
    );
    expect(hide.code).toBe("InvalidOperation");
    await expect(fake.user.unhide("_tb_lists")).rejects.toBeInstanceOf(FakeUserError);
    expect(fake.snapshot().sheets.map((s) => s.visibility)).toEqual(["Visible", "VeryHidden"]);
  });

  test("rename keeps the object bound; names follow the sheet; duplicates and bad names are refused", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ctx.workbook.names.add("TB_T1", ws.getRange("A1:C3"));
      ws.name = "It's 表 1";
      ws.getRange("A1").values = [["after rename"]];
      await ctx.sync();
    });
    expect(fake.values("It's 表 1", "A1")).toEqual([["after rename"]]);
    expect(fake.snapshot().names).toEqual([{ name: "TB_T1", formula: "='It''s 表 1'!$A$1:$C$3" }]);
    for (const bad of ["a/b", "x".repeat(32), "'quoted'", "history"]) {
      const e = await rejection(
        run(async (ctx) => {
          ctx.workbook.worksheets.add(bad);
          await ctx.sync();
        }),
      );
      expect(e.code).toBe("InvalidArgument");
    }
    const dup = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.add("IT'S 表 1");
        await ctx.sync();
      }),
    );
    expect(dup.code).toBe("ItemAlreadyExists");
  });

  test("custom properties: case-insensitive keys, overwrite on add, need ExcelApi 1.12", async () => {
    const { run } = setup();
    await run(async (ctx) => {
      const props = ctx.workbook.worksheets.getItem("Sheet1").customProperties;
      props.add("Dept", "教务处");
      props.add("dept", "学生处");
      props.load("items/key,items/value");
      const missing = props.getItemOrNullObject("deadline");
      await ctx.sync();
      expect(props.items.map((p) => [p.key, p.value])).toEqual([["dept", "学生处"]]);
      expect(missing.isNullObject).toBe(true);
    });
    const old = setup({ requirementSets: { ExcelApi: "1.11" } });
    const e = await rejection(
      old.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").customProperties.add("k", "v");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ApiNotFound");
  });
});

describe("protection", () => {
  test("protect twice fails, locked cells refuse API writes and typing, unlocked cells accept", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B5:C10").format.protection.locked = false;
      ws.protection.protect({ allowFormatCells: true });
      await ctx.sync();
      ws.protection.load("protected");
      await ctx.sync();
      expect(ws.protection.protected).toBe(true);
    });
    const twice = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").protection.protect();
        await ctx.sync();
      }),
    );
    expect(twice.code).toBe("AccessDenied");
    const locked = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
        await ctx.sync();
      }),
    );
    expect(locked.code).toBe("AccessDenied");
    // formatting is allowed by the protection options: highlighting needs no unprotect
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    expect(fake.fill("Sheet1", "A1")).toBe("#FFC7CE");
    await expect(fake.user.type("Sheet1", "A1", "x")).rejects.toMatchObject({ code: "protected" });
    await fake.user.type("Sheet1", "B5", "ok");
    expect(fake.values("Sheet1", "B5")).toEqual([["ok"]]);
    await fake.user.removeProtection("Sheet1");
    await fake.user.type("Sheet1", "A1", "now");
    expect(fake.values("Sheet1", "A1")).toEqual([["now"]]);
  });
});

describe("values as Excel enters them", () => {
  test("numbers, dates and booleans convert unless the cell is text; apostrophe keeps text; = makes a formula", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("B1").numberFormat = [["@"]];
      await ctx.sync();
      ws.getRange("A1:A6").values = [["00123"], ["2024-09-30"], ["TRUE"], ["'00123"], ["=A1*2"], [" 12 "]];
      ws.getRange("B1").values = [["00123"]];
      await ctx.sync();
      const r = ws.getRange("A1:A6");
      r.load("values,formulas,text");
      await ctx.sync();
      expect(r.values).toEqual([[123], [45565], [true], ["00123"], [246], [12]]);
      expect(r.formulas[4]).toEqual(["=A1*2"]);
      expect(r.text[1]).toEqual(["2024/9/30"]);
    });
    expect(fake.values("Sheet1", "B1")).toEqual([["00123"]]);
  });
});

describe("data validation and conditional formats", () => {
  test("typing is checked against a list on another sheet; paste bypasses it; long literal lists are refused", async () => {
    const { fake, run } = setup({ sheets: ["表", "_tb_lists"] });
    await run(async (ctx) => {
      const lists = ctx.workbook.worksheets.getItem("_tb_lists");
      lists.getRange("A1:A3").values = [["教授"], ["副教授"], ["讲师"]];
      const dv = ctx.workbook.worksheets.getItem("表").getRange("C5:C100").dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: "=_tb_lists!$A$1:$A$3" } };
      dv.errorAlert = { showAlert: true, style: "Stop", title: "职称", message: "请从下拉列表中选择职称" };
      await ctx.sync();
      dv.load("type,rule");
      await ctx.sync();
      expect(dv.type).toBe("List");
    });
    await fake.user.type("表", "C5", "讲师");
    await expect(fake.user.type("表", "C6", "助教")).rejects.toThrow("请从下拉列表中选择职称");
    await fake.user.paste("表", "C7", [["助教"], ["外聘"]]);
    expect(fake.values("表", "C5:C8")).toEqual([["讲师"], [""], ["助教"], ["外聘"]]);
    const long = await rejection(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表").getRange("D5").dataValidation.rule = { list: { inCellDropDown: true, source: Array(100).fill("选项").join(",") } };
        await ctx.sync();
      }),
    );
    expect(long.code).toBe("InvalidArgument");
  });

  test("custom conditional formats are evaluated per cell in the snapshot and cleared by clearAll", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("Sheet1").getRange("B5:B10").conditionalFormats.add("Custom" as never);
      cf.custom.rule.formula = '=AND(B5<>"",NOT(ISNUMBER(B5)))';
      cf.custom.format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    await fake.user.paste("Sheet1", "B5", [
      [12, "a"],
      ["十二", "b"],
      ["", "c"],
    ]);
    const col = fake.snapshot().sheets[0].rows.slice(4, 7).map((r) => [r[1].conditionalFill, r[1].displayFill]);
    expect(col).toEqual([
      [null, null],
      ["#FFC7CE", "#FFC7CE"],
      [null, null],
    ]);
    await run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem("Sheet1").getRange("B5:B10").conditionalFormats;
      cfs.load("items");
      await ctx.sync();
      expect(cfs.items).toHaveLength(1);
      expect(cfs.items[0].custom.rule.formula).toBe('=AND(B5<>"",NOT(ISNUMBER(B5)))');
      cfs.clearAll();
      await ctx.sync();
    });
    expect(fake.snapshot().sheets[0].rows[5][1].conditionalFill).toBeNull();
  });
});

describe("notes (ExcelApi 1.18)", () => {
  test("absent before 1.18, present with it", async () => {
    const old = setup();
    const e = await rejection(
      old.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").notes.add("A1", "说明");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ApiNotFound");
    const { fake, run } = setup({ requirementSets: { ExcelApi: "1.18" } });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").notes.add("B2", "异常数据说明");
      await ctx.sync();
      const n = ctx.workbook.worksheets.getItem("Sheet1").notes.getItem("B2");
      n.load("content");
      await ctx.sync();
      expect(n.content).toBe("异常数据说明");
    });
    expect(fake.snapshot().sheets[0].rows[1][1].note).toBe("异常数据说明");
  });
});

describe("events", () => {
  test("details only for single-cell changes; triggerSource tells the add-in's writes from the user's", async () => {
    const { fake, run, Excel } = setup({ sheets: ["A", "B"] });
    const all: Array<Record<string, unknown>> = [];
    const onlyB: Array<Record<string, unknown>> = [];
    const handlers = await run(async (ctx) => {
      const h1 = ctx.workbook.worksheets.onChanged.add(async (e: Record<string, unknown>) => {
        all.push(e);
      });
      const h2 = ctx.workbook.worksheets.getItem("B").onChanged.add(async (e: Record<string, unknown>) => {
        onlyB.push(e);
      });
      await ctx.sync();
      return [h1, h2];
    });
    await fake.user.type("A", "B5", "42");
    await fake.user.paste("A", "A5", [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("B").getRange("C3").values = [["by add-in"]];
      await ctx.sync();
    });
    await fake.settle();
    expect(all.map((e) => [e.address, e.triggerSource, e.source, e.changeType])).toEqual([
      ["B5", "Unknown", "Local", "RangeEdited"],
      ["A5:C6", "Unknown", "Local", "RangeEdited"],
      ["C3", "ThisLocalAddin", "Local", "RangeEdited"],
    ]);
    expect(all[0].details).toEqual({ valueBefore: "", valueAfter: 42, valueTypeBefore: "Empty", valueTypeAfter: "Double" });
    expect(all[1].details).toBeUndefined();
    expect(all[0].worksheetId).toBe(fake.sheet("A").id);
    expect(onlyB.map((e) => e.address)).toEqual(["C3"]);

    // removal goes through the context the handler was added with (as Office.js requires)
    await Excel.run(handlers[0].context, async (ctx: FakeRequestContext) => {
      handlers[0].remove();
      await ctx.sync();
    });
    await fake.user.type("A", "B6", "x", { remote: true });
    await fake.user.type("B", "B6", "y", { remote: true });
    await fake.settle();
    expect(all).toHaveLength(3);
    expect(onlyB.map((e) => [e.address, e.source])).toEqual([
      ["C3", "Local"],
      ["B6", "Remote"],
    ]);
  });

  test("onActivated fires for the user's tab clicks and for activate()", async () => {
    const { fake, run } = setup({ sheets: ["A", "B"] });
    const seen: string[] = [];
    await run(async (ctx) => {
      ctx.workbook.worksheets.onActivated.add(async (e: Record<string, unknown>) => {
        seen.push(String(e.worksheetId));
      });
      await ctx.sync();
    });
    await fake.user.activate("B");
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("A").activate();
      await ctx.sync();
    });
    await fake.settle();
    expect(seen).toEqual([fake.sheet("B").id, fake.sheet("A").id]);
  });

  test("subscribe notifies the preview after syncs and user edits", async () => {
    const { fake, run } = setup();
    let n = 0;
    const off = fake.subscribe(() => n++);
    await fake.user.type("Sheet1", "A1", "1");
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[2]];
      await ctx.sync();
    });
    expect(n).toBe(2);
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").load("values");
      await ctx.sync();
    });
    expect(n).toBe(2); // reads do not redraw
    off();
    await fake.user.type("Sheet1", "A3", "3");
    expect(n).toBe(2);
  });
});

describe("installFakeOffice", () => {
  test("defines Excel/Office on a target, answers requirement sets, and restores what was there", async () => {
    const target: Record<string, unknown> = { Office: "original" };
    const fake = new FakeWorkbook({ requirementSets: { ExcelApi: "1.18" } });
    const uninstall = installFakeOffice(target, fake, { displayLanguage: "en-US" });
    const Office = target.Office as { context: { displayLanguage: string; requirements: { isSetSupported(n: string, v?: string): boolean } }; onReady(): Promise<{ host: string }> };
    expect((await Office.onReady()).host).toBe("Excel");
    expect(Office.context.displayLanguage).toBe("en-US");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.19")).toBe(false);
    expect(Office.context.requirements.isSetSupported("ExcelApiOnline", "1.1")).toBe(false);
    const Excel = target.Excel as { SheetVisibility: { veryHidden: string }; EventTriggerSource: { thisLocalAddin: string } };
    expect(Excel.SheetVisibility.veryHidden).toBe("VeryHidden");
    expect(Excel.EventTriggerSource.thisLocalAddin).toBe("ThisLocalAddin");
    uninstall();
    expect(target.Office).toBe("original");
    expect("Excel" in target).toBe(false);
  });
});

describe("more of what people do in Excel", () => {
  test("inserting and deleting rows moves data, validation, conditional formats, notes and names, and fires row events", async () => {
    const { fake, run } = setup({ sheets: ["表", "_tb_lists"], requirementSets: { ExcelApi: "1.18" } });
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("表");
      ws.getRange("A4:B4").values = [["姓名", "年龄"]];
      ws.getRange("A5:B6").values = [["张三", 30], ["李四", 40]];
      ws.getRange("B5:B100").dataValidation.rule = { wholeNumber: { formula1: 0, formula2: 120, operator: "Between" } };
      const cf = ws.getRange("B5:B100").conditionalFormats.add("Custom" as never);
      cf.custom.rule.formula = "=B5>35";
      cf.custom.format.fill.color = "#FFC7CE";
      ws.notes.add("A6", "说明");
      ctx.workbook.names.add("TB_BODY", ws.getRange("A5:B100"));
      await ctx.sync();
    });
    const events: Array<Record<string, unknown>> = [];
    await run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e: Record<string, unknown>) => {
        events.push(e);
      });
      await ctx.sync();
    });
    await fake.user.insertRows("表", 5, 2);
    expect(fake.values("表", "A5:B8")).toEqual([["", ""], ["", ""], ["张三", 30], ["李四", 40]]);
    // rows inserted at a range's first row push the range down (Excel's rule)
    expect(fake.snapshot().names).toEqual([{ name: "TB_BODY", formula: "='表'!$A$7:$B$102" }]);
    const rows = fake.snapshot().sheets[0].rows;
    expect(rows[7][0].note).toBe("说明");
    expect(rows[7][1].conditionalFill).toBe("#FFC7CE"); // 40 > 35, the rule moved with the data
    await expect(fake.user.type("表", "B8", "200")).rejects.toMatchObject({ code: "validation" });
    await fake.user.type("表", "B5", "200"); // the new rows have no rule
    await fake.user.deleteRows("表", 5, 3);
    expect(fake.values("表", "A5:B5")).toEqual([["李四", 40]]);
    expect(fake.snapshot().names[0].formula).toBe("='表'!$A$5:$B$99");
    await fake.settle();
    expect(events.map((e) => [e.changeType, e.address, "details" in e])).toEqual([
      ["RowInserted", "5:6", false],
      ["RangeEdited", "B5", true],
      ["RowDeleted", "5:7", false],
    ]);
  });

  test("a dropdown pick can arrive without any change event (Excel on the web), so add-ins must revalidate", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C5:C9").dataValidation.rule = { list: { inCellDropDown: true, source: "是,否" } };
      await ctx.sync();
    });
    let n = 0;
    await run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async () => {
        n++;
      });
      await ctx.sync();
    });
    await fake.user.pickFromList("Sheet1", "C5", "否", { silent: true });
    await fake.user.pickFromList("Sheet1", "C6", "是");
    await fake.settle();
    expect(fake.values("Sheet1", "C5:C6")).toEqual([["否"], ["是"]]);
    expect(n).toBe(1);
    await expect(fake.user.pickFromList("Sheet1", "C7", "也许")).rejects.toBeInstanceOf(FakeUserError);
  });

  test("protect/unprotect and visibility changes are counted as undo-history wipes; events can lag", async () => {
    const { fake, run } = setup({ sheets: ["A", "B"], eventDelayMs: 30 });
    await run(async (ctx) => {
      const b = ctx.workbook.worksheets.getItem("B");
      b.protection.protect();
      b.protection.unprotect();
      b.visibility = "Hidden" as never;
      b.visibility = "Hidden" as never; // no change, no wipe
      await ctx.sync();
    });
    expect(fake.stats.undoClears).toBe(3);
    let at = 0;
    await run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async () => {
        at = Date.now();
      });
      await ctx.sync();
    });
    const typed = Date.now();
    await fake.user.type("A", "A1", "x");
    expect(at - typed).toBeGreaterThanOrEqual(25);
  });
});

describe("smaller API surface details", () => {
  test("toJSON nests loaded navigation properties and collection items", async () => {
    const { run } = setup({ sheets: ["A", "B"] });
    await run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/protection/protected");
      const ws = sheets.getItem("A");
      ws.load("name,visibility,protection/protected");
      await ctx.sync();
      expect(ws.toJSON()).toEqual({ name: "A", visibility: "Visible", protection: { protected: false } });
      expect(sheets.toJSON()).toEqual({ items: [{ name: "A", protection: { protected: false } }, { name: "B", protection: { protected: false } }] });
    });
  });

  test("null entries in a values array leave those cells unchanged; a bad entry changes nothing", async () => {
    const { fake, run } = setup();
    await fake.user.paste("Sheet1", "A1", [["keep", "old"]]);
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[null as never, "new"]];
      await ctx.sync();
    });
    expect(fake.values("Sheet1", "A1:B1")).toEqual([["keep", "new"]]);
    await expect(
      run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["x", { bad: 1 } as never]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(fake.values("Sheet1", "A1:B1")).toEqual([["keep", "new"]]);
  });

  test("names resolve to ranges; workbook-level notes take sheet-qualified addresses; RangeAreas take conditional formats", async () => {
    const { fake, run } = setup({ sheets: ["数据 表"], requirementSets: { ExcelApi: "1.18" } });
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("数据 表");
      ctx.workbook.names.add("TB_X", "='数据 表'!$B$2:$C$4");
      ctx.workbook.notes.add("'数据 表'!D5", "工作簿级批注");
      const cf = ws.getRanges("A1:A2, C3").conditionalFormats.add("Custom" as never);
      cf.custom.rule.formula = "=TRUE";
      cf.custom.format.fill.color = "#00FF00";
      ws.getRange("A1:C1").merge();
      ws.freezePanes.freezeAt("A1:B3");
      ws.getRange("B:B").format.columnWidth = 120;
      await ctx.sync();
      const r = ctx.workbook.names.getItem("TB_X").getRange();
      r.load("address,rowCount");
      const used = ws.getUsedRange();
      used.load("address");
      await ctx.sync();
      expect([r.address, r.rowCount]).toEqual(["'数据 表'!B2:C4", 3]);
      expect(used.address).toBe("'数据 表'!A1"); // an empty sheet's used range is its top-left cell
    });
    const sheet = fake.snapshot().sheets[0];
    expect(sheet.rows[4][3].note).toBe("工作簿级批注");
    expect([sheet.rows[0][0].conditionalFill, sheet.rows[2][2].conditionalFill, sheet.rows[2][0].conditionalFill]).toEqual(["#00FF00", "#00FF00", null]);
    expect(sheet.merges).toEqual(["A1:C1"]);
    expect(sheet.freeze).toEqual({ rows: 3, columns: 2 });
    expect(sheet.columnWidths[1]).toBe(120);
  });
});

test("while the user is typing in a cell, batches fail unless run with delayForCellEdit, which waits", async () => {
  const { fake, run, Excel } = setup();
  fake.user.beginCellEdit();
  await expect(
    run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["now"]];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  let done = false;
  const delayed = Excel.run({ delayForCellEdit: true } as never, (async (ctx: FakeRequestContext) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [["later"]];
    await ctx.sync();
    done = true;
  }) as never);
  await new Promise((r) => setTimeout(r, 20));
  expect(done).toBe(false);
  await fake.user.finishCellEdit("Sheet1", "B1", "typed");
  await delayed;
  expect(fake.values("Sheet1", "A1:B2")).toEqual([["", "typed"], ["later", ""]]);
});

test("objects belong to their request context: another context's range is refused, and a finished run's context cannot sync", async () => {
  const { run, Excel } = setup();
  let stale: FakeRequestContext | undefined;
  let otherRange: unknown;
  await run(async (ctx) => {
    stale = ctx;
    otherRange = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
  });
  await run(async (ctx) => {
    expect(() => ctx.workbook.names.add("X", otherRange as never)).toThrow(expect.objectContaining({ code: "InvalidRequestContext" }));
  });
  stale!.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["late"]];
  await expect(stale!.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
  // passing the context back to Excel.run (as event-handler removal does) makes it usable again
  await Excel.run(stale as never, (async (ctx: FakeRequestContext) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["again"]];
    await ctx.sync();
  }) as never);
});
