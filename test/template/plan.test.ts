/** The planner's ops, checked directly (no workbook): what a clerk will see on each new sheet. */
import { getCatalog } from "../../src/core/catalog";
import { emptyMeta } from "../../src/core/settings/meta";
import { LOOKUP_SHEET, META_SHEET, PROP_CATALOG_ID, PROP_TABLE_ID } from "../../src/core/template/layout";
import { emptyLookup } from "../../src/core/template/lookup";
import { planTemplates, opBytes } from "../../src/core/template/plan";
import { TemplateError } from "../../src/core/template/errors";
import type { WorkbookState } from "../../src/core/template/state";
import type { WorkbookOp } from "../../src/core/workbook/port";
import { parseRange } from "../../src/core/workbook/address";
import { fixtureCatalog } from "./fixtures";

function emptyState(): WorkbookState {
  return {
    sheets: [{ name: "Sheet1", position: 0, visibility: "visible", protected: false, customProperties: {} }],
    names: [],
    meta: emptyMeta(),
    lookup: emptyLookup(),
    tops: new Map(),
    tall: new Map(),
  };
}

function allOps(plan: ReturnType<typeof planTemplates>): WorkbookOp[] {
  return plan.batches.flatMap((b) => b.ops);
}

function opsOn(ops: WorkbookOp[], sheet: string): WorkbookOp[] {
  return ops.filter((o) => "sheet" in o && o.sheet === sheet);
}

