/** Workbook settings kept on the very hidden meta sheet (统计年度, catalog id, format version). */
export { getStatYear, setStatYear, validateStatYear, SettingsError } from "./statYear";
export type { SetStatYearResult } from "./statYear";
export { readMeta, parseMeta, META_FORMAT_VERSION, META_KEYS } from "./meta";
export type { MetaData, MetaTableRow } from "./meta";
