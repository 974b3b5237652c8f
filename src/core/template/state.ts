/**
 * What the loader needs to know about a workbook before it plans: sheets, defined names, the
 * meta and lookup sheets, and the top rows of every other sheet (titles and headers). Read in
 * three calls (sheets and names together, then one batched `read`), never cell by cell.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog } from "../catalog/types";
import { parseMeta, type MetaData } from "../settings/meta";
import { columnLetter } from "../workbook/address";
import type { DefinedName, RangeData, ReadRequest, SheetInfo, WorkbookPort } from "../workbook/port";
import { APPROVAL_SHEET, EXPLANATION_SHEET, FIRST_DATA_ROW, HEADER_SEARCH_ROWS, LOOKUP_SHEET, META_SHEET } from "./layout";
import { parseLookup, type LookupState } from "./lookup";

export interface WorkbookState {
  sheets: SheetInfo[];
  names: DefinedName[];
  meta: MetaData;
  lookup: LookupState;
  /** Top rows of each non-Tianbao sheet, keyed by sheet name (A1-based block). */
  tops: Map<string, RangeData>;
  /** Columns A:D further down (labels of single-record forms); absent when no catalog table is single. */
  tall: Map<string, RangeData>;
}

/** Sheets Tianbao keeps for itself (never table sheets). */
export function isOwnSheet(name: string): boolean {
  return name === LOOKUP_SHEET || name === META_SHEET || name === EXPLANATION_SHEET || name === APPROVAL_SHEET || /^_tb_/i.test(name);
}

export interface ReadStateOptions {
  /** How many columns of each sheet's top rows to read (default: widest catalog table + 10, ≥ 26). */
  columns?: number;
}

function widest(catalog: Catalog | undefined): number {
  let n = 0;
  for (const t of catalog?.tables ?? []) n = Math.max(n, t.columns.length);
  return n;
}

/**
 * Reads the workbook state: for every non-Tianbao sheet the top rows (wide, for titles and list
 * headers) and the first four columns further down (tall, for the labels of single-record forms).
 */
export async function readWorkbookState(port: WorkbookPort, catalog?: Catalog, options: ReadStateOptions = {}): Promise<WorkbookState> {
  const [sheets, names] = await Promise.all([port.getSheets(), port.getNames()]);
  const columns = Math.max(26, options.columns ?? widest(catalog) + 10);
  let singleRows = 0;
  for (const t of catalog?.tables ?? []) if (t.shape === "single") singleRows = Math.max(singleRows, FIRST_DATA_ROW + t.columns.length + HEADER_SEARCH_ROWS);
  const requests: ReadRequest[] = [];
  const kinds: Array<"meta" | "lookup" | "top" | "tall"> = [];
  const has = (name: string) => sheets.some((s) => s.name === name);
  const add = (kind: (typeof kinds)[number], q: ReadRequest) => {
    kinds.push(kind);
    requests.push(q);
  };
  if (has(META_SHEET)) add("meta", { sheet: META_SHEET });
  if (has(LOOKUP_SHEET)) add("lookup", { sheet: LOOKUP_SHEET });
  const topSheets = sheets.filter((s) => !isOwnSheet(s.name));
  for (const s of topSheets) {
    add("top", { sheet: s.name, address: `A1:${columnLetter(columns - 1)}${HEADER_SEARCH_ROWS}` });
    if (singleRows > HEADER_SEARCH_ROWS) add("tall", { sheet: s.name, address: `A1:D${singleRows}` });
  }
  const results = requests.length > 0 ? await port.read(requests) : [];
  const meta = results.find((_, i) => kinds[i] === "meta");
  const lookup = results.find((_, i) => kinds[i] === "lookup");
  const tops = new Map<string, RangeData>();
  const tall = new Map<string, RangeData>();
  results.forEach((r, i) => {
    if (kinds[i] === "top") tops.set(requests[i].sheet, r);
    else if (kinds[i] === "tall") tall.set(requests[i].sheet, r);
  });
  return { sheets, names, meta: parseMeta(meta), lookup: parseLookup(lookup), tops, tall };
}

/** The values of a top block as a 0-based grid starting at A1 (missing cells → ""). */
export function topGrid(data: RangeData | undefined): (string | number | boolean)[][] {
  if (!data) return [];
  const grid: (string | number | boolean)[][] = [];
  for (let r = 0; r < data.row + data.values.length; r++) {
    const src = data.values[r - data.row];
    const row: (string | number | boolean)[] = [];
    const width = data.column + (src?.length ?? 0);
    for (let c = 0; c < width; c++) row.push(src?.[c - data.column] ?? "");
    grid.push(row);
  }
  return grid;
}
