import {
  CatalogError,
  catalogToJson,
  categories,
  checkCatalogIntegrity,
  departments,
  findTable,
  getCatalog,
  listCatalogs,
  requireTable,
  searchTables,
  selectTables,
  tablesByCategory,
  tablesByDepartment,
  undergraduateRuleMergeProblems,
} from "../../src/core/catalog";
import { undergraduate2019Ids, undergraduateUnmatchedCodeLists } from "../../src/core/catalog/data/undergraduate.generated";

const U = getCatalog("undergraduate");
const V = getCatalog("vocational");

describe.each([
  ["本科", U],
  ["高职", V],
])("%s catalog integrity", (_name, c) => {
  it("has no integrity problems (unique ids, keys, headers; code lists and depends-on tables exist; valid periods)", () => {
    expect(checkCatalogIntegrity(c)).toEqual([]);
  });

  it("flags every table without columns as incomplete, with a note saying why", () => {
    for (const t of c.tables.filter((x) => x.columns.length === 0)) {
      expect(t.incomplete).toBe(true);
      expect(t.provenance.note).toBeTruthy();
    }
  });

  it("is frozen so one caller cannot change another's tables", () => {
    expect(Object.isFrozen(c.tables[0].columns)).toBe(true);
    expect(() => {
      (c.tables[0] as { name: string }).name = "x";
    }).toThrow();
  });
});

describe("本科 catalog content", () => {
  it("covers all 102 es2-2019 definitions under current ids", () => {
    expect(Object.keys(undergraduate2019Ids)).toHaveLength(102);
    const covered = new Set(U.tables.flatMap((t) => (t.provenance.sourceId ?? "").split("; ").map((s) => s.split(" ")[0])));
    for (const old of Object.keys(undergraduate2019Ids)) expect(covered).toContain(old);
    for (const cur of Object.values(undergraduate2019Ids)) expect(findTable(U, cur)).toBeDefined();
    expect(undergraduate2019Ids["1-6-1"]).toBe("1-5-1");
    expect(undergraduate2019Ids["2-9-2"]).toBe("2-8-2");
    expect(undergraduate2019Ids["1-9"]).toBe("1-1");
    expect(undergraduate2019Ids["1-2"]).toBe("1-1-校区");
  });

  it("has the 86 vendor code lists with 980 values, plus reference enumerations with provenance", () => {
    const vendor = Object.values(U.codeLists).filter((l) => l.provenance.source.startsWith("es2-2019"));
    expect(vendor).toHaveLength(86);
    expect(vendor.reduce((n, l) => n + l.values.length, 0)).toBe(980);
    for (const l of Object.values(U.codeLists)) expect(l.provenance.source).toBeTruthy();
    expect(U.codeLists.XB.values.map((v) => v.label)).toEqual(["男", "女"]);
    expect(U.codeLists.TJSJLX.values.map((v) => v.label)).toEqual(["时点", "学年", "自然年"]);
  });

  it("lists tables known by name only (3-3-3, the two 工科类 tables) as incomplete", () => {
    for (const id of ["3-3-3", "GK-1", "GK-2"]) {
      const t = requireTable(U, id);
      expect(t.incomplete).toBe(true);
      expect(t.provenance.fieldsStatus).toBe("unknown");
    }
    expect(requireTable(U, "3-3-3").period).toBe("point");
  });

  it("encodes 表1-5-1 教职工基本信息 from the 2019 表1-6-1 with es2 keys, headers, types and code lists", () => {
    const t = requireTable(U, "1-5-1");
    expect(t.name).toBe("教职工基本信息");
    expect(t.base).toBe(true);
    expect(t.provenance).toMatchObject({ idStatus: "sourced", sourceId: "1-6-1 教职工基本信息" });
    expect(t.dependsOn).toEqual(expect.arrayContaining(["1-2", "1-3"]));
    const byKey = Object.fromEntries(t.columns.map((c) => [c.key, c]));
    expect(byKey.GH).toMatchObject({ header: "工号", type: "text", required: true });
    expect(byKey.CSNY).toMatchObject({ header: "出生年月", type: "yearMonth" });
    expect(byKey.XB).toMatchObject({ type: "code", codeList: "XB" });
    expect(byKey.ZYJSZC.codeList).toBe("D_ZYJSZC");
    expect(U.codeLists.D_ZYJSZC.values).toHaveLength(9);
    expect(t.columns.some((c) => c.key === "TJSJ")).toBe(false); // 统计时间 system column
    expect(t.columns.some((c) => c.key === "RJLX")).toBe(false); // vendor-hidden legacy column
    expect(t.provenance.note).toMatch(/任教类型 \[RJLX\]/);
  });

  it("folds 办学指导思想 into 表1-1 and keeps 校区 as its own list table", () => {
    const t11 = requireTable(U, "1-1");
    const keys = t11.columns.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(["XXMC", "XX", "DWYFZMB"]));
    expect(keys.indexOf("XX")).toBeLessThan(keys.indexOf("TBFZRXM"));
    expect(t11.shape).toBe("single");
    expect(t11.columns.find((c) => c.key === "XXWZ")?.type).toBe("url");
    expect(t11.columns.find((c) => c.key === "TBFZRLXDH")?.type).toBe("phone");
    expect(t11.columns.find((c) => c.key === "ZSPC")).toMatchObject({ type: "multiCode", codeList: "ZSPC" });
    const campus = requireTable(U, "1-1-校区");
    expect(campus.shape).toBe("list");
    expect(campus.provenance.note).toMatch(/item 10/);
  });

  it("keeps units, decimals and periods the sources state", () => {
    expect(requireTable(U, "2-7").columns.find((c) => c.header === "单价（元）")?.unit).toBe("元");
    expect(requireTable(U, "3-5-1").columns.find((c) => c.header === "国内项目经费（万元）")?.unit).toBe("万元");
    expect(requireTable(U, "7-2").columns.find((c) => c.header === "学生评教覆盖比例")?.decimals).toBe(2);
    expect(requireTable(U, "2-8-2").period).toBe("calendarYear");
    expect(requireTable(U, "5-1-1").period).toBe("academicYear");
    expect(requireTable(U, "2-3-1").period).toBe("point");
  });

  it("marks ids as the map says, with the conflicting 2-8", () => {
    expect(requireTable(U, "2-8").provenance.idStatus).toBe("conflicting");
    expect(requireTable(U, "3-5-1").provenance.idStatus).toBe("inferred");
    expect(requireTable(U, "SF-10").provenance.sourceId).toBe("SF-10 师范技能类课程");
  });

  it("records the fields whose code list could not be matched by name", () => {
    expect(undergraduateUnmatchedCodeLists.map((u) => u.header).sort()).toEqual(["医院级别", "学科名称", "民族"].sort());
    const mz = requireTable(U, "1-5-1").columns.find((c) => c.key === "MZ");
    expect(mz?.type).toBe("text");
  });

  it("merges the validation helper's rules without orphans", () => {
    expect(undergraduateRuleMergeProblems).toEqual([]);
  });

  it("records the 2024 filling steps of seed 000 and no departments", () => {
    expect(requireTable(U, "1-1").step).toBe(1);
    expect(requireTable(U, "1-4-1").step).toBe(2);
    expect(requireTable(U, "3-3-3").step).toBe(4);
    expect(requireTable(U, "6-1").step).toBe(5);
    expect(departments(U)).toEqual([]);
  });
});

