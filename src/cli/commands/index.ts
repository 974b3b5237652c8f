/**
 * The subcommand registry. `tianbao <name>` exists when its module is listed in `commands`.
 *
 * To add a subcommand (catalog, template, check, status, verify …):
 *  1. create src/cli/commands/<name>.ts exporting a CliCommand:
 *
 *       import type { CliCommand } from "../types";
 *       import { EXIT, CliError } from "../exit";
 *       export const checkCommand: CliCommand = {
 *         name: "check",
 *         register(program, ctx) {
 *           const cmd = program
 *             .command("check")
 *             .description(ctx.t("cli.check.description"))
 *             .argument("<file>", ctx.t("cli.check.file"));
 *           ctx.jsonOption(cmd).action(
 *             ctx.action(async (file: string, opts: { json?: boolean }) => {
 *               const wb = await ctx.openWorkbook(file);        // exit 2 with a clear message if unreadable
 *               const findings = …;                             // pure core does the work
 *               if (opts.json) ctx.printJson(findings); else ctx.io.stdout(…);
 *               return findings.length ? EXIT.findings : EXIT.ok;
 *             }),
 *           );
 *         },
 *       };
 *
 *  2. add its texts under `cli.<name>` in BOTH cliZhCN and cliEnUS (src/i18n/cli.ts);
 *  3. import it here and append it to `commands` (keep the list in the order `--help` shows);
 *  4. test it through `main([...argv], io)` from src/cli/main.ts (see test/cli/).
 *
 * Exit codes: 0 ok, 1 findings, 2 bad usage or unreadable input (throw CliError), 3 internal error.
 */
import type { CliCommand } from "../types";
import { catalogCommand } from "./catalog";
import { templateCommand } from "./template";
import { checkCommand } from "./check";
import { statusCommand } from "./status";
import { verifyCommand } from "./verify";
import { signOffCommand } from "./signoff";
import { recognizeCommand } from "./recognize";

export const commands: CliCommand[] = [catalogCommand, recognizeCommand, templateCommand, checkCommand, statusCommand, verifyCommand, signOffCommand];
