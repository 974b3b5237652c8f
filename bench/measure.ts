/**
 * The four benchmark measurements (issue 4 point 8). Each returns plain numbers; `run.ts` prints
 * them. Times are medians of interleaved runs of the two sides, in the same process, after a
 * warm-up; round trips and request sizes are counts from the Excel fake (deterministic).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Catalog, TableDef } from "../src/core/catalog/types";
import { checkRows, readTable, ValidationSession } from "../src/core/validation";
import type { TableData } from "../src/core/validation/types";
import type { CellValue, RangeData, WorkbookPort } from "../src/core/workbook/port";
import { FIRST_DATA_ROW } from "../src/core/template/layout";
import { loadTemplates } from "../src/core/template/load";
import { numberFormatFor } from "../src/core/template/columns";
import { columnLetter } from "../src/core/workbook/address";
import type { WorkbookOp } from "../src/core/workbook/port";
import { createFakeWorkbookPort, type FakeWorkbook } from "../src/fake";
import { XlsxWorkbook } from "../src/adapters/xlsx/XlsxWorkbook";
import { compileAjv } from "./ajvSchemas";
import { BIG_TABLES, sheetValues, type BenchWorkbook } from "./workbook";

export interface BenchFigures {
  fullCheck: { engineMs: number; ajvMs: number; ratio: number };
  singleEdit: { engineMs50k: number; engineMs500: number; roundTrips: number };
  paste10k: { engineMs: number; roundTrips: number; maxRequestBytes: number };
  cli: { checkMs: number; readMs: number; ratio: number };
}

/** How each figure was obtained (printed with the human output, and in --json under `notes`). */
export type BenchNotes = string[];

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

/**
 * Runs `a` and `b` alternately (a b b a a b …, so neither side always goes first) after `warmup`
 * runs of each; returns the median time of each side in ms. `setup.a`/`setup.b`, when given, run
 * before each run of their side, outside the clock (e.g. handing a side the input it consumes).
 */
export async function interleaved(
  a: () => unknown,
  b: () => unknown,
  rounds: number,
  warmup = 1,
  setup: { a?: () => void; b?: () => void } = {},
): Promise<{ a: number; b: number; minA: number; minB: number }> {
  const ta: number[] = [], tb: number[] = [];
  const time = async (f: () => unknown) => {
    if (f === a) setup.a?.();
    else setup.b?.();
    const t0 = now();
    await f();
    return now() - t0;
  };
  for (let i = 0; i < warmup; i++) {
    await time(a);
    await time(b);
  }
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      ta.push(await time(a));
      tb.push(await time(b));
    } else {
      tb.push(await time(b));
      ta.push(await time(a));
    }
  }
  return { a: median(ta), b: median(tb), minA: Math.min(...ta), minB: Math.min(...tb) };
}

/** Catalog tables of the workbook, in catalog order. */
export function benchTables(wb: BenchWorkbook): TableDef[] {
  return wb.catalog.tables.filter((t) => wb.records.has(t.id));
}

/** Every table's sheet as `port.read` returns a used range. */
export function sheetRanges(wb: BenchWorkbook): Map<string, RangeData> {
  const out = new Map<string, RangeData>();
  for (const t of benchTables(wb)) {
    const values = sheetValues(t, wb.records.get(t.id)!);
    out.set(t.id, { sheet: `表${t.id}`, address: "", row: 0, column: 0, values });
  }
  return out;
}

/**
 * Each sheet's range as `port.read` hands it to a check: a new outer array of rows per call, which
 * the check owns (the row arrays are shared; nobody writes into them). Made outside the clock, as
 * the port's read is not part of the check; ajv's side gets a copy of its own made the same way.
 */
export function handedOver(ranges: Map<string, RangeData>): Map<string, RangeData> {
  const out = new Map<string, RangeData>();
  for (const [id, r] of ranges) out.set(id, { ...r, values: r.values.slice() });
  return out;
}

/**
 * The engine's whole-workbook check: readTable + checkTables over all tables. With `owned`, the
 * tables take the ranges' values over (as `checkWorkbook` does with what it just read): pass ranges
 * from `handedOver`, used for this one check.
 */
export function engineCheck(wb: BenchWorkbook, ranges: Map<string, RangeData>, owned = false): number {
  const tds = benchTables(wb).map((t) => readTable(ranges.get(t.id)!, t, { owned }));
  const s = new ValidationSession(wb.catalog, { statYear: wb.statYear });
  s.setTables(tds);
  return s.findings().length;
}

// ---- 1. full check against ajv ------------------------------------------------------------------

