/** What a subcommand module gets from the CLI shell. See src/cli/commands/index.ts for how to add one. */
import type { Command } from "commander";
import type { Locale } from "../i18n/types";
import type { CliTranslate } from "../i18n/cli";
import type { XlsxWorkbook } from "../adapters/xlsx/XlsxWorkbook";
import type { ExitCode } from "./exit";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface OpenOptions {
  /** Refuse (exit 2) a workbook that has no Tianbao tables in it. Default true. */
  requireTianbao?: boolean;
}

export interface CliContext {
  locale: Locale;
  /** The CLI message catalog (src/i18n/cli.ts) in the chosen language. */
  t: CliTranslate;
  io: CliIO;
  /** Opens an .xlsx; unreadable/missing → CliError exit 2 「无法读取文件…」, .xls → 「请另存为 .xlsx」. */
  openWorkbook(file: string | undefined, options?: OpenOptions): Promise<XlsxWorkbook>;
  /** Prints `value` as pretty JSON plus a newline on stdout (for `--json`). */
  printJson(value: unknown): void;
  /** Adds the shared `--json` option (translated description) to a subcommand. */
  jsonOption(command: Command): Command;
  /**
   * Wraps a subcommand action: the action returns its exit code (EXIT.ok / EXIT.findings …);
   * a thrown CliError prints its message and exits with its code; anything else is exit 3.
   */
  action<A extends unknown[]>(fn: (...args: A) => Promise<ExitCode> | ExitCode): (...args: A) => Promise<void>;
}

export interface CliCommand {
  /** The subcommand's name as typed: `tianbao <name>`. */
  name: string;
  /**
   * Adds the subcommand: `program.command(name)…action(ctx.action(async (...) => EXIT.ok))`.
   * Use `program.command` (not `new Command`) so the translated help, error handling and exit
   * codes are inherited. Descriptions come from ctx.t (add keys under `cli.<name>` in src/i18n/cli.ts).
   */
  register(program: Command, ctx: CliContext): void;
}
