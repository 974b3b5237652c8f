import { isInWindow, parsePeriodKind, parseStatYear, periodWindow, periodWindows } from "../../src/core/catalog/period";
import { CatalogError } from "../../src/core/catalog/errors";

describe("period windows (统计时间窗)", () => {
  it("matches the dates seed 000 prints for 2024", () => {
    const w = periodWindows(2024);
    expect([w.point.from, w.point.to]).toEqual(["2024-09-30", "2024-09-30"]);
    expect([w.academicYear.from, w.academicYear.to]).toEqual(["2023-09-01", "2024-08-31"]);
    expect([w.calendarYear.from, w.calendarYear.to]).toEqual(["2023-01-01", "2023-12-31"]);
  });

  it("prints Chinese labels for the title rows", () => {
    expect(periodWindow("point", 2024).label).toBe("2024年9月30日（时点）");
    expect(periodWindow("academicYear", 2024).label).toBe("2023-2024学年（2023年9月1日至2024年8月31日）");
    expect(periodWindow("calendarYear", 2024).label).toBe("2023年（自然年，2023年1月1日至2023年12月31日）");
    expect(periodWindow("academicYear", 2020).shortLabel).toBe("2019-2020学年");
  });

  it("derives windows for the whole supported range, with 学年 and 自然年 ending before 时点", () => {
    for (const y of [2000, 2021, 2100]) {
      const w = periodWindows(y);
      expect(w.academicYear.to < w.point.from).toBe(true);
      expect(w.calendarYear.to < w.academicYear.to).toBe(true);
      expect(w.calendarYear.from.startsWith(String(y - 1))).toBe(true);
    }
  });

  it("tells whether a date lies in a window (inclusive)", () => {
    const w = periodWindow("academicYear", 2024);
    expect(isInWindow(w, "2023-09-01")).toBe(true);
    expect(isInWindow(w, "2024-08-31")).toBe(true);
    expect(isInWindow(w, "2024-09-01")).toBe(false);
  });
});

describe("统计年度 validation", () => {
  it("accepts integers and tidy strings (spaces, full-width digits, a trailing 年)", () => {
    expect(parseStatYear(2024)).toBe(2024);
    expect(parseStatYear(" 2024 ")).toBe(2024);
    expect(parseStatYear("２０２４")).toBe(2024);
    expect(parseStatYear("2024年")).toBe(2024);
  });

  it.each([
    [1999, /超出范围/],
    [2101, /超出范围/],
    [2024.5, /不是整数/],
    ["二〇二四", /不是年份/],
    ["", /不是年份/],
    [null, /缺失/],
    [undefined, /缺失/],
  ])("rejects %p with a Chinese message", (input, message) => {
    expect(() => parseStatYear(input)).toThrow(CatalogError);
    expect(() => parseStatYear(input)).toThrow(message);
    expect(() => periodWindow("point", input)).toThrow(message);
  });

  it("reads period names in Chinese or as identifiers", () => {
    expect(parsePeriodKind(" 学年 ")).toBe("academicYear");
    expect(parsePeriodKind("calendarYear")).toBe("calendarYear");
    expect(parsePeriodKind("时期")).toBeUndefined();
    expect(() => periodWindow("week" as never, 2024)).toThrow(/未知的统计时间类型/);
  });
});
