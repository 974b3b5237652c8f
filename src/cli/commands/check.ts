/**
 * `tianbao check FILE.xlsx [--json] [--tables ID,ID]`: the task pane's checks on a workbook the
 * template loader made, without Excel. Same binding (src/core/template/binding), same engine
 * (src/core/validation), through the xlsx adapter — via checkWorkbook in src/core/live.
 *
 * Output: Chinese, grouped by table (errors first, then warnings, each with its cell); `--json`
 * prints {summary: {errors, warnings, tables}, findings: [{table, sheet, row, column, cell, rule,
 * severity, message, value}]}. Exit 0 without errors (warnings alone are 0), 1 with errors,
 * 2 when the file is unreadable or not a Tianbao workbook (a legacy .xls: 「请另存为 .xlsx」).
 */
import { CheckWorkbookError, checkWorkbook, type WorkbookCheck } from "../../core/live/checkWorkbook";
import { splitTableIds } from "../../core/template/select";
import { WorkbookError } from "../../core/workbook/port";
import { CliError, EXIT, type ExitCode } from "../exit";
import type { CliCommand, CliContext } from "../types";
import { catalogFileOption, loadCatalogFile } from "../plumbing";

export interface CheckCliOptions {
  json?: boolean;
  tables?: string;
  /** An edited catalog workbook used instead of the built-in catalog (`--catalog-file`). */
  catalogFile?: string;
}

function human(r: WorkbookCheck, file: string, ctx: CliContext): string {
  const t = ctx.t;
  const lines: string[] = [t("cli.check.heading", { file, catalog: r.catalog.name, year: r.statYear })];
  for (const c of r.conflicts) lines.push(`  ⚠ ${c.message}`);
  for (const id of r.notLoaded) lines.push(`  ⚠ ${t("cli.check.notLoaded", { id })}`);
  for (const table of r.tables) {
    lines.push("");
    lines.push(t("cli.check.tableLine", { id: table.tableId, name: table.name, sheet: table.sheet, errors: table.errors, warnings: table.warnings }));
    const own = r.findings.filter((f) => f.table === table.tableId);
    if (!own.length) lines.push(`  ${t("cli.check.tableOk")}`);
    for (const sev of ["error", "warning"] as const)
      for (const f of own.filter((x) => x.severity === sev))
        lines.push(`  ${sev === "error" ? t("cli.check.error") : t("cli.check.warning")} ${f.cell.padEnd(7)} ${f.message}`);
  }
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const warnings = r.findings.length - errors;
  lines.push("");
  lines.push(t("cli.check.total", { tables: r.tables.length, errors, warnings }));
  return lines.join("\n") + "\n";
}

export async function runCheck(file: string, opts: CheckCliOptions, ctx: CliContext): Promise<ExitCode> {
  let tables: string[] | undefined;
  if (opts.tables !== undefined) {
    tables = splitTableIds(opts.tables);
    if (!tables.length) throw new CliError(ctx.t("cli.check.noTables"));
  }
  const catalog = opts.catalogFile !== undefined ? await loadCatalogFile(ctx.t, opts.catalogFile) : undefined;
  const wb = await ctx.openWorkbook(file);
  let r: WorkbookCheck;
  try {
    r = await checkWorkbook(wb, { tables, catalog });
  } catch (e) {
    if (e instanceof CheckWorkbookError || e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const warnings = r.findings.length - errors;
  if (opts.json)
    ctx.printJson({
      summary: { errors, warnings, tables: r.tables.length },
      findings: r.findings.map((f) => ({ table: f.table, sheet: f.sheet, row: f.row, column: f.column, cell: f.cell, rule: f.rule, severity: f.severity, message: f.message, value: f.value })),
    });
  else ctx.io.stdout(human(r, file, ctx));
  return errors > 0 ? EXIT.findings : EXIT.ok;
}

export const checkCommand: CliCommand = {
  name: "check",
  register(program, ctx) {
    const cmd = program
      .command("check")
      .description(ctx.t("cli.check.description"))
      .argument("<file>", ctx.t("cli.check.file"))
      .option("--tables <ids>", ctx.t("cli.check.tables"));
    catalogFileOption(ctx.t, cmd);
    ctx.jsonOption(cmd).action(ctx.action(async (file: string, opts: CheckCliOptions) => runCheck(file, opts, ctx)));
  },
};
