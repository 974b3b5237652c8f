/**
 * WorkbookPort over the Excel JavaScript API (Office.js). This adapter (with officeHost.ts) is the
 * only code that touches the `Excel`/`Office` globals; tests and the preview run it unchanged against
 * the behavioural fake (src/fake, `createFakeWorkbookPort`).
 *
 *   const port = new ExcelWorkbook();                 // globals Excel / Office
 *   const port = new ExcelWorkbook({ excel, office }); // injected namespaces (the fake)
 *
 * Round trips and limits:
 *  - `apply(ops)` queues every operation and syncs once; when the queued request would pass
 *    ~4 MB (Excel on the web rejects requests over 5 MB) it syncs in between, and splits large
 *    setValues / numberFormat blocks by rows. One extra sync first only when the ops need the
 *    workbook's state (protect/unprotect: Excel fails on a sheet already in that state; notes:
 *    update vs. add; names: replace an existing one).
 *  - `read(requests)` loads everything in one sync when it fits: a request without an address gets
 *    its used range's size and first rows (≈ 50,000 cells shared among such requests) together;
 *    larger blocks continue in row bands: the first sync reads up to 50,000 cells, later ones as
 *    many as keep the response near 3.5 MB at the bytes per cell seen (a quarter as many after a
 *    ResponsePayloadSizeLimitExceeded), never more than 5,000,000 cells per range.
 *  - Runs of setFormat ops with the same format on one sheet (highlights) are sent as RangeAreas
 *    (getRanges, ≤ 400 areas per object) instead of one Range each.
 *  - A failed batch is not rolled back (Excel applies what ran before the failing operation); the
 *    error is mapped to a WorkbookError with a Chinese message naming the sheet.
 * Events: change events map triggerSource "ThisLocalAddin" → "addin", source "Remote" → "remote",
 * otherwise "local". enableEvents is never touched.
 */
import { sheetNameProblem } from "../../core/template/sheetName";
import {
  type ChangeEvent,
  type CellValue,
  type DataValidation,
  type DefinedName,
  type FormatSpec,
  type RangeData,
  type ReadRequest,
  type SheetInfo,
  type SheetVisibility,
  type WorkbookCapabilities,
  type WorkbookErrorCode,
  type WorkbookOp,
  type WorkbookPort,
  WorkbookError,
} from "../../core/workbook/port";
import { type RangeRef, cellAddress, columnLetter, parseRange, rangeAddress } from "../../core/workbook/address";
import { checkPageLayout } from "../../core/workbook/pageLayout";
import { checkTableOp, rangesOverlap } from "../../core/workbook/table";
import { checkRequirements, type ExcelFeatures } from "./requirements";
import { PAYLOAD_LIMIT_BYTES, jsonBytes } from "./payload";

type ExcelNs = typeof Excel;
type OfficeNs = typeof Office;

export interface ExcelWorkbookOptions {
  /** The Excel namespace (default: the global `Excel`). */
  excel?: ExcelNs;
  /** The Office namespace for requirement checks (default: the global `Office`). */
  office?: OfficeNs;
  /** Bytes queued per sync before splitting (default 4 MB, under Excel on the web's 5 MB). */
  requestBudget?: number;
  /** Cells loaded by the first sync of a read (default 50,000; later syncs adapt to the bytes per cell seen). */
  readCellBudget?: number;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
const MAX_CELLS_PER_RANGE_READ = 5_000_000;
/** Columns assumed when sizing the first rows read with a used range (typical table width). */
const PROBE_WIDTH = 50;
/** Bytes we aim for in one response. */
const RESPONSE_TARGET = 3.5 * 1024 * 1024;
/** Fixed estimate for one queued operation (object path, method, small arguments). */
const OP_OVERHEAD = 400;

const VIS_TO_EXCEL: Record<SheetVisibility, string> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };
const VIS_FROM_EXCEL: Record<string, SheetVisibility> = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" };

/** Protection used by protectSheet: input cells unlocked, formatting allowed so highlights never need an unprotect. */
export const PROTECTION_OPTIONS = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowInsertRows: true,
  allowDeleteRows: true,
  allowSort: false,
  allowInsertColumns: false,
  allowDeleteColumns: false,
};

function fail(code: WorkbookErrorCode, message: string): never {
  throw new WorkbookError(code, message);
}

function errorCode(e: unknown): string {
  return String((e as { code?: unknown })?.code ?? "");
}

function rect(address: string, sheet?: string): RangeRef {
  try {
    const r = parseRange(address);
    if (r.row + r.rowCount > MAX_ROWS || r.column + r.columnCount > MAX_COLUMNS) throw new RangeError(address);
    return r;
  } catch {
    return fail("invalidAddress", `无效的区域地址：${address}${sheet ? `（工作表“${sheet}”）` : ""}`);
  }
}

/** Excel's rules for a worksheet name (the core's one definition), checked before sending so the message can be precise. */
export function checkSheetName(name: string): void {
  const problem = typeof name !== "string" || name.trim() === "" ? "工作表名称不能为空" : sheetNameProblem(name);
  if (problem) fail("invalidSheetName", problem);
}

function checkColor(color: string, where: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(color)) fail("unsupported", `无效的颜色：${color}（应为 #RRGGBB，${where}）`);
  return color;
}

function checkValues(values: unknown, sheet: string, address: string): CellValue[][] {
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r))) fail("invalidAddress", `写入“${sheet}”!${address} 的数据不是二维数组`);
  const rows = values as unknown[][];
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== width) fail("invalidAddress", `写入“${sheet}”!${address} 的数据各行长度不一致（第 ${i + 1} 行有 ${r.length} 列，第 1 行有 ${width} 列）`);
    r.forEach((v, j) => {
      const ok = typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
      if (!ok) fail("unsupported", `写入“${sheet}”!${address} 的第 ${i + 1} 行第 ${j + 1} 列的值无效（${v === undefined ? "undefined" : JSON.stringify(v)}）；只能写入文字、数字或布尔值`);
    });
  });
  return rows as CellValue[][];
}

/** "Sheet1!A1:B2" / "'My Sheet'!A1" → "A1:B2" / "A1". */
function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1) : address;
}

/** "=Sheet1!$A$1:$B$3" or "='My ''x'' Sheet'!$A$1" → sheet and address without $. */
export function parseNameFormula(formula: string): { sheet: string; address: string } | null {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/.exec(formula.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, address: m[3].replace(/\$/g, "") };
}

