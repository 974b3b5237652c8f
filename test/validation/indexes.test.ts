import fc from "fast-check";
import { cellKey, duplicateGroups, IndexRegistry, indexSpec, KeyIndex } from "../../src/core/validation/indexes";
import type { CellValue } from "../../src/core/workbook/port";

/** The obvious model: record → key, and groups found by scanning. */
function model(keys: Map<number, string>) {
  const rowsOf = (k: string) => [...keys].filter(([, v]) => v === k).map(([i]) => i).sort((a, b) => a - b);
  return {
    size: (k: string) => rowsOf(k).length,
    rows: rowsOf,
    dups: () => [...new Set(keys.values())].filter((k) => rowsOf(k).length > 1).sort(),
  };
}

describe("KeyIndex (the hash table behind unique/exists/exclusive/aggregate)", () => {
  test("after any sequence of builds and edits it answers like a plain map of record → key", () => {
    const keyArb = fc.option(fc.constantFrom("A", "B", "C", "D", "", "E1", "e1", "长键值·甲"), { nil: null });
    fc.assert(
      fc.property(
        fc.array(keyArb, { maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), keyArb), { maxLength: 60 }),
        (initial, edits) => {
          // the index reads keys from the records, as the registry's does from the table
          const cur: (string | null)[] = [...initial];
          const ix = KeyIndex.build(initial.length, (i) => cur[i] ?? null);
          const m = new Map<number, string>();
          initial.forEach((k, i) => k !== null && m.set(i, k));
          for (const [i, k] of edits) {
            ix.remove(i);
            cur[i] = k;
            ix.add(i);
            if (k === null) m.delete(i);
            else m.set(i, k);
            // repeated keys after every edit (the index keeps a list of them between edits)
            expect([...ix.duplicateKeys()].sort()).toEqual(model(m).dups());
          }
          const want = model(m);
          for (const k of ["A", "B", "C", "D", "", "E1", "e1", "长键值·甲", "missing"]) {
            expect(ix.size(k)).toBe(want.size(k));
            expect(ix.size(k, 1)).toBe(Math.min(1, want.size(k)));
            expect(ix.size(k, 2)).toBe(Math.min(2, want.size(k)));
            expect([...ix.rows(k)].sort((a, b) => a - b)).toEqual(want.rows(k));
          }
          expect([...ix.duplicateKeys()].sort()).toEqual(want.dups());
          expect(ix.size(null)).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("a long run of edits that make keys repeated and single again: right answers, bounded bookkeeping", () => {
    const cur: string[] = Array.from({ length: 200 }, (_, i) => `K${i}`);
    const ix = KeyIndex.build(cur.length, (i) => cur[i]);
    const repeated = () => [...new Set(cur)].filter((k) => cur.filter((x) => x === k).length > 1).sort();
    for (let n = 0; n < 3050; n++) {
      // records 0..49 join K100..K106 (making them repeated) in one round of 50 edits, leave in the next
      const i = n % 50;
      ix.remove(i);
      cur[i] = Math.floor(n / 50) % 2 ? `K${100 + (i % 7)}` : `K${i}`;
      ix.add(i);
      if (n < 600 && n % 37 === 0) expect([...ix.duplicateKeys()].sort()).toEqual(repeated());
    }
    // 2,450 edits without a reader: the list of repeated slots was compacted along the way, not
    // grown by seven entries per round
    expect((ix as unknown as { dupSlots: number[] }).dupSlots.length).toBeLessThanOrEqual(65);
    expect(repeated()).toEqual([]); // the last round put every record back
    expect([...ix.duplicateKeys()]).toEqual([]);
  });

  test("a build whose sample misjudges the keys (the sampled records share one key, the rest are distinct) grows and stays right", () => {
    const n = 10000;
    const sampled = new Set(Array.from({ length: 256 }, (_, j) => Math.floor((j * n) / 256)));
    const keyAt = (i: number) => (sampled.has(i) ? "S" : i % 7 === 0 ? null : `K${i}`);
    const ix = KeyIndex.build(n, keyAt);
    expect(ix.size("S")).toBe(256);
    expect([...ix.duplicateKeys()]).toEqual(["S"]);
    for (let i = 0; i < n; i++) {
      const k = keyAt(i);
      if (k !== null && k !== "S") expect(ix.rows(k)).toEqual([i]);
    }
  });

  test("grows past its initial size: 20,000 distinct keys added one by one, then half removed", () => {
    const cur: (string | null)[] = [];
    const ix = KeyIndex.build(0, (i) => cur[i] ?? null);
    const set = (i: number, k: string | null) => {
      ix.remove(i);
      cur[i] = k;
      ix.add(i);
    };
    for (let i = 0; i < 20000; i++) set(i, `K${i % 15000}`);
    expect(ix.size("K0")).toBe(2);
    expect(ix.size("K14999")).toBe(1);
    expect([...ix.duplicateKeys()].length).toBe(5000);
    for (let i = 0; i < 20000; i += 2) set(i, null);
    expect(ix.size("K1")).toBe(2); // records 1 and 15001
    expect(ix.size("K0")).toBe(0);
    expect([...ix.rows("K1")].sort((a, b) => a - b)).toEqual([1, 15001]);
    expect([...ix.duplicateKeys()].length).toBe(2500);
    // emptied keys come back
    set(0, "K0");
    expect(ix.rows("K0")).toEqual([0]);
  });
});

describe("duplicateGroups (a uniqueness rule's full check without an index)", () => {
  const naive = (keys: (string | null)[]) => {
    const m = new Map<string, number[]>();
    keys.forEach((k, i) => {
      if (k === null) return;
      m.set(k, [...(m.get(k) ?? []), i]);
    });
    return new Map([...m].filter(([, g]) => g.length > 1));
  };

  test("finds exactly the keys held by two or more records, each with its records in order", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom("A", "B", "C", "D", "甲", "2021000001", ""), { nil: null }), { maxLength: 60 }), (keys) => {
        expect(duplicateGroups(keys.length, (i) => keys[i])).toEqual(naive(keys));
      }),
      { numRuns: 300 },
    );
  });

  test("many distinct keys (whose hash bits collide) with some repeated: exactly the repeated ones, first record first", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 200, maxLength: 3000 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), (distinct, copies) => {
        const keys: (string | null)[] = [...distinct];
        for (const [from, to] of copies) keys[to % keys.length] = keys[from % keys.length];
        const want = naive(keys);
        const got = duplicateGroups(keys.length, (i) => keys[i]);
        expect([...got]).toEqual([...want].sort((a, b) => a[1][0] - b[1][0]));
      }),
      { numRuns: 40 },
    );
  });

  test("two different keys with the same 32-bit hash are not reported as one repeated key", () => {
    // "T323329" and "T1134096" collide under FNV-1a (found by search); a third record repeats one of them
    const keys = ["T323329", "T1134096", "X", "T1134096"];
    expect(duplicateGroups(keys.length, (i) => keys[i])).toEqual(new Map([["T1134096", [1, 3]]]));
    expect(duplicateGroups(2, (i) => keys[i]).size).toBe(0);
  });

  test("50,000 distinct 学号 with two repeated pairs", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `2021${String(i).padStart(6, "0")}`);
    keys[40_000] = keys[7];
    keys[49_999] = keys[123];
    const g = duplicateGroups(keys.length, (i) => keys[i]);
    expect([...g]).toEqual([
      [keys[7], [7, 40_000]],
      [keys[123], [123, 49_999]],
    ]);
  });
});

