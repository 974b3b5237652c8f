/**
 * Shared value→records indexes for the cross-record rules of one `ValidationSession`.
 *
 * Many rules look at the same columns: 学号 is unique in 1-6 and looked up by 6-2-1; five SF tables
 * count 1-6 by 校内专业代码. Each distinct (table, columns, condition) gets ONE index here, built
 * lazily from the normalised keys of its columns and kept current
 * record by record as the session applies edits. The rules only read the indexes, so it does not
 * matter how many of them share one, and an index nobody asks for (e.g. the owner side of an
 * exists rule, needed only when its target table changes) is never built during a full check.
 *
 * Pure core: no Office, DOM or React imports.
 */
import type { CellValue } from "../workbook/port";
import { isEmptyValue, isPlainKey, normalizeKey } from "./normalize";
import type { CompiledCondition } from "./rowRules";

export type Rec = CellValue[] | undefined;

/** Separator of the parts of a composite key. */
export const SEP = "\u0001";

/** Normalised key of one cell; null when empty (empty values are never compared). */
export function cellKey(v: CellValue | undefined): string | null {
  if (typeof v === "string" && isPlainKey(v)) return v;
  return isEmptyValue(v) ? null : normalizeKey(v);
}

/** Joined normalised key of some columns; null when any part is empty. */
export function keyOf(rec: Rec, cols: readonly number[]): string | null {
  if (!rec) return null;
  let k = "";
  for (let i = 0; i < cols.length; i++) {
    const part = cellKey(rec[cols[i]]);
    if (part === null) return null;
    k += (i ? SEP : "") + part;
  }
  return k;
}

/** True for a missing record or one whose cells are all empty (such records are never checked). */
export function isBlankRecord(rec: Rec): boolean {
  if (!rec) return true;
  for (let i = 0; i < rec.length; i++) {
    const v = rec[i];
    if (v !== "" && !isEmptyValue(v)) return false;
  }
  return true;
}

/** Slot HEAD values: never used; its group emptied (probing continues past it); else first record + 1. */
const EMPTY_SLOT = 0;
const DEAD_SLOT = -1;
const STRIDE = 2, HEAD = 0, HASH = 1;
/** Most distinct keys `IndexRegistry.count` tallies in a map before it builds an index instead. */
const MAX_COUNTED = 4096;
/** Most slots in use (live or dead) per slot: linear probing stays short below this. */
const MAX_LOAD = 0.6;

