/**
 * Column checks by ColumnDef type: one cell at a time, never throws, never rewrites the value.
 * Returns message SUFFIXES; the engine prefixes 「表… 第N行【表头】」.
 * Pure core: no Office, DOM or React imports.
 */
import type { CodeList, ColumnDef, Severity } from "../catalog/types";
import type { CellValue } from "../workbook/port";
import {
  decimalsOf,
  displayValue,
  formatYMD,
  hasFullWidth,
  isEmptyValue,
  isExcelError,
  isSpaceCode,
  normalizeKey,
  normalizeText,
  parseDate,
  parseNumber,
  parseYear,
  parseYearMonth,
  serialToDate,
  toHalfWidth,
  trimAll,
} from "./normalize";

export interface CellProblem {
  rule: string;
  severity: Severity;
  message: string;
}

const q = (v: CellValue) => `“${displayValue(v)}”`;

/**
 * Compiled code list. A cell holds the NAME of the entry (性别 “男”), as the national platform's
 * templates and 填报指南 list the options; the vendor code (“01”) is what a clerk may copy from an
 * old system, and is reported with the name to use instead.
 */
export interface CodeIndex {
  list: CodeList;
  /** normalised name → name (the accepted cell values) */
  names: Map<string, string>;
  /** normalised code → entry (codes typed instead of names) */
  codes: Map<string, { value: string; label: string }>;
}

export function indexCodeList(list: CodeList): CodeIndex {
  const names = new Map<string, string>();
  const codes = new Map<string, { value: string; label: string }>();
  for (const v of list.values) {
    names.set(normalizeKey(v.label), v.label);
    codes.set(normalizeKey(v.value), v);
  }
  return { list, names, codes };
}

function sampleNames(ix: CodeIndex): string {
  const vs = ix.list.values;
  return vs.slice(0, 8).map((v) => v.label).join("、") + (vs.length > 8 ? ` 等${vs.length}项` : "");
}

const MULTI_SEPARATORS = /[、,，;；/|]+/;

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a 居民身份证号. */
export function idCardCheckChar(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * W[i];
  return "10X98765432"[sum % 11];
}

/** null when valid, otherwise what is wrong (Chinese). */
export function idCardProblem(raw: string): string | null {
  const s = toHalfWidth(trimAll(raw)).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return s.length !== 18 ? `应为18位（实际${s.length}位）` : "前17位应为数字，最后一位为数字或X";
  if (s[0] === "0") return "前6位地区码无效";
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  const dim = m >= 1 && m <= 12 ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > dim) return `出生日期“${s.slice(6, 14)}”无效`;
  const c = idCardCheckChar(s.slice(0, 17));
  if (c !== s[17]) return `校验位错误（第18位按前17位计算应为“${c}”）`;
  return null;
}

const URL_RE = /^(https?:\/\/)?([a-z0-9\u4e00-\u9fa5]([a-z0-9\u4e00-\u9fa5-]*[a-z0-9\u4e00-\u9fa5])?\.)+[a-z\u4e00-\u9fa5]{2,}(:\d{1,5})?(\/[^\s]*)?$/i;
const EMAIL_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const MOBILE_RE = /^(\+?86[- ]?)?1[3-9]\d{9}$/;
const LANDLINE_RE = /^(\(0\d{2,3}\)|0\d{2,3})[- ]?\d{7,8}([-转]\d{1,6})?$/;

/**
 * Checks one cell against its column definition. `codes` is the compiled code list for code and
 * multiCode columns (missing → the code check is skipped: the catalog has no list for it).
 */
const NO_PROBLEMS: readonly CellProblem[] = Object.freeze([]);

function fullWidthHintTo(out: CellProblem[], v: CellValue, normal: string): void {
  if (typeof v === "string" && hasFullWidth(v))
    out.push({ rule: "column.fullWidth", severity: "warning", message: `${q(v)}含全角${/[\uff10-\uff19]/.test(v) ? "数字" : "字符"}，应为“${displayValue(normal)}”` });
}