describe("高职 catalog content", () => {
  it("has the 72 items of seed 004 with departments, steps and periods", () => {
    expect(V.tables).toHaveLength(72);
    const sources = V.tables.filter((t) => t.step === 1).map((t) => t.id);
    expect(sources).toEqual(["1.6", "6.1", "7.1.1", "7.2", "10.1.1"]);
    expect(V.tables.filter((t) => t.id.startsWith("5.")).every((t) => t.period === "calendarYear")).toBe(true);
    expect(V.tables.filter((t) => !t.id.startsWith("5.")).every((t) => t.period === "academicYear")).toBe(true);
    expect(requireTable(V, "3.2")).toMatchObject({ department: "图书馆", reviewingDepartment: "教务部" });
    expect(requireTable(V, "6.3.5")).toMatchObject({ department: "各系部", reviewingDepartment: "质量部" });
    expect(categories(V)).toHaveLength(12);
  });

  it("has 学籍状态 and 毕业去向 from seed 004 on the student tables", () => {
    expect(V.codeLists.XJZT.values.map((v) => v.label)).toEqual(["在读", "毕业", "肄业", "辍学", "其他"]);
    expect(V.codeLists.BYQX.values).toHaveLength(7);
    expect(requireTable(V, "10.1.1").columns.find((c) => c.key === "XJZT")?.codeList).toBe("XJZT");
    expect(requireTable(V, "10.1.2").columns.find((c) => c.key === "BYQX")?.codeList).toBe("BYQX");
  });

  it("takes units from headers, including a group header", () => {
    const t = requireTable(V, "4.1");
    expect(t.columns.find((c) => c.header === "设备值（万元） / 设备总值")?.unit).toBe("万元");
    expect(t.columns.find((c) => c.header === "建筑面积（平方米）")?.unit).toBe("平方米");
    expect(requireTable(V, "3.4.1").columns.find((c) => c.header === "电子图书（册）")?.unit).toBe("册");
  });

  it("flags tables without known fields as incomplete", () => {
    for (const id of ["1.2", "1.3", "5.1", "11.6"]) expect(requireTable(V, id)).toMatchObject({ incomplete: true, columns: [] });
    expect(requireTable(V, "4.1").incomplete).toBeUndefined();
  });
});

