/**
 * The catalog as an editable workbook (issue 3 point 6b): export the whole catalog to sheets the
 * quality office can edit (next year's guide), and import it back without a code change.
 *
 * Sheets (row 1 = header row, one record per row; columns are found by their header, so the
 * office may reorder them):
 *   目录   — 项目 | 值 (format version, id, platform, edition, name, source, note)
 *   表     — one row per table
 *   字段   — one row per column (表编号 + 字段键 …), in table order
 *   代码表 — one row per code value (代码表编号 + 代码 + 名称 …)
 *   规则   — one row per rule (表编号 empty = cross-table rule; 参数 as JSON text)
 *
 * Import collects every problem with sheet, row and column (“工作表“字段”第 12 行“类型”列（D12）：…”)
 * and throws one CatalogError("invalidWorkbook") listing them; nothing is half-imported.
 * Pure core: uses only the WorkbookPort contract.
 */
import type { CellValue, RangeData, WorkbookOp, WorkbookPort } from "../workbook/port";
import { cellAddress } from "../workbook/address";
import type { Catalog, CodeList, ColumnDef, ColumnType, PeriodKind, PlatformId, Provenance, RuleDef, TableDef, TableShape } from "./types";
import { CatalogError } from "./errors";
import { checkCatalogIntegrity } from "./integrity";
import { PERIOD_NAMES, parsePeriodKind } from "./period";

export const CATALOG_SHEETS = { info: "目录", tables: "表", columns: "字段", codeLists: "代码表", rules: "规则" } as const;

export const COLUMN_TYPE_NAMES: Readonly<Record<ColumnType, string>> = {
  text: "文本",
  integer: "整数",
  decimal: "小数",
  date: "日期",
  yearMonth: "年月",
  year: "年份",
  code: "代码",
  multiCode: "多选代码",
  idCard: "身份证号",
  url: "网址",
  email: "电子邮箱",
  phone: "电话",
};

const SHAPE_NAMES: Readonly<Record<TableShape, string>> = { single: "单条", list: "列表" };
const ID_STATUS_NAMES: Readonly<Record<Provenance["idStatus"], string>> = { sourced: "有来源", inferred: "推断", conflicting: "来源冲突" };
const FIELDS_STATUS_NAMES: Readonly<Record<Provenance["fieldsStatus"], string>> = { sourced: "有来源", inferred: "推断", unknown: "未知" };
const SEVERITY_NAMES = { error: "错误", warning: "警告" } as const;
const PLATFORM_LABELS: Readonly<Record<PlatformId, string>> = { undergraduate: "本科", vocational: "高职" };

// Header rows (the import finds columns by these names).
const INFO_HEADERS = ["项目", "值"] as const;
const TABLE_HEADERS = ["表编号", "表名", "类别", "统计时间", "表类型", "基础表", "必填", "依赖表", "责任单位", "审核单位", "步骤", "不完整", "来源", "编号状态", "字段状态", "原编号", "说明"] as const;
const COLUMN_HEADERS = ["表编号", "字段键", "表头", "类型", "必填", "单位", "代码表", "列宽", "最大长度", "小数位", "最小值", "最大值", "指标解释"] as const;
const CODE_HEADERS = ["代码表编号", "代码表名称", "代码", "名称", "来源", "说明"] as const;
const RULE_HEADERS = ["表编号", "规则编号", "规则类型", "严重程度", "提示", "参数", "来源", "说明"] as const;

const INFO_KEYS = { formatVersion: "格式版本", id: "目录编号", platform: "平台", edition: "版本年份", name: "名称", source: "来源", note: "说明" } as const;

// ---------------------------------------------------------------------------------------------
// Export

function yesNo(b: boolean | undefined): string {
  return b === undefined ? "" : b ? "是" : "否";
}

function opt(v: string | number | undefined): CellValue {
  return v === undefined ? "" : v;
}

function sheetOps(sheet: string, headers: readonly string[], rows: CellValue[][], textColumns: number[], widths: number[]): WorkbookOp[] {
  const last = rows.length + 1;
  const ops: WorkbookOp[] = [{ kind: "addSheet", sheet }];
  // Text format before values, so "1-1" stays an id (not a date) and "01" keeps its zero.
  for (const c of textColumns) ops.push({ kind: "setFormat", sheet, address: `${cellAddress(0, c)}:${cellAddress(last - 1, c)}`, format: { numberFormat: "@" } });
  ops.push({ kind: "setValues", sheet, address: "A1", values: [headers.slice(), ...rows] });
  ops.push({ kind: "setFormat", sheet, address: `A1:${cellAddress(0, headers.length - 1)}`, format: { font: { bold: true }, fill: "#DDEBF7", border: true } });
  ops.push({ kind: "freezePanes", sheet, rows: 1, columns: 0 });
  ops.push({ kind: "setColumnWidths", sheet, widths: widths.map((chars, column) => ({ column, chars })) });
  return ops;
}