/** The hash indexes file key k under (see KeyIndex.first). */
export function keyHash(k: string): number {
  return hashOf(k);
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Home slot of hash h in a table of `cap` slots: the hash scaled to [0, cap) by a multiplication
 * (Lemire's “fastrange”). Not `(h >>> 0) % cap`: half of all hashes are beyond the small-integer
 * range, and the remainder of such a number is a floating-point call (fmod): building the
 * 50,000-key 学号 index and listing its repeated keys took 3.5 ms with it, 3.0 ms without. The
 * product is below 2^53, so exact, and the result below cap.
 */
function slotOf(h: number, cap: number): number {
  // the golden-ratio multiply first: fastrange reads the high bits, FNV-1a mixes the low ones best
  return Math.floor((Math.imul(h, 0x9e3779b1) >>> 0) * cap * 2.3283064365386963e-10); // / 2^32
}

/** Gives a zero-filled Int32Array of n elements. */
export type Int32Alloc = (n: number) => Int32Array<ArrayBuffer>;

const freshInt32: Int32Alloc = (n) => new Int32Array(n);

/**
 * Int32 memory reused from one whole-table check to the next. A check of a 50,000-row sheet
 * builds hash tables of about 1 MB; allocated fresh each time, their pages were often new to the
 * process (200+ page faults for the 学号 table alone in steady state, none with the arena; fresh
 * memory costs about 4 ms per MB on the CI machines). Views handed out stay valid until `reset`; a
 * grown arena leaves older views on the old buffer, which is freed once they are dropped.
 */
class Int32Arena {
  private buf = new Int32Array(1 << 16);
  private top = 0;

  take(n: number): Int32Array<ArrayBuffer> {
    if (this.top + n > this.buf.length) {
      this.buf = new Int32Array(Math.max(n, this.buf.length * 2));
      this.top = 0;
    }
    const v = this.buf.subarray(this.top, this.top + n);
    v.fill(0);
    this.top += n;
    return v;
  }

  reset(): void {
    this.top = 0;
  }
}

/** The one arena (checks run one at a time: JavaScript is single-threaded and checks are synchronous). */
const arena = new Int32Arena();
/** True while some registry's transient phase uses `arena` (another registry then allocates fresh). */
let arenaBusy = false;

/**
 * `hashOf(s)` when `isPlainKey(s)` (the string is its own key), else 0 — both in one scan. A plain
 * key whose hash happens to be 0 also gives 0: callers then take the slow path, which agrees.
 */
function plainKeyHash(s: string): number {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return 0;
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 ? c >= 97 && c <= 122 : c < 0x3001 || c > 0x9fff) return 0; // see isPlainKey
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/**
 * Key → records, as an open-addressing hash table over typed arrays. The keys themselves are not
 * stored: `keyAt(i)` reads record i's key from its cells whenever two hashes match.
 *
 * Why not a `Map<string, number[]>`: on the 50,000-row student sheet the index is built from
 * scratch on every full check, and growing a Map costs about 0.35 µs per new key on the CI
 * machines (rehashing and garbage) — a whole schema validator's time for the sheet. Touching fresh
 * memory costs about 4 ms per MB there, so the table holds 8 bytes per slot (first record, hash)
 * plus 4 per record (the next record with the same key), sized once from the record count.
 *
 * Edits: `remove(i)` while record i still holds its old cells, `add(i)` once it holds the new ones.
 */
export class KeyIndex {
  /** Record → next record with the same key (-1: end of chain). */
  private next = new Int32Array(16);
  /** Number of slots (not a power of two: the table is sized to its keys, memory is what costs). */
  private cap = 16;
  /** Per slot, side by side (one cache line per probe): [HEAD] (see EMPTY_SLOT), [HASH]. */
  private slots = new Int32Array(16 * STRIDE);
  /** Slots ever used since the last rehash (live and dead). */
  private used = 0;
  /** Keys held by two or more records. */
  private dupKeys = 0;
  /**
   * Slots (offsets) whose key went from one record to two, in that order: `duplicateKeys` reads
   * these instead of scanning every slot (0.5 ms for the 83,000 slots of the 学号 index, about a
   * third of a uniqueness check that finds a few dozen repeats). May hold slots that are no longer
   * repeated, or a slot twice (edits): readers check each one; compacted when it grows past twice
   * dupKeys (+64), so a long editing session keeps it small.
   */
  private dupSlots: number[] = [];
  /** Records covered: 0..n-1. */
  private n = 0;

  private constructor(
    private readonly keyAt: (i: number) => string | null,
    private readonly mem: Int32Alloc,
  ) {}

  /**
   * Builds the index of records 0..n-1 in one pass. The table is sized from a sample of the keys:
   * a column of 100 专业代码 over 50,000 students needs a few hundred slots, not 100,000. A wrong
   * guess only costs a rehash.
   */
  static build(n: number, keyAt: (i: number) => string | null, column?: KeyColumn, mem: Int32Alloc = freshInt32): KeyIndex {
    const ix = new KeyIndex(keyAt, mem);
    ix.alloc(n, KeyIndex.guessDistinct(n, keyAt));
    ix.n = n;
    if (column) {
      // the same as below with the key read inline (no call through a closure per record)
      const { rows, col } = column;
      for (let i = 0; i < n; i++) {
        const rec = rows[i];
        const v = rec ? rec[col] : "";
        const h = typeof v === "string" ? plainKeyHash(v) : 0;
        if (h !== 0) ix.insert(i, v as string, h);
        else {
          const k = cellKey(v);
          if (k !== null) ix.insert(i, k, hashOf(k));
        }
      }
      return ix;
    }
    for (let i = 0; i < n; i++) {
      const k = keyAt(i);
      if (k !== null) ix.insert(i, k, hashOf(k));
    }
    return ix;
  }

  /** Links record i (key k, hash h) while building, growing the table first when it is full. */
  private insert(i: number, k: string, h: number): void {
    if (this.used + 1 > this.cap * MAX_LOAD && this.find(k, h) < 0) this.rehash(i); // records ≥ i are not linked yet
    this.link(i, k, h);
  }

  /** Distinct keys among n records, estimated from up to 256 evenly spaced ones. */
  private static guessDistinct(n: number, keyAt: (i: number) => string | null): number {
    const m = Math.min(n, 256);
    if (m === n) return n;
    const seen = new Set<string>();
    let keyed = 0;
    for (let j = 0; j < m; j++) {
      const k = keyAt(Math.floor((j * n) / m));
      if (k === null) continue;
      keyed++;
      seen.add(k);
    }
    // mostly distinct: as many as records; a few codes repeated: a few times what the sample saw
    return keyed && seen.size * 2 > keyed ? Math.ceil((n * seen.size) / keyed) : seen.size * 4 + 16;
  }

  private alloc(records: number, distinct: number): void {
    const cap = Math.max(16, Math.ceil(distinct / MAX_LOAD) + 1);
    this.cap = cap;
    this.slots = this.mem(cap * STRIDE); // zeros: every slot EMPTY_SLOT
    this.used = 0;
    this.dupKeys = 0;
    this.dupSlots = [];
    if (this.next.length < records) this.next = this.mem(Math.max(16, records));
  }

  /** Slot (offset into `slots`) of key k, or -1. */
  private find(k: string, h = hashOf(k)): number {
    const slots = this.slots, cap = this.cap;
    for (let i = slotOf(h, cap); ; i = i + 1 === cap ? 0 : i + 1) {
      const o = i * STRIDE;
      const head = slots[o + HEAD];
      if (head === EMPTY_SLOT) return -1;
      if (head > 0 && slots[o + HASH] === h && this.keyAt(head - 1) === k) return o;
    }
  }

  /** Adds record r (whose key is k) to k's chain; callers keep the load factor ≤ MAX_LOAD. */
  private link(r: number, k: string, h: number): void {
    const slots = this.slots, cap = this.cap, next = this.next;
    // one probe: k's slot, or the empty slot where k goes (as `find` would walk)
    for (let i = slotOf(h, cap); ; i = i + 1 === cap ? 0 : i + 1) {
      const o = i * STRIDE;
      const head = slots[o + HEAD];
      if (head === EMPTY_SLOT) {
        slots[o + HASH] = h;
        slots[o + HEAD] = r + 1;
        next[r] = -1;
        this.used++;
        return;
      }
      if (head > 0 && slots[o + HASH] === h && this.keyAt(head - 1) === k) {
        const nowRepeated = next[head - 1] === -1; // one record → two
        next[r] = head - 1;
        slots[o + HEAD] = r + 1;
        if (nowRepeated) {
          this.dupKeys++;
          if (this.dupSlots.push(o) > 2 * this.dupKeys + 64) this.repeatedSlots(); // edits left stale entries: compact
        }
        return;
      }
    }
  }

  /** Removes record r from the chain of k (its key). */
  private unlink(r: number, k: string): void {
    const o = this.find(k);
    if (o < 0) return;
    const slots = this.slots, next = this.next;
    let prev = -1;
    for (let i = slots[o + HEAD] - 1; i >= 0; prev = i, i = next[i]) {
      if (i !== r) continue;
      if (prev < 0) slots[o + HEAD] = next[i] < 0 ? DEAD_SLOT : next[i] + 1;
      else next[prev] = next[i];
      const head = slots[o + HEAD] - 1;
      if (head >= 0 && next[head] === -1) this.dupKeys--; // two records → one
      return;
    }
  }

  /** Rebuilds the table from the records' keys, linking records 0..upTo-1 (drops dead slots, grows when needed). */
  private rehash(upTo = this.n): void {
    let distinct = 0;
    for (let o = 0; o < this.slots.length; o += STRIDE) if (this.slots[o + HEAD] > 0) distinct++;
    this.alloc(this.n, Math.max(distinct + 1, (this.used + 1) * 2));
    // Link in reverse so chains keep ascending record order.
    for (let i = upTo - 1; i >= 0; i--) {
      const k = this.keyAt(i);
      if (k !== null) this.link(i, k, hashOf(k));
    }
  }

  /** Takes record i out of the index; call while it still holds the cells it was indexed with. */
  remove(i: number): void {
    if (i >= this.n) return;
    const k = this.keyAt(i);
    if (k !== null) this.unlink(i, k);
  }

  /** Puts record i (removed before, or new) back in under the key it holds now. */
  add(i: number): void {
    const k = this.keyAt(i);
    if (i >= this.n) {
      if (i >= this.next.length) {
        const grown = this.mem(Math.max(i + 1, this.next.length * 2));
        grown.set(this.next);
        this.next = grown;
      }
      this.n = i + 1; // records between the old end and i are new and blank: no key
    }
    if (k === null) return;
    const h = hashOf(k);
    if (this.used + 1 > this.cap * MAX_LOAD && this.find(k, h) < 0) {
      this.rehash(); // links every record as it is now, i included
      return;
    }
    this.link(i, k, h);
  }

  /**
   * Records holding key k, counted along its chain up to `atMost` (an existence test passes 1, a
   * repeat test 2, so neither walks a big group).
   */
  size(k: string | null, atMost = Infinity): number {
    if (k === null) return 0;
    const o = this.find(k);
    if (o < 0) return 0;
    let n = 0;
    for (let i = this.slots[o + HEAD] - 1; i >= 0 && n < atMost; i = this.next[i]) n++;
    return n;
  }

  /**
   * A record holding key k, or -1; `nextWith(i)` gives the next one (walks the group without an
   * array). `h`: `keyHash(k)` when the caller has it (one key looked up in several indexes).
   */
  first(k: string | null, h = k === null ? 0 : hashOf(k)): number {
    if (k === null) return -1;
    const o = this.find(k, h);
    return o < 0 ? -1 : this.slots[o + HEAD] - 1;
  }

  /** The record after record i in its key's group, or -1 (see `first`). */
  nextWith(i: number): number {
    return this.next[i];
  }

  /** Records holding key k (any order). */
  rows(k: string | null): number[] {
    if (k === null) return [];
    const o = this.find(k);
    const out: number[] = [];
    if (o >= 0) for (let i = this.slots[o + HEAD] - 1; i >= 0; i = this.next[i]) out.push(i);
    return out;
  }

  /** Keys held by more than one record. */
  *duplicateKeys(): Iterable<string> {
    if (this.dupKeys === 0) return;
    const live = this.repeatedSlots();
    for (let j = 0; j < live.length; j++) {
      const head = this.slots[live[j] + HEAD] - 1;
      if (head >= 0 && this.next[head] >= 0) yield this.keyAt(head) as string; // (a caller may edit between yields)
    }
  }

  /** The slots of dupSlots whose key two or more records hold now, each once (drops the others). */
  private repeatedSlots(): number[] {
    const slots = this.slots, next = this.next, list = this.dupSlots;
    const isRepeated = (o: number) => {
      const head = slots[o + HEAD] - 1;
      return head >= 0 && next[head] >= 0;
    };
    if (list.length === this.dupKeys && list.every(isRepeated)) return list.slice(); // the usual case after a build
    const seen = new Set<number>();
    this.dupSlots = list.filter((o) => isRepeated(o) && !seen.has(o) && (seen.add(o), true));
    return this.dupSlots.slice();
  }
}

/**
 * Keys held by two or more of records 0..n-1, each with its records in ascending order — without
 * an index. A full check needs only this from a uniqueness rule. On 50,000 学号 it works on the
 * keys' 32-bit hashes: a first pass records each hash and marks its bit in a bitmap of 32 bits per
 * record (seen once / seen again); only records whose bit was seen again become candidates, and
 * only candidates with the same whole hash are compared by their real key. So a collision of bits
 * or hashes costs a little time, never a wrong finding.
 *
 * Why bitmaps: the previous table of hashes (512 KB for 50,000 keys) and a Set of the repeated
 * hashes, asked once per record, took 2.3-2.5 ms for the bench's 50,000 学号 (same reused memory,
 * alternating runs in one process); two bitmaps and a sort of the few hundred candidates take 1.6-1.7.
 */
export function duplicateGroups(n: number, keyAt: (i: number) => string | null, column?: KeyColumn, mem: Int32Alloc = freshInt32): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (n < 2) return out;
  let bits = 10;
  while (bits < 30 && 2 ** bits < n * 32) bits++;
  const shift = 32 - bits, words = 1 << (bits - 5);
  const once = mem(words), again = mem(words); // zeros
  const hashes = mem(n); // 0: no key
  let repeats = false;
  const rows = column?.rows, col = column ? column.col : -1;
  for (let i = 0; i < n; i++) {
    let h: number;
    if (rows) {
      // the key read inline (no call through a closure per record), as keyAt(i) would give it
      const rec = rows[i];
      const v = rec ? rec[col] : "";
      h = typeof v === "string" ? plainKeyHash(v) : 0;
      if (h === 0) {
        const k = cellKey(v);
        if (k === null) continue;
        h = hashOf(k);
      }
    } else {
      const k = keyAt(i);
      if (k === null) continue;
      h = hashOf(k);
    }
    h ||= 1;
    hashes[i] = h;
    const b = Math.imul(h, 0x9e3779b1) >>> shift;
    const w = b >>> 5, m = 1 << (b & 31);
    if (once[w] & m) {
      again[w] |= m;
      repeats = true;
    } else once[w] |= m;
  }
  if (!repeats) return out;
  // candidates: records whose bit was seen again, ordered by hash, then record
  const cand: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = hashes[i];
    if (h === 0) continue;
    const b = Math.imul(h, 0x9e3779b1) >>> shift;
    if (again[b >>> 5] & (1 << (b & 31))) cand.push(i);
  }
  cand.sort((x, y) => hashes[x] - hashes[y] || x - y);
  const groups: number[][] = [];
  for (let s = 0; s < cand.length; ) {
    let e = s + 1;
    while (e < cand.length && hashes[cand[e]] === hashes[cand[s]]) e++;
    if (e - s >= 2) {
      // records with one whole hash: group them by their real key (almost always one key)
      const byKey = new Map<string, number[]>();
      for (let j = s; j < e; j++) {
        const k = keyAt(cand[j]) as string;
        const g = byKey.get(k);
        if (g) g.push(cand[j]);
        else byKey.set(k, [cand[j]]);
      }
      for (const g of byKey.values()) if (g.length >= 2) groups.push(g);
    }
    s = e;
  }
  // keys in the order of their first record, as one pass over the records would meet them
  groups.sort((x, y) => x[0] - y[0]);
  for (const g of groups) out.set(keyAt(g[0]) as string, g);
  return out;
}

