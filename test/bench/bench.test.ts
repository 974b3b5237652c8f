/**
 * Keeps `npm run bench` from rotting: the generator and every measurement run on a small workbook
 * (500 students); we assert the JSON shape, the planted errors being found, and the budgets that
 * are counts (round trips, request bytes) — never times.
 */
import { getCatalog } from "../../src/core/catalog";
import { readTable, ValidationSession } from "../../src/core/validation";
import { compileAjv } from "../../bench/ajvSchemas";
import { benchTables, engineCheck, handedOver, sheetRanges } from "../../bench/measure";
import { formatHuman, parseArgs, runBench, TARGETS } from "../../bench/run";
import { BIG_TABLES, buildWorkbook, smallSizes } from "../../bench/workbook";

jest.setTimeout(600_000);

const catalog = getCatalog("undergraduate");
const wb = buildWorkbook(catalog, smallSizes(500));

describe("bench workbook generator", () => {
  test("is deterministic and has the requested sizes", () => {
    const again = buildWorkbook(catalog, smallSizes(500));
    expect([...again.records.entries()]).toEqual([...wb.records.entries()]);
    expect(wb.records.get(BIG_TABLES.students)).toHaveLength(500);
    expect(wb.records.get(BIG_TABLES.majors)).toHaveLength(20);
    expect(wb.records.get(BIG_TABLES.units)).toHaveLength(12);
    const other = buildWorkbook(catalog, smallSizes(500), 99);
    expect(other.records.get(BIG_TABLES.students)).not.toEqual(wb.records.get(BIG_TABLES.students));
  });

  test("the engine finds every planted error, and nothing else in the five big tables", () => {
    const ranges = sheetRanges(wb);
    const s = new ValidationSession(catalog, { statYear: wb.statYear });
    s.setTables(benchTables(wb).map((t) => readTable(ranges.get(t.id)!, t)));
    const findings = s.findings();
    const byCell = new Map<string, string[]>();
    for (const f of findings) byCell.set(`${f.table}#${f.row}#${f.column}`, [...(byCell.get(`${f.table}#${f.row}#${f.column}`) ?? []), f.rule]);
    expect(wb.planted.length).toBeGreaterThanOrEqual(12);
    for (const p of wb.planted) {
      const t = catalog.tables.find((x) => x.id === p.table)!;
      const header = t.columns.find((c) => c.key === p.column)!.header;
      expect({ planted: p, rules: byCell.get(`${p.table}#${p.index + 5}#${header}`) ?? [] }).toEqual({ planted: p, rules: expect.arrayContaining([p.rule]) });
    }
    const expected = new Set(wb.planted.flatMap((p) => [p.index, ...(p.partners ?? [])].map((i) => `${p.table}#${i + 5}`)));
    const big = new Set<string>(Object.values(BIG_TABLES));
    const stray = findings.filter((f) => big.has(f.table) && !expected.has(`${f.table}#${f.row}`));
    expect(stray).toEqual([]);
  });

  test("checkTables' bulk load (setTables) gives the same findings in the same order as loading table by table", () => {
    const ranges = sheetRanges(wb);
    const one = new ValidationSession(catalog, { statYear: wb.statYear });
    for (const t of benchTables(wb)) one.setTable(readTable(ranges.get(t.id)!, t));
    const bulk = new ValidationSession(catalog, { statYear: wb.statYear });
    bulk.setTables(benchTables(wb).map((t) => readTable(ranges.get(t.id)!, t)));
    expect(bulk.findings()).toEqual(one.findings());
    expect(engineCheck(wb, ranges)).toBe(one.findings().length);
    // the timed runs: each takes over a fresh copy of the values, and finds the same
    const handed = handedOver(ranges);
    expect(engineCheck(wb, handed, true)).toBe(one.findings().length);
    expect(engineCheck(wb, handedOver(ranges), true)).toBe(one.findings().length);
    expect(ranges.get(BIG_TABLES.students)!.values.length).toBeGreaterThan(handed.get(BIG_TABLES.students)!.values.length); // the original is untouched
  });

  test("the ajv peer reports the row-level planted errors and passes the valid big-table rows", () => {
    const ranges = sheetRanges(wb);
    const big = Object.values(BIG_TABLES).map((id) => catalog.tables.find((t) => t.id === id)!);
    const ajv = compileAjv(catalog, big);
    const errors = big.reduce((n, t) => n + ajv.check(t, ranges.get(t.id)!.values), 0);
    const rowLevel = wb.planted.filter((p) => p.rowLevel).length;
    expect(rowLevel).toBeGreaterThanOrEqual(7);
    expect(errors).toBeGreaterThanOrEqual(rowLevel);
    // a clean copy (planted errors not applied) has no ajv errors at all
    const clean = buildWorkbook(catalog, smallSizes(500), 20241, wb.statYear, false);
    expect(clean.planted).toEqual([]);
    const cleanRanges = sheetRanges(clean);
    expect(big.reduce((n, t) => n + ajv.check(t, cleanRanges.get(t.id)!.values), 0)).toBe(0);
  });
});

describe("npm run bench on a small workbook", () => {
  test("prints the figures in the documented JSON shape within the count budgets", async () => {
    const { options } = parseArgs(["--students", "500", "--rounds", "1"]);
    expect(options.sizes.students).toBe(500);
    const r = await runBench({ ...options, pasteRows: 500, smallStudents: 200, dataRows: 20 });
    const f = r.figures;
    expect(Object.keys(f)).toEqual(["fullCheck", "singleEdit", "paste10k", "cli"]);
    expect(Object.keys(f.fullCheck)).toEqual(["engineMs", "ajvMs", "ratio"]);
    expect(Object.keys(f.singleEdit)).toEqual(["engineMs50k", "engineMs500", "roundTrips"]);
    expect(Object.keys(f.paste10k)).toEqual(["engineMs", "roundTrips", "maxRequestBytes"]);
    expect(Object.keys(f.cli)).toEqual(["checkMs", "readMs", "ratio"]);
    for (const group of Object.values(f)) for (const v of Object.values(group as Record<string, number>)) expect(Number.isFinite(v) && v >= 0).toBe(true);
    // counts, not times
    expect(f.singleEdit.roundTrips).toBeGreaterThanOrEqual(1);
    expect(f.singleEdit.roundTrips).toBeLessThanOrEqual(TARGETS.singleEditRoundTrips); // read + apply
    expect(f.paste10k.roundTrips).toBeGreaterThanOrEqual(1);
    expect(f.paste10k.roundTrips).toBeLessThanOrEqual(TARGETS.pasteRoundTrips);
    expect(f.paste10k.maxRequestBytes).toBeGreaterThan(0);
    expect(f.paste10k.maxRequestBytes).toBeLessThanOrEqual(TARGETS.pasteMaxRequestBytes);
    // the checks did real work on both sides, and `tianbao check` on the saved .xlsx finds exactly
    // what the engine finds on the same values (a lost text format would turn codes into numbers)
    expect(r.details.engineFindings).toBeGreaterThan(wb.planted.length);
    expect(r.details.ajvErrors).toBeGreaterThan(0);
    expect(r.details.cliFindings).toBe(r.details.engineFindings);
    const text = formatHuman(r);
    expect(text).toContain("全表校验");
    expect(text).toContain("round trips");
  });
});
