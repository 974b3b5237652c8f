/** @jest-environment jsdom */
/**
 * The browser-preview path: the fake installed as the `Excel`/`Office` globals of a window, and the
 * adapter built with no arguments (as the task pane does inside Excel).
 */
import { FakeWorkbook, installFakeOffice } from "../../../src/fake";
import { ExcelWorkbook } from "../../../src/adapters/excel/ExcelWorkbook";
import { checkRequirements } from "../../../src/adapters/excel/requirements";

test("installFakeOffice on window: requirement checks, writes, reads and user events work in jsdom", async () => {
  const fake = new FakeWorkbook({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
  const uninstall = installFakeOffice(window, fake, { displayLanguage: "zh-CN" });
  try {
    expect(checkRequirements()).toMatchObject({ supported: true, notes: true, excelApi: "1.18" });
    const port = new ExcelWorkbook();
    const seen: string[] = [];
    await port.onChanged((e) => seen.push(`${e.source}:${e.address}`));
    await port.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["预览"]] }]);
    await fake.user.type("Sheet1", "B2", "用户");
    await fake.settle();
    expect(seen).toEqual(["addin:A1", "local:B2"]);
    expect((await port.read([{ sheet: "Sheet1" }]))[0].values).toEqual([
      ["预览", ""],
      ["", "用户"],
    ]);
  } finally {
    uninstall();
  }
  expect((window as unknown as Record<string, unknown>).Excel).toBeUndefined();
});
