/** Errors of the template loader; `message` is Chinese and names the table or setting involved. Nothing is written when one is thrown. */

export type TemplateErrorCode =
  | "unknownTable"
  | "noTables"
  | "invalidYear"
  | "yearMismatch"
  | "catalogMismatch"
  | "unknownDepartment";

export class TemplateError extends Error {
  constructor(
    public readonly code: TemplateErrorCode,
    message: string,
    /** The offending values (e.g. the unknown table ids). */
    public readonly values: string[] = [],
  ) {
    super(message);
    this.name = "TemplateError";
  }
}
