/**
 * The `Excel.*` proxy objects of the fake. They behave like Office.js proxies:
 *  - property writes and method calls are queued and applied to the model at `context.sync()`;
 *  - `load(...)` is queued too, and reading a property that was not loaded (and synced) throws
 *    PropertyNotLoaded;
 *  - objects are located when the batch runs (so `getItem` of a missing sheet rejects the sync with
 *    ItemNotFound), `*OrNullObject` objects report `isNullObject` after the sync;
 *  - every sync is measured: request bytes (JSON of the queued operations, values included) and
 *    response bytes; a request over 5 MB is rejected whole (RequestPayloadSizeLimitExceeded), a
 *    response over 5 MB fails (ResponsePayloadSizeLimitExceeded), a read of more than 5,000,000 cells
 *    fails.
 * Only the subset Tianbao uses is implemented; anything else is simply absent.
 */
import type { CellValue } from "../core/workbook/port";
import { cellAddress, columnLetter, quoteSheet, rangeAddress } from "../core/workbook/address";
import { FakeExcelError } from "./errors";
import { isValidTableName } from "../core/workbook/table";
import {
  area,
  CELL_READ_LIMIT,
  DEFAULT_FORMAT,
  MAX_COLUMNS,
  MAX_ROWS,
  PAYLOAD_LIMIT,
  RANGE_AREAS_LIMIT,
  parseAddress,
  rectContains,
  rectIntersect,
  valueType,
  type CellFormat,
  type CellFormatKey,
  type ConditionalFormatEntry,
  type DataValidationRuleModel,
  type ExcelVisibility,
  type FakeWorkbook,
  type NameEntry,
  type PageLayoutModel,
  type RawActivatedEvent,
  type RawEvent,
  type RawNameChangedEvent,
  type RawChangeEvent,
  type Rect,
  type SheetModel,
  type TableModel,
} from "./model";
import { displayText, jsonBytes } from "./values";

interface ReadResult {
  payload: unknown;
  commit: () => void;
}

interface Action {
  desc: unknown;
  run: () => ReadResult | void;
}

/** Office.js refuses an object from another request context as an argument, at once. */
function sameContext(ctx: FakeRequestContext, arg: unknown, where: string): void {
  const other = (arg as { context?: unknown } | null)?.context;
  if (other instanceof FakeRequestContext && other !== ctx) {
    throw new FakeExcelError("InvalidRequestContext", "Cannot use the object across different request contexts.", where);
  }
}

function notLoaded(cls: string, prop: string): FakeExcelError {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${cls}.${prop}`,
  );
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookApi;
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  /** A context made by Excel.run works only while a run over it is in progress (Office.js). */
  ownedByRun = false;
  runDepth = 0;
  /** Set by Excel.run({ delayForCellEdit: true }): wait for the user to leave cell edit mode. */
  delayForCellEdit = false;
  /** Read-only here: Tianbao never toggles events (see the brief). */
  readonly runtime = { enableEvents: true };
  private queue: Action[] = [];
  /** Change events produced by this batch, fired after the sync. */
  pendingEvents: RawEvent[] = [];

  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookApi(this);
  }

  /** When set, actions run at once and their read results are collected here (item loads). */
  immediate: ReadResult[] | null = null;

  enqueue(desc: unknown, run: () => ReadResult | void): void {
    if (this.immediate) {
      const r = run();
      if (r) this.immediate.push(r);
      return;
    }
    this.queue.push({ desc, run });
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  load<T extends { load(p?: unknown): unknown }>(obj: T, props?: unknown): T {
    obj.load(props);
    return obj;
  }

  async sync<T>(passThrough?: T): Promise<T | undefined> {
    if (this.ownedByRun && this.runDepth === 0) {
      this.queue = [];
      throw new FakeExcelError(
        "InvalidObjectPath",
        'The object path isn\'t working for what you\'re trying to do: its Excel.run batch has finished. Pass the object to Excel.run(object, …) or use context.trackedObjects.',
      );
    }
    const queue = this.queue;
    this.queue = [];
    const stats = this.model.stats;
    stats.syncs++;
    const requestBytes = jsonBytes(queue.map((a) => a.desc));
    stats.requestBytes.push(requestBytes);
    stats.totalRequestBytes += requestBytes;
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    await Promise.resolve();
    if (this.model.cellEditing) {
      if (!this.delayForCellEdit) {
        stats.responseBytes.push(0);
        throw new FakeExcelError("InvalidOperationInCellEditMode", "The operation isn't available while the user is editing a cell.");
      }
      await this.model.cellEditDone();
    }
    if (requestBytes > PAYLOAD_LIMIT) {
      stats.rejected++;
      stats.responseBytes.push(0);
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${requestBytes} bytes > ${PAYLOAD_LIMIT}).`);
    }
    const reads: ReadResult[] = [];
    this.pendingEvents = [];
    let failure: unknown;
    let wrote = false;
    for (const a of queue) {
      try {
        const r = a.run();
        if (r) reads.push(r);
        else wrote = true;
      } catch (e) {
        failure = e;
        break;
      }
    }
    const responseBytes = failure ? 0 : jsonBytes(reads.map((r) => r.payload));
    stats.responseBytes.push(responseBytes);
    stats.totalResponseBytes += responseBytes;
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (!failure && responseBytes > PAYLOAD_LIMIT) stats.rejected++;
    for (const e of this.pendingEvents) this.model.emit(e as never);
    this.pendingEvents = [];
    // the preview redraws after writes only (reads must not cause redraw loops)
    if (wrote) this.model.notify();
    if (failure) throw failure;
    if (responseBytes > PAYLOAD_LIMIT) {
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${responseBytes} bytes > ${PAYLOAD_LIMIT}).`);
    }
    for (const r of reads) r.commit();
    return passThrough;
  }
}

type Path = string;

/** Base of every proxy: loading, not-loaded checks, null objects, queued writes. */
abstract class ClientObject {
  protected loaded = new Map<string, unknown>();
  protected nullState: boolean | undefined;
  protected abstract readonly className: string;
  /** Scalar properties loaded by `load()` without arguments. */
  protected abstract readonly scalars: readonly string[];

  constructor(
    readonly context: FakeRequestContext,
    protected readonly path: Path,
    protected readonly nullable = false,
  ) {
    if (nullable) {
      context.enqueue({ p: path, m: "isNull" }, () => {
        const t = this.tryTarget();
        return { payload: t === null, commit: () => (this.nullState = t === null) };
      });
    } else this.nullState = false;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded(this.className, "isNullObject");
    return this.nullState;
  }

  /** Locates the model object at sync time; null for a missing *OrNullObject target, else throws. */
  protected abstract locate(): unknown;

  protected tryTarget(): unknown {
    try {
      return this.locate();
    } catch (e) {
      // A missing sheet above a non-sheet *OrNullObject still fails the batch, as in Excel.
      if (this.nullable && e instanceof FakeExcelError && (e.code === "ItemNotFound" || e.code === "InvalidReference") && (!e.sheetMissing || this.className === "Worksheet")) return null;
      throw e;
    }
  }

  /** Reads a scalar property at sync time (target is non-null). */
  protected abstract readScalar(target: unknown, name: string): unknown;

  /** Navigation properties that can be loaded through paths ("format/fill/color"). */
  protected nav(_name: string): ClientObject | undefined {
    return undefined;
  }

  protected prop(name: string): unknown {
    if (!this.loaded.has(name)) throw notLoaded(this.className, name);
    return this.loaded.get(name);
  }

  /** Queues a property write; the local value is readable at once, as in Office.js. */
  protected setProp(name: string, value: unknown, apply: (target: never) => void, descValue: unknown = value): void {
    this.loaded.set(name, value);
    this.call(name, descValue, apply);
  }

  /** Queues a method call applied at sync; a call on a null object has no effect. */
  protected call(method: string, args: unknown, apply: (target: never) => void): void {
    this.context.enqueue({ p: this.path, m: method, a: args }, () => {
      const t = this.tryTarget();
      if (t === null) return;
      apply(t as never);
    });
  }

  load(arg?: string | string[] | { select?: string; expand?: string; $all?: boolean }): this {
    let paths: string[];
    if (arg === undefined || arg === null) paths = [];
    else if (typeof arg === "string") paths = arg.split(",");
    else if (Array.isArray(arg)) paths = arg.flatMap((x) => x.split(","));
    else paths = [...(arg.select ?? "").split(","), ...(arg.expand ?? "").split(",")];
    this.loadPaths(paths.map((p) => p.trim()).filter(Boolean));
    return this;
  }

  protected loadPaths(paths: string[]): void {
    const scalars = new Set<string>();
    const navs = new Map<string, string[]>();
    if (paths.length === 0) for (const s of this.scalars) scalars.add(s);
    for (const p of paths) {
      const [head, ...rest] = p.split("/");
      const child = this.nav(head);
      if (child) {
        const list = navs.get(head) ?? [];
        if (rest.length) list.push(rest.join("/"));
        navs.set(head, list);
      } else if (this.scalars.includes(head) || head === "isNullObject") {
        if (head !== "isNullObject") scalars.add(head);
      } else {
        // Office.js rejects unknown properties when the request runs.
        this.context.enqueue({ p: this.path, load: head }, () => {
          throw new FakeExcelError("InvalidArgument", `The property '${head}' does not exist on ${this.className}.`, `${this.className}.load`);
        });
      }
    }
    if (scalars.size > 0) {
      const names = [...scalars];
      this.context.enqueue({ p: this.path, load: names }, () => {
        const t = this.tryTarget();
        const payload: Record<string, unknown> = {};
        for (const n of names) payload[n] = t === null ? null : this.readScalar(t, n);
        return {
          payload,
          commit: () => {
            this.nullState = t === null;
            for (const n of names) this.loaded.set(n, payload[n]);
          },
        };
      });
    }
    for (const [head, rest] of navs) {
      (this.loadedNavs ??= new Set()).add(head);
      this.nav(head)!.loadPaths(rest);
    }
  }

  /** Navigation properties loaded through paths, for toJSON (created when first needed). */
  protected loadedNavs: Set<string> | undefined;

  /** Runs the actions a load would queue, at once (collections use it to load their items). */
  loadNow(paths: string[]): ReadResult[] {
    const results: ReadResult[] = [];
    const ctx = this.context;
    const saved = ctx.immediate;
    ctx.immediate = results;
    try {
      this.loadPaths(paths);
    } finally {
      ctx.immediate = saved;
    }
    return results;
  }

  /** The loaded properties as a plain object (navigation properties nested), as in Office.js. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.loaded) out[k] = v;
    for (const n of this.loadedNavs ?? []) out[n] = this.nav(n)!.toJSON();
    return out;
  }
}

/** Base of collections: `items` after load. */
abstract class ClientCollection<T extends ClientObject> extends ClientObject {
  private itemList: T[] | undefined;
  protected readonly scalars: readonly string[] = [];

  get items(): T[] {
    if (!this.itemList) throw notLoaded(this.className, "items");
    return this.itemList;
  }

  override toJSON(): Record<string, unknown> {
    return { items: (this.itemList ?? []).map((i) => i.toJSON()) };
  }

  /** Target ids/keys at sync time, and a proxy for one of them. */
  protected abstract keys(target: unknown): string[];
  protected abstract itemProxy(key: string): T;

  protected readScalar(): unknown {
    return null;
  }

  protected override loadPaths(paths: string[]): void {
    // "items/name", "name" and "" all mean: the items with those properties.
    const itemPaths = paths.map((p) => (p.startsWith("items/") ? p.slice(6) : p === "items" ? "" : p)).filter((p) => p !== "");
    this.context.enqueue({ p: this.path, load: "items", select: itemPaths }, () => {
      const t = this.tryTarget();
      const ks = t === null ? [] : this.keys(t);
      const proxies = ks.map((k) => this.itemProxy(k));
      const results = proxies.flatMap((proxy) => proxy.loadNow(itemPaths));
      return {
        payload: results.map((r) => r.payload),
        commit: () => {
          this.itemList = proxies;
          for (const r of results) r.commit();
        },
      };
    });
  }
}

// Item proxies are cached per collection key so the objects in `items` keep their identity.
const itemCache = new WeakMap<object, Map<string, ClientObject>>();
function cachedItem<T extends ClientObject>(owner: object, k: string, make: () => T): T {
  let m = itemCache.get(owner);
  if (!m) {
    m = new Map();
    itemCache.set(owner, m);
  }
  let p = m.get(k) as T | undefined;
  if (!p) {
    p = make();
    m.set(k, p);
  }
  return p;
}

// ---- events ----------------------------------------------------------------------------------

export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly reg: { active: boolean },
  ) {}
  remove(): void {
    this.context.enqueue({ m: "removeHandler" }, () => {
      this.reg.active = false;
    });
  }
}

class FakeEvent<A> {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly type: RawEvent["type"],
    private readonly sheetOf: () => SheetModel | undefined,
    private readonly makeArgs: (raw: never) => A,
  ) {}
  add(handler: (args: A) => Promise<unknown> | unknown): FakeEventHandlerResult {
    const reg = { type: this.type, sheetId: undefined as string | undefined, fn: (raw: unknown) => handler(this.makeArgs(raw as never)), active: false };
    this.context.enqueue({ m: "addHandler", t: this.type }, () => {
      const s = this.sheetOf();
      reg.sheetId = s?.id;
      reg.active = true;
      this.context.model.registrations.push(reg as never);
    });
    return new FakeEventHandlerResult(this.context, reg);
  }
}

/** Whole rows as "5:7" (row insertions/deletions), otherwise an A1 range. */
function eventAddress(r: Rect): string {
  return r.columnCount >= MAX_COLUMNS && r.column === 0 ? `${r.row + 1}:${r.row + r.rowCount}` : rangeAddress(r);
}

function changedArgs(model: FakeWorkbook, raw: RawChangeEvent) {
  const args: Record<string, unknown> = {
    type: "WorksheetChanged",
    address: eventAddress(raw.rect),
    changeType: raw.changeType,
    source: raw.source,
    triggerSource: raw.triggerSource,
    worksheetId: raw.sheetId,
    getRange: (ctx: FakeRequestContext) => ctx.workbook.worksheets.getItem(raw.sheetId).getRange(eventAddress(raw.rect)),
    getRangeOrNullObject: (ctx: FakeRequestContext) => ctx.workbook.worksheets.getItem(raw.sheetId).getRange(eventAddress(raw.rect)),
  };
  if (raw.details) args.details = { ...raw.details };
  void model;
  return args;
}

// ---- workbook ----------------------------------------------------------------------------------

export class FakeWorkbookApi extends ClientObject {
  protected readonly className = "Workbook";
  protected readonly scalars = ["name"] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  private notesCollection: FakeNoteCollection | undefined;

  constructor(context: FakeRequestContext) {
    super(context, "wb");
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
  }
  protected locate(): unknown {
    return this.context.model;
  }
  protected readScalar(): unknown {
    return "Book1.xlsx";
  }
  protected override nav(name: string): ClientObject | undefined {
    if (name === "worksheets") return this.worksheets;
    if (name === "names") return this.names;
    return undefined;
  }
  /** Notes of all sheets (ExcelApi 1.18): addresses include the sheet ("Sheet1!A1"). */
  get notes(): FakeNoteCollection {
    this.notesCollection ??= new FakeNoteCollection(this.context, "wb.notes", () => null);
    return this.notesCollection;
  }
  getActiveWorksheet(): FakeWorksheet {
    return this.worksheets.getActiveWorksheet();
  }
}

export class FakeWorksheetCollection extends ClientCollection<FakeWorksheet> {
  protected readonly className = "WorksheetCollection";
  readonly onChanged: FakeEvent<Record<string, unknown>>;
  readonly onActivated: FakeEvent<Record<string, unknown>>;
  /** ExcelApi 1.17: fires when a sheet is renamed (by the user or through the API). */
  readonly onNameChanged: FakeEvent<Record<string, unknown>>;

  constructor(context: FakeRequestContext) {
    super(context, "wb.worksheets");
    this.onChanged = new FakeEvent(context, "changed", () => undefined, (raw: RawChangeEvent) => changedArgs(context.model, raw));
    this.onActivated = new FakeEvent(context, "activated", () => undefined, (raw: RawActivatedEvent) => ({ type: "WorksheetActivated", worksheetId: raw.sheetId }));
    this.onNameChanged = new FakeEvent(context, "nameChanged", () => undefined, (raw: RawNameChangedEvent) => ({
      type: "WorksheetNameChanged",
      worksheetId: raw.sheetId,
      nameBefore: raw.nameBefore,
      nameAfter: raw.nameAfter,
      source: raw.source,
    }));
  }
  protected locate(): unknown {
    return this.context.model;
  }
  protected keys(): string[] {
    return this.context.model.sheets.map((s) => s.id);
  }
  protected itemProxy(id: string): FakeWorksheet {
    return cachedItem(this, id, () => new FakeWorksheet(this.context, `ws#${id}`, () => this.context.model.sheetById(id) ?? null, false, id));
  }

  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this.context.enqueue({ p: this.path, m: "add", a: name ?? null }, () => {
      created = this.context.model.addSheet(name);
    });
    return new FakeWorksheet(this.context, `ws+${name ?? ""}`, () => {
      if (!created) throw new FakeExcelError("InvalidObjectPath", "The sheet was not created.");
      return created;
    });
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `ws(${key})`, () => this.context.model.sheetById(key) ?? this.context.model.getSheet(key));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `ws?(${key})`, () => this.context.model.sheetById(key) ?? this.context.model.getSheet(key), true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, "ws(active)", () => {
      const s = this.context.model.activeSheet();
      if (!s) throw new FakeExcelError("ItemNotFound", "There is no active worksheet.");
      return s;
    });
  }

  getCount(): { value: number } {
    const result = { value: undefined as unknown as number, loaded: false };
    const r = {
      get value(): number {
        if (!result.loaded) throw notLoaded("ClientResult", "value");
        return result.value;
      },
    };
    this.context.enqueue({ p: this.path, m: "getCount" }, () => {
      const n = this.context.model.sheets.length;
      return {
        payload: n,
        commit: () => {
          result.value = n;
          result.loaded = true;
        },
      };
    });
    return r;
  }
}

