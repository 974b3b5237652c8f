/**
 * Live validation through the real Excel adapter over the behavioural fake: a clerk's edits and
 * pastes turn cells red (or back), only the changed rows are read, and the round trips stay within
 * the budget of issue #4 (single edit ≤ 2, 10,000-row paste ≤ 6 with requests ≤ 5 MB).
 */
import { createFakeWorkbookPort } from "../../src/fake";
import { LiveValidator, ERROR_FILL, MARKS_SHEET, PROP_LIVE_CF } from "../../src/core/live";
import { ID_BAD, ID_OK, prepare, SCHOOL, STAFF, UNITS } from "./fixtures";

const FIVE_MB = 5 * 1024 * 1024;

async function setup(staffRows = 3, options: { fake?: ReturnType<typeof createFakeWorkbookPort>["fake"] } = {}) {
  const f = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" }, fake: options.fake });
  const catalog = await prepare(f.port, f.fake, staffRows);
  const live = new LiveValidator({ port: f.port, catalog, statYear: 2024, coalesceMs: 20 });
  return { ...f, catalog, live };
}

const fillAt = (fake: ReturnType<typeof createFakeWorkbookPort>["fake"], sheet: string, a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = m[1].charCodeAt(0) - 65;
  return fake.sheet(sheet).format(Number(m[2]) - 1, col, "fill");
};

