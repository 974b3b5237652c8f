/**
 * The exit-code convention every `tianbao` subcommand follows:
 *   0 ok · 1 findings (the command worked and found problems) · 2 bad usage or unreadable input ·
 *   3 internal error (a bug: an exception nobody expected).
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An error the user can act on: its message is printed as is (already translated, naming the file,
 * sheet, row or column), and the process exits with `exitCode` (2 unless said otherwise).
 */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = "CliError";
  }
}
