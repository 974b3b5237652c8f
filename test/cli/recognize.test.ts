/** `tianbao recognize`: official per-table templates from the platform → catalog tables (issue 3 point 6a). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { getCatalog } from "../../src/core/catalog";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-recognize-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, {});
  return { code, out, err };
}

const catalog = getCatalog("undergraduate");
const t151 = catalog.tables.find((t) => t.id === "1-5-1")!;
// the platform's way: a title row, then the header row; one header renamed, one with full-width spaces
const renamedIndex = t151.columns.findIndex((c) => [...c.header].length >= 4);
const spacedIndex = t151.columns.findIndex((c, i) => i !== renamedIndex && [...c.header].length >= 2);
const renamedTo = t151.columns[renamedIndex].header + "情况";
const headers151 = t151.columns.map((c, i) => (i === renamedIndex ? renamedTo : i === spacedIndex ? [...c.header].join("\u3000") : c.header));
const unknownHeaders = ["智慧教室名称", "所在校区", "座位数（个）", "建成年份", "管理员电话"];

async function platformFile(file: string, sheets: Array<{ name: string; title: string; headers: string[] }>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("空白"); // Excel's spare empty sheet: skipped, not a failed recognition
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.getCell("A1").value = s.title;
    s.headers.forEach((h, i) => void (ws.getCell(2, i + 1).value = h));
  }
  await wb.xlsx.writeFile(file);
}

const good = path.join(tmp, "表1-5-1.xlsx");
const mixed = path.join(tmp, "两张表.xlsx");

beforeAll(async () => {
  await platformFile(good, [{ name: "教职工基本信息", title: `表1-5-1 ${t151.name}（时点）`, headers: headers151 }]);
  await platformFile(mixed, [
    { name: "Sheet1", title: `表1-5-1 ${t151.name}`, headers: headers151 },
    { name: "Sheet2", title: "表9-9-9 智慧教室建设情况（学年）", headers: unknownHeaders },
  ]);
});

describe("tianbao recognize", () => {
  test("maps a platform template with a renamed and a full-width-spaced header to its table", async () => {
    const r = await run(["recognize", good]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`工作表“教职工基本信息”：识别为表 1-5-1 ${t151.name}`);
    expect(r.out).toContain(`“${renamedTo}”按“${t151.columns[renamedIndex].header}”处理`);
    expect(r.out).toContain("识别 1 个，无法识别 0 个");

    const j = await run(["recognize", good, "--json"]);
    expect(j.code).toBe(0);
    const s = JSON.parse(j.out).sheets[0];
    expect(s).toMatchObject({ sheet: "教职工基本信息", matched: true, table: { id: "1-5-1", name: t151.name }, headerRow: 2, missing: [], extra: [] });
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.renamed).toEqual([{ key: t151.columns[renamedIndex].key, header: t151.columns[renamedIndex].header, found: renamedTo }]);
  });

  test("an unmatched sheet gets the Chinese message and exit 1; --draft writes a catalog workbook that imports back", async () => {
    const draft = path.join(tmp, "待补全.xlsx");
    const r = await run(["recognize", mixed, "--draft", draft]);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out).toContain("✓ 工作表“Sheet1”：识别为表 1-5-1");
    expect(r.out).toContain("✗ 工作表“Sheet2”：表头与");
    expect(r.out).toContain("都不匹配");
    expect(r.out).toContain("识别 1 个，无法识别 1 个");
    expect(r.out).toContain(`已把 1 张无法识别的表起草到 ${draft}`);

    const back = await run(["catalog", "--import", draft, "--json"]);
    expect(back.err).toBe("");
    expect(back.code).toBe(0);
    const j = JSON.parse(back.out);
    expect(j.tables).toHaveLength(1);
    const t = j.tables[0];
    expect(t).toMatchObject({ id: "9-9-9", name: "智慧教室建设情况", period: "academicYear" });
    expect(t.columns.map((c: { header: string }) => c.header)).toEqual(unknownHeaders);
    expect(t.columns.find((c: { header: string }) => c.header === "座位数（个）")).toMatchObject({ type: "integer", unit: "个" });
    expect(t.columns.find((c: { header: string }) => c.header === "管理员电话").type).toBe("phone");

    // the draft is never written over an existing file without --force
    const again = await run(["recognize", mixed, "--draft", draft]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("已存在");
  });

  test("unreadable input exits 2", async () => {
    const txt = path.join(tmp, "模板.csv");
    fs.writeFileSync(txt, "a,b\n");
    const r = await run(["recognize", txt]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("无法读取文件");
    expect((await run(["recognize", path.join(tmp, "无.xlsx")])).code).toBe(2);
    const empty = path.join(tmp, "空.xlsx");
    await platformFile(empty, []);
    const e = await run(["recognize", empty]);
    expect(e.code).toBe(2);
    expect(e.err).toContain("没有可识别的工作表");
  });
});