describe("planTemplates on an empty workbook", () => {
  const catalog = fixtureCatalog();
  const plan = planTemplates(catalog, "all", { statYear: 2024 }, emptyState());
  const ops = allOps(plan);

  test("creates the very hidden meta and lookup sheets before any table sheet", () => {
    const adds = ops.filter((o): o is Extract<WorkbookOp, { kind: "addSheet" }> => o.kind === "addSheet");
    expect(adds.map((a) => a.sheet)).toEqual([META_SHEET, LOOKUP_SHEET, "1-1 学校概况", "1-5-1 教职工基本信息", "9.9 待补充的表"]);
    expect(adds[0].visibility).toBe("veryHidden");
    expect(adds[1].visibility).toBe("veryHidden");
  });

  test("binds each sheet by defined name at A1 and by custom properties", () => {
    expect(ops).toContainEqual({ kind: "addName", name: "TB_1_5_1", sheet: "1-5-1 教职工基本信息", address: "A1" });
    expect(ops).toContainEqual({ kind: "addName", name: "TB_9_9", sheet: "9.9 待补充的表", address: "A1" });
    expect(ops).toContainEqual({ kind: "setCustomProperty", sheet: "1-5-1 教职工基本信息", key: PROP_TABLE_ID, value: "1-5-1" });
    expect(ops).toContainEqual({ kind: "setCustomProperty", sheet: "1-5-1 教职工基本信息", key: PROP_CATALOG_ID, value: "test-2024" });
  });

  test("writes title, period window and labelled responsibility row", () => {
    const s = opsOn(ops, "1-5-1 教职工基本信息");
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-5-1 教职工基本信息", address: "A1", values: [["表1-5-1 教职工基本信息（时点）"]] });
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-5-1 教职工基本信息", address: "A2", values: [["统计年度：2024　统计时间：2024年9月30日（时点）"]] });
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-5-1 教职工基本信息", address: "A3:F3", values: [["责任单位：", "", "审核单位：", "", "截止日期：", ""]] });
    const academic = opsOn(ops, "9.9 待补充的表");
    expect(academic).toContainEqual({ kind: "setValues", sheet: "9.9 待补充的表", address: "A2", values: [["统计年度：2024　统计时间：2023-2024学年（2023年9月1日至2024年8月31日）"]] });
  });

  test("codes, phone numbers and year-months are text; formats cover the data rows only", () => {
    const s = opsOn(ops, "1-5-1 教职工基本信息").filter(
      (o): o is Extract<WorkbookOp, { kind: "setFormat" }> => o.kind === "setFormat" && o.format.numberFormat !== undefined && parseRange(o.address).row >= 4,
    );
    const fmtOf = (col: string) => {
      const c = col.charCodeAt(0) - 65;
      return s.find((o) => {
        const r = parseRange(o.address);
        return r.column <= c && c < r.column + r.columnCount;
      })?.format.numberFormat;
    };
    expect(fmtOf("A")).toBe("@"); // 工号
    expect(fmtOf("C")).toBe("@"); // 性别 code
    expect(fmtOf("D")).toBe("@"); // 出生年月
    expect(fmtOf("E")).toBe("yyyy-mm-dd"); // 入校时间
    expect(fmtOf("H")).toBe("0"); // 教龄
    expect(fmtOf("I")).toBe("0.00"); // 年收入
    expect(fmtOf("J")).toBe("@"); // 联系电话
    for (const o of s) {
      const r = parseRange(o.address);
      expect(r.row).toBe(4); // from row 5
      expect(r.rowCount).toBe(10000); // 教职工: LARGE_TABLE_ROWS, still bounded, never whole columns
    }
  });

  test("code-list drop-downs point at ranges on the lookup sheet, never long literal lists", () => {
    const dvs = ops.filter((o): o is Extract<WorkbookOp, { kind: "setDataValidation" }> => o.kind === "setDataValidation");
    const lists = dvs.filter((d) => d.validation?.rule.type === "list");
    expect(lists.length).toBe(4); // 性别, 职称, 所在单位, 举办者
    for (const d of lists) {
      const src = (d.validation!.rule as { source: string | string[] }).source;
      expect(typeof src).toBe("string");
      expect(src).toMatch(/^=_tb_lists!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
      expect(d.validation!.errorStyle).toBe("warning");
      expect(d.validation!.errorMessage!.length).toBeLessThanOrEqual(255);
      expect(d.validation!.prompt!.length).toBeLessThanOrEqual(255);
    }
    const zc = lists.find((d) => d.address.startsWith("F5"))!;
    expect((zc.validation!.rule as { source: string }).source).toBe("=_tb_lists!$F$2:$F$41"); // names, beside the codes in E
    expect(zc.validation!.errorMessage).toContain("表1-5-1 教职工基本信息【专业技术职称】");
  });

  test("lookup sheet is text-formatted before codes with leading zeros are written", () => {
    const lk = opsOn(ops, LOOKUP_SHEET);
    const dwFormat = lk.findIndex((o) => o.kind === "setFormat" && o.address === "A1:B3");
    const dwValues = lk.findIndex((o) => o.kind === "setValues" && o.address === "A1:B3");
    expect(dwFormat).toBeGreaterThanOrEqual(0);
    expect(dwValues).toBeGreaterThan(dwFormat);
    expect((lk[dwValues] as Extract<WorkbookOp, { kind: "setValues" }>).values).toEqual([["DW", "单位"], ["01", "教务处"], ["02", "人事处"]]);
  });

  test("header notes carry the 指标解释; integer, decimal and date columns get Chinese validation messages", () => {
    const s = opsOn(ops, "1-5-1 教职工基本信息");
    const note = s.find((o) => o.kind === "setNote" && o.address === "A4") as Extract<WorkbookOp, { kind: "setNote" }>;
    expect(note.text).toContain("指标解释：学校给教职工的编号。");
    expect(note.text).toContain("必填");
    const dv = (addr: string) => (s.find((o) => o.kind === "setDataValidation" && o.address === addr) as Extract<WorkbookOp, { kind: "setDataValidation" }>).validation!;
    expect(dv("H5:H10004").rule).toEqual({ type: "wholeNumber", min: 0, max: 999999999 });
    expect(dv("H5:H10004").errorMessage).toMatch(/整数.*年/);
    expect(dv("E5:E10004").rule.type).toBe("date");
    expect(dv("E5:E10004").errorMessage).toContain("yyyy-mm-dd");
  });

  test("freezes below the header; wide tables also freeze the first column", () => {
    expect(ops).toContainEqual({ kind: "freezePanes", sheet: "1-5-1 教职工基本信息", rows: 4, columns: 1 });
    expect(ops).toContainEqual({ kind: "freezePanes", sheet: "9.9 待补充的表", rows: 4, columns: 0 });
  });

  test("a single-record table is a label/value form with per-row formats and validations on column B", () => {
    const s = opsOn(ops, "1-1 学校概况");
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-1 学校概况", address: "A4:D4", values: [["项目", "填报内容", "单位", "指标解释"]] });
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-1 学校概况", address: "A5:A9", values: [["学校名称"], ["学校代码"], ["建校时间"], ["占地面积"], ["举办者"]] });
    expect(s).toContainEqual({ kind: "setValues", sheet: "1-1 学校概况", address: "C5:D9", values: [["", "学校全称。"], ["", "教育部统一编码。"], ["", ""], ["平方米", ""], ["", ""]] });
    const fmt = s.filter((o) => o.kind === "setFormat" && /^B\d/.test(o.address) && parseRange(o.address).row >= 4) as Array<Extract<WorkbookOp, { kind: "setFormat" }>>;
    expect(fmt.map((f) => [f.address, f.format.numberFormat])).toEqual([["B5:B6", "@"], ["B7", "0"], ["B8", "0.00"], ["B9", "@"]]);
    const dvB = s.filter((o) => o.kind === "setDataValidation").map((o) => o.address);
    expect(dvB).toEqual(["B5", "B7", "B8", "B9"]);
    // column B is never written: that is where people type
    expect(s.some((o) => o.kind === "setValues" && /^B/.test(o.address) && parseRange(o.address).row >= 4)).toBe(false);
  });

  test("an incomplete table gets its known headers and a red notice beside the title", () => {
    const s = opsOn(ops, "9.9 待补充的表");
    expect(s).toContainEqual({ kind: "setValues", sheet: "9.9 待补充的表", address: "A4", values: [["专业名称"]] });
    const notice = s.find((o) => o.kind === "setValues" && parseRange(o.address).row === 0 && o.address !== "A1") as Extract<WorkbookOp, { kind: "setValues" }>;
    expect(String(notice.values[0][0])).toContain("字段不完整");
    expect(plan.report.entries.some((e) => e.code === "incomplete" && e.tableId === "9.9")).toBe(true);
  });

  test("meta sheet records catalog, year, format version and each table ↔ sheet as text", () => {
    const m = opsOn(ops, META_SHEET);
    expect(m[1]).toMatchObject({ kind: "setFormat", format: { numberFormat: "@" } });
    const rows = m.filter((o) => o.kind === "setValues").map((o) => (o as Extract<WorkbookOp, { kind: "setValues" }>).values[0]);
    expect(rows).toContainEqual(["catalogId", "test-2024"]);
    expect(rows).toContainEqual(["statYear", "2024"]);
    expect(rows).toContainEqual(["1-5-1", "1-5-1 教职工基本信息", "test-2024", "2024", "1", "point"]);
  });

  test("department option fills 责任单位 and the sheet property", () => {
    const p = planTemplates(catalog, ["1-5-1"], { statYear: 2024, department: " 人事处 " }, emptyState());
    const o = allOps(p);
    expect(o).toContainEqual({ kind: "setValues", sheet: "1-5-1 教职工基本信息", address: "A3:F3", values: [["责任单位：", "人事处", "审核单位：", "", "截止日期：", ""]] });
    expect(o).toContainEqual({ kind: "setCustomProperty", sheet: "1-5-1 教职工基本信息", key: "tianbao.department", value: "人事处" });
  });
});

describe("planTemplates next to the user's own sheets", () => {
  test("a user's sheet that happens to have the name is left alone; the table gets a numbered name", () => {
    const st = emptyState();
    st.sheets.push({ name: "1-5-1 教职工基本信息", position: 1, visibility: "visible", protected: false, customProperties: {} });
    st.tops.set("1-5-1 教职工基本信息", { sheet: "1-5-1 教职工基本信息", address: "A1:B2", row: 0, column: 0, values: [["我的草稿", ""], ["", ""]] });
    const p = planTemplates(fixtureCatalog(), ["1-5-1"], { statYear: 2024 }, st);
    expect(p.report.added).toEqual([{ tableId: "1-5-1", name: "教职工基本信息", sheet: "1-5-1 教职工基本信息 (2)" }]);
    expect(allOps(p).some((o) => "sheet" in o && o.sheet === "1-5-1 教职工基本信息")).toBe(false);
  });
});

describe("bad input changes nothing", () => {
  const catalog = fixtureCatalog();
  test("unknown table ids are all named", () => {
    expect(() => planTemplates(catalog, ["1-5-1", "9-9-9", "x"], { statYear: 2024 }, emptyState())).toThrow("未知的表：9-9-9、x");
    try {
      planTemplates(catalog, ["9-9-9"], { statYear: 2024 }, emptyState());
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).code).toBe("unknownTable");
    }
  });
  test("an empty selection is an error, not 'all'", () => {
    expect(() => planTemplates(catalog, [], { statYear: 2024 }, emptyState())).toThrow("没有选择要载入的数据表");
    expect(() => planTemplates(catalog, [" "], { statYear: 2024 }, emptyState())).toThrow("没有选择要载入的数据表");
    expect(planTemplates(catalog, ["ALL"], { statYear: 2024 }, emptyState()).report.added).toHaveLength(3);
  });
  test("ids are matched leniently (表, full-width, spaces)", () => {
    const p = planTemplates(catalog, ["表１－５－１ "], { statYear: "２０２４" }, emptyState());
    expect(p.report.added.map((a) => a.tableId)).toEqual(["1-5-1"]);
    expect(p.report.statYear).toBe(2024);
  });
  test.each([1999, 2101, "abc", 2024.5, ""])("year %p is refused with a Chinese message", (y) => {
    expect(() => planTemplates(catalog, "all", { statYear: y as number }, emptyState())).toThrow(/统计年度/);
  });
  test("a workbook of another catalog or year is refused", () => {
    const st = emptyState();
    st.meta.exists = true;
    st.meta.settings.catalogId = { value: "vocational-2020", row: 2 };
    expect(() => planTemplates(catalog, "all", { statYear: 2024 }, st)).toThrow(/vocational-2020/);
    st.meta.settings.catalogId = { value: "test-2024", row: 2 };
    st.meta.settings.statYear = { value: "2023", row: 3 };
    expect(() => planTemplates(catalog, "all", { statYear: 2024 }, st)).toThrow(/统计年度是 2023/);
  });
});