const VISIBILITY: Record<string, ExcelVisibility> = { visible: "Visible", hidden: "Hidden", veryhidden: "VeryHidden" };

export class FakeWorksheet extends ClientObject {
  protected readonly className = "Worksheet";
  protected readonly scalars = ["id", "name", "position", "visibility", "tabColor", "standardWidth"] as const;
  private bound: SheetModel | undefined;
  readonly protection: FakeWorksheetProtection;
  readonly customProperties: FakeCustomPropertyCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly tables: FakeTableCollection;
  readonly onChanged: FakeEvent<Record<string, unknown>>;
  readonly onActivated: FakeEvent<Record<string, unknown>>;
  private notesCollection: FakeNoteCollection | undefined;
  private pageLayoutObject: FakePageLayout | undefined;

  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly find: () => SheetModel | null,
    nullable = false,
    boundId?: string,
  ) {
    super(context, path, nullable);
    if (boundId) this.bound = context.model.sheetById(boundId);
    this.protection = new FakeWorksheetProtection(context, `${path}.protection`, () => this.sheet());
    this.customProperties = new FakeCustomPropertyCollection(context, `${path}.customProperties`, () => this.sheet());
    this.freezePanes = new FakeFreezePanes(context, `${path}.freezePanes`, () => this.sheet(), this);
    this.tables = new FakeTableCollection(context, `${path}.tables`, this);
    this.onChanged = new FakeEvent(context, "changed", () => this.sheet(), (raw: RawChangeEvent) => changedArgs(context.model, raw));
    this.onActivated = new FakeEvent(context, "activated", () => this.sheet(), (raw: RawActivatedEvent) => ({ type: "WorksheetActivated", worksheetId: raw.sheetId }));
  }

  /** The model sheet (sync time). Bound by identity after the first lookup, as Excel does. */
  sheet(): SheetModel {
    const model = this.context.model;
    const missing = (m: string) => {
      const e = new FakeExcelError("ItemNotFound", m, "Worksheet");
      e.sheetMissing = true;
      return e;
    };
    if (this.bound) {
      if (!model.sheets.includes(this.bound)) throw missing("The worksheet was deleted.");
      return this.bound;
    }
    const s = this.find();
    if (!s) throw missing("The requested resource doesn't exist.");
    this.bound = s;
    return s;
  }

  protected locate(): unknown {
    return this.sheet();
  }

  protected readScalar(t: SheetModel, name: string): unknown {
    switch (name) {
      case "id":
        return t.id;
      case "name":
        return t.name;
      case "position":
        return this.context.model.sheets.indexOf(t);
      case "visibility":
        return t.visibility;
      case "tabColor":
        return t.tabColor;
      case "standardWidth":
        return 8.43;
    }
    return undefined;
  }

  protected override nav(name: string): ClientObject | undefined {
    if (name === "protection") return this.protection;
    if (name === "customProperties") return this.customProperties;
    if (name === "freezePanes") return this.freezePanes;
    if (name === "tables") return this.tables;
    if (name === "pageLayout") return this.pageLayout;
    return undefined;
  }

  /** Print settings (ExcelApi 1.9); see FakePageLayout. */
  get pageLayout(): FakePageLayout {
    this.pageLayoutObject ??= new FakePageLayout(this.context, `${this.path}.pageLayout`, () => this.sheet(), this);
    return this.pageLayoutObject;
  }

  get id(): string {
    return this.prop("id") as string;
  }
  get name(): string {
    return this.prop("name") as string;
  }
  set name(v: string) {
    this.setProp("name", v, (t: SheetModel) => this.context.model.renameSheet(t, v));
  }
  get position(): number {
    return this.prop("position") as number;
  }
  set position(v: number) {
    this.setProp("position", v, (t: SheetModel) => this.context.model.moveSheet(t, v));
  }
  get visibility(): string {
    return this.prop("visibility") as string;
  }
  set visibility(v: string) {
    this.setProp("visibility", v, (t: SheetModel) => {
      const vis = VISIBILITY[String(v).toLowerCase()];
      if (!vis) throw new FakeExcelError("InvalidArgument", `Unknown visibility ${v}.`, "Worksheet.visibility");
      this.context.model.setVisibility(t, vis);
    });
  }
  get tabColor(): string {
    return this.prop("tabColor") as string;
  }
  set tabColor(v: string) {
    this.setProp("tabColor", v, (t: SheetModel) => (t.tabColor = v));
  }

  get notes(): FakeNoteCollection {
    this.notesCollection ??= new FakeNoteCollection(this.context, `${this.path}.notes`, () => this.sheet());
    return this.notesCollection;
  }

  activate(): void {
    this.call("activate", null, (t: SheetModel) => {
      const model = this.context.model;
      if (t.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `The sheet '${t.name}' is hidden and cannot be activated.`, "Worksheet.activate");
      if (model.activeSheetId === t.id) return;
      model.activeSheetId = t.id;
      this.context.pendingEvents.push({ type: "activated", event: { sheetId: t.id, source: "Local" } });
    });
  }

  delete(): void {
    this.call("delete", null, (t: SheetModel) => this.context.model.deleteSheet(t));
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, `${this.path}.range(${address ?? ""})`, this, () => {
      if (address === undefined || address === "") return { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS };
      return parseAddress(address);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.rangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, this, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLUMNS) {
        throw new FakeExcelError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", "Worksheet.getRangeByIndexes");
      }
      return { row: startRow, column: startColumn, rowCount, columnCount };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, `${this.path}.usedRange(${valuesOnly})`, this, () => this.sheet().usedRange(valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.usedRange?(${valuesOnly})`,
      this,
      () => {
        const r = this.sheet().usedRange(valuesOnly);
        if (!r) throw new FakeExcelError("ItemNotFound", "The sheet is empty.");
        return r;
      },
      true,
    );
  }

  /** RangeAreas (ExcelApi 1.9): comma- or semicolon-separated addresses; fails beyond 500 areas. */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this.path}.ranges`, this, address);
  }
}

