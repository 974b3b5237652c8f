/**
 * ReadRequest.fills (optional, added for live highlighting): every WorkbookPort reports each cell's
 * own fill so a painted cell can be given back its original colour.
 */
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { createFakeWorkbookPort } from "../../src/fake";
import type { WorkbookPort } from "../../src/core/workbook/port";

async function fillsOf(port: WorkbookPort) {
  await port.apply([
    { kind: "setValues", sheet: "Sheet1", address: "A1", values: [["a", "b", "c"]] },
    { kind: "setFormat", sheet: "Sheet1", address: "B1", format: { fill: "#00b050" } },
    { kind: "setFormat", sheet: "Sheet1", address: "C2", format: { fill: "#FFC7CE" } },
  ]);
  const [d] = await port.read([{ sheet: "Sheet1", address: "A1:C2", fills: true }]);
  const [plain] = await port.read([{ sheet: "Sheet1", address: "A1:C2" }]);
  return { fills: d.fills, values: d.values, plain };
}

test.each([
  ["Excel adapter over the fake", () => createFakeWorkbookPort({ sheets: ["Sheet1"] }).port as WorkbookPort],
  ["xlsx adapter", () => XlsxWorkbook.create() as WorkbookPort],
])("%s returns fills only when asked", async (_name, make) => {
  const r = await fillsOf(make());
  expect(r.fills).toEqual([
    [null, "#00B050", null],
    [null, null, "#FFC7CE"],
  ]);
  expect(r.values[0]).toEqual(["a", "b", "c"]);
  expect(r.plain.fills).toBeUndefined();
});

test("fills of a large block are read in bounded requests through the fake", async () => {
  const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await port.apply([{ kind: "setFormat", sheet: "Sheet1", address: "A1000:B1000", format: { fill: "#123456" } }]);
  fake.stats.reset();
  const [d] = await port.read([{ sheet: "Sheet1", address: "A1:J60000", fills: true }]);
  expect(d.fills).toHaveLength(60000);
  expect(d.fills![999].slice(0, 3)).toEqual(["#123456", "#123456", null]);
  expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
});
