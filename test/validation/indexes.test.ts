import fc from "fast-check";
import { KeyIndex } from "../../src/core/validation/indexes";

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
          const ix = KeyIndex.build(initial.length, (i) => initial[i]);
          const m = new Map<number, string>();
          initial.forEach((k, i) => k !== null && m.set(i, k));
          for (const [i, k] of edits) {
            const before = m.get(i) ?? null;
            expect(ix.set(i, k)).toBe(before);
            if (k === null) m.delete(i);
            else m.set(i, k);
          }
          const want = model(m);
          for (const k of ["A", "B", "C", "D", "", "E1", "e1", "长键值·甲", "missing"]) {
            expect(ix.size(k)).toBe(want.size(k));
            expect([...ix.rows(k)].sort((a, b) => a - b)).toEqual(want.rows(k));
          }
          for (let i = 0; i <= 61; i++) expect(ix.key(i)).toBe(m.get(i) ?? null);
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
      expect(ix.key(i)).toBe(k);
      if (k !== null && k !== "S") expect(ix.rows(k)).toEqual([i]);
    }
  });

  test("grows past its initial size: 20,000 distinct keys added one by one, then half removed", () => {
    const ix = KeyIndex.build(0, () => null);
    for (let i = 0; i < 20000; i++) ix.set(i, `K${i % 15000}`);
    expect(ix.size("K0")).toBe(2);
    expect(ix.size("K14999")).toBe(1);
    expect([...ix.duplicateKeys()].length).toBe(5000);
    for (let i = 0; i < 20000; i += 2) ix.set(i, null);
    expect(ix.size("K1")).toBe(2); // records 1 and 15001
    expect(ix.size("K0")).toBe(0);
    expect([...ix.rows("K1")].sort((a, b) => a - b)).toEqual([1, 15001]);
    // emptied keys come back
    ix.set(0, "K0");
    expect(ix.rows("K0")).toEqual([0]);
  });
});
