/**
 * The command line shell: translated help, version, the exit-code convention, the subcommand
 * registry contract and the shared plumbing (opening workbooks, --json). A probe subcommand stands
 * in for the real ones other modules register.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { CliError, EXIT } from "../../src/cli/exit";
import type { CliCommand, CliIO } from "../../src/cli/types";
import { commands } from "../../src/cli/commands";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { cliEnUS, cliZhCN } from "../../src/i18n/cli";
import { messageKeys } from "../../src/i18n";
import type { Messages } from "../../src/i18n/types";

const repo = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, cmds: CliCommand[] = commands) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, env, cmds);
  return { code, out, err };
}

/** A subcommand written the way the registry documents: opens a workbook, reports findings. */
const probe: CliCommand = {
  name: "probe",
  register(program, ctx) {
    const cmd = program.command("probe").description("probe").argument("<file>", "xlsx").option("--any", "accept non-Tianbao workbooks").option("--crash");
    ctx.jsonOption(cmd).action(
      ctx.action(async (file: string, opts: { json?: boolean; any?: boolean; crash?: boolean }) => {
        if (opts.crash) throw new TypeError("boom");
        const wb = await ctx.openWorkbook(file, { requireTianbao: !opts.any });
        const [r] = await wb.read([{ sheet: (await wb.getSheets())[0].name }]);
        const empty = r.values.flat().filter((v) => v === "").length;
        if (opts.json) ctx.printJson({ file, empty });
        else ctx.io.stdout(`${empty}\n`);
        if (empty > 100) throw new CliError("too many", EXIT.usage);
        return empty > 0 ? EXIT.findings : EXIT.ok;
      }),
    );
  },
};

async function writeWorkbook(name: string, tianbao: boolean, values: (string | number)[][]): Promise<string> {
  const wb = XlsxWorkbook.create();
  await wb.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values }]);
  if (tianbao) await wb.apply([{ kind: "addName", name: "TB_1_1", sheet: "Sheet1", address: "A1" }]);
  const file = path.join(tmp, name);
  await wb.save(file);
  return file;
}

describe("help, version and language", () => {
  test("--help is Chinese by default and lists options, exit codes", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("用法：");
    expect(r.out).toContain("选项：");
    expect(r.out).toContain("显示帮助");
    expect(r.out).toContain("退出码：0 = 正常；1 = 发现问题");
    expect(r.out).not.toContain("display help");
  });

  test("--lang en and LANG=en_* switch to English; --lang wins over LANG", async () => {
    for (const r of [await run(["--lang", "en", "--help"]), await run(["--help"], { LANG: "en_US.UTF-8" }), await run(["--help", "--lang=en"], { LANG: "zh_CN.UTF-8" })]) {
      expect(r.code).toBe(0);
      expect(r.out).toContain("Usage:");
      expect(r.out).toContain("Exit codes: 0 = ok; 1 = findings");
      expect(r.out).not.toContain("用法");
    }
    const zh = await run(["--lang", "zh", "--help"], { LANG: "en_US.UTF-8" });
    expect(zh.out).toContain("用法：");
    expect((await run(["--help"], { LANG: "C.UTF-8" })).out).toContain("用法："); // a neutral locale keeps Chinese
  });

  test("no arguments prints the help and succeeds", async () => {
    const r = await run([]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain("用法：");
  });

  test("--version prints package.json's version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
    const r = await run(["--version"]);
    expect(r).toEqual({ code: 0, out: pkg.version + "\n", err: "" });
  });

  test("the help of a registered subcommand is translated too", async () => {
    const r = await run(["help", "probe"], {}, [probe]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("用法： tianbao probe");
    expect(r.out).toContain("参数：");
    expect(r.out).toContain("以 JSON 格式输出结果");
    const top = await run(["--help"], { LANG: "en_GB.UTF-8" }, [probe]);
    expect(top.out).toContain("Commands:");
    expect(top.out).toMatch(/probe \[options\] <file>/);
  });

  test("every CLI message exists in both languages", () => {
    const zh = messageKeys(cliZhCN as unknown as Messages);
    expect(messageKeys(cliEnUS as unknown as Messages)).toEqual(zh);
    expect(zh.length).toBeGreaterThan(20);
  });
});

