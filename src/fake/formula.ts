/**
 * A small Excel formula evaluator for the fake: enough to compute formula cells and the custom
 * formulas of conditional formats and data validation that templates use (comparisons, &, + - * / ^,
 * AND/OR/NOT/IF/IFERROR, ISNUMBER/ISTEXT/ISBLANK/ISERROR, LEN/TRIM/LEFT/RIGHT/MID/UPPER/LOWER/EXACT,
 * VALUE/INT/ROUND/ABS/MOD, SUM/COUNTA/COUNTIF/MATCH, DATE, with cell and range references, optionally
 * on another sheet). Anything else evaluates to "#NAME?", as in Excel for an unknown function.
 */
import type { CellValue } from "../core/workbook/port";
import { columnIndex } from "../core/workbook/address";

export interface FormulaSheet {
  name: string;
}

export interface FormulaHost {
  cellValue(sheet: never, row: number, column: number): CellValue;
  findSheet(name: string): FormulaSheet | undefined;
}

const BLANK = Symbol("blank");
type Scalar = CellValue | typeof BLANK;
interface RangeVal {
  kind: "range";
  sheet: FormulaSheet;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}
type Val = Scalar | RangeVal;

class FormulaError extends Error {
  constructor(public readonly excel: string) {
    super(excel);
  }
}

const ERRORS = new Set(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"]);
const isErr = (v: unknown): v is string => typeof v === "string" && ERRORS.has(v);

interface Tok {
  t: "num" | "str" | "ref" | "name" | "op" | "(" | ")" | "," | "end";
  v: string;
}

const REF = /^(?:('(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!)?(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      i++;
      continue;
    }
    if (ch === '"') {
      let s = "";
      i++;
      while (i < src.length) {
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          break;
        }
        s += src[i++];
      }
      i++;
      out.push({ t: "str", v: s });
      continue;
    }
    const rest = src.slice(i);
    const numM = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (numM) {
      out.push({ t: "num", v: numM[0] });
      i += numM[0].length;
      continue;
    }
    const refM = REF.exec(rest);
    if (refM && !/^[\w(]/.test(rest.slice(refM[0].length))) {
      out.push({ t: "ref", v: refM[0] });
      i += refM[0].length;
      continue;
    }
    const nameM = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (nameM) {
      out.push({ t: "name", v: nameM[0].toUpperCase() });
      i += nameM[0].length;
      continue;
    }
    const two = rest.slice(0, 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      out.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%".includes(ch)) {
      out.push({ t: "op", v: ch });
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      out.push({ t: ch, v: ch });
      i++;
      continue;
    }
    throw new FormulaError("#NAME?");
  }
  out.push({ t: "end", v: "" });
  return out;
}

export function evaluateFormula(host: FormulaHost, sheet: FormulaSheet, row: number, column: number, formula: string, anchor: { row: number; column: number }): CellValue {
  try {
    const src = formula.startsWith("=") ? formula.slice(1) : formula;
    const p = new Parser(host, sheet, tokenize(src), row - anchor.row, column - anchor.column);
    const v = p.parseTop();
    return toCell(p.scalar(v));
  } catch (e) {
    if (e instanceof FormulaError) return e.excel;
    return "#VALUE!";
  }
}

function toCell(v: Scalar): CellValue {
  return v === BLANK ? 0 : v;
}

class Parser {
  private i = 0;
  constructor(
    private readonly host: FormulaHost,
    private readonly sheet: FormulaSheet,
    private readonly toks: Tok[],
    private readonly dr: number,
    private readonly dc: number,
  ) {}

  private peek(): Tok {
    return this.toks[this.i];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }

  parseTop(): Val {
    const v = this.comparison();
    if (this.peek().t !== "end") throw new FormulaError("#NAME?");
    return v;
  }

  private comparison(): Val {
    let a = this.concat();
    while (this.peek().t === "op" && ["=", "<>", "<", ">", "<=", ">="].includes(this.peek().v)) {
      const op = this.next().v;
      const b = this.concat();
      a = compareValues(op, this.scalar(a), this.scalar(b));
    }
    return a;
  }

