/**
 * `tianbao recognize FILE.xlsx [--catalog ID | --catalog-file F.xlsx] [--json] [--draft OUT.xlsx]`:
 * for each visible sheet of an official per-table template downloaded from the platform, which
 * catalog table it is (id, name, score, renamed/missing/extra headers), or the Chinese no-match
 * message (issue 3 point 6a, src/core/catalog/recognize.ts).
 *
 * `--draft OUT.xlsx` drafts a definition for every unmatched sheet from its header row and writes
 * them as a catalog workbook (the `catalog --export` format) for the quality office to complete;
 * the drafts' code lists come along so the file imports back as is. Never overwrites OUT unless
 * `--force`. Exit 0 every sheet matched, 1 some did not, 2 unreadable input.
 */
import { recognizeOrDraft, type Catalog, type TableDef } from "../../core/catalog";
import type { CellValue } from "../../core/workbook/port";
import { CliError, EXIT, type ExitCode } from "../exit";
import { catalogFileOption, loadCatalogFile } from "../plumbing";
import type { CliCommand, CliContext } from "../types";
import { catalogOption, writeCatalogWorkbook } from "./catalog";

export interface RecognizeCliOptions {
  catalog?: string;
  catalogFile?: string;
  json?: boolean;
  draft?: string;
  force?: boolean;
}

export interface SheetRecognition {
  sheet: string;
  matched: boolean;
  table: { id: string; name: string } | null;
  score: number;
  headerRow: number | null;
  renamed: Array<{ key: string; header: string; found: string }>;
  missing: string[];
  extra: string[];
  candidates: Array<{ tableId: string; name: string; score: number }>;
  message: string;
  draft: TableDef | null;
}

/** The sheet's values from A1 (the adapter returns the used range with its origin). */
function fromA1(values: CellValue[][], row: number, column: number): CellValue[][] {
  const pad: CellValue[] = Array.from({ length: column }, () => "");
  return [...Array.from({ length: row }, () => [] as CellValue[]), ...values.map((r) => [...pad, ...r])];
}

/** Draft ids must be unique in one catalog workbook: a second "新表" becomes "新表-2". */
function uniqueDraftIds(drafts: TableDef[]): void {
  const used = new Set<string>();
  for (const d of drafts) {
    let id = d.id;
    for (let n = 2; used.has(id); n++) id = `${d.id}-${n}`;
    d.id = id;
    used.add(id);
  }
}

export async function runRecognize(file: string, opts: RecognizeCliOptions, ctx: CliContext): Promise<ExitCode> {
  const { t } = ctx;
  const catalog = opts.catalogFile !== undefined ? await loadCatalogFile(t, opts.catalogFile) : catalogOption(opts.catalog);
  if (opts.draft !== undefined && !/\.xlsx$/i.test(opts.draft)) throw new CliError(t("cli.template.notXlsx", { file: opts.draft }));
  const wb = await ctx.openWorkbook(file, { requireTianbao: false });
  const sheets = (await wb.getSheets()).filter((s) => s.visibility === "visible").sort((a, b) => a.position - b.position);
  if (!sheets.length) throw new CliError(t("cli.recognize.noSheets", { file }));
  // an empty sheet (Excel's spare "Sheet2") is not a template and not a failed recognition
  const ranges = (await wb.read(sheets.map((s) => ({ sheet: s.name })))).filter((r) => r.values.some((row) => row.some((v) => v !== "")));
  if (!ranges.length) throw new CliError(t("cli.recognize.noSheets", { file }));
  const results: SheetRecognition[] = ranges.map((range) => {
    const r = recognizeOrDraft(fromA1(range.values, range.row, range.column), catalog, `${file}：工作表“${range.sheet}”`);
    const m = r.match;
    return {
      sheet: range.sheet,
      matched: !!m,
      table: m ? { id: m.table.id, name: m.table.name } : null,
      score: m ? Math.round(m.score * 1000) / 1000 : 0,
      headerRow: m ? m.headerRow + 1 : r.headers.length ? r.headerRow + 1 : null,
      renamed: m ? m.columns.filter((c) => c.renamed).map((c) => ({ key: c.key, header: c.header, found: c.found })) : [],
      missing: m ? m.missing : [],
      extra: m ? m.extra : [],
      candidates: r.candidates,
      message: r.message,
      draft: r.draft,
    };
  });
  const unmatched = results.filter((r) => !r.matched);

  let drafted = 0;
  if (opts.draft !== undefined) {
    const drafts = unmatched.map((r) => r.draft).filter((d): d is TableDef => d !== null);
    if (drafts.length) {
      uniqueDraftIds(drafts);
      const draftCatalog: Catalog = {
        formatVersion: catalog.formatVersion,
        id: `${catalog.id}-drafts`,
        platform: catalog.platform,
        edition: catalog.edition,
        name: `${catalog.name}（待补全的新表）`,
        tables: drafts,
        codeLists: {},
        crossRules: [],
        provenance: { source: file, note: "Drafted by tianbao recognize from official template header rows; complete types, code lists and periods." },
      };
      await writeCatalogWorkbook(draftCatalog, opts.draft, !!opts.force, ctx);
      drafted = drafts.length;
    }
  }

  if (opts.json) {
    ctx.printJson({ file, catalog: catalog.id, sheets: results, draftFile: drafted ? opts.draft : null });
  } else {
    const lines: string[] = [];
    for (const r of results) lines.push((r.matched ? "✓ " : "✗ ") + t(r.matched ? "cli.recognize.sheetMatched" : "cli.recognize.sheetUnmatched", { sheet: r.sheet, message: r.message }));
    lines.push("", t("cli.recognize.total", { sheets: results.length, matched: results.length - unmatched.length, unmatched: unmatched.length }));
    if (opts.draft !== undefined) lines.push(drafted ? t("cli.recognize.drafted", { count: drafted, file: opts.draft }) : t("cli.recognize.nothingToDraft", { file: opts.draft }));
    ctx.io.stdout(lines.join("\n") + "\n");
  }
  return unmatched.length ? EXIT.findings : EXIT.ok;
}

export const recognizeCommand: CliCommand = {
  name: "recognize",
  register(program, ctx) {
    const cmd = program
      .command("recognize")
      .description(ctx.t("cli.recognize.description"))
      .argument("<file>", ctx.t("cli.recognize.file"))
      .option("--catalog <id>", ctx.t("cli.catalog.catalogOption"), "undergraduate")
      .option("--draft <file>", ctx.t("cli.recognize.draft"))
      .option("--force", ctx.t("cli.catalog.forceOption"));
    catalogFileOption(ctx.t, cmd);
    ctx.jsonOption(cmd).action(ctx.action(async (file: string, opts: RecognizeCliOptions) => runRecognize(file, opts, ctx)));
  },
};