export class FakeWorksheetProtection extends ClientObject {
  protected readonly className = "WorksheetProtection";
  protected readonly scalars = ["protected", "options"] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    return this.sheetOf();
  }
  protected readScalar(t: SheetModel, name: string): unknown {
    return name === "protected" ? t.protected : { ...t.protectionOptions };
  }
  get protected(): boolean {
    return this.prop("protected") as boolean;
  }
  get options(): Record<string, unknown> {
    return this.prop("options") as Record<string, unknown>;
  }
  /** Fails when the sheet is already protected (documented; AccessDenied since 2026). */
  protect(options?: Record<string, unknown>, password?: string): void {
    this.call("protect", { options: options ?? null, password: password ?? null }, (t: SheetModel) => {
      if (t.protected) throw new FakeExcelError("AccessDenied", `The sheet '${t.name}' is already protected.`, "WorksheetProtection.protect");
      t.protected = true;
      this.context.model.stats.undoClears++;
      t.protectionOptions = { ...(options ?? {}) };
      t.protectionPassword = password;
    });
  }
  unprotect(password?: string): void {
    this.call("unprotect", { password: password ?? null }, (t: SheetModel) => {
      if (!t.protected) throw new FakeExcelError("AccessDenied", `The sheet '${t.name}' is not protected.`, "WorksheetProtection.unprotect");
      if (t.protectionPassword && t.protectionPassword !== password) throw new FakeExcelError("InvalidArgument", "The password is incorrect.", "WorksheetProtection.unprotect");
      t.protected = false;
      this.context.model.stats.undoClears++;
      t.protectionPassword = undefined;
    });
  }
}

// ---- custom properties ---------------------------------------------------------------------------

export class FakeCustomPropertyCollection extends ClientCollection<FakeCustomProperty> {
  protected readonly className = "WorksheetCustomPropertyCollection";
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    this.context.model.requireSet("ExcelApi", "1.12", "Worksheet.customProperties");
    return this.sheetOf();
  }
  protected keys(t: SheetModel): string[] {
    return [...t.customProperties.keys()];
  }
  protected itemProxy(k: string): FakeCustomProperty {
    return cachedItem(this, k, () => new FakeCustomProperty(this.context, `${this.path}(${k})`, () => this.find(k)));
  }
  private find(k: string): { key: string; value: string; sheet: SheetModel } {
    const s = this.locate() as SheetModel;
    const p = s.customProperties.get(k.toLowerCase());
    if (!p) throw new FakeExcelError("ItemNotFound", `The custom property '${k}' does not exist.`, "WorksheetCustomPropertyCollection.getItem");
    return { ...p, sheet: s };
  }
  /** Adds or overwrites (keys are case-insensitive, ≤ 255 characters; values are strings). */
  add(key: string, value: string): FakeCustomProperty {
    this.call("add", { key, value }, (t: SheetModel) => {
      this.context.model.requireSet("ExcelApi", "1.12", "Worksheet.customProperties");
      if (typeof key !== "string" || key.length === 0 || key.length > 255) throw new FakeExcelError("InvalidArgument", "Custom property keys must be 1–255 characters.", "WorksheetCustomPropertyCollection.add");
      if (typeof value !== "string") throw new FakeExcelError("InvalidArgument", "Custom property values must be strings.", "WorksheetCustomPropertyCollection.add");
      t.customProperties.set(key.toLowerCase(), { key, value });
    });
    return new FakeCustomProperty(this.context, `${this.path}(${key})`, () => this.find(key));
  }
  getItem(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.context, `${this.path}(${key})`, () => this.find(key));
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.context, `${this.path}?(${key})`, () => this.find(key), true);
  }
}

export class FakeCustomProperty extends ClientObject {
  protected readonly className = "WorksheetCustomProperty";
  protected readonly scalars = ["key", "value"] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly find: () => { key: string; value: string; sheet: SheetModel },
    nullable = false,
  ) {
    super(context, path, nullable);
  }
  protected locate(): unknown {
    return this.find();
  }
  protected readScalar(t: { key: string; value: string }, name: string): unknown {
    return name === "key" ? t.key : t.value;
  }
  get key(): string {
    return this.prop("key") as string;
  }
  get value(): string {
    return this.prop("value") as string;
  }
  set value(v: string) {
    this.setProp("value", v, (t: { key: string; sheet: SheetModel }) => t.sheet.customProperties.set(t.key.toLowerCase(), { key: t.key, value: String(v) }));
  }
  delete(): void {
    this.call("delete", null, (t: { key: string; sheet: SheetModel }) => t.sheet.customProperties.delete(t.key.toLowerCase()));
  }
}

// ---- tables (ListObjects) ------------------------------------------------------------------------

let tableCounter = 0;

/** Worksheet.tables: add (header row first), getItem / getItemOrNullObject by name, items. */
export class FakeTableCollection extends ClientCollection<FakeTable> {
  protected readonly className = "TableCollection";
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly worksheet: FakeWorksheet,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    return this.worksheet.sheet();
  }
  protected keys(t: SheetModel): string[] {
    return t.tables.map((x) => x.name);
  }
  protected itemProxy(k: string): FakeTable {
    return cachedItem(this, k, () => new FakeTable(this.context, `${this.path}(${k})`, this.worksheet, () => this.find(k)));
  }
  private find(name: string): TableModel {
    const t = this.worksheet.sheet().tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new FakeExcelError("ItemNotFound", `The table '${name}' does not exist.`, "TableCollection.getItem");
    return t;
  }
  /**
   * As Excel: the range may not overlap another table or a merged area; with headers, the first row
   * is the header (empty header cells become "Column1"…, an all-empty header row is refused); the
   * new table is named "Table<n>".
   */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    sameContext(this.context, address, "TableCollection.add");
    const id = `{FAKE-TABLE-${++tableCounter}}`;
    let added: TableModel | undefined;
    this.call("add", { address: typeof address === "string" ? address : "range", hasHeaders }, (sheet: SheetModel) => {
      const rect = typeof address === "string" ? parseAddress(address.replace(/^.*!/, "")) : address.rect();
      if (typeof address !== "string" && address.worksheetModel() !== sheet) throw new FakeExcelError("InvalidArgument", "The range is on another worksheet.", "TableCollection.add");
      checkTableRect(this.context.model, sheet, rect, null);
      if (hasHeaders) {
        const header = Array.from({ length: rect.columnCount }, (_, j) => sheet.value(rect.row, rect.column + j));
        if (header.every((v) => v === "")) throw new FakeExcelError("InvalidArgument", "The table's header row is empty.", "TableCollection.add");
        header.forEach((v, j) => {
          if (v === "") this.context.model.writeValues(sheet, { row: rect.row, column: rect.column + j, rowCount: 1, columnCount: 1 }, [[`Column${j + 1}`]], "ThisLocalAddin");
        });
      } else {
        throw new FakeExcelError("InvalidArgument", "The fake models tables with headers only.", "TableCollection.add");
      }
      let n = 1;
      const taken = (name: string) => this.context.model.sheets.some((s) => s.tables.some((t) => t.name.toLowerCase() === name.toLowerCase()));
      while (taken(`Table${n}`)) n++;
      added = { id, name: `Table${n}`, rect, style: "TableStyleMedium2", showFilterButton: true };
      sheet.tables.push(added);
    });
    return new FakeTable(this.context, `${this.path}+(${id})`, this.worksheet, () => {
      if (!added || !this.worksheet.sheet().tables.includes(added)) throw new FakeExcelError("ItemNotFound", "The table does not exist.", "Table");
      return added;
    });
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.context, `${this.path}(${key})`, this.worksheet, () => this.find(key));
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, `${this.path}?(${key})`, this.worksheet, () => this.find(key), true);
  }
}

/** Refuses a table range that overlaps another table (other than `self`) or a merged area. */
function checkTableRect(model: FakeWorkbook, sheet: SheetModel, rect: Rect, self: TableModel | null): void {
  if (rect.rowCount < 1 || rect.columnCount < 1) throw new FakeExcelError("InvalidArgument", "The table range is empty.", "TableCollection.add");
  const other = sheet.tables.find((t) => t !== self && rectIntersect(t.rect, rect));
  if (other) throw new FakeExcelError("InvalidArgument", `A table can't overlap another table (${other.name}).`, "TableCollection.add");
  if (sheet.merges.some((m) => rectIntersect(m, rect))) throw new FakeExcelError("InvalidArgument", "A table can't overlap a range that contains merged cells.", "TableCollection.add");
  void model;
}

export class FakeTable extends ClientObject {
  protected readonly className = "Table";
  protected readonly scalars = ["id", "name", "style", "showFilterButton", "showHeaders"] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly worksheet: FakeWorksheet,
    private readonly find: () => TableModel,
    nullable = false,
  ) {
    super(context, path, nullable);
  }
  protected locate(): unknown {
    return this.find();
  }
  protected readScalar(t: TableModel, name: string): unknown {
    switch (name) {
      case "id":
        return t.id;
      case "name":
        return t.name;
      case "style":
        return t.style;
      case "showFilterButton":
        return t.showFilterButton;
      case "showHeaders":
        return true;
    }
    return undefined;
  }
  get id(): string {
    return this.prop("id") as string;
  }
  get name(): string {
    return this.prop("name") as string;
  }
  /** Table names are unique in the workbook, start with a letter or _ and have no spaces. */
  set name(v: string) {
    this.setProp("name", v, (t: TableModel) => {
      const model = this.context.model;
      if (!isValidTableName(v)) throw new FakeExcelError("InvalidArgument", `The table name '${v}' is not valid.`, "Table.name");
      const clash = model.sheets.some((s) => s.tables.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())) || model.names.some((n) => n.name.toLowerCase() === v.toLowerCase());
      if (clash) throw new FakeExcelError("InvalidArgument", `The name '${v}' is already used.`, "Table.name");
      t.name = v;
    });
  }
  get style(): string {
    return this.prop("style") as string;
  }
  set style(v: string) {
    this.setProp("style", v, (t: TableModel) => {
      if (!/^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/.test(v)) throw new FakeExcelError("InvalidArgument", `Unknown table style '${v}'.`, "Table.style");
      t.style = v;
    });
  }
  get showFilterButton(): boolean {
    return this.prop("showFilterButton") as boolean;
  }
  set showFilterButton(v: boolean) {
    this.setProp("showFilterButton", v, (t: TableModel) => (t.showFilterButton = Boolean(v)));
  }
  /** The whole table range, header included. */
  getRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.range`, this.worksheet, () => this.find().rect);
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.header`, this.worksheet, () => ({ ...this.find().rect, rowCount: 1 }));
  }
  /** Table.resize (ExcelApi 1.13): the header must stay in its row and the new range must overlap the old one. */
  resize(newRange: FakeRange | string): void {
    sameContext(this.context, newRange, "Table.resize");
    this.call("resize", typeof newRange === "string" ? newRange : "range", (t: TableModel) => {
      this.context.model.requireSet("ExcelApi", "1.13", "Table.resize");
      const sheet = this.worksheet.sheet();
      const rect = typeof newRange === "string" ? parseAddress(newRange.replace(/^.*!/, "")) : newRange.rect();
      if (rect.row !== t.rect.row || !rectIntersect(rect, t.rect)) throw new FakeExcelError("InvalidArgument", "The header row must stay in the same row and the new range must overlap the table.", "Table.resize");
      checkTableRect(this.context.model, sheet, rect, t);
      const header = Array.from({ length: rect.columnCount }, (_, j) => sheet.value(rect.row, rect.column + j));
      header.forEach((v, j) => {
        if (v === "") this.context.model.writeValues(sheet, { row: rect.row, column: rect.column + j, rowCount: 1, columnCount: 1 }, [[`Column${j + 1}`]], "ThisLocalAddin");
      });
      t.rect = rect;
    });
  }
  delete(): void {
    this.call("delete", null, (t: TableModel) => {
      const list = this.worksheet.sheet().tables;
      list.splice(list.indexOf(t), 1);
    });
  }
}