function notBoolTo(out: CellProblem[], col: ColumnDef, v: CellValue, what: string): boolean {
  if (typeof v !== "boolean") return true;
  out.push({ rule: `column.${col.type}`, severity: "error", message: `是逻辑值${v ? "TRUE" : "FALSE"}，应填${what}` });
  return false;
}

/**
 * The fast path of the column checks, as data: per column a kind and its bounds, so that one
 * monomorphic function (`fastCell`) decides for every cell of a table whether `checkCell` would
 * certainly accept it. A 50,000-row sheet is mostly such values; checking them through one
 * closure per column made the call site megamorphic and cost the engine about twice a compiled
 * JSON Schema's time (no code is generated: `new Function` may be barred by a page's CSP).
 */
export interface FastPlan {
  kind: Int8Array;
  lo: Float64Array;
  hi: Float64Array;
  /** code columns: the accepted names exactly as the list writes them */
  names: (Set<string> | undefined)[];
  /** 1: the column is required (an empty cell needs the full check, which reports it) */
  required: Uint8Array;
}

const K_NONE = 0, K_TEXT = 1, K_CODE = 2, K_CODE_ANY = 3, K_INT = 4, K_DEC = 5, K_DEC_WHOLE = 6, K_YEAR = 7, K_YEAR_MONTH = 8, K_DATE = 9;
const YEAR_MONTH_RE = /^(19|20)\d{2}(0[1-9]|1[0-2])$/;

export function fastPlan(cols: readonly ColumnDef[], codes: readonly (CodeIndex | undefined)[]): FastPlan {
  const n = cols.length;
  const p: FastPlan = { kind: new Int8Array(n), lo: new Float64Array(n), hi: new Float64Array(n), names: new Array(n).fill(undefined), required: new Uint8Array(n) };
  cols.forEach((col, c) => {
    p.required[c] = col.required ? 1 : 0;
    p.lo[c] = col.min ?? -Infinity;
    p.hi[c] = col.max ?? Infinity;
    switch (col.type) {
      case "text":
        p.kind[c] = K_TEXT;
        p.hi[c] = col.maxLength ?? Infinity;
        break;
      case "code":
        if (codes[c]) {
          p.kind[c] = K_CODE;
          // only names with nothing to warn about (a label with an edge space still gets the full check)
          p.names[c] = new Set(codes[c]!.list.values.map((x) => x.label).filter(edgeOk));
        } else p.kind[c] = K_CODE_ANY;
        break;
      case "integer":
        p.kind[c] = K_INT;
        break;
      case "decimal":
        p.kind[c] = col.decimals === undefined ? K_DEC : K_DEC_WHOLE;
        break;
      case "year":
        p.kind[c] = K_YEAR;
        break;
      case "yearMonth":
        p.kind[c] = K_YEAR_MONTH;
        break;
      case "date":
        p.kind[c] = K_DATE;
        break;
      default:
        p.kind[c] = K_NONE; // multiCode, idCard, url, email, phone: always the full check
    }
  });
  return p;
}

/** Not empty, not an error value (“#N/A”), no space at either end. */
function edgeOk(s: string): boolean {
  const n = s.length;
  return n > 0 && s.charCodeAt(0) !== 35 && !isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(n - 1));
}

/**
 * True only when `checkCell` would accept cell value v of column c without any finding (false
 * means “run the full check”, not “wrong”). An empty optional cell has nothing to check.
 */
export function fastCell(p: FastPlan, c: number, v: CellValue): boolean {
  if (v === "") return p.required[c] === 0;
  switch (p.kind[c]) {
    case K_TEXT:
      return typeof v === "string" && plainTextCell(v, p.hi[c]);
    case K_CODE:
      return typeof v === "string" && (p.names[c] as Set<string>).has(v);
    case K_CODE_ANY:
      return typeof v === "string" && edgeOk(v) && !FULL_WIDTH_ANY.test(v);
    case K_INT:
      return typeof v === "number" && Number.isInteger(v) && v >= p.lo[c] && v <= p.hi[c];
    case K_DEC:
      return typeof v === "number" && Number.isFinite(v) && v >= p.lo[c] && v <= p.hi[c];
    case K_DEC_WHOLE:
      return typeof v === "number" && Number.isInteger(v) && v >= p.lo[c] && v <= p.hi[c];
    case K_YEAR:
      return typeof v === "number" && Number.isInteger(v) && v >= 1900 && v <= 2100;
    case K_YEAR_MONTH:
      return typeof v === "number"
        ? Number.isInteger(v) && v >= 190001 && v <= 210012 && v % 100 >= 1 && v % 100 <= 12
        : typeof v === "string" && v.length === 6 && YEAR_MONTH_RE.test(v);
    case K_DATE:
      return typeof v === "number" && v >= 1 && v < 2958466;
    default:
      return false;
  }
}

