/**
 * Loading templates through the real Excel adapter over the behavioural Excel fake: what lands in
 * the workbook, how many round trips and how big the requests are, and that loading again keeps
 * typed data and reports changed headers without touching them.
 */
import { getCatalog } from "../../src/core/catalog";
import { getStatYear, setStatYear } from "../../src/core/settings";
import { LOOKUP_SHEET, META_SHEET } from "../../src/core/template/layout";
import { loadTemplates, type LoadProgress } from "../../src/core/template/load";
import { resolveTableSheets } from "../../src/core/template/binding";
import { createFakeWorkbookPort } from "../../src/fake";
import { fixtureCatalog } from "./fixtures";

const FIVE_MB = 5 * 1024 * 1024;
const STAFF = "1-5-1 教职工基本信息";

async function loaded(tables: string[] | "all" = "all") {
  const f = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
  const catalog = fixtureCatalog();
  const result = await loadTemplates(f.port, catalog, tables, { statYear: 2024 });
  return { ...f, catalog, result };
}

describe("template layout in Excel (fake)", () => {
  test("title rows, header, hidden sheets, bindings and formats land as planned", async () => {
    const { fake, result } = await loaded();
    expect(result.report.added.map((a) => a.sheet)).toEqual(["1-1 学校概况", STAFF, "9.9 待补充的表"]);
    expect(fake.values(STAFF, "A1:A2")).toEqual([["表1-5-1 教职工基本信息（时点）"], ["统计年度：2024　统计时间：2024年9月30日（时点）"]]);
    expect(fake.values(STAFF, "A3:F3")).toEqual([["责任单位：", "", "审核单位：", "", "截止日期：", ""]]);
    expect(fake.values(STAFF, "A4:J4")[0]).toEqual(["工号", "姓名", "性别", "出生年月", "入校时间", "专业技术职称", "所在单位", "教龄", "年收入", "联系电话"]);

    const snap = fake.snapshot();
    const byName = new Map(snap.sheets.map((s) => [s.name, s]));
    expect(byName.get(META_SHEET)!.visibility).toBe("VeryHidden");
    expect(byName.get(LOOKUP_SHEET)!.visibility).toBe("VeryHidden");
    expect(byName.get(STAFF)!.freeze).toEqual({ rows: 4, columns: 1 });
    expect(byName.get(STAFF)!.customProperties["tianbao.tableId"]).toBe("1-5-1");
    expect(snap.names.find((n) => n.name === "TB_1_5_1")!.formula).toMatch(/1-5-1 教职工基本信息'?!\$A\$1$/);

    const sheet = fake.sheet(STAFF);
    expect(sheet.format(4, 0, "numberFormat")).toBe("@");
    expect(sheet.format(10003, 0, "numberFormat")).toBe("@");
    expect(sheet.format(10004, 0, "numberFormat")).toBe("General"); // bounded, not the whole column
    expect(sheet.format(4, 4, "numberFormat")).toBe("yyyy-mm-dd");
    expect(sheet.format(3, 0, "bold")).toBe(true);
    expect(sheet.notes.size).toBe(10);
    const dv = sheet.validationAt(10, 2)!; // 性别
    expect(dv.rule!.list!.source).toBe("=_tb_lists!$D$2:$D$3"); // the names column: cells hold 男/女
    expect(dv.prompt).toMatchObject({ message: "可选：男；女", title: "性别" });
    expect(fake.values(LOOKUP_SHEET, "C1:D3")).toEqual([["XB", "性别"], ["1", "男"], ["2", "女"]]);
    expect(fake.values(LOOKUP_SHEET, "A2:A3")).toEqual([["01"], ["02"]]); // leading zeros kept
  });

  test("on ExcelApi 1.14 (no notes) the 指标解释 falls back to the header's input prompt", async () => {
    const f = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.14" } });
    const r = await loadTemplates(f.port, fixtureCatalog(), ["1-5-1"], { statYear: 2024 });
    expect(r.report.added).toHaveLength(1);
    const a4 = f.fake.snapshot().sheets.find((s) => s.name === STAFF)!.rows[3][0];
    expect(a4.value).toBe("工号");
    expect(a4.prompt).toContain("指标解释：学校给教职工的编号。");
  });

  test("round trips and request sizes stay within budget", async () => {
    const f = createFakeWorkbookPort({ sheets: ["Sheet1"], requirementSets: { ExcelApi: "1.18" } });
    const progress: LoadProgress[] = [];
    const catalog = getCatalog("undergraduate");
    const result = await loadTemplates(f.port, catalog, "all", { statYear: 2024 }, (p) => progress.push(p));
    expect(result.report.added).toHaveLength(catalog.tables.length);
    expect(result.applyCalls).toBeLessThanOrEqual(12);
    expect(progress.length).toBe(result.applyCalls);
    expect(progress[progress.length - 1]).toMatchObject({ done: catalog.tables.length, total: catalog.tables.length });
    // reads (sheets, names, state) + the batches; the adapter may split a batch, but not per table
    expect(f.fake.stats.syncs).toBeLessThanOrEqual(40);
    expect(f.fake.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(f.fake.stats.rejected).toBe(0);
  });
});

describe("loading again", () => {
  test("keeps typed data exactly and adds only what is missing", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    await fake.user.type(STAFF, "A5", "00123");
    await fake.user.type(STAFF, "B5", "张三");
    await fake.user.type(STAFF, "D5", "198001");
    await fake.user.type(STAFF, "H5", "12");
    const before = fake.values(STAFF, "A1:J6");
    expect(before[4].slice(0, 4)).toEqual(["00123", "张三", "", "198001"]);

    const again = await loadTemplates(port, catalog, "all", { statYear: 2024 });
    expect(fake.values(STAFF, "A1:J6")).toEqual(before);
    expect(again.report.present.map((p) => p.tableId)).toEqual(["1-5-1"]);
    expect(again.report.added.map((a) => a.tableId)).toEqual(["1-1", "9.9"]);
    expect(again.report.differs).toEqual([]);

    const third = await loadTemplates(port, catalog, "all", { statYear: 2024 });
    expect(third.report.added).toEqual([]);
    expect(third.applyCalls).toBe(0); // nothing to do, nothing written
    expect(fake.values(STAFF, "A1:J6")).toEqual(before);
  });

  test("reports a renamed and a reordered header with addresses and touches nothing", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    await fake.user.type(STAFF, "B4", "教工姓名"); // renamed
    await fake.user.type(STAFF, "D4", "入校时间"); // swapped with E4
    await fake.user.type(STAFF, "E4", "出生年月");
    await fake.user.type(STAFF, "A5", "0007");
    const before = fake.values(STAFF, "A1:K10");
    fake.stats.reset();
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    expect(fake.values(STAFF, "A1:K10")).toEqual(before);
    expect(again.applyCalls).toBe(0);
    const msgs = again.report.entries.filter((e) => e.code === "headerDiffers").map((e) => e.message);
    expect(msgs).toEqual([
      `表1-5-1 教职工基本信息（工作表“${STAFF}”）：B4 的表头应为“姓名”，实为“教工姓名”（表头被改名）`,
      `表1-5-1 教职工基本信息（工作表“${STAFF}”）：表头“出生年月”应在 D4，现在在 E4（列的顺序被调整）`,
      `表1-5-1 教职工基本信息（工作表“${STAFF}”）：表头“入校时间”应在 E4，现在在 D4（列的顺序被调整）`,
    ]);
    expect(again.report.differs[0].differences.map((d) => [d.kind, d.address])).toEqual([
      ["renamed", "B4"],
      ["moved", "E4"],
      ["moved", "D4"],
    ]);
  });

  test("a deleted and an extra header are named with their cells", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    await fake.user.clear(STAFF, "J4");
    await fake.user.type(STAFF, "K4", "备注");
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    const msgs = again.report.entries.filter((e) => e.code === "headerDiffers").map((e) => e.message);
    expect(msgs).toEqual([
      `表1-5-1 教职工基本信息（工作表“${STAFF}”）：缺少表头“联系电话”（应在 J4）`,
      `表1-5-1 教职工基本信息（工作表“${STAFF}”）：K4 多出表头“备注”（目录中没有这个字段）`,
    ]);
  });

  test("a renamed sheet is still found and not loaded twice", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    await fake.user.renameSheet(STAFF, "教职工");
    await fake.user.type("教职工", "A5", "00123");
    const binding = await resolveTableSheets(port, catalog);
    expect(binding.tables.get("1-5-1")).toMatchObject({ sheet: "教职工", via: "name" });
    expect(binding.conflicts).toEqual([]);
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    expect(again.report.added).toEqual([]);
    expect(again.report.present).toEqual([{ tableId: "1-5-1", name: "教职工基本信息", sheet: "教职工", via: "name" }]);
    expect(fake.snapshot().sheets.map((s) => s.name)).not.toContain(STAFF);
    // the meta row follows the new name
    const meta = fake.values(META_SHEET, "D2:E2");
    expect(meta).toEqual([["1-5-1", "教职工"]]);
    expect(fake.values("教职工", "A5")).toEqual([["00123"]]);
  });

  test("a loaded sheet is found by its title when the metadata is gone", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    // A workbook that lost names and properties (e.g. re-saved by another program): simulate by
    // copying the cells into a plain new sheet and deleting the original.
    await fake.user.addSheet("副本");
    await fake.user.paste("副本", "A1", fake.values(STAFF, "A1:J5"));
    await fake.user.deleteSheet(STAFF);
    const binding = await resolveTableSheets(port, catalog);
    expect(binding.tables.get("1-5-1")).toMatchObject({ sheet: "副本", via: "title" });
    // loading again binds it properly (name, property, meta row) without touching its cells
    const before = fake.values("副本", "A1:J5");
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    expect(again.report.added).toEqual([]);
    expect(again.report.entries.find((e) => e.code === "repaired")!.message).toBe("表1-5-1 教职工基本信息：已补回绑定信息（定义名称 TB_1_5_1、工作表属性），工作表内容未改动");
    expect(fake.values("副本", "A1:J5")).toEqual(before);
    expect((await resolveTableSheets(port, catalog)).tables.get("1-5-1")).toMatchObject({ sheet: "副本", via: "name" });
  });
});