// ---- freeze panes ------------------------------------------------------------------------------

export class FakeFreezePanes extends ClientObject {
  protected readonly className = "WorksheetFreezePanes";
  protected readonly scalars = [] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
    private readonly worksheet: FakeWorksheet,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    return this.sheetOf();
  }
  protected readScalar(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this.call("freezeRows", count, (t: SheetModel) => (t.freeze = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call("freezeColumns", count, (t: SheetModel) => (t.freeze = { rows: 0, columns: count }));
  }
  /** Freezes the rows above and columns left of (and including) the given range's bottom-right. */
  freezeAt(frozenRange: FakeRange | string): void {
    sameContext(this.context, frozenRange, "WorksheetFreezePanes.freezeAt");
    const range = typeof frozenRange === "string" ? this.worksheet.getRange(frozenRange) : frozenRange;
    this.call("freezeAt", typeof frozenRange === "string" ? frozenRange : "range", (t: SheetModel) => {
      const r = range.rect();
      t.freeze = { rows: r.row + r.rowCount, columns: r.column + r.columnCount };
    });
  }
  unfreeze(): void {
    this.call("unfreeze", null, (t: SheetModel) => (t.freeze = { rows: 0, columns: 0 }));
  }
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.location`,
      this.worksheet,
      () => {
        const f = this.sheetOf().freeze;
        if (f.rows === 0 && f.columns === 0) throw new FakeExcelError("ItemNotFound", "No frozen panes.");
        return { row: 0, column: 0, rowCount: f.rows || MAX_ROWS, columnCount: f.columns || MAX_COLUMNS };
      },
      true,
    );
  }
}

// ---- notes (ExcelApi 1.18) -----------------------------------------------------------------------

interface NoteRef {
  sheet: SheetModel;
  row: number;
  column: number;
  content: string;
}

export class FakeNoteCollection extends ClientCollection<FakeNote> {
  protected readonly className = "NoteCollection";
  constructor(
    context: FakeRequestContext,
    path: Path,
    /** null = workbook-wide (addresses carry the sheet name). */
    private readonly sheetOf: () => SheetModel | null,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    this.context.model.requireSet("ExcelApi", "1.18", "Notes");
    return this.sheetOf() ?? this.context.model;
  }
  private sheets(): SheetModel[] {
    const s = this.sheetOf();
    return s ? [s] : this.context.model.sheets;
  }
  protected keys(): string[] {
    return this.sheets().flatMap((s) => [...s.notes.values()].map((n) => `${quoteSheet(s.name)}!${cellAddress(n.row, n.column)}`));
  }
  protected itemProxy(k: string): FakeNote {
    return cachedItem(this, k, () => new FakeNote(this.context, `${this.path}(${k})`, () => this.find(k)));
  }
  private cellOf(address: string): { sheet: SheetModel; row: number; column: number } {
    this.context.model.requireSet("ExcelApi", "1.18", "Notes");
    const own = this.sheetOf();
    const { sheet, rect } = this.context.model.resolveReference(address, own ?? undefined);
    if (rect.rowCount !== 1 || rect.columnCount !== 1) throw new FakeExcelError("InvalidArgument", "InvalidCellAddress: a note needs a single cell.", "NoteCollection.add");
    return { sheet, row: rect.row, column: rect.column };
  }
  private find(address: string): NoteRef {
    const c = this.cellOf(address);
    const n = c.sheet.notes.get(c.row * MAX_COLUMNS + c.column);
    if (!n) throw new FakeExcelError("ItemNotFound", `No note at ${address}.`, "NoteCollection.getItem");
    return { ...c, content: n.content };
  }
  add(cellAddress: FakeRange | string, content: string): FakeNote {
    sameContext(this.context, cellAddress, "NoteCollection.add");
    const address = typeof cellAddress === "string" ? cellAddress : undefined;
    this.call("add", { cellAddress: address ?? "range", content }, () => {
      const c = address !== undefined ? this.cellOf(address) : (() => {
        const r = (cellAddress as FakeRange).rect();
        if (r.rowCount !== 1 || r.columnCount !== 1) throw new FakeExcelError("InvalidArgument", "InvalidCellAddress: a note needs a single cell.", "NoteCollection.add");
        this.context.model.requireSet("ExcelApi", "1.18", "Notes");
        return { sheet: (cellAddress as FakeRange).worksheetModel(), row: r.row, column: r.column };
      })();
      c.sheet.assertUnprotected("add note");
      const k = c.row * MAX_COLUMNS + c.column;
      if (c.sheet.notes.has(k)) throw new FakeExcelError("InvalidArgument", `The cell ${cellAddressOf(c)} already has a note.`, "NoteCollection.add");
      c.sheet.notes.set(k, { row: c.row, column: c.column, content: String(content) });
    });
    return new FakeNote(this.context, `${this.path}(${address ?? "range"})`, () => this.find(address ?? `${quoteSheet((cellAddress as FakeRange).worksheetModel().name)}!${rangeAddress((cellAddress as FakeRange).rect())}`));
  }
  getItem(key: string): FakeNote {
    return new FakeNote(this.context, `${this.path}(${key})`, () => this.find(key));
  }
  getItemOrNullObject(key: string): FakeNote {
    return new FakeNote(this.context, `${this.path}?(${key})`, () => this.find(key), true);
  }
}

function cellAddressOf(c: { row: number; column: number }): string {
  return cellAddress(c.row, c.column);
}

export class FakeNote extends ClientObject {
  protected readonly className = "Note";
  protected readonly scalars = ["content"] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly find: () => NoteRef,
    nullable = false,
  ) {
    super(context, path, nullable);
  }
  protected locate(): unknown {
    return this.find();
  }
  protected readScalar(t: NoteRef): unknown {
    return t.content;
  }
  get content(): string {
    return this.prop("content") as string;
  }
  set content(v: string) {
    this.setProp("content", v, (t: NoteRef) => {
      t.sheet.assertUnprotected("edit note");
      t.sheet.notes.set(t.row * MAX_COLUMNS + t.column, { row: t.row, column: t.column, content: String(v) });
    });
  }
  delete(): void {
    this.call("delete", null, (t: NoteRef) => {
      t.sheet.assertUnprotected("delete note");
      t.sheet.notes.delete(t.row * MAX_COLUMNS + t.column);
    });
  }
}

// ---- names ---------------------------------------------------------------------------------------

export class FakeNamedItemCollection extends ClientCollection<FakeNamedItem> {
  protected readonly className = "NamedItemCollection";
  constructor(context: FakeRequestContext) {
    super(context, "wb.names");
  }
  protected locate(): unknown {
    return this.context.model;
  }
  protected keys(): string[] {
    return this.context.model.names.map((n) => n.name);
  }
  protected itemProxy(k: string): FakeNamedItem {
    return cachedItem(this, k, () => new FakeNamedItem(this.context, `name(${k})`, () => this.find(k)));
  }
  private find(name: string): NameEntry {
    const n = this.context.model.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!n) throw new FakeExcelError("ItemNotFound", `The name '${name}' does not exist.`, "NamedItemCollection.getItem");
    return n;
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    sameContext(this.context, reference, "NamedItemCollection.add");
    this.call("add", { name, reference: typeof reference === "string" ? reference : "range", comment: comment ?? "" }, () => {
      const model = this.context.model;
      if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) {
        throw new FakeExcelError("InvalidArgument", `The name '${name}' is not valid.`, "NamedItemCollection.add");
      }
      if (model.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `The name '${name}' already exists.`, "NamedItemCollection.add");
      let sheet: SheetModel;
      let rect: Rect;
      if (typeof reference === "string") ({ sheet, rect } = model.resolveReference(reference));
      else {
        sheet = reference.worksheetModel();
        rect = reference.rect();
      }
      model.names.push({ name, sheetId: sheet.id, rect, comment: comment ?? "", visible: true });
    });
    return new FakeNamedItem(this.context, `name+(${name})`, () => this.find(name));
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, `name(${name})`, () => this.find(name));
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, `name?(${name})`, () => this.find(name), true);
  }
}

export class FakeNamedItem extends ClientObject {
  protected readonly className = "NamedItem";
  protected readonly scalars = ["name", "formula", "type", "value", "visible", "comment"] as const;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly find: () => NameEntry,
    nullable = false,
  ) {
    super(context, path, nullable);
  }
  protected locate(): unknown {
    return this.find();
  }
  protected readScalar(t: NameEntry, name: string): unknown {
    const formula = this.context.model.nameFormula(t);
    switch (name) {
      case "name":
        return t.name;
      case "formula":
        return formula;
      case "type":
        return formula === "=#REF!" ? "Error" : "Range";
      case "value":
        return formula.slice(1);
      case "visible":
        return t.visible;
      case "comment":
        return t.comment;
    }
    return undefined;
  }
  get name(): string {
    return this.prop("name") as string;
  }
  get formula(): string {
    return this.prop("formula") as string;
  }
  get type(): string {
    return this.prop("type") as string;
  }
  get value(): string {
    return this.prop("value") as string;
  }
  get visible(): boolean {
    return this.prop("visible") as boolean;
  }
  get comment(): string {
    return this.prop("comment") as string;
  }
  delete(): void {
    this.call("delete", null, (t: NameEntry) => {
      const list = this.context.model.names;
      list.splice(list.indexOf(t), 1);
    });
  }
  getRange(): FakeRange {
    const ws = new FakeWorksheet(this.context, `${this.path}.sheet`, () => {
      const n = this.find();
      const s = n.sheetId ? this.context.model.sheetById(n.sheetId) : undefined;
      if (!s || !n.rect) throw new FakeExcelError("InvalidReference", `The name '${n.name}' refers to #REF!.`);
      return s;
    });
    return new FakeRange(this.context, `${this.path}.range`, ws, () => {
      const n = this.find();
      if (!n.rect) throw new FakeExcelError("InvalidReference", `The name '${n.name}' refers to #REF!.`);
      return n.rect;
    });
  }
}

// ---- ranges --------------------------------------------------------------------------------------

/** What format, validation and conditional-format proxies operate on: one sheet, one or more areas. */
interface Areas {
  sheet: SheetModel;
  rects: Rect[];
}

function* cellsOf(rects: Rect[]): Generator<[number, number]> {
  for (const r of rects) for (let i = 0; i < r.rowCount; i++) for (let j = 0; j < r.columnCount; j++) yield [r.row + i, r.column + j];
}