/** Operations that write the catalog as five sheets (目录, 表, 字段, 代码表, 规则) into an empty workbook. */
export function catalogToWorkbookOps(catalog: Catalog): WorkbookOp[] {
  const info: CellValue[][] = [
    [INFO_KEYS.formatVersion, catalog.formatVersion],
    [INFO_KEYS.id, catalog.id],
    [INFO_KEYS.platform, PLATFORM_LABELS[catalog.platform]],
    [INFO_KEYS.edition, catalog.edition],
    [INFO_KEYS.name, catalog.name],
    [INFO_KEYS.source, catalog.provenance.source],
    [INFO_KEYS.note, opt(catalog.provenance.note)],
  ];
  const tables: CellValue[][] = catalog.tables.map((t) => [
    t.id,
    t.name,
    t.category,
    PERIOD_NAMES[t.period],
    SHAPE_NAMES[t.shape],
    yesNo(t.base),
    yesNo(t.required),
    t.dependsOn.join("、"),
    opt(t.department),
    opt(t.reviewingDepartment),
    opt(t.step),
    yesNo(t.incomplete),
    t.provenance.source,
    ID_STATUS_NAMES[t.provenance.idStatus],
    FIELDS_STATUS_NAMES[t.provenance.fieldsStatus],
    opt(t.provenance.sourceId),
    opt(t.provenance.note),
  ]);
  const columns: CellValue[][] = [];
  for (const t of catalog.tables)
    for (const c of t.columns)
      columns.push([t.id, c.key, c.header, COLUMN_TYPE_NAMES[c.type], yesNo(c.required), opt(c.unit), opt(c.codeList), opt(c.width), opt(c.maxLength), opt(c.decimals), opt(c.min), opt(c.max), opt(c.description)]);
  const codes: CellValue[][] = [];
  for (const list of Object.values(catalog.codeLists))
    list.values.forEach((v, i) =>
      codes.push([list.id, i === 0 ? list.name : "", v.value, v.label, i === 0 ? list.provenance.source : "", i === 0 ? opt(list.provenance.note) : ""]),
    );
  const ruleRow = (tableId: string, r: RuleDef): CellValue[] => [tableId, r.id, r.kind, SEVERITY_NAMES[r.severity], opt(r.message), JSON.stringify(r.params), r.provenance.source, opt(r.provenance.note)];
  const rules: CellValue[][] = [];
  for (const t of catalog.tables) for (const r of t.rules) rules.push(ruleRow(t.id, r));
  for (const r of catalog.crossRules) rules.push(ruleRow("", r));

  return [
    ...sheetOps(CATALOG_SHEETS.info, INFO_HEADERS, info, [1], [12, 80]),
    ...sheetOps(CATALOG_SHEETS.tables, TABLE_HEADERS, tables, [0, 7, 15], [10, 30, 20, 8, 8, 8, 6, 20, 12, 12, 6, 8, 40, 10, 10, 20, 60]),
    ...sheetOps(CATALOG_SHEETS.columns, COLUMN_HEADERS, columns, [0, 1, 6], [10, 14, 30, 10, 6, 8, 12, 6, 8, 6, 8, 8, 60]),
    ...sheetOps(CATALOG_SHEETS.codeLists, CODE_HEADERS, codes, [0, 2, 3], [14, 20, 10, 30, 40, 40]),
    ...sheetOps(CATALOG_SHEETS.rules, RULE_HEADERS, rules, [0, 1], [10, 28, 16, 8, 40, 50, 30, 30]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Import

const FULL_WIDTH = /[\uff01-\uff5e]/g;

function clean(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "boolean") return v ? "是" : "否";
  return String(v).replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim();
}

/** Text cells keep their inner content (descriptions, names) but lose surrounding spaces. */
function text(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

class SheetReader {
  readonly cols = new Map<string, number>();
  constructor(
    readonly sheet: string,
    readonly data: RangeData,
    headers: readonly string[],
    required: readonly string[],
    readonly problems: string[],
  ) {
    const head = (data.values[0] ?? []).map((v) => clean(v).replace(/\s/g, ""));
    for (const h of headers) {
      const at = head.indexOf(h);
      if (at >= 0) this.cols.set(h, at);
      else if (required.includes(h)) problems.push(`工作表“${sheet}”缺少“${h}”列（第 ${data.row + 1} 行应为表头：${headers.join("、")}）`);
    }
  }
  get rows(): number[] {
    const out: number[] = [];
    for (let r = 1; r < this.data.values.length; r++) if (this.data.values[r].some((v) => clean(v) !== "")) out.push(r);
    return out;
  }
  raw(r: number, h: string): CellValue | undefined {
    const c = this.cols.get(h);
    return c === undefined ? undefined : this.data.values[r]?.[c];
  }
  /** "工作表“字段”第 12 行“类型”列（D12）" */
  where(r: number, h: string): string {
    const c = this.cols.get(h);
    const addr = c === undefined ? "" : `（${cellAddress(this.data.row + r, this.data.column + c)}）`;
    return `工作表“${this.sheet}”第 ${this.data.row + r + 1} 行“${h}”列${addr}`;
  }
  str(r: number, h: string): string {
    return clean(this.raw(r, h));
  }
  txt(r: number, h: string): string {
    return text(this.raw(r, h));
  }
  need(r: number, h: string): string {
    const s = this.txt(r, h);
    if (!s) this.problems.push(`${this.where(r, h)}：不能为空`);
    return s;
  }
  bool(r: number, h: string, dflt?: boolean): boolean | undefined {
    const s = this.str(r, h);
    if (s === "") return dflt;
    if (["是", "y", "yes", "true", "1", "√"].includes(s.toLowerCase())) return true;
    if (["否", "n", "no", "false", "0"].includes(s.toLowerCase())) return false;
    this.problems.push(`${this.where(r, h)}：“${s}”应为“是”或“否”`);
    return dflt;
  }
  num(r: number, h: string, integer = false): number | undefined {
    const v = this.raw(r, h);
    const s = clean(v);
    if (s === "") return undefined;
    const n = typeof v === "number" ? v : Number(s.replace(/,/g, ""));
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.problems.push(`${this.where(r, h)}：“${s}”不是${integer ? "整数" : "数字"}`);
      return undefined;
    }
    return n;
  }
  pick<T extends string>(r: number, h: string, names: Readonly<Record<T, string>>, what: string): T | undefined {
    const s = this.str(r, h);
    for (const [k, label] of Object.entries(names) as Array<[T, string]>) if (s === label || s === k) return k;
    this.problems.push(`${this.where(r, h)}：未知的${what}“${s}”，应为 ${Object.values(names).join("、")} 之一`);
    return undefined;
  }
}

function setIf<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined | ""): void {
  if (v !== undefined && v !== "") o[k] = v as T[K];
}

/** Reads a catalog from the five sheets' data (as `port.read` returns it). */
export function catalogFromRanges(ranges: RangeData[]): Catalog {
  const problems: string[] = [];
  const bySheet = new Map(ranges.map((r) => [r.sheet, r]));
  const get = (name: string): RangeData | undefined => {
    const d = bySheet.get(name);
    if (!d) problems.push(`缺少工作表“${name}”（目录工作簿应有 ${Object.values(CATALOG_SHEETS).join("、")} 五张工作表）`);
    return d;
  };
  const infoData = get(CATALOG_SHEETS.info);
  const tableData = get(CATALOG_SHEETS.tables);
  const columnData = get(CATALOG_SHEETS.columns);
  const codeData = get(CATALOG_SHEETS.codeLists);
  const ruleData = get(CATALOG_SHEETS.rules);
  if (!infoData || !tableData || !columnData || !codeData || !ruleData) throw fail(problems);

  // 目录
  const info = new SheetReader(CATALOG_SHEETS.info, infoData, INFO_HEADERS, INFO_HEADERS, problems);
  const infoRows = new Map<string, number>();
  for (const r of info.rows) infoRows.set(info.str(r, "项目"), r);
  const infoValue = (key: string, required: boolean): { r: number; v: CellValue | undefined } => {
    const r = infoRows.get(key);
    if (r === undefined) {
      if (required) problems.push(`工作表“${CATALOG_SHEETS.info}”缺少“${key}”一行`);
      return { r: -1, v: undefined };
    }
    return { r, v: info.raw(r, "值") };
  };
  const fv = infoValue(INFO_KEYS.formatVersion, true);
  const edition = infoValue(INFO_KEYS.edition, true);
  const platformCell = infoValue(INFO_KEYS.platform, true);
  let platform: PlatformId = "undergraduate";
  if (platformCell.r >= 0) platform = info.pick(platformCell.r, "值", PLATFORM_LABELS, "平台") ?? platform;
  const catalog: Catalog = {
    formatVersion: fv.r >= 0 ? (info.num(fv.r, "值", true) ?? 0) : 0,
    id: text(infoValue(INFO_KEYS.id, true).v),
    platform,
    edition: edition.r >= 0 ? (info.num(edition.r, "值", true) ?? 0) : 0,
    name: text(infoValue(INFO_KEYS.name, true).v),
    tables: [],
    codeLists: {},
    crossRules: [],
    provenance: { source: text(infoValue(INFO_KEYS.source, true).v) },
  };
  setIf(catalog.provenance, "note", text(infoValue(INFO_KEYS.note, false).v));
  if (!catalog.id) problems.push(`工作表“${CATALOG_SHEETS.info}”：“${INFO_KEYS.id}”不能为空`);

  // 代码表
  const codes = new SheetReader(CATALOG_SHEETS.codeLists, codeData, CODE_HEADERS, ["代码表编号", "代码", "名称"], problems);
  for (const r of codes.rows) {
    const id = codes.need(r, "代码表编号");
    if (!id) continue;
    let list = catalog.codeLists[id];
    if (!list) {
      list = catalog.codeLists[id] = { id, name: codes.txt(r, "代码表名称"), values: [], provenance: { source: codes.txt(r, "来源") } };
      setIf(list.provenance, "note", codes.txt(r, "说明"));
    } else {
      if (!list.name) list.name = codes.txt(r, "代码表名称");
      if (!list.provenance.source) list.provenance.source = codes.txt(r, "来源");
      if (list.provenance.note === undefined) setIf(list.provenance, "note", codes.txt(r, "说明"));
    }
    const value = codes.need(r, "代码");
    const label = codes.need(r, "名称");
    if (value && list.values.some((v) => v.value === value)) problems.push(`${codes.where(r, "代码")}：代码表 ${id} 中代码“${value}”重复`);
    list.values.push({ value, label });
  }
  for (const list of Object.values(catalog.codeLists) as CodeList[]) if (!list.name) problems.push(`工作表“${CATALOG_SHEETS.codeLists}”：代码表 ${list.id} 缺少代码表名称（写在它的第一行）`);

  // 表
  const tr = new SheetReader(CATALOG_SHEETS.tables, tableData, TABLE_HEADERS, ["表编号", "表名", "类别", "统计时间", "表类型"], problems);
  const tableById = new Map<string, TableDef>();
  for (const r of tr.rows) {
    const id = tr.need(r, "表编号");
    if (id && tableById.has(id)) {
      problems.push(`${tr.where(r, "表编号")}：表编号“${id}”重复`);
      continue;
    }
    const periodText = tr.str(r, "统计时间");
    const period: PeriodKind | undefined = parsePeriodKind(periodText);
    if (!period) problems.push(`${tr.where(r, "统计时间")}：未知的统计时间“${periodText}”，应为 时点、学年、自然年 之一`);
    const shape = tr.pick(r, "表类型", SHAPE_NAMES, "表类型");
    const provenance: Provenance = {
      source: tr.txt(r, "来源"),
      idStatus: tr.str(r, "编号状态") === "" ? "inferred" : (tr.pick(r, "编号状态", ID_STATUS_NAMES, "编号状态") ?? "inferred"),
      fieldsStatus: tr.str(r, "字段状态") === "" ? "unknown" : (tr.pick(r, "字段状态", FIELDS_STATUS_NAMES, "字段状态") ?? "unknown"),
    };
    setIf(provenance, "sourceId", tr.txt(r, "原编号"));
    setIf(provenance, "note", tr.txt(r, "说明"));
    const t: TableDef = {
      id,
      name: tr.need(r, "表名"),
      category: tr.need(r, "类别"),
      period: period ?? "point",
      shape: shape ?? "list",
      base: tr.bool(r, "基础表", false) as boolean,
      required: tr.bool(r, "必填", false) as boolean,
      dependsOn: tr.str(r, "依赖表").split(/[、,，;；\s]+/).filter(Boolean),
      columns: [],
      rules: [],
      provenance,
    };
    setIf(t, "department", tr.txt(r, "责任单位"));
    setIf(t, "reviewingDepartment", tr.txt(r, "审核单位"));
    setIf(t, "step", tr.num(r, "步骤", true));
    const inc = tr.bool(r, "不完整");
    if (inc !== undefined) t.incomplete = inc;
    tableById.set(id, t);
    catalog.tables.push(t);
  }

  // 字段
  const cr = new SheetReader(CATALOG_SHEETS.columns, columnData, COLUMN_HEADERS, ["表编号", "字段键", "表头", "类型"], problems);
  for (const r of cr.rows) {
    const tableId = cr.need(r, "表编号");
    const t = tableById.get(tableId);
    if (tableId && !t) {
      problems.push(`${cr.where(r, "表编号")}：表“${tableId}”不在工作表“${CATALOG_SHEETS.tables}”中`);
      continue;
    }
    if (!t) continue;
    const key = cr.need(r, "字段键");
    const header = cr.need(r, "表头");
    if (key && t.columns.some((c) => c.key === key)) problems.push(`${cr.where(r, "字段键")}：表 ${tableId} 中字段键“${key}”重复`);
    if (header && t.columns.some((c) => c.header === header)) problems.push(`${cr.where(r, "表头")}：表 ${tableId} 中表头“${header}”重复`);
    const type = cr.pick(r, "类型", COLUMN_TYPE_NAMES, "类型") ?? "text";
    const col: ColumnDef = { key, header, type, required: cr.bool(r, "必填", false) as boolean };
    setIf(col, "unit", cr.txt(r, "单位"));
    const codeList = cr.str(r, "代码表");
    if (codeList) {
      if (!catalog.codeLists[codeList]) problems.push(`${cr.where(r, "代码表")}：代码表“${codeList}”不在工作表“${CATALOG_SHEETS.codeLists}”中`);
      col.codeList = codeList;
    } else if (type === "code" || type === "multiCode") problems.push(`${cr.where(r, "代码表")}：类型为“${COLUMN_TYPE_NAMES[type]}”的字段必须指定代码表`);
    setIf(col, "width", cr.num(r, "列宽"));
    setIf(col, "description", cr.txt(r, "指标解释"));
    setIf(col, "maxLength", cr.num(r, "最大长度", true));
    setIf(col, "decimals", cr.num(r, "小数位", true));
    setIf(col, "min", cr.num(r, "最小值"));
    setIf(col, "max", cr.num(r, "最大值"));
    t.columns.push(col);
  }

  // 规则
  const rr = new SheetReader(CATALOG_SHEETS.rules, ruleData, RULE_HEADERS, ["表编号", "规则编号", "规则类型", "严重程度", "参数"], problems);
  for (const r of rr.rows) {
    const tableId = rr.str(r, "表编号");
    const t = tableId ? tableById.get(tableId) : undefined;
    if (tableId && !t) {
      problems.push(`${rr.where(r, "表编号")}：表“${tableId}”不在工作表“${CATALOG_SHEETS.tables}”中`);
      continue;
    }
    const severity = rr.pick(r, "严重程度", SEVERITY_NAMES, "严重程度") ?? "error";
    let params: Record<string, unknown> = {};
    const paramText = rr.txt(r, "参数");
    if (paramText) {
      try {
        const parsed: unknown = JSON.parse(paramText);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) params = parsed as Record<string, unknown>;
        else problems.push(`${rr.where(r, "参数")}：参数应为 JSON 对象（{…}）`);
      } catch (e) {
        problems.push(`${rr.where(r, "参数")}：参数不是有效的 JSON（${(e as Error).message}）`);
      }
    }
    const rule: RuleDef = { id: rr.need(r, "规则编号"), kind: rr.need(r, "规则类型"), severity, params, provenance: { source: rr.txt(r, "来源") } };
    setIf(rule, "message", rr.txt(r, "提示"));
    setIf(rule.provenance, "note", rr.txt(r, "说明"));
    (t ? t.rules : catalog.crossRules).push(rule);
  }

  if (problems.length === 0) problems.push(...checkCatalogIntegrity(catalog));
  if (problems.length) throw fail(problems);
  return catalog;
}

function fail(problems: string[]): CatalogError {
  const head = problems.length === 1 ? problems[0] : `目录工作簿有 ${problems.length} 处问题，未导入。第一处：${problems[0]}`;
  return new CatalogError("invalidWorkbook", head, problems);
}

/** Reads the five catalog sheets through the port (one batched read) and builds the catalog. */
export async function catalogFromWorkbook(source: WorkbookPort | RangeData[]): Promise<Catalog> {
  if (Array.isArray(source)) return catalogFromRanges(source);
  const names = new Set((await source.getSheets()).map((s) => s.name));
  const missing = Object.values(CATALOG_SHEETS).filter((s) => !names.has(s));
  if (missing.length) throw fail(missing.map((s) => `缺少工作表“${s}”（目录工作簿应有 ${Object.values(CATALOG_SHEETS).join("、")} 五张工作表）`));
  const ranges = await source.read(Object.values(CATALOG_SHEETS).map((sheet) => ({ sheet })));
  return catalogFromRanges(ranges);
}
