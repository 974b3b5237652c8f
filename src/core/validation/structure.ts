/**
 * Structure first: find the header row (or, for single-record tables, the label column) in what
 * was read from a sheet, map catalog columns to sheet columns and report missing, renamed,
 * reordered, extra and duplicate headers and a shifted table. Content checks then run on whatever
 * columns could be matched.
 *
 * Never trusts the positions the template loader writes (src/core/template/layout.ts): users insert
 * rows, delete the title rows or paste a table one column to the right.
 * Pure core: no Office, DOM or React imports.
 */
import type { TableDef } from "../catalog/types";
import { columnLetter } from "../workbook/address";
import type { CellValue, RangeData } from "../workbook/port";
import { FIRST_DATA_ROW, HEADER_ROW, HEADER_SEARCH_ROWS, SINGLE_FORM_HEADERS, SINGLE_VALUE_COLUMN } from "../template/layout";
import { makeCellFinding } from "./finding";
import { isBlankRecord } from "./indexes";
import { displayValue, normalizeHeader } from "./normalize";
import type { TableData, TableLayout } from "./types";

/** Similarity of two normalised headers in [0, 1] (character-bigram Dice, containment counts high). */
export function headerSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  if (a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a))) return 0.8;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a), gb = grams(b);
  let inter = 0;
  for (const [g, n] of ga) inter += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(1, a.length - 1) + Math.max(1, b.length - 1);
  return (2 * inter) / total;
}

const FUZZY_MIN = 0.5;

const cellAt = (range: RangeData, row: number, col: number): CellValue => {
  const r = range.values[row - range.row];
  if (!r) return "";
  const v = r[col - range.column];
  return v === undefined || v === null ? "" : v;
};

interface Match {
  /** catalog column index → sheet column (absolute) */
  positions: (number | null)[];
  renamed: Array<{ col: number; at: number }>;
  duplicates: Array<{ col: number; at: number; first: number }>;
  extra: number[];
  exact: number;
}

/** Matches expected headers against one row (or one column, for label/value forms) of cells. */
function matchLine(expected: string[], cells: Array<{ at: number; norm: string }>): Match {
  const positions: (number | null)[] = expected.map(() => null);
  const used = new Set<number>();
  const duplicates: Match["duplicates"] = [];
  let exact = 0;
  const byNorm = new Map<string, number[]>();
  for (const c of cells) {
    if (!c.norm) continue;
    const l = byNorm.get(c.norm);
    if (l) l.push(c.at);
    else byNorm.set(c.norm, [c.at]);
  }
  // Exact matches; a catalog header that occurs twice in the catalog takes successive cells.
  const taken = new Map<string, number>();
  expected.forEach((h, i) => {
    const l = byNorm.get(h);
    const k = taken.get(h) ?? 0;
    if (l && k < l.length) {
      positions[i] = l[k];
      used.add(l[k]);
      taken.set(h, k + 1);
      exact++;
    }
  });
  for (const [h, l] of byNorm) {
    const k = taken.get(h) ?? 0;
    if (k > 0 && l.length > k) {
      const col = expected.lastIndexOf(h);
      for (const at of l.slice(k)) {
        duplicates.push({ col, at, first: positions[col] as number });
        used.add(at);
      }
    }
  }
  // Fuzzy matches for what is left: best pairs first.
  const pairs: Array<{ i: number; at: number; s: number }> = [];
  expected.forEach((h, i) => {
    if (positions[i] !== null) return;
    for (const c of cells) {
      if (!c.norm || used.has(c.at)) continue;
      const s = headerSimilarity(h, c.norm);
      if (s >= FUZZY_MIN) pairs.push({ i, at: c.at, s });
    }
  });
  pairs.sort((a, b) => b.s - a.s || a.at - b.at);
  const renamed: Match["renamed"] = [];
  for (const p of pairs) {
    if (positions[p.i] !== null || used.has(p.at)) continue;
    positions[p.i] = p.at;
    used.add(p.at);
    renamed.push({ col: p.i, at: p.at });
  }
  const extra = cells.filter((c) => c.norm && !used.has(c.at)).map((c) => c.at);
  return { positions, renamed, duplicates, extra, exact };
}

