/**
 * Live validation (校验 while typing): keeps a ValidationSession in step with the workbook through
 * WorkbookPort events and marks failing cells (see highlight.ts for how and why).
 *
 *   const live = new LiveValidator({ port, catalog, statYear });
 *   await live.start();                 // full check of every bound sheet (one batched read)
 *   live.subscribe((s) => …);           // findings, counts, notices after every pass
 *   await live.revalidateAll();         // 全部校验 / before submitting
 *   await live.idle();                  // tests: wait until pending edits are processed
 *   await live.stop();
 *
 * Change path (budget: one `read` + one `apply` for an edit inside one row):
 *  - events with source "addin" (our own writes) are ignored; bursts are coalesced for
 *    `coalesceMs` (150 ms): the changed addresses are collected and processed together (a paste
 *    gives only an address, never values);
 *  - ONLY the changed rows are re-read (one `read` for all of them, the table's columns, with
 *    fills when the block is small so a newly failing cell's original fill is known);
 *  - `updateRows` re-checks them and every cross-table rule that depends on them; a header edit,
 *    inserted/deleted rows or columns, or a single-record form re-read the sheet and `setTable`;
 *  - highlight changes go out in one `apply` (fills + mark slots), plus one `read` of fills first
 *    only for cells outside the changed rows (e.g. the other half of a new duplicate key).
 * Full revalidation of a sheet on activation; of everything on demand (`revalidateAll`).
 * Pure core: WorkbookPort + engine, no Office globals, DOM or React.
 */
import type { Catalog } from "../catalog/types";
import { bindTables, type BindingConflict } from "../template/binding";
import { HEADER_SEARCH_ROWS } from "../template/layout";
import { isOwnSheet, readWorkbookState } from "../template/state";
import { readTable, rowsFromRange, ValidationSession } from "../validation";
import type { Finding, FindingsDelta, TableData } from "../validation/types";
import { cellAddress, columnLetter, parseCell, parseRange, type RangeRef } from "../workbook/address";
import { WorkbookError, type CellValue, type ChangeEvent, type RangeData, type ReadRequest, type SheetInfo, type WorkbookOp, type WorkbookPort } from "../workbook/port";
import {
  coveredByCf,
  createMarksSheetOps,
  decodeCf,
  ERROR_FILL,
  fillOps,
  isPaintable,
  markKey,
  markOps,
  MARKS_SHEET,
  parseMarks,
  planConditionalFormats,
  PROP_LIVE_CF,
  WARNING_FILL,
  type CfRange,
  type Mark,
} from "./highlight";

export interface LiveTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveValidatorOptions {
  port: WorkbookPort;
  catalog: Catalog;
  statYear: number;
  /** How long to collect a burst of changes before processing it (default 150 ms). */
  coalesceMs?: number;
  timers?: LiveTimers;
  /** Paint cells (default true). The CLI-like "check only" use can switch it off. */
  highlight?: boolean;
  /** Cells of a changed block up to which fills are read with the values (default 20,000). */
  fillReadCells?: number;
}

/** Something the clerk should know that is not a finding (Chinese). */
export interface LiveNotice {
  code: "protected" | "marksTampered" | "bindingConflict" | "readFailed" | "applyFailed" | "notBound";
  sheet?: string;
  message: string;
}

export interface LiveState {
  /** Sheet → table id of every checked sheet. */
  sheets: Map<string, string>;
  findings: Finding[];
  summary: { errors: number; warnings: number };
  notices: LiveNotice[];
  /** A pass is running. */
  busy: boolean;
  /** Passes finished so far (0 = not checked yet). */
  passes: number;
}

interface SheetEntry {
  tableId: string;
  sheet: string;
  protected: boolean;
  cf: CfRange | null;
  /** Header row values by sheet column (for the CF coverage test). */
  header: Map<number, CellValue>;
}

const DEFAULT_TIMERS: LiveTimers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
/** Changed blocks taller than this are read as the whole sheet (setTable) instead of row by row. */
const ROW_UPDATE_LIMIT = 200_000;
const SLICE_ROWS = 16;