/**
 * Key of a record under `spec`, straight from its cells. Rules compute the keys of the records
 * before and after an edit with this same function, so they always agree with the index.
 */
export function recordKey(spec: IndexSpec, rec: Rec): string | null {
  if (!rec) return null;
  const k = spec.cols.length === 0 ? (isBlankRecord(rec) ? null : "") : keyOf(rec, spec.cols);
  return k !== null && spec.where && !spec.where.test(rec) ? null : k;
}

/**
 * Where the keys of a one-column index without a condition are: `recordKey` of record i is
 * `cellKey(rows[i][col])`, so a whole-table pass reads them straight from the cells.
 */
export interface KeyColumn {
  rows: readonly Rec[];
  col: number;
}

/** The cells a spec's keys come from, when each key is one cell's key (one column, no condition). */
function keyColumn(spec: IndexSpec, rows: readonly Rec[]): KeyColumn | undefined {
  return spec.cols.length === 1 && !spec.where ? { rows, col: spec.cols[0] } : undefined;
}

/** What an index is over: key columns of a table, counting only records that meet `where`. */
export interface IndexSpec {
  table: string;
  /** Key columns; none: every non-blank record has the key "" (one group for the whole table). */
  cols: readonly number[];
  where: CompiledCondition | null;
  /** Identity of the spec within its table (columns and `where` as JSON): equal specs share one index. */
  id: string;
}