/** Indexes (into `seq`) of a longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k];
  }
  return keep;
}

const rowCount = (range: RangeData) => range.values.length;
const colCount = (range: RangeData) => range.values.reduce((m, r) => Math.max(m, r.length), 0);

/**
 * Reads a table from a block of sheet values (normally the sheet's used range) and reports its
 * structure. Works for list tables (header row + records) and single-record label/value forms.
 */
export function readTable(range: RangeData, table: TableDef, options: ReadTableOptions = {}): TableData {
  return table.shape === "single" ? readSingle(range, table) : readList(range, table, options.owned === true);
}

export interface ReadTableOptions {
  /**
   * The caller hands `range.values` over to the table: it was read for this table (a `port.read`
   * result, fresh per call) and the caller does not look at it again. On a sheet in the template's
   * layout the records are then that very array, with the title and header rows above them spliced
   * off in place, instead of a copy: a 50,000-row copy is a large-object allocation, about 1.7 ms
   * of fresh memory on the CI machines for each full check. The row arrays themselves are never
   * changed (a row with a missing cell is replaced by a completed copy, as without this option).
   */
  owned?: boolean;
}

function readList(range: RangeData, table: TableDef, owned = false): TableData {
  const td: TableData = {
    table,
    sheet: range.sheet,
    layout: { kind: "list", headerRow: -1, firstDataRow: FIRST_DATA_ROW, columns: table.columns.map(() => null) },
    rows: [],
    structureFindings: [],
  };
  const expected = table.columns.map((c) => normalizeHeader(c.header));
  const nCols = colCount(range);
  let best: { row: number; m: Match; score: number } | null = null;
  const lastSearch = Math.min(range.row + rowCount(range), Math.max(range.row, 0) + HEADER_SEARCH_ROWS);
  const lineAt = (r: number) => {
    const cells: Array<{ at: number; norm: string }> = [];
    for (let c = range.column; c < range.column + nCols; c++) {
      const v = cellAt(range, r, c);
      if (typeof v === "string" && v !== "") cells.push({ at: c, norm: normalizeHeader(v) });
    }
    return cells;
  };
  // Shortcut for the usual sheet: the first row holding every expected header exactly is what the
  // search below would choose when it also scores perfectly (earlier rows cannot reach that score),
  // so the fuzzy matching of the title rows above it can be skipped.
  const want = new Map<string, number>();
  for (const h of expected) want.set(h, (want.get(h) ?? 0) + 1);
  for (let r = range.row; r < lastSearch && !best; r++) {
    const cells = lineAt(r);
    const seen = new Map<string, number>();
    let exact = 0;
    for (const c of cells) {
      const n = seen.get(c.norm) ?? 0;
      if (n < (want.get(c.norm) ?? 0)) exact++;
      seen.set(c.norm, n + 1);
    }
    if (exact < expected.length) continue;
    const m = matchLine(expected, cells);
    const score = m.exact + 0.5 * m.renamed.length - 0.25 * m.extra.length;
    if (score >= expected.length) best = { row: r, m, score };
    break;
  }
  const viaShortcut = best !== null;
  for (let r = range.row; r < lastSearch && !viaShortcut; r++) {
    const cells = lineAt(r);
    if (!cells.length) continue;
    const m = matchLine(expected, cells);
    const score = m.exact + 0.5 * m.renamed.length - 0.25 * m.extra.length;
    if (!best || score > best.score) best = { row: r, m, score };
    // score ≤ exact + renamed ≤ expected.length: a row matching every header exactly with no extra
    // cell cannot be beaten (later rows could only tie, and a tie keeps the first), so stop here
    // instead of fuzzy-matching every header against the data rows below it.
    if (best.score >= expected.length) break;
  }
  const found = best && (best.m.exact >= 1 || best.m.renamed.length >= Math.min(2, expected.length));
  if (!best || !found) {
    const f = makeCellFinding(td, HEADER_ROW, 0, "", "structure.noHeader", "error",
      `表${table.id} ${table.name}：工作表“${range.sheet}”前${HEADER_SEARCH_ROWS}行中找不到表头（应含【${table.columns.slice(0, 3).map((c) => c.header).join("】【")}】等列），无法校验内容`, "");
    td.structureFindings.push(f);
    return td;
  }
  const { row: headerRow, m } = best;
  const L: TableLayout = { kind: "list", headerRow, firstDataRow: headerRow + 1, columns: m.positions };
  td.layout = L;
  const S = td.structureFindings;
  const label = `表${table.id} ${table.name}`;
  const hdr = (c: number) => table.columns[c].header;
  for (const r of m.renamed) {
    const raw = cellAt(range, headerRow, r.at);
    S.push(makeCellFinding(td, headerRow, r.at, hdr(r.col), "structure.renamedHeader", "warning",
      `${label} 第${headerRow + 1}行 ${columnLetter(r.at)}列：表头“${displayValue(raw)}”应为“${hdr(r.col)}”（已按此列校验）`, raw));
  }
  for (const d of m.duplicates) {
    const raw = cellAt(range, headerRow, d.at);
    S.push(makeCellFinding(td, headerRow, d.at, hdr(d.col), "structure.duplicateHeader", "error",
      `${label} 第${headerRow + 1}行：表头【${hdr(d.col)}】重复（${columnLetter(d.first)}列和${columnLetter(d.at)}列），按${columnLetter(d.first)}列校验，请删除多余的列`, raw));
  }
  // Missing columns: point at where they should be (right after the previous found column).
  let lastPos = -1;
  const matchedPositions = m.positions.filter((p): p is number => p !== null);
  m.positions.forEach((p, c) => {
    if (p !== null) {
      lastPos = p;
      return;
    }
    const at = Math.min(16383, lastPos >= 0 ? lastPos + 1 : Math.max(0, (matchedPositions[0] ?? 1) - 1));
    S.push(makeCellFinding(td, headerRow, at, hdr(c), "structure.missingHeader", "error",
      `${label}：缺少列【${hdr(c)}】（第${headerRow + 1}行表头中没有找到），此列无法校验`, ""));
  });
  for (const at of m.extra) {
    const raw = cellAt(range, headerRow, at);
    S.push(makeCellFinding(td, headerRow, at, "", "structure.extraHeader", "warning",
      `${label} 第${headerRow + 1}行 ${columnLetter(at)}列：多余的列“${displayValue(raw)}”不属于本表，上传前请删除`, raw));
  }
  // Reordered: columns outside a longest in-order run are the moved ones.
  const order = m.positions.map((p, c) => ({ p, c })).filter((x): x is { p: number; c: number } => x.p !== null);
  const keep = longestIncreasing(order.map((x) => x.p));
  order.forEach((x, i) => {
    if (keep.has(i)) return;
    const before = order.slice(0, i).reverse().find((_, j) => keep.has(i - 1 - j));
    const raw = cellAt(range, headerRow, x.p);
    S.push(makeCellFinding(td, headerRow, x.p, hdr(x.c), "structure.reorderedHeader", "warning",
      `${label}：列【${hdr(x.c)}】的位置与模板不同（模板中是第${x.c + 1}列${before ? `，应在【${hdr(before.c)}】之后` : "，应在最前"}），已按表头校验`, raw));
  });
  // Shifted table.
  const leftmost = order.reduce<{ p: number; c: number } | undefined>((m, x) => (!m || x.p < m.p ? x : m), undefined);
  const first = order[0];
  if (leftmost && leftmost.p > 0) {
    S.push(makeCellFinding(td, headerRow, leftmost.p, hdr(leftmost.c), "structure.shiftedRight", "warning",
      `${label}：表格整体右移了${leftmost.p}列（【${hdr(leftmost.c)}】应在A列，实际在${columnLetter(leftmost.p)}列），已按实际位置校验`, cellAt(range, headerRow, leftmost.p)));
  }
  if (headerRow !== HEADER_ROW) {
    const at = first ? first.p : 0;
    S.push(makeCellFinding(td, headerRow, at, first ? hdr(first.c) : "", "structure.headerRowMoved", "warning",
      `${label}：表头在第${headerRow + 1}行（模板为第${HEADER_ROW + 1}行），表格${headerRow > HEADER_ROW ? "下移" : "上移"}了${Math.abs(headerRow - HEADER_ROW)}行，已按实际位置校验`, cellAt(range, headerRow, at)));
  }
  // Records.
  const end = range.row + rowCount(range);
  const count = Math.max(0, end - L.firstDataRow);
  const pos = m.positions.map((p) => (p === null ? -1 : p - range.column));
  const n = pos.length;
  /** Record from a sheet row: catalog column order, "" for missing and null/undefined cells. */
  const copy = (src: readonly CellValue[]): CellValue[] => {
    const rec: CellValue[] = new Array(n);
    for (let c = 0; c < n; c++) {
      const v = pos[c] < 0 ? undefined : src[pos[c]];
      rec[c] = v === undefined || v === null ? "" : v;
    }
    return rec;
  };
  let rows: CellValue[][];
  if (pos.every((p, c) => p === c)) {
    // The template's own layout (column c at sheet column c, nothing to the right): a sheet row
    // with no null/undefined cell already IS the record, so the sheet rows are shared (one slice,
    // or no copy at all when the values are `owned`; the engine never writes into records,
    // updates replace them).
    const from = L.firstDataRow - range.row;
    if (owned) {
      rows = range.values as CellValue[][];
      if (from > 0) rows.splice(0, from);
      if (rows.length > count) rows.length = count;
    } else rows = range.values.slice(from, from + count) as CellValue[][];
    for (let i = 0; i < rows.length; i++) {
      const src = rows[i];
      if (!src || src.length !== n) {
        rows[i] = copy(src ?? []);
        continue;
      }
      for (let c = 0; c < n; c++) {
        const v = src[c];
        if (v === undefined || v === null) {
          rows[i] = copy(src);
          break;
        }
      }
    }
  } else {
    rows = new Array(count);
    for (let i = 0; i < count; i++) rows[i] = copy(range.values[L.firstDataRow - range.row + i] ?? []);
  }
  // blank rows below the last record are not records
  let len = rows.length;
  while (len > 0 && isBlankRecord(rows[len - 1])) len--;
  rows.length = len;
  td.rows = rows;
  return td;
}