/** The common value of a format property over the areas, or null when cells differ (Excel's rule). */
function uniformFormat<K extends CellFormatKey>(a: Areas, k: K): unknown {
  let first: unknown = undefined;
  let n = 0;
  for (const [r, c] of cellsOf(a.rects)) {
    const v = a.sheet.format(r, c, k);
    if (n++ === 0) first = v;
    else if (v !== first) return null;
    if (n > 2_000_000) break;
  }
  return first ?? DEFAULT_FORMAT[k];
}

function matrix<T>(rect: Rect, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rect.rowCount; i++) {
    const row: T[] = [];
    for (let j = 0; j < rect.columnCount; j++) row.push(f(rect.row + i, rect.column + j));
    out.push(row);
  }
  return out;
}

function checkReadSize(rect: Rect, what: string): void {
  if (area(rect) > CELL_READ_LIMIT) {
    throw new FakeExcelError("InvalidOperation", `Reading ${what} of ${area(rect)} cells exceeds the 5,000,000-cell limit.`, `Range.${what}`);
  }
}

/** Expands a scalar to the range's shape or checks a 2D array's dimensions. */
function shaped(rect: Rect, value: unknown, what: string): unknown[][] {
  if (!Array.isArray(value)) return matrix(rect, () => value);
  const rows = value as unknown[];
  if (rows.length !== rect.rowCount || rows.some((r) => !Array.isArray(r) || r.length !== rect.columnCount)) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rect.rowCount}×${rect.columnCount}).`,
      `Range.${what}`,
    );
  }
  return rows as unknown[][];
}

/** What the fake's Range.getCellProperties returns per cell (fill only). */
export interface FakeCellProperties {
  format?: { fill?: { color?: string; pattern?: string } };
}

export class FakeRange extends ClientObject {
  protected readonly className = "Range";
  protected readonly scalars = ["address", "addressLocal", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "formulas", "numberFormat", "text", "valueTypes"] as const;
  private cachedRect: Rect | undefined;
  private children: { format?: FakeRangeFormat; dataValidation?: FakeDataValidation; conditionalFormats?: FakeConditionalFormatCollection } = {};
  // created on first use: an add-in makes many ranges and touches few of their parts
  get format(): FakeRangeFormat {
    return (this.children.format ??= new FakeRangeFormat(this.context, `${this.path}.format`, () => this.areas()));
  }
  get dataValidation(): FakeDataValidation {
    return (this.children.dataValidation ??= new FakeDataValidation(this.context, `${this.path}.dataValidation`, () => this.areas()));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.children.conditionalFormats ??= new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => this.areas()));
  }

  constructor(
    context: FakeRequestContext,
    path: Path,
    readonly worksheet: FakeWorksheet,
    private readonly rectOf: () => Rect,
    nullable = false,
  ) {
    super(context, path, nullable);
  }

  worksheetModel(): SheetModel {
    return this.worksheet.sheet();
  }

  private areas(): Areas {
    return { sheet: this.worksheetModel(), rects: [this.rect()] };
  }

  rect(): Rect {
    this.worksheetModel();
    this.cachedRect ??= this.rectOf();
    return this.cachedRect;
  }

  protected locate(): unknown {
    return { sheet: this.worksheetModel(), rect: this.rect() };
  }

  protected override nav(name: string): ClientObject | undefined {
    if (name === "format") return this.format;
    if (name === "dataValidation") return this.dataValidation;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  protected readScalar(t: { sheet: SheetModel; rect: Rect }, name: string): unknown {
    const { sheet, rect } = t;
    switch (name) {
      case "address":
      case "addressLocal":
        return `${quoteSheet(sheet.name)}!${rangeAddress(rect)}`;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "cellCount":
        return area(rect);
      case "values":
        checkReadSize(rect, name);
        return matrix(rect, (r, c) => sheet.value(r, c));
      case "formulas":
        checkReadSize(rect, name);
        return matrix(rect, (r, c) => sheet.formula(r, c) ?? sheet.value(r, c));
      case "numberFormat":
        checkReadSize(rect, name);
        return matrix(rect, (r, c) => sheet.format(r, c, "numberFormat"));
      case "text":
        checkReadSize(rect, name);
        return matrix(rect, (r, c) => displayText(sheet.value(r, c), sheet.format(r, c, "numberFormat")));
      case "valueTypes":
        checkReadSize(rect, name);
        return matrix(rect, (r, c) => valueType(sheet.value(r, c)));
    }
    return undefined;
  }

  /**
   * Range.getCellProperties (ExcelApi 1.9), modelled for `format.fill.color/pattern` only (what
   * live highlighting reads). As Excel: a cell without fill reports color "#FFFFFF", pattern "None".
   */
  getCellProperties(spec: { format?: { fill?: { color?: boolean; pattern?: boolean } } }): { value: FakeCellProperties[][] } {
    const result = { value: [] as FakeCellProperties[][], loaded: false };
    this.context.enqueue({ p: this.path, m: "getCellProperties", a: spec }, () => {
      const { sheet, rect } = this.locate() as { sheet: SheetModel; rect: Rect };
      checkReadSize(rect, "cellProperties");
      const want = spec.format?.fill ?? {};
      const payload = matrix(rect, (r, c): FakeCellProperties => {
        const fill = sheet.format(r, c, "fill") as string | null;
        const f: { color?: string; pattern?: string } = {};
        if (want.color) f.color = fill ?? "#FFFFFF";
        if (want.pattern) f.pattern = fill ? "Solid" : "None";
        return { format: { fill: f } };
      });
      return {
        payload,
        commit: () => {
          result.value = payload;
          result.loaded = true;
        },
      };
    });
    return {
      get value(): FakeCellProperties[][] {
        if (!result.loaded) throw notLoaded("ClientResult", "value");
        return result.value;
      },
    };
  }

  get address(): string {
    return this.prop("address") as string;
  }
  get addressLocal(): string {
    return this.prop("addressLocal") as string;
  }
  get rowIndex(): number {
    return this.prop("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.prop("columnIndex") as number;
  }
  get rowCount(): number {
    return this.prop("rowCount") as number;
  }
  get columnCount(): number {
    return this.prop("columnCount") as number;
  }
  get cellCount(): number {
    return this.prop("cellCount") as number;
  }
  get text(): string[][] {
    return this.prop("text") as string[][];
  }
  get valueTypes(): string[][] {
    return this.prop("valueTypes") as string[][];
  }

  get values(): CellValue[][] {
    return this.prop("values") as CellValue[][];
  }
  set values(v: CellValue[][]) {
    this.setProp("values", v, (t: { sheet: SheetModel; rect: Rect }) => this.writeCells(t, v, false));
  }
  get formulas(): unknown[][] {
    return this.prop("formulas") as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.setProp("formulas", v, (t: { sheet: SheetModel; rect: Rect }) => this.writeCells(t, v, true));
  }
  get numberFormat(): string[][] {
    return this.prop("numberFormat") as string[][];
  }
  set numberFormat(v: string[][]) {
    this.setProp("numberFormat", v, (t: { sheet: SheetModel; rect: Rect }) => {
      t.sheet.assertFormatAllowed("cells");
      if (!Array.isArray(v)) t.sheet.setFormat(t.rect, { numberFormat: String(v) });
      else {
        const m = shaped(t.rect, v, "numberFormat");
        const uniform = m.every((row) => row.every((x) => x === m[0][0]));
        if (uniform) t.sheet.setFormat(t.rect, { numberFormat: String(m[0][0]) });
        else m.forEach((row, i) => row.forEach((x, j) => t.sheet.setFormat({ row: t.rect.row + i, column: t.rect.column + j, rowCount: 1, columnCount: 1 }, { numberFormat: String(x) })));
      }
    });
  }

  private writeCells(t: { sheet: SheetModel; rect: Rect }, v: unknown, asFormulas: boolean): void {
    const m = shaped(t.rect, v, asFormulas ? "formulas" : "values");
    t.sheet.assertEditable(t.rect, asFormulas ? "formulas" : "values");
    const ev = this.context.model.writeValues(t.sheet, t.rect, m, "ThisLocalAddin", "Local", asFormulas);
    this.context.pendingEvents.push({ type: "changed", event: ev });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.cell(${row},${column})`, this.worksheet, () => {
      const r = this.rect();
      return { row: r.row + row, column: r.column + column, rowCount: 1, columnCount: 1 };
    });
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.context, `${this.path}.entireColumn`, this.worksheet, () => {
      const r = this.rect();
      return { row: 0, column: r.column, rowCount: MAX_ROWS, columnCount: r.columnCount };
    });
  }

  getEntireRow(): FakeRange {
    return new FakeRange(this.context, `${this.path}.entireRow`, this.worksheet, () => {
      const r = this.rect();
      return { row: r.row, column: 0, rowCount: r.rowCount, columnCount: MAX_COLUMNS };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.resized(${deltaRows},${deltaColumns})`, this.worksheet, () => {
      const r = this.rect();
      const out = { ...r, rowCount: r.rowCount + deltaRows, columnCount: r.columnCount + deltaColumns };
      if (out.rowCount < 1 || out.columnCount < 1) throw new FakeExcelError("InvalidArgument", "The resized range is empty.", "Range.getResizedRange");
      return out;
    });
  }

  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.intersection`,
      this.worksheet,
      () => {
        const o = typeof other === "string" ? parseAddress(other) : other.rect();
        const i = rectIntersect(this.rect(), o);
        if (!i) throw new FakeExcelError("ItemNotFound", "No intersection.");
        return i;
      },
      true,
    );
  }

  merge(across = false): void {
    this.call("merge", across, (t: { sheet: SheetModel; rect: Rect }) => {
      t.sheet.assertUnprotected("merge");
      if (across) for (let i = 0; i < t.rect.rowCount; i++) t.sheet.merges.push({ ...t.rect, row: t.rect.row + i, rowCount: 1 });
      else t.sheet.merges.push({ ...t.rect });
    });
  }

  unmerge(): void {
    this.call("unmerge", null, (t: { sheet: SheetModel; rect: Rect }) => {
      for (let i = t.sheet.merges.length - 1; i >= 0; i--) if (rectIntersect(t.sheet.merges[i], t.rect)) t.sheet.merges.splice(i, 1);
    });
  }

  /** Selects the range (activating its sheet, which fires onActivated). */
  select(): void {
    this.call("select", null, (t: { sheet: SheetModel; rect: Rect }) => {
      const model = this.context.model;
      if (t.sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "Cannot select a range on a hidden sheet.", "Range.select");
      if (model.activeSheetId !== t.sheet.id) {
        model.activeSheetId = t.sheet.id;
        this.context.pendingEvents.push({ type: "activated", event: { sheetId: t.sheet.id, source: "Local" } });
      }
      t.sheet.selection = { ...t.rect };
    });
  }

  /** Clears contents, formats or both ("All", "Formats", "Contents"). */
  clear(applyTo: string = "All"): void {
    this.call("clear", applyTo, (t: { sheet: SheetModel; rect: Rect }) => {
      if (applyTo === "All" || applyTo === "Contents") {
        t.sheet.assertEditable(t.rect, "clear");
        const keys: number[] = [];
        for (const k of t.sheet.cells.keys()) if (rectContains(t.rect, Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS)) keys.push(k);
        for (const k of keys) t.sheet.put(Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS, "");
        this.context.model.recalculate(t.sheet);
        this.context.pendingEvents.push({ type: "changed", event: { sheetId: t.sheet.id, rect: t.rect, changeType: "RangeEdited", source: "Local", triggerSource: "ThisLocalAddin" } });
      }
      if (applyTo === "All" || applyTo === "Formats") {
        t.sheet.assertFormatAllowed("cells");
        const reset: CellFormat = { ...DEFAULT_FORMAT };
        delete reset.locked;
        t.sheet.setFormat(t.rect, reset);
      }
    });
  }
}

