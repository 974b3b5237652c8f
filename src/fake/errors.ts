/** Errors thrown by the Excel fake, shaped like `OfficeExtension.Error` (code, message, debugInfo). */

export const FakeErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidReference: "InvalidReference",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  invalidObjectPath: "InvalidObjectPath",
  invalidRequestContext: "InvalidRequestContext",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
} as const;

export type FakeErrorCode = (typeof FakeErrorCodes)[keyof typeof FakeErrorCodes];

export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  /** Set when the item not found is a worksheet (an *OrNullObject below a sheet does not hide that). */
  sheetMissing = false;
  constructor(
    public readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Thrown by the simulated user (`fake.user.*`) when Excel's UI would refuse the edit. */
export class FakeUserError extends Error {
  constructor(
    public readonly code: "protected" | "validation" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "FakeUserError";
  }
}