describe("lookups", () => {
  it("finds catalogs by id, platform or Chinese name and rejects others in Chinese", () => {
    expect(getCatalog("undergraduate-2024")).toBe(U);
    expect(getCatalog("本科")).toBe(U);
    expect(getCatalog(" Vocational ")).toBe(V);
    expect(() => getCatalog("graduate")).toThrow(/未知的目录“graduate”/);
    expect(listCatalogs().map((c) => [c.id, c.tableCount])).toEqual([
      ["undergraduate-2024", 104],
      ["vocational-2020", 72],
    ]);
  });

  it("finds tables however the id is typed", () => {
    expect(findTable(U, "表 １－５－１")?.name).toBe("教职工基本信息");
    expect(findTable(U, "sf-1")?.id).toBe("SF-1");
    expect(findTable(V, "表6.1")?.name).toBe("教师基本情况");
    expect(findTable(U, "9-9-9")).toBeUndefined();
    expect(findTable(U, "教职工基本信息")?.id).toBe("1-5-1");
    expect(findTable(U, "表1-5-1 教职工基本信息")?.id).toBe("1-5-1");
    expect(findTable(U, "表1-5-1 本科生基本情况")).toBeUndefined();
    expect(findTable(V, "开设专业")?.id).toBe("7.1.1");
    expect(() => requireTable(U, "1-5-9")).toThrow(CatalogError);
    expect(() => requireTable(U, "1-5-9")).toThrow(/本科目录中没有表“1-5-9”；相近的表：1-1 学校概况/);
  });

  it("selects tables for --tables, --department, category and search", () => {
    expect(selectTables(U, { ids: "1-5-1,1-6" }).map((t) => t.id)).toEqual(["1-5-1", "1-6"]);
    expect(selectTables(U, { ids: "all" })).toHaveLength(104);
    expect(() => selectTables(U, { ids: ["1-5-1", "1-99", "x"] })).toThrow(/没有这些表：1-99、x/);
    expect(selectTables(V, { department: "财务处" }).map((t) => t.id)).toEqual(["3.5", "5.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.2.1", "5.2.2", "5.2.3"]);
    expect(tablesByDepartment(V, "学务部").map((t) => t.id)).toContain("8.1"); // 教务部、学务部
    expect(tablesByDepartment(V, "政务部", true).map((t) => t.id)).toContain("8.1"); // reviewing
    expect(() => selectTables(V, { department: "后勤处" })).toThrow(/没有由“后勤处”负责的表/);
    expect(() => selectTables(U, { department: "教务处" })).toThrow(/没有记录责任单位/);
    expect(tablesByCategory(U, "学生信息").length).toBe(21); // 6-1 … 6-8
    expect(selectTables(U, { category: "SF" })).toHaveLength(14);
    expect(selectTables(U, { category: "1 学校基本信息", search: "教职工" }).map((t) => t.id)).toEqual(["1-5-1", "1-5-2"]);
  });

  it("ranks search results: id, then name, then column headers", () => {
    expect(searchTables(U, "1-5-1")[0].id).toBe("1-5-1");
    expect(searchTables(U, "图书馆")[0].id).toBe("2-3-1");
    expect(searchTables(U, "工号").length).toBeGreaterThan(10);
    expect(searchTables(V, "")).toHaveLength(72);
  });
});

describe("catalogToJson (tianbao catalog --json)", () => {
  it("has exactly the documented shape", () => {
    const j = catalogToJson(V);
    expect(Object.keys(j)).toEqual(["catalog", "edition", "tables", "codeLists"]);
    expect(j.catalog).toBe("vocational-2020");
    expect(j.edition).toBe(2020);
    for (const t of j.tables) {
      expect(Object.keys(t)).toEqual(["id", "name", "category", "period", "shape", "base", "dependsOn", "provenance", "columns"]);
      for (const c of t.columns) expect(Object.keys(c)).toEqual(["key", "header", "type", "required", "unit", "codeList"]);
    }
    const c41 = j.tables.find((t) => t.id === "4.1")!.columns.find((c) => c.header === "建筑面积（平方米）")!;
    expect(c41).toEqual({ key: expect.any(String), header: "建筑面积（平方米）", type: "decimal", required: false, unit: "平方米", codeList: null });
    expect(j.codeLists.XJZT[0]).toEqual({ value: "在读", label: "在读" });
    expect(Object.keys(j.codeLists.XJZT[0])).toEqual(["value", "label"]);
  });

  it("survives JSON round trip and is plain data", () => {
    const j = catalogToJson(U);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
    expect(j.tables).toHaveLength(104);
    expect(Object.keys(j.codeLists).length).toBe(Object.keys(U.codeLists).length);
  });
});
