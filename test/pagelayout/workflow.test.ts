/**
 * The printable sheets ask for A4: the 审核表 (portrait) and the 质量监控表 (landscape), both one page
 * wide with their title and header rows on every page — as ops, and as Excel (the fake) ends up.
 */
import { overviewToOps } from "../../src/core/workflow/overview";
import { SIGN_OFF_PAGE_LAYOUT, signOffFormOps, signOffSheetName } from "../../src/core/workflow/signOff";
import type { WorkbookOp } from "../../src/core/workbook/port";
import { createFakeWorkbookPort } from "../../src/fake";
import { clock, noStates, overviewRows } from "./fixtures";

const layoutOps = (ops: WorkbookOp[]) => ops.filter((o): o is Extract<WorkbookOp, { kind: "setPageLayout" }> => o.kind === "setPageLayout");

describe("page layout of the printable sheets", () => {
  test("the 审核表's ops print it on A4 portrait, one page wide, rows 1–3 (title, unit, headers) repeated", () => {
    const ops = signOffFormOps({ department: "人事处", rows: overviewRows(3), derived: noStates, explanations: [], clock, create: true });
    const layouts = layoutOps(ops);
    expect(layouts).toEqual([
      expect.objectContaining({ kind: "setPageLayout", sheet: "审核表-人事处", orientation: "portrait", paperSize: "A4", fitToWidth: true, printTitleRows: "1:3", footerText: "第 &P 页，共 &N 页" }),
    ]);
    expect(SIGN_OFF_PAGE_LAYOUT.centerHorizontally).toBe(true);
    // after the sheet exists (addSheet comes first)
    expect(ops.findIndex((o) => o.kind === "addSheet")).toBeLessThan(ops.indexOf(layouts[0]));
    // the repeated rows are the title, the unit line and the column headers
    const values = ops.find((o): o is Extract<WorkbookOp, { kind: "setValues" }> => o.kind === "setValues")!.values;
    expect(values[2][0]).toBe("序号");
  });

  test("the 质量监控表's ops print it on A4 landscape, one page wide, header rows repeated", () => {
    const layouts = layoutOps(overviewToOps(overviewRows(5), { clock, create: true }));
    expect(layouts).toEqual([expect.objectContaining({ sheet: "质量监控表", orientation: "landscape", paperSize: "A4", fitToWidth: true, printTitleRows: "1:3" })]);
  });

  test("written into Excel (fake), both sheets report A4 with fit-to-width and their title rows", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    const rows = overviewRows(4);
    await port.apply(signOffFormOps({ department: "人事处", rows, derived: noStates, explanations: [], clock, create: true }));
    await port.apply(overviewToOps(rows, { clock, create: true }));
    const snap = fake.snapshot();
    const form = snap.sheets.find((s) => s.name === signOffSheetName("人事处"))!.pageLayout!;
    const overview = snap.sheets.find((s) => s.name === "质量监控表")!.pageLayout!;
    expect(form).toMatchObject({ paperSize: "A4", orientation: "Portrait", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: { row: 0, rowCount: 3 }, centerHorizontally: true });
    expect(overview).toMatchObject({ paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: { row: 0, rowCount: 3 } });
    expect(snap.sheets.find((s) => s.name === "Sheet1")!.pageLayout!.paperSize).toBe("Letter");
  });
});