describe("LiveValidator", () => {
  test("start: full check of every bound sheet, conditional formats once, very hidden marks sheet", async () => {
    const { live, fake } = await setup(3);
    await fake.user.paste(STAFF, "A6", [["T00001", "", "3", ID_BAD, "9999", "abc"]]); // row 6: several problems
    await live.start();
    const s = live.state();
    expect([...s.sheets.keys()].sort()).toEqual([SCHOOL, UNITS, STAFF].sort());
    const rules = s.findings.filter((f) => f.sheet === STAFF && f.row === 6).map((f) => f.rule).sort();
    expect(rules).toEqual(["T.1-5-1.exists-DWH", "T.1-5-1.unique-GH", "column.code", "column.idCard", "column.integer", "column.required"].sort());
    // code list / id check digit / existence / uniqueness: add-in fills; required-empty and
    // not-a-number are shown by the conditional formats instead (no fill written on B6, F6)
    for (const a of ["A6", "C6", "D6", "E6"]) expect(fillAt(fake, STAFF, a)).toBe(ERROR_FILL);
    expect(fillAt(fake, STAFF, "A5")).toBe(ERROR_FILL); // the other half of the duplicate 工号
    expect(fillAt(fake, STAFF, "B6")).toBeNull();
    expect(fillAt(fake, STAFF, "F6")).toBeNull();
    const snap = fake.snapshot().sheets.find((x) => x.name === STAFF)!;
    expect(snap.customProperties[PROP_LIVE_CF]).toMatch(/^v1:/);
    const cfs = fake.sheet(STAFF).conditionalFormats;
    expect(cfs.length).toBe(2);
    // the conditional formats really fire where the engine reports required / not-a-number
    expect(fake.conditionalStyle(fake.sheet(STAFF), 5, 1).fill).toBe(ERROR_FILL); // B6 empty 姓名
    expect(fake.conditionalStyle(fake.sheet(STAFF), 5, 5).fill).toBe(ERROR_FILL); // F6 "abc" 教龄
    expect(fake.conditionalStyle(fake.sheet(STAFF), 6, 1).fill).toBeNull(); // B7: a complete row
    expect(fake.snapshot().sheets.find((x) => x.name === MARKS_SHEET)!.visibility).toBe("VeryHidden");
    // a second check does not add conditional formats again
    await live.revalidateAll();
    expect(fake.sheet(STAFF).conditionalFormats.length).toBe(2);
    await live.stop();
  });

  test("a single-cell edit on a 50,000-row sheet: ≤ 2 round trips, cell turns red and back, own fill restored", async () => {
    const { live, fake } = await setup(50_000);
    await fake.user.setFill(STAFF, "C20", "#00B050"); // the clerk's own green
    await live.start();
    expect(live.state().summary).toEqual({ errors: 0, warnings: 0 });

    fake.stats.reset();
    await fake.user.type(STAFF, "C20", "1"); // the code instead of the name: error
    await live.idle();
    // the whole path from the user's keystroke: the adapter names the sheet from its cache
    // (worksheets.onNameChanged, ExcelApi 1.17), then one read of the row and one apply
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(fillAt(fake, STAFF, "C20")).toBe(ERROR_FILL);
    const f = live.state().findings.find((x) => x.cell === "C20")!;
    expect(f.rule).toBe("column.codeValue");
    expect(f.message).toContain("第20行【性别】");

    fake.stats.reset();
    await fake.user.type(STAFF, "C20", "女");
    await live.idle();
    expect(fake.stats.syncs).toBeLessThanOrEqual(2);
    expect(live.state().summary.errors).toBe(0);
    expect(fillAt(fake, STAFF, "C20")).toBe("#00B050"); // the clerk's green is back
    expect(live.paintedCells().size).toBe(0);
    await live.stop();
  }, 60_000);

  test("a 10,000-row paste: ≤ 6 round trips, largest request ≤ 5 MB, findings for the bad rows only", async () => {
    const { live, fake } = await setup(10);
    await live.start();
    const rows = Array.from({ length: 10_000 }, (_, i) => [`P${i}`, `新教师${i}`, i % 1000 === 7 ? "9" : "女", i === 5 ? ID_BAD : ID_OK, "D02", 3]);
    fake.stats.reset();
    await fake.user.paste(STAFF, "A20", rows);
    const ev = fake.stats.syncs;
    await live.idle();
    expect(fake.stats.syncs - ev).toBeLessThanOrEqual(6);
    expect(fake.stats.maxRequestBytes).toBeLessThanOrEqual(FIVE_MB);
    const errs = live.state().findings.filter((f) => f.severity === "error");
    expect(errs.filter((f) => f.rule === "column.code").map((f) => f.row)).toEqual(Array.from({ length: 10 }, (_, k) => 20 + k * 1000 + 7));
    expect(errs.filter((f) => f.rule === "column.idCard").map((f) => f.cell)).toEqual(["D25"]);
    expect(fillAt(fake, STAFF, "C27")).toBe(ERROR_FILL);
    expect(fillAt(fake, STAFF, "C28")).toBeNull();
    await live.stop();
  }, 60_000);

  test("cross-table: deleting a unit marks the staff rows that use it; restoring clears them", async () => {
    const { live, fake } = await setup(3);
    await live.start();
    await fake.user.paste(STAFF, "E7", [["D02"]]);
    await live.idle();
    expect(live.state().summary.errors).toBe(0);
    await fake.user.clear(UNITS, "A6:B6"); // 人事处 0002 removed
    await live.idle();
    const f = live.state().findings.filter((x) => x.rule === "T.1-5-1.exists-DWH");
    expect(f.map((x) => x.cell)).toEqual(["E7"]);
    expect(f[0].message).toContain("D02");
    expect(fillAt(fake, STAFF, "E7")).toBe(ERROR_FILL);
    await fake.user.paste(UNITS, "A6", [["D02", "人事处"]]);
    await live.idle();
    expect(live.state().summary.errors).toBe(0);
    expect(fillAt(fake, STAFF, "E7")).toBeNull();
    await live.stop();
  });

  test("bursts are coalesced: many quick edits → one read", async () => {
    const { live, fake, port } = await setup(5);
    await live.start();
    const reads: number[] = [];
    const orig = port.read.bind(port);
    port.read = async (reqs) => {
      reads.push(reqs.length);
      return orig(reqs);
    };
    await Promise.all([fake.user.type(STAFF, "C5", "9"), fake.user.type(STAFF, "C7", "8"), fake.user.type(STAFF, "C9", "7")]);
    await live.idle();
    expect(reads.length).toBe(1); // one batched read of the changed rows (fills known: no second read)
    expect(live.state().findings.filter((f) => f.rule === "column.code").map((f) => f.cell)).toEqual(["C5", "C7", "C9"]);
    await live.stop();
  });

  test("own writes (source addin) are ignored; a header edit re-reads the sheet and reports it", async () => {
    const { live, fake, port } = await setup(3);
    await live.start();
    const passes = live.state().passes;
    await port.apply([{ kind: "setValues", sheet: STAFF, address: "C5", values: [["x"]] }]);
    await fake.settle();
    await live.idle();
    expect(live.state().passes).toBe(passes); // nothing processed
    await fake.user.type(STAFF, "B4", "名字");
    await live.idle();
    const s = live.state().findings.filter((f) => f.rule.startsWith("structure."));
    expect(s.length).toBeGreaterThan(0);
    expect(s.map((f) => f.message).join("\n")).toContain("姓名");
    await live.stop();
  });

  test("a renamed sheet keeps being checked (binding by defined name)", async () => {
    const { live, fake } = await setup(3);
    await live.start();
    await fake.user.renameSheet(STAFF, "教职工");
    await fake.user.type("教职工", "C6", "5");
    await live.idle();
    const f = live.state().findings.find((x) => x.rule === "column.code")!;
    expect(f.sheet).toBe("教职工");
    expect(f.cell).toBe("C6");
    await live.stop();
  });

  test("marks survive closing the pane: a new validator clears what the old one painted", async () => {
    const { live, fake, port, catalog } = await setup(3);
    await fake.user.setFill(STAFF, "C6", "#FFFF00");
    await live.start();
    await fake.user.type(STAFF, "C6", "7");
    await live.idle();
    expect(fillAt(fake, STAFF, "C6")).toBe(ERROR_FILL);
    await live.stop(); // pane closed
    await fake.user.type(STAFF, "C6", "男"); // fixed while nobody listened
    const again = new LiveValidator({ port, catalog, statYear: 2024, coalesceMs: 20 });
    await again.start();
    expect(fillAt(fake, STAFF, "C6")).toBe("#FFFF00");
    await again.stop();
  });

  test("sheet activation re-checks the sheet (catches what no event reported)", async () => {
    const { live, fake, port } = await setup(3);
    await live.start();
    // a write that raises no change event we process (e.g. another add-in's, marked as ours)
    await port.apply([{ kind: "setValues", sheet: STAFF, address: "C5", values: [["9"]] }]);
    await fake.settle();
    await live.idle();
    expect(live.state().findings.some((f) => f.cell === "C5")).toBe(false);
    await fake.user.activate(UNITS);
    await fake.user.activate(STAFF);
    await live.idle();
    expect(live.state().findings.filter((f) => f.cell === "C5").map((f) => f.rule)).toEqual(["column.code"]);
    expect(fillAt(fake, STAFF, "C5")).toBe(ERROR_FILL);
    await live.stop();
  });

  test("marks follow a renamed sheet and are dropped with a deleted one (painting keeps working)", async () => {
    const { live, fake } = await setup(3);
    await live.start();
    await fake.user.type(STAFF, "C6", "7");
    await fake.user.type(UNITS, "A6", "D01"); // duplicate 单位号 → marks on the units sheet
    await live.idle();
    expect(fillAt(fake, UNITS, "A6")).toBe(ERROR_FILL);
    await fake.user.renameSheet(STAFF, "教职工");
    await fake.user.type("教职工", "C6", "男"); // fixed on the renamed sheet
    await live.idle();
    expect(fillAt(fake, "教职工", "C6")).toBeNull();
    expect([...live.paintedCells().keys()].sort()).toEqual([`${UNITS}!A5`, `${UNITS}!A6`]);
    await fake.user.deleteSheet(UNITS);
    await fake.user.activate("教职工"); // Excel shows another sheet after a delete
    await fake.user.type("教职工", "C7", "8");
    await live.idle();
    expect(fillAt(fake, "教职工", "C7")).toBe(ERROR_FILL);
    expect([...live.paintedCells().keys()].some((k) => k.startsWith(UNITS))).toBe(false);
    expect(live.state().notices.filter((n) => n.code === "readFailed" || n.code === "applyFailed")).toEqual([]);
    // the marks sheet holds exactly the live marks
    const marks = fake.values(MARKS_SHEET, "A2:D10").filter((r) => r[0] !== "");
    expect(marks.map((r) => `${r[0]}!${r[1]}`).sort()).toEqual([...live.paintedCells().keys()].sort());
    await live.stop();
  });

  test("an edit made while the first check is still running is not lost", async () => {
    const { live, fake } = await setup(3);
    const starting = live.start();
    await fake.user.type(STAFF, "C7", "9");
    await starting;
    await live.idle();
    expect(live.state().findings.filter((f) => f.rule === "column.code").map((f) => f.cell)).toEqual(["C7"]);
    await live.stop();
  });

  test("a deleted base table no longer feeds cross-table rules (its data is gone, so is the check)", async () => {
    const { live, fake } = await setup(3);
    await live.start();
    await fake.user.type(STAFF, "E6", "D9"); // not a unit
    await live.idle();
    expect(live.state().findings.some((f) => f.cell === "E6" && f.rule === "T.1-5-1.exists-DWH")).toBe(true);
    await fake.user.deleteSheet(UNITS);
    await fake.user.activate(STAFF);
    await live.idle();
    expect(live.state().sheets.has(UNITS)).toBe(false);
    expect(live.session.tableData("1-3")).toBeUndefined();
    expect(live.state().findings.some((f) => f.table === "1-3")).toBe(false);
    await live.stop();
  });
});