function readSingle(range: RangeData, table: TableDef): TableData {
  const td: TableData = {
    table,
    sheet: range.sheet,
    layout: { kind: "single", headerRow: -1, firstDataRow: FIRST_DATA_ROW, columns: table.columns.map(() => null), valueRows: table.columns.map(() => null), valueColumn: SINGLE_VALUE_COLUMN },
    rows: [],
    structureFindings: [],
  };
  const expected = table.columns.map((c) => normalizeHeader(c.header));
  const nCols = Math.min(colCount(range), 8);
  let best: { col: number; m: Match } | null = null;
  for (let c = range.column; c < range.column + nCols; c++) {
    const cells: Array<{ at: number; norm: string }> = [];
    for (let r = range.row; r < range.row + rowCount(range); r++) {
      const v = cellAt(range, r, c);
      if (typeof v === "string" && v !== "") cells.push({ at: r, norm: normalizeHeader(v) });
    }
    const m = matchLine(expected, cells);
    if (!best || m.exact + 0.5 * m.renamed.length > best.m.exact + 0.5 * best.m.renamed.length) best = { col: c, m };
    // every label found exactly: no column to the right can score higher (a tie keeps this one),
    // so the fuzzy matching of the value cells against every label is skipped
    if (best.m.exact === expected.length) break;
  }
  const label = `表${table.id} ${table.name}`;
  if (!best || best.m.exact + best.m.renamed.length === 0) {
    td.structureFindings.push(makeCellFinding(td, FIRST_DATA_ROW, 0, "", "structure.noHeader", "error",
      `${label}：工作表“${range.sheet}”中找不到“项目”列（应含【${table.columns.slice(0, 3).map((c) => c.header).join("】【")}】等项目），无法校验内容`, ""));
    return td;
  }
  const { col: labelCol, m } = best;
  const valueColumn = labelCol + 1;
  const formHeaders = SINGLE_FORM_HEADERS.map((h) => normalizeHeader(h));
  const firstLabel = Math.min(...m.positions.filter((p): p is number => p !== null));
  let headerRow = -1;
  for (let r = firstLabel - 1; r >= range.row && r >= firstLabel - 3; r--) {
    if (normalizeHeader(cellAt(range, r, labelCol)) === formHeaders[0]) headerRow = r;
  }
  td.layout = { kind: "single", headerRow, firstDataRow: firstLabel, columns: table.columns.map(() => valueColumn), valueRows: m.positions, valueColumn };
  const S = td.structureFindings;
  const hdr = (c: number) => table.columns[c].header;
  for (const r of m.renamed) {
    const raw = cellAt(range, r.at, labelCol);
    S.push(makeCellFinding(td, r.at, labelCol, hdr(r.col), "structure.renamedHeader", "warning",
      `${label} 第${r.at + 1}行：项目“${displayValue(raw)}”应为“${hdr(r.col)}”（已按此项校验）`, raw));
  }
  for (const d of m.duplicates) {
    const raw = cellAt(range, d.at, labelCol);
    S.push(makeCellFinding(td, d.at, labelCol, hdr(d.col), "structure.duplicateHeader", "error",
      `${label}：项目【${hdr(d.col)}】出现两次（第${d.first + 1}行和第${d.at + 1}行），按第${d.first + 1}行校验`, raw));
  }
  let lastRow = firstLabel - 1;
  m.positions.forEach((p, c) => {
    if (p !== null) {
      lastRow = p;
      return;
    }
    S.push(makeCellFinding(td, Math.max(0, lastRow + 1), labelCol, hdr(c), "structure.missingHeader", "error",
      `${label}：缺少项目【${hdr(c)}】，此项无法校验`, ""));
  });
  if (labelCol !== 0) {
    const firstCol = m.positions.findIndex((p) => p === firstLabel);
    S.push(makeCellFinding(td, firstLabel, labelCol, firstCol >= 0 ? hdr(firstCol) : "", "structure.shiftedRight", "warning",
      `${label}：表格整体右移了${labelCol}列（“项目”应在A列，实际在${columnLetter(labelCol)}列），已按实际位置校验`, cellAt(range, firstLabel, labelCol)));
  }
  td.rows = [m.positions.map((p) => (p === null ? "" : cellAt(range, p, valueColumn)))];
  return td;
}

