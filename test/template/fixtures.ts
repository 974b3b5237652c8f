/** A small hand-made catalog for template tests: one list, one single-record and one incomplete table. */
import type { Catalog, CodeList } from "../../src/core/catalog/types";

const src = { source: "test fixture" };

const zc: CodeList = {
  id: "ZC",
  name: "专业技术职务",
  // long enough that a literal list would exceed Excel's 255-character limit
  values: Array.from({ length: 40 }, (_, i) => ({ value: String(i + 1).padStart(3, "0"), label: `专业技术职务名称第${i + 1}级` })),
  provenance: src,
};

export function fixtureCatalog(): Catalog {
  return {
    formatVersion: 1,
    id: "test-2024",
    platform: "undergraduate",
    edition: 2024,
    name: "测试目录",
    codeLists: {
      XB: { id: "XB", name: "性别", values: [{ value: "1", label: "男" }, { value: "2", label: "女" }], provenance: src },
      ZC: zc,
      DW: { id: "DW", name: "单位", values: [{ value: "01", label: "教务处" }, { value: "02", label: "人事处" }], provenance: src },
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
        provenance: { source: "test", idStatus: "sourced", fieldsStatus: "sourced" },
        columns: [
          { key: "XXMC", header: "学校名称", type: "text", required: true, description: "学校全称。", maxLength: 100 },
          { key: "XXDM", header: "学校代码", type: "text", required: true, description: "教育部统一编码。" },
          { key: "JXSJ", header: "建校时间", type: "year", required: false },
          { key: "ZDMJ", header: "占地面积", type: "decimal", required: true, unit: "平方米", decimals: 2 },
          { key: "XZ", header: "举办者", type: "code", codeList: "DW", required: false },
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
        dependsOn: [],
        rules: [],
        provenance: { source: "test", idStatus: "sourced", fieldsStatus: "sourced" },
        columns: [
          { key: "GH", header: "工号", type: "text", required: true, description: "学校给教职工的编号。" },
          { key: "XM", header: "姓名", type: "text", required: true },
          { key: "XB", header: "性别", type: "code", codeList: "XB", required: true },
          { key: "CSNY", header: "出生年月", type: "yearMonth", required: true },
          { key: "RXSJ", header: "入校时间", type: "date", required: false },
          { key: "ZC", header: "专业技术职称", type: "code", codeList: "ZC", required: false },
          { key: "DW", header: "所在单位", type: "code", codeList: "DW", required: true },
          { key: "NL", header: "教龄", type: "integer", required: false, unit: "年" },
          { key: "GZ", header: "年收入", type: "decimal", required: false, unit: "万元" },
          { key: "DH", header: "联系电话", type: "phone", required: false },
        ],
      },
      {
        id: "9.9",
        name: "待补充的表",
        category: "9 其他",
        period: "academicYear",
        shape: "list",
        base: false,
        required: false,
        dependsOn: [],
        rules: [],
        incomplete: true,
        department: "教务处",
        provenance: { source: "test", idStatus: "inferred", fieldsStatus: "unknown" },
        columns: [{ key: "ZYMC", header: "专业名称", type: "text", required: true }],
      },
    ],
  };
}