/** Column width in points for a width in characters of the default font (Excel: 7 px per character + 5 px padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

interface SheetState {
  exists: boolean;
  protected: boolean;
}

/** A table already on a sheet (addTable resizes it rather than adding it twice). */
interface TableState {
  name: string;
  rect: RangeRef;
}

interface ApplyState {
  sheets: Map<string, SheetState>;
  names: Set<string>;
  notes: Set<string>;
  /** By lower-case sheet name: the sheet's tables (only for sheets an addTable op names). */
  tables: Map<string, TableState[]>;
}

/**
 * What addTable does given the tables on its sheet (updated in place): resize the table of the same
 * name, or add a new one; refuses an overlap with another table or a moved header row.
 */
function planTable(op: Extract<WorkbookOp, { kind: "addTable" }>, tables: Map<string, TableState[]>): { same: string | null; resize: boolean } {
  const want = checkTableOp(op);
  const list = tables.get(op.sheet.toLowerCase()) ?? [];
  tables.set(op.sheet.toLowerCase(), list);
  const same = list.find((t) => t.name.toLowerCase() === op.name.toLowerCase());
  const other = list.find((t) => t !== same && rangesOverlap(t.rect, want));
  if (other) fail("invalidAddress", `工作表“${op.sheet}”的 ${op.address} 与已有表格“${other.name}”（${rangeAddress(other.rect)}）重叠，无法建成表格“${op.name}”`);
  if (!same) {
    list.push({ name: op.name, rect: want });
    return { same: null, resize: false };
  }
  const resize = rangeAddress(same.rect) !== rangeAddress(want);
  if (resize && same.rect.row !== want.row) fail("invalidAddress", `工作表“${op.sheet}”的表格“${same.name}”表头在第 ${same.rect.row + 1} 行，不能移到第 ${want.row + 1} 行`);
  same.rect = want;
  return { same: same.name, resize };
}

/** Queues work and syncs whenever the estimated request would pass the budget. */
class Batcher {
  private bytes = 0;
  private count = 0;
  constructor(
    private readonly ctx: Excel.RequestContext,
    readonly budget: number,
    private readonly onSync: () => Promise<void>,
  ) {}
  async reserve(n: number): Promise<void> {
    if (this.count > 0 && this.bytes + n > this.budget) await this.flush();
    this.bytes += n;
    this.count++;
  }
  async flush(): Promise<void> {
    if (this.count === 0) return;
    this.bytes = 0;
    this.count = 0;
    await this.onSync();
  }
  get room(): number {
    return this.budget - this.bytes;
  }
  get ctxRef(): Excel.RequestContext {
    return this.ctx;
  }
}

export class ExcelWorkbook implements WorkbookPort {
  readonly capabilities: WorkbookCapabilities;
  readonly features: ExcelFeatures;
  private readonly excel: ExcelNs;
  private readonly requestBudget: number;
  private readonly sheetNameById = new Map<string, string>();
  private readonly addedSheets: Excel.Worksheet[] = [];
  private sheetNamesLive = false;
  private nameTracking: Promise<void> | null = null;
  private readCellBudget: number;
  /** Change events are handled one after another so their sheet lookups keep the order. */
  private eventChain: Promise<void> = Promise.resolve();

  constructor(options: ExcelWorkbookOptions = {}) {
    const excel = options.excel ?? (typeof Excel === "undefined" ? undefined : Excel);
    const office = options.office ?? (typeof Office === "undefined" ? undefined : Office);
    this.features = checkRequirements(office as never);
    if (!excel) fail("unsupported", this.features.message ?? "未检测到 Excel。");
    if (!this.features.supported) fail("unsupported", this.features.message ?? "当前 Excel 版本过低。");
    this.excel = excel;
    this.capabilities = { events: true, notes: this.features.notes, customProperties: this.features.customProperties };
    this.requestBudget = Math.min(options.requestBudget ?? 4 * 1024 * 1024, PAYLOAD_LIMIT_BYTES - 64 * 1024);
    this.readCellBudget = options.readCellBudget ?? 50_000;
  }