describe("the whole 本科 catalog", () => {
  const catalog = getCatalog("undergraduate");
  const plan = planTemplates(catalog, "all", { statYear: 2024 }, emptyState());

  test("loads in a handful of batches, each well under the request budget", () => {
    expect(plan.report.added).toHaveLength(catalog.tables.length);
    expect(plan.batches.length).toBeLessThanOrEqual(Math.ceil(catalog.tables.length / 10) + 1);
    for (const b of plan.batches) {
      expect(b.bytes).toBe(opBytes(b.ops));
      expect(b.bytes).toBeLessThan(4 * 1024 * 1024);
    }
  });

  test("every sheet name is valid and unique; every list source is a range", () => {
    const names = plan.report.added.map((a) => a.sheet);
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    for (const o of allOps(plan))
      if (o.kind === "setDataValidation" && o.validation?.rule.type === "list") expect(typeof o.validation.rule.source).toBe("string");
  });

  test("a byte budget smaller than one batch splits batches without losing ops", () => {
    const small = planTemplates(catalog, "all", { statYear: 2024, maxBatchBytes: 60_000 }, emptyState());
    expect(small.batches.length).toBeGreaterThan(plan.batches.length);
    expect(small.batches.flatMap((b) => b.ops)).toEqual(allOps(plan));
    expect(small.batches.flatMap((b) => b.tableIds)).toEqual(catalog.tables.map((t) => t.id));
  });
});

