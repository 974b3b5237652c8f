/**
 * Requirement-set checks through `Office.context.requirements.isSetSupported`: which Excel features
 * Tianbao can use in this Excel, and a clear Chinese message when the minimum (ExcelApi 1.14:
 * Office 2021 / Microsoft 365 / Excel on the web) is missing.
 */

export const MINIMUM_EXCEL_API = "1.14";

export interface ExcelFeatures {
  /** ExcelApi 1.14 or later: Tianbao can run. */
  supported: boolean;
  /** Chinese explanation when `supported` is false, else null. */
  message: string | null;
  /** Highest ExcelApi version found among those Tianbao cares about ("" when none). */
  excelApi: string;
  /** Cell notes (ExcelApi 1.18, Microsoft 365 only); without them notes fall back to input prompts. */
  notes: boolean;
  /** Worksheet custom properties (ExcelApi 1.12). */
  customProperties: boolean;
  /** triggerSource on change events (ExcelApi 1.14), to ignore the add-in's own writes. */
  triggerSource: boolean;
  /** RangeAreas via getRanges (ExcelApi 1.9). */
  rangeAreas: boolean;
  /** worksheets.onNameChanged (ExcelApi 1.17): lets change events name their sheet without a lookup. */
  nameChangedEvents: boolean;
}

type OfficeLike = { context?: { requirements?: { isSetSupported(name: string, version?: string): boolean } } };

const PROBED = ["1.20", "1.19", "1.18", "1.17", "1.16", "1.15", "1.14", "1.13", "1.12", "1.11", "1.10", "1.9"];

/** Reads the supported requirement sets from `office` (default: the global `Office`). Never throws. */
export function checkRequirements(office: OfficeLike | undefined = typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike)): ExcelFeatures {
  const req = office?.context?.requirements;
  const has = (v: string): boolean => {
    try {
      return Boolean(req?.isSetSupported("ExcelApi", v));
    } catch {
      return false;
    }
  };
  if (!req) {
    return {
      supported: false,
      message: "未检测到 Excel：填报助手需要在 Excel（Office 2021 及以上、Microsoft 365 或网页版 Excel）中运行。",
      excelApi: "",
      notes: false,
      customProperties: false,
      triggerSource: false,
      rangeAreas: false,
      nameChangedEvents: false,
    };
  }
  const excelApi = PROBED.find(has) ?? "";
  const supported = has(MINIMUM_EXCEL_API);
  return {
    supported,
    message: supported
      ? null
      : `当前 Excel 版本过低（支持的 ExcelApi 为 ${excelApi || "1.8 或更低"}，需要 ${MINIMUM_EXCEL_API} 及以上）。请使用 Office 2021 及以上、Microsoft 365 或网页版 Excel。`,
    excelApi,
    notes: has("1.18"),
    customProperties: has("1.12"),
    triggerSource: has("1.14"),
    rangeAreas: has("1.9"),
    nameChangedEvents: has("1.17"),
  };
}
