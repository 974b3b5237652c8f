/**
 * The 责任分解 sheet is an Excel table (TB_Assignments) after seeding and after updates that add
 * rows or columns — in the pane (Excel adapter over the fake) and in files the CLI writes (xlsx).
 */
import * as ExcelJS from "exceljs";
import { createFakeWorkbookPort } from "../../src/fake";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { ASSIGNMENT_SHEET } from "../../src/core/template/layout";
import { ASSIGNMENT_FIELDS, ASSIGNMENT_HEADERS, ASSIGNMENT_TABLE, assignmentSheetOps, assignmentSheetUpdateOps } from "../../src/core/workflow/assignmentSheet";
import { seedAssignments } from "../../src/core/workflow/assignment";
import { readAssignments, seedAssignmentSheet, writeAssignmentSheet } from "../../src/core/workflow/workbook";
import type { WorkbookPort } from "../../src/core/workbook/port";
import { undergraduateCatalog } from "../workflow/fixtures";

const catalog = undergraduateCatalog();
const HEADERS = ASSIGNMENT_FIELDS.map((f) => ASSIGNMENT_HEADERS[f]);
const n = catalog.tables.length;

function fakeTables(fake: ReturnType<typeof createFakeWorkbookPort>["fake"]) {
  return fake.snapshot().sheets.find((s) => s.name === ASSIGNMENT_SHEET)?.tables ?? [];
}

describe("in the pane (Excel adapter over the fake)", () => {
  test("seeding makes the headers and rows one table with filter buttons; the sheet still reads back", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    expect((await seedAssignmentSheet(port, catalog, 2024)).written).toBe(true);
    expect(fakeTables(fake)).toEqual([{ name: ASSIGNMENT_TABLE, address: `A1:I${n + 1}`, style: "TableStyleMedium2", showFilterButton: true }]);
    const [head] = await port.read([{ sheet: ASSIGNMENT_SHEET, address: "A1:I1" }]);
    expect(head.values[0]).toEqual(HEADERS);
    const read = await readAssignments(port, catalog, 2024);
    expect(read.rows.map((r) => r.assignment.tableId)).toEqual(seedAssignments(catalog, 2024).assignments.map((a) => a.tableId));
  });

  test("an update that appends rows grows the table over them, the user's 备注 column inside; re-running changes nothing", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    const all = seedAssignments(catalog, 2024).assignments;
    // a sheet with 4 tables and the user's own 备注 column, already a table (as seeded earlier)
    const old = assignmentSheetOps(all.slice(0, 4), { create: true }).filter((o) => o.kind !== "addTable");
    await port.apply(old);
    await port.apply([{ kind: "setValues", sheet: ASSIGNMENT_SHEET, address: "J1", values: [["备注"], ["先填"]] }]);
    await port.apply([{ kind: "addTable", sheet: ASSIGNMENT_SHEET, address: "A1:J5", name: ASSIGNMENT_TABLE }]);
    expect(fakeTables(fake).map((t) => t.address)).toEqual(["A1:J5"]);

    const r = await writeAssignmentSheet(port, all, catalog, 2024);
    expect(r.tableProblem).toBeNull();
    expect(fakeTables(fake).map((t) => [t.name, t.address])).toEqual([[ASSIGNMENT_TABLE, `A1:J${n + 1}`]]);
    const [data] = await port.read([{ sheet: ASSIGNMENT_SHEET, address: `A1:J${n + 1}` }]);
    expect(data.values[0]).toEqual([...HEADERS, "备注"]);
    expect(data.values[1][9]).toBe("先填");
    expect(data.values.slice(1).map((row) => row[0])).toEqual(all.map((a) => a.tableId));

    await writeAssignmentSheet(port, all, catalog, 2024);
    expect(fakeTables(fake).map((t) => t.address)).toEqual([`A1:J${n + 1}`]);
  });

  test("a table of the user's own over the rows: the values are still written and the reason is given in Chinese", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    const all = seedAssignments(catalog, 2024).assignments;
    await port.apply(assignmentSheetOps(all.slice(0, 3), { create: true }).filter((o) => o.kind !== "addTable"));
    await port.apply([{ kind: "addTable", sheet: ASSIGNMENT_SHEET, address: "A1:I4", name: "分工表" }]);
    const r = await writeAssignmentSheet(port, all, catalog, 2024);
    expect(r.tableProblem).toMatch(/工作表“责任分解”的 A1:I10 与已有表格“分工表”（A1:I4）重叠/);
    expect(fakeTables(fake).map((t) => t.name)).toEqual(["分工表"]);
    expect((await readAssignments(port, catalog, 2024)).rows).toHaveLength(n);
  });
});

