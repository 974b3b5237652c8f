/**
 * `tianbao signoff`: adds the printable 审核表 of one department to a reviewed workbook (template
 * loader + xlsx adapter + workflow core), to -o or in place via a temporary file, never touching
 * anything else; unknown departments and missing outputs exit 2 with the reason.
 */
import * as fs from "fs";
import * as path from "path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { dataHash, shortHash } from "../../src/core/workflow/hash";
import { snapshotTables } from "../../src/core/workflow/verify";
import { freeSheetName } from "../../src/core/workflow/signOff";
import { catalog, reviewedWorkbook, run, sheetOf, tmpDir } from "./statusFixtures";

jest.setTimeout(120_000);
const tmp = tmpDir("tb-signoff-");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = path.join(tmp, "reviewed.xlsx");
beforeAll(() => reviewedWorkbook(file));

async function sheetText(f: string, sheet: string): Promise<string> {
  const wb = await XlsxWorkbook.open(f);
  const [d] = await wb.read([{ sheet }]);
  return d.values.map((r) => r.join("|")).join("\n");
}

describe("tianbao signoff", () => {
  test("-o writes a new file with the department's 审核表; the input is untouched", async () => {
    const before = fs.readFileSync(file);
    const out = path.join(tmp, "signed.xlsx");
    const r = await run(["signoff", file, "--department", " 教务处 ", "-o", out, "--today", "2024-10-20"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已在");
    expect(r.out).toContain("生成审核表「审核表-教务处」（教务处，1 张表）");
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const text = await sheetText(out, "审核表-教务处");
    expect(text).toContain("监测数据填报审核表");
    expect(text).toContain("提交单位名称：教务处");
    expect(text).toContain("提交时间：2024年10月20日");
    const wb = await XlsxWorkbook.open(out);
    const sheet = await sheetOf(wb, "1-3");
    const [snap] = await snapshotTables(wb, catalog, [{ tableId: "1-3", sheet }]);
    // the table line: 填报人 王芳 (submitted), 审核人 李明 (approved), state and the short data hash
    expect(text).toMatch(new RegExp(`1\\|1-3\\|学校教学科研单位\\|王芳\\|李明\\|2024-10-01\\|2024-10-01\\|部门已审\\|${shortHash(dataHash(snap.data!.rows))}`));
    expect(text).toContain("数据负责人签字");
    expect(text).toContain("公章");
    // the other department's table is not on this form, and the data sheets are unchanged
    expect(text).not.toContain("教职工基本信息");
    expect((await run(["verify", out])).code).toBe(0);
  });

  test("--in-place adds the form to the same file; a second form gets the next free name", async () => {
    const copy = path.join(tmp, "inplace.xlsx");
    fs.copyFileSync(file, copy);
    expect((await run(["signoff", copy, "--department", "人事处", "--in-place"])).code).toBe(0);
    const r = await run(["signoff", copy, "--department", "人事处", "--in-place", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ sheet: "审核表-人事处 (2)", department: "人事处", tables: 1 });
    const names = (await (await XlsxWorkbook.open(copy)).getSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["审核表-人事处", "审核表-人事处 (2)", "责任分解"]));
    expect(await sheetText(copy, "审核表-人事处")).toMatch(/1-5-1\|教职工基本信息\|赵强\|钱敏\|\|\|填报中\|未提交/);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("usage errors exit 2 with the reason, and nothing is written", async () => {
    const unknown = await run(["signoff", file, "--department", "后勤处", "-o", path.join(tmp, "x.xlsx")]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("责任分解中没有“后勤处”负责的表。现有责任单位：教务处、人事处");
    expect(fs.existsSync(path.join(tmp, "x.xlsx"))).toBe(false);
    const noOut = await run(["signoff", file, "--department", "教务处"]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain("请用 -o OUT.xlsx 指定输出文件，或用 --in-place 写回原文件");
    const same = await run(["signoff", file, "--department", "教务处", "-o", file]);
    expect(same.code).toBe(2);
    expect(same.err).toContain("要写回原文件请用 --in-place");
    const noDept = await run(["signoff", file, "-o", path.join(tmp, "y.xlsx")]);
    expect(noDept.code).toBe(2);
    expect(noDept.err).toContain("请用 --department 指定责任单位");
  });

  test("freeSheetName keeps within Excel's 31 characters and ignores case", () => {
    expect(freeSheetName("审核表-人事处", ["Sheet1"])).toBe("审核表-人事处");
    expect(freeSheetName("Form", ["form", "Form (2)"])).toBe("Form (3)");
    const long = "x".repeat(31);
    expect(freeSheetName(long, [long]).length).toBe(31);
  });
});
