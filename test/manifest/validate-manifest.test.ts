/**
 * The manifest check must be able to fail: each broken variant of the real manifest is written to
 * a temp file and run through scripts/validate-manifest.js (the same script `npm test` runs).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repo = path.resolve(__dirname, "../..");
const script = path.join(repo, "scripts/validate-manifest.js");
const good = fs.readFileSync(path.join(repo, "manifest.xml"), "utf8");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-manifest-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(xml: string, env: NodeJS.ProcessEnv = {}) {
  const file = path.join(tmp, `m${Math.random().toString(36).slice(2)}.xml`);
  fs.writeFileSync(file, xml);
  const r = spawnSync(process.execPath, [script, file], { encoding: "utf8", env: { ...process.env, ...env } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function mustChange(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  expect(out).not.toBe(xml); // the mutation really happened
  return out;
}

test("the committed manifest passes schema, parse and project rules", () => {
  const r = check(good);
  expect(r.out).toContain("is valid");
  expect(r.status).toBe(0);
});

test("a manifest without <Version> fails the schema check", () => {
  const r = check(mustChange(good, /\s*<Version>[^<]*<\/Version>/, ""));
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/ProviderName.*not expected/);
});

test("elements in the wrong order fail the schema check", () => {
  // DefaultLocale must come after ProviderName
  const swapped = mustChange(good, /(<ProviderName>[^<]*<\/ProviderName>)(\s*)(<DefaultLocale>[^<]*<\/DefaultLocale>)/, "$3$2$1");
  const r = check(swapped);
  expect(r.status).toBe(1);
  expect(r.out).toContain("schema check (xmllint) failed");
});

test("a lower ExcelApi requirement than 1.14 is rejected", () => {
  const r = check(mustChange(good, 'Name="ExcelApi" MinVersion="1.14"', 'Name="ExcelApi" MinVersion="1.7"'));
  expect(r.status).toBe(1);
  expect(r.out).toContain("ExcelApi minimum must be 1.14");
});

test("a missing en-US display name is rejected", () => {
  const r = check(mustChange(good, /(<DisplayName[^>]*>)\s*<Override[^>]*\/>/, "$1"));
  expect(r.status).toBe(1);
  expect(r.out).toContain("<DisplayName> needs an en-US <Override>");
});

test("a ribbon icon pointing at a PNG of the wrong size is rejected", () => {
  const r = check(mustChange(good, 'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"', 'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-64.png"'));
  expect(r.status).toBe(1);
  expect(r.out).toContain("icon assets/icon-64.png is 64×64, expected 80×80");
});

test("a ribbon group with another label is rejected", () => {
  const r = check(mustChange(good, /(<bt:String id="Group.Label" DefaultValue=")填报助手/, "$1工具"));
  expect(r.status).toBe(1);
  expect(r.out).toContain("labelled 填报助手");
});

test("plain-http URLs are rejected", () => {
  const r = check(mustChange(good, '<SourceLocation DefaultValue="https://', '<SourceLocation DefaultValue="http://'));
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/SourceLocation|HTTPS/);
});

test("a missing ../shared folder is a clear failure, not a silent pass", () => {
  const r = check(good, { TIANBAO_SHARED_DIR: path.join(tmp, "no-such-shared") });
  expect(r.status).toBe(1);
  expect(r.out).toContain("manifest checker not found");
});
