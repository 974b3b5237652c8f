/**
 * The workflow: 责任分解 (assignments, deadlines, the 责任分解 sheet, import, responsibility rows),
 * the 总览, and the review chain (approval log, explanations, locking, verification, 审核表).
 * Pure core: everything works on plain data and WorkbookPort, shared by the pane and the CLI.
 */
export * from "./clock";
export { cellText, parseDateCell, localDateToSerial, formatChineseDate, splitList, departmentKey, sameDepartment, type DateCell } from "./cells";
export * from "./findings";
export * from "./seedPlans";
export * from "./tableMatch";
export * from "./assignment";
export * from "./assignmentSheet";
export * from "./importDecomposition";
export * from "./responsibility";
export * from "./hash";
export * from "./review";
export * from "./approvalLog";
export * from "./explanations";
export * from "./lock";
export * from "./reviewAction";
export * from "./reviewStatus";
export * from "./verify";
export * from "./overview";
export * from "./signOff";
export * from "./workbook";