/** The engine's row-level part only (readTable + column checks and record rules), as ajv does. */
export function engineRowLevel(wb: BenchWorkbook, ranges: Map<string, RangeData>, owned = false): number {
  let n = 0;
  for (const t of benchTables(wb)) {
    const td = readTable(ranges.get(t.id)!, t, { owned });
    n += checkRows(td, td.rows.keys(), wb.catalog, { statYear: wb.statYear }).length;
  }
  return n;
}

/**
 * Rounds and warm-up runs of the full-check comparison. One full check takes tens of milliseconds
 * and a garbage collection that lands in it can add as much again (a scavenge that grows the heap
 * costs 20-30 ms on the CI machines, whichever side happens to trigger it), so five samples per side
 * gave ratios anywhere between 1.0 and 1.4 for the same code. 15 alternating samples after 3
 * warm-ups (both sides' code optimised) make the medians repeatable; the minimum of each side is
 * reported next to them.
 */
export const FULL_CHECK_ROUNDS = 15;
export const FULL_CHECK_WARMUP = 3;

export async function measureFullCheck(
  wb: BenchWorkbook,
  rounds: number,
  warmup = FULL_CHECK_WARMUP,
): Promise<BenchFigures["fullCheck"] & { engineFindings: number; ajvErrors: number; rowLevelMs: number; rowLevelAjvMs: number; engineMinMs: number; ajvMinMs: number }> {
  const ranges = sheetRanges(wb);
  const tables = benchTables(wb);
  const ajv = compileAjv(wb.catalog, tables);
  let engineFindings = 0, ajvErrors = 0;
  // Each run reads the sheets as a check in the add-in or the CLI does: values just read (a fresh
  // copy per run, made before the clock starts). The engine's tables take them over; ajv reads
  // its own copy the same way, so both sides leave the same garbage for the collector.
  let mine = handedOver(ranges), theirs = handedOver(ranges);
  const fresh = { a: () => void (mine = handedOver(ranges)), b: () => void (theirs = handedOver(ranges)) };
  const ajvRun = () => {
    let n = 0;
    for (const table of tables) n += ajv.check(table, theirs.get(table.id)!.values);
    return n;
  };
  const t = await interleaved(
    () => (engineFindings = engineCheck(wb, mine, true)),
    () => (ajvErrors = ajvRun()),
    rounds,
    warmup,
    fresh,
  );
  // apples to apples: the engine without cross-record rules against the same ajv run
  const rl = await interleaved(() => engineRowLevel(wb, mine, true), ajvRun, rounds, warmup, fresh);
  return {
    engineMs: round(t.a),
    ajvMs: round(t.b),
    ratio: round(t.a / t.b, 3),
    engineFindings,
    ajvErrors,
    rowLevelMs: round(rl.a),
    rowLevelAjvMs: round(rl.b),
    engineMinMs: round(t.minA),
    ajvMinMs: round(t.minB),
  };
}

// ---- 2./3. engine side of an edit and a paste ---------------------------------------------------

/** A session with every table of the workbook loaded. */
export function loadedSession(wb: BenchWorkbook): { session: ValidationSession; tds: Map<string, TableData> } {
  const ranges = sheetRanges(wb);
  const tds = new Map(benchTables(wb).map((t) => [t.id, readTable(ranges.get(t.id)!, t)]));
  const session = new ValidationSession(wb.catalog, { statYear: wb.statYear });
  session.setTables(tds.values());
  return { session, tds };
}

const STUDENTS = BIG_TABLES.students;

/**
 * One-cell edits of the students' sheet: alternately a wrong 性别 code and the right one back, in the
 * middle of the sheet. Median engine time of `updateRows` for a 50,000-row and a 500-row sheet.
 */
export async function measureSingleEditEngine(big: BenchWorkbook, small: BenchWorkbook, edits: number): Promise<{ engineMs50k: number; engineMs500: number }> {
  const a = loadedSession(big), b = loadedSession(small);
  const editor = (s: ValidationSession, td: TableData) => {
    const xb = td.table.columns.findIndex((c) => c.key === "XB");
    const i = Math.floor(td.rows.length / 2) + 1;
    let k = 0;
    return () => {
      const values = td.rows[i].slice();
      values[xb] = k++ % 2 === 0 ? "09" : "01";
      s.updateRows(STUDENTS, [{ index: i, values }]);
    };
  };
  const ea = editor(a.session, a.tds.get(STUDENTS)!), eb = editor(b.session, b.tds.get(STUDENTS)!);
  // one edit is microseconds: time blocks of 10 edits, report per edit
  const block = (f: () => void) => () => {
    for (let j = 0; j < 10; j++) f();
  };
  const t = await interleaved(block(ea), block(eb), Math.max(5, Math.round(edits / 10)), 5);
  return { engineMs50k: round(t.a / 10, 4), engineMs500: round(t.b / 10, 4) };
}

