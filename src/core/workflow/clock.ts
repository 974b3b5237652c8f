/**
 * The ONE clock of Tianbao and the school's time zone.
 *
 * Everything that needs "now" or "today" (deadlines, days left, approval timestamps) asks this
 * module, so tests fix time with `setClock(fixedClock("2026-11-23T17:00:00Z"))` or pass a Clock
 * explicitly. Deadlines are calendar dates in the school's time zone (Asia/Shanghai unless set):
 * 2026-11-23T17:00Z is already 2026-11-24 in Shanghai, so a deadline of 11-23 is then overdue.
 * Pure core: no Office, DOM or React imports (Intl is part of the language).
 */

/** A calendar date "YYYY-MM-DD" in the school's time zone. */
export type LocalDate = string;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (ISO 8601 string with offset/Z, or a Date). */
export function fixedClock(instant: string | Date): Clock {
  const d = typeof instant === "string" ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(d.getTime())) throw new RangeError(`无效的时间：${String(instant)}`);
  return { now: () => new Date(d.getTime()) };
}

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

let currentClock: Clock = systemClock;
let currentTimeZone = DEFAULT_TIME_ZONE;

/** Replaces the process-wide clock (tests); `null` restores the system clock. */
export function setClock(clock: Clock | null): void {
  currentClock = clock ?? systemClock;
}

export function getClock(): Clock {
  return currentClock;
}

/** Sets the school's time zone (IANA name); `null` restores Asia/Shanghai. Throws on an unknown zone. */
export function setTimeZone(timeZone: string | null): void {
  const tz = timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(tz);
  currentTimeZone = tz;
}

export function getTimeZone(): string {
  return currentTimeZone;
}

/** Options every date-dependent function accepts; unset fields fall back to the module settings. */
export interface TimeOptions {
  clock?: Clock;
  timeZone?: string;
}

export function now(opts?: TimeOptions): Date {
  return (opts?.clock ?? currentClock).now();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new RangeError(`未知的时区：${timeZone}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function assertTimeZone(tz: string): void {
  formatterFor(tz);
}

interface WallTime {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallTime(instant: Date, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? NaN);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour") % 24, mi: get("minute"), s: get("second") };
}

/** Minutes east of UTC of `timeZone` at `instant` (Shanghai: +480). */
export function offsetMinutes(instant: Date, timeZone: string = currentTimeZone): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The calendar date of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string = currentTimeZone): LocalDate {
  const w = wallTime(instant, timeZone);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/** Today in the school's time zone. */
export function today(opts?: TimeOptions): LocalDate {
  return localDateOf(now(opts), opts?.timeZone ?? currentTimeZone);
}

/** ISO 8601 with the zone's offset, seconds precision: "2026-11-24T01:00:00+08:00". */
export function isoTimestamp(instant?: Date, timeZone?: string): string;
export function isoTimestamp(opts?: TimeOptions): string;
export function isoTimestamp(a?: Date | TimeOptions, b?: string): string {
  const instant = a instanceof Date ? a : now(a);
  const tz = a instanceof Date ? (b ?? currentTimeZone) : (a?.timeZone ?? currentTimeZone);
  const w = wallTime(instant, tz);
  const off = offsetMinutes(instant, tz);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Parses "YYYY-MM-DD" strictly; null when it is not a real calendar date. */
export function parseLocalDate(s: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return { y, m: mo, d };
}

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === "string" && parseLocalDate(s) !== null;
}

export function makeLocalDate(y: number, m: number, d: number): LocalDate {
  const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (!isLocalDate(s)) throw new RangeError(`无效的日期：${y}年${m}月${d}日`);
  return s;
}

function dayNumber(date: LocalDate): number {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`无效的日期：${date}`);
  return Date.UTC(p.y, p.m - 1, p.d) / 86400000;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export interface DeadlineStatus {
  deadline: LocalDate;
  today: LocalDate;
  /** deadline − today in calendar days: 0 on the day itself, negative once overdue. */
  daysLeft: number;
  /** true from the day after the deadline (the deadline day itself is still on time). */
  overdue: boolean;
  dueToday: boolean;
}

export function deadlineStatus(deadline: LocalDate, opts?: TimeOptions): DeadlineStatus {
  const t = today(opts);
  const daysLeft = daysBetween(t, deadline);
  return { deadline, today: t, daysLeft, overdue: daysLeft < 0, dueToday: daysLeft === 0 };
}

/** Days left until `deadline` (negative = days overdue), or null without a deadline. */
export function daysLeft(deadline: LocalDate | null | undefined, opts?: TimeOptions): number | null {
  if (!deadline) return null;
  return deadlineStatus(deadline, opts).daysLeft;
}

/** "还剩 3 天" / "今天截止" / "已逾期 2 天" for titles and sheets. */
export function describeDaysLeft(days: number): string {
  if (days > 0) return `还剩 ${days} 天`;
  if (days === 0) return "今天截止";
  return `已逾期 ${-days} 天`;
}
