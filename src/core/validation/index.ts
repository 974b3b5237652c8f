/**
 * Validation engine (校验) — pure core, synchronous, no Office/DOM/React imports.
 *
 * ## Reading a sheet
 *   const td = readTable(range, table)        // range: RangeData of the sheet's used range
 *   td.structureFindings                      // missing / renamed / reordered / extra / duplicate
 *                                             // headers, table shifted right or down, no header
 *   td.layout                                 // where each catalog column sits (0-based), record i
 *                                             // = sheet row layout.firstDataRow + i (list tables);
 *                                             // single-record label/value forms are read by label
 *   td.rows[i][c]                             // value of table.columns[c] in record i
 * `readTable` searches the first HEADER_SEARCH_ROWS rows for the best header match (tolerant of
 * spaces, line breaks, full-width characters, 【】/（） and "*" marks) and never throws on cell
 * values. Content checks run on every column that could be matched.
 *
 * ## Checking everything (CLI, 全部校验, before submitting)
 *   checkTables(tableDatas, catalog, { statYear }) → Finding[]
 *
 * ## Live checks (task pane)
 *   const s = new ValidationSession(catalog, { statYear })
 *   s.setTables(tds) / s.setTable(td) → FindingsDelta {added, removed} // on load / activation /
 *                                                                       // header edit / row insert
 *   s.removeTable(tableId)                                              // sheet deleted
 *   const { updates, headerTouched } = rowsFromRange(td, changedRowsRange)
 *   headerTouched ? s.setTable(readTable(usedRange, table)) : s.updateRows(tableId, updates)
 *   s.findings(tableId?) / s.summary(tableId?)
 *   s.rulesAffectedBy(tableId) / s.tablesAffectedBy(tableId)          // cross-table dependents
 *   checkRows(td, rowIndexes, catalog, ctx)                            // row-local only, stateless
 * `updateRows` costs O(changed records + records whose result changes): unique, exists, exclusive
 * and aggregate rules read value→records indexes (indexes.ts) that the session shares between
 * rules with the same (table, columns, condition), builds on first use and updates per record.
 * Record indexes are positions in td.rows; after inserting/deleting sheet rows call `setTable` again.
 *
 * Cost: `checkTables` compiles each table once (code-list indexes, per-column fast validators that
 * skip the full check for clearly valid cells, record rules) — about a schema validator's speed.
 *
 * `ruleProblems(catalog)` lists rules that do not compile (for a catalog imported from a workbook).
 *
 * ## Findings
 *   {table, sheet, row (Excel, 1-based), column (header), cell (A1), rule, severity, message, value}
 * exactly what `tianbao check --json` prints. Messages are Chinese and name table, row, header, the
 * value and what is expected, e.g.
 *   表1-5-1 教职工基本信息 第12行【单位号】“0315”在表1-3 学校教学科研单位中不存在
 * Severity: type/format/code/required/structure-missing/duplicate are errors; spaces, full-width
 * characters, renamed/reordered/extra headers, a moved table, unit slips and rules marked so in the
 * catalog are warnings (they need an 异常数据说明 before submission, not a fix).
 * Built-in rule ids: column.required, column.excelError, column.spaces, column.fullWidth,
 * column.integer, column.decimal, column.decimals, column.range, column.maxLength, column.date,
 * column.yearMonth, column.year, column.code, column.codeValue, column.multiCode, column.idCard,
 * column.url, column.email, column.phone, structure.* and table.empty. Catalog rules use their id.
 *
 * ## Rule kinds (RuleDef.kind + params; column references are column keys)
 *   record rules (rowRules.ts): sum {total, parts[], op?, tolerance?}
 *     compare {left, op, right | value} | {left, op: "between", min, max}   (date columns as dates)
 *     conditional {if: Condition|Condition[], then: Condition|Condition[] | thenRule: {kind, params}}
 *     dateWindow {column, op, bound: point|periodStart|periodEnd|statYear, years?, period?}
 *     pattern {column, regex, description, when?}    unitSlip {column, unit, min?, max?} (warning)
 *   cross-record rules (crossRules.ts): unique {columns[], when?}
 *     exists {columns[], targets: [{table, columns[], name?, where?}], name?, when?, split?}
 *       (split: the cell holds several values separated by ; ， 、 — “T001;T002” — paired with name)
 *     exclusive {columns[], other: {table, columns[]}}
 *     aggregate {columns[], op, of: {table, fn: count|sum, column?, where?, groupBy?}, matchBy?}
 *   Condition = {column, in?, notIn?, empty?, op?, value?, pattern?}
 * Normalisation (normalize.ts) is for checking only: the engine never rewrites a cell; where the raw
 * value differs it suggests the fix (「含全角数字，应为“2024”」).
 */
export type { CheckContext, Finding, FindingsDelta, RowUpdate, TableData, TableLayout } from "./types";
export { readTable, rowsFromRange, headerSimilarity } from "./structure";
export type { ReadTableOptions } from "./structure";
export { checkTables, checkRows, compileTable, ValidationSession, isRowRuleKind, ruleProblems } from "./engine";
export { checkCell, idCardCheckChar, idCardProblem } from "./columns";
export { ROW_RULE_KINDS } from "./rowRules";
export type { Condition, CmpOp } from "./rowRules";
export { CROSS_RULE_KINDS } from "./crossRules";
export * as normalize from "./normalize";