/** New student records (distinct 学号) for a paste, taken from the generated ones. */
export function pasteRecords(wb: BenchWorkbook, count: number): CellValue[][] {
  const t = wb.catalog.tables.find((x) => x.id === STUDENTS)!;
  const xh = t.columns.findIndex((c) => c.key === "XH");
  const src = wb.records.get(STUDENTS)!;
  return Array.from({ length: count }, (_, i) => {
    const r = src[i % src.length].slice();
    r[xh] = `2025${String(i + 1).padStart(6, "0")}`;
    return r;
  });
}

/** Engine time of `updateRows` for `count` pasted records below the last one (median of `rounds`). */
export async function measurePasteEngine(wb: BenchWorkbook, count: number, rounds: number): Promise<number> {
  const { session, tds } = loadedSession(wb);
  const td = tds.get(STUDENTS)!;
  const start = td.rows.length;
  const recs = pasteRecords(wb, count);
  const blank = new Array(td.table.columns.length).fill("");
  const times: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const t0 = now();
    session.updateRows(STUDENTS, recs.map((values, i) => ({ index: start + i, values })));
    const dt = now() - t0;
    if (r > 0) times.push(dt); // the first is the warm-up
    session.updateRows(STUDENTS, recs.map((_, i) => ({ index: start + i, values: blank })));
  }
  return round(median(times), 2);
}

// ---- 2./3. the live path through the Excel fake -------------------------------------------------

export interface LiveRig {
  port: WorkbookPort;
  fake: FakeWorkbook;
  /** Table id → sheet name. */
  sheets: Map<string, string>;
  /** Waits until the pending change has been handled (live controller or the manual path). */
  settle(): Promise<void>;
  via: string;
  stop(): Promise<void>;
}

/**
 * The template's number formats ("@" for codes and text, "0" for integers …) over `rows` data rows
 * of a list table. The loader formats DEFAULT_DATA_ROWS (2,000) rows; a school with 50,000
 * students has them formatted further down, else Excel turns the code "01" typed or pasted as
 * plain text into the number 1.
 */
export function dataFormatOps(t: TableDef, sheet: string, rows: number): WorkbookOp[] {
  if (t.shape === "single" || rows <= 0) return [];
  const first = FIRST_DATA_ROW + 1, last = FIRST_DATA_ROW + rows;
  return t.columns.map((c, i) => ({ kind: "setFormat" as const, sheet, address: `${columnLetter(i)}${first}:${columnLetter(i)}${last}`, format: { numberFormat: numberFormatFor(c) } }));
}

/** Loads the templates into a fake Excel workbook and fills every table as a person would paste it. */
export async function fakeWorkbook(wb: BenchWorkbook, dataRows?: number, extraRows = 0): Promise<{ port: WorkbookPort; fake: FakeWorkbook; sheets: Map<string, string> }> {
  const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
  const ids = benchTables(wb).map((t) => t.id);
  const { report } = await loadTemplates(port, wb.catalog, ids, { statYear: wb.statYear, ...(dataRows ? { dataRows } : {}) });
  const sheets = new Map([...report.added, ...report.present].map((a) => [a.tableId, a.sheet]));
  for (const t of benchTables(wb)) {
    const sheet = sheets.get(t.id);
    const recs = wb.records.get(t.id)!;
    if (!sheet || !recs.length) continue;
    await port.apply(dataFormatOps(t, sheet, recs.length + (t.id === STUDENTS ? extraRows : 0)));
    if (t.shape === "single") await fake.user.paste(sheet, `B${FIRST_DATA_ROW + 1}`, recs[0].map((v) => [v]));
    else await fake.user.paste(sheet, `A${FIRST_DATA_ROW + 1}`, recs);
  }
  return { port, fake, sheets };
}

type LiveValidatorCtor = new (o: { port: WorkbookPort; catalog: Catalog; statYear: number; timers?: unknown; coalesceMs?: number }) => {
  start(): Promise<void>;
  idle(): Promise<void>;
  stop(): Promise<void>;
};

/** The live validation controller, when src/core/live provides it. */
function liveValidatorClass(): LiveValidatorCtor | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require("../src/core/live") as { LiveValidator?: LiveValidatorCtor };
    return typeof m.LiveValidator === "function" ? m.LiveValidator : null;
  } catch {
    return null;
  }
}

