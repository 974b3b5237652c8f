/** Live validation in the workbook (see LiveValidator.ts and highlight.ts). Pure core. */
export { LiveValidator } from "./LiveValidator";
export type { LiveValidatorOptions, LiveState, LiveNotice, LiveTimers } from "./LiveValidator";
export { ERROR_FILL, WARNING_FILL, MARKS_SHEET, PROP_LIVE_CF, planConditionalFormats, coveredByCf, parseMarks } from "./highlight";
