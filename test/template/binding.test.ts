/** Sheet ↔ table binding: defined name first, then custom property, meta row, title; conflicts reported. */
import { emptyMeta, parseMeta } from "../../src/core/settings/meta";
import { bindTables } from "../../src/core/template/binding";
import { compareHeaders } from "../../src/core/template/headers";
import { emptyLookup } from "../../src/core/template/lookup";
import type { WorkbookState } from "../../src/core/template/state";
import type { CellValue, SheetInfo } from "../../src/core/workbook/port";
import { fixtureCatalog } from "./fixtures";

function sheet(name: string, props: Record<string, string> = {}): SheetInfo {
  return { name, position: 0, visibility: "visible", protected: false, customProperties: props };
}

function state(parts: Partial<WorkbookState>): WorkbookState {
  return { sheets: [], names: [], meta: emptyMeta(), lookup: emptyLookup(), tops: new Map(), tall: new Map(), ...parts };
}

function top(values: CellValue[][]) {
  return { sheet: "", address: "A1", row: 0, column: 0, values };
}

const catalog = fixtureCatalog();

describe("bindTables", () => {
  test("the defined name wins over a copied sheet's property, and the copy is reported", () => {
    const st = state({
      sheets: [sheet("教职工", { "tianbao.tableId": "1-5-1" }), sheet("教职工 (2)", { "tianbao.tableId": "1-5-1" })],
      names: [{ name: "TB_1_5_1", sheet: "教职工", address: "A1" }],
    });
    const b = bindTables(st, catalog);
    expect(b.tables.get("1-5-1")).toMatchObject({ sheet: "教职工", via: "name" });
    expect(b.sheets.get("教职工 (2)")).toBeUndefined();
    expect(b.conflicts.map((c) => c.message)).toEqual(["表1-5-1：工作表“教职工 (2)”也标记为表1-5-1（可能是复制出来的工作表），以定义名称指向的工作表“教职工”为准"]);
  });

  test("a property alone binds; the meta row breaks a tie between copies", () => {
    const meta = parseMeta({ sheet: "_tb_meta", address: "A1:I2", row: 0, column: 0, values: [["设置项", "值", "", "表号", "工作表", "目录", "统计年度", "格式版本", "统计时间"], ["", "", "", "1-5-1", "B", "test-2024", "2024", "1", "point"]] });
    const st = state({ sheets: [sheet("A", { "tianbao.tableId": "1-5-1" }), sheet("B", { "tianbao.tableId": "1-5-1" })], meta });
    const b = bindTables(st, catalog);
    expect(b.tables.get("1-5-1")).toMatchObject({ sheet: "B", via: "property" });
    expect(b.conflicts).toHaveLength(1);
    expect(b.conflicts[0].sheet).toBe("A");
  });

  test("a name pointing at a deleted sheet is reported", () => {
    const b = bindTables(state({ sheets: [sheet("Sheet1")], names: [{ name: "TB_1_1", sheet: "已删除", address: "A1" }] }), catalog);
    expect(b.tables.size).toBe(0);
    expect(b.conflicts[0].message).toBe("表1-1：定义名称 TB_1_1 指向的工作表“已删除”已不存在（工作表可能被删除）");
  });

  test("one sheet claimed by two tables keeps the one its own property names", () => {
    const st = state({
      sheets: [sheet("S", { "tianbao.tableId": "1-5-1" })],
      names: [
        { name: "TB_1_1", sheet: "S", address: "A1" },
        { name: "TB_1_5_1", sheet: "S", address: "A1" },
      ],
    });
    const b = bindTables(st, catalog);
    expect(b.sheets.get("S")).toBe("1-5-1");
    expect(b.tables.has("1-1")).toBe(false);
    expect(b.conflicts.map((c) => c.code)).toEqual(["sheetTwice"]);
    expect(b.conflicts[0].message).toContain("表1-1视为尚未载入");
  });

  test("a sheet of another catalog is reported", () => {
    const meta = emptyMeta();
    meta.exists = true;
    meta.settings.catalogId = { value: "test-2024", row: 2 };
    const b = bindTables(state({ sheets: [sheet("S", { "tianbao.tableId": "1-1", "tianbao.catalogId": "vocational-2020" })], meta }), catalog);
    expect(b.conflicts.map((c) => c.code)).toEqual(["catalogMismatch"]);
  });

  test("title text binds a sheet without metadata, but not a sheet bound to another table", () => {
    const st = state({
      sheets: [sheet("抄来的"), sheet("S", { "tianbao.tableId": "1-1" })],
      tops: new Map([
        ["S", top([["表1-5-1 教职工基本信息（时点）"]])],
        ["抄来的", top([["说明"], ["表1-5-1 教职工基本信息（时点）"]])],
      ]),
    });
    const b = bindTables(st, catalog);
    expect(b.tables.get("1-5-1")).toMatchObject({ sheet: "抄来的", via: "title" });
    expect(b.tables.get("1-1")).toMatchObject({ sheet: "S", via: "property" });
  });
});

describe("compareHeaders", () => {
  const staff = catalog.tables.find((t) => t.id === "1-5-1")!;
  const headers = staff.columns.map((c) => c.header);
  const grid = (rows: CellValue[][]) => rows;

  test("spaces and full-width characters do not count as differences", () => {
    const row = headers.map((h, i) => (i === 0 ? ` ${h}　` : i === 1 ? h.split("").join(" ") : h));
    expect(compareHeaders(staff, grid([["t"], ["p"], ["r"], row]), "W").differences).toEqual([]);
  });

  test("a header row moved down by inserted rows is found where it is", () => {
    const r = compareHeaders(staff, grid([[""], ["t"], ["p"], ["r"], [""], headers]), "W");
    expect(r.headerRow).toBe(5);
    expect(r.differences).toEqual([]);
  });

  test("a missing header row is one clear message", () => {
    const r = compareHeaders(staff, grid([["t"], ["p"], ["r"], []]), "W");
    expect(r.headerRow).toBeNull();
    expect(r.differences.map((d) => d.message)).toEqual(["W：找不到表头行（第 4 行应为表头，例如 A4 应为“工号”）"]);
  });

  test("a duplicated header is named", () => {
    const r = compareHeaders(staff, grid([[], [], [], [...headers, "姓名"]]), "W");
    expect(r.differences.map((d) => d.message)).toEqual(["W：K4 的表头“姓名”重复出现"]);
  });

  test("single-record forms compare the labels in column A", () => {
    const school = catalog.tables.find((t) => t.id === "1-1")!;
    const rows: CellValue[][] = [["t"], ["p"], ["r"], ["项目", "填报内容", "单位", "指标解释"], ...school.columns.map((c) => [c.header, "x"])];
    expect(compareHeaders(school, rows, "W").differences).toEqual([]);
    rows[6] = ["建校年份", "1958"];
    expect(compareHeaders(school, rows, "W").differences.map((d) => d.message)).toEqual(["W：A7 的表头应为“建校时间”，实为“建校年份”（表头被改名）"]);
  });
});
