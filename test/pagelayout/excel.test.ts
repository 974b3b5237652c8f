/**
 * setPageLayout through the real Excel adapter over the behavioural fake: what Excel's
 * Worksheet.pageLayout reports afterwards (load/sync like Office.js), and the fake's snapshot.
 */
import { WorkbookError, type WorkbookOp } from "../../src/core/workbook/port";
import { createFakeWorkbookPort, FakeExcelError, type FakeRequestContext } from "../../src/fake";

type Ctx = FakeRequestContext;

async function readLayout(run: (batch: (ctx: Ctx) => Promise<unknown>) => Promise<unknown>, sheet: string) {
  return (await run(async (ctx: Ctx) => {
    const pl = ctx.workbook.worksheets.getItem(sheet).pageLayout;
    pl.load("orientation,paperSize,zoom,topMargin,bottomMargin,leftMargin,rightMargin,centerHorizontally");
    const hf = pl.headersFooters.defaultForAllPages;
    hf.load("centerHeader,centerFooter");
    const titles = pl.getPrintTitleRowsOrNullObject();
    titles.load("rowIndex,rowCount,columnCount");
    await ctx.sync();
    return {
      orientation: pl.orientation,
      paperSize: pl.paperSize,
      zoom: pl.zoom,
      margins: { top: pl.topMargin, bottom: pl.bottomMargin, left: pl.leftMargin, right: pl.rightMargin },
      centerHorizontally: pl.centerHorizontally,
      header: hf.centerHeader,
      footer: hf.centerFooter,
      titleRows: titles.isNullObject ? null : { row: titles.rowIndex, rowCount: titles.rowCount, wholeRows: titles.columnCount === 16384 },
    };
  })) as Record<string, unknown>;
}

function setup() {
  const { port, fake, globals } = createFakeWorkbookPort({ sheets: ["审核表-人事处", "Sheet2"] });
  const run = (batch: (ctx: Ctx) => Promise<unknown>) => globals.Excel.run(batch);
  return { port, fake, run };
}

const A4_PORTRAIT: WorkbookOp = {
  kind: "setPageLayout",
  sheet: "审核表-人事处",
  orientation: "portrait",
  paperSize: "A4",
  fitToWidth: true,
  printTitleRows: "1:3",
  margins: { top: 0.75, bottom: 0.5, left: 0.6, right: 0.25 },
  centerHorizontally: true,
  headerText: "监测数据填报审核表",
  footerText: "第 &P 页，共 &N 页",
};