/**
 * `fastCell` over one column of many records, OR-ing FAST_FILLED (a value that passed) or
 * FAST_SLOW (needs the full check) into `flags[i]` for record i. Column by column, one loop per
 * kind: each loop sees one kind of value, so the engine's whole-table pass stays as fast on a
 * workbook of a hundred different tables as on one (row by row through `fastCell`, the mix of
 * kinds and string shapes halved the speed of the 50,000-row sheet).
 */
export function fastColumn(p: FastPlan, c: number, rows: readonly (readonly CellValue[] | undefined)[], flags: Uint8Array): void {
  const empty = p.required[c] === 1 ? FAST_SLOW : 0;
  // one function per kind: each is optimised for the one kind of value it sees
  switch (p.kind[c]) {
    case K_TEXT:
      return textColumn(c, p.hi[c], empty, rows, flags);
    case K_CODE:
      return codeColumn(c, p.names[c] as Set<string>, empty, rows, flags);
    case K_INT:
    case K_DEC_WHOLE:
      return wholeColumn(c, p.lo[c], p.hi[c], empty, rows, flags);
    case K_YEAR:
      return wholeColumn(c, 1900, 2100, empty, rows, flags);
    default:
      return otherColumn(p, c, rows, flags);
  }
}

function textColumn(c: number, max: number, empty: number, rows: readonly (readonly CellValue[] | undefined)[], flags: Uint8Array): void {
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) continue;
    const v = rec[c];
    if (v === "") flags[i] |= empty;
    else flags[i] |= typeof v === "string" && plainTextCell(v, max) ? FAST_FILLED : FAST_SLOW;
  }
}

/** Characters `isSpaceCode` treats as spaces. */
const SPACE_CLASS = "\\x00-\\x20\\x85\\xa0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
/**
 * `plainTextCell` as one regular expression (except the length): no space or “#” first, no space
 * last, no full-width digit or letter anywhere. A regular expression rather than a charCodeAt loop:
 * a workbook mixes one-byte (学号) and two-byte (姓名) strings, and a loop that sees both kinds
 * slows down for all of them, while the regexp engine has code for each kind.
 */
const PLAIN_TEXT = new RegExp(`^(?![#${SPACE_CLASS}])[^\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a]*(?<![${SPACE_CLASS}])$`);

function codeColumn(c: number, names: Set<string>, empty: number, rows: readonly (readonly CellValue[] | undefined)[], flags: Uint8Array): void {
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) continue;
    const v = rec[c];
    if (v === "") flags[i] |= empty;
    else flags[i] |= typeof v === "string" && names.has(v) ? FAST_FILLED : FAST_SLOW;
  }
}

function wholeColumn(c: number, lo: number, hi: number, empty: number, rows: readonly (readonly CellValue[] | undefined)[], flags: Uint8Array): void {
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) continue;
    const v = rec[c];
    if (v === "") flags[i] |= empty;
    else flags[i] |= typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi ? FAST_FILLED : FAST_SLOW;
  }
}

function otherColumn(p: FastPlan, c: number, rows: readonly (readonly CellValue[] | undefined)[], flags: Uint8Array): void {
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) continue;
    const v = rec[c];
    flags[i] |= fastCell(p, c, v) ? (v === "" ? 0 : FAST_FILLED) : FAST_SLOW;
  }
}

/** `fastColumn` flags: the cell holds a value that passed the fast path. */
export const FAST_FILLED = 1;
/** `fastColumn` flags: the cell needs the full check (`checkCell`). */
export const FAST_SLOW = 2;