export class FakeRangeAreas extends ClientObject {
  protected readonly className = "RangeAreas";
  protected readonly scalars = ["address", "areaCount", "cellCount"] as const;
  private children: { format?: FakeRangeFormat; dataValidation?: FakeDataValidation; conditionalFormats?: FakeConditionalFormatCollection } = {};
  // created on first use: an add-in makes many ranges and touches few of their parts
  get format(): FakeRangeFormat {
    return (this.children.format ??= new FakeRangeFormat(this.context, `${this.path}.format`, () => this.areas()));
  }
  get dataValidation(): FakeDataValidation {
    return (this.children.dataValidation ??= new FakeDataValidation(this.context, `${this.path}.dataValidation`, () => this.areas()));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.children.conditionalFormats ??= new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => this.areas()));
  }
  private cached: Rect[] | undefined;

  constructor(
    context: FakeRequestContext,
    path: Path,
    readonly worksheet: FakeWorksheet,
    private readonly addressList: string,
  ) {
    super(context, path);
    // the address string travels with the request
    context.enqueue({ p: path, m: "getRanges", a: addressList }, () => {
      this.rects();
    });
  }

  private areas(): Areas {
    return { sheet: this.worksheet.sheet(), rects: this.rects() };
  }

  rects(): Rect[] {
    if (this.cached) return this.cached;
    this.context.model.requireSet("ExcelApi", "1.9", "Worksheet.getRanges");
    const parts = this.addressList.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
    if (parts.length === 0 || parts.length > RANGE_AREAS_LIMIT || this.addressList.length > 8192) {
      throw new FakeExcelError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.", "Worksheet.getRanges");
    }
    this.cached = parts.map(parseAddress);
    return this.cached;
  }

  protected locate(): unknown {
    return { sheet: this.worksheet.sheet(), rects: this.rects() };
  }
  protected override nav(name: string): ClientObject | undefined {
    if (name === "format") return this.format;
    return undefined;
  }
  protected readScalar(t: Areas, name: string): unknown {
    if (name === "address") return t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rangeAddress(r)}`).join(",");
    if (name === "areaCount") return t.rects.length;
    return t.rects.reduce((n, r) => n + area(r), 0);
  }
  get address(): string {
    return this.prop("address") as string;
  }
  get areaCount(): number {
    return this.prop("areaCount") as number;
  }
  get cellCount(): number {
    return this.prop("cellCount") as number;
  }
}

// ---- formats -------------------------------------------------------------------------------------

const H_ALIGN = new Set(["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"]);
const V_ALIGN = new Set(["Top", "Center", "Bottom", "Justify", "Distributed"]);
/** Points per character of the default font (Excel: 8.43 characters = 64 px = 48 pt). */
export const POINTS_PER_CHAR = 48 / 8.43;

abstract class AreasObject extends ClientObject {
  constructor(
    context: FakeRequestContext,
    path: Path,
    protected readonly areas: () => Areas,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    return this.areas();
  }
  /** Queues a format write over every area. */
  protected setFormat(name: string, value: unknown, fmt: CellFormat, kind: "cells" | "columns" | "rows" = "cells"): void {
    this.setProp(name, value, (a: Areas) => {
      a.sheet.assertFormatAllowed(kind);
      for (const r of a.rects) a.sheet.setFormat(r, fmt);
    });
  }
}

export class FakeRangeFormat extends AreasObject {
  protected readonly className = "RangeFormat";
  protected readonly scalars = ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "verticalAlignment"] as const;
  private parts: { fill?: FakeRangeFill; font?: FakeRangeFont; protection?: FakeFormatProtection; borders?: FakeBorderCollection } = {};
  get fill(): FakeRangeFill {
    return (this.parts.fill ??= new FakeRangeFill(this.context, `${this.path}.fill`, this.areas));
  }
  get font(): FakeRangeFont {
    return (this.parts.font ??= new FakeRangeFont(this.context, `${this.path}.font`, this.areas));
  }
  get protection(): FakeFormatProtection {
    return (this.parts.protection ??= new FakeFormatProtection(this.context, `${this.path}.protection`, this.areas));
  }
  get borders(): FakeBorderCollection {
    return (this.parts.borders ??= new FakeBorderCollection(this.context, `${this.path}.borders`, this.areas));
  }
  protected override nav(name: string): ClientObject | undefined {
    return ({ fill: this.fill, font: this.font, protection: this.protection } as Record<string, ClientObject>)[name];
  }
  protected readScalar(a: Areas, name: string): unknown {
    switch (name) {
      case "columnWidth": {
        const widths = new Set<number>();
        for (const r of a.rects) for (let c = r.column; c < r.column + Math.min(r.columnCount, 512); c++) widths.add(a.sheet.columnWidths.get(c) ?? 8.43 * POINTS_PER_CHAR);
        return widths.size === 1 ? [...widths][0] : null;
      }
      case "rowHeight":
        return 15;
      case "wrapText":
        return uniformFormat(a, "wrapText");
      case "horizontalAlignment":
        return uniformFormat(a, "horizontalAlignment");
      case "verticalAlignment":
        return uniformFormat(a, "verticalAlignment");
    }
    return undefined;
  }
  get columnWidth(): number {
    return this.prop("columnWidth") as number;
  }
  set columnWidth(v: number) {
    this.setProp("columnWidth", v, (a: Areas) => {
      a.sheet.assertFormatAllowed("columns");
      if (!(typeof v === "number" && v >= 0 && v <= 255 * POINTS_PER_CHAR)) throw new FakeExcelError("InvalidArgument", `Column width ${v} is out of range.`, "RangeFormat.columnWidth");
      for (const r of a.rects) for (let c = r.column; c < r.column + r.columnCount; c++) a.sheet.columnWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this.prop("rowHeight") as number;
  }
  get wrapText(): boolean {
    return this.prop("wrapText") as boolean;
  }
  set wrapText(v: boolean) {
    this.setFormat("wrapText", v, { wrapText: !!v });
  }
  get horizontalAlignment(): string {
    return this.prop("horizontalAlignment") as string;
  }
  set horizontalAlignment(v: string) {
    this.setProp("horizontalAlignment", v, (a: Areas) => {
      if (!H_ALIGN.has(v)) throw new FakeExcelError("InvalidArgument", `Unknown horizontal alignment ${v}.`, "RangeFormat.horizontalAlignment");
      a.sheet.assertFormatAllowed();
      for (const r of a.rects) a.sheet.setFormat(r, { horizontalAlignment: v });
    });
  }
  get verticalAlignment(): string {
    return this.prop("verticalAlignment") as string;
  }
  set verticalAlignment(v: string) {
    this.setProp("verticalAlignment", v, (a: Areas) => {
      if (!V_ALIGN.has(v)) throw new FakeExcelError("InvalidArgument", `Unknown vertical alignment ${v}.`, "RangeFormat.verticalAlignment");
      a.sheet.assertFormatAllowed();
      for (const r of a.rects) a.sheet.setFormat(r, { verticalAlignment: v });
    });
  }
  autofitColumns(): void {
    this.call("autofitColumns", null, (a: Areas) => a.sheet.assertFormatAllowed("columns"));
  }
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;
const NAMED_COLORS: Record<string, string> = { red: "#FF0000", yellow: "#FFFF00", white: "#FFFFFF", black: "#000000", green: "#008000", blue: "#0000FF", orange: "#FFA500" };
function normColor(v: string, where: string): string {
  const named = NAMED_COLORS[String(v).toLowerCase()];
  if (named) return named;
  if (!COLOR.test(v)) throw new FakeExcelError("InvalidArgument", `Color '${v}' is not #RRGGBB or a known name.`, where);
  return v.toUpperCase();
}

export class FakeRangeFill extends AreasObject {
  protected readonly className = "RangeFill";
  protected readonly scalars = ["color"] as const;
  protected readScalar(a: Areas): unknown {
    return uniformFormat(a, "fill");
  }
  get color(): string | null {
    return this.prop("color") as string | null;
  }
  set color(v: string | null) {
    this.setProp("color", v, (a: Areas) => {
      a.sheet.assertFormatAllowed();
      const c = v === null || v === "" ? null : normColor(v, "RangeFill.color");
      for (const r of a.rects) a.sheet.setFormat(r, { fill: c });
    });
  }
  clear(): void {
    this.loaded.delete("color");
    this.call("clear", null, (a: Areas) => {
      a.sheet.assertFormatAllowed();
      for (const r of a.rects) a.sheet.setFormat(r, { fill: null });
    });
  }
}

export class FakeRangeFont extends AreasObject {
  protected readonly className = "RangeFont";
  protected readonly scalars = ["bold", "italic", "color", "size", "name"] as const;
  protected readScalar(a: Areas, name: string): unknown {
    const k = ({ bold: "bold", italic: "italic", color: "fontColor", size: "fontSize", name: "fontName" } as Record<string, CellFormatKey>)[name];
    return uniformFormat(a, k);
  }
  get bold(): boolean {
    return this.prop("bold") as boolean;
  }
  set bold(v: boolean) {
    this.setFormat("bold", v, { bold: !!v });
  }
  get italic(): boolean {
    return this.prop("italic") as boolean;
  }
  set italic(v: boolean) {
    this.setFormat("italic", v, { italic: !!v });
  }
  get color(): string {
    return this.prop("color") as string;
  }
  set color(v: string) {
    this.setProp("color", v, (a: Areas) => {
      a.sheet.assertFormatAllowed();
      const c = normColor(v, "RangeFont.color");
      for (const r of a.rects) a.sheet.setFormat(r, { fontColor: c });
    });
  }
  get size(): number {
    return this.prop("size") as number;
  }
  set size(v: number) {
    this.setProp("size", v, (a: Areas) => {
      if (!(typeof v === "number" && v >= 1 && v <= 409)) throw new FakeExcelError("InvalidArgument", `Font size ${v} is out of range.`, "RangeFont.size");
      a.sheet.assertFormatAllowed();
      for (const r of a.rects) a.sheet.setFormat(r, { fontSize: v });
    });
  }
  get name(): string {
    return this.prop("name") as string;
  }
  set name(v: string) {
    this.setFormat("name", v, { fontName: String(v) });
  }
}

export class FakeFormatProtection extends AreasObject {
  protected readonly className = "FormatProtection";
  protected readonly scalars = ["locked"] as const;
  protected readScalar(a: Areas): unknown {
    return uniformFormat(a, "locked");
  }
  get locked(): boolean {
    return this.prop("locked") as boolean;
  }
  /** Changing lock state needs an unprotected sheet. */
  set locked(v: boolean) {
    this.setProp("locked", v, (a: Areas) => {
      a.sheet.assertUnprotected("locked");
      for (const r of a.rects) a.sheet.setFormat(r, { locked: !!v });
    });
  }
}

export class FakeBorderCollection extends AreasObject {
  protected readonly className = "RangeBorderCollection";
  protected readonly scalars = [] as const;
  protected readScalar(): unknown {
    return undefined;
  }
  /** Any continuous edge sets the cell's "border" flag; "None" clears it (a simplification). */
  getItem(index: string): { style: string; color: string; weight: string } {
    const owner = this;
    const state = { style: "None", color: "#000000", weight: "Thin" };
    return {
      get style() {
        return state.style;
      },
      set style(v: string) {
        state.style = v;
        owner.call(`border.${index}.style`, v, (a: Areas) => {
          a.sheet.assertFormatAllowed();
          for (const r of a.rects) a.sheet.setFormat(r, { border: v !== "None" });
        });
      },
      get color() {
        return state.color;
      },
      set color(v: string) {
        state.color = v;
        owner.call(`border.${index}.color`, v, () => undefined);
      },
      get weight() {
        return state.weight;
      },
      set weight(v: string) {
        state.weight = v;
        owner.call(`border.${index}.weight`, v, () => undefined);
      },
    };
  }
}

