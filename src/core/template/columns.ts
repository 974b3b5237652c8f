/**
 * How each column type is presented on a template: number format, width, data validation and the
 * header note. One table of decisions so the list layout and the label/value form agree.
 *
 * Number formats: everything that is an identifier or code (codes, ID-card numbers, phone numbers,
 * year-month YYYYMM, URLs, e-mail, free text) is text "@" so leading zeros survive and Excel does
 * not turn "202409" or "1-5-1" into numbers or dates; integers "0", decimals "0.00" (or the
 * column's decimals), dates "yyyy-mm-dd", years "0".
 *
 * Validation style: every Excel validation is a WARNING, never a STOP. Plain paste bypasses Excel
 * validation anyway, so the validation engine (校验) is the real check; the warning tells a clerk
 * at once while typing, but still lets them keep a value Excel's rule does not know — a code the
 * platform added after our code list was made, or a value they will explain (异常数据说明). A STOP
 * would give a false sense of safety and block legitimate values.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog, ColumnDef, ColumnType, TableDef } from "../catalog/types";
import type { DataValidation } from "../workbook/port";
import { lookupSource, type LookupState } from "./lookup";

export const TYPE_NAMES: Readonly<Record<ColumnType, string>> = {
  text: "文本",
  integer: "整数",
  decimal: "小数",
  date: "日期（yyyy-mm-dd）",
  yearMonth: "年月（YYYYMM）",
  year: "年份（YYYY）",
  code: "代码",
  multiCode: "多个代码",
  idCard: "身份证号",
  url: "网址",
  email: "电子邮箱",
  phone: "电话",
};

export function numberFormatFor(col: Pick<ColumnDef, "type" | "decimals">): string {
  switch (col.type) {
    case "integer":
    case "year":
      return "0";
    case "decimal": {
      const d = col.decimals ?? 2;
      return d > 0 ? "0." + "0".repeat(Math.min(d, 10)) : "0";
    }
    case "date":
      return "yyyy-mm-dd";
    default:
      return "@";
  }
}

const DEFAULT_WIDTHS: Readonly<Record<ColumnType, number>> = {
  text: 16,
  integer: 10,
  decimal: 12,
  date: 12,
  yearMonth: 10,
  year: 8,
  code: 10,
  multiCode: 14,
  idCard: 20,
  url: 24,
  email: 20,
  phone: 14,
};

/** Display width of a string in Excel character units: CJK and full-width count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** Column width in characters: the catalog width if given, else by type, widened for the header (wrapped, so capped). */
export function widthFor(col: Pick<ColumnDef, "type" | "width" | "header">): number {
  const byHeader = Math.min(displayWidth(col.header) + 2, 24);
  const base = col.width ?? DEFAULT_WIDTHS[col.type];
  return Math.max(8, Math.min(60, Math.max(base, byHeader)));
}

/** Excel limits: title ≤ 32 characters, message ≤ 255 characters. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

function validation(title: string, message: string, rule: DataValidation["rule"], prompt?: string): DataValidation {
  const v: DataValidation = { rule, errorStyle: "warning", errorTitle: clip(title, 32), errorMessage: clip(message, 255), allowBlank: true };
  if (prompt) {
    v.promptTitle = clip(title, 32);
    v.prompt = clip(prompt, 255);
  }
  return v;
}

/** A short hint of the names to choose from: 「可选：男；女」, cut to fit 255 characters. */
export function codeHint(values: Array<{ value: string; label: string }>): string {
  const parts: string[] = [];
  let len = 0;
  const tail = `…（共 ${values.length} 项，完整列表见下拉框或任务窗格）`;
  for (const v of values) {
    const p = v.label || v.value;
    if (len + p.length + 1 > 255 - tail.length - 6) return `可选：${parts.join("；")}${tail}`;
    parts.push(p);
    len += p.length + 1;
  }
  return `可选：${parts.join("；")}`;
}

