/**
 * Finds a catalog table from the way schools write it: "表 1-5-1 教职工基本信息（时点）",
 * "1.6机构设置", "6.1 教师基本情况", "  1 培训进修" under a "6.3 教师其他情况" heading, or just a name.
 * Match order: id (exact, after normalising 表/spaces/full-width), then parent.item for a bare item
 * number, then the name (equal, then a unique containment). Pure core.
 */
import type { Catalog, TableDef } from "../catalog/types";
import { normalizeTableId } from "../catalog/ids";
import { toHalfWidth } from "../validation/normalize";

export interface TableRefParse {
  /** Leading id token ("1-5-1", "6.3", "1"), or "" when the text starts with the name. */
  id: string;
  /** The rest: the table name without period marks such as （时点）. */
  name: string;
}

const CN_NUM = "一二三四五六七八九十";

/** Splits "表 1-5-1 教职工基本信息（时点）" into id and name. */
export function parseTableRef(text: string): TableRefParse {
  let s = toHalfWidth(text).replace(/[\s\u00a0]+/g, " ").trim();
  s = s.replace(/^表\s*/, "");
  const m = /^([0-9]+(?:\s*[.\-－]\s*[0-9]+)*)\s*[、.．:：]?\s*(.*)$/.exec(s);
  let id = "";
  let name = s;
  if (m) {
    id = m[1].replace(/\s+/g, "").replace(/－/g, "-");
    name = m[2];
  } else {
    const cn = new RegExp(`^([${CN_NUM}]{1,3})[、.．\\s]+(.*)$`).exec(s);
    if (cn) {
      id = cn[1];
      name = cn[2];
    }
  }
  return { id, name: stripPeriodMark(name) };
}

function stripPeriodMark(name: string): string {
  return name.replace(/[（(]\s*(时点|学年|自然年)\s*[)）]\s*$/, "").trim();
}

/** Name comparison form: no spaces, half-width, unified brackets, no period marks. */
export function normalizeTableName(name: string): string {
  return stripPeriodMark(toHalfWidth(name))
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/[（【\[]/g, "(")
    .replace(/[）】\]]/g, ")")
    .replace(/[–—－-]/g, "-")
    .toLowerCase();
}

export type TableMatch =
  | { table: TableDef; by: "id" | "parentItem" | "name" }
  | { table: null; reason: string };

export interface TableMatcher {
  byId(id: string): TableDef | undefined;
  /** `parentId` is the id of the nearest heading row above (e.g. "6.3" for "1 培训进修"). */
  match(text: string, parentId?: string): TableMatch;
}

export function createTableMatcher(catalog: Catalog): TableMatcher {
  const ids = new Map<string, TableDef>();
  const names = new Map<string, TableDef[]>();
  for (const t of catalog.tables) {
    ids.set(normalizeTableId(t.id), t);
    const k = normalizeTableName(t.name);
    names.set(k, [...(names.get(k) ?? []), t]);
  }
  const byId = (id: string) => ids.get(normalizeTableId(id));
  const byName = (name: string): TableMatch => {
    const k = normalizeTableName(name);
    if (!k) return { table: null, reason: "没有表号或表名" };
    const exact = names.get(k);
    if (exact && exact.length === 1) return { table: exact[0], by: "name" };
    if (exact && exact.length > 1) return { table: null, reason: `表名「${name}」对应多张表（${exact.map((t) => t.id).join("、")}），请写上表号` };
    const partial = catalog.tables.filter((t) => {
      const tk = normalizeTableName(t.name);
      return k.length >= 2 && (tk.includes(k) || k.includes(tk));
    });
    if (partial.length === 1) return { table: partial[0], by: "name" };
    if (partial.length > 1) return { table: null, reason: `表名「${name}」对应多张表（${partial.map((t) => t.id).join("、")}），请写上表号` };
    return { table: null, reason: `目录中没有名为「${name}」的表` };
  };
  return {
    byId,
    match(text, parentId) {
      const ref = parseTableRef(text);
      if (ref.id) {
        const t = byId(ref.id);
        if (t) return { table: t, by: "id" };
        if (parentId && /^\d+$/.test(ref.id)) {
          const p = byId(`${parentId}.${ref.id}`) ?? byId(`${parentId}-${ref.id}`);
          if (p) return { table: p, by: "parentItem" };
        }
      }
      const n = byName(ref.name || text);
      if (n.table) return n;
      if (ref.id && !/^[一二三四五六七八九十]+$/.test(ref.id)) return { table: null, reason: `目录中没有表号「${ref.id}」，表名「${ref.name}」也找不到对应的表` };
      return n;
    },
  };
}