test("no table over a header row with a blank or repeated header (Excel would rename it); the update itself still happens", () => {
  const all = seedAssignments(catalog, 2024).assignments;
  const gap = [[...HEADERS, "", "备注"], ["1-1", "学校概况", "步骤一", "校办", "", "", "", "", "", "", "x"]];
  const ops = assignmentSheetUpdateOps(gap, all, { catalog, statYear: 2024 });
  expect(ops.some((o) => o.kind === "addTable")).toBe(false);
  expect(ops.some((o) => o.kind === "setValues" && o.address === "A3")).toBe(true);
  const twice = [[...HEADERS, "表号"], ["1-1"]];
  expect(assignmentSheetUpdateOps(twice, all, { catalog, statYear: 2024 }).some((o) => o.kind === "addTable")).toBe(false);
  const fine = [[...HEADERS, "备注"], ["1-1"]];
  expect(assignmentSheetUpdateOps(fine, all, { catalog, statYear: 2024 }).filter((o) => o.kind === "addTable")).toEqual([
    { kind: "addTable", sheet: ASSIGNMENT_SHEET, address: `A1:J${n + 1}`, name: ASSIGNMENT_TABLE, style: "TableStyleMedium2", showFilterButton: true },
  ]);
});

describe("in files the CLI writes (xlsx adapter)", () => {
  async function tablesIn(buf: Buffer): Promise<Array<[string, string]>> {
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(buf as unknown as ArrayBuffer);
    return (x.getWorksheet(ASSIGNMENT_SHEET)!.getTables() as unknown as Array<{ table: { name: string; tableRef: string } }>).map((t) => [t.table.name, t.table.tableRef]);
  }
  async function headersOf(port: WorkbookPort): Promise<unknown[]> {
    const [r] = await port.read([{ sheet: ASSIGNMENT_SHEET, address: "A1:I1" }]);
    return r.values[0];
  }

  test("seeded, saved, reopened, updated with more rows, saved again: the table follows the rows, values unchanged", async () => {
    const all = seedAssignments(catalog, 2024).assignments;
    const wb = XlsxWorkbook.create();
    await writeAssignmentSheet(wb, all.slice(0, 5), catalog, 2024);
    const first = await wb.toBuffer();
    expect(await tablesIn(first)).toEqual([[ASSIGNMENT_TABLE, "A1:I6"]]);

    const again = await XlsxWorkbook.open(first);
    expect(await headersOf(again)).toEqual(HEADERS);
    const before = (await readAssignments(again, catalog, 2024)).rows.map((r) => r.assignment);
    expect((await writeAssignmentSheet(again, all, catalog, 2024)).tableProblem).toBeNull();
    const second = await again.toBuffer();
    expect(await tablesIn(second)).toEqual([[ASSIGNMENT_TABLE, `A1:I${n + 1}`]]);

    const reopened = await XlsxWorkbook.open(second);
    expect(await headersOf(reopened)).toEqual(HEADERS);
    const after = (await readAssignments(reopened, catalog, 2024)).rows.map((r) => r.assignment);
    expect(after.slice(0, 5)).toEqual(before);
    expect(after.map((a) => a.tableId)).toEqual(all.map((a) => a.tableId));
    expect(after.find((a) => a.tableId === "1-1")?.deadline).toBe("2024-09-21");
  });
});
