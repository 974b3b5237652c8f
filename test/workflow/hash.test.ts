import { dataHash, normaliseTableData, rowHash } from "../../src/core/workflow/hash";

describe("数据指纹 normalisation", () => {
  const rows = [
    ["T001", "张三", 35],
    ["T002", "李四", 41.5],
  ];
  test("is a SHA-256 hex string, stable for the same values", () => {
    expect(dataHash(rows)).toMatch(/^[0-9a-f]{64}$/);
    expect(dataHash(rows)).toBe(dataHash(rows.map((r) => [...r])));
  });
  test("trailing empty rows and columns are ignored; an empty row in the middle is not", () => {
    expect(dataHash([...rows, ["", "", ""], ["", "", ""]])).toBe(dataHash(rows));
    expect(dataHash(rows.map((r) => [...r, "", ""]))).toBe(dataHash(rows));
    expect(dataHash([rows[0], ["", "", ""], rows[1]])).not.toBe(dataHash(rows));
  });
  test("numbers are canonical at Excel's 15 digits; -0 is 0", () => {
    expect(dataHash([[0.1 + 0.2]])).toBe(dataHash([[0.3]]));
    expect(dataHash([[-0]])).toBe(dataHash([[0]]));
    expect(dataHash([[1]])).not.toBe(dataHash([[1.0000001]]));
  });
  test("strings are not trimmed; number-like text differs from the number; line breaks unified", () => {
    expect(dataHash([["张三 "]])).not.toBe(dataHash([["张三"]]));
    expect(dataHash([["12"]])).not.toBe(dataHash([[12]]));
    expect(dataHash([["a\r\nb"]])).toBe(dataHash([["a\nb"]]));
    expect(dataHash([[true]])).not.toBe(dataHash([["TRUE"]]));
  });
  test("a changed value changes the hash", () => {
    expect(dataHash([["T001", "张三", 36], rows[1]])).not.toBe(dataHash(rows));
  });
  test("row hash ignores trailing empty cells", () => {
    expect(rowHash(["T001", "张三", 35, ""])).toBe(rowHash(["T001", "张三", 35]));
    expect(normaliseTableData([["", ""], ["", ""]])).toEqual([]);
  });
});
