/**
 * Property: whatever block of text, numbers and booleans is written to text-formatted cells comes
 * back unchanged through the Excel adapter — also when it is large enough to be split across syncs.
 */
import fc from "fast-check";
import { createFakeWorkbookPort } from "../../../src/fake";
import type { CellValue } from "../../../src/core/workbook/port";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  // Excel treats a leading apostrophe as the text prefix; everything else in a text cell stays as typed
  fc.string({ maxLength: 12 }).filter((s) => !s.startsWith("'")),
  fc.constantFrom("00123", "=A1", " 12 ", "2024-09-30", "TRUE", "１２３", "表 1-5-1"),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.integer(),
  fc.boolean(),
);

test("write then read returns the same block (text-formatted target)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20 }), fc.array(cell, { minLength: 48, maxLength: 48 }), async (rows, cols, r0, c0, pool) => {
      const { port, fake } = createFakeWorkbookPort({ sheets: ["数据 '表' 1"], requestBudget: 1200 });
      const values = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pool[(r * cols + c) % pool.length]));
      const address = `${String.fromCharCode(65 + c0)}${r0 + 1}`;
      await port.apply([
        { kind: "setFormat", sheet: "数据 '表' 1", address: `A1:Z100`, format: { numberFormat: "@" } },
        { kind: "setValues", sheet: "数据 '表' 1", address, values },
      ]);
      const [back] = await port.read([{ sheet: "数据 '表' 1", address: `${address}:${String.fromCharCode(65 + c0 + cols - 1)}${r0 + rows}` }]);
      expect(back.values).toEqual(values);
      expect(fake.stats.rejected).toBe(0);
    }),
    { numRuns: 40 },
  );
});
