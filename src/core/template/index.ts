/** Template loader: catalog tables → formatted sheets, through WorkbookPort only. */
export * from "./layout";
export { planTemplates, tableSheetOps, incompleteNotice, opBytes, DEFAULT_MAX_BATCH_BYTES, WIDE_TABLE_COLUMNS } from "./plan";
export type { TemplateOptions, TemplatePlan, TemplateReport, ReportEntry, ReportLevel, PlanBatch } from "./plan";
export { loadTemplates } from "./load";
export type { LoadProgress, LoadResult } from "./load";
export { readBinding, resolveTableSheets, bindTables } from "./binding";
export type { Binding, TableBinding, BindingConflict, BindingSource } from "./binding";
export { readWorkbookState, isOwnSheet } from "./state";
export type { WorkbookState } from "./state";
export { compareHeaders, normalizeHeader } from "./headers";
export type { HeaderDifference, HeaderComparison } from "./headers";
export { sanitizeSheetName, uniqueSheetName, tableSheetName, sheetNameProblem, MAX_SHEET_NAME_LENGTH } from "./sheetName";
export { tableTitle, periodText, parseTitle, parsePeriodText } from "./titles";
export { resolveTableIds, splitTableIds } from "./select";
export { TemplateError } from "./errors";
export type { TemplateErrorCode } from "./errors";
export { numberFormatFor, validationFor, headerNote, TYPE_NAMES } from "./columns";
