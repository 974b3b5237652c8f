/**
 * `tianbao catalog [--catalog undergraduate|vocational] [--json]`: the tables of a catalog, grouped
 * by category, with period, shape, base-table flag and markers for inferred ids and incomplete
 * fields; `--json` prints the shape of issue 3 point 7 (`catalogToJson`).
 */
import { CatalogError, catalogToJson, getCatalog, categories, type Catalog, type TableDef } from "../../core/catalog";
import { displayWidth } from "../../core/template/columns";
import { CliError, EXIT } from "../exit";
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

export const catalogCommand: CliCommand = {
  name: "catalog",
  register(program, ctx) {
    const cmd = program
      .command("catalog")
      .description(ctx.t("cli.catalog.description"))
      .option("--catalog <id>", ctx.t("cli.catalog.catalogOption"), "undergraduate");
    ctx.jsonOption(cmd).action(
      ctx.action(async (opts: { catalog?: string; json?: boolean }) => {
        const catalog = catalogOption(opts.catalog);
        if (opts.json) ctx.printJson(catalogToJson(catalog));
        else ctx.io.stdout(formatCatalog(catalog, ctx));
        return EXIT.ok;
      }),
    );
  },
};
