/**
 * `tianbao` — the command line. bin/tianbao.js builds this file (tsc -p tsconfig.cli.json → build/)
 * and calls `main`. Tests call `main(argv, io, env)` directly and read the returned exit code.
 *
 * Language: `--lang zh|en`, else TIANBAO_LANG / LC_ALL / LC_MESSAGES / LANG starting with "en"
 * selects English; Chinese is the default. Exit codes: see ./exit.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError } from "commander";
import { WorkbookError } from "../core/workbook/port";
import { cliTranslator, type CliTranslate } from "../i18n/cli";
import type { Locale } from "../i18n/types";
import { commands as registeredCommands } from "./commands";
import { CliError, EXIT, type ExitCode } from "./exit";
import { jsonOption, openWorkbook, printJson } from "./plumbing";
import type { CliCommand, CliContext, CliIO } from "./types";

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/** The version in Tianbao's package.json (found upwards from this file: src/cli or build/cli). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version: string };
      if (pkg.name === "tianbao") return pkg.version;
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}

function parseLang(value: string): Locale | null {
  const v = value.trim().toLowerCase();
  if (v === "zh" || v.startsWith("zh-") || v.startsWith("zh_")) return "zh-CN";
  if (v === "en" || v.startsWith("en-") || v.startsWith("en_")) return "en-US";
  return null;
}

/** The language from `--lang` (returned raw when it is not zh/en, so it can be reported) or the environment. */
export function chooseLocale(argv: readonly string[], env: NodeJS.ProcessEnv): { locale: Locale; badLang?: string } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    const raw = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (raw !== undefined) {
      const l = parseLang(raw);
      return l ? { locale: l } : { locale: "zh-CN", badLang: raw };
    }
  }
  for (const name of ["TIANBAO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]) {
    const v = env[name];
    if (v && v !== "C" && v !== "POSIX" && !v.startsWith("C.")) return { locale: parseLang(v) ?? "zh-CN" };
  }
  return { locale: "zh-CN" };
}

function quoted(message: string): string {
  const m = /'([^']+)'/.exec(message);
  return m ? m[1] : "";
}

/** Commander's English error → our catalog message. */
function commanderMessage(t: CliTranslate, err: CommanderError): string {
  const token = quoted(err.message);
  const detail = err.message.replace(/^error:\s*/, "");
  switch (err.code) {
    case "commander.unknownOption":
      return t("cli.errors.unknownOption", { token });
    case "commander.unknownCommand":
      return t("cli.errors.unknownCommand", { token });
    case "commander.missingArgument":
      return t("cli.errors.missingArgument", { token });
    case "commander.optionMissingArgument":
      return t("cli.errors.optionMissingArgument", { token });
    case "commander.missingMandatoryOptionValue":
      return t("cli.errors.missingMandatoryOptionValue", { token });
    case "commander.excessArguments":
      return t("cli.errors.excessArguments");
    case "commander.invalidArgument":
      return t("cli.errors.invalidArgument", { detail });
    case "commander.conflictingOption":
      return t("cli.errors.conflictingOption", { detail });
    default:
      return detail;
  }
}

export interface BuiltProgram {
  program: Command;
  ctx: CliContext;
  exitCode(): ExitCode;
}

/** Builds the commander program with translated help; exported for tests and for `--help` snapshots. */
export function buildProgram(locale: Locale, io: CliIO, commands: readonly CliCommand[] = registeredCommands): BuiltProgram {
  const t = cliTranslator(locale);
  let code: ExitCode = EXIT.ok;

  const report = (e: unknown): ExitCode => {
    if (e instanceof CliError) {
      io.stderr(t("cli.errors.prefix") + e.message + "\n");
      return e.exitCode;
    }
    if (e instanceof WorkbookError) {
      io.stderr(t("cli.errors.prefix") + e.message + "\n");
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(t("cli.errors.internal", { message: err?.message ?? String(e) }) + "\n");
    if (process.env.TIANBAO_DEBUG) io.stderr(String(err?.stack) + "\n");
    return EXIT.internal;
  };

  const ctx: CliContext = {
    locale,
    t,
    io,
    openWorkbook: (file, options) => openWorkbook(t, file, options),
    printJson: (value) => printJson(io, value),
    jsonOption: (command) => jsonOption(t, command),
    action:
      (fn) =>
      async (...args) => {
        try {
          code = await fn(...args);
        } catch (e) {
          code = report(e);
        }
      },
  };

  const titles: Record<string, string> = {
    "Usage:": t("cli.titles.usage"),
    "Options:": t("cli.titles.options"),
    "Commands:": t("cli.titles.commands"),
    "Arguments:": t("cli.titles.arguments"),
    "Global Options:": t("cli.titles.globalOptions"),
  };

  const program = new Command("tianbao")
    .description(t("cli.description"))
    .version(packageVersion(), "-V, --version", t("cli.version"))
    .helpOption("-h, --help", t("cli.help"))
    .option("--lang <lang>", t("cli.lang"))
    .configureHelp({ styleTitle: (s: string) => titles[s] ?? s, showGlobalOptions: true })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .exitOverride()
    .addHelpText("after", "\n" + t("cli.exitCodes") + (commands.length ? "" : "\n" + t("cli.noCommandsYet")));
  if (commands.length) program.helpCommand("help [command]", t("cli.helpCommand"));

  for (const c of commands) c.register(program, ctx);
  return { program, ctx, exitCode: () => code };
}

/** Runs the command line; resolves to the exit code (never calls process.exit). */
export async function main(
  argv: readonly string[],
  io: CliIO = processIO,
  env: NodeJS.ProcessEnv = process.env,
  commands: readonly CliCommand[] = registeredCommands,
): Promise<ExitCode> {
  const { locale, badLang } = chooseLocale(argv, env);
  const t = cliTranslator(locale);
  if (badLang !== undefined) {
    io.stderr(t("cli.errors.prefix") + t("cli.errors.badLang", { token: badLang }) + "\n" + t("cli.errors.usageHint") + "\n");
    return EXIT.usage;
  }
  const built = buildProgram(locale, io, commands);
  const { program } = built;
  const rest = argv.filter((a, i) => a !== "--lang" && !a.startsWith("--lang=") && argv[i - 1] !== "--lang");
  if (rest.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.ok;
      io.stderr(t("cli.errors.prefix") + commanderMessage(t, e) + "\n" + t("cli.errors.usageHint") + "\n");
      return EXIT.usage;
    }
    io.stderr(t("cli.errors.internal", { message: (e as Error)?.message ?? String(e) }) + "\n");
    return EXIT.internal;
  }
  return built.exitCode();
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