  /** Every batch waits while the user is typing in a cell instead of failing (ExcelApi 1.11). */
  private run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.excel.run({ delayForCellEdit: true }, batch);
  }

  // ---- sheets and names ---------------------------------------------------------------------------

  async getSheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/id,items/name,items/position,items/visibility,items/protection/protected");
      await ctx.sync();
      for (const ws of sheets.items) this.sheetNameById.set(ws.id, ws.name);
      const props = this.features.customProperties
        ? sheets.items.map((ws) => {
            const c = ws.customProperties;
            c.load("items/key,items/value");
            return c;
          })
        : [];
      if (props.length > 0) await ctx.sync();
      return sheets.items
        .map((ws, i) => {
          const customProperties: Record<string, string> = {};
          if (props[i]) for (const p of props[i].items) customProperties[p.key] = p.value;
          return {
            name: ws.name,
            position: ws.position,
            visibility: VIS_FROM_EXCEL[ws.visibility] ?? "visible",
            protected: ws.protection.protected,
            customProperties,
          };
        })
        .sort((a, b) => a.position - b.position);
    });
  }

  async getNames(): Promise<DefinedName[]> {
    return this.run(async (ctx) => {
      const names = ctx.workbook.names;
      names.load("items/name,items/type,items/formula");
      await ctx.sync();
      const out: DefinedName[] = [];
      for (const n of names.items) {
        if (n.type !== "Range") continue;
        const ref = parseNameFormula(String(n.formula));
        if (ref) out.push({ name: n.name, sheet: ref.sheet, address: ref.address });
      }
      return out;
    });
  }

  async getActiveSheet(): Promise<string | null> {
    try {
      return await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getActiveWorksheet();
        ws.load("name");
        await ctx.sync();
        return ws.name;
      });
    } catch {
      return null;
    }
  }

  /** Names of all sheets (used to explain failures). */
  private async sheetNames(): Promise<string[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  // ---- read ------------------------------------------------------------------------------------

  async read(requests: ReadRequest[]): Promise<RangeData[]> {
    if (requests.length === 0) return [];
    const rects: Array<RangeRef | null | undefined> = requests.map((r) => (r.address ? rect(r.address, r.sheet) : undefined));
    try {
      return await this.run(async (ctx) => {
        const ws = sheetGetter(ctx, new Map());
        // 1. used ranges for requests without an address, with their first rows in the same sync
        //    (a whole small sheet is read in one round trip)
        const usedIdx = requests.map((r, i) => (r.address ? -1 : i)).filter((i) => i >= 0);
        const probed = new Map<number, { values: CellValue[][]; formulas?: unknown[][] }>();
        if (usedIdx.length > 0) {
          const probeRows = Math.max(1, Math.floor(this.readCellBudget / (PROBE_WIDTH * usedIdx.length)));
          const attempt = async (withProbe: boolean) => {
            const used = usedIdx.map((i) => {
              const u = ws(requests[i].sheet).getUsedRangeOrNullObject(true);
              u.load("rowIndex,columnIndex,rowCount,columnCount");
              let probe: Excel.Range | null = null;
              if (withProbe && !requests[i].fills) {
                probe = u.getIntersectionOrNullObject(`1:${probeRows}`);
                probe.load(requests[i].formulas ? "values,formulas" : "values");
              }
              return { u, probe };
            });
            await ctx.sync();
            return used;
          };
          let used: Awaited<ReturnType<typeof attempt>>;
          try {
            used = await attempt(true);
          } catch (e) {
            // a very wide used range can overflow the response: ask for the sizes alone
            if (errorCode(e) !== "ResponsePayloadSizeLimitExceeded" && errorCode(e) !== "InvalidOperation") throw e;
            used = await attempt(false);
          }
          let bytes = 0;
          let cells = 0;
          usedIdx.forEach((i, k) => {
            const { u, probe } = used[k];
            rects[i] = u.isNullObject ? null : { row: u.rowIndex, column: u.columnIndex, rowCount: u.rowCount, columnCount: u.columnCount };
            // (past 5,000,000 cells Excel may answer values: null instead of failing: then read in bands)
            if (rects[i] && probe && !probe.isNullObject && Array.isArray(probe.values)) {
              const values = probe.values as CellValue[][];
              const formulas = requests[i].formulas ? (probe.formulas as unknown[][]) : undefined;
              probed.set(i, { values, formulas });
              bytes += jsonBytes(values) + (formulas ? jsonBytes(formulas) : 0);
              cells += values.length * (values[0]?.length ?? 0) * (formulas ? 2 : 1);
            }
          });
          if (cells > 0 && bytes > 0) this.readCellBudget = Math.max(1000, Math.min(1_000_000, Math.floor(RESPONSE_TARGET / (bytes / cells))));
        }
        // 2. the data, in row bands
        const results: RangeData[] = requests.map((r, i) => {
          const rr = rects[i];
          return {
            sheet: r.sheet,
            address: rr ? rangeAddress(rr) : "",
            row: rr ? rr.row : 0,
            column: rr ? rr.column : 0,
            values: [],
            ...(r.formulas ? { formulas: [] as string[][] } : {}),
            ...(r.fills ? { fills: [] as (string | null)[][] } : {}),
          };
        });
        interface Piece {
          req: number;
          row: number;
          rowCount: number;
        }
        const pending: Piece[] = [];
        requests.forEach((_, i) => {
          const rr = rects[i];
          if (!rr) return;
          const first = probed.get(i);
          let done = 0;
          if (first) {
            const res = results[i];
            for (const row of first.values) res.values.push(row);
            if (res.formulas && first.formulas) for (const row of first.formulas) res.formulas.push(row.map((x) => (typeof x === "string" && x.startsWith("=") ? x : "")));
            done = first.values.length;
          }
          if (rr.rowCount > done) pending.push({ req: i, row: rr.row + done, rowCount: rr.rowCount - done });
        });
        while (pending.length > 0) {
          // take pieces until the cell budget is used up, splitting the piece that crosses it
          const group: Piece[] = [];
          let cells = 0;
          while (pending.length > 0) {
            const p = pending[0];
            const rr = rects[p.req]!;
            const perRow = rr.columnCount * (1 + (requests[p.req].formulas ? 1 : 0) + (requests[p.req].fills ? 2 : 0));
            const maxRowsByRange = Math.max(1, Math.floor(MAX_CELLS_PER_RANGE_READ / rr.columnCount));
            const left = this.readCellBudget - cells;
            const fit = Math.min(p.rowCount, maxRowsByRange, Math.max(group.length === 0 ? 1 : 0, Math.floor(left / perRow)));
            if (fit <= 0) break;
            group.push({ req: p.req, row: p.row, rowCount: fit });
            cells += fit * perRow;
            if (fit === p.rowCount) pending.shift();
            else {
              pending[0] = { req: p.req, row: p.row + fit, rowCount: p.rowCount - fit };
              break;
            }
          }
          const loaded = group.map((p) => {
            const rr = rects[p.req]!;
            const range = ws(requests[p.req].sheet).getRangeByIndexes(p.row, rr.column, p.rowCount, rr.columnCount);
            range.load(requests[p.req].formulas ? "values,formulas" : "values");
            return range;
          });
          // optional fills (live highlighting): one getCellProperties per block, same sync
          const fillProps = group.map((p, k) =>
            requests[p.req].fills ? loaded[k].getCellProperties({ format: { fill: { color: true, pattern: true } } }) : null,
          );
          try {
            await ctx.sync();
          } catch (e) {
            if (errorCode(e) === "ResponsePayloadSizeLimitExceeded" && cells > 1) {
              this.readCellBudget = Math.max(1, Math.floor(cells / 4));
              pending.unshift(...mergeBack(group));
              continue;
            }
            throw e;
          }
          let bytes = 0;
          group.forEach((p, k) => {
            const res = results[p.req];
            const values = loaded[k].values as CellValue[][];
            bytes += jsonBytes(values);
            for (const row of values) res.values.push(row);
            if (res.formulas) {
              const f = loaded[k].formulas as unknown[][];
              bytes += jsonBytes(f);
              for (const row of f) res.formulas.push(row.map((x) => (typeof x === "string" && x.startsWith("=") ? x : "")));
            }
            const props = fillProps[k];
            if (res.fills && props) {
              bytes += jsonBytes(props.value);
              for (const row of props.value) res.fills.push(row.map((c) => fillOf(c)));
            }
          });
          // adapt the next sync's size to the bytes per cell just seen
          if (cells > 0 && bytes > 0) {
            const perCell = bytes / cells;
            this.readCellBudget = Math.max(1000, Math.min(1_000_000, Math.floor(RESPONSE_TARGET / perCell)));
          }
        }
        return results;
      });
    } catch (e) {
      throw await this.explain(e, requests.map((r) => r.sheet));
    }
  }

  // ---- apply ------------------------------------------------------------------------------------

  async apply(ops: WorkbookOp[]): Promise<void> {
    if (ops.length === 0) return;
    for (const op of ops) this.precheck(op);
    try {
      await this.run(async (ctx) => {
        const state = await this.preload(ctx, ops);
        // table conflicts are found before anything is queued, so a refused table writes nothing
        const dryRun = new Map([...state.tables].map(([k, v]) => [k, v.map((t) => ({ ...t }))]));
        for (const op of ops) if (op.kind === "addTable") planTable(op, dryRun);
        const sheetCache = new Map<string, Excel.Worksheet>();
        const ws = sheetGetter(ctx, sheetCache);
        const batch = new Batcher(ctx, this.requestBudget, () => ctx.sync().then(() => undefined));
        for (let i = 0; i < ops.length; ) {
          // runs of identical cell formats (highlights) go out as RangeAreas, ≤ 400 areas each
          const run = formatRun(ops, i);
          if (run.length >= 2) {
            await this.queueFormatAreas(batch, ws(run[0].sheet), run);
            i += run.length;
            continue;
          }
          await this.queue(ctx, batch, ws, sheetCache, state, ops[i]);
          i++;
        }
        await batch.flush();
        for (const added of this.addedSheets.splice(0)) this.sheetNameById.set(added.id, added.name);
      });
    } catch (e) {
      this.addedSheets.length = 0;
      throw await this.explain(e, ops.flatMap((o) => ("sheet" in o ? [o.sheet] : [])), ops);
    }
  }

  /** Local checks with precise messages before anything is sent. */
  private precheck(op: WorkbookOp): void {
    switch (op.kind) {
      case "addSheet":
        checkSheetName(op.sheet);
        break;
      case "renameSheet":
        checkSheetName(op.newName);
        break;
      case "setValues": {
        const values = checkValues(op.values, op.sheet, op.address);
        const r = rect(op.address, op.sheet);
        const rows = values.length;
        const cols = values[0]?.length ?? 0;
        const full = op.address.includes(":");
        if (full && rows > 0 && (r.rowCount !== rows || r.columnCount !== cols)) {
          fail("invalidAddress", `“${op.sheet}”!${op.address} 是 ${r.rowCount} 行 × ${r.columnCount} 列，但数据是 ${rows} 行 × ${cols} 列`);
        }
        if (r.row + rows > MAX_ROWS || r.column + cols > MAX_COLUMNS) fail("invalidAddress", `写入“${op.sheet}”!${op.address} 的数据超出了工作表范围`);
        break;
      }
      case "setFormat":
        rect(op.address, op.sheet);
        if (op.format.fill) checkColor(op.format.fill, `“${op.sheet}”!${op.address}`);
        if (op.format.font?.color) checkColor(op.format.font.color, `“${op.sheet}”!${op.address}`);
        break;
      case "setDataValidation": {
        rect(op.address, op.sheet);
        const v = op.validation;
        if (v?.rule.type === "list" && Array.isArray(v.rule.source)) {
          if (v.rule.source.join(",").length > 255) fail("unsupported", `“${op.sheet}”!${op.address} 的下拉列表超过 255 个字符，请改用查找表区域`);
          const comma = v.rule.source.find((x) => x.includes(","));
          if (comma !== undefined) fail("unsupported", `“${op.sheet}”!${op.address} 的下拉选项“${comma}”含有逗号，Excel 会把它拆成两项，请改用查找表区域`);
        }
        if (v && ((v.errorTitle ?? "").length > 32 || (v.promptTitle ?? "").length > 32)) fail("unsupported", `“${op.sheet}”!${op.address} 的数据验证标题超过 32 个字符`);
        if (v && ((v.errorMessage ?? "").length > 255 || (v.prompt ?? "").length > 255)) fail("unsupported", `“${op.sheet}”!${op.address} 的数据验证提示超过 255 个字符`);
        break;
      }
      case "addConditionalFormat":
        rect(op.address, op.sheet);
        if (op.format.fill) checkColor(op.format.fill, `“${op.sheet}”!${op.address}`);
        if (op.format.fontColor) checkColor(op.format.fontColor, `“${op.sheet}”!${op.address}`);
        break;
      case "setNote": {
        const r = rect(op.address, op.sheet);
        if (r.rowCount !== 1 || r.columnCount !== 1) fail("invalidAddress", `批注只能加在单个单元格上：“${op.sheet}”!${op.address}`);
        break;
      }
      case "merge":
      case "clearConditionalFormats":
      case "setLocked":
      case "select":
      case "addName":
        rect(op.address, op.sheet);
        break;
      case "setPageLayout":
        checkPageLayout(op);
        break;
      case "addTable":
        checkTableOp(op);
        break;
      case "freezePanes":
        if (!(Number.isInteger(op.rows) && op.rows >= 0 && Number.isInteger(op.columns) && op.columns >= 0)) fail("invalidAddress", `冻结窗格的行列数无效：${op.rows}, ${op.columns}`);
        break;
      default:
        break;
    }
  }

  /**
   * One sync before the batch when ops depend on the workbook's state: which sheets exist and are
   * protected (protect/unprotect fail on a sheet already in that state), which names exist
   * (addName replaces), which notes exist (setNote updates or adds).
   */
  private async preload(ctx: Excel.RequestContext, ops: WorkbookOp[]): Promise<ApplyState> {
    const sheets = new Map<string, SheetState>();
    const names = new Set<string>();
    const notes = new Set<string>();
    const tables = await this.preloadTables(ctx, ops);
    const needsSheets = ops.some((o) => o.kind === "protectSheet" || o.kind === "unprotectSheet" || (o.kind === "setNote" && this.features.notes));
    const needsNames = ops.some((o) => o.kind === "addName");
    if (!needsSheets && !needsNames) return { sheets, names, notes, tables };
    const wss = ctx.workbook.worksheets;
    if (needsSheets) wss.load("items/name,items/protection/protected");
    const nameItems = ctx.workbook.names;
    if (needsNames) nameItems.load("items/name");
    await ctx.sync();
    if (needsSheets) for (const s of wss.items) sheets.set(s.name.toLowerCase(), { exists: true, protected: s.protection.protected });
    if (needsNames) for (const n of nameItems.items) names.add(n.name.toLowerCase());
    const noteOps = this.features.notes ? ops.filter((o): o is Extract<WorkbookOp, { kind: "setNote" }> => o.kind === "setNote" && sheets.has(o.sheet.toLowerCase())) : [];
    if (noteOps.length > 0) {
      const probes = noteOps.map((o) => {
        const n = wss.getItem(o.sheet).notes.getItemOrNullObject(o.address);
        n.load("content");
        return { key: noteKey(o.sheet, o.address), n };
      });
      await ctx.sync();
      for (const p of probes) if (!p.n.isNullObject) notes.add(p.key);
    }
    return { sheets, names, notes, tables };
  }

  /**
   * For addTable: the tables already on the sheets concerned (name and range), so an existing table
   * is resized instead of added twice and an overlap is refused with a message naming the sheet.
   * Sheets the batch creates are skipped (they have no tables yet).
   */
  private async preloadTables(ctx: Excel.RequestContext, ops: WorkbookOp[]): Promise<Map<string, TableState[]>> {
    const out = new Map<string, TableState[]>();
    const created = new Set(ops.flatMap((o) => (o.kind === "addSheet" ? [o.sheet.toLowerCase()] : [])));
    const wanted = [...new Set(ops.flatMap((o) => (o.kind === "addTable" && !created.has(o.sheet.toLowerCase()) ? [o.sheet] : [])))];
    if (wanted.length === 0) return out;
    const lists = wanted.map((sheet) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
      const t = ws.tables;
      t.load("items/name");
      return { sheet, ws, t };
    });
    await ctx.sync();
    const ranges = lists.flatMap(({ sheet, ws, t }) =>
      ws.isNullObject
        ? []
        : t.items.map((table) => {
            const r = table.getRange();
            r.load("address");
            return { sheet, name: table.name, r };
          }),
    );
    if (ranges.length > 0) await ctx.sync();
    for (const { sheet } of lists) out.set(sheet.toLowerCase(), []);
    for (const { sheet, name, r } of ranges) out.get(sheet.toLowerCase())!.push({ name, rect: rect(String(r.address).replace(/^.*!/, "")) });
    return out;
  }

  private async queue(
    ctx: Excel.RequestContext,
    batch: Batcher,
    ws: (name: string) => Excel.Worksheet,
    sheetCache: Map<string, Excel.Worksheet>,
    state: ApplyState,
    op: WorkbookOp,
  ): Promise<void> {
    const E = this.excel;
    switch (op.kind) {
      case "addSheet": {
        await batch.reserve(OP_OVERHEAD);
        const s = ctx.workbook.worksheets.add(op.sheet);
        // learn the new sheet's id in this same batch, so events on it need no name lookup
        s.load("id,name");
        this.addedSheets.push(s);
        sheetCache.set(op.sheet.toLowerCase(), s);
        state.sheets.set(op.sheet.toLowerCase(), { exists: true, protected: false });
        if (op.visibility && op.visibility !== "visible") s.visibility = VIS_TO_EXCEL[op.visibility] as Excel.SheetVisibility;
        if (op.position !== undefined) s.position = op.position;
        return;
      }
      case "deleteSheet": {
        await batch.reserve(OP_OVERHEAD);
        const s = ws(op.sheet);
        // A very hidden sheet cannot be deleted (by design in Excel): make it hidden first.
        s.visibility = E.SheetVisibility.hidden;
        s.delete();
        sheetCache.delete(op.sheet.toLowerCase());
        state.sheets.delete(op.sheet.toLowerCase());
        return;
      }
      case "renameSheet": {
        await batch.reserve(OP_OVERHEAD);
        const s = ws(op.sheet);
        s.name = op.newName;
        sheetCache.delete(op.sheet.toLowerCase());
        sheetCache.set(op.newName.toLowerCase(), s);
        const st = state.sheets.get(op.sheet.toLowerCase());
        if (st) {
          state.sheets.delete(op.sheet.toLowerCase());
          state.sheets.set(op.newName.toLowerCase(), st);
        }
        return;
      }
      case "setVisibility":
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).visibility = VIS_TO_EXCEL[op.visibility] as Excel.SheetVisibility;
        return;
      case "setValues": {
        if (op.values.length === 0 || op.values[0].length === 0) return;
        const tl = rect(op.address);
        const cols = op.values[0].length;
        await this.queueRows(batch, op.values, (row, chunk) => {
          ws(op.sheet).getRangeByIndexes(tl.row + row, tl.column, chunk.length, cols).values = chunk;
        });
        return;
      }
      case "setFormat":
        await this.queueFormat(batch, ws(op.sheet), op.address, op.format);
        return;
      case "setColumnWidths": {
        for (const w of op.widths) {
          await batch.reserve(OP_OVERHEAD);
          ws(op.sheet).getRange(`${columnLetter(w.column)}:${columnLetter(w.column)}`).format.columnWidth = charsToPoints(w.chars);
        }
        return;
      }
      case "freezePanes": {
        await batch.reserve(OP_OVERHEAD);
        const fp = ws(op.sheet).freezePanes;
        fp.unfreeze();
        if (op.rows > 0 && op.columns > 0) fp.freezeAt(ws(op.sheet).getRangeByIndexes(0, 0, op.rows, op.columns));
        else if (op.rows > 0) fp.freezeRows(op.rows);
        else if (op.columns > 0) fp.freezeColumns(op.columns);
        return;
      }
      case "merge":
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).getRange(op.address).merge(false);
        return;
      case "setDataValidation":
        await batch.reserve(OP_OVERHEAD + jsonBytes(op.validation));
        this.queueValidation(ws(op.sheet).getRange(op.address), op.validation);
        return;
      case "addConditionalFormat": {
        await batch.reserve(OP_OVERHEAD + jsonBytes(op.format));
        const cf = ws(op.sheet).getRange(op.address).conditionalFormats.add(E.ConditionalFormatType.custom);
        cf.custom.rule.formula = op.format.formula;
        if (op.format.fill) cf.custom.format.fill.color = op.format.fill;
        if (op.format.fontColor) cf.custom.format.font.color = op.format.fontColor;
        return;
      }
      case "clearConditionalFormats":
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).getRange(op.address).conditionalFormats.clearAll();
        return;
      case "setNote": {
        await batch.reserve(OP_OVERHEAD + jsonBytes(op.text));
        const address = rangeAddress(rect(op.address));
        if (this.features.notes) {
          const k = noteKey(op.sheet, address);
          const notes = ws(op.sheet).notes;
          if (state.notes.has(k)) {
            if (op.text === "") {
              notes.getItem(address).delete();
              state.notes.delete(k);
            } else notes.getItem(address).content = op.text;
          } else if (op.text !== "") {
            notes.add(address, op.text);
            state.notes.add(k);
          }
        } else {
          // Fallback before ExcelApi 1.18: the cell's data-validation input prompt (≤ 255 characters).
          const message = op.text.length > 255 ? op.text.slice(0, 254) + "…" : op.text;
          ws(op.sheet).getRange(address).dataValidation.prompt = { showPrompt: message !== "", title: "", message };
        }
        return;
      }
      case "setLocked":
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).getRange(op.address).format.protection.locked = op.locked;
        return;
      case "protectSheet": {
        const st = state.sheets.get(op.sheet.toLowerCase());
        if (st?.protected) return; // already protected: Excel would fail (AccessDenied)
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).protection.protect(PROTECTION_OPTIONS, op.password);
        state.sheets.set(op.sheet.toLowerCase(), { exists: true, protected: true });
        return;
      }
      case "unprotectSheet": {
        const st = state.sheets.get(op.sheet.toLowerCase());
        if (st && !st.protected) return;
        await batch.reserve(OP_OVERHEAD);
        ws(op.sheet).protection.unprotect(op.password);
        state.sheets.set(op.sheet.toLowerCase(), { exists: true, protected: false });
        return;
      }
      case "setCustomProperty":
        await batch.reserve(OP_OVERHEAD + jsonBytes(op.value));
        if (!this.features.customProperties) fail("unsupported", "当前 Excel 不支持工作表自定义属性（需要 ExcelApi 1.12）");
        ws(op.sheet).customProperties.add(op.key, op.value);
        return;
      case "addName": {
        await batch.reserve(OP_OVERHEAD);
        if (state.names.has(op.name.toLowerCase())) ctx.workbook.names.getItem(op.name).delete();
        ctx.workbook.names.add(op.name, ws(op.sheet).getRange(op.address));
        state.names.add(op.name.toLowerCase());
        return;
      }
      case "setPageLayout":
        await batch.reserve(OP_OVERHEAD + jsonBytes(op));
        this.queuePageLayout(ws(op.sheet), op);
        return;
      case "addTable": {
        await batch.reserve(OP_OVERHEAD);
        const plan = planTable(op, state.tables);
        let table: Excel.Table;
        if (plan.same) {
          table = ws(op.sheet).tables.getItem(plan.same);
          if (plan.resize) table.resize(ws(op.sheet).getRange(op.address));
        } else {
          table = ws(op.sheet).tables.add(ws(op.sheet).getRange(op.address), true);
          table.name = op.name;
        }
        if (op.style) table.style = op.style;
        if (op.showFilterButton !== undefined) table.showFilterButton = op.showFilterButton;
        return;
      }
      case "select": {
        await batch.reserve(OP_OVERHEAD);
        const s = ws(op.sheet);
        s.activate();
        s.getRange(op.address).select();
        return;
      }
    }
  }

  /**
   * Worksheet.pageLayout (ExcelApi 1.9, so always there at our 1.14 minimum). Margins are inches in
   * the op and points in Excel; "fit to width" is one page wide and automatic (0) pages tall.
   */
  private queuePageLayout(sheet: Excel.Worksheet, op: Extract<WorkbookOp, { kind: "setPageLayout" }>): void {
    const l = checkPageLayout(op);
    const pl = sheet.pageLayout;
    if (l.orientation) pl.orientation = (l.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
    if (l.paperSize) pl.paperSize = "A4" as Excel.PaperType; // Excel.PaperType.a4
    if (l.fitToWidth !== undefined) pl.zoom = l.fitToWidth ? { horizontalFitToPages: 1, verticalFitToPages: 0 } : { scale: 100 };
    if (l.printTitleRows) pl.setPrintTitleRows(`$${l.printTitleRows.first}:$${l.printTitleRows.last}`);
    if (l.margins) {
      const points = (inches: number) => Math.round(inches * 72 * 100) / 100;
      pl.topMargin = points(l.margins.top);
      pl.bottomMargin = points(l.margins.bottom);
      pl.leftMargin = points(l.margins.left);
      pl.rightMargin = points(l.margins.right);
    }
    if (l.centerHorizontally !== undefined) pl.centerHorizontally = l.centerHorizontally;
    if (l.headerText !== undefined) pl.headersFooters.defaultForAllPages.centerHeader = l.headerText;
    if (l.footerText !== undefined) pl.headersFooters.defaultForAllPages.centerFooter = l.footerText;
  }

  /** Queues a 2D block in row chunks that each fit the request budget. */
  private async queueRows<T>(batch: Batcher, rows: T[][], write: (rowOffset: number, chunk: T[][]) => void): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      const limit = batch.budget - OP_OVERHEAD;
      let bytes = 0;
      let end = start;
      while (end < rows.length) {
        const b = jsonBytes(rows[end]) + 1;
        if (b > limit) fail("requestTooLarge", `第 ${end + 1} 行的数据超过单次请求上限（${Math.round(b / 1024)} KB），无法写入`);
        if (end > start && bytes + b > limit) break;
        bytes += b;
        end++;
      }
      await batch.reserve(bytes + OP_OVERHEAD);
      write(start, rows.slice(start, end));
      start = end;
    }
  }

  /** One format over many single-area addresses: getRanges (ExcelApi 1.9) in chunks Excel accepts. */
  private async queueFormatAreas(batch: Batcher, sheet: Excel.Worksheet, run: Array<Extract<WorkbookOp, { kind: "setFormat" }>>): Promise<void> {
    let chunk: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await batch.reserve(OP_OVERHEAD + chars);
      this.applyCellFormat(sheet.getRanges(chunk.join(",")).format, run[0].format);
      chunk = [];
      chars = 0;
    };
    for (const op of run) {
      const a = rangeAddress(rect(op.address));
      if (chunk.length >= MAX_AREAS_PER_REQUEST || chars + a.length + 1 > MAX_AREAS_CHARS) await flush();
      chunk.push(a);
      chars += a.length + 1;
    }
    await flush();
  }

  /** The parts of a FormatSpec that RangeFormat takes for a Range and a RangeAreas alike. */
  private applyCellFormat(fmt: Excel.RangeFormat, f: FormatSpec): void {
    if (f.fill === null) fmt.fill.clear();
    else if (f.fill !== undefined) fmt.fill.color = f.fill;
    if (f.font) {
      if (f.font.bold !== undefined) fmt.font.bold = f.font.bold;
      if (f.font.italic !== undefined) fmt.font.italic = f.font.italic;
      if (f.font.color !== undefined) fmt.font.color = f.font.color;
      if (f.font.size !== undefined) fmt.font.size = f.font.size;
      if (f.font.name !== undefined) fmt.font.name = f.font.name;
    }
    if (f.wrapText !== undefined) fmt.wrapText = f.wrapText;
    if (f.horizontalAlignment) fmt.horizontalAlignment = ({ left: "Left", center: "Center", right: "Right" } as const)[f.horizontalAlignment] as Excel.HorizontalAlignment;
    if (f.verticalAlignment) fmt.verticalAlignment = ({ top: "Top", center: "Center", bottom: "Bottom" } as const)[f.verticalAlignment] as Excel.VerticalAlignment;
  }

  private async queueFormat(batch: Batcher, sheet: Excel.Worksheet, address: string, f: FormatSpec): Promise<void> {
    const E = this.excel;
    const r = rect(address);
    await batch.reserve(OP_OVERHEAD);
    const range = sheet.getRange(address);
    const fmt = range.format;
    this.applyCellFormat(fmt, f);
    if (f.border !== undefined) {
      const edges: string[] = [E.BorderIndex.edgeTop, E.BorderIndex.edgeBottom, E.BorderIndex.edgeLeft, E.BorderIndex.edgeRight];
      if (r.columnCount > 1) edges.push(E.BorderIndex.insideVertical);
      if (r.rowCount > 1) edges.push(E.BorderIndex.insideHorizontal);
      for (const idx of edges) {
        const b = fmt.borders.getItem(idx as Excel.BorderIndex);
        b.style = (f.border ? "Continuous" : "None") as Excel.BorderLineStyle;
        if (f.border) b.color = "#000000";
      }
    }
    if (f.numberFormat !== undefined) {
      const nf = f.numberFormat;
      // numberFormat takes one entry per cell: send it in row bands that fit the request budget.
      const row = Array<string>(r.columnCount).fill(nf);
      const rowBytes = jsonBytes(row) + 1;
      const rowsPerChunk = Math.max(1, Math.floor((batch.budget - OP_OVERHEAD) / rowBytes));
      for (let start = 0; start < r.rowCount; start += rowsPerChunk) {
        const n = Math.min(rowsPerChunk, r.rowCount - start);
        await batch.reserve(n * rowBytes + OP_OVERHEAD);
        sheet.getRangeByIndexes(r.row + start, r.column, n, r.columnCount).numberFormat = Array.from({ length: n }, () => row);
      }
    }
  }

  private queueValidation(range: Excel.Range, v: DataValidation | null): void {
    const dv = range.dataValidation;
    dv.clear();
    if (v === null) return;
    const rule = v.rule;
    switch (rule.type) {
      case "list":
        dv.rule = { list: { inCellDropDown: true, source: Array.isArray(rule.source) ? rule.source.join(",") : rule.source } };
        break;
      case "wholeNumber":
      case "decimal": {
        const basic = bounds(rule.min, rule.max, rule.type === "wholeNumber" ? -999999999999 : -1e15);
        dv.rule = rule.type === "wholeNumber" ? { wholeNumber: basic } : { decimal: basic };
        break;
      }
      case "textLength":
        dv.rule = { textLength: { formula1: rule.max, operator: "LessThanOrEqualTo" as Excel.DataValidationOperator } };
        break;
      case "date": {
        dv.rule = { date: bounds(rule.min, rule.max, "1900-01-01") as Excel.DateTimeDataValidation };
        break;
      }
    }
    const style = ({ stop: "Stop", warning: "Warning", information: "Information" } as const)[v.errorStyle ?? "stop"];
    dv.errorAlert = { showAlert: true, style: style as Excel.DataValidationAlertStyle, title: v.errorTitle ?? "", message: v.errorMessage ?? "" };
    if (v.prompt || v.promptTitle) dv.prompt = { showPrompt: true, title: v.promptTitle ?? "", message: v.prompt ?? "" };
    dv.ignoreBlanks = v.allowBlank ?? true;
  }

  // ---- events -----------------------------------------------------------------------------------

  async onChanged(handler: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    await this.trackSheetNames();
    const result = await this.run(async (ctx) => {
      const r = ctx.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        const source = e.triggerSource === "ThisLocalAddin" ? "addin" : e.source === "Remote" ? "remote" : "local";
        const address = stripSheet(e.address);
        const changeType = String(e.changeType);
        const worksheetId = e.worksheetId;
        const step = this.eventChain.then(async () => {
          const sheet = await this.sheetNameOf(worksheetId);
          if (sheet !== null) handler({ sheet, address, changeType, source });
        });
        this.eventChain = step.catch(() => undefined);
        await this.eventChain;
      });
      await ctx.sync();
      return r;
    });
    return () => this.removeHandler(result);
  }

  async onActivated(handler: (sheet: string) => void): Promise<() => Promise<void>> {
    const result = await this.run(async (ctx) => {
      const r = ctx.workbook.worksheets.onActivated.add(async (e: Excel.WorksheetActivatedEventArgs) => {
        const sheet = await this.sheetNameOf(e.worksheetId);
        if (sheet !== null) handler(sheet);
      });
      await ctx.sync();
      return r;
    });
    return () => this.removeHandler(result);
  }

  private async removeHandler(result: OfficeExtension.EventHandlerResult<unknown>): Promise<void> {
    await this.excel.run(result.context as Excel.RequestContext, async (ctx) => {
      result.remove();
      await ctx.sync();
    });
  }

  /**
   * Keeps `sheetNames` (id → current name, `sheetNameById`) exact through worksheets.onNameChanged (ExcelApi 1.17),
   * so a change event names its sheet without another round trip: a single-cell edit then costs
   * the live validator's read and apply only. Hosts without 1.17 look the name up per event.
   */
  private async trackSheetNames(): Promise<void> {
    if (this.nameTracking || !this.features.nameChangedEvents) return;
    this.nameTracking = this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/id,items/name");
      sheets.onNameChanged.add(async (e: Excel.WorksheetNameChangedEventArgs) => {
        this.sheetNameById.set(e.worksheetId, e.nameAfter);
      });
      await ctx.sync();
      for (const ws of sheets.items) this.sheetNameById.set(ws.id, ws.name);
      this.sheetNamesLive = true;
    }).catch(() => {
      this.sheetNamesLive = false;
    });
    await this.nameTracking;
  }

  /** The current name of a sheet by id (names change, ids do not); null if it is gone. */
  private async sheetNameOf(id: string): Promise<string | null> {
    if (this.sheetNamesLive) {
      const known = this.sheetNameById.get(id);
      if (known !== undefined) return known;
    }
    try {
      return await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(id);
        ws.load("name");
        await ctx.sync();
        if (!ws.isNullObject) this.sheetNameById.set(id, ws.name);
        return ws.isNullObject ? null : ws.name;
      });
    } catch {
      return null;
    }
  }

  // ---- errors -----------------------------------------------------------------------------------

  /** Turns an Office error into a WorkbookError that names the sheet, asking Excel where needed. */
  private async explain(e: unknown, sheets: string[], ops: WorkbookOp[] = []): Promise<unknown> {
    if (e instanceof WorkbookError) return e;
    const code = errorCode(e);
    const msg = String((e as Error)?.message ?? e);
    if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
      return new WorkbookError("requestTooLarge", `一次传给 Excel 的数据过大（超过 5 MB），请分批处理。（${msg}）`);
    }
    if (code === "ApiNotFound") return new WorkbookError("unsupported", `当前 Excel 不支持此功能：${msg}`);
    let names: string[] | null = null;
    try {
      names = await this.sheetNames();
    } catch {
      names = null;
    }
    const has = (n: string) => names?.some((x) => x.toLowerCase() === n.toLowerCase()) ?? true;
    if (code === "ItemNotFound" || code === "InvalidReference") {
      // replay renames/adds/deletes to find the first op that names a missing sheet
      const present = new Set((names ?? []).map((n) => n.toLowerCase()));
      const missing = ops.length > 0 ? firstMissing(ops, present) : sheets.find((s) => !has(s));
      if (missing) return new WorkbookError("sheetNotFound", `找不到工作表“${missing}”（可能已被删除或改名）`);
    }
    if (code === "ItemAlreadyExists") {
      for (const op of ops) {
        const n = op.kind === "addSheet" ? op.sheet : op.kind === "renameSheet" ? op.newName : null;
        if (n && has(n)) return new WorkbookError("sheetExists", `已存在名为“${n}”的工作表`);
      }
      return new WorkbookError("sheetExists", `名称已存在：${msg}`);
    }
    if (code === "AccessDenied") {
      const touched = [...new Set(sheets)];
      return new WorkbookError("protected", `工作表${touched.map((s) => `“${s}”`).join("、")}受保护，无法修改这些单元格。（${msg}）`);
    }
    if (code === "InvalidArgument") return new WorkbookError("invalidAddress", `Excel 拒绝了参数：${msg}`);
    return new WorkbookError("unsupported", `Excel 操作失败：${msg}${code ? `（${code}）` : ""}`);
  }
}