export class LiveValidator {
  readonly session: ValidationSession;
  private readonly port: WorkbookPort;
  private readonly catalog: Catalog;
  private readonly timers: LiveTimers;
  private readonly coalesceMs: number;
  private readonly paint: boolean;
  private readonly fillReadCells: number;
  private entries = new Map<string, SheetEntry>();
  private bySheetTable = new Map<string, string>();
  private byCell = new Map<string, Set<Finding>>();
  private marks = new Map<string, Mark>();
  /** Sheets seen at the last binding that hold no table (their edits are ignored). */
  private unbound = new Set<string>();
  private freeSlots: number[] = [];
  /** MARKS_SHEET rows to write with the next apply (slot → row). */
  private markWrites = new Map<number, [string, string, string, string]>();
  private nextSlot = 1;
  private marksSheet = false;
  private notices: LiveNotice[] = [];
  private pending = new Map<string, Array<{ rect: RangeRef; structural: boolean }>>();
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();
  private listeners = new Set<(s: LiveState) => void>();
  private unsubscribe: Array<() => Promise<void>> = [];
  private busy = 0;
  private passes = 0;
  private stopped = false;
  private rebindNext = false;

  constructor(options: LiveValidatorOptions) {
    this.port = options.port;
    this.catalog = options.catalog;
    this.session = new ValidationSession(options.catalog, { statYear: options.statYear });
    this.timers = options.timers ?? DEFAULT_TIMERS;
    this.coalesceMs = options.coalesceMs ?? 150;
    this.paint = options.highlight ?? true;
    this.fillReadCells = options.fillReadCells ?? 20_000;
  }

  // ---- public API -------------------------------------------------------------------------------

  /** Full check, then listens to changes and activations. */
  async start(): Promise<void> {
    // subscribe first: edits made while the first check runs are queued behind it, not lost
    const offChanged = await this.port.onChanged((e) => this.onChanged(e));
    const offActivated = await this.port.onActivated((sheet) => void this.enqueue(() => this.activated(sheet)).catch(() => undefined));
    this.unsubscribe.push(offChanged, offActivated);
    await this.enqueue(() => this.fullCheck());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    for (const off of this.unsubscribe.splice(0)) await off().catch(() => undefined);
    await this.chain.catch(() => undefined);
  }

  /** 全部校验 and before submitting: re-binds and re-reads every table sheet. */
  revalidateAll(): Promise<void> {
    this.flushTimer();
    return this.enqueue(() => this.fullCheck());
  }

  /** Processes collected changes now instead of after the coalescing delay. */
  flush(): Promise<void> {
    this.flushTimer();
    return this.chain;
  }

