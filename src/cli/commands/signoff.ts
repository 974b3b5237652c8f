/**
 * `tianbao signoff FILE.xlsx --department NAME (-o OUT.xlsx | --in-place) [--today YYYY-MM-DD]`:
 * adds the printable 审核表 (sign-off form, seed 002 attachment 1) of one department as a new sheet
 * 「审核表-<部门>」: its tables with 填报人 and 审核人, dates, short data hashes, the 异常数据说明 and the
 * signature and stamp lines. The form's content and layout come from the workflow core
 * (signOffFormOps); this file picks the department, names the sheet and writes the file.
 *
 * Never loses data: nothing in the workbook is changed except the new sheet (an existing form of
 * the same department is kept and the new one gets the next free name, 「审核表-人事处 (2)」); the
 * result is written to a temporary file in the target's folder and renamed over the target only
 * when complete. `-o` must not name the input file (use --in-place for that).
 * Exit 0 when written; 2 for a department with no tables (the departments are listed), a missing
 * output, an unreadable file.
 */
import * as fs from "fs";
import * as path from "path";
import { departmentKey, sameDepartment } from "../../core/workflow/cells";
import { addSignOffForm, statusThroughPort } from "../../core/workflow/workbook";
import { WorkbookError } from "../../core/workbook/port";
import { CliError, EXIT, type ExitCode } from "../exit";
import type { CliCommand, CliContext } from "../types";
import { openWorkflow, todayOption } from "./status";

export interface SignOffCliOptions {
  department?: string;
  output?: string;
  inPlace?: boolean;
  today?: string;
  json?: boolean;
}

export async function runSignOff(file: string, opts: SignOffCliOptions, ctx: CliContext): Promise<ExitCode> {
  const t = ctx.t;
  const wanted = (opts.department ?? "").trim();
  if (!departmentKey(wanted)) throw new CliError(t("cli.signoff.noDepartment"));
  if (opts.inPlace && opts.output) throw new CliError(t("cli.signoff.outputAndInPlace"));
  if (!opts.inPlace && !opts.output) throw new CliError(t("cli.signoff.noOutput"));
  const target = path.resolve(opts.inPlace ? file : opts.output!);
  if (path.extname(target).toLowerCase() !== ".xlsx") throw new CliError(t("cli.signoff.notXlsx", { file: opts.output ?? file }));
  if (!opts.inPlace && fs.existsSync(file) && target === path.resolve(file)) throw new CliError(t("cli.signoff.sameFile", { file }));
  const time = todayOption(opts.today, ctx);

  const { wb, catalog } = await openWorkflow(file, ctx);
  let sheet: string;
  let tables: number;
  let department: string;
  try {
    const status = await statusThroughPort(wb, catalog, time);
    const departments = [...new Set(status.rows.map((r) => r.department).filter((d) => d !== ""))];
    department = departments.find((d) => sameDepartment(d, wanted)) ?? "";
    if (!department) {
      throw new CliError(
        t("cli.signoff.unknownDepartment", {
          department: wanted,
          departments: departments.length ? departments.join("、") : t("cli.signoff.noDepartments"),
        }),
      );
    }
    ({ sheet, tables } = await addSignOffForm(wb, catalog, department, { ...time, status }));
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(`${file}：${e.message}`);
    throw e;
  }

  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await wb.save(tmp);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(t("cli.signoff.cannotWrite", { file: target, message: (e as Error).message }));
  }
  if (opts.json) ctx.printJson({ file: target, sheet, department, tables });
  else ctx.io.stdout(t("cli.signoff.written", { file: target, sheet, department, tables }) + "\n");
  return EXIT.ok;
}

export const signOffCommand: CliCommand = {
  name: "signoff",
  register(program, ctx) {
    const cmd = program
      .command("signoff")
      .description(ctx.t("cli.signoff.description"))
      .argument("<file>", ctx.t("cli.signoff.file"))
      .option("--department <name>", ctx.t("cli.signoff.department"))
      .option("-o, --output <file>", ctx.t("cli.signoff.output"))
      .option("--in-place", ctx.t("cli.signoff.inPlace"))
      .option("--today <date>", ctx.t("cli.status.today"));
    ctx.jsonOption(cmd).action(ctx.action(async (file: string, opts: SignOffCliOptions) => runSignOff(file, opts, ctx)));
  },
};
