/** Small hand-made catalogs and sheets for the validation tests. */
import type { Catalog, ColumnDef, RuleDef, TableDef } from "../../src/core/catalog/types";
import type { CellValue, RangeData } from "../../src/core/workbook/port";
import { readTable } from "../../src/core/validation";

export function col(key: string, header: string, type: ColumnDef["type"] = "text", extra: Partial<ColumnDef> = {}): ColumnDef {
  return { key, header, type, required: false, ...extra };
}

export function table(id: string, name: string, columns: ColumnDef[], rules: RuleDef[] = [], extra: Partial<TableDef> = {}): TableDef {
  return {
    id,
    name,
    category: "test",
    period: "point",
    shape: "list",
    base: false,
    required: false,
    dependsOn: [],
    columns,
    rules,
    provenance: { source: "test", idStatus: "sourced", fieldsStatus: "sourced" },
    ...extra,
  };
}

export function rule(id: string, kind: string, params: Record<string, unknown>, severity: RuleDef["severity"] = "error"): RuleDef {
  return { id, kind, severity, params, provenance: { source: "test" } };
}

export function catalog(tables: TableDef[], crossRules: RuleDef[] = [], codeLists: Catalog["codeLists"] = {}): Catalog {
  return { formatVersion: 1, id: "test", platform: "undergraduate", edition: 2024, name: "测试", tables, codeLists, crossRules, provenance: { source: "test" } };
}

/** A list sheet as the template loader writes it: 3 title rows, header row 4, records from row 5. */
export function listSheet(sheet: string, t: TableDef, records: CellValue[][], headers?: string[]): RangeData {
  const h = headers ?? t.columns.map((c) => c.header);
  const width = Math.max(h.length, ...records.map((r) => r.length));
  const pad = (r: CellValue[]) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? "" : r[i]));
  const values = [pad([`表${t.id} ${t.name}`]), pad(["统计时间：2024-09-30"]), pad(["责任单位：人事处"]), pad(h), ...records.map(pad)];
  return { sheet, address: "", row: 0, column: 0, values };
}

/** A single-record label/value form: 3 title rows, 「项目 填报内容」 row 4, one row per column. */
export function singleSheet(sheet: string, t: TableDef, values: CellValue[]): RangeData {
  const rows: CellValue[][] = [[`表${t.id} ${t.name}`, ""], ["统计时间", ""], ["责任单位", ""], ["项目", "填报内容"]];
  t.columns.forEach((c, i) => rows.push([c.header, values[i] === undefined ? "" : values[i]]));
  return { sheet, address: "", row: 0, column: 0, values: rows };
}

export const read = (t: TableDef, records: CellValue[][], sheet = `表${t.id}`) => readTable(listSheet(sheet, t, records), t);
