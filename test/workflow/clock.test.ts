import {
  daysBetween,
  deadlineStatus,
  describeDaysLeft,
  fixedClock,
  getTimeZone,
  isoTimestamp,
  localDateOf,
  now,
  setClock,
  setTimeZone,
  today,
} from "../../src/core/workflow/clock";
import { parseDateCell } from "../../src/core/workflow/cells";

afterEach(() => {
  setClock(null);
  setTimeZone(null);
});

describe("clock and deadlines", () => {
  test("17:00 UTC on 11-23 is already 11-24 in Shanghai", () => {
    const clock = fixedClock("2026-11-23T17:00:00Z");
    expect(today({ clock })).toBe("2026-11-24");
    expect(today({ clock, timeZone: "UTC" })).toBe("2026-11-23");
    expect(isoTimestamp({ clock })).toBe("2026-11-24T01:00:00+08:00");
  });

  test("a deadline of 11-23 is overdue in Shanghai at 17:00Z but due today in UTC", () => {
    const clock = fixedClock("2026-11-23T17:00:00Z");
    const sh = deadlineStatus("2026-11-23", { clock });
    expect(sh).toMatchObject({ today: "2026-11-24", daysLeft: -1, overdue: true, dueToday: false });
    const utc = deadlineStatus("2026-11-23", { clock, timeZone: "UTC" });
    expect(utc).toMatchObject({ daysLeft: 0, overdue: false, dueToday: true });
  });

  test("just before Shanghai midnight the deadline day is still on time", () => {
    const clock = fixedClock("2026-11-23T15:59:59Z"); // 23:59:59 in Shanghai
    expect(deadlineStatus("2026-11-23", { clock })).toMatchObject({ daysLeft: 0, overdue: false, dueToday: true });
    expect(deadlineStatus("2026-11-30", { clock }).daysLeft).toBe(7);
  });

  test("setClock fixes time for every caller; setTimeZone changes the school's zone", () => {
    setClock(fixedClock("2024-09-29T20:00:00Z"));
    expect(now().toISOString()).toBe("2024-09-29T20:00:00.000Z");
    expect(today()).toBe("2024-09-30");
    setTimeZone("America/New_York");
    expect(getTimeZone()).toBe("America/New_York");
    expect(today()).toBe("2024-09-29");
    expect(isoTimestamp()).toBe("2024-09-29T16:00:00-04:00");
    expect(() => setTimeZone("Mars/Olympus")).toThrow("未知的时区：Mars/Olympus");
  });

  test("day arithmetic across month and year ends and a leap day", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2024-10-14", "2024-09-21")).toBe(-23);
    expect(localDateOf(new Date("2024-12-31T16:00:00Z"))).toBe("2025-01-01");
    expect(describeDaysLeft(3)).toBe("还剩 3 天");
    expect(describeDaysLeft(0)).toBe("今天截止");
    expect(describeDaysLeft(-2)).toBe("已逾期 2 天");
  });
});

describe("date cells", () => {
  test.each([
    ["2024-09-30", "2024-09-30"],
    ["2024/9/30", "2024-09-30"],
    ["2024年9月30日", "2024-09-30"],
    ["２０２４年９月３０日", "2024-09-30"],
    [" 2024.9.30 ", "2024-09-30"],
    [45565, "2024-09-30"],
    [45565.75, "2024-09-30"],
  ])("%p → %s", (input, expected) => {
    expect(parseDateCell(input)).toEqual({ kind: "date", date: expected, yearAssumed: false });
  });

  test("month-day forms take the statistical year, and only then", () => {
    expect(parseDateCell("9月30日", 2024)).toEqual({ kind: "date", date: "2024-09-30", yearAssumed: true });
    expect(parseDateCell("9 月 30 日", 2026)).toEqual({ kind: "date", date: "2026-09-30", yearAssumed: true });
    expect(parseDateCell("11月18日")).toEqual({ kind: "invalid", text: "11月18日" });
  });

  test("not a date", () => {
    expect(parseDateCell("下周一", 2024)).toEqual({ kind: "invalid", text: "下周一" });
    expect(parseDateCell("2024-02-30")).toEqual({ kind: "invalid", text: "2024-02-30" });
    expect(parseDateCell("")).toEqual({ kind: "empty" });
    expect(parseDateCell(" \u3000")).toEqual({ kind: "empty" });
  });
});
