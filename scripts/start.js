#!/usr/bin/env node
/**
 * `npm start`: build and serve the add-in on https://localhost:3000, sideload it into desktop Excel
 * where that is possible, and print the addresses (task pane, browser preview, manifest).
 *
 *  1. HTTPS certificate: office-addin-dev-certs (a local CA trusted by the system, as Office
 *     requires) where it can be installed; its files are handed to webpack.config.js through
 *     TIANBAO_HTTPS_KEY / TIANBAO_HTTPS_CERT / TIANBAO_HTTPS_CA. Otherwise webpack-dev-server's
 *     self-signed certificate is used and a note says how to get past the browser warning.
 *  2. `webpack serve --mode development` (devServer settings live in webpack.config.js).
 *  3. Desktop Excel (Windows/macOS): `office-addin-debugging start manifest.xml desktop` — an
 *     optional dependency; skipped with a message where it or Excel is missing.
 *  4. Stop with Ctrl+C here, or `npm run stop` from another terminal (pid file under
 *     node_modules/.cache/tianbao/).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const net = require("net");
const https = require("https");
const { spawn, spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const { officeDebuggingCli } = require("./lib/office-debugging");
const PORT = 3000;
const HOST = `https://localhost:${PORT}`;
const manifest = path.join(root, "manifest.xml");
const stateDir = path.join(root, "node_modules", ".cache", "tianbao");
const stateFile = path.join(stateDir, "start.json");

const say = (s = "") => process.stdout.write(s + "\n");

function portInUse(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(true));
    srv.once("listening", () => srv.close(() => resolve(false)));
    srv.listen(port, "127.0.0.1");
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Certificate files from office-addin-dev-certs, or null (then webpack-dev-server self-signs). */
async function devCerts() {
  if (process.env.TIANBAO_HTTPS_KEY && process.env.TIANBAO_HTTPS_CERT) {
    return { key: process.env.TIANBAO_HTTPS_KEY, cert: process.env.TIANBAO_HTTPS_CERT, ca: process.env.TIANBAO_HTTPS_CA, source: "environment" };
  }
  // On Linux installing the CA needs sudo: only try where someone can answer the prompt.
  if (process.platform === "linux" && (!process.stdin.isTTY || process.env.CI)) return { skipped: "Linux without a terminal (CI): the CA cannot be installed without sudo" };
  let mod;
  try {
    mod = await import("office-addin-dev-certs");
    mod = mod.getHttpsServerOptions ? mod : mod.default;
  } catch (e) {
    return { skipped: `office-addin-dev-certs could not load (${e.message.split("\n")[0]})` };
  }
  try {
    await withTimeout(mod.getHttpsServerOptions(30), 120000, "office-addin-dev-certs");
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const files = { key: path.join(dir, "localhost.key"), cert: path.join(dir, "localhost.crt"), ca: path.join(dir, "ca.crt") };
    if (!fs.existsSync(files.key) || !fs.existsSync(files.cert)) return { skipped: `certificate files not found in ${dir}` };
    return { ...files, source: "office-addin-dev-certs" };
  } catch (e) {
    return { skipped: `office-addin-dev-certs failed: ${String(e.message).split("\n")[0]}` };
  }
}

function webpackCommand() {
  try {
    return [process.execPath, [require.resolve("webpack-cli/bin/cli.js", { paths: [root] }), "serve", "--mode", "development"]];
  } catch {
    return [process.platform === "win32" ? "npx.cmd" : "npx", ["webpack", "serve", "--mode", "development"]];
  }
}

function waitForServer(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let exited = false;
    child.once("exit", (code) => {
      exited = true;
      reject(new Error(`webpack serve exited with code ${code} before the add-in was served`));
    });
    const probe = () => {
      if (exited) return;
      const req = https.get(`${HOST}/taskpane.html`, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on("error", retry);
      req.on("timeout", () => req.destroy());
    };
    const retry = () => {
      if (exited) return;
      if (Date.now() > deadline) reject(new Error(`no answer from ${HOST}/taskpane.html after ${timeoutMs / 1000}s`));
      else setTimeout(probe, 1000);
    };
    probe();
  });
}

