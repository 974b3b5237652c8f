/** `tianbao catalog`: the human listing and the --json shape of issue 3 point 7. */
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { getCatalog } from "../../src/core/catalog";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, env);
  return { code, out, err };
}

describe("tianbao catalog", () => {
  test("lists the 本科 tables by category with period, shape and markers", async () => {
    const r = await run(["catalog"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const catalog = getCatalog("undergraduate");
    expect(r.out).toContain(`共 ${catalog.tables.length} 张表`);
    expect(r.out).toContain("标记：* 基础表");
    // every table once, under its category heading
    for (const t of catalog.tables) expect(r.out).toMatch(new RegExp(`^  [* ][~? ][! ] ${t.id.replace(/[.]/g, "\\.")} +${t.name.replace(/[()（）]/g, ".")}`, "m"));
    const line = r.out.split("\n").find((l) => / 1-5-1 /.test(l))!;
    expect(line).toMatch(/^  \*/); // base table
    expect(line).toContain("教职工基本信息");
    expect(line).toContain("时点");
    expect(line).toContain("列表");
    const cats = [...new Set(catalog.tables.map((t) => t.category))];
    const positions = cats.map((c) => r.out.indexOf("\n" + c + "\n"));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const inferred = catalog.tables.find((t) => t.provenance.idStatus === "inferred")!;
    expect(r.out.split("\n").find((l) => l.includes(` ${inferred.id} `))).toMatch(/^  .~/);
  });

  test("--catalog vocational marks incomplete tables", async () => {
    const r = await run(["catalog", "--catalog", "vocational"]);
    expect(r.code).toBe(0);
    const v = getCatalog("vocational");
    const inc = v.tables.find((t) => t.incomplete)!;
    expect(r.out.split("\n").find((l) => l.includes(` ${inc.id} `) && l.includes(inc.name))).toMatch(/^  ..!/);
    expect(r.out).toContain(`字段不完整 ${v.tables.filter((t) => t.incomplete).length} 张`);
  });

  test("--json prints the documented shape", async () => {
    const r = await run(["catalog", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(["catalog", "codeLists", "edition", "tables"]);
    expect(j.catalog).toBe("undergraduate-2024");
    const t = j.tables.find((x: { id: string }) => x.id === "1-5-1");
    expect(Object.keys(t).sort()).toEqual(["base", "category", "columns", "dependsOn", "id", "name", "period", "provenance", "shape"]);
    expect(Object.keys(t.columns[0]).sort()).toEqual(["codeList", "header", "key", "required", "type", "unit"]);
    const coded = t.columns.find((c: { codeList: string | null }) => c.codeList);
    expect(j.codeLists[coded.codeList].length).toBeGreaterThan(0);
    expect(j.codeLists[coded.codeList][0]).toEqual({ value: expect.any(String), label: expect.any(String) });
  });

  test("an unknown catalog exits 2 with a Chinese message", async () => {
    const r = await run(["catalog", "--catalog", "kindergarten"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^错误：未知的目录“kindergarten”/);
  });

  test("English help and labels", async () => {
    const r = await run(["catalog", "--lang", "en", "--catalog", "vocational"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Marks: * base table");
    expect(r.out).toMatch(/ 6\.1 +教师基本情况 +acad\. year +list /);
  });
});
