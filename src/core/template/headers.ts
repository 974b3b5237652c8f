/**
 * Comparing a loaded sheet's headers with the catalog: renamed, moved (reordered), missing and
 * extra headers, each with a precise Chinese message and the cell address. The loader reports these
 * and touches nothing on such a sheet.
 *
 * Headers are compared after Unicode NFKC (full-width letters and brackets become half-width) and
 * with all spaces removed, so 「学号 」 and 「学号」 are the same header.
 * Pure core: no Office, DOM or React imports.
 */
import type { TableDef } from "../catalog/types";
import { cellAddress } from "../workbook/address";
import type { CellValue } from "../workbook/port";
import { HEADER_ROW, HEADER_SEARCH_ROWS, SINGLE_FORM_HEADERS } from "./layout";

export type HeaderDifferenceKind = "renamed" | "moved" | "missing" | "extra" | "notFound";

export interface HeaderDifference {
  kind: HeaderDifferenceKind;
  /** Header as the catalog prints it (absent for "extra"). */
  expected?: string;
  /** What the sheet holds (absent for "missing"). */
  actual?: string;
  /** Where the header is (or the cell that should hold it). */
  address: string;
  /** For "moved": where it should be. */
  expectedAddress?: string;
  message: string;
}

export interface HeaderComparison {
  /** 0-based row (list) or label row of the first field (single) the comparison used; null if not found. */
  headerRow: number | null;
  differences: HeaderDifference[];
}

export function normalizeHeader(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  return String(v).normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
}

/** Where each header is in `cells` (positions are indexes into `cells`). */
function compareLine(
  expected: string[],
  cells: CellValue[],
  addressOf: (i: number) => string,
  who: string,
): HeaderDifference[] {
  const exp = expected.map(normalizeHeader);
  const act = cells.map(normalizeHeader);
  const expSet = new Set(exp);
  const firstAt = new Map<string, number>();
  act.forEach((a, j) => {
    if (a && !firstAt.has(a)) firstAt.set(a, j);
  });
  const out: HeaderDifference[] = [];
  const explained = new Set<number>();
  for (let i = 0; i < exp.length; i++) {
    if (act[i] === exp[i]) {
      explained.add(i);
      continue;
    }
    const j = firstAt.get(exp[i]);
    if (j !== undefined) {
      explained.add(j);
      out.push({
        kind: "moved",
        expected: expected[i],
        actual: String(cells[j]),
        address: addressOf(j),
        expectedAddress: addressOf(i),
        message: `${who}：表头“${expected[i]}”应在 ${addressOf(i)}，现在在 ${addressOf(j)}（列的顺序被调整）`,
      });
    } else if (act[i] && !expSet.has(act[i])) {
      explained.add(i);
      out.push({
        kind: "renamed",
        expected: expected[i],
        actual: String(cells[i]),
        address: addressOf(i),
        message: `${who}：${addressOf(i)} 的表头应为“${expected[i]}”，实为“${String(cells[i]).trim()}”（表头被改名）`,
      });
    } else {
      out.push({
        kind: "missing",
        expected: expected[i],
        address: addressOf(i),
        message: `${who}：缺少表头“${expected[i]}”（应在 ${addressOf(i)}）`,
      });
    }
  }
  act.forEach((a, j) => {
    if (!a || explained.has(j)) return;
    if (expSet.has(a) && firstAt.get(a) === j) return;
    out.push({
      kind: "extra",
      actual: String(cells[j]),
      address: addressOf(j),
      message: expSet.has(a)
        ? `${who}：${addressOf(j)} 的表头“${String(cells[j]).trim()}”重复出现`
        : `${who}：${addressOf(j)} 多出表头“${String(cells[j]).trim()}”（目录中没有这个字段）`,
    });
  });
  return out;
}

function score(expected: string[], cells: CellValue[]): number {
  const want = new Set(expected.map(normalizeHeader));
  let n = 0;
  for (const c of cells) if (want.has(normalizeHeader(c))) n++;
  return n;
}

/**
 * Compares a list table's header row. `grid` is the sheet's top rows from A1. The header row is the
 * row among the first HEADER_SEARCH_ROWS with most catalog headers (rows inserted above still work).
 */
export function compareListHeaders(table: TableDef, grid: CellValue[][], who: string): HeaderComparison {
  const expected = table.columns.map((c) => c.header);
  if (expected.length === 0) return { headerRow: HEADER_ROW, differences: [] };
  let best = HEADER_ROW;
  let bestScore = score(expected, grid[HEADER_ROW] ?? []);
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const s = score(expected, grid[r] ?? []);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  const row = grid[best] ?? [];
  if (bestScore === 0 && row.every((c) => normalizeHeader(c) === "")) {
    return {
      headerRow: null,
      differences: [
        {
          kind: "notFound",
          expected: expected[0],
          address: cellAddress(HEADER_ROW, 0),
          message: `${who}：找不到表头行（第 ${HEADER_ROW + 1} 行应为表头，例如 ${cellAddress(HEADER_ROW, 0)} 应为“${expected[0]}”）`,
        },
      ],
    };
  }
  let width = row.length;
  while (width > 0 && normalizeHeader(row[width - 1]) === "") width--;
  return { headerRow: best, differences: compareLine(expected, row.slice(0, width), (i) => cellAddress(best, i), who) };
}

/**
 * Compares a single-record (label/value) form: the 「项目」 header row, then one field label per
 * row in column A.
 */
export function compareSingleHeaders(table: TableDef, grid: CellValue[][], who: string): HeaderComparison {
  let formRow: number | null = null;
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    if (normalizeHeader(grid[r]?.[0]) === SINGLE_FORM_HEADERS[0] && normalizeHeader(grid[r]?.[1]) === SINGLE_FORM_HEADERS[1]) {
      formRow = r;
      break;
    }
  }
  if (formRow === null) {
    return {
      headerRow: null,
      differences: [
        {
          kind: "notFound",
          expected: SINGLE_FORM_HEADERS[0],
          address: cellAddress(HEADER_ROW, 0),
          message: `${who}：找不到“${SINGLE_FORM_HEADERS.join("、")}”表头行（应在第 ${HEADER_ROW + 1} 行）`,
        },
      ],
    };
  }
  const first = formRow + 1;
  const labels: CellValue[] = [];
  for (let r = first; r < grid.length; r++) labels.push(grid[r]?.[0] ?? "");
  while (labels.length > 0 && normalizeHeader(labels[labels.length - 1]) === "") labels.pop();
  const expected = table.columns.map((c) => c.header);
  return { headerRow: first, differences: compareLine(expected, labels, (i) => cellAddress(first + i, 0), who) };
}

export function compareHeaders(table: TableDef, grid: CellValue[][], who: string): HeaderComparison {
  return table.shape === "single" ? compareSingleHeaders(table, grid, who) : compareListHeaders(table, grid, who);
}
