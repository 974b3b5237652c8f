/** Catalog integrity: the problems that would make a catalog unusable. Pure core. */
import type { Catalog, CodeList, ColumnType, TableShape } from "./types";
import { CATALOG_FORMAT_VERSION } from "./types";

export const COLUMN_TYPES: readonly ColumnType[] = ["text", "integer", "decimal", "date", "yearMonth", "year", "code", "multiCode", "idCard", "url", "email", "phone"];
export const TABLE_SHAPES: readonly TableShape[] = ["single", "list"];

/** Problems that would make a catalog unusable, as Chinese messages naming table and column. Empty = fine. */
export function checkCatalogIntegrity(catalog: Catalog): string[] {
  const problems: string[] = [];
  if (catalog.formatVersion !== CATALOG_FORMAT_VERSION) problems.push(`目录格式版本 ${catalog.formatVersion} 不受支持（应为 ${CATALOG_FORMAT_VERSION}）`);
  if (catalog.platform !== "undergraduate" && catalog.platform !== "vocational") problems.push(`未知的平台“${catalog.platform}”`);
  const ids = new Set<string>();
  for (const t of catalog.tables) {
    const where = `表 ${t.id}（${t.name}）`;
    if (!t.id) problems.push(`有一张表没有编号（${t.name}）`);
    if (ids.has(t.id)) problems.push(`${where}：表编号重复`);
    ids.add(t.id);
    if (!(["point", "academicYear", "calendarYear"] as string[]).includes(t.period)) problems.push(`${where}：统计时间“${t.period}”无效`);
    if (!(TABLE_SHAPES as string[]).includes(t.shape)) problems.push(`${where}：表类型“${t.shape}”无效`);
    if (t.columns.length === 0 && !t.incomplete) problems.push(`${where}：没有字段，却未标记为不完整`);
    const keys = new Set<string>();
    const headers = new Set<string>();
    for (const c of t.columns) {
      const at = `${where} 字段“${c.header}”`;
      if (!c.key) problems.push(`${at}：缺少字段键`);
      if (keys.has(c.key)) problems.push(`${at}：字段键 ${c.key} 重复`);
      keys.add(c.key);
      if (!c.header) problems.push(`${where} 字段 ${c.key}：缺少表头`);
      if (headers.has(c.header)) problems.push(`${at}：表头重复`);
      headers.add(c.header);
      if (!(COLUMN_TYPES as string[]).includes(c.type)) problems.push(`${at}：类型“${c.type}”无效`);
      if ((c.type === "code" || c.type === "multiCode") && !c.codeList) problems.push(`${at}：代码类型的字段缺少代码表`);
      if (c.codeList && !catalog.codeLists[c.codeList]) problems.push(`${at}：代码表 ${c.codeList} 不存在`);
    }
  }
  for (const t of catalog.tables)
    for (const d of t.dependsOn) if (!ids.has(d)) problems.push(`表 ${t.id}（${t.name}）：依赖的表 ${d} 不存在`);
  for (const [id, list] of Object.entries(catalog.codeLists) as Array<[string, CodeList]>) {
    if (list.id !== id) problems.push(`代码表 ${id}：编号与其 id 字段（${list.id}）不一致`);
    if (list.values.length === 0) problems.push(`代码表 ${id}（${list.name}）：没有代码值`);
    const seen = new Set<string>();
    for (const v of list.values) {
      if (seen.has(v.value)) problems.push(`代码表 ${id}（${list.name}）：代码值 ${v.value} 重复`);
      seen.add(v.value);
    }
  }
  return problems;
}
