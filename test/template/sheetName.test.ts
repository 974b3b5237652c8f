import fc from "fast-check";
import { MAX_SHEET_NAME_LENGTH, sanitizeSheetName, sheetNameKey, sheetNameProblem, tableSheetName, uniqueSheetName } from "../../src/core/template/sheetName";

/** Excel's own rules, written independently of the implementation. */
function excelAccepts(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[[\]:*?/\\]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toUpperCase() !== "HISTORY" &&
    // no lone surrogate halves (a cut through an emoji)
    !/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(name)
  );
}

describe("sheet names", () => {
  test("a table name that fits is kept as the clerk expects it", () => {
    expect(tableSheetName({ id: "1-5-1", name: "教职工基本信息" }, [])).toBe("1-5-1 教职工基本信息");
  });

  test("a long name is cut to 31 characters and keeps the table id at the front", () => {
    const name = tableSheetName({ id: "4-3-2", name: "近一届本科生毕业综合训练（毕业论文、毕业设计）情况统计表" }, []);
    expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME_LENGTH);
    expect(name.startsWith("4-3-2 近一届本科生毕业综合训练")).toBe(true);
    expect(excelAccepts(name)).toBe(true);
  });

  test("forbidden characters and apostrophes at the ends are replaced or removed", () => {
    expect(sanitizeSheetName("'1/2: [表]*?\\'")).toBe("1_2_ _表____");
    expect(sheetNameProblem(sanitizeSheetName("a/b"))).toBeNull();
  });

  test("a clash (case-insensitive) gets a numbered suffix that still fits", () => {
    const taken = ["1-5-1 教职工基本信息", "ABC"];
    expect(uniqueSheetName("1-5-1 教职工基本信息", taken)).toBe("1-5-1 教职工基本信息 (2)");
    expect(uniqueSheetName("abc", taken)).toBe("abc (2)");
    const long = "x".repeat(40);
    const first = uniqueSheetName(long, []);
    const second = uniqueSheetName(long, [first]);
    expect(second).toHaveLength(31);
    expect(second.endsWith(" (2)")).toBe(true);
  });

  test("reserved and Tianbao's own names are never produced", () => {
    expect(sanitizeSheetName("History")).not.toMatch(/^history$/i);
    expect(sanitizeSheetName("_tb_meta")).not.toMatch(/^_tb_/i);
    expect(sanitizeSheetName("''")).toBe("数据表");
  });

  test("property: any wanted name and any taken names give a valid, unique sheet name", () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: fc.constantFrom("[", "]", ":", "*", "?", "/", "\\", "'", " ", "表", "a", "A", "😀", "\u0001", "-", "1"), maxLength: 45 }),
    );
    fc.assert(
      fc.property(anyText, fc.array(anyText, { maxLength: 8 }), (wanted, takenRaw) => {
        // taken names are real sheet names, so valid ones
        const taken: string[] = [];
        for (const t of takenRaw) taken.push(uniqueSheetName(t, taken));
        const name = uniqueSheetName(wanted, taken);
        expect(excelAccepts(name)).toBe(true);
        expect(sheetNameProblem(name)).toBeNull();
        expect(taken.map(sheetNameKey)).not.toContain(sheetNameKey(name));
        expect(name).not.toMatch(/^_tb_/i);
      }),
      { numRuns: 500 },
    );
  });
});
