/**
 * `tianbao verify FILE.xlsx [--json]`: is the electronic data still what was approved?
 * For each table: its review state (derived from the approval log), its 数据指纹 now against the
 * one recorded by its last approval (or submission), and the approval log's hash chain — all from
 * the workflow core (verifyThroughPort). Exit 1 on any mismatch: 「审核后被修改」 (data changed
 * after approval), 「审核记录被篡改」 (an edited, deleted, reordered record, a changed record hash,
 * the very hidden log sheet removed), an approved table whose sheet is gone, an edited 异常数据说明.
 * Exit 0 when everything is consistent (warnings such as 「提交后被修改」 or a visible log sheet are
 * printed but do not fail), 2 when the file is unreadable.
 *
 * `--json` prints the core's VerifyReport: {ok, chain: {ok, records, problems}, tables: [{id, name,
 * sheet, state, stateLabel, dataHash, recordedHash, hashStatus, lastRecord, problems}], findings}.
 */
import { resolveTableSheets } from "../../core/template/binding";
import { WorkbookError } from "../../core/workbook/port";
import { shortHash } from "../../core/workflow/hash";
import { verifyThroughPort, type HashStatus, type VerifyReport } from "../../core/workflow/verify";
import type { CliMessageKey } from "../../i18n/cli";
import { CliError, EXIT, type ExitCode } from "../exit";
import type { CliCommand, CliContext } from "../types";
import { STATE_KEYS, openWorkflow } from "./status";
import { catalogFileOption } from "../plumbing";

const HASH_KEYS: Readonly<Record<HashStatus, CliMessageKey>> = {
  notReviewed: "cli.verify.notReviewed",
  match: "cli.verify.match",
  modifiedAfterSubmit: "cli.verify.modifiedAfterSubmit",
  modifiedAfterApproval: "cli.verify.modifiedAfterApproval",
  sheetMissing: "cli.verify.sheetMissing",
};

function human(report: VerifyReport, file: string, ctx: CliContext): string {
  const t = ctx.t;
  const lines = [t("cli.verify.heading", { file, records: report.chain.records })];
  lines.push(report.chain.ok ? `  ✓ ${t("cli.verify.chainOk")}` : `  ✗ ${t("cli.verify.chainBroken")}`);
  const tableProblems = new Set(report.tables.flatMap((x) => x.problems));
  for (const p of report.chain.problems) if (!tableProblems.has(p)) lines.push(`    ${p}`);
  for (const f of report.findings) {
    if (f.code === "review.logVisible" || f.code === "review.logConflict") lines.push(`  ⚠ ${f.message}`);
  }
  lines.push("");
  for (const x of report.tables) {
    const bad = x.hashStatus === "modifiedAfterApproval" || x.hashStatus === "sheetMissing" || x.problems.some((p) => p.startsWith("审核记录被篡改"));
    const hash = x.dataHash ? shortHash(x.dataHash) : "—";
    lines.push(
      `${bad ? "✗" : x.hashStatus === "modifiedAfterSubmit" ? "⚠" : "✓"} ` +
        t("cli.verify.tableLine", {
          id: x.id,
          name: x.name,
          sheet: x.sheet ?? "—",
          state: t(STATE_KEYS[x.state]),
          hash,
          status: t(HASH_KEYS[x.hashStatus]),
        }),
    );
    for (const p of x.problems) lines.push(`    ${p}`);
  }
  lines.push("");
  lines.push(report.ok ? t("cli.verify.ok") : t("cli.verify.failed"));
  return lines.join("\n") + "\n";
}

export async function runVerify(file: string, opts: { json?: boolean; catalogFile?: string }, ctx: CliContext): Promise<ExitCode> {
  const { wb, catalog } = await openWorkflow(file, ctx, opts.catalogFile);
  let report: VerifyReport;
  try {
    const binding = await resolveTableSheets(wb, catalog);
    const bound = [...binding.tables.values()].map((b) => ({ tableId: b.tableId, sheet: b.sheet }));
    report = await verifyThroughPort(wb, catalog, bound);
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }
  if (opts.json) ctx.printJson(report);
  else ctx.io.stdout(human(report, file, ctx));
  return report.ok ? EXIT.ok : EXIT.findings;
}

export const verifyCommand: CliCommand = {
  name: "verify",
  register(program, ctx) {
    const cmd = program.command("verify").description(ctx.t("cli.verify.description")).argument("<file>", ctx.t("cli.verify.file"));
    catalogFileOption(ctx.t, cmd);
    ctx.jsonOption(cmd).action(ctx.action(async (file: string, opts: { json?: boolean; catalogFile?: string }) => runVerify(file, opts, ctx)));
  },
};
