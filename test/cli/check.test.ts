/**
 * `tianbao check` on workbooks made by the template loader through the xlsx adapter, with planted
 * errors: grouped Chinese output, the --json shape, --tables, and exit codes 0 / 1 / 2.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/types";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { getCatalog } from "../../src/core/catalog";
import { loadTemplates } from "../../src/core/template/load";
import { META_SHEET } from "../../src/core/template/layout";
import type { CellValue } from "../../src/core/workbook/port";

jest.setTimeout(60_000);
const repo = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-check-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const UNITS = ["教务处", "D01", "张三", "教学院系"]; // 教学科研单位名称 单位号 单位负责人 单位职能

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const code = await main(argv, io, {});
  return { code, out, err };
}

/** A staff row of 表1-5-1 with every required field valid. */
function staffRow(gh: string, over: Partial<Record<number, CellValue>> = {}): CellValue[] {
  const row: CellValue[] = [gh, "李四", "男", "198001", "201009", "在职", "D01", "教务处", "博士研究生", "博士", "本校", "教授", "哲学", "中共党员", "汉族"];
  for (const [k, v] of Object.entries(over)) row[Number(k)] = v as CellValue;
  return row;
}

async function workbook(name: string, staff: CellValue[][], edit?: (wb: XlsxWorkbook) => Promise<void>): Promise<string> {
  const wb = XlsxWorkbook.create();
  const { report } = await loadTemplates(wb, getCatalog("undergraduate"), ["1-2", "1-3", "1-5-1"], { statYear: 2024 });
  const sheetOf = (id: string) => report.added.find((a) => a.tableId === id)!.sheet;
  await wb.apply([
    { kind: "setValues", sheet: sheetOf("1-3"), address: "A5", values: [UNITS] },
    ...(staff.length ? [{ kind: "setValues" as const, sheet: sheetOf("1-5-1"), address: "A5", values: staff }] : []),
  ]);
  if (edit) await edit(wb);
  const file = path.join(tmp, name);
  await wb.save(file);
  return file;
}

describe("tianbao check", () => {
  let bad: string;
  beforeAll(async () => {
    bad = await workbook("bad.xlsx", [
      staffRow("T001"),
      staffRow("T002", { 2: "01" }), // code instead of name → 第6行【性别】
      staffRow("T001"), // duplicate 工号
      staffRow("T004", { 6: "9999" }), // unit not in 表1-3
    ]);
  });

  test("human output: Chinese, grouped by table, exit 1 with errors", async () => {
    const r = await run(["check", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("统计年度 2024");
    expect(r.out).toMatch(/表1-3 学校教学科研单位（工作表“[^”]+”）：0 个错误/);
    expect(r.out).toMatch(/表1-5-1 教职工基本信息（工作表“[^”]+”）：\d+ 个错误/);
    expect(r.out).toMatch(/错误 C6 +表1-5-1 教职工基本信息 第6行【性别】/);
    expect(r.out).toContain("9999");
    expect(r.out).toMatch(/共校验 3 张表：\d+ 个错误/);
    // errors of 1-5-1 come after the 1-5-1 heading, not under 1-3
    expect(r.out.indexOf("第6行【性别】")).toBeGreaterThan(r.out.indexOf("表1-5-1 教职工基本信息（工作表"));
  });

  test("--json prints the summary and findings in the documented shape", async () => {
    const r = await run(["check", bad, "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { summary: { errors: number; warnings: number; tables: number }; findings: Array<Record<string, unknown>> };
    expect(j.summary.tables).toBe(3);
    expect(j.summary.errors).toBe(j.findings.filter((f) => f.severity === "error").length);
    const label = j.findings.find((f) => f.cell === "C6")!;
    expect(Object.keys(label).sort()).toEqual(["cell", "column", "message", "row", "rule", "severity", "sheet", "table", "value"]);
    expect(label).toMatchObject({ table: "1-5-1", row: 6, column: "性别", rule: "column.codeValue", severity: "error", value: "01" });
    const dup = j.findings.filter((f) => String(f.message).includes("T001") && f.table === "1-5-1");
    expect(dup.map((f) => f.row)).toEqual(expect.arrayContaining([7]));
    expect(j.findings.some((f) => f.row === 8 && String(f.message).includes("9999") && f.severity === "error")).toBe(true);
  });

  test("--tables limits the check; an unknown id is a usage error (2)", async () => {
    const r = await run(["check", bad, "--tables", "1-3", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.summary).toEqual({ errors: 0, warnings: 0, tables: 1 });
    const u = await run(["check", bad, "--tables", "9-9-9"]);
    expect(u.code).toBe(2);
    expect(u.err).toContain("未知的表：9-9-9");
  });

  test("a clean workbook exits 0", async () => {
    const ok = await workbook("ok.xlsx", [staffRow("T001"), staffRow("T002")]);
    const r = await run(["check", ok]);
    expect(r.out).toContain("共校验 3 张表：0 个错误");
    expect(r.code).toBe(0);
  });

  test("exit 2 and say why: missing file, legacy .xls, not a Tianbao workbook, tampered year", async () => {
    const missing = await run(["check", path.join(tmp, "nope.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("nope.xlsx");

    const xls = path.join(tmp, "old.xls");
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const legacy = await run(["check", xls]);
    expect(legacy.code).toBe(2);
    expect(legacy.err).toContain("请另存为 .xlsx");

    const plain = XlsxWorkbook.create();
    await plain.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["随便一张表"]] }]);
    const plainFile = path.join(tmp, "plain.xlsx");
    await plain.save(plainFile);
    const notTb = await run(["check", plainFile]);
    expect(notTb.code).toBe(2);
    expect(notTb.err).toContain("不是填报助手工作簿");

    const garbage = path.join(tmp, "garbage.xlsx");
    fs.writeFileSync(garbage, "this is not a zip");
    const g = await run(["check", garbage]);
    expect(g.code).toBe(2);

    const tampered = await workbook("tampered.xlsx", [staffRow("T001")], async (wb) => {
      const [meta] = await wb.read([{ sheet: META_SHEET }]);
      const r = meta.values.findIndex((line) => line[0] === "statYear");
      expect(r).toBeGreaterThanOrEqual(0);
      await wb.apply([{ kind: "setValues", sheet: META_SHEET, address: `B${r + 1}`, values: [["二〇二四"]] }]);
    });
    const t = await run(["check", tampered]);
    expect(t.code).toBe(2);
    expect(t.err).toContain("统计年度“二〇二四”无效");
  });

  test("the real command line (node bin/tianbao.js) gives the same exit code and JSON", () => {
    const buildDir = path.join(repo, "node_modules/.cache/tianbao", `build-check-${process.pid}`);
    fs.rmSync(buildDir, { recursive: true, force: true });
    try {
      const r = spawnSync(process.execPath, [path.join(repo, "bin/tianbao.js"), "check", bad, "--json"], {
        cwd: tmp,
        env: { ...process.env, TIANBAO_BUILD_DIR: buildDir, LANG: "zh_CN.UTF-8" },
        encoding: "utf8",
        timeout: 240000,
      });
      expect(r.status).toBe(1);
      const j = JSON.parse(r.stdout);
      expect(j.findings.find((f: { cell: string }) => f.cell === "C6").rule).toBe("column.codeValue");
    } finally {
      fs.rmSync(buildDir, { recursive: true, force: true });
    }
  }, 250000);
});