/**
 * Records from a freshly read block (e.g. the rows an edit touched), in catalog column order, for
 * `ValidationSession.updateRows`. Rows above the first record (title/header rows) are not records:
 * when `headerTouched` is true the caller must re-read the whole table with `readTable`.
 */
export function rowsFromRange(td: TableData, range: RangeData): { updates: Array<{ index: number; values: CellValue[] }>; headerTouched: boolean } {
  const L = td.layout;
  const updates: Array<{ index: number; values: CellValue[] }> = [];
  let headerTouched = false;
  if (L.kind === "single") {
    const touched = td.layout.valueRows?.some((r) => r !== null && r >= range.row && r < range.row + range.values.length);
    const labelsTouched = range.column <= (L.valueColumn ?? 1) - 1 && range.column + colCount(range) > (L.valueColumn ?? 1) - 1;
    if (labelsTouched) headerTouched = true;
    if (touched) {
      const values = td.table.columns.map((_, c) => {
        const r = L.valueRows?.[c];
        if (r === null || r === undefined) return "";
        if (r >= range.row && r < range.row + range.values.length && (L.valueColumn ?? 1) >= range.column && (L.valueColumn ?? 1) < range.column + colCount(range))
          return cellAt(range, r, L.valueColumn ?? 1);
        return td.rows[0]?.[c] ?? "";
      });
      updates.push({ index: 0, values });
    }
    return { updates, headerTouched };
  }
  for (let i = 0; i < range.values.length; i++) {
    const r = range.row + i;
    if (r <= L.headerRow) {
      headerTouched = true;
      continue;
    }
    const index = r - L.firstDataRow;
    const old = td.rows[index];
    const values = L.columns.map((p, c) => {
      if (p === null) return "";
      if (p >= range.column && p < range.column + colCount(range)) return cellAt(range, r, p);
      return old?.[c] ?? "";
    });
    updates.push({ index, values });
  }
  return { updates, headerTouched };
}