/** The spec of an index over `cols` of `table`, counting records that meet `where` (defined by `whereDef`). */
export function indexSpec(table: string, cols: readonly number[], where: CompiledCondition | null, whereDef?: unknown): IndexSpec {
  return { table, cols, where, id: `${cols.join(",")}|${whereDef === undefined ? "" : JSON.stringify(whereDef)}` };
}

/**
 * One column of an unedited table as a dictionary: its distinct raw cell values and, per record,
 * which one it holds. Rules that each passed over the column hashing every cell (an exists rule
 * looking up 50,000 专业代码, an aggregate counting students per 专业代码) share one such pass.
 */
export interface RawColumn {
  /** Distinct raw values, in order of their first record. */
  values: CellValue[];
  /** Records holding each value. */
  counts: number[];
  /** Per record: its value's place in `values` (-1: no record at that index). */
  ids: Int32Array;
}

/** Most distinct raw values a RawColumn holds (a column with more is left to the other paths). */
const MAX_RAW = 2 * MAX_COUNTED;

interface Entry {
  spec: IndexSpec;
  ix: KeyIndex;
  /** Smallest two records per key holding 2+ records, computed on demand, dropped when the key changes. */
  two: Map<string, [number, number]>;
}

/**
 * The session's shared indexes (and full-check counts). Everything is built on first use from
 * the table's current records; the session calls `recordChanging`/`recordChanged` around each
 * changed record (before the rules look at the change), `invalidate` when a table is loaded,
 * unloaded or bulk-replaced, and runs whole-table re-checks inside `transient`.
 */
