/**
 * A small catalog for live-validation tests: a base table of units (1-3) and a staff table (1-5-1)
 * whose 工号 must be unique and whose 单位号 must exist in 1-3, plus a single-record form (1-1).
 */
import type { Catalog } from "../../src/core/catalog/types";
import { loadTemplates } from "../../src/core/template/load";
import type { WorkbookPort } from "../../src/core/workbook/port";

const src = { source: "test fixture" };
const prov = { source: "test", idStatus: "sourced" as const, fieldsStatus: "sourced" as const };

export const UNITS = "1-3 学校教学科研单位";
export const STAFF = "1-5-1 教职工基本信息";
export const SCHOOL = "1-1 学校概况";

export function liveCatalog(): Catalog {
  return {
    formatVersion: 1,
    id: "live-test",
    platform: "undergraduate",
    edition: 2024,
    name: "校验测试目录",
    codeLists: {
      XB: { id: "XB", name: "性别", values: [{ value: "1", label: "男" }, { value: "2", label: "女" }], provenance: src },
    },
    crossRules: [],
    provenance: src,
    tables: [
      {
        id: "1-1",
        name: "学校概况",
        category: "1 学校基本信息",
        period: "point",
        shape: "single",
        base: false,
        required: true,
        dependsOn: [],
        rules: [],
        provenance: prov,
        columns: [
          { key: "XXMC", header: "学校名称", type: "text", required: true },
          { key: "ZDMJ", header: "占地面积", type: "decimal", required: true, unit: "平方米" },
        ],
      },
      {
        id: "1-3",
        name: "学校教学科研单位",
        category: "1 学校基本信息",
        period: "point",
        shape: "list",
        base: true,
        required: true,
        dependsOn: [],
        rules: [{ id: "T.1-3.unique-DWH", kind: "unique", severity: "error", params: { columns: ["DWH"] }, provenance: src }],
        provenance: prov,
        columns: [
          { key: "DWH", header: "单位号", type: "text", required: true },
          { key: "DWMC", header: "单位名称", type: "text", required: true },
        ],
      },
      {
        id: "1-5-1",
        name: "教职工基本信息",
        category: "1 学校基本信息",
        period: "point",
        shape: "list",
        base: true,
        required: true,
        dependsOn: ["1-3"],
        rules: [
          { id: "T.1-5-1.unique-GH", kind: "unique", severity: "error", params: { columns: ["GH"] }, provenance: src },
          { id: "T.1-5-1.exists-DWH", kind: "exists", severity: "error", params: { columns: ["DWH"], targets: [{ table: "1-3", columns: ["DWH"] }] }, provenance: src },
        ],
        provenance: prov,
        columns: [
          { key: "GH", header: "工号", type: "text", required: true },
          { key: "XM", header: "姓名", type: "text", required: true },
          { key: "XB", header: "性别", type: "code", codeList: "XB", required: true },
          { key: "SFZH", header: "身份证号", type: "idCard", required: false },
          { key: "DWH", header: "单位号", type: "text", required: true },
          { key: "NL", header: "教龄", type: "integer", required: false },
        ],
      },
    ],
  };
}

/** A valid 18-digit ID number (check digit computed). */
export const ID_OK = "11010519491231002X";
export const ID_BAD = "110105194912310021";

/** A staff row. */
export function staff(i: number, unit = "D01"): (string | number)[] {
  return [`T${String(i).padStart(5, "0")}`, `教师${i}`, "男", "", unit, 5];
}

/** Loads the templates and fills units and `staffRows` staff rows (before live validation starts). */
export async function prepare(port: WorkbookPort, fake: { user: { paste(sheet: string, address: string, values: (string | number)[][]): Promise<void> } }, staffRows: number): Promise<Catalog> {
  const catalog = liveCatalog();
  await loadTemplates(port, catalog, "all", { statYear: 2024 });
  await fake.user.paste(UNITS, "A5", [["D01", "教务处"], ["D02", "人事处"]]);
  if (staffRows > 0) {
    const rows = Array.from({ length: staffRows }, (_, i) => staff(i + 1));
    await fake.user.paste(STAFF, "A5", rows);
  }
  await fake.user.paste(SCHOOL, "B5", [["某某大学"], [1000]]);
  return catalog;
}