describe("tampered hidden sheets", () => {
  test("an altered code list on the lookup sheet is restored and reported; sheet data untouched", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    await fake.user.type(STAFF, "C5", "1");
    fake.sheet(LOOKUP_SHEET).put(2, 0, "9"); // 性别 (first list when only 1-5-1 is loaded): "2 女" became "9"
    const before = fake.values(STAFF, "A1:J6");
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    expect(fake.values(LOOKUP_SHEET, "A1:B3")).toEqual([["XB", "性别"], ["1", "男"], ["2", "女"]]);
    expect(again.report.entries.filter((e) => e.code === "lookupRestored").map((e) => e.message)).toEqual([
      "隐藏的代码表工作表 _tb_lists 中的代码表“XB 性别”与目录不一致，已按目录恢复",
    ]);
    expect(fake.values(STAFF, "A1:J6")).toEqual(before);
  });

  test("a garbage year on the meta sheet is reported and replaced when loading", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    const meta = fake.values(META_SHEET, "A1:B4");
    const row = meta.findIndex((r) => r[0] === "statYear");
    fake.sheet(META_SHEET).put(row, 1, "两千");
    const again = await loadTemplates(port, catalog, ["1-1"], { statYear: 2024 });
    expect(again.report.entries.find((e) => e.code === "metaProblem")!.message).toBe(`隐藏的元数据表 _tb_meta 中的统计年度“两千”（B${row + 1}）无效，已改为 2024`);
    expect(await getStatYear(port)).toBe(2024);
  });

  test("a table listed twice on the meta sheet is reported, the first row wins", async () => {
    const { port, fake, catalog } = await loaded(["1-5-1"]);
    fake.sheet(META_SHEET).put(2, 3, "1-5-1");
    fake.sheet(META_SHEET).put(2, 4, "别的工作表");
    const again = await loadTemplates(port, catalog, ["1-5-1"], { statYear: 2024 });
    expect(again.report.entries.filter((e) => e.code === "metaProblem").map((e) => e.message)).toEqual([
      "元数据表 _tb_meta 中表1-5-1 出现了多次（第 2 行和第 3 行），以第一次为准",
    ]);
    expect(again.report.present[0].sheet).toBe(STAFF);
  });
});

