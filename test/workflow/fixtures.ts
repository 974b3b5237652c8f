/** Small catalogs for the workflow tests (ids and names as the platforms print them). */
import type { Catalog, ColumnDef, TableDef } from "../../src/core/catalog/types";

function col(key: string, header: string, type: ColumnDef["type"] = "text"): ColumnDef {
  return { key, header, type, required: false };
}

function table(id: string, name: string, base = false, columns: ColumnDef[] = [col("A", "名称"), col("B", "数量", "integer")]): TableDef {
  return {
    id,
    name,
    category: "",
    period: "point",
    shape: "list",
    base,
    required: true,
    dependsOn: [],
    columns,
    rules: [],
    provenance: { source: "test", idStatus: "sourced", fieldsStatus: "sourced" },
  };
}

export function undergraduateCatalog(): Catalog {
  return {
    formatVersion: 1,
    id: "undergraduate-test",
    platform: "undergraduate",
    edition: 2024,
    name: "本科（测试）",
    tables: [
      table("1-1", "学校概况"),
      table("1-2", "学校相关党政单位", true),
      table("1-3", "学校教学科研单位", true),
      table("1-4-1", "专业基本情况", true),
      table("1-4-2", "专业大类情况表", true),
      table("1-5-1", "教职工基本信息", true, [col("GH", "工号"), col("XM", "姓名"), col("NL", "年龄", "integer")]),
      table("2-1", "占地与建筑面积"),
      table("2-3-1", "图书馆"),
      table("5-1-1", "开课情况"),
    ],
    codeLists: {},
    crossRules: [],
    provenance: { source: "test" },
  };
}

export function vocationalCatalog(): Catalog {
  return {
    formatVersion: 1,
    id: "vocational-test",
    platform: "vocational",
    edition: 2020,
    name: "高职（测试）",
    tables: [
      table("1.1", "名称"),
      table("1.6", "机构设置", true),
      table("3.2", "馆藏图书资料"),
      table("5.1.1", "学费收入"),
      table("6.1", "教师基本情况", true),
      table("6.3.1", "教师其他情况–培训进修"),
      table("6.3.5", "教师其他情况–技术专利（技术发明）"),
      table("8.1", "教学与学生管理文件"),
      table("12.1", "测试用未列出的表"),
    ],
    codeLists: {},
    crossRules: [],
    provenance: { source: "test" },
  };
}

import type { Assignment } from "../../src/core/workflow/assignment";
import type { Profile } from "../../src/core/workflow/review";

/** 表 1-5-1 assigned to 人事处, reviewed by 人事处 (张三 fills, 李四 reviews). */
export const assignment151: Assignment = {
  tableId: "1-5-1",
  tableName: "教职工基本信息",
  step: 3,
  department: "人事处",
  assisting: [],
  reviewingDepartment: "人事处",
  clerk: "张三",
  reviewer: "李四",
  deadline: "2024-09-27",
};
export const clerk: Profile = { name: "张三", department: "人事处", role: "clerk" };
export const deptReviewer: Profile = { name: "李四", department: "人事处", role: "departmentReviewer" };
export const schoolReviewer: Profile = { name: "王校", department: "校办", role: "schoolReviewer" };
export const qualityOffice: Profile = { name: "孟婷婷", department: "教学质量管理处", role: "qualityOffice" };
