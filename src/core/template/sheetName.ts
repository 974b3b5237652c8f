/**
 * Sheet names for loaded tables: "1-5-1 教职工基本信息", made valid and unique the way Excel requires.
 *
 * Excel's rules: 1–31 characters (UTF-16 code units), none of  [ ] : * ? / \ , not starting or
 * ending with an apostrophe, unique case-insensitively, and not the reserved name "History".
 * Our own very hidden sheets start with "_tb_", so a table sheet never does.
 * Pure core: no Office, DOM or React imports.
 */

export const MAX_SHEET_NAME_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;
// Control characters (C0, DEL, C1) cannot be typed into a tab name; drop them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const RESERVED = ["HISTORY"];
const OWN_PREFIX = /^_tb_/i;

/** The comparison key Excel uses for sheet-name uniqueness (case-insensitive). */
export function sheetNameKey(name: string): string {
  return name.normalize("NFC").toUpperCase();
}

/** Why `name` is not a valid sheet name, or null when it is. (Chinese; shown to users.) */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "工作表名称不能为空";
  if (name.length > MAX_SHEET_NAME_LENGTH) return `工作表名称“${name}”超过 ${MAX_SHEET_NAME_LENGTH} 个字符`;
  if (/[[\]:*?/\\]/.test(name)) return `工作表名称“${name}”含有不允许的字符 [ ] : * ? / \\`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return `工作表名称“${name}”含有控制字符`;
  if (name.startsWith("'") || name.endsWith("'")) return `工作表名称“${name}”不能以单引号开头或结尾`;
  if (RESERVED.includes(sheetNameKey(name))) return `“${name}”是 Excel 保留的工作表名称`;
  return null;
}

/** Cuts `s` to at most `max` UTF-16 code units without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1; // would leave a lone high surrogate
  return s.slice(0, end);
}

/** Trims spaces and apostrophes from both ends (Excel forbids a leading/trailing apostrophe). */
function trimEnds(s: string): string {
  return s.replace(/^[\s']+|[\s']+$/g, "");
}

/**
 * Makes `wanted` a valid sheet name: forbidden characters become "_", control characters and
 * surrounding spaces/apostrophes go, runs of spaces collapse, and the result is cut to 31
 * characters at a word boundary where one is close. Falls back to `fallback` when nothing is left.
 */
export function sanitizeSheetName(wanted: string, fallback = "数据表"): string {
  let s = wanted.normalize("NFC").replace(CONTROL, "").replace(FORBIDDEN, "_").replace(/\s+/g, " ");
  s = trimEnds(s);
  if (OWN_PREFIX.test(s)) s = s.replace(OWN_PREFIX, "tb_");
  if (s.length > MAX_SHEET_NAME_LENGTH) {
    let c = cut(s, MAX_SHEET_NAME_LENGTH);
    // Prefer to end at a space or separator if that loses only a few characters.
    const space = Math.max(c.lastIndexOf(" "), c.lastIndexOf("_"), c.lastIndexOf("、"));
    if (space >= MAX_SHEET_NAME_LENGTH - 6) c = c.slice(0, space);
    s = trimEnds(c);
  }
  if (s.length === 0 || RESERVED.includes(sheetNameKey(s))) s = fallback === wanted ? "数据表" : sanitizeSheetName(fallback, "数据表");
  return s;
}

/**
 * A valid sheet name for `wanted` that differs (case-insensitively) from every name in `taken`;
 * collisions get a suffix " (2)", " (3)" … with the base shortened so the whole stays ≤ 31.
 */
export function uniqueSheetName(wanted: string, taken: Iterable<string>, fallback?: string): string {
  const used = new Set<string>();
  for (const t of taken) used.add(sheetNameKey(t));
  const base = sanitizeSheetName(wanted, fallback);
  if (!used.has(sheetNameKey(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const head = trimEnds(cut(base, MAX_SHEET_NAME_LENGTH - suffix.length)) || "数据表";
    const candidate = head + suffix;
    if (!used.has(sheetNameKey(candidate))) return candidate;
  }
}

/** The name a table's sheet is given: "<id> <name>", e.g. "1-5-1 教职工基本信息". */
export function tableSheetName(table: { id: string; name: string }, taken: Iterable<string>): string {
  return uniqueSheetName(`${table.id} ${table.name}`, taken, `表${table.id}`);
}
