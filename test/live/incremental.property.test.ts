/**
 * Property: whatever a clerk types, pastes or clears, in any order and burst, the live findings
 * equal a fresh full check of the workbook, and the painted cells are exactly the failing cells the
 * conditional formats do not already show — and clearing gives back the clerk's own fills.
 */
import fc from "fast-check";
import { createFakeWorkbookPort } from "../../src/fake";
import { LiveValidator, ERROR_FILL, WARNING_FILL } from "../../src/core/live";
import { checkWorkbook } from "../../src/core/live/checkWorkbook";
import { parseCell } from "../../src/core/workbook/address";
import { ID_BAD, ID_OK, prepare, STAFF, UNITS } from "./fixtures";

jest.setTimeout(240_000);

const value = fc.constantFrom<string | number>("", "T00001", "T00002", "T9", "1", "2", "男", "9", "D01", "D02", "D9", ID_OK, ID_BAD, "abc", 7, " x ", "１２");
const cell = fc.record({ sheet: fc.constantFrom(STAFF, STAFF, UNITS), row: fc.integer({ min: 4, max: 10 }), column: fc.integer({ min: 0, max: 5 }) });
const action = fc.oneof(
  fc.record({ kind: fc.constant("type" as const), at: cell, v: value }),
  fc.record({ kind: fc.constant("paste" as const), at: cell, block: fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("clear" as const), at: cell }),
  fc.record({ kind: fc.constant("wait" as const) }),
);

const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;

test("live findings = full check, marks = uncovered failing cells, own fills restored", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
      const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
      const catalog = await prepare(port, fake, 3);
      await fake.user.setFill(STAFF, "A5:F7", "#DDEBF7"); // the clerk's own colouring
      const live = new LiveValidator({ port, catalog, statYear: 2024, coalesceMs: 5 });
      await live.start();
      for (const a of actions) {
        if (a.kind === "wait") await live.idle();
        else if (a.kind === "type") await fake.user.type(a.at.sheet, a1(a.at.row, a.at.column), a.v);
        else if (a.kind === "paste") await fake.user.paste(a.at.sheet, a1(a.at.row, a.at.column), a.block);
        else await fake.user.clear(a.at.sheet, a1(a.at.row, a.at.column));
      }
      await live.idle();
      const full = await checkWorkbook(port, { catalog });
      const key = (f: { cell: string; rule: string; message: string; sheet: string }) => `${f.sheet}!${f.cell}|${f.rule}|${f.message}`;
      expect(live.state().findings.map(key).sort()).toEqual(full.findings.map(key).sort());
      // every painted cell carries the fill we recorded; every other cell of the sheets has no mark colour
      const painted = live.paintedCells();
      for (const sheet of [STAFF, UNITS]) {
        for (let r = 4; r < 14; r++)
          for (let c = 0; c < 6; c++) {
            const fill = fake.sheet(sheet).format(r, c, "fill");
            const p = painted.get(`${sheet}!${a1(r, c)}`);
            if (p) expect(fill).toBe(p);
            else expect([ERROR_FILL, WARNING_FILL]).not.toContain(fill);
          }
      }
      // a painted cell has a finding (painting never outlives the problem)
      const failing = new Set(live.state().findings.map((f) => `${f.sheet}!${f.cell}`));
      for (const k of painted.keys()) expect(failing.has(k)).toBe(true);
      // fix everything: every own fill comes back
      await fake.user.clear(STAFF, "A5:F20");
      await fake.user.clear(UNITS, "A5:F20");
      await live.idle();
      expect(live.paintedCells().size).toBe(0);
      for (let r = 4; r < 7; r++) for (let c = 0; c < 6; c++) expect(fake.sheet(STAFF).format(r, c, "fill")).toBe("#DDEBF7");
      const idx = parseCell("A8");
      expect(fake.sheet(STAFF).format(idx.row, idx.column, "fill")).toBeNull();
      await live.stop();
    }),
    { numRuns: 25, seed: 4242 },
  );
});