describe("setPageLayout through the Excel adapter (fake)", () => {
  test("a new sheet starts on Letter at 100 %; the op makes it A4, one page wide, rows 1–3 on every page", async () => {
    const { port, fake, run } = setup();
    const before = await readLayout(run, "审核表-人事处");
    expect(before).toMatchObject({ orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, titleRows: null, footer: "" });

    await port.apply([A4_PORTRAIT]);

    const after = await readLayout(run, "审核表-人事处");
    expect(after).toEqual({
      orientation: "Portrait",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      margins: { top: 54, bottom: 36, left: 43.2, right: 18 }, // inches → points
      centerHorizontally: true,
      header: "监测数据填报审核表",
      footer: "第 &P 页，共 &N 页",
      titleRows: { row: 0, rowCount: 3, wholeRows: true },
    });
    const snap = fake.snapshot().sheets.find((s) => s.name === "审核表-人事处")!;
    expect(snap.pageLayout).toMatchObject({ paperSize: "A4", orientation: "Portrait", printTitleRows: { row: 0, rowCount: 3 }, footer: { center: "第 &P 页，共 &N 页" } });
    // the other sheet is untouched
    expect(fake.snapshot().sheets.find((s) => s.name === "Sheet2")!.pageLayout).toMatchObject({ paperSize: "Letter", zoom: { scale: 100 }, printTitleRows: null });
  });

  test("landscape, and fields left out keep what the sheet had; fitToWidth false goes back to 100 %", async () => {
    const { port, run } = setup();
    await port.apply([A4_PORTRAIT]);
    await port.apply([{ kind: "setPageLayout", sheet: "审核表-人事处", orientation: "landscape" }]);
    let l = await readLayout(run, "审核表-人事处");
    expect(l).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, footer: "第 &P 页，共 &N 页" });
    await port.apply([{ kind: "setPageLayout", sheet: "审核表-人事处", fitToWidth: false, footerText: "" }]);
    l = await readLayout(run, "审核表-人事处");
    expect(l).toMatchObject({ orientation: "Landscape", zoom: { scale: 100 }, footer: "", titleRows: { row: 0, rowCount: 3 } });
  });

  test("queued like Office.js: nothing changes before sync, reading an unloaded property throws", async () => {
    const { fake, run } = setup();
    await run(async (ctx) => {
      const pl = ctx.workbook.worksheets.getItem("Sheet2").pageLayout;
      pl.paperSize = "A4";
      pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      expect(fake.snapshot().sheets[1].pageLayout!.paperSize).toBe("Letter");
      expect(() => pl.orientation).toThrow(FakeExcelError);
      await ctx.sync();
      expect(fake.snapshot().sheets[1].pageLayout!.paperSize).toBe("A4");
      expect(fake.snapshot().sheets[1].pageLayout!.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
      // loadable through the worksheet, as "pageLayout/…" paths
      const ws = ctx.workbook.worksheets.getItem("Sheet2");
      ws.load("name,pageLayout/paperSize,pageLayout/orientation");
      await ctx.sync();
      expect([ws.name, ws.pageLayout.paperSize, ws.pageLayout.orientation]).toEqual(["Sheet2", "A4", "Portrait"]);
    });
  });

  test("the fake refuses what Excel refuses, when the batch runs", async () => {
    const { fake, run } = setup();
    const attempt = (f: (ctx: Ctx) => void) =>
      run(async (ctx) => {
        f(ctx);
        await ctx.sync();
      });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem("Sheet2").pageLayout.paperSize = "A9"))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem("Sheet2").pageLayout.leftMargin = -1))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem("Sheet2").pageLayout.zoom = { scale: 5 }))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt((ctx) => (ctx.workbook.worksheets.getItem("Sheet2").pageLayout.headersFooters.defaultForAllPages.centerFooter = "x".repeat(256)))).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(fake.snapshot().sheets[1].pageLayout).toMatchObject({ paperSize: "Letter", leftMargin: 50.4, zoom: { scale: 100 }, footer: { center: "" } });
  });

  test("bad layouts get a Chinese message naming the sheet and nothing is sent", async () => {
    const { port, fake } = setup();
    fake.stats.reset();
    const bad = async (op: Partial<Extract<WorkbookOp, { kind: "setPageLayout" }>>) => {
      const e = await port.apply([{ kind: "setPageLayout", sheet: "审核表-人事处", ...op } as WorkbookOp]).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkbookError);
      expect((e as Error).message).toContain("审核表-人事处");
      return (e as Error).message;
    };
    expect(await bad({ printTitleRows: "A1:B3" })).toContain("打印标题行");
    expect(await bad({ printTitleRows: "０:３" })).toContain("打印标题行");
    expect(await bad({ margins: { top: 0.5, bottom: 0.5, left: -0.1, right: 0.5 } })).toContain("左页边距");
    expect(await bad({ margins: { top: 0.5, bottom: 0.5, left: 4, right: 4 } })).toContain("左右页边距之和");
    expect(await bad({ paperSize: "A3" as "A4" })).toContain("A4");
    expect(await bad({ footerText: "页".repeat(300) })).toContain("255");
    expect(fake.stats.syncs).toBe(0);
    expect(fake.snapshot().sheets[0].pageLayout!.paperSize).toBe("Letter");
  });

  test("a missing sheet is named; a protected sheet can still get its print settings", async () => {
    const { port, run } = setup();
    await expect(port.apply([{ kind: "setPageLayout", sheet: "审核表-教务处", paperSize: "A4" }])).rejects.toMatchObject({ code: "sheetNotFound", message: expect.stringContaining("审核表-教务处") });
    await port.apply([{ kind: "protectSheet", sheet: "Sheet2" }]);
    await port.apply([{ kind: "setPageLayout", sheet: "Sheet2", paperSize: "A4", orientation: "landscape" }]);
    expect(await readLayout(run, "Sheet2")).toMatchObject({ paperSize: "A4", orientation: "Landscape" });
  });
});