/** Timers that fire only when flushed: the bench decides when a burst ends (no sleeping). */
function manualTimers() {
  const pending = new Set<() => void>();
  return {
    set: (fn: () => void) => {
      pending.add(fn);
      return fn;
    },
    clear: (h: unknown) => void pending.delete(h as () => void),
  };
}

/**
 * The live path: the controller (src/core/live LiveValidator) over the fake, started with a full
 * check. Without the controller, the engine's documented change path is driven by hand: on a
 * change event re-read only the changed rows (one `read`), `updateRows`, and paint the cells whose
 * findings changed (one `apply`).
 */
export async function liveRig(wb: BenchWorkbook, dataRows?: number, pasteRows = 0): Promise<LiveRig> {
  const { port, fake, sheets } = await fakeWorkbook(wb, dataRows, pasteRows);
  const Live = liveValidatorClass();
  if (Live) {
    const live = new Live({ port, catalog: wb.catalog, statYear: wb.statYear, timers: manualTimers() });
    await live.start();
    return { port, fake, sheets, via: "LiveValidator (src/core/live)", settle: () => fake.settle().then(() => live.idle()), stop: () => live.stop() };
  }
  return manualRig(wb, port, fake, sheets);
}

async function manualRig(wb: BenchWorkbook, port: WorkbookPort, fake: FakeWorkbook, sheets: Map<string, string>): Promise<LiveRig> {
  const { rowsFromRange } = await import("../src/core/validation");
  const { parseRange, cellAddress } = await import("../src/core/workbook/address");
  const session = new ValidationSession(wb.catalog, { statYear: wb.statYear });
  const bySheet = new Map([...sheets].map(([id, s]) => [s, id]));
  const used = await port.read([...sheets.values()].map((sheet) => ({ sheet })));
  const tds = new Map<string, TableData>();
  [...sheets.keys()].forEach((id, i) => tds.set(id, readTable(used[i], wb.catalog.tables.find((t) => t.id === id)!)));
  session.setTables(tds.values());
  let work: Promise<void> = Promise.resolve();
  const off = await port.onChanged((e) => {
    if (e.source === "addin") return;
    const id = bySheet.get(e.sheet);
    if (!id) return;
    work = work.then(async () => {
      const r = parseRange(e.address);
      const td = tds.get(id)!;
      const cols = td.layout.columns.filter((c): c is number => c !== null);
      const c0 = Math.min(...cols), c1 = Math.max(...cols);
      const [block] = await port.read([{ sheet: e.sheet, address: `${cellAddress(r.row, c0)}:${cellAddress(r.row + r.rowCount - 1, c1)}` }]);
      const { updates } = rowsFromRange(td, block);
      const delta = session.updateRows(id, updates);
      const ops = [
        ...delta.removed.map((f) => ({ kind: "setFormat" as const, sheet: f.sheet, address: f.cell, format: { fill: null } })),
        ...delta.added.map((f) => ({ kind: "setFormat" as const, sheet: f.sheet, address: f.cell, format: { fill: f.severity === "error" ? "#FFC7CE" : "#FFEB9C" } })),
      ];
      if (ops.length) await port.apply(ops);
    });
  });
  return { port, fake, sheets, via: "manual change path (no LiveValidator yet)", settle: () => fake.settle().then(() => work), stop: off };
}

/**
 * Round trips of one edit that breaks a cell and of the edit that fixes it (the larger), with the
 * size of each request of that edit (to see which step costs what).
 */
export async function measureSingleEditRoundTrips(rig: LiveRig, wb: BenchWorkbook): Promise<{ roundTrips: number; requestBytes: number[] }> {
  const sheet = rig.sheets.get(STUDENTS)!;
  const t = wb.catalog.tables.find((x) => x.id === STUDENTS)!;
  const col = String.fromCharCode(65 + t.columns.findIndex((c) => c.key === "XB"));
  const row = FIRST_DATA_ROW + 1 + Math.floor(wb.records.get(STUDENTS)!.length / 2) + 1;
  let worst = { roundTrips: 0, requestBytes: [] as number[] };
  for (const value of ["09", "01"]) {
    await rig.settle();
    rig.fake.stats.reset();
    await rig.fake.user.type(sheet, `${col}${row}`, value);
    await rig.settle();
    if (rig.fake.stats.syncs > worst.roundTrips) worst = { roundTrips: rig.fake.stats.syncs, requestBytes: [...rig.fake.stats.requestBytes] };
  }
  return worst;
}

