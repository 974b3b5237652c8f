/**
 * `tianbao status FILE.xlsx [--json] [--today YYYY-MM-DD]`: the 总览 on the command line — one line
 * per table (责任单位, 截止日期 with days left / overdue, filled rows, errors, warnings, review state),
 * then the progress per department. Everything comes from the workflow core
 * (statusThroughPort → buildOverview / statusJson / progressByDepartment); this file only prints.
 *
 * The text lists the tables that are loaded or assigned (`--all`: every catalog table); `--json`
 * always lists every catalog table and prints `{tables: [{id, name, sheet, department, assisting, reviewer, step, deadline,
 * daysLeft, rows, errors, warnings, state, …}]}` (statusJson; a few extra fields such as
 * reviewingDepartment, overdue, stateLabel and modifiedAfterApproval are included).
 * "Today" is the school's date in Asia/Shanghai; `--today 2024-10-15` fixes it (reproducible
 * reports, tests). Exit 0 (status is a report, problems included), 2 when the file is unreadable,
 * not a Tianbao workbook, or `--today` is not a date.
 *
 * Also exports `openWorkflow`, shared by `tianbao verify` and `tianbao signoff`: the workbook plus
 * the catalog its tables were loaded from.
 */
import { getCatalog, listCatalogs, type Catalog } from "../../core/catalog";
import { META_KEYS, readMeta } from "../../core/settings/meta";
import { resolveTableSheets } from "../../core/template/binding";
import { WorkbookError, type WorkbookPort } from "../../core/workbook/port";
import { fixedClock, isLocalDate, today, type TimeOptions } from "../../core/workflow/clock";
import { progressByDepartment, type OverviewRow } from "../../core/workflow/overview";
import type { ReviewState } from "../../core/workflow/review";
import { statusThroughPort } from "../../core/workflow/workbook";
import type { XlsxWorkbook } from "../../adapters/xlsx/XlsxWorkbook";
import { CliError, EXIT, type ExitCode } from "../exit";
import type { CliCommand, CliContext } from "../types";
import { catalogFileOption, loadCatalogFile } from "../plumbing";
import type { CliMessageKey } from "../../i18n/cli";

export interface StatusCliOptions {
  json?: boolean;
  today?: string;
  all?: boolean;
  /** An edited catalog workbook used instead of the built-in catalog (`--catalog-file`). */
  catalogFile?: string;
}

/** A catalog table neither loaded in the workbook nor assigned on the 责任分解 sheet (hidden unless --all). */
export function isIdle(r: OverviewRow): boolean {
  return !r.sheet && !r.department && !r.deadline && r.state === "draft";
}

export const STATE_KEYS: Readonly<Record<ReviewState, CliMessageKey>> = {
  draft: "cli.states.draft",
  submitted: "cli.states.submitted",
  departmentApproved: "cli.states.departmentApproved",
  schoolApproved: "cli.states.schoolApproved",
  finalised: "cli.states.finalised",
};

/** `--today YYYY-MM-DD` → a clock stopped at noon of that day in Shanghai; undefined → the system clock. */
export function todayOption(value: string | undefined, ctx: CliContext): TimeOptions {
  if (value === undefined) return {};
  const v = value.trim();
  if (!isLocalDate(v)) throw new CliError(ctx.t("cli.status.badToday", { value }));
  return { clock: fixedClock(`${v}T12:00:00+08:00`), timeZone: "Asia/Shanghai" };
}

/** The catalog the workbook's tables were loaded from: the meta sheet's record, else the one binding most sheets. */
export async function workbookCatalog(port: WorkbookPort, file: string, ctx: CliContext): Promise<Catalog> {
  const id = (await readMeta(port)).settings[META_KEYS.catalogId]?.value?.trim();
  if (id) {
    try {
      return getCatalog(id);
    } catch {
      throw new CliError(ctx.t("cli.status.unknownCatalog", { file, id }));
    }
  }
  let best: { c: Catalog; n: number } | null = null;
  for (const s of listCatalogs()) {
    const c = getCatalog(s.id);
    const n = (await resolveTableSheets(port, c)).tables.size;
    if (n > 0 && (!best || n > best.n)) best = { c, n };
  }
  if (!best) throw new CliError(ctx.t("cli.errors.notTianbao", { file }));
  return best.c;
}

