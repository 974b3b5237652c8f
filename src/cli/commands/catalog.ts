/**
 * `tianbao catalog [--catalog undergraduate|vocational] [--json]`: the tables of a catalog, grouped
 * by category, with period, shape, base-table flag and markers for inferred ids and incomplete
 * fields; `--json` prints the shape of issue 3 point 7 (`catalogToJson`).
 *
 * `--export FILE.xlsx [--force]` writes the catalog as the editable workbook (issue 3 point 6b,
 * src/core/catalog/workbook.ts); `--import FILE.xlsx` reads an edited one back and either lists
 * every problem with its sheet/row/column (exit 2) or prints the summary / `--json` (exit 0).
 */
import { CatalogError, catalogToJson, getCatalog, categories, type Catalog, type TableDef } from "../../core/catalog";
import { displayWidth } from "../../core/template/columns";
import { XlsxWorkbook } from "../../adapters/xlsx/XlsxWorkbook";
import { catalogToWorkbookOps } from "../../core/catalog";
import { CliError, EXIT, type ExitCode } from "../exit";
import { loadCatalogFile, saveNewWorkbook } from "../plumbing";
import type { CliCommand, CliContext } from "../types";

/** The catalog named on the command line; an unknown one is a usage error (exit 2). */
export function catalogOption(id: string | undefined): Catalog {
  try {
    return getCatalog(id ?? "undergraduate");
  } catch (e) {
    if (e instanceof CatalogError) throw new CliError(e.message, EXIT.usage);
    throw e;
  }
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/** Markers before a table id: * base table, ~ inferred id, ? conflicting id, ! incomplete fields. */
function markers(t: TableDef): string {
  return (t.base ? "*" : " ") + (t.provenance.idStatus === "inferred" ? "~" : t.provenance.idStatus === "conflicting" ? "?" : " ") + (t.incomplete ? "!" : " ");
}

/** The human-readable listing (one line per table, grouped by category). */
export function formatCatalog(catalog: Catalog, ctx: Pick<CliContext, "t">): string {
  const { t } = ctx;
  const period = (t0: TableDef) => t(`cli.catalog.${t0.period}`);
  const periodWidth = Math.max(...(["point", "academicYear", "calendarYear"] as const).map((k) => displayWidth(t(`cli.catalog.${k}`))));
  const shape = (t0: TableDef) => t(t0.shape === "single" ? "cli.catalog.single" : "cli.catalog.list");
  const idWidth = Math.max(...catalog.tables.map((x) => displayWidth(x.id)));
  const nameWidth = Math.min(40, Math.max(...catalog.tables.map((x) => displayWidth(x.name))));
  const lines: string[] = [];
  lines.push(t("cli.catalog.heading", { name: catalog.name, id: catalog.id, edition: catalog.edition, count: catalog.tables.length }));
  lines.push(t("cli.catalog.legend"));
  for (const cat of categories(catalog)) {
    lines.push("", cat);
    for (const tb of catalog.tables.filter((x) => x.category === cat)) {
      const cols = tb.incomplete && tb.columns.length === 0 ? t("cli.catalog.noFields") : t("cli.catalog.fields", { count: tb.columns.length });
      const dept = tb.department ? "  " + tb.department : "";
      lines.push(`  ${markers(tb)} ${pad(tb.id, idWidth)}  ${pad(tb.name, nameWidth)}  ${pad(period(tb), periodWidth)}  ${pad(shape(tb), 4)}  ${cols}${dept}`);
    }
  }
  const base = catalog.tables.filter((x) => x.base).length;
  const inferred = catalog.tables.filter((x) => x.provenance.idStatus !== "sourced").length;
  const incomplete = catalog.tables.filter((x) => x.incomplete).length;
  lines.push("", t("cli.catalog.summary", { count: catalog.tables.length, base, inferred, incomplete, codeLists: Object.keys(catalog.codeLists).length }));
  return lines.join("\n") + "\n";
}

/** Writes `catalog` as the editable catalog workbook to `file` (never over an existing file unless `force`). */
export async function writeCatalogWorkbook(catalog: Catalog, file: string, force: boolean, ctx: Pick<CliContext, "t">): Promise<void> {
  const wb = XlsxWorkbook.create();
  const blank = (await wb.getSheets())[0].name;
  await wb.apply(catalogToWorkbookOps(catalog));
  await wb.apply([{ kind: "deleteSheet", sheet: blank }]);
  await saveNewWorkbook(ctx.t, wb, file, force);
}

interface CatalogCliOptions {
  catalog?: string;
  json?: boolean;
  export?: string;
  import?: string;
  force?: boolean;
}

async function runCatalog(opts: CatalogCliOptions, ctx: CliContext): Promise<ExitCode> {
  if (opts.export !== undefined && opts.import !== undefined) throw new CliError(ctx.t("cli.catalog.exportAndImport"));
  if (opts.import !== undefined) {
    const catalog = await loadCatalogFile(ctx.t, opts.import);
    if (opts.json) ctx.printJson(catalogToJson(catalog));
    else ctx.io.stdout(ctx.t("cli.catalog.imported", { file: opts.import }) + "\n" + formatCatalog(catalog, ctx));
    return EXIT.ok;
  }
  const catalog = catalogOption(opts.catalog);
  if (opts.export !== undefined) {
    await writeCatalogWorkbook(catalog, opts.export, !!opts.force, ctx);
    const columns = catalog.tables.reduce((n, t) => n + t.columns.length, 0);
    const rules = catalog.tables.reduce((n, t) => n + t.rules.length, catalog.crossRules.length);
    ctx.io.stdout(ctx.t("cli.catalog.exported", { file: opts.export, tables: catalog.tables.length, columns, codeLists: Object.keys(catalog.codeLists).length, rules }) + "\n");
    return EXIT.ok;
  }
  if (opts.json) ctx.printJson(catalogToJson(catalog));
  else ctx.io.stdout(formatCatalog(catalog, ctx));
  return EXIT.ok;
}

export const catalogCommand: CliCommand = {
  name: "catalog",
  register(program, ctx) {
    const cmd = program
      .command("catalog")
      .description(ctx.t("cli.catalog.description"))
      .option("--catalog <id>", ctx.t("cli.catalog.catalogOption"), "undergraduate")
      .option("--export <file>", ctx.t("cli.catalog.exportOption"))
      .option("--import <file>", ctx.t("cli.catalog.importOption"))
      .option("--force", ctx.t("cli.catalog.forceOption"));
    ctx.jsonOption(cmd).action(ctx.action(async (opts: CatalogCliOptions) => runCatalog(opts, ctx)));
  },
};