/**
 * The Excel data validation for a column, or null when Excel has no useful rule for it.
 * `where` names the table and column for the Chinese messages, e.g. 「表1-5-1【性别】」.
 */
export function validationFor(col: ColumnDef, catalog: Catalog, lookup: LookupState, where: string): DataValidation | null {
  const title = col.header;
  switch (col.type) {
    case "code": {
      const entry = col.codeList ? lookup.lists.get(col.codeList) : undefined;
      if (!entry || entry.values.length === 0) return null;
      const list = catalog.codeLists[col.codeList!];
      return validation(
        title,
        `${where}：“${col.header}”应填写“${list?.name ?? col.codeList}”中的一项，请从下拉列表选择。`,
        { type: "list", source: lookupSource(entry) },
        codeHint(entry.values),
      );
    }
    case "multiCode": {
      // Excel lists allow one value per cell; the engine checks each code of a multi-code cell.
      const entry = col.codeList ? lookup.lists.get(col.codeList) : undefined;
      if (!entry) return null;
      return validation(title, `${where}：多项之间用“、”分隔。`, { type: "textLength", max: 255 }, `可填多项，用“、”分隔。${codeHint(entry.values)}`);
    }
    case "integer": {
      const min = col.min ?? 0;
      const max = col.max ?? 999999999;
      return validation(title, `${where}：“${col.header}”应为 ${min}–${max} 之间的整数${col.unit ? `（单位：${col.unit}）` : ""}。`, { type: "wholeNumber", min, max });
    }
    case "decimal": {
      const min = col.min ?? 0;
      const max = col.max ?? 999999999999;
      const d = col.decimals ?? 2;
      return validation(title, `${where}：“${col.header}”应为不小于 ${min} 的数字，最多 ${d} 位小数${col.unit ? `（单位：${col.unit}）` : ""}。`, { type: "decimal", min, max });
    }
    case "date":
      return validation(title, `${where}：“${col.header}”应为日期，格式 yyyy-mm-dd，例如 2024-09-30。`, { type: "date", min: "1900-01-01", max: "2100-12-31" });
    case "year": {
      const min = col.min ?? 1800;
      const max = col.max ?? 2100;
      return validation(title, `${where}：“${col.header}”应为四位年份，例如 2024。`, { type: "wholeNumber", min, max });
    }
    case "yearMonth":
      return validation(title, `${where}：“${col.header}”应为六位年月 YYYYMM，例如 202409。`, { type: "textLength", max: 6 });
    case "idCard":
      return validation(title, `${where}：“${col.header}”应为 18 位身份证号（最后一位可为 X）。`, { type: "textLength", max: 18 });
    default:
      if (col.maxLength && col.maxLength > 0) {
        return validation(title, `${where}：“${col.header}”最多 ${col.maxLength} 个字符。`, { type: "textLength", max: col.maxLength });
      }
      return null;
  }
}

/** The header note: 必填/选填, type, unit, code list and the 指标解释. */
export function headerNote(col: ColumnDef, catalog: Catalog): string {
  const lines = [`${col.header}（${col.required ? "必填" : "选填"}）`, `类型：${TYPE_NAMES[col.type]}`];
  if (col.unit) lines.push(`单位：${col.unit}`);
  if (col.codeList) {
    const list = catalog.codeLists[col.codeList];
    lines.push(`代码表：${list ? `${list.id} ${list.name}` : col.codeList}`);
  }
  if (col.description) lines.push(`指标解释：${col.description}`);
  return lines.join("\n");
}

/** The code lists a set of tables needs, in first-use order. */
export function codeListsFor(tables: TableDef[], catalog: Catalog): string[] {
  const ids: string[] = [];
  for (const t of tables)
    for (const c of t.columns) if (c.codeList && catalog.codeLists[c.codeList] && !ids.includes(c.codeList)) ids.push(c.codeList);
  return ids;
}
