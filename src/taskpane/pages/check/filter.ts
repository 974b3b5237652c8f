/** Filters of the 校验 page's findings list (pure; tested in test/taskpane/checkFilters.test.tsx). */
import type { Finding } from "../../../core/validation/types";

export interface FindingFilter {
  severity: "all" | "error" | "warning";
  /** Table id, or "" for every table. */
  table: string;
  /** Free text matched against the message, cell, column header, value and rule id. */
  text: string;
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

export function filterFindings(findings: Finding[], f: FindingFilter): Finding[] {
  const words = f.text.split(/[\s,，]+/).map(norm).filter(Boolean);
  return findings.filter((x) => {
    if (f.severity !== "all" && x.severity !== f.severity) return false;
    if (f.table && x.table !== f.table) return false;
    if (!words.length) return true;
    const hay = norm(`${x.message} ${x.sheet}!${x.cell} ${x.cell} ${x.column} ${x.value} ${x.rule}`);
    return words.every((w) => hay.includes(w));
  });
}

/** The tables that have findings, in the order they first appear (findings come sorted by table). */
export function tablesOf(findings: Finding[]): Array<{ id: string; label: string }> {
  const seen = new Map<string, string>();
  for (const x of findings) if (!seen.has(x.table)) seen.set(x.table, /^表\S+ \S+/.exec(x.message)?.[0] ?? `表${x.table}`);
  return [...seen].map(([id, label]) => ({ id, label }));
}