// ---- data validation -------------------------------------------------------------------------------

const RULE_KEYS = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"] as const;
const RULE_TYPE: Record<string, string> = { wholeNumber: "WholeNumber", decimal: "Decimal", textLength: "TextLength", date: "Date", time: "Time", list: "List", custom: "Custom" };

export class FakeDataValidation extends AreasObject {
  protected readonly className = "DataValidation";
  protected readonly scalars = ["rule", "errorAlert", "prompt", "ignoreBlanks", "type", "valid"] as const;

  private entry(a: Areas) {
    const [r0] = a.rects;
    const e = a.sheet.validationAt(r0.row, r0.column);
    for (const [r, c] of cellsOf(a.rects)) {
      if (a.sheet.validationAt(r, c) !== e) return "mixed" as const;
      if (r - r0.row > 2000) break;
    }
    return e;
  }

  protected readScalar(a: Areas, name: string): unknown {
    const e = this.entry(a);
    if (e === "mixed") return name === "type" ? "Inconsistent" : null;
    switch (name) {
      case "rule":
        return e?.rule ? JSON.parse(JSON.stringify(e.rule)) : {};
      case "errorAlert":
        return e ? { ...e.errorAlert } : { showAlert: true, style: "Stop", title: "", message: "" };
      case "prompt":
        return e ? { ...e.prompt } : { showPrompt: false, title: "", message: "" };
      case "ignoreBlanks":
        return e ? e.ignoreBlanks : true;
      case "type": {
        if (!e?.rule) return "None";
        const k = RULE_KEYS.find((x) => e.rule![x] !== undefined);
        return k ? RULE_TYPE[k] : "None";
      }
      case "valid":
        return true;
    }
    return undefined;
  }

  private edit(name: string, value: unknown, f: (e: ReturnType<SheetModel["validationFor"]>, a: Areas) => void): void {
    this.setProp(name, value, (a: Areas) => {
      a.sheet.assertUnprotected("data validation");
      for (const r of a.rects) f(a.sheet.validationFor(r), a);
    });
  }

  get rule(): DataValidationRuleModel {
    return this.prop("rule") as DataValidationRuleModel;
  }
  set rule(v: DataValidationRuleModel) {
    this.edit("rule", v, (e, a) => {
      const keys = RULE_KEYS.filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      if (keys.length !== 1) throw new FakeExcelError("InvalidArgument", "A data-validation rule must have exactly one of its rule properties.", "DataValidation.rule");
      if (v.list) {
        const src = String(v.list.source ?? "");
        if (src.startsWith("=")) this.context.model.resolveReference(src, a.sheet);
        else if (src.length > 255) throw new FakeExcelError("InvalidArgument", "A literal list source is limited to 255 characters; use a range.", "DataValidation.rule");
        else if (src.trim() === "") throw new FakeExcelError("InvalidArgument", "The list source is empty.", "DataValidation.rule");
      }
      e.rule = JSON.parse(JSON.stringify(v));
    });
  }
  get errorAlert(): DataValidationEntryAlert {
    return this.prop("errorAlert") as DataValidationEntryAlert;
  }
  set errorAlert(v: DataValidationEntryAlert) {
    this.edit("errorAlert", v, (e) => {
      if ((v.title ?? "").length > 32 || (v.message ?? "").length > 255) throw new FakeExcelError("InvalidArgument", "Error alert title ≤ 32 and message ≤ 255 characters.", "DataValidation.errorAlert");
      e.errorAlert = { showAlert: v.showAlert ?? true, style: v.style ?? "Stop", title: v.title ?? "", message: v.message ?? "" };
    });
  }
  get prompt(): { showPrompt: boolean; title: string; message: string } {
    return this.prop("prompt") as { showPrompt: boolean; title: string; message: string };
  }
  set prompt(v: { showPrompt?: boolean; title?: string; message?: string }) {
    this.edit("prompt", v, (e) => {
      if ((v.title ?? "").length > 32 || (v.message ?? "").length > 255) throw new FakeExcelError("InvalidArgument", "Prompt title ≤ 32 and message ≤ 255 characters.", "DataValidation.prompt");
      e.prompt = { showPrompt: v.showPrompt ?? false, title: v.title ?? "", message: v.message ?? "" };
    });
  }
  get ignoreBlanks(): boolean {
    return this.prop("ignoreBlanks") as boolean;
  }
  set ignoreBlanks(v: boolean) {
    this.edit("ignoreBlanks", v, (e) => (e.ignoreBlanks = !!v));
  }
  get type(): string {
    return this.prop("type") as string;
  }
  get valid(): boolean {
    return this.prop("valid") as boolean;
  }
  /** Removes all validation (rule, alert, prompt) from the range. */
  clear(): void {
    this.call("clear", null, (a: Areas) => {
      a.sheet.assertUnprotected("data validation");
      for (const r of a.rects) a.sheet.removeValidation(r);
    });
  }
}

interface DataValidationEntryAlert {
  showAlert?: boolean;
  style?: string;
  title?: string;
  message?: string;
}

// ---- conditional formats -----------------------------------------------------------------------------

export class FakeConditionalFormatCollection extends AreasObject {
  protected readonly className = "ConditionalFormatCollection";
  protected readonly scalars = [] as const;
  private itemList: FakeConditionalFormat[] | undefined;

  protected readScalar(): unknown {
    return undefined;
  }
  private entries(a: Areas): ConditionalFormatEntry[] {
    return a.sheet.conditionalFormats.filter((cf) => cf.rects.some((r) => a.rects.some((x) => rectIntersect(r, x))));
  }
  get items(): FakeConditionalFormat[] {
    if (!this.itemList) throw notLoaded(this.className, "items");
    return this.itemList;
  }
  protected override loadPaths(paths: string[]): void {
    const itemPaths = paths.map((p) => (p.startsWith("items/") ? p.slice(6) : p === "items" ? "" : p)).filter(Boolean);
    this.context.enqueue({ p: this.path, load: "items", select: itemPaths }, () => {
      const a = this.areas();
      const list = this.entries(a).map((cf) => new FakeConditionalFormat(this.context, `${this.path}(${cf.id})`, () => ({ sheet: a.sheet, cf }), true));
      const payload = list.map((p) => p.snapshot());
      return {
        payload,
        commit: () => {
          this.itemList = list;
          list.forEach((p, i) => p.fill(payload[i]));
        },
      };
    });
  }
  /** Adds a conditional format (only `custom` is modelled: formula + fill/font color). */
  add(type: string): FakeConditionalFormat {
    let created: { sheet: SheetModel; cf: ConditionalFormatEntry } | undefined;
    this.call("add", type, (a: Areas) => {
      a.sheet.assertUnprotected("conditional format");
      if (String(type).toLowerCase() !== "custom") throw new FakeExcelError("InvalidArgument", `The fake models only custom conditional formats, not ${type}.`, "ConditionalFormatCollection.add");
      created = { sheet: a.sheet, cf: this.context.model.newConditionalFormat(a.sheet, a.rects, "Custom") };
    });
    return new FakeConditionalFormat(this.context, `${this.path}.added`, () => {
      if (!created) throw new FakeExcelError("InvalidObjectPath", "The conditional format was not created.");
      return created;
    });
  }
  getCount(): { value: number } {
    const state = { v: 0, loaded: false };
    this.context.enqueue({ p: this.path, m: "getCount" }, () => {
      const n = this.entries(this.areas()).length;
      return { payload: n, commit: () => Object.assign(state, { v: n, loaded: true }) };
    });
    return {
      get value() {
        if (!state.loaded) throw notLoaded("ClientResult", "value");
        return state.v;
      },
    };
  }
  /** Removes these areas from every conditional format (formats left without areas disappear). */
  clearAll(): void {
    this.call("clearAll", null, (a: Areas) => {
      a.sheet.assertUnprotected("conditional format");
      for (const r of a.rects) a.sheet.clearConditionalFormats(r);
    });
  }
}

export class FakeConditionalFormat extends ClientObject {
  protected readonly className = "ConditionalFormat";
  protected readonly scalars = ["id", "type", "priority", "stopIfTrue"] as const;
  readonly custom: { rule: { formula: string; load(): unknown }; format: { fill: { color: string }; font: { color: string } }; load(): unknown };

  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly find: () => { sheet: SheetModel; cf: ConditionalFormatEntry },
    private readonly fromList = false,
  ) {
    super(context, path);
    const self = this;
    const state = { formula: undefined as string | undefined, fill: undefined as string | undefined, font: undefined as string | undefined };
    const need = (v: string | undefined, n: string) => {
      if (v === undefined) throw notLoaded("ConditionalFormat", n);
      return v;
    };
    this.state = state;
    this.custom = {
      rule: {
        get formula() {
          return need(state.formula, "custom/rule/formula");
        },
        set formula(v: string) {
          state.formula = v;
          self.call("custom.rule.formula", v, (t: { cf: ConditionalFormatEntry }) => {
            if (typeof v !== "string" || v.trim() === "") throw new FakeExcelError("InvalidArgument", "The conditional-format formula is empty.", "ConditionalFormat.custom.rule.formula");
            t.cf.formula = v.startsWith("=") ? v : `=${v}`;
          });
        },
        load: () => self.load(),
      },
      format: {
        fill: {
          get color() {
            return need(state.fill, "custom/format/fill/color");
          },
          set color(v: string) {
            state.fill = v;
            self.call("custom.format.fill.color", v, (t: { cf: ConditionalFormatEntry }) => (t.cf.fill = normColor(v, "ConditionalFormat.fill.color")));
          },
        },
        font: {
          get color() {
            return need(state.font, "custom/format/font/color");
          },
          set color(v: string) {
            state.font = v;
            self.call("custom.format.font.color", v, (t: { cf: ConditionalFormatEntry }) => (t.cf.fontColor = normColor(v, "ConditionalFormat.font.color")));
          },
        },
      },
      load: () => self.load(),
    };
  }
  private state: { formula: string | undefined; fill: string | undefined; font: string | undefined };

  protected locate(): unknown {
    return this.find();
  }
  protected readScalar(t: { sheet: SheetModel; cf: ConditionalFormatEntry }, name: string): unknown {
    switch (name) {
      case "id":
        return t.cf.id;
      case "type":
        return t.cf.type;
      case "priority":
        return t.sheet.conditionalFormats.indexOf(t.cf);
      case "stopIfTrue":
        return t.cf.stopIfTrue;
    }
    return undefined;
  }
  /** Loads everything, including custom rule and format (what `load()` gives for a listed item). */
  override load(arg?: string | string[] | { select?: string; expand?: string }): this {
    super.load(arg);
    this.context.enqueue({ p: this.path, load: "custom" }, () => {
      const s = this.snapshot();
      return { payload: s, commit: () => this.fill(s) };
    });
    return this;
  }
  snapshot(): Record<string, unknown> {
    const t = this.find();
    return { id: t.cf.id, type: t.cf.type, priority: t.sheet.conditionalFormats.indexOf(t.cf), stopIfTrue: t.cf.stopIfTrue, formula: t.cf.formula, fill: t.cf.fill, font: t.cf.fontColor, address: t.cf.rects.map(rangeAddress).join(",") };
  }
  fill(s: Record<string, unknown>): void {
    for (const k of ["id", "type", "priority", "stopIfTrue"]) this.loaded.set(k, s[k]);
    this.state.formula = s.formula as string;
    this.state.fill = (s.fill as string | null) ?? "";
    this.state.font = (s.font as string | null) ?? "";
    this.nullState = false;
    void this.fromList;
  }
  get id(): string {
    return this.prop("id") as string;
  }
  get type(): string {
    return this.prop("type") as string;
  }
  get priority(): number {
    return this.prop("priority") as number;
  }
  get stopIfTrue(): boolean {
    return this.prop("stopIfTrue") as boolean;
  }
  set stopIfTrue(v: boolean) {
    this.setProp("stopIfTrue", v, (t: { cf: ConditionalFormatEntry }) => (t.cf.stopIfTrue = !!v));
  }
  /** The range the format applies to (first area). */
  getRange(): FakeRange {
    const ws = new FakeWorksheet(this.context, `${this.path}.sheet`, () => this.find().sheet);
    return new FakeRange(this.context, `${this.path}.range`, ws, () => this.find().cf.rects[0]);
  }
  delete(): void {
    this.call("delete", null, (t: { sheet: SheetModel; cf: ConditionalFormatEntry }) => {
      const list = t.sheet.conditionalFormats;
      list.splice(list.indexOf(t.cf), 1);
    });
  }
}

