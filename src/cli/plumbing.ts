/**
 * Shared CLI plumbing: opening workbooks with clear messages, JSON output, the `--json` option,
 * the `--catalog-file` option (one loader for every command) and saving a new .xlsx safely.
 */
import * as fs from "fs";
import * as path from "path";
import type { Command } from "commander";
import { XlsxWorkbook } from "../adapters/xlsx/XlsxWorkbook";
import { WorkbookError, type WorkbookPort } from "../core/workbook/port";
import { CatalogError, catalogFromWorkbook, type Catalog } from "../core/catalog";
import { META_SHEET, PROP_TABLE_ID, tableNameFor } from "../core/template/layout";
import type { CliTranslate } from "../i18n/cli";
import { CliError, EXIT } from "./exit";
import type { CliIO, OpenOptions } from "./types";

const TABLE_NAME_PREFIX = tableNameFor("x").slice(0, -1); // "TB_"

/** True when the workbook holds at least one table Tianbao loaded (binding name, meta sheet or table-id property). */
export async function isTianbaoWorkbook(wb: WorkbookPort): Promise<boolean> {
  const sheets = await wb.getSheets();
  if (sheets.some((s) => s.name === META_SHEET || s.customProperties[PROP_TABLE_ID])) return true;
  return (await wb.getNames()).some((n) => n.name.startsWith(TABLE_NAME_PREFIX));
}

export async function openWorkbook(t: CliTranslate, file: string | undefined, options: OpenOptions = {}): Promise<XlsxWorkbook> {
  if (!file || !file.trim()) throw new CliError(t("cli.errors.noFile"));
  const ext = path.extname(file).toLowerCase();
  // a legacy/other spreadsheet format that exists: say what to do instead of "corrupt file"
  if ([".xls", ".et", ".ods", ".numbers", ".wps"].includes(ext) && fs.existsSync(file)) {
    throw new CliError(t("cli.errors.notXlsx", { file }));
  }
  let wb: XlsxWorkbook;
  try {
    wb = await XlsxWorkbook.open(file);
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(e.message);
    throw e;
  }
  if ((options.requireTianbao ?? true) && !(await isTianbaoWorkbook(wb))) {
    throw new CliError(t("cli.errors.notTianbao", { file }));
  }
  return wb;
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + "\n");
}

export function jsonOption(t: CliTranslate, command: Command): Command {
  return command.option("--json", t("cli.json"));
}

export { EXIT };

/** Adds the shared `--catalog-file FILE.xlsx` option (an edited catalog workbook instead of the built-in catalog). */
export function catalogFileOption(t: CliTranslate, command: Command): Command {
  return command.option("--catalog-file <file>", t("cli.catalogFile.option"));
}

/** A catalog workbook that cannot be used (exit 2); `problems` lists every one with its sheet, row and column. */
export class CatalogFileError extends CliError {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message, EXIT.usage);
  }
}

/**
 * Reads a catalog workbook (the format `tianbao catalog --export` writes) — the one loader behind
 * `catalog --import` and every command's `--catalog-file`. Unreadable file → exit 2; a workbook
 * that cannot be used → CatalogFileError whose message lists every problem with its cell.
 */
export async function loadCatalogFile(t: CliTranslate, file: string): Promise<Catalog> {
  const wb = await openWorkbook(t, file, { requireTianbao: false });
  try {
    return await catalogFromWorkbook(wb);
  } catch (e) {
    if (e instanceof CatalogError) {
      const problems = e.problems.length ? e.problems : [e.message];
      const text = [t("cli.catalogFile.invalid", { file, count: problems.length }), ...problems.map((p) => "  · " + p)].join("\n");
      throw new CatalogFileError(text, problems);
    }
    if (e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }
}

/**
 * Saves `wb` to `file` (.xlsx) through the adapter's temp-file-and-rename; an existing file is
 * refused (exit 2) unless `force`, so an export never silently replaces someone's edited workbook.
 */
export async function saveNewWorkbook(t: CliTranslate, wb: XlsxWorkbook, file: string, force: boolean): Promise<void> {
  if (path.extname(file).toLowerCase() !== ".xlsx") throw new CliError(t("cli.template.notXlsx", { file }));
  if (!force && fs.existsSync(file)) throw new CliError(t("cli.catalogFile.exists", { file }));
  try {
    await wb.save(path.resolve(file));
  } catch (e) {
    throw new CliError(t("cli.template.cannotWrite", { file, message: (e as Error).message }));
  }
}