  private concat(): Val {
    let a = this.additive();
    while (this.peek().t === "op" && this.peek().v === "&") {
      this.next();
      const b = this.additive();
      a = text(this.scalar(a)) + text(this.scalar(b));
    }
    return a;
  }

  private additive(): Val {
    let a = this.multiplicative();
    while (this.peek().t === "op" && (this.peek().v === "+" || this.peek().v === "-")) {
      const op = this.next().v;
      const b = this.multiplicative();
      const x = number(this.scalar(a));
      const y = number(this.scalar(b));
      a = op === "+" ? x + y : x - y;
    }
    return a;
  }

  private multiplicative(): Val {
    let a = this.power();
    while (this.peek().t === "op" && (this.peek().v === "*" || this.peek().v === "/")) {
      const op = this.next().v;
      const b = this.power();
      const x = number(this.scalar(a));
      const y = number(this.scalar(b));
      if (op === "/" && y === 0) throw new FormulaError("#DIV/0!");
      a = op === "*" ? x * y : x / y;
    }
    return a;
  }

  private power(): Val {
    let a = this.unary();
    while (this.peek().t === "op" && this.peek().v === "^") {
      this.next();
      const b = this.unary();
      a = Math.pow(number(this.scalar(a)), number(this.scalar(b)));
    }
    return a;
  }

  private unary(): Val {
    if (this.peek().t === "op" && (this.peek().v === "-" || this.peek().v === "+")) {
      const op = this.next().v;
      const v = number(this.scalar(this.unary()));
      return op === "-" ? -v : v;
    }
    let v = this.primary();
    if (this.peek().t === "op" && this.peek().v === "%") {
      this.next();
      v = number(this.scalar(v)) / 100;
    }
    return v;
  }

  private primary(): Val {
    const t = this.next();
    switch (t.t) {
      case "num":
        return Number(t.v);
      case "str":
        return t.v;
      case "ref":
        return this.reference(t.v);
      case "(": {
        const v = this.comparison();
        if (this.next().t !== ")") throw new FormulaError("#NAME?");
        return v;
      }
      case "name": {
        if (t.v === "TRUE" && this.peek().t !== "(") return true;
        if (t.v === "FALSE" && this.peek().t !== "(") return false;
        if (this.peek().t !== "(") throw new FormulaError("#NAME?");
        this.next();
        const args: Array<() => Val> = [];
        const raw: Val[] = [];
        if (this.peek().t !== ")") {
          for (;;) {
            raw.push(this.argument());
            if (this.peek().t === ",") {
              this.next();
              continue;
            }
            break;
          }
        }
        if (this.next().t !== ")") throw new FormulaError("#NAME?");
        for (const r of raw) args.push(() => r);
        return this.call(t.v, raw);
      }
      default:
        throw new FormulaError("#NAME?");
    }
  }

  /** Arguments are evaluated eagerly but errors are kept as values so IFERROR can catch them. */
  private argument(): Val {
    const start = this.i;
    try {
      return this.comparison();
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      // skip to the end of this argument
      let depth = 0;
      this.i = start;
      while (this.peek().t !== "end") {
        const t = this.peek();
        if (t.t === "(") depth++;
        else if (t.t === ")") {
          if (depth === 0) break;
          depth--;
        } else if (t.t === "," && depth === 0) break;
        this.next();
      }
      return e.excel;
    }
  }

  private reference(ref: string): Val {
    const m = REF.exec(ref);
    if (!m) throw new FormulaError("#REF!");
    let sheet: FormulaSheet | undefined = this.sheet;
    if (m[1]) {
      const sn = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
      sheet = this.host.findSheet(sn);
      if (!sheet) throw new FormulaError("#REF!");
    }
    const a = this.cell(m[2]);
    const b = m[3] ? this.cell(m[3]) : a;
    const rng: RangeVal = {
      kind: "range",
      sheet,
      row: Math.min(a.row, b.row),
      column: Math.min(a.column, b.column),
      rowCount: Math.abs(a.row - b.row) + 1,
      columnCount: Math.abs(a.column - b.column) + 1,
    };
    return rng;
  }

