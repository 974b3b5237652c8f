#!/usr/bin/env node
/**
 * `npm run stop`: stops what `npm start` started — the dev server (by the pids recorded in
 * node_modules/.cache/tianbao/start.json, never by process name) and, where it was sideloaded,
 * the desktop Excel registration (`office-addin-debugging stop manifest.xml desktop`).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const { officeDebuggingCli } = require("./lib/office-debugging");
const stateFile = path.join(root, "node_modules", ".cache", "tianbao", "start.json");
const manifest = path.join(root, "manifest.xml");
const say = (s) => process.stdout.write(s + "\n");

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** On Linux, make sure a recorded pid still belongs to node (pids are reused). */
function looksLikeOurs(pid) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return /node|webpack|npx/.test(cmd);
  } catch {
    return true; // no /proc (Windows, macOS): trust the pid file
  }
}

async function main() {
  let state;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  } catch {
    say("没有正在运行的填报助手开发服务器（找不到 npm start 的记录）。/ No Tianbao dev server is running (no record from npm start).");
    return;
  }
  if (state.sideloaded && (process.platform === "win32" || process.platform === "darwin")) {
    const cli = officeDebuggingCli(root);
    if (cli) {
      say("正在从桌面版 Excel 卸载旁加载… / removing the desktop Excel sideload…");
      spawnSync(process.execPath, [cli, "stop", manifest, "desktop"], { cwd: root, stdio: "inherit", timeout: 120000 });
    }
  }
  let stopped = 0;
  for (const pid of [state.webpackPid, state.pid]) {
    if (alive(pid) && looksLikeOurs(pid)) {
      try {
        process.kill(pid, "SIGTERM");
        stopped++;
      } catch {
        /* exited meanwhile */
      }
    }
  }
  // give them a moment, then make sure the server is gone
  for (let i = 0; i < 50 && [state.webpackPid, state.pid].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(state.webpackPid) && looksLikeOurs(state.webpackPid)) process.kill(state.webpackPid, "SIGKILL");
  try {
    fs.unlinkSync(stateFile);
  } catch {
    /* npm start removed it while exiting */
  }
  say(stopped ? "填报助手开发服务器已停止。/ The Tianbao dev server has stopped." : "开发服务器已不在运行，已清理记录。/ The dev server was no longer running; the record was cleared.");
}

main().catch((e) => {
  say(`npm run stop 出错 / failed: ${e && e.message}`);
  process.exit(1);
});