export class IndexRegistry {
  private readonly indexes = new Map<string, Map<string, Entry>>();
  /** Per table and spec: records per key, counted without an index (until the table is edited). */
  private readonly counted = new Map<string, Map<string, Map<string, number>>>();
  /** Tables edited record by record since they were loaded: their counts come from indexes. */
  private readonly edited = new Set<string>();
  /** Per table and spec: repeated keys found without an index (until the table is edited). */
  private readonly dups = new Map<string, Map<string, Map<string, number[]>>>();
  /** Per table and column, inside `transient` only: raw-value dictionaries (null: too many values). */
  private readonly rawCols = new Map<string, Map<number, RawColumn | null>>();

  constructor(private readonly rowsOf: (tableId: string) => CellValue[][] | undefined) {}

  /** Inside `transient`: where indexes get their memory (the shared arena), else undefined. */
  private scratch: Int32Alloc | undefined;
  /** Indexes built in the arena during the current transient phase: (table, spec id). */
  private scratchBuilt: Array<[string, string]> = [];

  /**
   * Runs a whole-table re-check (`f`). Indexes it builds live in memory reused from check to check
   * and are dropped when it returns: the next edit builds the ones it needs in memory of their
   * own. Everything else (counts, repeated keys) is kept as usual.
   */
  transient<T>(f: () => T): T {
    if (this.scratch || arenaBusy) return f(); // nested, or another registry holds the arena
    arenaBusy = true;
    arena.reset();
    this.scratch = (n) => arena.take(n);
    try {
      return f();
    } finally {
      for (const [table, id] of this.scratchBuilt) {
        const m = this.indexes.get(table);
        m?.delete(id);
        if (m && !m.size) this.indexes.delete(table);
      }
      this.scratchBuilt = [];
      this.rawCols.clear(); // their ids live in the arena
      this.scratch = undefined;
      arena.reset();
      arenaBusy = false;
    }
  }

