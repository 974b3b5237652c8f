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

const EMPTY_SLOT = -3;
const DEAD_SLOT = -2;
const STRIDE = 3, HEAD = 0, HASH = 1, SIZE = 2;
/** Most distinct keys `IndexRegistry.count` tallies in a map before it builds an index instead. */
const MAX_COUNTED = 4096;
/** Most slots in use (live or dead) per slot: linear probing stays short below this. */
const MAX_LOAD = 0.6;

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Record index → key and key → records, as an open-addressing hash table over typed arrays.
 *
 * Why not a `Map<string, number[]>`: on the 50,000-row student sheet the index is built from
 * scratch on every full check, and growing a Map costs about 0.35 µs per new key on the CI
 * machines (rehashing and garbage) — a whole schema validator's time for the sheet. Here the table
 * is sized once from the record count, records with the same key are chained through one
 * Int32Array, and nothing is allocated per record.
 */
export class KeyIndex {
  private keys: (string | null)[] = [];
  /** Record → next record with the same key (-1: end of chain). */
  private next = new Int32Array(16);
  /** Number of slots (not a power of two: the table is sized to its keys, memory is what costs). */
  private cap = 16;
  /**
   * Per slot, side by side (one cache line per probe): [HEAD] first record of the chain (EMPTY_SLOT:
   * never used; DEAD_SLOT: its group emptied) — the slot's key is that record's key; [HASH]; [SIZE].
   */
  private slots = KeyIndex.emptySlots(16);
  /** Slots ever used since the last rehash (live and dead). */
  private used = 0;
  /** Keys held by two or more records. */
  private dupKeys = 0;

  private static emptySlots(cap: number): Int32Array {
    const a = new Int32Array(cap * STRIDE);
    for (let i = 0; i < a.length; i += STRIDE) a[i + HEAD] = EMPTY_SLOT;
    return a;
  }

  /**
   * Builds the index of records 0..n-1 in one pass. The table is sized from a sample of the keys:
   * touching fresh memory is what a full check mostly pays for (about 4 ms per MB on the CI
   * machines), and a column of 100 专业代码 over 50,000 students needs a few hundred slots, not
   * 100,000. A wrong guess only costs a rehash.
   */
  static build(n: number, keyAt: (i: number) => string | null): KeyIndex {
    const ix = new KeyIndex();
    ix.alloc(n, KeyIndex.guessDistinct(n, keyAt));
    const keys: (string | null)[] = new Array(n);
    ix.keys = keys;
    for (let i = 0; i < n; i++) {
      const k = keyAt(i);
      if (k !== null && ix.used + 1 > ix.cap * MAX_LOAD && ix.find(k) < 0) ix.rehash(); // records ≥ i hold no key yet
      keys[i] = k;
      if (k !== null) ix.link(i, k);
    }
    return ix;
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
    this.slots = KeyIndex.emptySlots(cap);
    this.used = 0;
    this.dupKeys = 0;
    if (this.next.length < records) this.next = new Int32Array(Math.max(16, records));
  }

  /** Slot (offset into `slots`) of key k, or -1. */
  private find(k: string, h = hashOf(k)): number {
    const slots = this.slots, keys = this.keys, cap = this.cap;
    for (let i = (h >>> 0) % cap; ; i = i + 1 === cap ? 0 : i + 1) {
      const o = i * STRIDE;
      const head = slots[o + HEAD];
      if (head === EMPTY_SLOT) return -1;
      if (head >= 0 && slots[o + HASH] === h && keys[head] === k) return o;
    }
  }

  /** Adds record r (whose key is already k in `keys`) to k's chain. */
  private link(r: number, k: string): void {
    const h = hashOf(k);
    const slots = this.slots;
    let o = this.find(k, h);
    if (o < 0) {
      // callers keep the load factor ≤ MAX_LOAD (build and set() rehash first)
      const cap = this.cap;
      let i = (h >>> 0) % cap;
      while (slots[i * STRIDE + HEAD] !== EMPTY_SLOT) i = i + 1 === cap ? 0 : i + 1;
      o = i * STRIDE;
      slots[o + HASH] = h;
      slots[o + HEAD] = -1;
      slots[o + SIZE] = 0;
      this.used++;
    }
    this.next[r] = slots[o + HEAD];
    slots[o + HEAD] = r;
    if (++slots[o + SIZE] === 2) this.dupKeys++;
  }

  /** Removes record r (whose key is still k in `keys`) from k's chain. */
  private unlink(r: number, k: string): void {
    const o = this.find(k);
    if (o < 0) return;
    const slots = this.slots;
    let prev = -1;
    for (let i = slots[o + HEAD]; i >= 0; prev = i, i = this.next[i]) {
      if (i !== r) continue;
      if (prev < 0) slots[o + HEAD] = this.next[i];
      else this.next[prev] = this.next[i];
      if (slots[o + SIZE]-- === 2) this.dupKeys--;
      if (slots[o + SIZE] === 0) slots[o + HEAD] = DEAD_SLOT;
      return;
    }
  }

