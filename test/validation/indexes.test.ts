import fc from "fast-check";
import { duplicateGroups, KeyIndex } from "../../src/core/validation/indexes";

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