describe("large lists get room for a large university", () => {
  const catalog = getCatalog("undergraduate");
  const textRows = (plan: ReturnType<typeof planTemplates>, sheetPrefix: string) =>
    allOps(plan)
      .filter((o): o is Extract<WorkbookOp, { kind: "setFormat" }> => o.kind === "setFormat" && o.sheet.startsWith(sheetPrefix) && o.format.numberFormat === "@" && parseRange(o.address).row >= 4)
      .reduce((max, o) => Math.max(max, parseRange(o.address).row + parseRange(o.address).rowCount), 0);

  test("本科生基本情况 keeps leading zeros down to row 60,004; a small table stays at the default", () => {
    const plan = planTemplates(catalog, ["1-6", "1-3"], { statYear: 2024 }, emptyState());
    expect(textRows(plan, "1-6 ")).toBe(4 + 60000);
    expect(textRows(plan, "1-3 ")).toBe(4 + 2000);
    // formats are sent as ranges: the plan stays far below Excel's 5 MB per request
    for (const batch of plan.batches) expect(batch.bytes).toBeLessThan(4 * 1024 * 1024);
  });

  test("an explicit dataRows is respected for every table", () => {
    const plan = planTemplates(catalog, ["1-6"], { statYear: 2024, dataRows: 50 }, emptyState());
    expect(textRows(plan, "1-6 ")).toBe(4 + 50);
  });
});