export { columnLetter };

// ---- page layout (ExcelApi 1.9) ------------------------------------------------------------------

const PAPER_TYPES = ["Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5", "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14", "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65", "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS", "FanfoldStdGerman", "FanfoldLegalGerman"];
const MARGINS = ["topMargin", "bottomMargin", "leftMargin", "rightMargin", "headerMargin", "footerMargin"] as const;
type MarginName = (typeof MARGINS)[number];

function badArgument(where: string, what: string): FakeExcelError {
  return new FakeExcelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (${what})`, where);
}

/**
 * Worksheet.pageLayout: property writes queue and apply at sync (and are validated then, as Excel
 * does: an unknown orientation or paper, a negative margin, a zoom outside 10–400 % or mixing a
 * scale with pages to fit fail the batch with InvalidArgument). Margins are points. Allowed on a
 * protected sheet (page setup is not locked by sheet protection).
 */
export class FakePageLayout extends ClientObject {
  protected readonly className = "PageLayout";
  protected readonly scalars = [
    "orientation",
    "paperSize",
    ...MARGINS,
    "centerHorizontally",
    "centerVertically",
    "printGridlines",
    "zoom",
  ] as const;
  readonly headersFooters: FakeHeaderFooterGroup;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
    private readonly worksheet: FakeWorksheet,
  ) {
    super(context, path);
    this.headersFooters = new FakeHeaderFooterGroup(context, `${path}.headersFooters`, () => this.locate() as SheetModel);
  }
  protected locate(): unknown {
    this.context.model.requireSet("ExcelApi", "1.9", "Worksheet.pageLayout");
    return this.sheetOf();
  }
  protected readScalar(t: SheetModel, name: string): unknown {
    const v = t.pageLayout[name as keyof PageLayoutModel];
    return v !== null && typeof v === "object" ? { ...v } : v;
  }
  protected override nav(name: string): ClientObject | undefined {
    return name === "headersFooters" ? this.headersFooters : undefined;
  }
  private assign<K extends keyof PageLayoutModel>(name: K, value: unknown, check: (v: unknown) => PageLayoutModel[K]): void {
    this.setProp(name, value, (t: SheetModel) => {
      (this.locate() as SheetModel).pageLayout[name] = check(value);
      void t;
    });
  }
  private margin(name: MarginName, v: unknown): void {
    this.assign(name, v, (x) => {
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw badArgument(`PageLayout.${name}`, `${name} ${String(x)}`);
      return x;
    });
  }

  get orientation(): string {
    return this.prop("orientation") as string;
  }
  set orientation(v: string) {
    this.assign("orientation", v, (x) => {
      if (x !== "Portrait" && x !== "Landscape") throw badArgument("PageLayout.orientation", `orientation ${String(x)}`);
      return x;
    });
  }
  get paperSize(): string {
    return this.prop("paperSize") as string;
  }
  set paperSize(v: string) {
    this.assign("paperSize", v, (x) => {
      if (typeof x !== "string" || !PAPER_TYPES.includes(x)) throw badArgument("PageLayout.paperSize", `paperSize ${String(x)}`);
      return x;
    });
  }
  get topMargin(): number {
    return this.prop("topMargin") as number;
  }
  set topMargin(v: number) {
    this.margin("topMargin", v);
  }
  get bottomMargin(): number {
    return this.prop("bottomMargin") as number;
  }
  set bottomMargin(v: number) {
    this.margin("bottomMargin", v);
  }
  get leftMargin(): number {
    return this.prop("leftMargin") as number;
  }
  set leftMargin(v: number) {
    this.margin("leftMargin", v);
  }
  get rightMargin(): number {
    return this.prop("rightMargin") as number;
  }
  set rightMargin(v: number) {
    this.margin("rightMargin", v);
  }
  get headerMargin(): number {
    return this.prop("headerMargin") as number;
  }
  set headerMargin(v: number) {
    this.margin("headerMargin", v);
  }
  get footerMargin(): number {
    return this.prop("footerMargin") as number;
  }
  set footerMargin(v: number) {
    this.margin("footerMargin", v);
  }
  get centerHorizontally(): boolean {
    return this.prop("centerHorizontally") as boolean;
  }
  set centerHorizontally(v: boolean) {
    this.assign("centerHorizontally", v, (x) => Boolean(x));
  }
  get centerVertically(): boolean {
    return this.prop("centerVertically") as boolean;
  }
  set centerVertically(v: boolean) {
    this.assign("centerVertically", v, (x) => Boolean(x));
  }
  get printGridlines(): boolean {
    return this.prop("printGridlines") as boolean;
  }
  set printGridlines(v: boolean) {
    this.assign("printGridlines", v, (x) => Boolean(x));
  }
  /** Set as a whole object (Office.js): { scale } or { horizontalFitToPages, verticalFitToPages } (0 = automatic). */
  get zoom(): PageLayoutModel["zoom"] {
    return this.prop("zoom") as PageLayoutModel["zoom"];
  }
  set zoom(v: PageLayoutModel["zoom"]) {
    this.assign("zoom", v && typeof v === "object" ? { ...v } : v, (x) => {
      const z = x as PageLayoutModel["zoom"] | null;
      if (!z || typeof z !== "object") throw badArgument("PageLayout.zoom", "zoom must be an object");
      const fit = z.horizontalFitToPages !== undefined || z.verticalFitToPages !== undefined;
      if (z.scale !== undefined) {
        if (fit || !Number.isInteger(z.scale) || z.scale < 10 || z.scale > 400) throw badArgument("PageLayout.zoom", `zoom ${JSON.stringify(z)}`);
        return { scale: z.scale };
      }
      if (!fit) throw badArgument("PageLayout.zoom", "zoom needs scale or pages to fit");
      const pages = (n: number | undefined) => {
        if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > 32767)) throw badArgument("PageLayout.zoom", `zoom ${JSON.stringify(z)}`);
        return n ?? 1;
      };
      return { horizontalFitToPages: pages(z.horizontalFitToPages), verticalFitToPages: pages(z.verticalFitToPages) };
    });
  }

  /** Rows repeated on every printed page: a range or an address ("$1:$4"); the rows of the range count. */
  setPrintTitleRows(printTitleRows: FakeRange | string): void {
    const range = typeof printTitleRows === "string" ? this.worksheet.getRange(printTitleRows) : printTitleRows;
    this.call("setPrintTitleRows", typeof printTitleRows === "string" ? printTitleRows : "range", () => {
      const t = this.locate() as SheetModel;
      const r = range.rect();
      t.pageLayout.printTitleRows = { row: r.row, rowCount: r.rowCount };
    });
  }
  /** The print title rows as whole rows; a null object when none are set. */
  getPrintTitleRowsOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.printTitleRows`,
      this.worksheet,
      () => {
        const p = (this.locate() as SheetModel).pageLayout.printTitleRows;
        if (!p) throw new FakeExcelError("ItemNotFound", "No print title rows.");
        return { row: p.row, column: 0, rowCount: p.rowCount, columnCount: MAX_COLUMNS };
      },
      true,
    );
  }
}

/** PageLayout.headersFooters: only the default header/footer for all pages (state "Default"). */
export class FakeHeaderFooterGroup extends ClientObject {
  protected readonly className = "HeaderFooterGroup";
  protected readonly scalars = ["state", "useSheetMargins", "useSheetScale"] as const;
  readonly defaultForAllPages: FakeHeaderFooter;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(context, path);
    this.defaultForAllPages = new FakeHeaderFooter(context, `${path}.defaultForAllPages`, sheetOf);
  }
  protected locate(): unknown {
    return this.sheetOf();
  }
  protected readScalar(_t: SheetModel, name: string): unknown {
    return name === "state" ? "Default" : true;
  }
  protected override nav(name: string): ClientObject | undefined {
    return name === "defaultForAllPages" ? this.defaultForAllPages : undefined;
  }
  get state(): string {
    return this.prop("state") as string;
  }
}

const HEADER_FOOTER_PARTS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;
type HeaderFooterPart = (typeof HEADER_FOOTER_PARTS)[number];

/** One header/footer: six strings with Excel's codes (&P page, &N pages); each ≤ 255 characters. */
export class FakeHeaderFooter extends ClientObject {
  protected readonly className = "HeaderFooter";
  protected readonly scalars = HEADER_FOOTER_PARTS;
  constructor(
    context: FakeRequestContext,
    path: Path,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(context, path);
  }
  protected locate(): unknown {
    return this.sheetOf();
  }
  private static slot(name: HeaderFooterPart): { side: "header" | "footer"; pos: "left" | "center" | "right" } {
    const pos = name.startsWith("left") ? "left" : name.startsWith("center") ? "center" : "right";
    return { side: name.endsWith("Header") ? "header" : "footer", pos };
  }
  protected readScalar(t: SheetModel, name: string): unknown {
    const { side, pos } = FakeHeaderFooter.slot(name as HeaderFooterPart);
    return t.pageLayout[side][pos];
  }
  private write(name: HeaderFooterPart, v: unknown): void {
    this.setProp(name, v, (t: SheetModel) => {
      if (typeof v !== "string" || v.length > 255) throw badArgument(`HeaderFooter.${name}`, `${name} must be text of at most 255 characters`);
      const { side, pos } = FakeHeaderFooter.slot(name);
      t.pageLayout[side][pos] = v;
    });
  }
  get leftHeader(): string {
    return this.prop("leftHeader") as string;
  }
  set leftHeader(v: string) {
    this.write("leftHeader", v);
  }
  get centerHeader(): string {
    return this.prop("centerHeader") as string;
  }
  set centerHeader(v: string) {
    this.write("centerHeader", v);
  }
  get rightHeader(): string {
    return this.prop("rightHeader") as string;
  }
  set rightHeader(v: string) {
    this.write("rightHeader", v);
  }
  get leftFooter(): string {
    return this.prop("leftFooter") as string;
  }
  set leftFooter(v: string) {
    this.write("leftFooter", v);
  }
  get centerFooter(): string {
    return this.prop("centerFooter") as string;
  }
  set centerFooter(v: string) {
    this.write("centerFooter", v);
  }
  get rightFooter(): string {
    return this.prop("rightFooter") as string;
  }
  set rightFooter(v: string) {
    this.write("rightFooter", v);
  }
}
