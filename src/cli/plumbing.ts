/** Shared CLI plumbing: opening workbooks with clear messages, JSON output, the `--json` option. */
import * as fs from "fs";
import * as path from "path";
import type { Command } from "commander";
import { XlsxWorkbook } from "../adapters/xlsx/XlsxWorkbook";
import { WorkbookError, type WorkbookPort } from "../core/workbook/port";
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