async function main() {
  if (await portInUse(PORT)) {
    say(`端口 ${PORT} 已被占用：填报助手可能已在运行（用 npm run stop 停止），或有其他程序占用了该端口。`);
    say(`Port ${PORT} is already in use: Tianbao may already be running (npm run stop), or another program holds the port.`);
    process.exit(1);
  }

  const certs = await devCerts();
  const env = { ...process.env };
  if (certs.key) {
    env.TIANBAO_HTTPS_KEY = certs.key;
    env.TIANBAO_HTTPS_CERT = certs.cert;
    if (certs.ca && fs.existsSync(certs.ca)) env.TIANBAO_HTTPS_CA = certs.ca;
    say(`HTTPS：使用 ${certs.source} 的证书 / using certificates from ${certs.source}`);
  } else {
    delete env.TIANBAO_HTTPS_KEY;
    delete env.TIANBAO_HTTPS_CERT;
    delete env.TIANBAO_HTTPS_CA;
    say("注意：未能安装受信任的开发证书，改用 webpack-dev-server 的自签名证书。浏览器会提示“连接不是私密连接”，");
    say("      请先在浏览器中打开 " + HOST + "/taskpane.html 并选择“继续访问”；Excel 网页版加载前也需如此。");
    say("Note: no trusted development certificate (" + certs.skipped + "); webpack-dev-server's self-signed");
    say("      certificate is used. Open " + HOST + "/taskpane.html once and accept the browser warning.");
  }

  const [cmd, args] = webpackCommand();
  say(`正在构建并启动开发服务器… / building and starting the dev server: webpack ${args.slice(-3).join(" ")}`);
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  fs.mkdirSync(stateDir, { recursive: true });
  const state = { pid: process.pid, webpackPid: child.pid, sideloaded: false, startedAt: new Date().toISOString() };
  const writeState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
  writeState();

  let stopping = false;
  const cleanup = (code) => {
    if (stopping) return;
    stopping = true;
    if (state.sideloaded) {
      const cli = officeDebuggingCli(root);
      if (cli) spawnSync(process.execPath, [cli, "stop", manifest, "desktop"], { cwd: root, stdio: "inherit" });
    }
    try {
      const current = JSON.parse(fs.readFileSync(stateFile, "utf8"));
      if (current.pid === process.pid) fs.unlinkSync(stateFile);
    } catch {
      /* already removed by npm run stop */
    }
    if (child.exitCode === null) child.kill("SIGTERM");
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => cleanup(0));

  try {
    await waitForServer(child, 300000);
  } catch (e) {
    say(`启动失败 / failed to start: ${e.message}`);
    cleanup(1);
    return;
  }
  child.once("exit", (code) => {
    say(`开发服务器已停止 / the dev server stopped (code ${code}).`);
    cleanup(code ?? 0);
  });

  // Desktop Excel sideloading: Windows and macOS only, where office-addin-debugging is installed.
  if (process.platform === "win32" || process.platform === "darwin") {
    const cli = officeDebuggingCli(root);
    if (!cli) {
      say("跳过桌面版 Excel 旁加载：未安装 office-addin-debugging（可选依赖）。/ Skipping desktop Excel sideload: office-addin-debugging is not installed.");
    } else {
      say("正在旁加载到桌面版 Excel… / sideloading into desktop Excel…");
      const r = spawnSync(process.execPath, [cli, "start", manifest, "desktop", "--app", "excel", "--no-debug", "--no-live-reload", "--dev-server-port", String(PORT)], {
        cwd: root,
        stdio: "inherit",
        timeout: 180000,
      });
      state.sideloaded = r.status === 0;
      writeState();
      if (!state.sideloaded) say("旁加载未成功（是否安装了桌面版 Excel？）。可按下文手动加载。/ Sideloading did not succeed (is desktop Excel installed?); load the manifest by hand as below.");
    }
  } else {
    say(`跳过桌面版 Excel 旁加载：${process.platform} 上没有桌面版 Excel。/ Skipping desktop Excel sideload: no desktop Excel on ${process.platform}.`);
  }

  say("");
  say("填报助手已启动 / Tianbao is running:");
  say(`  浏览器预览 / browser preview:  ${HOST}/preview.html`);
  say(`  任务窗格 / task pane:          ${HOST}/taskpane.html`);
  say(`  加载项清单 / manifest:          ${manifest}`);
  say("  Excel 网页版：插入 → 加载项 → 上传我的加载项，选择 manifest.xml。/ Excel on the web: Insert → Add-ins → Upload My Add-in → manifest.xml.");
  say("  停止：按 Ctrl+C，或在另一个终端运行 npm run stop。/ Stop: Ctrl+C here, or npm run stop in another terminal.");
}

main().catch((e) => {
  say(`npm start 出错 / failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