/** getRanges breaks somewhere past ~500 areas / ~8,000 characters (office-js #5198): stay well under. */
const MAX_AREAS_PER_REQUEST = 400;
const MAX_AREAS_CHARS = 6000;

/** Consecutive setFormat ops from `i` on one sheet with the same RangeAreas-compatible format. */
function formatRun(ops: WorkbookOp[], i: number): Array<Extract<WorkbookOp, { kind: "setFormat" }>> {
  const first = ops[i];
  if (first.kind !== "setFormat" || first.format.numberFormat !== undefined || first.format.border !== undefined) return [];
  const key = JSON.stringify(first.format);
  const sheet = first.sheet.toLowerCase();
  const out: Array<Extract<WorkbookOp, { kind: "setFormat" }>> = [];
  for (let j = i; j < ops.length; j++) {
    const op = ops[j];
    if (op.kind !== "setFormat" || op.sheet.toLowerCase() !== sheet || JSON.stringify(op.format) !== key) break;
    out.push(op);
  }
  return out;
}

/** One Worksheet proxy per sheet name (case-insensitive, as Excel) within a batch. */
function sheetGetter(ctx: Excel.RequestContext, cache: Map<string, Excel.Worksheet>): (name: string) => Excel.Worksheet {
  return (name) => {
    const k = name.toLowerCase();
    let s = cache.get(k);
    if (!s) {
      s = ctx.workbook.worksheets.getItem(name);
      cache.set(k, s);
    }
    return s;
  };
}

