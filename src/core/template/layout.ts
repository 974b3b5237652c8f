/**
 * Sheet layout shared by the template loader, the validation engine and the workflow.
 *
 * A list table (列表):            A single-record table (单条, label/value form):
 *   row 1  title                   row 1  title
 *   row 2  period window · year    row 2  period window · year
 *   row 3  责任单位 · 审核单位 · 截止  row 3  责任单位 · 审核单位 · 截止
 *   row 4  headers                 row 4  「项目」「填报内容」「单位」「指标解释」
 *   row 5… one row per record      row 5… one row per column: A = header, B = value
 *
 * Readers must not trust these positions blindly: users insert rows or paste a table one column
 * to the right. `locateHeader` in the validation engine searches the first rows for the best
 * header match; these constants are what the loader writes and the search starts from.
 * All indexes are 0-based.
 */
export const TITLE_ROW = 0;
export const PERIOD_ROW = 1;
export const RESPONSIBILITY_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
/** How many rows from the top a reader searches for the header row. */
export const HEADER_SEARCH_ROWS = 12;
/** Headers of the label/value form used for single-record tables. */
export const SINGLE_FORM_HEADERS = ["项目", "填报内容", "单位", "指标解释"] as const;
/** Value column (0-based) of the label/value form. */
export const SINGLE_VALUE_COLUMN = 1;

/** Very hidden sheets Tianbao owns. Their names start with "_tb_" so users recognise them. */
export const LOOKUP_SHEET = "_tb_lists";
export const META_SHEET = "_tb_meta";
export const EXPLANATION_SHEET = "_tb_explanations";
export const APPROVAL_SHEET = "_tb_approvals";
/** The visible, editable responsibility sheet (issue: 责任分解). */
export const ASSIGNMENT_SHEET = "责任分解";

/** Defined name that binds a sheet to its table, so a renamed sheet still works: TB_1_5_1. */
export function tableNameFor(tableId: string): string {
  return "TB_" + tableId.replace(/[^A-Za-z0-9]/g, (c) => (c === "-" || c === "." ? "_" : "x" + c.charCodeAt(0).toString(16)));
}
/** Worksheet custom property keys. */
export const PROP_TABLE_ID = "tianbao.tableId";
export const PROP_CATALOG_ID = "tianbao.catalogId";
export const PROP_DEPARTMENT = "tianbao.department";
export const PROP_REVIEWING = "tianbao.reviewingDepartment";
export const PROP_DEADLINE = "tianbao.deadline";

/**
 * Row 3 (RESPONSIBILITY_ROW): each item is a label cell followed by its value cell (0-based
 * columns). The loader writes the labels and leaves unknown values empty; the responsibility
 * (责任分解) helper fills the value cells later.
 */
export const RESPONSIBILITY_CELLS = {
  department: { key: "department", label: "责任单位：", labelColumn: 0, valueColumn: 1 },
  reviewingDepartment: { key: "reviewingDepartment", label: "审核单位：", labelColumn: 2, valueColumn: 3 },
  deadline: { key: "deadline", label: "截止日期：", labelColumn: 4, valueColumn: 5 },
} as const;

/** How many data rows the loader formats and validates below the header by default (not whole columns). */
export const DEFAULT_DATA_ROWS = 2000;
