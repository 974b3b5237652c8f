/**
 * `Excel`, `Office` and `OfficeExtension` namespaces backed by a FakeWorkbook, either as plain
 * objects (createFakeOfficeGlobals, for injecting into the adapter) or installed on a global object
 * (installFakeOffice, for jsdom tests and the browser preview).
 */
import { FakeErrorCodes, FakeExcelError } from "./errors";
import { FakeRequestContext } from "./api";
import type { FakeWorkbook } from "./model";

export interface FakeOfficeOptions {
  /** Office.context.displayLanguage (default "zh-CN"). */
  displayLanguage?: string;
  /** Office.context.officeTheme (optional, as in Office; default a light theme). */
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string } | null;
  /** Office.onReady's info (default host "Excel", platform "OfficeOnline"). */
  platform?: string;
}

const enums = {
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  ConditionalFormatType: {
    custom: "Custom",
    dataBar: "DataBar",
    colorScale: "ColorScale",
    iconSet: "IconSet",
    topBottom: "TopBottom",
    presetCriteria: "PresetCriteria",
    containsText: "ContainsText",
    cellValue: "CellValue",
  },
  DataValidationType: {
    none: "None",
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    list: "List",
    date: "Date",
    time: "Time",
    textLength: "TextLength",
    custom: "Custom",
    inconsistent: "Inconsistent",
    mixedCriteria: "MixedCriteria",
  },
  DataValidationOperator: {
    between: "Between",
    notBetween: "NotBetween",
    equalTo: "EqualTo",
    notEqualTo: "NotEqualTo",
    greaterThan: "GreaterThan",
    lessThan: "LessThan",
    greaterThanOrEqualTo: "GreaterThanOrEqualTo",
    lessThanOrEqualTo: "LessThanOrEqualTo",
  },
  DataValidationAlertStyle: { stop: "Stop", warning: "Warning", information: "Information" },
  EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
  EventSource: { local: "Local", remote: "Remote" },
  DataChangeType: {
    unknown: "Unknown",
    rangeEdited: "RangeEdited",
    rowInserted: "RowInserted",
    rowDeleted: "RowDeleted",
    columnInserted: "ColumnInserted",
    columnDeleted: "ColumnDeleted",
    cellInserted: "CellInserted",
    cellDeleted: "CellDeleted",
  },
  EventType: { worksheetChanged: "WorksheetChanged", worksheetActivated: "WorksheetActivated" },
  HorizontalAlignment: { general: "General", left: "Left", center: "Center", right: "Right", fill: "Fill", justify: "Justify" },
  VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom", justify: "Justify", distributed: "Distributed" },
  BorderIndex: {
    edgeTop: "EdgeTop",
    edgeBottom: "EdgeBottom",
    edgeLeft: "EdgeLeft",
    edgeRight: "EdgeRight",
    insideVertical: "InsideVertical",
    insideHorizontal: "InsideHorizontal",
  },
  BorderLineStyle: { none: "None", continuous: "Continuous", dash: "Dash", dot: "Dot" },
  ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
  ProtectionSelectionMode: { normal: "Normal", unlocked: "Unlocked", none: "None" },
  ErrorCodes: {
    accessDenied: FakeErrorCodes.accessDenied,
    apiNotFound: FakeErrorCodes.apiNotFound,
    generalException: FakeErrorCodes.generalException,
    invalidArgument: FakeErrorCodes.invalidArgument,
    invalidOperation: FakeErrorCodes.invalidOperation,
    invalidReference: FakeErrorCodes.invalidReference,
    itemAlreadyExists: FakeErrorCodes.itemAlreadyExists,
    itemNotFound: FakeErrorCodes.itemNotFound,
    requestPayloadSizeLimitExceeded: FakeErrorCodes.requestPayloadSizeLimitExceeded,
    responsePayloadSizeLimitExceeded: FakeErrorCodes.responsePayloadSizeLimitExceeded,
  },
} as const;

export interface FakeOfficeGlobals {
  Excel: Record<string, unknown> & { run: (...args: unknown[]) => Promise<unknown> };
  Office: Record<string, unknown>;
  OfficeExtension: Record<string, unknown>;
}

type Batch = (ctx: FakeRequestContext) => Promise<unknown> | unknown;

/** The three namespaces over `fake`, without touching any global. */
export function createFakeOfficeGlobals(fake: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOfficeGlobals {
  /** Excel.run(batch) | run(object, batch) | run(options, batch): runs the batch, then flushes what is still queued. */
  async function run(a: unknown, b?: unknown): Promise<unknown> {
    let batch: Batch;
    let ctx: FakeRequestContext | undefined;
    if (typeof a === "function") batch = a as Batch;
    else {
      batch = b as Batch;
      if (a instanceof FakeRequestContext) ctx = a;
      else if (a && typeof a === "object" && (a as { context?: unknown }).context instanceof FakeRequestContext) ctx = (a as { context: FakeRequestContext }).context;
      else if (Array.isArray(a) && a[0] && (a[0] as { context?: unknown }).context instanceof FakeRequestContext) ctx = (a[0] as { context: FakeRequestContext }).context;
      else if (a && typeof a === "object" && (a as { delayForCellEdit?: boolean }).delayForCellEdit) {
        ctx = new FakeRequestContext(fake);
        ctx.delayForCellEdit = true;
      }
    }
    if (typeof batch !== "function") throw new FakeExcelError("InvalidArgument", "Excel.run needs a batch function.");
    ctx ??= new FakeRequestContext(fake);
    ctx.ownedByRun = true;
    ctx.runDepth++;
    try {
      const result = await batch(ctx);
      if (ctx.hasPending) await ctx.sync();
      return result;
    } finally {
      ctx.runDepth--;
    }
  }

  class RequestContext extends FakeRequestContext {
    constructor() {
      super(fake);
    }
  }

  const Excel = { run, RequestContext, ...enums } as FakeOfficeGlobals["Excel"];

  const theme = options.officeTheme === undefined ? { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" } : options.officeTheme;
  const info = { host: "Excel", platform: options.platform ?? "OfficeOnline" };
  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    initialize: undefined as unknown,
    context: {
      host: "Excel",
      platform: info.platform,
      displayLanguage: options.displayLanguage ?? "zh-CN",
      contentLanguage: options.displayLanguage ?? "zh-CN",
      ...(theme ? { officeTheme: theme } : {}),
      requirements: {
        isSetSupported: (name: string, version?: string | number) => fake.isSetSupported(name, version === undefined ? undefined : String(version)),
      },
      document: {
        addHandlerAsync(_type: string, _handler: unknown, cb?: (r: { status: string }) => void) {
          cb?.({ status: "succeeded" });
        },
      },
    },
  };

  const OfficeExtension = { Error: FakeExcelError, ErrorCodes: enums.ErrorCodes };
  return { Excel, Office, OfficeExtension };
}

/**
 * Defines `Excel`, `Office` and `OfficeExtension` on `target` (default globalThis) so the real task
 * pane runs against `fake` in jsdom or a browser. Returns a function that restores what was there.
 */
export function installFakeOffice(target: object = globalThis, fake: FakeWorkbook, options: FakeOfficeOptions = {}): () => void {
  const g = createFakeOfficeGlobals(fake, options);
  const t = target as Record<string, unknown>;
  const before = { Excel: t.Excel, Office: t.Office, OfficeExtension: t.OfficeExtension };
  t.Excel = g.Excel;
  t.Office = g.Office;
  t.OfficeExtension = g.OfficeExtension;
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete t[k];
      else t[k] = v;
    }
  };
}
