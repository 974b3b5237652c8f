#!/usr/bin/env node
/**
 * Offline manifest check, run by `npm run test:manifest` (and so by `npm test`).
 *
 *  1. Schema: `../shared/bin/validate-manifest <manifest>` — xmllint against Microsoft's manifest
 *     XSDs kept beside the repository (element order, names, required elements, value formats).
 *  2. Parse: office-addin-manifest's XML reader (the code behind `office-addin-manifest info`),
 *     which works offline. Skipped with a note if the package cannot load.
 *  3. Project rules the XSD cannot express: fixed GUID Id, ExcelApi ≥ 1.14, zh-CN default with an
 *     en-US override for the name and description, the Home-tab group 填报助手 with a
 *     ShowTaskpane button, HTTPS everywhere, and every icon URL under /assets/ pointing at a
 *     committed PNG of the declared size.
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml]
 * Exit 0 = valid, 1 = invalid or the checker itself is missing.
 * TIANBAO_SHARED_DIR overrides where ../shared is looked for (used by the tests).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const repo = path.resolve(__dirname, "..");
const manifestPath = path.resolve(process.argv[2] || path.join(repo, "manifest.xml"));
const sharedDir = path.resolve(process.env.TIANBAO_SHARED_DIR || path.join(repo, "..", "shared"));
const schemaScript = path.join(sharedDir, "bin", "validate-manifest");

const problems = [];
const fail = (msg) => problems.push(msg);

function finish() {
  if (problems.length) {
    console.error(`✗ ${path.relative(process.cwd(), manifestPath) || manifestPath}: ${problems.length} problem(s)`);
    for (const p of problems) console.error("  - " + p);
    process.exit(1);
  }
  console.log(`✓ ${path.relative(process.cwd(), manifestPath) || manifestPath} is valid (schema, parse, project rules)`);
}

// ---- 1. schema ---------------------------------------------------------------------------------
if (!fs.existsSync(manifestPath)) {
  console.error(`清单文件不存在 / manifest not found: ${manifestPath}`);
  process.exit(1);
}
if (!fs.existsSync(schemaScript)) {
  console.error(
    `找不到清单校验脚本 / manifest checker not found: ${schemaScript}\n` +
      `The offline schema check needs the shared folder beside the repository (../shared, with\n` +
      `bin/validate-manifest and manifest-schema/). Clone or copy it next to this repository.`,
  );
  process.exit(1);
}
const schema = spawnSync("bash", [schemaScript, manifestPath], { encoding: "utf8" });
if (schema.error) {
  console.error(`无法运行清单校验 / cannot run ${schemaScript}: ${schema.error.message}`);
  process.exit(1);
}
if (schema.status !== 0) {
  const out = `${schema.stdout}${schema.stderr}`.trim();
  fail("schema check (xmllint) failed:\n    " + out.split("\n").join("\n    "));
  finish();
}

// ---- 2. parse with office-addin-manifest ---------------------------------------------------------
async function parseWithOfficeTool() {
  // The package's main entry also loads the JSON (unified) manifest handler, whose dependency
  // chain may be ESM-only or incompletely hoisted; the XML handler alone is enough for `info`.
  const candidates = ["office-addin-manifest", "office-addin-manifest/lib/manifestHandler/manifestHandlerXml.js"];
  const errors = [];
  for (const id of candidates) {
    try {
      const mod = require(id);
      if (typeof mod.readManifestFile === "function") return await mod.readManifestFile(manifestPath);
      if (typeof mod.ManifestHandlerXml === "function") return await new mod.ManifestHandlerXml(manifestPath).parseManifest();
    } catch (e) {
      errors.push(`${id}: ${String(e && e.message).split("\n")[0]}`);
    }
  }
  return { skipped: errors.join("; ") };
}

// ---- 3. project rules ----------------------------------------------------------------------------
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function projectRules(xml, info) {
  const text = (re) => (re.exec(xml) || [])[1];
  const id = info ? info.id : text(/<Id>([^<]*)<\/Id>/);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id || "")) fail(`<Id> must be a GUID, got ${JSON.stringify(id)}`);
  const version = info ? info.version : text(/<Version>([^<]*)<\/Version>/);
  if (!/^\d+(\.\d+){1,3}$/.test(version || "")) fail(`<Version> must look like 1.0.0.0, got ${JSON.stringify(version)}`);
  const defaultLocale = info ? info.defaultLocale : text(/<DefaultLocale>([^<]*)</);
  if (defaultLocale !== "zh-CN") fail(`<DefaultLocale> must be zh-CN, got ${JSON.stringify(defaultLocale)}`);
  for (const el of ["DisplayName", "Description"]) {
    const block = text(new RegExp(`<${el}\\b[^>]*>([\\s\\S]*?)</${el}>`));
    if (!block || !/<Override\s+Locale="en-US"\s+Value="[^"]+"/.test(block)) fail(`<${el}> needs an en-US <Override>`);
  }
  const excelApi = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!excelApi) fail(`<Requirements> must name the ExcelApi set`);
  else if (excelApi[1] !== "1.14") fail(`ExcelApi minimum must be 1.14, got ${excelApi[1]}`);
  if (!/<OfficeTab id="TabHome">/.test(xml)) fail(`the ribbon button must be on the Home tab (OfficeTab id="TabHome")`);
  const groupRes = /<Group id="[^"]+">\s*<Label resid="([^"]+)"/.exec(xml);
  const groupLabel = groupRes && new RegExp(`<bt:String id="${groupRes[1].replace(/\./g, "\\.")}" DefaultValue="([^"]*)"`).exec(xml);
  if (!groupLabel || groupLabel[1] !== "填报助手") fail(`the ribbon group must be labelled 填报助手`);
  if (!/<Action xsi:type="ShowTaskpane">/.test(xml)) fail(`the ribbon button must open the task pane (Action ShowTaskpane)`);
  const source = info && info.defaultSettings ? info.defaultSettings.sourceLocation : text(/<SourceLocation DefaultValue="([^"]*)"/);
  if (!/^https:\/\/[^/]+\/taskpane\.html$/.test(source || "")) fail(`<SourceLocation> must be https://…/taskpane.html, got ${JSON.stringify(source)}`);

  for (const m of xml.matchAll(/(?:DefaultValue|Value)="(http[^"]*)"/g)) {
    if (!m[1].startsWith("https://")) fail(`URL must use HTTPS: ${m[1]}`);
  }
  // Icons: every /assets/*.png URL must exist and have the size its resource id or element declares.
  const declared = new Map();
  for (const m of xml.matchAll(/<bt:Image id="Icon\.(\d+)x\d+" DefaultValue="([^"]+)"/g)) declared.set(m[2], Number(m[1]));
  const iconUrl = text(/<IconUrl DefaultValue="([^"]+)"/);
  const hiRes = text(/<HighResolutionIconUrl DefaultValue="([^"]+)"/);
  if (iconUrl) declared.set(iconUrl, declared.get(iconUrl) || 32);
  if (hiRes) declared.set(hiRes, declared.get(hiRes) || 64);
  for (const size of [16, 32, 80]) {
    if (![...declared.values()].includes(size)) fail(`no ${size}px ribbon icon declared (bt:Image id="Icon.${size}x${size}")`);
  }
  for (const [url, size] of declared) {
    const m = /^https:\/\/[^/]+\/(assets\/[^?#]+\.png)$/.exec(url);
    if (!m) {
      fail(`icon URL should point at /assets/*.png: ${url}`);
      continue;
    }
    const file = path.join(repo, m[1]);
    if (!fs.existsSync(file)) {
      fail(`icon ${m[1]} does not exist (run node scripts/make-icons.js)`);
      continue;
    }
    const dim = pngSize(file);
    if (!dim) fail(`icon ${m[1]} is not a PNG`);
    else if (dim.width !== size || dim.height !== size) fail(`icon ${m[1]} is ${dim.width}×${dim.height}, expected ${size}×${size}`);
  }
}

(async () => {
  const info = await parseWithOfficeTool();
  let parsed = null;
  if (info && info.skipped !== undefined) {
    console.log(`note: office-addin-manifest could not load, its parse check was skipped (${info.skipped})`);
  } else if (!info || !info.id) {
    fail("office-addin-manifest could not read the manifest's Id");
  } else {
    parsed = info;
    if (info.officeAppType !== "TaskPaneApp") fail(`office-addin-manifest reports type ${info.officeAppType}, expected TaskPaneApp`);
    if (!(info.hosts || []).includes("Workbook")) fail(`office-addin-manifest reports hosts ${JSON.stringify(info.hosts)}, expected Workbook`);
  }
  projectRules(fs.readFileSync(manifestPath, "utf8"), parsed);
  finish();
})().catch((e) => {
  console.error(`清单校验出错 / manifest check crashed: ${e && e.stack}`);
  process.exit(1);
});