describe("whole-table passes reading keys straight from the cells", () => {
  // raw cells as a sheet gives them: plain keys, keys that normalise to the same key (case, spaces,
  // full-width digits), numbers, booleans, empties
  const cellArb = fc.constantFrom<CellValue>("A1", "a1", " A1", "A1\u00a0", "Ａ１", "甲", "甲 ", 2021, "2021", "", "  ", true, "#N/A", "K9");

  test("an index built from a column answers as one built through cellKey", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cellArb, cellArb), { maxLength: 50 }), (cells) => {
        const rows = cells.map(([a, b]) => [b, a]);
        const keyAt = (i: number) => cellKey(rows[i][1]);
        const viaColumn = KeyIndex.build(rows.length, keyAt, { rows, col: 1 });
        const viaKeys = KeyIndex.build(rows.length, keyAt);
        for (const k of ["A1", "甲", "2021", "TRUE", "#N/A", "K9", "missing"]) expect([...viaColumn.rows(k)].sort()).toEqual([...viaKeys.rows(k)].sort());
        expect([...viaColumn.duplicateKeys()].sort()).toEqual([...viaKeys.duplicateKeys()].sort());
        expect(duplicateGroups(rows.length, keyAt, { rows, col: 1 })).toEqual(duplicateGroups(rows.length, keyAt));
      }),
      { numRuns: 300 },
    );
  });

  test("builds in memory handed in by the caller (the registry's reused arena)", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `K${i % 4000}`);
    const dirty: Int32Array<ArrayBuffer>[] = [];
    const mem = (n: number) => {
      const a = new Int32Array(n).fill(0);
      dirty.push(a);
      return a;
    };
    const ix = KeyIndex.build(keys.length, (i) => keys[i], undefined, mem);
    expect(dirty.length).toBeGreaterThan(0);
    expect(ix.rows("K3999").sort((a, b) => a - b)).toEqual([3999]);
    expect([...ix.duplicateKeys()].length).toBe(1000);
  });
});

