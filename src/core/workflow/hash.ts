/**
 * 数据指纹 (dataHash): SHA-256 of a table's normalised data, identical whether the workbook is read
 * through Excel (Office.js) or the xlsx adapter (ExcelJS).
 *
 * Input: the table's records in catalog column order, as the validation engine's `readTable`
 * returns them (`TableData.rows`). Title rows, the responsibility row, headers, formats, notes and
 * column order on the sheet are therefore NOT part of the hash: changing a deadline or moving a
 * column does not invalidate an approval; changing a value does.
 *
 * Normalisation (version 1):
 *  - values only; each cell becomes a JSON value:
 *      ""            → null (empty)
 *      number        → the number rounded to 15 significant digits (Excel's precision; both adapters
 *                      then agree on 0.1+0.2 and on doubles ExcelJS re-parses from XML), -0 → 0;
 *                      dates are serial numbers in both adapters, so they hash as numbers
 *      boolean       → true / false
 *      string        → the string exactly, except CR LF / CR → LF (Excel and xlsx disagree on line
 *                      breaks). Strings are trimmed of NOTHING: a stray space is data the platform
 *                      would receive, so adding or removing one changes the hash. Number-like text
 *                      ("12") stays text and differs from the number 12.
 *  - trailing empty rows and trailing empty columns are dropped (an empty row appended below or a
 *    missing last column does not change the hash; an empty row in the middle does).
 *  - the canonical text is JSON.stringify({v:1, rows}) encoded as UTF-8; the hash is lowercase hex.
 * Pure core: @noble/hashes is synchronous and runs in node and the browser.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { CellValue } from "../workbook/port";

export const HASH_VERSION = 1;

export type CanonicalCell = string | number | boolean | null;

export function canonicalCell(v: CellValue | null | undefined): CanonicalCell {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    const n = Number(v.toPrecision(15));
    return Object.is(n, -0) ? 0 : n;
  }
  if (typeof v === "boolean") return v;
  return v.replace(/\r\n?/g, "\n");
}

/** Records → canonical matrix (trailing empty rows/columns dropped). */
export function normaliseTableData(rows: ReadonlyArray<ReadonlyArray<CellValue>>): CanonicalCell[][] {
  const m = rows.map((r) => r.map(canonicalCell));
  let lastRow = m.length - 1;
  while (lastRow >= 0 && m[lastRow].every((c) => c === null)) lastRow--;
  const kept = m.slice(0, lastRow + 1);
  let width = 0;
  for (const r of kept) for (let c = r.length - 1; c >= 0; c--) if (r[c] !== null) { width = Math.max(width, c + 1); break; }
  return kept.map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push(null);
    return out;
  });
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** 数据指纹 of a table's records. */
export function dataHash(rows: ReadonlyArray<ReadonlyArray<CellValue>>): string {
  return sha256Hex(JSON.stringify({ v: HASH_VERSION, rows: normaliseTableData(rows) }));
}

/** Hash of one record (for 异常数据说明): the same normalisation applied to a single row. */
export function rowHash(values: ReadonlyArray<CellValue>): string {
  return sha256Hex(JSON.stringify({ v: HASH_VERSION, row: normaliseTableData([values])[0] ?? [] }));
}

/** First 12 hex digits, as printed on the sign-off form. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** The chain's starting point (prevHash of the first record). */
export const GENESIS_HASH = "0".repeat(64);