  /**
   * Column `col` of an unedited table as distinct raw values and per-record ids (see RawColumn),
   * built on first use in a whole-table check (`transient`) and shared by the rules of that check.
   * Undefined outside a check, for an edited table, or when a sample of the column shows too many
   * distinct values to be worth it (the callers then take their own path); null when the column
   * turned out to hold more than MAX_RAW distinct values.
   */
  rawColumn(table: string, col: number): RawColumn | null | undefined {
    const mem = this.scratch;
    if (!mem || this.edited.has(table)) return undefined;
    let byCol = this.rawCols.get(table);
    if (!byCol) this.rawCols.set(table, (byCol = new Map()));
    const known = byCol.get(col);
    if (known !== undefined) return known;
    const rows = this.rowsOf(table) ?? [];
    if (!fewRawValues(rows, col)) return undefined;
    const rc = buildRawColumn(rows, col, mem);
    byCol.set(col, rc);
    return rc;
  }

  /** Key of record i under `spec` (from its cells: asking for a few records caches nothing). */
  keyAt(spec: IndexSpec, i: number): string | null {
    const rec = this.rowsOf(spec.table)?.[i];
    return rec ? recordKey(spec, rec) : null;
  }

  /** The index of `spec`, built now if nobody asked for it since the table was (re)loaded. */
  index(spec: IndexSpec): KeyIndex {
    const id = spec.id;
    let m = this.indexes.get(spec.table);
    if (!m) this.indexes.set(spec.table, (m = new Map()));
    let e = m.get(id);
    if (!e) {
      const rows = this.rowsOf(spec.table) ?? [];
      // the key of record i is read from the table's current records (they change under the index)
      const single = spec.cols.length === 1 && !spec.where ? spec.cols[0] : -1;
      const keyAt =
        single >= 0
          ? (i: number) => {
              const rec = this.rowsOf(spec.table)?.[i];
              return rec ? cellKey(rec[single]) : null; // recordKey of a one-column spec, directly
            }
          : (i: number) => {
              const rec = this.rowsOf(spec.table)?.[i];
              return rec ? recordKey(spec, rec) : null;
            };
      e = { spec, ix: KeyIndex.build(rows.length, keyAt, keyColumn(spec, rows), this.scratch), two: new Map() };
      m.set(id, e);
      if (this.scratch) this.scratchBuilt.push([spec.table, id]);
    }
    return e.ix;
  }