describe("IndexRegistry.transient (whole-table checks build their indexes in reused memory)", () => {
  const tables = new Map<string, CellValue[][]>([
    ["T1", Array.from({ length: 3000 }, (_, i) => [`S${i % 2500}`, i])],
    ["T2", Array.from({ length: 2000 }, (_, i) => [`K${i}`, i])],
  ]);
  const spec1 = indexSpec("T1", [0], null);
  const spec2 = indexSpec("T2", [0], null);

  test("indexes built in one check are dropped after it; later checks and edits see correct, separate indexes", () => {
    const reg = new IndexRegistry((id) => tables.get(id));
    let during: KeyIndex | undefined;
    reg.transient(() => {
      during = reg.index(spec1);
      expect(during.size("S7")).toBe(2);
    });
    // a second check reuses the same memory for another table's index
    reg.transient(() => {
      expect(reg.index(spec2).rows("K1999")).toEqual([1999]);
      expect(reg.index(spec2).size("S7")).toBe(0);
    });
    // outside a check: a fresh index of its own, current with the rows
    const after = reg.index(spec1);
    expect(after).not.toBe(during);
    expect(after.size("S7")).toBe(2);
    reg.recordChanging("T1", 7);
    tables.get("T1")![7] = ["S8", 7];
    reg.recordChanged("T1", 7);
    expect(reg.index(spec1).size("S7")).toBe(1);
    expect(reg.index(spec1).size("S8")).toBe(3);
    tables.get("T1")![7] = ["S7", 7];
  });

  test("a second registry checking inside the first one's check gets memory of its own", () => {
    const a = new IndexRegistry((id) => tables.get(id));
    const b = new IndexRegistry((id) => tables.get(id));
    a.transient(() => {
      const ia = a.index(spec1);
      let inner: KeyIndex | undefined;
      b.transient(() => expect((inner = b.index(spec2)).size("K5")).toBe(1));
      const ib = b.index(spec2);
      expect(ib).toBe(inner); // kept by b: it was not built in the shared memory
      expect(ia.size("S2499")).toBe(1);
      expect(ia.size("S0")).toBe(2);
      expect(ib.rows("K5")).toEqual([5]);
    });
  });

  test("an exception inside a check still releases the memory for the next one", () => {
    const reg = new IndexRegistry((id) => tables.get(id));
    expect(() => reg.transient(() => {
      reg.index(spec1);
      throw new Error("boom");
    })).toThrow("boom");
    const other = new IndexRegistry((id) => tables.get(id));
    let inside: KeyIndex | undefined;
    other.transient(() => expect((inside = other.index(spec1)).size("S1")).toBe(2));
    expect(other.index(spec1)).not.toBe(inside); // it was built in the shared memory (and dropped)
  });
});

describe("IndexRegistry.rawColumn (one dictionary of a column shared by the rules of a check)", () => {
  const majors = Array.from({ length: 5000 }, (_, i): CellValue[] => [`S${i}`, i % 7 === 0 ? " z01 " : `Z0${i % 40}`]);
  const tables = new Map<string, CellValue[][]>([
    ["S", majors],
    // a sample of every 256th record sees one value, yet the column holds 9,000 distinct ones
    ["M", Array.from({ length: 9216 }, (_, i): CellValue[] => [i % 36 === 0 ? "same" : `v${i}`])],
  ]);
  const reg = () => new IndexRegistry((id) => tables.get(id));

  test("inside a check: each record's raw value and the count of each, the same object for every rule", () => {
    const r = reg();
    r.transient(() => {
      const d = r.rawColumn("S", 1)!;
      expect(r.rawColumn("S", 1)).toBe(d);
      expect(d.values.length).toBe(41); // Z00..Z039 and " z01 " (raw, not normalised)
      majors.forEach((rec, i) => expect(d.values[d.ids[i]]).toBe(rec[1]));
      expect(d.counts.reduce((a, b) => a + b, 0)).toBe(5000);
      expect(d.counts[d.values.indexOf(" z01 ")]).toBe(715);
      // the count rule reads it and normalises per value: “ z01 ” counts as Z01
      expect(r.count(indexSpec("S", [1], null), "Z01")).toBe(majors.filter((x) => x[1] === "Z01").length + 715);
      expect(r.rawColumn("S", 0)).toBeUndefined(); // 学号: every sampled value distinct
    });
  });

  test("outside a check, after an edit, or past its size limit it is not offered; counts stay right", () => {
    const r = reg();
    expect(r.rawColumn("S", 1)).toBeUndefined();
    r.transient(() => {
      expect(r.rawColumn("M", 0)).toBeNull(); // the sample was fooled: stopped at the limit
      expect(r.count(indexSpec("M", [0], null), "SAME")).toBe(256);
      expect(r.count(indexSpec("M", [0], null), "V1")).toBe(1);
    });
    r.recordChanging("S", 3);
    r.recordChanged("S", 3);
    r.transient(() => expect(r.rawColumn("S", 1)).toBeUndefined()); // the table is being edited
    r.invalidate("S");
    r.transient(() => expect(r.rawColumn("S", 1)).toBeDefined());
  });
});