  /** Rebuilds the table from the record keys (drops dead slots, grows when needed). */
  private rehash(): void {
    let distinct = 0;
    for (let o = 0; o < this.slots.length; o += STRIDE) if (this.slots[o + SIZE] > 0) distinct++;
    this.alloc(this.keys.length, Math.max(distinct + 1, (this.used + 1) * 2));
    // Link in reverse so chains keep ascending record order.
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const k = this.keys[i];
      if (k !== null && k !== undefined) this.link(i, k);
    }
  }

  key(i: number): string | null {
    return this.keys[i] ?? null;
  }

  /** Sets record i's key; returns the previous one. */
  set(i: number, k: string | null): string | null {
    const old = this.keys[i] ?? null;
    if (old === k) return old;
    if (old !== null) {
      this.unlink(i, old);
      this.keys[i] = null;
    }
    if (k === null) return old;
    while (this.keys.length < i) this.keys.push(null);
    if (this.used + 1 > this.cap * MAX_LOAD && this.find(k) < 0) this.rehash(); // record i holds no key right now
    if (i >= this.next.length) {
      const grown = new Int32Array(Math.max(i + 1, this.next.length * 2));
      grown.set(this.next);
      this.next = grown;
    }
    this.keys[i] = k;
    this.link(i, k);
    return old;
  }

  size(k: string | null): number {
    if (k === null) return 0;
    const o = this.find(k);
    return o < 0 ? 0 : this.slots[o + SIZE];
  }

  /** Records holding key k (any order). */
  rows(k: string | null): number[] {
    if (k === null) return [];
    const o = this.find(k);
    const out: number[] = [];
    if (o >= 0) for (let i = this.slots[o + HEAD]; i >= 0; i = this.next[i]) out.push(i);
    return out;
  }

  /** Keys held by more than one record. */
  *duplicateKeys(): Iterable<string> {
    if (this.dupKeys === 0) return;
    for (let o = 0; o < this.slots.length; o += STRIDE) if (this.slots[o + SIZE] > 1) yield this.keys[this.slots[o + HEAD]] as string;
  }
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

interface Entry {
  spec: IndexSpec;
  ix: KeyIndex;
}

/**
 * The session's shared indexes (and full-check counts). Everything is built on first use from
 * the table's current records; the session calls `applyRecord` for each changed record (before the
 * rules look at the change) and `invalidate` when a table is loaded, unloaded or bulk-replaced.
 */
export class IndexRegistry {
  private readonly indexes = new Map<string, Map<string, Entry>>();
  /** Per table and spec: records per key, counted without an index (until the table is edited). */
  private readonly counted = new Map<string, Map<string, Map<string, number>>>();
  /** Tables edited record by record since they were loaded: their counts come from indexes. */
  private readonly edited = new Set<string>();

  constructor(private readonly rowsOf: (tableId: string) => CellValue[][] | undefined) {}

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
      e = { spec, ix: KeyIndex.build(rows.length, (i) => recordKey(spec, rows[i])) };
      m.set(id, e);
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

  /** Keys → record counts in one pass (raw cell values memoised), or null past MAX_COUNTED keys. */
  private countAll(spec: IndexSpec): Map<string, number> | null {
    const rows = this.rowsOf(spec.table) ?? [];
    const counts = new Map<string, number>();
    const single = spec.cols.length === 1 ? spec.cols[0] : -1;
    const memo = new Map<CellValue, string | null>();
    for (let i = 0; i < rows.length; i++) {
      const rec = rows[i];
      let k: string | null | undefined;
      if (single >= 0) {
        const raw = rec[single];
        k = memo.get(raw);
        if (k === undefined) {
          k = cellKey(raw);
          if (memo.size < MAX_COUNTED) memo.set(raw, k);
        }
        if (k !== null && spec.where && !spec.where.test(rec)) k = null;
      } else k = recordKey(spec, rec);
      if (k === null) continue;
      const n = counts.get(k);
      if (n === undefined && counts.size >= MAX_COUNTED) return null;
      counts.set(k, (n ?? 0) + 1);
    }
    return counts;
  }

  /** Brings the indexes of `tableId` up to date with its record `index`, now `after`. */
  applyRecord(tableId: string, index: number, after: Rec): void {
    this.edited.add(tableId);
    this.counted.delete(tableId);
    const m = this.indexes.get(tableId);
    if (m) for (const e of m.values()) e.ix.set(index, after ? recordKey(e.spec, after) : null);
  }

  /** Drops everything built for `tableId` (its records were replaced wholesale). */
  invalidate(tableId: string): void {
    this.indexes.delete(tableId);
    this.counted.delete(tableId);
    this.edited.delete(tableId);
  }
}