  /**
   * Records holding key k under `spec`. A full check counts a low-cardinality column (students per
   * 专业代码) in one pass with a small map instead of building an index over every record; once the
   * table is being edited the index is built and kept current instead.
   */
  count(spec: IndexSpec, k: string | null): number {
    if (k === null) return 0;
    const built = this.indexes.get(spec.table)?.get(spec.id);
    if (built || this.edited.has(spec.table)) return (built?.ix ?? this.index(spec)).size(k);
    let byTable = this.counted.get(spec.table);
    if (!byTable) this.counted.set(spec.table, (byTable = new Map()));
    let counts = byTable.get(spec.id);
    if (!counts) {
      const c = this.countAll(spec);
      if (!c) return this.index(spec).size(k); // too many distinct keys: an index is the better tool
      byTable.set(spec.id, (counts = c));
    }
    return counts.get(k) ?? 0;
  }

  /** Specs (table + id) some live rule indexes anyway in a full check (set by the session). */
  private expected = new Set<string>();

  /**
   * Tells the registry which indexes the live rules will build anyway (an exists rule's targets):
   * a uniqueness check over the same columns then reads that index instead of hashing the keys a
   * second time. Only a cost decision: both ways give the same answers.
   */
  expect(specs: Iterable<IndexSpec>): void {
    this.expected = new Set([...specs].map((s) => `${s.table}\u0000${s.id}`));
  }

  /** True when `spec`'s answers come from its index (built, expected, or the table is being edited). */
  private indexed(spec: IndexSpec): boolean {
    return this.edited.has(spec.table) || this.indexes.get(spec.table)?.has(spec.id) === true || this.expected.has(`${spec.table}\u0000${spec.id}`);
  }

  /** Repeated keys of an unedited table, found without an index (see duplicateGroups). */
  private repeated(spec: IndexSpec): Map<string, number[]> {
    let byTable = this.dups.get(spec.table);
    if (!byTable) this.dups.set(spec.table, (byTable = new Map()));
    let m = byTable.get(spec.id);
    if (!m) {
      const rows = this.rowsOf(spec.table) ?? [];
      byTable.set(spec.id, (m = duplicateGroups(rows.length, (i) => recordKey(spec, rows[i]), keyColumn(spec, rows), this.scratch)));
    }
    return m;
  }

  /** Records of every key that two or more records hold (for a uniqueness rule's full check). */
  *duplicateRecords(spec: IndexSpec): Iterable<number> {
    if (!this.indexed(spec)) {
      for (const g of this.repeated(spec).values()) yield* g;
      return;
    }
    const ix = this.index(spec);
    for (const k of ix.duplicateKeys()) yield* ix.rows(k);
  }

  /** The two smallest records holding key k, or null when fewer than two hold it. */
  firstTwo(spec: IndexSpec, k: string | null): readonly [number, number] | null {
    if (k === null) return null;
    if (!this.indexed(spec)) {
      const g = this.repeated(spec).get(k);
      return g ? [g[0], g[1]] : null;
    }
    this.index(spec);
    const e = this.indexes.get(spec.table)!.get(spec.id)!;
    if (e.ix.size(k, 2) < 2) return null;
    let t = e.two.get(k);
    if (!t) {
      let a = Infinity, b = Infinity;
      for (const i of e.ix.rows(k)) {
        if (i < a) [a, b] = [i, a];
        else if (i < b) b = i;
      }
      e.two.set(k, (t = [a, b]));
    }
    return t;
  }

