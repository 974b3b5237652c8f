/**
 * `tianbao template -o FILE.xlsx [--catalog ID] [--year YYYY] [--tables ID,ID|all] [--department NAME]`:
 * writes a template workbook (the same sheets the task pane loads) through the xlsx adapter.
 *
 * An existing FILE is opened and the missing tables are added to it — never deleting or
 * overwriting anything, exactly like loading again in Excel. The file is written to a temporary
 * name first and renamed at the end, so on any error nothing (or the untouched old file) is left.
 * Bad input exits 2: unknown table 「未知的表：X（可用 tianbao catalog 查看）」, a year outside
 * 2000–2100, an unknown catalog or department.
 */
import * as fs from "fs";
import * as path from "path";
import { XlsxWorkbook } from "../../adapters/xlsx/XlsxWorkbook";
import { CatalogError, selectTables, type Catalog } from "../../core/catalog";
import { loadTemplates } from "../../core/template/load";
import { TemplateError } from "../../core/template/errors";
import { resolveTableIds, splitTableIds } from "../../core/template/select";
import type { TemplateReport } from "../../core/template/plan";
import { WorkbookError } from "../../core/workbook/port";
import { CliError, EXIT, type ExitCode } from "../exit";
import type { CliCommand, CliContext } from "../types";
import { catalogOption } from "./catalog";
import { catalogFileOption, loadCatalogFile } from "../plumbing";

export interface TemplateCliOptions {
  output: string;
  catalog?: string;
  year?: string;
  tables?: string;
  department?: string;
  /** An edited catalog workbook used instead of the built-in catalog (`--catalog-file`). */
  catalogFile?: string;
  json?: boolean;
}

/** The table ids to load: --tables as given, else the tables of --department, else all. */
function chooseTables(catalog: Catalog, opts: TemplateCliOptions, ctx: CliContext): string[] | "all" {
  if (opts.tables !== undefined) {
    const ids = splitTableIds(opts.tables);
    if (ids.length === 0) throw new CliError(ctx.t("cli.template.noTables"));
    resolveTableIds(catalog, ids); // throws for unknown ids before anything is opened
    return ids;
  }
  if (opts.department) {
    try {
      return selectTables(catalog, { department: opts.department }).map((t) => t.id);
    } catch (e) {
      if (e instanceof CatalogError) throw new CliError(e.message + ctx.t("cli.template.departmentHint"));
      throw e;
    }
  }
  return "all";
}

function summary(report: TemplateReport, file: string, ctx: CliContext): string {
  const lines = [
    ctx.t("cli.template.written", { file, year: report.statYear, catalog: report.catalogId }),
    ctx.t("cli.template.counts", { added: report.added.length, present: report.present.length, differs: report.differs.length }),
  ];
  for (const e of report.entries) if (e.level !== "info" || e.code === "repaired") lines.push(`  ${e.level === "warning" ? "⚠" : "·"} ${e.message}`);
  return lines.join("\n") + "\n";
}

export async function runTemplate(opts: TemplateCliOptions, ctx: CliContext): Promise<ExitCode> {
  const file = path.resolve(opts.output);
  if (path.extname(file).toLowerCase() !== ".xlsx") throw new CliError(ctx.t("cli.template.notXlsx", { file: opts.output }));
  const catalog = opts.catalogFile !== undefined ? await loadCatalogFile(ctx.t, opts.catalogFile) : catalogOption(opts.catalog);
  const year = opts.year ?? String(new Date().getFullYear());
  const exists = fs.existsSync(file);
  try {
    const tables = chooseTables(catalog, opts, ctx);
    if (Array.isArray(tables) && tables.length === 0) throw new CliError(ctx.t("cli.template.noDepartmentTables", { department: opts.department ?? "" }));
    const wb = exists ? await ctx.openWorkbook(file, { requireTianbao: false }) : XlsxWorkbook.create();
    const blank = exists ? null : (await wb.getSheets())[0]?.name ?? null;
    const { report } = await loadTemplates(wb, catalog, tables, { statYear: year, department: opts.department, wholeColumnFormats: true });
    // A new workbook's empty "Sheet1" is not wanted once the table sheets exist.
    if (blank && report.added.length > 0) await wb.apply([{ kind: "deleteSheet", sheet: blank }]);
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      await wb.save(tmp);
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new CliError(ctx.t("cli.template.cannotWrite", { file: opts.output, message: (e as Error).message }));
    }
    if (opts.json) ctx.printJson({ file, ...report });
    else ctx.io.stdout(summary(report, opts.output, ctx));
    return report.differs.length > 0 ? EXIT.findings : EXIT.ok;
  } catch (e) {
    if (e instanceof TemplateError) {
      const hint = e.code === "unknownTable" ? ctx.t("cli.template.catalogHint") : "";
      throw new CliError(e.message + hint);
    }
    if (e instanceof WorkbookError) throw new CliError(e.message);
    throw e;
  }
}

export const templateCommand: CliCommand = {
  name: "template",
  register(program, ctx) {
    const cmd = program
      .command("template")
      .description(ctx.t("cli.template.description"))
      .requiredOption("-o, --output <file>", ctx.t("cli.template.output"))
      .option("--catalog <id>", ctx.t("cli.catalog.catalogOption"), "undergraduate")
      .option("--year <year>", ctx.t("cli.template.year"))
      .option("--tables <ids>", ctx.t("cli.template.tables"))
      .option("--department <name>", ctx.t("cli.template.department"));
    catalogFileOption(ctx.t, cmd);
    ctx.jsonOption(cmd).action(ctx.action(async (opts: TemplateCliOptions) => runTemplate(opts, ctx)));
  },
};