/** `fastCell` for one column on its own (tests, and callers without a table). */
export function fastValidator(col: ColumnDef, codes?: CodeIndex): (v: CellValue) => boolean {
  const p = fastPlan([col], [codes]);
  return (v) => fastCell(p, 0, v);
}

const FULL_WIDTH_ANY = /[\uff01-\uff5e\u3000]/;

/**
 * A text cell `checkCell` accepts as it is: not empty, not an error value, no space at either end,
 * no full-width digit or letter (full-width punctuation such as “（师范）” is normal Chinese text),
 * at most `max` UTF-16 units (never more characters than that).
 */
function plainTextCell(s: string, max: number): boolean {
  return s.length > 0 && s.length <= max && PLAIN_TEXT.test(s);
}

export function checkCell(col: ColumnDef, value: CellValue | undefined, codes?: CodeIndex): readonly CellProblem[] {
  const v: CellValue = value === undefined || value === null ? "" : value;
  if (isExcelError(v)) return [{ rule: "column.excelError", severity: "error", message: `是错误值 ${v}（公式出错或引用失效），请改为实际的值` }];
  if (isEmptyValue(v)) return col.required ? [{ rule: "column.required", severity: "error", message: `不能为空` }] : NO_PROBLEMS;
  const out: CellProblem[] = [];
  if (typeof v === "string" && trimAll(v) !== v) {
    out.push({ rule: "column.spaces", severity: "warning", message: `${q(v)}前后有空格，应为“${displayValue(trimAll(v))}”（上传后可能无法与其他表匹配）` });
  }
  switch (col.type) {
    case "text": {
      const s = typeof v === "string" ? v : normalizeText(v);
      const len = [...trimAll(s)].length;
      if (col.maxLength && len > col.maxLength)
        out.push({ rule: "column.maxLength", severity: "error", message: `长度为${len}个字，超过上限${col.maxLength}个字` });
      if (typeof v === "string" && /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(v)) fullWidthHintTo(out, v, toHalfWidth(trimAll(v)));
      break;
    }
    case "integer":
    case "decimal": {
      const what = col.type === "integer" ? "整数" : "数字";
      if (!notBoolTo(out, col, v, what)) break;
      const n = parseNumber(v);
      if (!n.ok) {
        out.push({ rule: `column.${col.type}`, severity: "error", message: `${q(v)}不是数字，应填${what}${col.unit ? `（单位：${col.unit}）` : ""}` });
        break;
      }
      if (n.fullWidth) fullWidthHintTo(out, v, String(n.value));
      if (col.type === "integer" && !Number.isInteger(n.value)) {
        out.push({ rule: "column.integer", severity: "error", message: `${q(v)}不是整数，应填整数` });
        break;
      }
      if (col.type === "decimal" && col.decimals !== undefined && decimalsOf(n.value) > col.decimals)
        out.push({ rule: "column.decimals", severity: "error", message: `${q(v)}的小数超过${col.decimals}位` });
      if (col.min !== undefined && n.value < col.min)
        out.push({ rule: "column.range", severity: "error", message: `${q(v)}小于最小值${col.min}` });
      if (col.max !== undefined && n.value > col.max)
        out.push({ rule: "column.range", severity: "error", message: `${q(v)}大于最大值${col.max}` });
      break;
    }
    case "date": {
      if (!notBoolTo(out, col, v, "日期")) break;
      const d = parseDate(v);
      if (!d) out.push({ rule: "column.date", severity: "error", message: `${q(v)}不是有效日期，应为YYYY-MM-DD（如 2024-09-30）` });
      else if (typeof v === "string") fullWidthHintTo(out, v, toHalfWidth(trimAll(v)));
      break;
    }
    case "yearMonth": {
      if (!notBoolTo(out, col, v, "年月")) break;
      const d = parseYearMonth(v);
      if (!d) {
        const m = /^(\d{4})\D+(\d{1,2})\D*$/.exec(normalizeText(v));
        const hint = m && +m[2] >= 1 && +m[2] <= 12 ? `，应为“${m[1]}${m[2].padStart(2, "0")}”` : "";
        out.push({ rule: "column.yearMonth", severity: "error", message: `${q(v)}不是有效年月，应为YYYYMM（如 202409）${hint}` });
      } else if (typeof v === "string" && !/^\d{4}-?\d{2}$/.test(toHalfWidth(trimAll(v)))) {
        const canon = `${d.y}${String(d.m).padStart(2, "0")}`;
        out.push({ rule: "column.yearMonth", severity: "warning", message: `${q(v)}的写法不规范，应为YYYYMM，即“${canon}”` });
      } else if (typeof v === "string") fullWidthHintTo(out, v, toHalfWidth(trimAll(v)));
      break;
    }
    case "year": {
      if (!notBoolTo(out, col, v, "年份")) break;
      const d = parseYear(v);
      if (!d) {
        const asDate = typeof v === "number" && v > 2100 ? serialToDate(v) : null;
        const hint = asDate ? `（单元格是日期 ${formatYMD(asDate)}，应只填年份“${asDate.y}”）` : "";
        out.push({ rule: "column.year", severity: "error", message: `${q(v)}不是四位年份，应为YYYY（如 2024）${hint}` });
      } else if (typeof v === "string") fullWidthHintTo(out, v, String(d.y));
      break;
    }
    case "code":
    case "multiCode": {
      if (!codes) break;
      if (typeof v === "boolean") {
        const yes = codes.names.get(v ? "是" : "否");
        out.push({ rule: "column.code", severity: "error", message: `是逻辑值${v ? "TRUE" : "FALSE"}，应填${yes ? `“${yes}”` : `代码表【${codes.list.name}】中的名称`}` });
        break;
      }
      const parts = col.type === "multiCode" ? normalizeText(v).split(MULTI_SEPARATORS).filter((p) => p !== "") : [normalizeText(v)];
      for (const p of parts) {
        const k = p.toUpperCase();
        if (codes.names.has(k)) continue;
        const byCode = codes.codes.get(k);
        if (byCode) {
          out.push({ rule: "column.codeValue", severity: "error", message: `填写的是代码“${displayValue(p)}”，应填名称“${byCode.label}”` });
          continue;
        }
        out.push({ rule: "column.code", severity: "error", message: `“${displayValue(p)}”不在代码表【${codes.list.name}】中，可填：${sampleNames(codes)}` });
      }
      if (typeof v === "string" && !out.some((o) => o.rule.startsWith("column.code"))) fullWidthHintTo(out, v, toHalfWidth(trimAll(v)));
      break;
    }
    case "idCard": {
      const s = normalizeText(v);
      if (typeof v === "number") {
        out.push({ rule: "column.idCard", severity: "error", message: `${q(v)}被存成了数字（末几位可能已丢失），请把单元格设为文本后重新输入18位身份证号` });
        break;
      }
      const p = idCardProblem(s);
      if (p) out.push({ rule: "column.idCard", severity: "error", message: `${q(v)}不是有效的身份证号：${p}` });
      else fullWidthHintTo(out, v, s.toUpperCase());
      break;
    }
    case "url": {
      const s = normalizeText(v);
      if (!URL_RE.test(s)) out.push({ rule: "column.url", severity: "error", message: `${q(v)}不是有效网址（如 http://www.example.edu.cn）` });
      break;
    }
    case "email": {
      const s = normalizeText(v);
      if (!EMAIL_RE.test(s)) out.push({ rule: "column.email", severity: "error", message: `${q(v)}不是有效的电子邮箱（如 name@example.edu.cn）` });
      else fullWidthHintTo(out, v, s);
      break;
    }
    case "phone": {
      const s = normalizeText(v).replace(/\s+/g, "");
      if (!MOBILE_RE.test(s) && !LANDLINE_RE.test(s))
        out.push({ rule: "column.phone", severity: "error", message: `${q(v)}不是有效的电话号码，应为11位手机号或带区号的固定电话（如 0931-2861234）` });
      else fullWidthHintTo(out, v, s);
      break;
    }
  }
  return out;
}