  /** Keys → record counts in one pass, or null past MAX_COUNTED keys. */
  private countAll(spec: IndexSpec): Map<string, number> | null {
    const rows = this.rowsOf(spec.table) ?? [];
    const counts = new Map<string, number>();
    if (spec.cols.length === 1) {
      // one map operation per record: count the raw cell values, then normalise each distinct one
      const c = spec.cols[0], where = spec.where;
      const rc = where ? undefined : this.rawColumn(spec.table, c);
      if (rc === null) return null;
      if (rc) return countsByKey(rc.values, rc.counts);
      const byRaw = new Map<CellValue, { n: number }>();
      for (let i = 0; i < rows.length; i++) {
        const rec = rows[i];
        if (where && !where.test(rec)) continue;
        const raw = rec[c];
        const e = byRaw.get(raw);
        if (e) e.n++;
        else if (byRaw.size >= MAX_RAW) return null;
        else byRaw.set(raw, { n: 1 });
      }
      return countsByKey([...byRaw.keys()], [...byRaw.values()].map((e) => e.n));
    }
    for (let i = 0; i < rows.length; i++) {
      const k = recordKey(spec, rows[i]);
      if (k === null) continue;
      const n = counts.get(k);
      if (n === undefined && counts.size >= MAX_COUNTED) return null;
      counts.set(k, (n ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Record `index` of `tableId` is about to change: takes it out of the table's indexes (its cells
   * must still be the old ones). `recordChanged` puts it back once they are the new ones.
   */
  recordChanging(tableId: string, index: number): void {
    this.edited.add(tableId);
    this.counted.delete(tableId);
    this.dups.delete(tableId);
    this.rawCols.delete(tableId);
    this.eachIndex(tableId, index, (e) => e.ix.remove(index));
  }

  /** Record `index` of `tableId` now holds its new cells (see `recordChanging`). */
  recordChanged(tableId: string, index: number): void {
    this.eachIndex(tableId, index, (e) => e.ix.add(index));
  }

  /** Runs `f` on each index of the table, first dropping the cached smallest two of record `index`'s key. */
  private eachIndex(tableId: string, index: number, f: (e: Entry) => void): void {
    const m = this.indexes.get(tableId);
    if (!m) return;
    const rec = this.rowsOf(tableId)?.[index];
    for (const e of m.values()) {
      if (e.two.size && rec) {
        const k = recordKey(e.spec, rec);
        if (k !== null) e.two.delete(k);
      }
      f(e);
    }
  }

  /** Drops everything built for `tableId` (its records were replaced wholesale). */
  invalidate(tableId: string): void {
    this.indexes.delete(tableId);
    this.counted.delete(tableId);
    this.dups.delete(tableId);
    this.rawCols.delete(tableId);
    this.edited.delete(tableId);
  }
}

/** Records per normalised key from records per raw value (`counts[j]` hold `raws[j]`); null past MAX_COUNTED keys. */
function countsByKey(raws: readonly CellValue[], counts: readonly number[]): Map<string, number> | null {
  const out = new Map<string, number>();
  for (let j = 0; j < raws.length; j++) {
    const k = cellKey(raws[j]);
    if (k !== null) out.set(k, (out.get(k) ?? 0) + counts[j]);
  }
  return out.size > MAX_COUNTED ? null : out;
}

/**
 * True unless a sample of up to 256 evenly spaced cells of `col` is mostly distinct (学号, 课程号):
 * a dictionary of such a column would stop at MAX_RAW values, work thrown away.
 */
function fewRawValues(rows: readonly Rec[], col: number): boolean {
  const n = rows.length, m = Math.min(n, 256);
  if (m < 64) return true;
  const seen = new Set<CellValue>();
  for (let j = 0; j < m; j++) seen.add(rows[Math.floor((j * n) / m)]?.[col] ?? "");
  return seen.size * 2 <= m;
}

/** The RawColumn of `col`, its ids in memory from `mem`; null past MAX_RAW distinct values. */
function buildRawColumn(rows: readonly Rec[], col: number, mem: Int32Alloc): RawColumn | null {
  const ids = mem(rows.length);
  const byRaw = new Map<CellValue, number>();
  const values: CellValue[] = [], counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!rec) {
      ids[i] = -1;
      continue;
    }
    const raw = rec[col];
    let id = byRaw.get(raw);
    if (id === undefined) {
      if (values.length >= MAX_RAW) return null;
      byRaw.set(raw, (id = values.length));
      values.push(raw);
      counts.push(0);
    }
    counts[id]++;
    ids[i] = id;
  }
  return { values, counts, ids };
}