function noteKey(sheet: string, address: string): string {
  return `${sheet.toLowerCase()}!${rangeAddress(parseRange(address))}`;
}

function bounds<T extends number | string>(min: T | undefined, max: T | undefined, floor: T): { formula1: T; formula2?: T; operator: Excel.DataValidationOperator } {
  if (min !== undefined && max !== undefined) return { formula1: min, formula2: max, operator: "Between" as Excel.DataValidationOperator };
  if (max !== undefined) return { formula1: max, operator: "LessThanOrEqualTo" as Excel.DataValidationOperator };
  return { formula1: min ?? floor, operator: "GreaterThanOrEqualTo" as Excel.DataValidationOperator };
}

/** A cell's solid fill from getCellProperties: null for no fill (pattern "None"). */
function fillOf(c: { format?: { fill?: { color?: string; pattern?: string } } }): string | null {
  const f = c.format?.fill;
  if (!f || f.pattern === "None" || !f.color) return null;
  return f.color.toUpperCase();
}

/** Pieces of one request split across a failed sync go back as one piece. */
function mergeBack(group: Array<{ req: number; row: number; rowCount: number }>): Array<{ req: number; row: number; rowCount: number }> {
  const out: Array<{ req: number; row: number; rowCount: number }> = [];
  for (const p of group) {
    const last = out[out.length - 1];
    if (last && last.req === p.req && last.row + last.rowCount === p.row) last.rowCount += p.rowCount;
    else out.push({ ...p });
  }
  return out;
}

function firstMissing(ops: WorkbookOp[], present: Set<string>): string | undefined {
  // `present` is the state after the failed batch; sheets the batch added may already be there.
  for (const op of ops) {
    if (!("sheet" in op)) continue;
    if (op.kind === "addSheet") continue;
    if (!present.has(op.sheet.toLowerCase()) && !ops.some((o) => (o.kind === "addSheet" && o.sheet.toLowerCase() === op.sheet.toLowerCase()) || (o.kind === "renameSheet" && o.newName.toLowerCase() === op.sheet.toLowerCase()))) {
      return op.sheet;
    }
  }
  return undefined;
}

export { cellAddress };
