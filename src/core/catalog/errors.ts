/** Errors of the catalog module; `message` is Chinese and names the table/sheet/row/column involved. */

export type CatalogErrorCode =
  | "unknownCatalog"
  | "unknownTable"
  | "invalidYear"
  | "invalidPeriod"
  | "invalidWorkbook"
  | "noTemplateMatch";

export class CatalogError extends Error {
  constructor(
    public readonly code: CatalogErrorCode,
    message: string,
    /** Every problem found, when there are several (e.g. a bad catalog workbook). */
    public readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = "CatalogError";
  }
}