  /** Resolves when every collected change has been processed. */
  async idle(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c.catch(() => undefined);
      if (this.timer !== null) {
        await this.flush().catch(() => undefined);
        continue;
      }
      if (c === this.chain) return;
    }
  }

  subscribe(listener: (s: LiveState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  state(): LiveState {
    if (!this.cache) {
      const findings = this.session.findings();
      const errors = findings.filter((f) => f.severity === "error").length;
      this.cache = { findings, summary: { errors, warnings: findings.length - errors } };
    }
    return {
      sheets: new Map([...this.entries].map(([s, e]) => [s, e.tableId])),
      findings: this.cache.findings,
      summary: this.cache.summary,
      notices: [...this.notices],
      busy: this.busy > 0,
      passes: this.passes,
    };
  }

  /** Table data as last read (for explanations: the record a warning concerns). */
  tableData(tableId: string): TableData | undefined {
    return this.session.tableData(tableId);
  }

  /** Table id bound to `sheet`, if any. */
  tableOf(sheet: string): string | undefined {
    return this.entries.get(sheet)?.tableId;
  }

  /** The cells the add-in painted (sheet!cell → fill), for tests and the page. */
  paintedCells(): Map<string, string> {
    return new Map([...this.marks.values()].map((m) => [`${m.sheet}!${m.cell}`, m.painted]));
  }

  // ---- scheduling -------------------------------------------------------------------------------

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = async () => {
      if (this.stopped) return;
      this.busy++;
      this.emit();
      try {
        await work();
      } finally {
        this.busy--;
        this.passes++;
        this.emit();
      }
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private emit(): void {
    if (!this.listeners.size) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }

  private onChanged(e: ChangeEvent): void {
    if (this.stopped || e.source === "addin" || isOwnSheet(e.sheet) || this.unbound.has(e.sheet)) return;
    const structural = !/^(RangeEdited|Unknown)$/i.test(e.changeType);
    for (const part of e.address.split(",")) {
      let rect: RangeRef;
      try {
        rect = parseRange(part);
      } catch {
        continue;
      }
      const l = this.pending.get(e.sheet);
      if (l) l.push({ rect, structural });
      else this.pending.set(e.sheet, [{ rect, structural }]);
    }
    if (this.timer === null) this.timer = this.timers.set(() => this.flushTimer(), this.coalesceMs);
  }

  private flushTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    void this.enqueue(() => this.processChanges(batch)).catch(() => undefined);
  }

  // ---- passes -----------------------------------------------------------------------------------

  private async bind(): Promise<SheetInfo[]> {
    const state = await readWorkbookState(this.port, this.catalog);
    const binding = bindTables(state, this.catalog);
    const known = new Set(this.catalog.tables.map((t) => t.id));
    this.notices = this.notices.filter((n) => n.code !== "bindingConflict" && n.code !== "protected");
    for (const c of binding.conflicts) this.notices.push({ code: "bindingConflict", sheet: (c as BindingConflict).sheet, message: c.message });
    const previous = this.entries;
    this.entries = new Map();
    for (const [sheet, tableId] of binding.sheets) {
      if (!known.has(tableId)) continue;
      const info = state.sheets.find((s) => s.name === sheet);
      const old = previous.get(sheet);
      this.entries.set(sheet, {
        tableId,
        sheet,
        protected: info?.protected ?? false,
        cf: decodeCf(info?.customProperties[PROP_LIVE_CF]) ?? (old?.tableId === tableId ? old.cf : null),
        header: new Map(),
      });
      if (info?.protected && this.paint)
        this.notices.push({ code: "protected", sheet, message: `工作表“${sheet}”受保护，填报助手不会在其中标色；问题仍列在校验页中` });
    }
    this.bySheetTable = new Map([...this.entries].map(([s, e]) => [e.tableId, s]));
    // marks of a sheet that is gone: follow a renamed table sheet, forget a deleted one
    const exists = new Set(state.sheets.map((s) => s.name));
    const renamed = new Map<string, string>();
    for (const [old, e] of previous) if (!exists.has(old) && this.bySheetTable.has(e.tableId)) renamed.set(old, this.bySheetTable.get(e.tableId)!);
    for (const [key, m] of [...this.marks]) {
      if (exists.has(m.sheet)) continue;
      this.marks.delete(key);
      const to = renamed.get(m.sheet);
      if (to) {
        m.sheet = to;
        this.marks.set(markKey(to, m.cell), m);
        this.markWrites.set(m.slot, [to, m.cell, m.original ?? "", m.painted]);
      } else {
        this.freeSlots.push(m.slot);
        this.markWrites.set(m.slot, ["", "", "", ""]);
      }
    }
    this.unbound = new Set(state.sheets.map((s) => s.name).filter((n) => !this.entries.has(n)));
    // tables no longer bound (sheet deleted or unbound)
    for (const t of this.catalog.tables) {
      if (this.session.tableData(t.id) && !this.bySheetTable.has(t.id)) this.applyDelta(this.session.removeTable(t.id));
    }
    return state.sheets;
  }

  private async fullCheck(): Promise<void> {
    const sheets = await this.bind();
    const names = [...this.entries.keys()];
    const requests: ReadRequest[] = names.map((sheet) => ({ sheet }));
    const hasMarks = sheets.some((s) => s.name === MARKS_SHEET);
    if (this.paint && hasMarks && !this.marksSheet) requests.push({ sheet: MARKS_SHEET });
    const data = await this.port.read(requests);
    if (this.paint && hasMarks && !this.marksSheet) this.loadMarks(data[names.length], sheets);
    this.marksSheet = this.marksSheet || hasMarks;
    const setup: WorkbookOp[] = [];
    if (this.paint && !this.marksSheet) {
      setup.push(...createMarksSheetOps());
      this.marksSheet = true;
    }
    names.forEach((sheet, i) => {
      const td = this.loadSheet(sheet, data[i]);
      if (td) setup.push(...this.cfOps(this.entries.get(sheet)!, td));
    });
    if (setup.length) await this.safeApply(setup);
    await this.repaint(this.allPaintableCells(), new Map());
  }

  /**
   * Activation (Excel also activates another sheet after one is deleted): re-bind — sheets may
   * have been renamed, deleted or added meanwhile — and re-read the activated sheet plus any sheet
   * that became bound; the other sheets are not read again.
   */
  private async activated(sheet: string): Promise<void> {
    if (isOwnSheet(sheet)) return;
    const before = new Map([...this.entries].map(([s, e]) => [s, e.tableId]));
    await this.bind();
    const read = [...this.entries.keys()].filter((s) => s === sheet || before.get(s) !== this.entries.get(s)!.tableId);
    const data = read.length ? await this.port.read(read.map((s) => ({ sheet: s }))) : [];
    const setup: WorkbookOp[] = [];
    read.forEach((s, i) => {
      const td = this.loadSheet(s, data[i]);
      if (td) setup.push(...this.cfOps(this.entries.get(s)!, td));
    });
    if (setup.length) await this.safeApply(setup);
    await this.repaint(this.allPaintableCells(), new Map());
  }

  /** readTable + setTable of one sheet; keeps the header cells for the CF test. */
  private loadSheet(sheet: string, range: RangeData): TableData | null {
    const e = this.entries.get(sheet);
    const table = e && this.catalog.tables.find((t) => t.id === e.tableId);
    if (!e || !table) return null;
    const values = range.values.slice(0, HEADER_SEARCH_ROWS); // the header is among these rows
    // every caller passes a range just read for this sheet: the table takes its values over
    const td = readTable(range, table, { owned: true });
    e.header = new Map();
    if (td.layout.kind === "list" && td.layout.headerRow >= 0) {
      const line = values[td.layout.headerRow - range.row] ?? [];
      line.forEach((v, j) => e.header.set(range.column + j, v));
    }
    this.applyDelta(this.session.setTable(td));
    return td;
  }

  private cfOps(e: SheetEntry, td: TableData): WorkbookOp[] {
    if (!this.paint || e.cf || e.protected) return [];
    const plan = planConditionalFormats(td);
    if (!plan) return [];
    e.cf = plan.range;
    return plan.ops;
  }

  private async processChanges(batch: Map<string, Array<{ rect: RangeRef; structural: boolean }>>): Promise<void> {
    // a sheet we do not know (renamed, new, or bound meanwhile): re-bind and check everything
    if (this.rebindNext || [...batch.keys()].some((s) => !this.entries.has(s))) {
      this.rebindNext = false;
      return this.fullCheck();
    }
    const whole: string[] = [];
    const requests: ReadRequest[] = [];
    const meta: Array<{ sheet: string; rect: RangeRef }> = [];
    const changedCells = new Set<string>();
    for (const [sheet, items] of batch) {
      const e = this.entries.get(sheet);
      const td = e && this.session.tableData(e.tableId);
      if (!e || !td) continue;
      const L = td.layout;
      if (L.kind === "single" || L.headerRow < 0 || items.some((i) => i.structural || i.rect.row <= L.headerRow)) {
        whole.push(sheet);
        continue;
      }
      const cols = L.columns.filter((c): c is number => c !== null);
      const c0 = Math.min(...cols), c1 = Math.max(...cols);
      const touching = items.filter((i) => i.rect.column <= c1 && i.rect.column + i.rect.columnCount - 1 >= c0);
      if (!touching.length) continue;
      const intervals = mergeRows(touching.map((i) => i.rect));
      if (intervals.reduce((n, [a, b]) => n + b - a + 1, 0) > ROW_UPDATE_LIMIT) {
        whole.push(sheet);
        continue;
      }
      const cells = intervals.reduce((n, [a, b]) => n + (b - a + 1) * (c1 - c0 + 1), 0);
      const withFills = this.paint && !e.protected && cells <= this.fillReadCells;
      for (const [a, b] of intervals) {
        requests.push({ sheet, address: `${cellAddress(a, c0)}:${cellAddress(b, c1)}`, ...(withFills ? { fills: true } : {}) });
        meta.push({ sheet, rect: { row: a, column: c0, rowCount: b - a + 1, columnCount: c1 - c0 + 1 } });
      }
    }
    for (const s of whole) requests.push({ sheet: s });
    if (!requests.length) return;
    let data: RangeData[];
    try {
      data = await this.port.read(requests);
    } catch (err) {
      if (err instanceof WorkbookError && err.code === "sheetNotFound") return this.fullCheck();
      throw err;
    }
    const known = new Map<string, string | null>();
    meta.forEach((m, k) => {
      const range = data[k];
      const e = this.entries.get(m.sheet)!;
      const td = this.session.tableData(e.tableId)!;
      if (range.fills)
        range.fills.forEach((line, i) => line.forEach((f, j) => known.set(markKey(m.sheet, cellAddress(range.row + i, range.column + j)), f)));
      // rowsFromRange measures the block's width once per cell: feed it small slices so a
      // 10,000-row paste stays linear
      const updates: Array<{ index: number; values: CellValue[] }> = [];
      for (let i = 0; i < range.values.length; i += SLICE_ROWS) {
        const slice: RangeData = { ...range, row: range.row + i, values: range.values.slice(i, i + SLICE_ROWS) };
        const r = rowsFromRange(td, slice);
        if (r.headerTouched) return; // cannot happen: blocks touching the header go through `whole`
        updates.push(...r.updates);
      }
      for (let i = 0; i < range.values.length; i++)
        for (let j = 0; j < (range.values[i]?.length ?? 0); j++) changedCells.add(markKey(m.sheet, cellAddress(range.row + i, range.column + j)));
      this.applyDelta(this.session.updateRows(e.tableId, updates), changedCells);
    });
    const setup: WorkbookOp[] = [];
    whole.forEach((sheet, k) => {
      const range = data[meta.length + k];
      if (!range) return;
      const td = this.loadSheet(sheet, range);
      if (td) setup.push(...this.cfOps(this.entries.get(sheet)!, td));
      for (const c of this.allPaintableCells(sheet)) changedCells.add(c);
    });
    if (setup.length) await this.safeApply(setup);
    await this.repaint(changedCells, known);
  }

  // ---- findings by cell ---------------------------------------------------------------------------

  private dirty = new Set<string>();
  /** findings()/summary() of the session since the last change (the page reads them often). */
  private cache: { findings: Finding[]; summary: { errors: number; warnings: number } } | null = null;

  private applyDelta(delta: FindingsDelta, into?: Set<string>): void {
    if (delta.added.length || delta.removed.length) this.cache = null;
    for (const f of delta.removed) {
      const k = markKey(f.sheet, f.cell);
      const s = this.byCell.get(k);
      if (s) {
        s.delete(f);
        if (!s.size) this.byCell.delete(k);
      }
      this.dirty.add(k);
      into?.add(k);
    }
    for (const f of delta.added) {
      const k = markKey(f.sheet, f.cell);
      const s = this.byCell.get(k);
      if (s) s.add(f);
      else this.byCell.set(k, new Set([f]));
      this.dirty.add(k);
      into?.add(k);
    }
  }

  private allPaintableCells(sheet?: string): Set<string> {
    const out = new Set<string>(this.dirty);
    for (const k of this.byCell.keys()) if (!sheet || k.startsWith(sheet + "\u0000")) out.add(k);
    for (const m of this.marks.values()) if (!sheet || m.sheet === sheet) out.add(markKey(m.sheet, m.cell));
    return out;
  }

  /** The fill a cell should carry now: null when nothing (not covered by a CF) fails there. */
  private wanted(key: string): string | null {
    const set = this.byCell.get(key);
    if (!set) return null;
    let worst: string | null = null;
    for (const f of set) {
      if (!isPaintable(f)) continue;
      const e = this.entries.get(f.sheet);
      const td = e && this.session.tableData(e.tableId);
      if (!e || !td || e.protected) continue;
      if (coveredByCf(f, td, e.cf, (c) => e.header.get(c) ?? "")) continue;
      if (f.severity === "error") return ERROR_FILL;
      worst = WARNING_FILL;
    }
    return worst;
  }

  // ---- painting -----------------------------------------------------------------------------------

  /**
   * Brings the fills of `cells` in line with the findings. `known` holds fills read in this pass
   * (current fills of the changed rows); other cells that need their fill are read in one batch.
   */
  private async repaint(cells: Set<string>, known: Map<string, string | null>): Promise<void> {
    for (const k of cells) this.dirty.delete(k);
    if (!this.paint) return;
    const paint: Array<{ key: string; fill: string }> = [];
    const clear: Mark[] = [];
    for (const key of cells) {
      const [sheet] = key.split("\u0000");
      if (!this.entries.has(sheet) && !this.marks.has(key)) continue;
      // a protected sheet is left exactly as it is (its marks stay until it is unprotected)
      if (this.entries.get(sheet)?.protected) continue;
      const want = this.wanted(key);
      const mark = this.marks.get(key);
      if (want && (!mark || mark.painted !== want)) paint.push({ key, fill: want });
      else if (!want && mark) clear.push(mark);
    }
    if (!paint.length && !clear.length) {
      if (this.markWrites.size && this.marksSheet) await this.safeApply(markOps(this.takeMarkWrites()));
      return;
    }
    // current fills we do not know yet: new paints (original) and clears (did the clerk repaint?)
    const unknown = [...paint.filter((p) => !this.marks.has(p.key)).map((p) => p.key), ...clear.map((m) => markKey(m.sheet, m.cell))].filter((k) => !known.has(k));
    if (unknown.length) {
      const reqs = cellRuns(unknown);
      try {
        const data = await this.port.read(reqs.map((r) => ({ sheet: r.sheet, address: r.address, fills: true })));
        data.forEach((d) => d.fills?.forEach((line, i) => line.forEach((f, j) => known.set(markKey(d.sheet, cellAddress(d.row + i, d.column + j)), f))));
      } catch (err) {
        this.notices.push({ code: "readFailed", message: `读取单元格填充色失败，本次不标色：${err instanceof Error ? err.message : String(err)}` });
        return;
      }
    }
    const bySheet = new Map<string, Array<{ cell: string; fill: string | null }>>();
    const push = (sheet: string, cell: string, fill: string | null) => {
      const l = bySheet.get(sheet);
      if (l) l.push({ cell, fill });
      else bySheet.set(sheet, [{ cell, fill }]);
    };
    const writes = this.takeMarkWrites();
    for (const p of paint) {
      const [sheet, cell] = p.key.split("\u0000");
      let mark = this.marks.get(p.key);
      if (!mark) {
        const current = known.get(p.key) ?? null;
        // a copy of one of our marks (pasted with formats) is not the clerk's colour
        const original = current === ERROR_FILL || current === WARNING_FILL ? null : current;
        mark = { sheet, cell, original, painted: p.fill, slot: this.takeSlot() };
        this.marks.set(p.key, mark);
      } else mark.painted = p.fill;
      push(sheet, cell, p.fill);
      writes.set(mark.slot, [sheet, cell, mark.original ?? "", mark.painted]);
    }
    for (const m of clear) {
      const key = markKey(m.sheet, m.cell);
      const current = known.get(key);
      // the clerk repainted the cell meanwhile: their colour stays
      if (current === undefined || current === m.painted) push(m.sheet, m.cell, m.original);
      this.marks.delete(key);
      this.freeSlots.push(m.slot);
      writes.set(m.slot, ["", "", "", ""]);
    }
    const ops: WorkbookOp[] = [];
    for (const [sheet, list] of bySheet) if (this.entries.has(sheet)) ops.push(...fillOps(sheet, list));
    ops.push(...markOps(writes));
    await this.safeApply(ops);
  }

  private takeMarkWrites(): Map<number, [string, string, string, string]> {
    const w = this.markWrites;
    this.markWrites = new Map();
    return w;
  }

  private takeSlot(): number {
    this.freeSlots.sort((a, b) => b - a);
    return this.freeSlots.pop() ?? this.nextSlot++;
  }

  private loadMarks(range: RangeData | undefined, sheets: SheetInfo[]): void {
    if (!range) return;
    const names = new Set(sheets.map((s) => s.name));
    const values = range.row === 0 && range.column === 0 ? range.values : [];
    const { marks, rejected, orphans, lastSlot } = parseMarks(values, (n) => names.has(n) && !isOwnSheet(n));
    for (const m of marks) this.marks.set(markKey(m.sheet, m.cell), m);
    this.nextSlot = Math.max(this.nextSlot, lastSlot + 1);
    const used = new Set(marks.map((m) => m.slot));
    const bad = new Set(rejected);
    for (let r = 1; r < this.nextSlot; r++) if (!used.has(r) && !bad.has(r)) this.freeSlots.push(r);
    for (const r of orphans) this.markWrites.set(r, ["", "", "", ""]);
    if (rejected.length)
      this.notices.push({
        code: "marksTampered",
        message: `深度隐藏的标记表“${MARKS_SHEET}”中有${rejected.length}行无法识别（第${rejected.slice(0, 5).map((r) => r + 1).join("、")}${rejected.length > 5 ? "…" : ""}行，可能被修改过），已忽略；这些单元格的标色不会自动清除，工作表数据未受影响`,
      });
  }

  private async safeApply(ops: WorkbookOp[]): Promise<void> {
    if (!ops.length) return;
    try {
      await this.port.apply(ops);
    } catch (err) {
      this.notices.push({ code: "applyFailed", message: `标出问题单元格失败：${err instanceof Error ? err.message : String(err)}（问题仍列在校验页中）` });
      // e.g. a sheet protected meanwhile (approval locks it): learn it before painting again
      this.rebindNext = true;
    }
  }
}

/** Merged, sorted row intervals [first, last] covered by the rects. */
function mergeRows(rects: RangeRef[]): Array<[number, number]> {
  const iv = rects.map((r) => [r.row, Math.min(1048575, r.row + r.rowCount - 1)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of iv) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Cells (sheet\0A1 keys) grouped into one request per row run of adjacent columns. */
function cellRuns(keys: string[]): Array<{ sheet: string; address: string }> {
  const bySheetRow = new Map<string, number[]>();
  for (const k of keys) {
    const [sheet, cell] = k.split("\u0000");
    const p = parseCell(cell);
    const rk = `${sheet}\u0000${p.row}`;
    const l = bySheetRow.get(rk);
    if (l) l.push(p.column);
    else bySheetRow.set(rk, [p.column]);
  }
  const out: Array<{ sheet: string; address: string }> = [];
  for (const [rk, cols] of bySheetRow) {
    const [sheet, rowText] = rk.split("\u0000");
    const row = Number(rowText);
    cols.sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] <= cols[i - 1] + 1) continue;
      const a = `${columnLetter(cols[start])}${row + 1}`, b = `${columnLetter(cols[i - 1])}${row + 1}`;
      out.push({ sheet, address: a === b ? a : `${a}:${b}` });
      start = i;
    }
  }
  return out;
}