describe("统计年度", () => {
  test("is stored on the meta sheet and changing it rewrites only the period rows", async () => {
    const { port, fake } = await loaded();
    expect(await getStatYear(port)).toBe(2024);
    await fake.user.type(STAFF, "A5", "00123");
    const before = fake.values(STAFF, "A1:J6");
    const res = await setStatYear(port, "２０２５");
    expect(res.statYear).toBe(2025);
    expect(res.updated.sort()).toEqual(["1-1 学校概况", STAFF, "9.9 待补充的表"].sort());
    expect(await getStatYear(port)).toBe(2025);
    const after = fake.values(STAFF, "A1:J6");
    expect(after[1][0]).toBe("统计年度：2025　统计时间：2025年9月30日（时点）");
    after[1][0] = before[1][0];
    expect(after).toEqual(before);
    expect(fake.values("9.9 待补充的表", "A2")).toEqual([["统计年度：2025　统计时间：2024-2025学年（2024年9月1日至2025年8月31日）"]]);
  });

  test("a period row moved down by an inserted row is still found", async () => {
    const { port, fake } = await loaded(["1-5-1"]);
    // simulate a user inserting a row at the top: title rows now start at row 2
    const rows = fake.values(STAFF, "A1:J4");
    await fake.user.paste(STAFF, "A1", [["学校内部说明", "", "", "", "", "", "", "", "", ""], ...rows]);
    await setStatYear(port, 2026);
    expect(fake.values(STAFF, "A1:A3")).toEqual([["学校内部说明"], ["表1-5-1 教职工基本信息（时点）"], ["统计年度：2026　统计时间：2026年9月30日（时点）"]]);
  });

  test("a bad year is refused and nothing changes", async () => {
    const { port, fake } = await loaded(["1-5-1"]);
    const before = fake.values(STAFF, "A1:A3");
    await expect(setStatYear(port, 1999)).rejects.toThrow(/统计年度/);
    await expect(setStatYear(port, "二〇二四")).rejects.toThrow(/统计年度/);
    expect(fake.values(STAFF, "A1:A3")).toEqual(before);
    expect(await getStatYear(port)).toBe(2024);
  });

  test("a tampered year on the hidden sheet gives a clear message", async () => {
    const { port, fake } = await loaded(["1-5-1"]);
    // the statYear setting is in column B of the meta sheet
    const meta = fake.values(META_SHEET, "A1:B4");
    const row = meta.findIndex((r) => r[0] === "statYear");
    fake.sheet(META_SHEET).put(row, 1, "abc");
    await expect(getStatYear(port)).rejects.toThrow(`隐藏的元数据表 _tb_meta 中的统计年度“abc”（B${row + 1}）无效`);
  });
});
