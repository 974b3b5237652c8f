/**
 * The real Excel adapter running against the fake: what other tests use to get a WorkbookPort that
 * behaves like Excel (round trips, limits, events) without Excel.
 *
 *   import { createFakeWorkbookPort } from "../../src/fake";
 *   const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
 *   await port.apply([...]);
 *   await fake.user.type("Sheet1", "B5", "abc");   // a person typing; fires onChanged
 *   fake.stats.syncs;                              // round trips so far
 */
import { ExcelWorkbook, type ExcelWorkbookOptions } from "../adapters/excel/ExcelWorkbook";
import { createFakeOfficeGlobals, type FakeOfficeGlobals, type FakeOfficeOptions } from "./install";
import { FakeWorkbook, type FakeWorkbookOptions } from "./model";

export interface FakeWorkbookPortOptions extends FakeWorkbookOptions, FakeOfficeOptions, Pick<ExcelWorkbookOptions, "requestBudget" | "readCellBudget"> {
  /** Reuse an existing fake workbook instead of creating one. */
  fake?: FakeWorkbook;
}

export interface FakeWorkbookPort {
  port: ExcelWorkbook;
  fake: FakeWorkbook;
  globals: FakeOfficeGlobals;
}

export function createFakeWorkbookPort(options: FakeWorkbookPortOptions = {}): FakeWorkbookPort {
  const fake = options.fake ?? new FakeWorkbook(options);
  const globals = createFakeOfficeGlobals(fake, options);
  const port = new ExcelWorkbook({
    excel: globals.Excel as unknown as typeof Excel,
    office: globals.Office as unknown as typeof Office,
    requestBudget: options.requestBudget,
    readCellBudget: options.readCellBudget,
  });
  return { port, fake, globals };
}