/** A paste of `count` new student records below the last one: round trips and the largest request. */
export async function measurePasteRoundTrips(rig: LiveRig, wb: BenchWorkbook, count: number): Promise<{ roundTrips: number; maxRequestBytes: number }> {
  const sheet = rig.sheets.get(STUDENTS)!;
  const recs = pasteRecords(wb, count);
  const row = FIRST_DATA_ROW + 1 + wb.records.get(STUDENTS)!.length;
  await rig.settle();
  rig.fake.stats.reset();
  await rig.fake.user.paste(sheet, `A${row}`, recs);
  await rig.settle();
  return { roundTrips: rig.fake.stats.syncs, maxRequestBytes: rig.fake.stats.maxRequestBytes };
}

// ---- 4. tianbao check on the .xlsx against ExcelJS's plain read ----------------------------------

/** Saves the workbook as an .xlsx made by the template loader (the file `tianbao check` reads). */
export async function saveXlsx(wb: BenchWorkbook, file: string, dataRows?: number): Promise<void> {
  const x = XlsxWorkbook.create();
  const ids = benchTables(wb).map((t) => t.id);
  const { report } = await loadTemplates(x, wb.catalog, ids, { statYear: wb.statYear, ...(dataRows ? { dataRows } : {}) });
  await x.apply([{ kind: "deleteSheet", sheet: "Sheet1" }]);
  const sheets = new Map([...report.added, ...report.present].map((a) => [a.tableId, a.sheet]));
  for (const t of benchTables(wb)) {
    const sheet = sheets.get(t.id);
    const recs = wb.records.get(t.id)!;
    if (!sheet || !recs.length) continue;
    await x.apply(dataFormatOps(t, sheet, recs.length));
    if (t.shape === "single") await x.apply([{ kind: "setValues", sheet, address: `B${FIRST_DATA_ROW + 1}`, values: recs[0].map((v) => [v]) }]);
    else await x.apply([{ kind: "setValues", sheet, address: `A${FIRST_DATA_ROW + 1}`, values: recs }]);
  }
  await x.save(file);
}

export function tempXlsx(tag: string): string {
  return path.join(os.tmpdir(), `tianbao-bench-${tag}-${process.pid}.xlsx`);
}

/**
 * `tianbao check FILE --json` in-process (src/cli/main.ts, output captured) when the check command
 * is registered; otherwise what it will do: open with the xlsx adapter, bind the sheets, read them,
 * readTable + checkTables.
 */
export async function cliCheck(file: string, catalog: Catalog, statYear: number): Promise<{ run: () => Promise<number>; via: string }> {
  const { commands } = await import("../src/cli/commands");
  if (commands.some((c) => c.name === "check")) {
    const { main } = await import("../src/cli/main");
    return {
      via: "tianbao check --json (src/cli/main.ts, in-process)",
      run: async () => {
        let out = "";
        const code = await main(["check", file, "--json"], { stdout: (s) => void (out += s), stderr: () => undefined });
        if (code !== 0 && code !== 1) throw new Error(`tianbao check exited ${code}`);
        return (JSON.parse(out) as { findings: unknown[] }).findings.length;
      },
    };
  }
  const { readWorkbookState, bindTables } = await import("../src/core/template");
  return {
    via: "xlsx adapter + binding + readTable + checkTables (tianbao check not registered yet)",
    run: async () => {
      const x = await XlsxWorkbook.open(file);
      const state = await readWorkbookState(x, catalog);
      const binding = bindTables(state, catalog);
      const pairs = [...binding.sheets].filter(([, id]) => catalog.tables.some((t) => t.id === id));
      const data = await x.read(pairs.map(([sheet]) => ({ sheet })));
      const tds = pairs.map(([, id], i) => readTable(data[i], catalog.tables.find((t) => t.id === id)!));
      const s = new ValidationSession(catalog, { statYear });
      s.setTables(tds);
      return s.findings().length;
    },
  };
}

export async function measureCli(wb: BenchWorkbook, rounds: number, dataRows?: number, file = tempXlsx("cli")): Promise<BenchFigures["cli"] & { via: string; findings: number; fileBytes: number }> {
  await saveXlsx(wb, file, dataRows);
  try {
    const check = await cliCheck(file, wb.catalog, wb.statYear);
    let findings = 0;
    const t = await interleaved(
      async () => (findings = await check.run()),
      () => new ExcelJS.Workbook().xlsx.readFile(file),
      rounds,
    );
    return { checkMs: round(t.a), readMs: round(t.b), ratio: round(t.a / t.b, 3), via: check.via, findings, fileBytes: fs.statSync(file).size };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