  private cell(a1: string): { row: number; column: number } {
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(a1);
    if (!m) throw new FormulaError("#REF!");
    const column = columnIndex(m[2]) + (m[1] ? 0 : this.dc);
    const row = Number(m[4]) - 1 + (m[3] ? 0 : this.dr);
    if (row < 0 || column < 0) throw new FormulaError("#REF!");
    return { row, column };
  }

  scalar(v: Val): Scalar {
    if (typeof v === "object" && v !== null && (v as RangeVal).kind === "range") {
      const r = v as RangeVal;
      if (r.rowCount !== 1 || r.columnCount !== 1) throw new FormulaError("#VALUE!");
      const x = this.host.cellValue(r.sheet as never, r.row, r.column);
      return x === "" ? BLANK : x;
    }
    return v as Scalar;
  }

  private cells(v: Val): Scalar[] {
    if (typeof v === "object" && v !== null && (v as RangeVal).kind === "range") {
      const r = v as RangeVal;
      const out: Scalar[] = [];
      for (let i = 0; i < r.rowCount; i++) {
        for (let j = 0; j < r.columnCount; j++) {
          const x = this.host.cellValue(r.sheet as never, r.row + i, r.column + j);
          out.push(x === "" ? BLANK : x);
        }
      }
      return out;
    }
    return [v as Scalar];
  }

  private call(name: string, args: Val[]): Val {
    const s = (i: number): Scalar => {
      if (i >= args.length) throw new FormulaError("#VALUE!");
      const v = this.scalar(args[i]);
      return v;
    };
    const strict = (i: number): Scalar => {
      const v = s(i);
      if (isErr(v)) throw new FormulaError(v);
      return v;
    };
    switch (name) {
      case "AND":
      case "OR": {
        const vals = args.flatMap((a) => this.cells(a)).filter((x) => x !== BLANK);
        for (const x of vals) if (isErr(x)) throw new FormulaError(x);
        const bools = vals.map((x) => (typeof x === "string" ? null : x === true || (typeof x === "number" && x !== 0))).filter((x) => x !== null) as boolean[];
        if (bools.length === 0) throw new FormulaError("#VALUE!");
        return name === "AND" ? bools.every(Boolean) : bools.some(Boolean);
      }
      case "NOT":
        return !truthy(strict(0));
      case "IF": {
        const c = truthy(strict(0));
        if (c) return args.length > 1 ? s(1) : true;
        return args.length > 2 ? s(2) : false;
      }
      case "IFERROR": {
        const v = s(0);
        return isErr(v) ? s(1) : v;
      }
      case "ISNUMBER":
        return typeof s(0) === "number";
      case "ISTEXT": {
        const v = s(0);
        return typeof v === "string" && !isErr(v);
      }
      case "ISBLANK":
        return s(0) === BLANK;
      case "ISERROR":
        return isErr(s(0));
      case "LEN":
        return text(strict(0)).length;
      case "TRIM":
        return text(strict(0)).trim().replace(/ +/g, " ");
      case "UPPER":
        return text(strict(0)).toUpperCase();
      case "LOWER":
        return text(strict(0)).toLowerCase();
      case "LEFT":
        return text(strict(0)).slice(0, args.length > 1 ? number(strict(1)) : 1);
      case "RIGHT": {
        const t = text(strict(0));
        const n = args.length > 1 ? number(strict(1)) : 1;
        return n === 0 ? "" : t.slice(-n);
      }
      case "MID": {
        const t = text(strict(0));
        const start = number(strict(1));
        return t.substr(start - 1, number(strict(2)));
      }
      case "EXACT":
        return text(strict(0)) === text(strict(1));
      case "VALUE": {
        const v = strict(0);
        if (typeof v === "number") return v;
        const n = Number(text(v).trim());
        if (text(v).trim() === "" || Number.isNaN(n)) throw new FormulaError("#VALUE!");
        return n;
      }
      case "INT":
        return Math.floor(number(strict(0)));
      case "ABS":
        return Math.abs(number(strict(0)));
      case "ROUND": {
        const f = Math.pow(10, number(strict(1)));
        return Math.round(number(strict(0)) * f) / f;
      }
      case "MOD": {
        const d = number(strict(1));
        if (d === 0) throw new FormulaError("#DIV/0!");
        const n = number(strict(0));
        return n - d * Math.floor(n / d);
      }
      case "SUM":
        return args.flatMap((a) => this.cells(a)).reduce<number>((acc, x) => {
          if (isErr(x)) throw new FormulaError(x);
          return acc + (typeof x === "number" ? x : 0);
        }, 0);
      case "COUNTA":
        return args.flatMap((a) => this.cells(a)).filter((x) => x !== BLANK).length;
      case "COUNTIF": {
        const crit = strict(1);
        return this.cells(args[0]).filter((x) => matchesCriterion(x, crit)).length;
      }
      case "MATCH": {
        const v = strict(0);
        const list = this.cells(args[1]);
        const idx = list.findIndex((x) => x !== BLANK && compareValues("=", x, v) === true);
        if (idx < 0) throw new FormulaError("#N/A");
        return idx + 1;
      }
      case "DATE": {
        const y = number(strict(0));
        const m = number(strict(1));
        const d = number(strict(2));
        return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
      }
      default:
        throw new FormulaError("#NAME?");
    }
  }
}