/** Opens the workbook and its catalog: `catalogFile` (an imported catalog workbook) when given, else the recorded one. */
export async function openWorkflow(file: string, ctx: CliContext, catalogFile?: string): Promise<{ wb: XlsxWorkbook; catalog: Catalog }> {
  const imported = catalogFile !== undefined ? await loadCatalogFile(ctx.t, catalogFile) : undefined;
  const wb = await ctx.openWorkbook(file);
  try {
    return { wb, catalog: imported ?? (await workbookCatalog(wb, file, ctx)) };
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }
}

export function daysText(r: Pick<OverviewRow, "daysLeft" | "state">, ctx: CliContext): string {
  if (r.daysLeft === null || r.state !== "draft") return "";
  if (r.daysLeft > 0) return ctx.t("cli.status.daysLeft", { days: r.daysLeft });
  if (r.daysLeft === 0) return ctx.t("cli.status.dueToday");
  return ctx.t("cli.status.overdue", { days: -r.daysLeft });
}

function human(all: OverviewRow[], showAll: boolean, file: string, catalog: Catalog, todayText: string, notes: string[], ctx: CliContext): string {
  const t = ctx.t;
  const rows = showAll ? all : all.filter((r) => !isIdle(r));
  const lines = [t("cli.status.heading", { file, catalog: catalog.name, today: todayText })];
  for (const n of notes) lines.push(`  ⚠ ${n}`);
  lines.push("");
  for (const r of rows) {
    const days = daysText(r, ctx);
    const flags = [r.overdue ? t("cli.status.flagOverdue") : "", r.modifiedAfterApproval ? t("cli.status.flagModified") : "", r.sheet ? "" : t("cli.status.flagNotLoaded")].filter(Boolean);
    lines.push(
      t("cli.status.tableLine", {
        id: r.tableId,
        name: r.tableName,
        department: r.department || t("cli.status.unassigned"),
        deadline: r.deadline ? (days ? t("cli.status.deadlineDays", { deadline: r.deadline, days }) : r.deadline) : t("cli.status.noDeadline"),
        rows: r.rows,
        errors: r.errors,
        warnings: r.warnings,
        state: t(STATE_KEYS[r.state]),
      }) + (flags.length ? `  ${flags.map((f) => `【${f}】`).join("")}` : ""),
    );
  }
  lines.push("");
  lines.push(t("cli.status.departments"));
  for (const d of progressByDepartment(rows)) {
    lines.push(
      "  " +
        t("cli.status.departmentLine", {
          department: d.department || t("cli.status.unassigned"),
          tables: d.tables,
          submitted: d.submitted,
          approved: d.approved,
          finalised: d.finalised,
          overdue: d.overdue,
          percent: d.percentSubmitted,
        }),
    );
  }
  const overdue = rows.filter((r) => r.overdue).length;
  const modified = rows.filter((r) => r.modifiedAfterApproval).length;
  lines.push("");
  lines.push(t("cli.status.total", { tables: rows.length, submitted: rows.filter((r) => r.state !== "draft").length, overdue, modified }));
  if (rows.length < all.length) lines.push(t("cli.status.hidden", { count: all.length - rows.length }));
  return lines.join("\n") + "\n";
}

export async function runStatus(file: string, opts: StatusCliOptions, ctx: CliContext): Promise<ExitCode> {
  const time = todayOption(opts.today, ctx);
  const { wb, catalog } = await openWorkflow(file, ctx, opts.catalogFile);
  let result;
  try {
    result = await statusThroughPort(wb, catalog, time);
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }
  if (opts.json) {
    ctx.printJson(result.json);
    return EXIT.ok;
  }
  const notes = [
    ...(result.state.assignmentSheetExists ? [] : [ctx.t("cli.status.noAssignmentSheet")]),
    ...result.state.assignmentFindings.filter((f) => f.code !== "assignment.notAssigned").map((f) => f.message),
    ...result.state.bindingProblems,
  ];
  ctx.io.stdout(human(result.rows, !!opts.all, file, catalog, today(time), notes, ctx));
  return EXIT.ok;
}

export const statusCommand: CliCommand = {
  name: "status",
  register(program, ctx) {
    const cmd = program
      .command("status")
      .description(ctx.t("cli.status.description"))
      .argument("<file>", ctx.t("cli.status.file"))
      .option("--today <date>", ctx.t("cli.status.today"))
      .option("--all", ctx.t("cli.status.all"));
    catalogFileOption(ctx.t, cmd);
    ctx.jsonOption(cmd).action(ctx.action(async (file: string, opts: StatusCliOptions) => runStatus(file, opts, ctx)));
  },
};
