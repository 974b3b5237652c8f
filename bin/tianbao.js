#!/usr/bin/env node
/**
 * `tianbao` / `npx tianbao`: runs the compiled command line (build/cli/main.js).
 *
 * The CLI is TypeScript (src/cli, src/core, src/adapters/xlsx and what they import). When build/
 * is missing or older than any of those sources, this script compiles them first with
 * `tsc -p tsconfig.cli.json`, so a fresh clone works right after `npm install`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
// TIANBAO_BUILD_DIR (tests only) builds into another folder; it must lie inside the repository
// so that node_modules and package.json are still found from there.
const buildDir = process.env.TIANBAO_BUILD_DIR ? path.resolve(process.env.TIANBAO_BUILD_DIR) : path.join(root, "build");
const entry = path.join(buildDir, "cli", "main.js");
const tsconfig = path.join(root, "tsconfig.cli.json");
/** Everything the CLI build can import (tsconfig.cli.json includes the first three; the rest are imported). */
const SOURCE_DIRS = ["src/cli", "src/core", "src/adapters/xlsx", "src/i18n", "src/fake"];

function newestSource() {
  let newest = fs.existsSync(tsconfig) ? fs.statSync(tsconfig).mtimeMs : 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d));
  return newest;
}

function build() {
  let tsc;
  try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  } catch {
    process.stderr.write("无法编译命令行工具：找不到 TypeScript。请先在项目目录运行 npm install。\n" + "Cannot build the command line: TypeScript is not installed. Run npm install in the project folder first.\n");
    process.exit(3);
  }
  process.stderr.write("正在编译命令行工具（首次运行或源代码有更新）… / building the command line…\n");
  const r = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--outDir", buildDir], { cwd: root, encoding: "utf8" });
  if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < startedAt) {
    process.stderr.write(
      "无法编译命令行工具（tsc -p tsconfig.cli.json 失败）/ building the command line failed:\n" + (r.stdout || "") + (r.stderr || "") + (r.error ? String(r.error) + "\n" : ""),
    );
    process.exit(3);
  }
  if (r.status !== 0) {
    // tsc still emitted JavaScript; type errors belong to `npm run typecheck`, not to the user's run
    process.stderr.write("（编译时有类型错误，已忽略；运行 npm run typecheck 查看）/ (type errors ignored; see npm run typecheck)\n");
  }
}

const startedAt = Date.now() - 1000;
if (!fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestSource()) build();

// `tianbao --help | head` closes the pipe early: that is not an error
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode || 0);
  throw e;
});

const { main } = require(entry);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`内部错误 / internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 3;
  },
);