function truthy(v: Scalar): boolean {
  if (v === BLANK) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  throw new FormulaError("#VALUE!");
}

function number(v: Scalar): number {
  if (v === BLANK) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isErr(v)) throw new FormulaError(v);
  const t = String(v).trim();
  const n = Number(t);
  if (t === "" || Number.isNaN(n)) throw new FormulaError("#VALUE!");
  return n;
}

function text(v: Scalar): string {
  if (v === BLANK) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isErr(v)) throw new FormulaError(v);
  return String(v);
}

function rank(v: Scalar): number {
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  return 2;
}

function compareValues(op: string, a0: Scalar, b0: Scalar): boolean {
  if (isErr(a0)) throw new FormulaError(a0);
  if (isErr(b0)) throw new FormulaError(b0);
  let a: CellValue;
  let b: CellValue;
  if (a0 === BLANK && b0 === BLANK) {
    a = 0;
    b = 0;
  } else if (a0 === BLANK) {
    b = b0 as CellValue;
    a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
  } else if (b0 === BLANK) {
    a = a0;
    b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
  } else {
    a = a0;
    b = b0;
  }
  let c: number;
  if (rank(a) !== rank(b)) c = rank(a) - rank(b);
  else if (typeof a === "string") {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  } else c = Number(a) - Number(b);
  switch (op) {
    case "=":
      return c === 0;
    case "<>":
      return c !== 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    default:
      return c >= 0;
  }
}

function matchesCriterion(x: Scalar, crit: Scalar): boolean {
  if (typeof crit === "string") {
    const m = /^(<>|<=|>=|=|<|>)(.*)$/.exec(crit);
    if (m) {
      const rhs = m[2];
      const n = Number(rhs);
      const val: Scalar = rhs !== "" && !Number.isNaN(n) ? n : rhs === "" ? BLANK : rhs;
      if (val === BLANK) return m[1] === "=" ? x === BLANK : x !== BLANK;
      if (x === BLANK) return m[1] === "<>";
      if (rank(x) !== rank(val)) return m[1] === "<>";
      return compareValues(m[1], x, val);
    }
    if (x === BLANK) return crit === "";
    const n = Number(crit);
    if (crit.trim() !== "" && !Number.isNaN(n) && typeof x === "number") return x === n;
    return typeof x === "string" && x.toLowerCase() === crit.toLowerCase();
  }
  if (x === BLANK || crit === BLANK) return false;
  return rank(x) === rank(crit) && compareValues("=", x, crit);
}