describe("exit-code convention", () => {
  test("bad usage exits 2 with a Chinese message and a hint", async () => {
    const unknown = await run(["--bogus"]);
    expect(unknown).toEqual({ code: 2, out: "", err: "错误：未知的选项 --bogus\n运行 tianbao --help 查看用法。\n" });
    const cmd = await run(["nosuch"], {}, [probe]);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain("未知的命令 nosuch");
    const missing = await run(["probe"], {}, [probe]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("缺少参数 file");
    const lang = await run(["--lang", "fr", "--help"]);
    expect(lang.code).toBe(2);
    expect(lang.err).toContain("不支持的语言 fr");
    const en = await run(["--lang", "en", "--bogus"]);
    expect(en.err).toBe("error: unknown option --bogus\nRun tianbao --help for usage.\n");
  });

  test("0 when clean, 1 with findings, --json prints parseable JSON", async () => {
    const clean = await writeWorkbook("clean.xlsx", true, [["学校", 1]]);
    expect(await run(["probe", clean], {}, [probe])).toEqual({ code: 0, out: "0\n", err: "" });
    const holes = await writeWorkbook("holes.xlsx", true, [["学校", 1], ["", 2]]);
    const r = await run(["probe", holes, "--json"], {}, [probe]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ file: holes, empty: 1 });
  });

  test("unreadable input exits 2: missing file, legacy .xls, not a workbook, not a Tianbao workbook", async () => {
    const missing = await run(["probe", path.join(tmp, "缺失.xlsx")], {}, [probe]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^错误：无法读取文件 .*缺失\.xlsx：文件不存在\n$/);

    const xls = path.join(tmp, "旧表.xls");
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const old = await run(["probe", xls], {}, [probe]);
    expect(old.code).toBe(2);
    expect(old.err).toContain("请另存为 .xlsx");

    const csv = path.join(tmp, "data.xlsx");
    fs.writeFileSync(csv, "a,b\n1,2\n");
    const notZip = await run(["probe", csv], {}, [probe]);
    expect(notZip.code).toBe(2);
    expect(notZip.err).toContain("不是有效的 .xlsx 文件");

    const plain = await writeWorkbook("plain.xlsx", false, [["随便"]]);
    const foreign = await run(["probe", plain], {}, [probe]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain("不是填报助手工作簿");
    expect((await run(["probe", plain, "--any"], {}, [probe])).code).toBe(0);
  });

  test("an unexpected exception is exit 3, reported as an internal error", async () => {
    const r = await run(["probe", "x.xlsx", "--crash"], {}, [probe]);
    expect(r.code).toBe(3);
    expect(r.err).toContain("内部错误：boom");
  });
});

test("bin/tianbao.js builds on demand and runs the compiled CLI", () => {
  const bin = path.join(repo, "bin/tianbao.js");
  const pkgVersion = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).version;
  // a private build folder (inside the repo so node_modules resolve), starting empty like a fresh clone
  const buildDir = path.join(repo, "node_modules/.cache/tianbao", `build-test-${process.pid}`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  const env = { ...process.env, TIANBAO_BUILD_DIR: buildDir };
  try {
    const first = spawnSync(process.execPath, [bin, "--version"], { cwd: tmp, env, encoding: "utf8", timeout: 180000 });
    expect(first.stderr).toContain("正在编译命令行工具");
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(pkgVersion);
    expect(fs.existsSync(path.join(buildDir, "cli/main.js"))).toBe(true);
    const second = spawnSync(process.execPath, [bin, "--lang", "en", "--nope"], { cwd: tmp, env, encoding: "utf8", timeout: 180000 });
    expect(second.status).toBe(2);
    expect(second.stderr).toContain("error: unknown option --nope");
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}, 200000);
