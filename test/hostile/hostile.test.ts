/**
 * Hostile workbooks: what clerks really do to templates. Each case must give a clear Chinese
 * message (naming the table, row or column) and must not lose or change any of the clerk's data.
 * Live cases run through the Excel adapter over the fake; file cases through the xlsx adapter
 * (ExcelJS edits the saved file the way another program would).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { createFakeWorkbookPort } from "../../src/fake";
import { LiveValidator, MARKS_SHEET } from "../../src/core/live";
import { checkWorkbook } from "../../src/core/live/checkWorkbook";
import { loadTemplates } from "../../src/core/template/load";
import { META_SHEET } from "../../src/core/template/layout";
import type { CellValue, WorkbookPort } from "../../src/core/workbook/port";
import { ID_OK, liveCatalog, prepare, staff, STAFF, UNITS } from "../live/fixtures";

jest.setTimeout(120_000);
const FIVE_MB = 5 * 1024 * 1024;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tb-hostile-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function liveWorkbook(rows = 4) {
  const f = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
  const catalog = await prepare(f.port, f.fake, rows);
  const live = new LiveValidator({ port: f.port, catalog, statYear: 2024, coalesceMs: 10 });
  return { ...f, catalog, live };
}

async function snapshotValues(port: WorkbookPort, sheet: string): Promise<CellValue[][]> {
  const [d] = await port.read([{ sheet }]);
  return d.values;
}

/** Saves a template workbook (units + 4 staff rows, row 6 with a code instead of a name) and lets ExcelJS edit it. */
async function xlsxCase(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<{ file: string; before: Buffer }> {
  const wb = XlsxWorkbook.create();
  await loadTemplates(wb, liveCatalog(), "all", { statYear: 2024 });
  const rows = [staff(1), staff(2), staff(3), staff(4)];
  rows[1][2] = "1";
  await wb.apply([
    { kind: "setValues", sheet: UNITS, address: "A5", values: [["D01", "教务处"]] },
    { kind: "setValues", sheet: STAFF, address: "A5", values: rows },
  ]);
  const file = path.join(tmp, name);
  await wb.save(file);
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  edit(x);
  await x.xlsx.writeFile(file);
  return { file, before: fs.readFileSync(file) };
}

async function checkFile(file: string, before: Buffer) {
  const wb = await XlsxWorkbook.open(file);
  const r = await checkWorkbook(wb, { catalog: liveCatalog() });
  expect(fs.readFileSync(file).equals(before)).toBe(true); // checking never writes
  return { r, wb };
}

describe("hostile workbooks", () => {
  test("deleted header: named as missing, the column's data untouched, other columns still checked", async () => {
    const { live, fake, port } = await liveWorkbook();
    await live.start();
    const before = await snapshotValues(port, STAFF);
    await fake.user.clear(STAFF, "B4"); // 姓名 header deleted
    await fake.user.type(STAFF, "C6", "5"); // a bad code typed afterwards still gets caught
    await live.idle();
    const msgs = live.state().findings.map((f) => f.message);
    expect(msgs.some((m) => m.includes("表1-5-1 教职工基本信息") && m.includes("缺少列【姓名】"))).toBe(true);
    expect(live.state().findings.some((f) => f.cell === "C6" && f.rule === "column.code")).toBe(true);
    const after = await snapshotValues(port, STAFF);
    expect(after.slice(4).map((r) => r[1])).toEqual(before.slice(4).map((r) => r[1])); // names kept
    await live.stop();
  });

  test("merged cells (file): no crash, the finding names row and column, the file is not changed", async () => {
    const { file, before } = await xlsxCase("merged.xlsx", (x) => x.getWorksheet(STAFF)!.mergeCells("B7:C7"));
    const { r } = await checkFile(file, before);
    const row7 = r.findings.filter((f) => f.row === 7 && f.table === "1-5-1");
    expect(row7.length).toBeGreaterThan(0);
    expect(row7.every((f) => f.message.startsWith("表1-5-1 教职工基本信息 第7行【"))).toBe(true);
    expect(r.findings.some((f) => f.cell === "C6" && f.rule === "column.codeValue")).toBe(true);
  });

  test("hidden columns: findings in a hidden column are still reported with their header", async () => {
    const { file, before } = await xlsxCase("hidden.xlsx", (x) => {
      x.getWorksheet(STAFF)!.getColumn(3).hidden = true;
    });
    const { r } = await checkFile(file, before);
    const f = r.findings.find((x) => x.cell === "C6")!;
    expect(f.message).toContain("表1-5-1 教职工基本信息 第6行【性别】");
    expect(f.rule).toBe("column.codeValue");
  });

  test("a renamed template sheet (file): still found by its binding, findings carry the new name", async () => {
    const { file, before } = await xlsxCase("renamed.xlsx", (x) => {
      x.getWorksheet(STAFF)!.name = "教职工（人事处）";
    });
    const { r } = await checkFile(file, before);
    const t = r.tables.find((x) => x.tableId === "1-5-1")!;
    expect(t.sheet).toBe("教职工（人事处）");
    expect(r.findings.find((x) => x.rule === "column.codeValue")!.sheet).toBe("教职工（人事处）");
  });

  test("a table pasted one column to the right: reported as shifted, checked at its real position", async () => {
    const { live, fake, port } = await liveWorkbook(0);
    await live.start();
    const header = (await snapshotValues(port, STAFF))[3].slice(0, 6);
    const rows = [staff(1), staff(2)];
    rows[1][2] = "1";
    await fake.user.clear(STAFF, "A4:F4");
    await fake.user.paste(STAFF, "B4", [header, ...rows]);
    await live.idle();
    const fs1 = live.state().findings;
    expect(fs1.some((f) => f.rule === "structure.shiftedRight" && f.message.includes("右移了1列"))).toBe(true);
    expect(fs1.find((f) => f.rule === "column.codeValue")!.cell).toBe("D6");
    expect(fake.values(STAFF, "B6:G6")).toEqual([rows[1].map((v) => (typeof v === "number" ? v : v))]);
    await live.stop();
  });

  test("tampered very hidden marks sheet: garbage rows are ignored with a Chinese notice, nothing repainted from them", async () => {
    const { live, fake, port, catalog } = await liveWorkbook();
    await live.start();
    await live.stop();
    await port.apply([
      { kind: "setValues", sheet: MARKS_SHEET, address: "A2", values: [[STAFF, "B5", "红色", "#FFC7CE"], ["不存在的表", "A1", "", "#FFC7CE"], [STAFF, "ZZZ9999999", "", "#FFC7CE"]] },
    ]);
    const before = await snapshotValues(port, STAFF);
    const again = new LiveValidator({ port, catalog, statYear: 2024, coalesceMs: 10 });
    await again.start();
    const n = again.state().notices.find((x) => x.code === "marksTampered")!;
    expect(n.message).toMatch(/标记表“_tb_marks”中有2行无法识别（第2、4行/);
    expect(fake.values(MARKS_SHEET, "A3:D3")).toEqual([["", "", "", ""]]); // the row of a sheet that is gone is released
    expect(fake.sheet(STAFF).format(4, 1, "fill")).toBeNull();
    expect(await snapshotValues(port, STAFF)).toEqual(before);
    await again.stop();
  });

  test("tampered very hidden meta sheet (file): 统计年度 garbage is refused with a Chinese reason, bindings survive", async () => {
    const { file, before } = await xlsxCase("meta.xlsx", (x) => {
      const meta = x.getWorksheet(META_SHEET)!;
      meta.eachRow((row) => {
        if (row.getCell(1).value === "statYear") row.getCell(2).value = "明年";
      });
    });
    const wb = await XlsxWorkbook.open(file);
    await expect(checkWorkbook(wb, { catalog: liveCatalog() })).rejects.toThrow("统计年度“明年”无效");
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test("a protected sheet (locked by review): findings listed, nothing painted, protection untouched", async () => {
    const { live, fake, port } = await liveWorkbook();
    await port.apply([
      { kind: "setLocked", sheet: STAFF, address: "A5:F100", locked: false },
      { kind: "protectSheet", sheet: STAFF },
    ]);
    await live.start();
    await fake.user.type(STAFF, "C6", "9");
    await live.idle();
    expect(live.state().findings.find((f) => f.cell === "C6")!.message).toContain("第6行【性别】");
    const notices = live.state().notices;
    expect(notices.find((n) => n.code === "protected")!.message).toBe(`工作表“${STAFF}”受保护，填报助手不会在其中标色；问题仍列在校验页中`);
    expect(notices.some((n) => n.code === "applyFailed")).toBe(false);
    expect(fake.sheet(STAFF).format(5, 2, "fill")).toBeNull();
    expect(fake.sheet(STAFF).protected).toBe(true);
    expect(fake.values(STAFF, "C6")).toEqual([["9"]]);
    await live.stop();
  });

  test("a sheet protected while live (review locks it): learnt on activation, then no longer painted", async () => {
    const { live, fake, port } = await liveWorkbook();
    await live.start();
    await port.apply([
      { kind: "setLocked", sheet: STAFF, address: "A5:F100", locked: false },
      { kind: "protectSheet", sheet: STAFF },
    ]);
    await fake.user.activate(UNITS);
    await fake.user.activate(STAFF);
    await fake.user.type(STAFF, "C7", "8");
    await live.idle();
    expect(live.state().notices.some((n) => n.code === "protected" && n.sheet === STAFF)).toBe(true);
    expect(live.state().findings.filter((f) => f.rule === "column.code").map((f) => f.cell)).toEqual(["C7"]);
    expect(fake.sheet(STAFF).format(6, 2, "fill")).toBeNull();
    expect(fake.sheet(STAFF).protected).toBe(true);
    await live.stop();
  });

  test("a 1,000,000-row paste through the fake: chunked reads, bounded round trips and request size, findings kept", async () => {
    const { live, fake, port } = await liveWorkbook(0);
    await live.start();
    const N = 1_000_000;
    const rows: CellValue[][] = new Array(N);
    for (let i = 0; i < N; i++) rows[i] = [`U${i}`, `单位${i}`];
    rows[10] = ["U5", "重复的单位"]; // duplicate of row 5+5 → 2 findings
    fake.stats.reset();
    await fake.user.paste(UNITS, "A5", rows);
    const ev = fake.stats.syncs;
    await live.idle();
    const trips = fake.stats.syncs - ev;
    expect(trips).toBeGreaterThan(2); // it really was chunked (Excel: ≤ 5,000,000 cells / 5 MB per call)
    expect(trips).toBeLessThanOrEqual(40);
    expect(fake.stats.maxRequestBytes).toBeLessThanOrEqual(FIVE_MB);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(FIVE_MB);
    const dup = live.state().findings.filter((f) => f.table === "1-3" && f.rule === "T.1-3.unique-DWH");
    expect(dup.map((f) => f.cell).sort()).toEqual(["A10", "A15"]);
    expect(fake.values(UNITS, "A1000004:B1000004")).toEqual([["U999999", "单位999999"]]);
    expect(ID_OK).toHaveLength(18);
    await live.stop();
  }, 600_000);
});
