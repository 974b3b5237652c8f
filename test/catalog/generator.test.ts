/**
 * The committed 本科 catalog must be exactly what the generator makes from ../shared/reference,
 * and the CSV reader must cope with what those files contain (quotes, commas, line breaks).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require("../../tools/catalog/build-undergraduate.js");

const REPO = path.resolve(__dirname, "../..");
const REF = path.resolve(REPO, "../shared/reference");
const COMMITTED = path.join(REPO, "src/core/catalog/data/undergraduate.generated.ts");
const haveRef = fs.existsSync(path.join(REF, "undergrad-table-map.csv"));

describe("CSV reader", () => {
  it("handles quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM", () => {
    const rows = generator.parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n,,\n');
    expect(rows).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "line1\nline2"],
      ["", "", ""],
    ]);
  });
});

(haveRef ? describe : describe.skip)("build-undergraduate.js", () => {
  it("re-generates the committed file byte for byte (run `node tools/catalog/build-undergraduate.js` if this fails)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tb-catalog-"));
    const out = path.join(dir, "undergraduate.generated.ts");
    const { execFileSync } = require("child_process");
    execFileSync(process.execPath, [path.join(REPO, "tools/catalog/build-undergraduate.js"), "--ref", REF, "--out", out], { stdio: "pipe" });
    const fresh = fs.readFileSync(out, "utf8");
    const committed = fs.readFileSync(COMMITTED, "utf8");
    expect(fresh.length).toBe(committed.length);
    expect(fresh === committed).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is deterministic: two builds render identically", () => {
    const a = generator.render(generator.build(REF));
    const b = generator.render(generator.build(REF));
    expect(a === b).toBe(true);
  });

  it("places every 2019 definition of fields.csv (102) in the catalog", () => {
    const fieldsCsv = fs.readFileSync(path.join(REF, "es2-2019/fields.csv"), "utf8");
    const sheets = new Set(generator.parseCsv(fieldsCsv).slice(1).map((r: string[]) => r[0]));
    expect(sheets.size).toBe(102);
    const { sourceIdMap } = generator.build(REF);
    expect(Object.keys(sourceIdMap).length).toBe(102);
  });
});

if (!haveRef) {
  // Visible in the test output so nobody mistakes the skip for a pass.
  test.skip(`build-undergraduate.js: skipped — ${REF} is absent (reference material lives beside the repository)`, () => undefined);
}
