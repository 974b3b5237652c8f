/**
 * 本科 validation rules as data, merged into the undergraduate catalog by `getCatalog`
 * (src/core/catalog/index.ts): `tableRules[tableId]` is appended to that table's `rules`,
 * `crossRules` to the catalog's `crossRules`. Rule kinds and their params: src/core/validation/index.ts.
 *
 * Source: the 307 vendor rules of es2-2019 rules.csv (S3 校验设置, 2019 numbering) mapped to current
 * ids (undergrad-table-map.csv), plus rules stated in the reference notes (S2 指标解释, V3) and the
 * seeds. Every rule's provenance names its rules.csv row(s) ("row N" = N-th data row, 1-based).
 * Rows that are not encoded are listed in `notEncoded` with the reason; `node tools/rules/coverage.js`
 * prints the coverage. Column keys are the es2 `column_id`s, exactly as in the catalog.
 *
 * Decisions:
 *  - The rule texts use the 2019 ids; several also use 2018 ids (“表1-6-2外聘教师”): a 工号 rule against
 *    “1-6-2” is read as the 外聘 table (1-5-3), because 2019 1-6-2 (教职工其他信息) must share 工号.
 *  - Where S3 shows empty quotes “” as a special value, the original held a placeholder that lost its
 *    zeros: 单位号 “000”, 专业代码 “000000” (S2 指标解释 for 1-4-2 and 2-4); rows are encoded with
 *    that reading and say so in the note.
 *  - Conditions name code-list LABELS (“是”, “专业课”); the engine accepts the code or the label.
 * Keep the export name and shape stable.
 */
import type { RuleDef, Severity } from "../types";

export interface UndergraduateRules {
  /** Keyed by current (2020+) table id, e.g. "1-5-1". */
  tableRules: Record<string, RuleDef[]>;
  crossRules: RuleDef[];
  /** rules.csv rows (1-based data rows) that are not encoded, with the reason. */
  notEncoded: Record<number, string>;
}

const S3 = "es2-2019 rules.csv (S3 校验设置 2019-06-06)";

const tableRules: Record<string, RuleDef[]> = {};

/** Adds a rule for `table` encoding rules.csv row(s) `rows`. */
function R(table: string, rows: number | number[], kind: string, params: Record<string, unknown>, opts: { severity?: Severity; note?: string; suffix?: string; source?: string } = {}): void {
  const rs = Array.isArray(rows) ? rows : [rows];
  if (!rs.length && !opts.suffix) throw new Error(`rule for ${table} without rules.csv row needs a suffix`);
  const id = rs.length ? `U.${table}.r${rs[0]}${opts.suffix ? `-${opts.suffix}` : ""}` : `U.${table}.${opts.suffix}`;
  const source = opts.source ?? `${S3} row ${rs.join(", ")}`;
  (tableRules[table] ??= []).push({ id, kind, severity: opts.severity ?? "error", params, provenance: { source, ...(opts.note ? { note: opts.note } : {}) } });
}

// ---- shared targets -------------------------------------------------------------------------------

/** 单位号 tables: 1-2 学校相关党政单位 ∪ 1-3 学校教学科研单位. */
const UNITS = [
  { table: "1-2", columns: ["DWH"], name: "DZDWMC" },
  { table: "1-3", columns: ["DWH"], name: "JXKYDWMC" },
];
/** 校内专业 tables: 1-4-1 校内专业代码 ∪ 1-4-2 大类代码. */
const MAJORS = [
  { table: "1-4-1", columns: ["XNZYDM"], name: "XNZYMC" },
  { table: "1-4-2", columns: ["DLDM"], name: "DLMC" },
];
const MAJOR = [MAJORS[0]];
/** 师范类 majors only (1-4-1 是否师范类专业 S or J). */
const TEACHER_MAJOR = [{ ...MAJORS[0], where: { column: "SPSFZY", in: ["S", "J"] } }];
const staff = (...tables: Array<"1-5-1" | "1-5-3" | "1-5-4">) => tables.map((table) => ({ table, columns: ["GH"], name: "XM" }));
const STUDENTS = [{ table: "1-6", columns: ["XH"], name: "XSXM" }];
const COURSES = (name: boolean) => [{ table: "5-1-1", columns: ["KKH"], ...(name ? { name: "KCMC" } : {}) }];
/** 工号 “000000” = a person not in the staff tables (retired/left; S2 指标解释, V3). */
const NOT_PLACEHOLDER_GH = (column: string) => ({ column, notIn: ["000000"] });
const NOT_PLACEHOLDER_UNIT = (column: string) => ({ column, notIn: ["000"] });
const PLACEHOLDER_NOTE = "S3 shows “” where the placeholder lost its zeros; read as “000”/“000000” (S2 指标解释)";

const unique = (t: string, rows: number | number[], columns: string[], extra: Record<string, unknown> = {}, note?: string) => R(t, rows, "unique", { columns, ...extra }, { note });
const exists = (t: string, rows: number | number[], columns: string[], targets: unknown[], name?: string, when?: unknown, note?: string, suffix?: string) =>
  R(t, rows, "exists", { columns, targets, ...(name ? { name } : {}), ...(when ? { when } : {}) }, { note, suffix });
const year = (t: string, rows: number | number[], column: string, op: string, years = 0, note?: string, suffix?: string) =>
  R(t, rows, "dateWindow", { column, op, bound: "statYear", ...(years ? { years } : {}) }, { note, suffix });
const sum = (t: string, rows: number | number[], total: string, parts: string[], op = "=", suffix?: string, note?: string) => R(t, rows, "sum", { total, parts, op }, { suffix, note });
const compare = (t: string, rows: number | number[], left: string, op: string, right: string | number, suffix?: string, note?: string) =>
  R(t, rows, "compare", typeof right === "number" ? { left, op, value: right } : { left, op, right }, { suffix, note });

// ---- 1 学校基本信息 ---------------------------------------------------------------------------------
year("1-1", 1, "KBBKJYNF", "<");
sum("1-8", 2, "XYHZS", ["XYHJNS", "XYHJWS"]);
sum("1-8", 3, "QDHZXYJGZS", ["QDHZXYXSJGS", "QDHZXYHYJGHQYS", "QDHZXYDFZFS"]);
unique("1-1-校区", 4, ["XQMC"]);
unique("1-2", 5, ["DWH"]);
R("1-2", 6, "exclusive", { columns: ["DWH"], other: { table: "1-3", columns: ["DWH"] } });
R("1-3", 7, "exclusive", { columns: ["DWH"], other: { table: "1-2", columns: ["DWH"] } });
unique("1-3", 8, ["DWH"]);
R("1-3", [], "pattern", { column: "DWH", regex: "^FSYY", description: "附属医院的单位号应以“FSYY”开头", when: { column: "DWZN", in: ["直属附属医院", "非直属附属医院"] } }, {
  source: "undergrad-catalog.md V3 / S2 指标解释 (表1-4 学校教学科研单位: 附属医院单位号以FSYY开头)",
  suffix: "fsyy",
});
year("1-4-1", 10, "ZYSZNF", "<=");
exists("1-4-1", 11, ["SSDWH"], [UNITS[1]], "SSDWMC");
unique("1-4-1", 13, ["XNZYDM"]);
R("1-4-1", [], "pattern", { column: "ZYDM", regex: "^\\d{4}99$", description: "自定义专业代码应为6位数字且以“99”结尾", when: { column: "DMBB", in: ["自定义"] } }, {
  source: "undergrad-catalog.md V3 / S2 指标解释 (表1-5-1: 不在专业目录中的专业代码为以99结尾的6位数字)",
  suffix: "zydm99",
});
R("1-4-2", 15, "conditional", { if: { column: "BHXNZYDM", in: ["000000"] }, then: { column: "BHXNZYMC", in: ["不限定专业"] } }, { note: PLACEHOLDER_NOTE });
exists("1-4-2", 16, ["SSDWH"], [UNITS[1]], undefined, NOT_PLACEHOLDER_UNIT("SSDWH"), PLACEHOLDER_NOTE);
exists("1-4-2", 17, ["BHXNZYDM"], [{ table: "1-4-1", columns: ["XNZYDM"], name: "XNZYMC" }], "BHXNZYMC", { column: "BHXNZYDM", notIn: ["000000"] }, PLACEHOLDER_NOTE);
unique("1-4-2", 18, ["DLDM", "BHXNZYDM"]);
exists("1-5-1", 19, ["DWH"], UNITS, "DWMC", NOT_PLACEHOLDER_UNIT("DWH"), PLACEHOLDER_NOTE);
R("1-5-1", [20, 24], "exclusive", { columns: ["GH"], other: { table: "1-5-3", columns: ["GH"] } }, { note: "row 24 names “表1-6-2” in 2018 numbering (外聘教师)" });
R("1-5-1", 22, "dateWindow", { column: "RXSJ", op: "<=", bound: "point" });
unique("1-5-1", 23, ["GH"]);
exists("1-5-2", 25, ["RJZYDM"], [{ table: "1-4-1", columns: ["ZYDM"], name: "ZYMC" }], "RJZYMC", { column: "RJZYDM", notIn: ["无"] }, "任教类型不是专业课时填“无”(S2)");
exists("1-5-2", 26, ["GH"], staff("1-5-1"), "XM");
unique("1-5-2", 27, ["GH"]);
R("1-5-2", 28, "conditional", { if: { column: "SFSSSNX", in: ["是"] }, then: { column: "RJLX", in: ["专业课"] } });
R("1-5-2", [], "conditional", { if: { column: "RJLX", in: ["公共课", "其他教学任务", "无任教"] }, then: [{ column: "RJZYMC", in: ["无"] }, { column: "RJZYDM", in: ["无"] }, { column: "ZYRJSJ", in: ["无"] }] }, {
  source: "undergrad-catalog.md V3 / S2 指标解释 (表1-6-2: 任教类型为公共课/其它教学任务/无任教时后三项填“无”)",
  suffix: "wu",
  severity: "warning",
});
R("1-5-3", [29, 31], "exclusive", { columns: ["GH"], other: { table: "1-5-1", columns: ["GH"] } }, { note: "row 31 names “表1-6-3” (itself); read as the same rule" });
year("1-5-3", 32, "PRSJ", "<=");
unique("1-5-3", 33, ["GH"]);
exists("1-5-3", 34, ["DWH"], UNITS, "DWMC", NOT_PLACEHOLDER_UNIT("DWH"), PLACEHOLDER_NOTE);
unique("1-5-4", 35, ["GH"]);
exists("1-5-4", 36, ["SWH"], UNITS, "SWMC", NOT_PLACEHOLDER_UNIT("SWH"), PLACEHOLDER_NOTE);
R("1-5-4", 37, "exclusive", { columns: ["GH"], other: { table: "1-5-3", columns: ["GH"] } }, { note: "“表1-6-2” in 2018 numbering = 外聘教师 (1-5-3)" });
R("1-5-4", 38, "exclusive", { columns: ["GH"], other: { table: "1-5-1", columns: ["GH"] } });
R("1-5-4", 39, "dateWindow", { column: "RZSJ", op: "<=", bound: "point" });
unique("1-6", 40, ["XH"]);
year("1-6", 41, "NJ", "<=", 0, "S3 says 年级 < 填报年度; 年级 of the new intake equals the year, so ≤ (as 入学年份 the same)");
year("1-6", 42, "RXNF", "<=", 0, "S3 says <; new students of year Y are enrolled in Y, so ≤ (inferred)");
exists("1-6", 43, ["XNZYDM"], MAJORS, "XNZYMC");
exists("1-7-1", 46, ["SZSWH"], UNITS, "SZSWMC", NOT_PLACEHOLDER_UNIT("SZSWH"), PLACEHOLDER_NOTE);
unique("1-7-1", [47, 49], ["SYCSDM"]);
unique("1-7-1", 48, ["SYCSMC"]);
exists("1-7-2", 50, ["SZSWH"], UNITS, "SZSWMC", NOT_PLACEHOLDER_UNIT("SZSWH"), PLACEHOLDER_NOTE);
unique("1-7-2", 51, ["KYJDMC", "KYJDLB"]);
year("1-1", 52, "XXGHZDSJ", "<=", 0, "2019 表1-9 办学指导思想 is part of 表1-1 since 2021");

// ---- 2 学校基本条件 ---------------------------------------------------------------------------------
sum("2-1", 53, "ZJZMJ", ["XXCQJZMJ", "FXXCQJZMJ"]);
sum("2-1", 54, "ZZDMJ", ["XXCQZDMJ", "FXXCQZDMJ"]);
sum("2-1", 55, "XXCQZDMJ", ["XXCQLHYDZDMJ", "XXCQYDCDZDMJ"], ">=");
compare("2-1", 56, "FXXCQLHYDZDMJ", "<=", "FXXCQZDMJ");
sum("2-1", 57, "FXXCQZDMJ", ["FXXCQDLSYZDMJ", "FXXCQGTSYZDMJ"], "=", undefined, "占地面积 (S2 formula)");
sum("2-1", 58, "FXXCQJZMJ", ["FXXCQDLSYJZMJ", "FXXCQGTSYJZMJ"], "=", undefined, "row 58 repeats row 57's text; S2 has the same formula for 建筑面积");
sum("2-2", 59, "JXKYJFZYF", ["JS", "TSG", "SYSSYCS", "ZYKYYF", "TYG", "HT"]);
compare("2-3-1", 61, "ZZQKSL", ">=", "ZZQKZL");
R("2-3-2", 62, "aggregate", { columns: ["DNXZZZTS"], op: "<=", of: { table: "2-3-1", fn: "sum", column: "ZZTSZL" } });
R("2-2", 60, "aggregate", { columns: ["JXKYJFZYF", "XZYF"], op: "<", of: { table: "2-1", fn: "sum", column: "ZJZMJ" } });
exists("2-4", 63, ["YXH"], UNITS, "YXMC", NOT_PLACEHOLDER_UNIT("YXH"), PLACEHOLDER_NOTE);
exists("2-4", 64, ["XNZYDM"], MAJORS, "MXXNZY", { column: "XNZYDM", notIn: ["000000"] }, PLACEHOLDER_NOTE);
R("2-4", [], "conditional", { if: { column: "XNZYDM", in: ["000000"] }, then: { column: "MXXNZY", in: ["不限定专业"] } }, { source: `${S3} row 64 (first half) and S6 template convention`, suffix: "bxd" });
unique("2-4", 65, ["JDMC", "XNZYDM"]);
compare("2-6", 66, "JXKYYQSBZCZZ", "<", "GDZCZZ");
compare("2-6", 67, "XXHSBRJZC", "<", "XXHSBZCZZ");
compare("2-6", 68, "JXKYYQSBZCDNXZZ", "<=", "JXKYYQSBZCZZ");
unique("2-7", 69, ["ZYJXSYYQSBBM"]);
exists("2-7", 70, ["SYCSDM"], [{ table: "1-7-1", columns: ["SYCSDM"], name: "SYCSMC" }], "SYCSMC");
year("2-7", 71, "CGND", "<=");
compare("2-7", [72, 73], "DJ", ">=", 1);
unique("2-8", 74, ["ZXMC"]);
year("2-8", 76, "SLSJ", "<=");
compare("2-8-1", 77, "XXJYJFZE", ">", "JXJFZE", "a");
compare("2-8-1", 77, "JXJFZE", ">", "JXGGYJSZXJFZE", "b");
R("2-8-2", [], "sum", { total: "JXJFZCZJ", parts: ["JXRCYXZC", "JXGGZC", "ZYJSZC", "SJJXZC", "QTJXZXZC", "XSHDJFZC", "JSPXJXZXJFZC", "SZZZLLKCZXJSJFZC"] }, {
  suffix: "s2-sum",
  source: "es2-2019 fields.csv compute_rule (S2 计算规则) for 教学经费支出总计",
});
sum("2-8-2", 78, "SJJXZC", ["SJJXSYJFZC", "SJJXSXJFZC"], ">=");
compare("2-8-2", 79, "JCXYSNSYFSR", ">", 0, undefined, "S3 names 经常性预算内事业费拨款; the 2019 column is 经常性预算内事业费收入");
compare("2-8-2", 81, "SHJZJE", ">=", "XYJZJE");
R("2-8-2", 80, "compare", { left: "SJJXSYJFZC", op: "!=", value: 0 }, { severity: "warning", note: "text truncated in S3 (“实验经费支出不为”); zeros are lost throughout the sheet, read as “不为0”; a warning because 0 may be real" });

// ---- 3 教职工信息 -----------------------------------------------------------------------------------
exists("3-1", 82, ["GH"], staff("1-5-1", "1-5-3"), "XM");
year("3-1", 83, "RXSJ", "<=");
unique("3-1", 84, ["GH"]);
exists("3-2", 85, ["DWH"], UNITS, "DWMC");
R("3-2", 86, "exists", { columns: ["GH", "DWH"], targets: [{ table: "1-5-1", columns: ["GH", "DWH"] }, { table: "1-5-3", columns: ["GH", "DWH"] }] }, { severity: "warning", note: "工号+单位号 must match the staff tables; a warning because 管理岗 may sit in another unit than the HR record" });
exists("3-2", 87, ["GH"], staff("1-5-1", "1-5-3"), "XM");
unique("3-2", 88, ["GH"]);
year("3-3-1", 89, "HDSJ", "<=", 0, "“早于统计时点”: a year column compared at year granularity");
exists("3-3-1", 90, ["GH"], staff("1-5-1", "1-5-3"), "XM");
unique("3-3-1", 91, ["GH", "LX"]);
unique("3-3-2", 92, ["TDMC", "FZRGH", "LX"]);
exists("3-4-1", 93, ["DWH"], UNITS, "JGMC");
unique("3-4-1", 94, ["DWH", "PXLX"]);
exists("3-4-2", 95, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
compare("3-4-2", 96, "KSSJ", "<=", "JSSJ");
year("3-4-2", 97, "KSSJ", "<=");
exists("3-5-1", 98, ["GH"], staff("1-5-1", "1-5-4"), "JSXM");
R("3-5-1", 99, "conditional", { if: { column: "XMXZ", in: ["横向项目"] }, then: { column: "ZXXMLB", in: ["无"] } });
R("3-5-1", 100, "conditional", { if: { column: "XMXZ", in: ["纵向项目"] }, then: { column: "ZXXMLB", notIn: ["无"] } }, { note: "S3 text says 纵向项目 ⇒ 无 (contradicts row 99, vendor error); encoded as 纵向项目 ⇒ not 无" });
unique("3-5-1", 101, ["GH", "LXBH"]);
year("3-5-1", 102, "LXSJ", "<=", -1);
year("3-5-1", 103, "JTYSHJDSJ", ">=", -1);
exists("3-5-2", 104, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
unique("3-5-2", 105, ["GH", "HJZSBH"]);
year("3-5-2", 106, "HJSJ", "<=", -1);
year("3-5-3", 107, "FBSJ", "<=");
exists("3-5-3", 108, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
unique("3-5-3", 109, ["GH", "LWMC"]);
unique("3-5-4", 110, ["ISBN"]);
year("3-5-4", 111, "CBSJ", "<=");
exists("3-5-4", 112, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
unique("3-5-5", 113, ["SQH"]);
year("3-5-5", 114, "HPSJ", "<=");
exists("3-5-5", 115, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
unique("3-5-6", 116, ["ISBN"]);
year("3-5-6", 117, "CBSJ", "<=");
exists("3-5-6", 118, ["GH"], staff("1-5-1", "1-5-3"), "JSXM");
R("3-5-6", 119, "conditional", { if: { column: "JCRXQK", notIn: ["无"] }, thenRule: { kind: "dateWindow", params: { column: "RXSJ", op: "=", bound: "statYear" } } }, { note: "入选时间 = 采集年度 when filled (empty allowed)" });
R("3-5-6", 120, "conditional", { if: { column: "JCRXQK", in: ["无"] }, then: { column: "RXSJ", empty: true } });
exists("3-5-7", 121, ["GH"], staff("1-5-1", "1-5-4"), "JSXM");
R("3-5-1", [], "unitSlip", { column: "GNXMJF", unit: "万元", max: 100000 }, { severity: "warning", suffix: "slip-gn", source: "seed 004 (注意数据项的单位：元，万元，册，万册) + header unit 国内项目经费（万元）" });
R("3-5-1", [], "unitSlip", { column: "GJXMJF", unit: "万元", max: 100000 }, { severity: "warning", suffix: "slip-gj", source: "seed 004 (注意数据项的单位：元，万元，册，万册) + header unit 国际项目经费（万元）" });
R("3-5-7", [], "unitSlip", { column: "ZHJEWY", unit: "万元", max: 100000 }, { severity: "warning", suffix: "slip", source: "seed 004 (注意数据项的单位：元，万元，册，万册) + header unit 转化金额（万元）" });

// ---- 4 学科专业 -------------------------------------------------------------------------------------
compare("4-1-1", 122, "BKXZYS", "<=", "BKZYZS");
R("4-1-1", 123, "aggregate", { columns: ["BSHLDZ"], op: "=", of: { table: "4-1-2", fn: "count" } });
R("4-1-2", 124, "exists", { columns: ["DWH"], name: "DWMC", split: true, targets: UNITS }, { note: "several units per cell separated by “;” (S2 指标解释, V3)" });
unique("4-1-2", 125, ["BSHLDZMC", "DWH"]);
unique("4-1-3", 126, ["MC", "LX"]);
unique("4-1-4", 127, ["XKDM"]);
R("4-1-4", 128, "exists", { columns: ["DWH"], name: "SSDW", split: true, targets: UNITS }, { note: "several units per cell separated by “;” (S2 指标解释, V3)" });
const XKDM_NOTE = "undergrad-catalog.md 4-1-3 / S2 指标解释: 学科代码 = 4-digit first-level (2011 catalogue), 6-digit second-level (1997), or out-of-catalogue 4 digits + “Z” + digit";
for (const t of ["4-1-3", "4-1-4"])
  R(t, [], "pattern", { column: "XKDM", regex: "^\\d{4}(\\d{2}|Z\\d)?$", description: "学科代码应为4位一级学科代码、6位二级学科代码，或目录外的“4位代码+Z+序号”（如 0812Z1）" }, { source: XKDM_NOTE, suffix: "xkdm", severity: "warning" });
R("4-1-3", [], "exists", { columns: ["DWH"], name: "DWMC", split: true, targets: UNITS }, { source: "undergrad-catalog.md 4-1-3 (S2: 单位名称/单位号 refer to the unit tables, several separated by “;”); S3 has no rule for it", suffix: "dwh", severity: "warning" });
sum("4-2", 129, "XSZS", ["BXKXS", "XXKXS"]);
exists("4-2", 130, ["XNZYDM"], MAJOR, "XNZYMC");
exists("4-2", 131, ["ZYDTRGH"], staff("1-5-1", "1-5-3"), "ZYDTRXM", undefined, "“1-6-2” in 2018 numbering = 外聘 (1-5-3)");
compare("4-2", 132, "ZXFS", ">", "CXCYJYXF");
sum("4-2", 133, "ZXFS", ["BXKXF", "XXKXF"], ">=");
sum("4-2", 134, "ZXFS", ["JZXSJJXHJXF", "KNJXJXF", "KWKJHDXF", "SYJXXF"]);
sum("4-2", 135, "XSZS", ["KNJXXS", "SYJXXS"], ">=");
unique("4-2", 136, ["XNZYDM"]);
exists("4-3", 137, ["XNZYDLDM"], MAJORS, "XNZYDLMC");
unique("4-3", 138, ["XNZYDLDM", "XNZYDLMC", "YSZYLX"]);

// ---- 5 人才培养 -------------------------------------------------------------------------------------
unique("5-1-1", 139, ["KKH"]);
R("5-1-1", 140, "exists", { columns: ["SKJSGH"], name: "SKJS", split: true, targets: staff("1-5-1", "1-5-3", "1-5-4"), when: NOT_PLACEHOLDER_GH("SKJSGH") }, {
  note: "several teachers per cell separated by “;” (V3), paired in order with 授课教师; 工号 “000000” = 网络教师 (V3); S3 names 2018 tables (“1-6-2外聘”), read as 1-5-1/1-5-3/1-5-4",
});
exists("5-1-1", 141, ["DWH"], UNITS, "KKDW", NOT_PLACEHOLDER_UNIT("DWH"), PLACEHOLDER_NOTE);
unique("5-1-2", 142, ["XNZYDM", "KKH"]);
exists("5-1-2", 143, ["KKH"], COURSES(true), "KCMC");
exists("5-1-2", 144, ["XNZYDM"], MAJORS, "XNZYMC");
exists("5-1-3", 145, ["KCH"], [{ table: "5-1-1", columns: ["KCH"], name: "KCMC" }], "KCMC");
sum("5-1-3", 146, "ZXS", ["LLJXXS", "SJJXXS", "SYJXXS"], ">=");
unique("5-1-3", 147, ["XNZYDM", "KCH"]);
exists("5-1-3", 148, ["XNZYDM"], MAJOR, "XNZYMC");
unique("5-1-4", [149, 153], ["XNZYDM", "SYSYCSMC", "SYCSDM", "KCH"]);
exists("5-1-4", 150, ["SYCSDM"], [{ table: "1-7-1", columns: ["SYCSDM"], name: "SYCSMC" }], "SYSYCSMC", { column: "SYCSDM", notIn: ["000000"] }, "labs not in 1-7-1 use a placeholder code whose zeros were lost in S3; read as “000000”");
exists("5-1-4", 151, ["KCH"], [{ table: "5-1-1", columns: ["KCH"] }]);
exists("5-1-4", 152, ["XNZYDM"], MAJORS, "XNZYMC");
exists("5-1-5", 154, ["KCH"], [{ table: "5-1-1", columns: ["KCH"] }]);
unique("5-1-5", 155, ["KCH"]);
unique("5-2-1", 156, ["XNZYDM"]);
exists("5-2-1", 157, ["XNZYDM"], MAJORS, "XNZYMC");
compare("5-2-1", 158, "SHSJZWCS", "<=", "BYZHXLKTZS");
exists("5-2-2", 159, ["XNZYDM"], MAJOR, "XNZYMC");
exists("5-2-2", 160, ["GH"], staff("1-5-1", "1-5-3", "1-5-4"), "JSXM", NOT_PLACEHOLDER_GH("GH"));
unique("5-2-2", 161, ["XNZYDM", "GH", "JSXM"]);
exists("5-2-3", 162, ["YYDWH"], [{ table: "1-3", columns: ["DWH"], name: "JXKYDWMC" }], "YYMC", NOT_PLACEHOLDER_UNIT("YYDWH"));
unique("5-2-3", 163, ["YYDWH", "YYMC"]);
unique("5-2-3", 164, ["YYMC"], { when: { column: "YYDWH", empty: true } }, "“单位号为“”时”: read as an empty 医院单位号");
unique("5-2-3", 165, ["YYDWH"]);
unique("5-3-1", 166, ["MC", "LX"]);
year("5-3-1", 167, "SLSJ", "<=");
exists("5-3-2", 168, ["KCH"], [{ table: "5-1-1", columns: ["KCH"], name: "KCMC" }], "KCMC");
unique("5-3-2", [169, 170], ["KCH", "XMLX", "KCMC"], {}, "row 170 restricts row 169 to a non-empty 课程号; empty keys are never compared");
unique("5-4-2", 171, ["JDMC"]);
compare("5-5", 172, "SBJCXCYXLJHXM", "<", "HDXMZS");
sum("5-5", 173, "HDXMZS", ["GJCXCYXLJHXM", "SBJCXCYXLJHXM"], ">=");
compare("5-5", 174, "GJCXCYXLJHXM", "<", "HDXMZS");
R("5-4-2", [], "unitSlip", { column: "TRJFWY", unit: "万元", max: 100000 }, { severity: "warning", suffix: "slip", source: "seed 004 (注意数据项的单位：元，万元，册，万册) + header unit 投入经费（万元）" });

// ---- 6 学生信息 -------------------------------------------------------------------------------------
sum("6-1", 175, "SSYJSS", ["QRZSSYJSS", "FQRZSSYJSS"]);
sum("6-1", 176, "SSMZXSSR", ["SSMZYJSXSSR", "SSMZBKSXSSR", "SSMZZKSXSSR"], ">=");
compare("6-1", 177, "LHPYXSS", "<", "PTBKXSS");
sum("6-1", 178, "BSYJSS", ["QRZBSYJSS", "FQRZBSYJSS"]);
unique("6-2-1", 179, ["XH"]);
exists("6-2-1", 180, ["ZRXNZYDM"], MAJORS, "ZRXNZYMC");
exists("6-2-1", 181, ["ZCXNZYDM"], MAJORS, "ZCXNZYMC");
exists("6-2-1", 182, ["XH"], STUDENTS, "XSXM");
exists("6-2-2", 183, ["XH"], STUDENTS, "XSXM");
exists("6-2-2", 184, ["FXXNZYDM"], MAJOR, "FXXNZYMC");
unique("6-2-2", 185, ["XH", "XXLX"]);
compare("6-3-1", 186, "SJBDS", "<=", "SJLQS");
sum("6-3-2", 187, "BKSJWZSS", ["BKSGWZSS", "BKSXGZSS", "BKSAMZSS", "BKSTWZSS", "BKSHQZSS"]);
sum("6-3-2", 188, "BKSJWSYXWS", ["BKSGWSYXWS", "BKSXGSYXWS", "BKSAMSYXWS", "BKSTWSYXWS", "BKSHQSYXWS"]);
sum("6-3-2", 189, "BKSJWBYSS", ["BKSGWBYSS", "BKSXGBYSS", "BKSAMBYSS", "BKSTWBYSS", "BKSHQBJYSS"]);
sum("6-3-2", 190, "BKSJWZXSS", ["BKSGWZXSS", "BKSXGZXSS", "BKSAMZXSS", "BKSTWZXSS", "BKSHQZXSS"]);
compare("6-3-4", 192, "DYZYZYLQS", "<=", "SJLQS");
exists("6-3-4", 193, ["ZYDM"], MAJORS, "ZYMC");
sum("6-4", 194, "ZZJEZJ", ["ZFZZJE", "SHZZJE", "XXZZJE", "GJZZJE", "QGZXZZJE", "JMXFZZJE", "LSKNBZZZJE", "QTJZXJZZJE"], "=", "je");
sum("6-4", 194, "ZZXSSZJ", ["ZFZZXSS", "SHZZXSS", "XXZZXSS", "GJZZXSS", "QGZXZZXXS", "JMXFZZXSS", "LSKNBZZZXSS", "QTJZXJZZXSS"], "=", "xss", "S2 formula: the same sum for 资助学生数");
sum("6-5-1", 195, "KYLQZS", ["KYLQBXS", "KYLQWXS"]);
sum("6-5-1", 196, "XXFSZQYZS", ["XXFSZQYZFJGZS", "XXFSZQYSYDWZS", "XXFSZQYQYZS", "XXFSZQYBDZS", "XXFSZQYDFXMZS", "XXFSZQYSXZS", "XXFSZQYLHJYZS", "XXFSZQYZZCYZS", "XXFSZQYQTZS"]);
sum("6-5-1", 197, "XXSZQYZS", ["XXSZQYZFJGZS", "XXSZQYSYDWZS", "XXSZQYQYZS", "XXSZQYBDZS", "XXSZQYDFXMZS", "XXSZQYSXZS", "XXSZQYLHJYZS", "XXSZQYZZCYZS", "XXSZQYQTZS"]);
unique("6-5-2", 198, ["XNZYDM"]);
exists("6-5-2", 199, ["XNZYDM"], MAJOR, "XNZYMC");
compare("6-5-2", 200, "SYXWS", "<=", "YJBYSS");
compare("6-5-2", 201, "YJJYRS", "<=", "YJBYSS");
sum("6-6", 202, "XKJSHJZS", ["XKJSHGJJJS", "XKJSHGJIAJJS", "XKJSHSBJJS"]);
R("6-6", 203, "compare", { left: "TZHGL", op: "between", min: 0, max: 1 }, { note: "lower bound digit lost in S3 (“ <= 体质合格率 <= 1”); 0 is the only sensible reading" });
sum("6-6", 204, "WYTYJSHJZS", ["WYTYJSHGJJJS", "WYTYJSHGJIAJJS", "WYTYJSHSBJJS"]);
sum("6-6", 205, "CXJNJSHJZS", ["CXJNJSHGJJJS", "CXJNJSHGJIAJJS", "CXJNJSHSBJJS"]);
unique("6-6-1", 206, ["XH", "XMMC", "XMLB"]);
exists("6-6-1", 207, ["XH"], STUDENTS, "XSXM");
unique("6-6-2", 208, ["XH", "CYKYXMMC"]);
exists("6-6-2", 209, ["XH"], STUDENTS, "XSXM");
exists("6-6-2", 210, ["GH"], staff("1-5-1", "1-5-3"), "XMFZR", NOT_PLACEHOLDER_GH("GH"), PLACEHOLDER_NOTE);
year("6-6-3", 211, "HJSJ", "<=");
exists("6-6-3", 212, ["XH"], STUDENTS, "XSXM");
year("6-6-3", 213, "HJSJ", ">=", -1, undefined, "min");
exists("6-6-4", 214, ["XH"], STUDENTS, "XSXM");
year("6-6-4", 215, "HJSJ", ">=", -1);
year("6-6-4", 216, "HJSJ", "<=");
exists("6-6-5", 217, ["XH"], STUDENTS, "XSXM");
year("6-6-5", 218, "HJSJ", ">=", -1);
year("6-6-5", 219, "HJSJ", "<=");
exists("6-6-6", 220, ["XH"], STUDENTS, "XSXM");
year("6-6-6", 221, "FBSJ", "<=");
year("6-6-6", 222, "FBSJ", ">=", -1);
unique("6-6-6", 223, ["XH", "LWMC"]);
exists("6-6-7", 224, ["XH"], STUDENTS, "XSXM");
year("6-6-7", 225, "FBSJ", ">=", -1);
year("6-6-7", 226, "FBSJ", "<=");
unique("6-6-7", 227, ["XH", "ZPMC"]);
exists("6-6-8", 228, ["XH"], STUDENTS, "XSXM");
year("6-6-8", 229, "HPSJ", "<=");
year("6-6-8", 230, "HPSJ", ">=", -1);
unique("6-6-8", 231, ["XH", "SQH"]);
exists("6-7", 232, ["XNZYDM"], MAJORS, "XNZYMC");
unique("6-7", 233, ["XNZYDM"]);
sum("6-8", 234, "STZS", ["KJLST", "RWLST", "TYLST", "WYLST", "QTST", "STCXCYL"]);
sum("6-8", 235, "CYRSZS", ["KJLCYRS", "RWLCYRS", "TYLCYRS", "WYLCYRS", "QTSTCYRS", "CXCYLCYRCS"]);

// ---- 7 教学管理与质量监控 ---------------------------------------------------------------------------
sum("7-1", 236, "JXCGJZS", ["GJJJXCGJS", "SBJJXCGJS"]);
sum("7-1", 237, "JXLWZS", ["JXYJJXLWS", "JXGLJXLWS"]);
const EVAL = { XS: "学生", TH: "同行、督导", LD: "领导" } as const;
const evalRows: Record<keyof typeof EVAL, { zero: number; sum: number; range: number }> = {
  XS: { zero: 238, sum: 241, range: 246 },
  TH: { zero: 244, sum: 240, range: 243 },
  LD: { zero: 245, sum: 239, range: 242 },
};
for (const k of Object.keys(EVAL) as Array<keyof typeof EVAL>) {
  const fg = `${k}PJFGBL`, parts = [`${k}PJY`, `${k}PJLH`, `${k}PJZ`, `${k}PJC`];
  const r = evalRows[k];
  const lost = "zeros lost in S3 (“覆盖比例=，则…同时为。”); read as = 0";
  R("7-2", r.zero, "conditional", { if: { column: fg, op: "=", value: 0 }, then: parts.map((column) => ({ column, op: "=", value: 0 })) }, { note: lost });
  R("7-2", r.sum, "conditional", { if: { column: fg, op: ">", value: 0 }, thenRule: { kind: "sum", params: { value: 1, parts, tolerance: 0.011 } } }, { note: "“覆盖比例>” read as > 0; 2-decimal ratios (S2) may round to 0.99/1.01" });
  R("7-2", r.range, "compare", { left: fg, op: "between", min: 0, max: 1 }, { note: "lower bound digit lost in S3; read as 0" });
}
unique("7-3-1", 247, ["XMMC", "LXBH", "ZCRGH"]);
compare("7-3-1", 248, "LXSJ", "<=", "JTYSSJ");
year("7-3-1", 249, "LXSJ", "<=", -1);
exists("7-3-1", 250, ["ZCRGH"], staff("1-5-1"), "ZCR", NOT_PLACEHOLDER_GH("ZCRGH"));
exists("7-3-2", 251, ["JSGH"], staff("1-5-1", "1-5-3"), "JSXM", NOT_PLACEHOLDER_GH("JSGH"));
R("7-3-2", 252, "compare", { left: "BRPM", op: "between", min: 1, max: 5 });
R("7-3-2", 253, "compare", { left: "WCDWPM", op: "between", min: 1, max: 5 });
unique("7-3-2", 254, ["JSGH", "JSXM", "HJZSBH"], { when: { column: "HJZSBH", notIn: ["无"] } });
exists("7-3-3", 255, ["ZCRGH"], staff("1-5-1", "1-5-3"), "ZCRXM", NOT_PLACEHOLDER_GH("ZCRGH"));
unique("7-3-3", 256, ["XMMC", "PZWH", "ZCRGH"]);
year("7-3-3", 257, "HPSJ", "<=", -1);

// ---- SF 师范类 --------------------------------------------------------------------------------------
/** 2019 “表SF-1：师范技能类课程” is SF-10 (S2/S4 number it SF-10; S3 repeats SF-1). */
unique("SF-10", 258, ["XNZYDM"]);
const perMajorStudents = (t: string, rows: number, column: string) =>
  R(t, rows, "aggregate", { columns: [column], op: "<=", matchBy: "XNZYDM", of: { table: "1-6", fn: "count", groupBy: "XNZYDM" } });
perMajorStudents("SF-10", 259, "SJSFJNLKCKSDSFSZRS");
exists("SF-10", 260, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
perMajorStudents("SF-10", 261, "TGSYSFJNLKCDSFSRS");
perMajorStudents("SF-11", 262, "ZDBZYCJJYSJSFSS");
year("SF-11", 263, "NJ", "<=", 0, "“年级<=自然年”: 年级 is a year; read as ≤ 统计年度");
unique("SF-11", 264, ["XNZYDM", "NJ"]);
exists("SF-11", 265, ["ZDJSGH"], staff("1-5-1", "1-5-3"), "ZDJSXM", NOT_PLACEHOLDER_GH("ZDJSGH"));
exists("SF-11", 266, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
exists("SF-12", 267, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
unique("SF-12", 268, ["XNZYDM"]);
exists("SF-13", 269, ["XH"], STUDENTS, "XSXM");
exists("SF-14", 270, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
unique("SF-14", 271, ["XNZYDM"]);
unique("SF-1", 272, ["GH", "XNZYDM"]);
perMajorStudents("SF-1", 273, "ZDZYXSSL");
exists("SF-1", 274, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
exists("SF-1", 275, ["GH"], staff("1-5-1", "1-5-3", "1-5-4"), "JSXM");
year("SF-2", 276, "LXSJ", "<=", -1);
year("SF-2", 277, "JTYSHJDSJ", ">=", -1);
exists("SF-2", 278, ["ZCRGH"], staff("1-5-1"), "ZCR", NOT_PLACEHOLDER_GH("ZCRGH"), PLACEHOLDER_NOTE);
unique("SF-3", 279, ["XNZYDM", "LXBH"]);
exists("SF-3", 280, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
exists("SF-3", 281, ["ZCRGH"], staff("1-5-1"), "ZCR", NOT_PLACEHOLDER_GH("ZCRGH"), PLACEHOLDER_NOTE);
year("SF-3", 282, "LXSJ", "<=", -1);
exists("SF-4", 283, ["GH"], staff("1-5-1", "1-5-3", "1-5-4"), "JSXM");
unique("SF-4", 284, ["GH", "ISBN"]);
exists("SF-5", 285, ["GH"], staff("1-5-1"), "XM");
R("SF-5", 286, "dateWindow", { column: "KSRQ", op: "<=", bound: "point" }, { note: "“当前任务年份的9月”: ≤ the 时点 Y-09-30" });
compare("SF-5", 287, "JSRQ", ">=", "KSRQ");
R("SF-5", 288, "dateWindow", { column: "JSRQ", op: "<=", bound: "point" }, { note: "“当前任务年份的9月”: ≤ the 时点 Y-09-30" });
R("SF-5", 289, "dateWindow", { column: "JSRQ", op: ">=", bound: "periodEnd", period: "academicYear", years: -5 }, { note: "(Y−5)-08-31 ≤ 结束日期; the upper bound Y-08-31 is the next rule", suffix: "from" });
R("SF-5", 289, "dateWindow", { column: "JSRQ", op: "<=", bound: "periodEnd", period: "academicYear" }, { suffix: "to" });
exists("SF-6", 290, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
compare("SF-6", 291, "JYLZZTSZSC", ">=", "JCHJSJCSKST");
unique("SF-6", 292, ["XNZYDM"]);
compare("SF-6", 293, "JYLZZTSZSC", ">=", "JYLZZZWTSSC");
unique("SF-7", 294, ["XNZYDM", "JXSSMC"]);
exists("SF-7", 295, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
unique("SF-8", 296, ["XNZYDM", "XNZYMC"]);
compare("SF-8", [297, 300, 301], "JSJYBXKCXF", "<=", "JSJYKCXF", "bx", "rows 300 and 301 repeat row 297");
compare("SF-8", [297, 300, 301], "SDJYLKCXF", "<=", "JSJYKCXF", "sd");
compare("SF-8", [297, 300, 301], "XXSYLKCXF", "<=", "JSJYKCXF", "xx");
exists("SF-8", 298, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
compare("SF-8", 299, "CJJYSJSFSXSSR", "<=", "CJJYSJSFSZSR");
perMajorStudents("SF-8", 302, "CJJYSJSFSZSR");
exists("SF-9", 303, ["XNZYDM"], TEACHER_MAJOR, "XNZYMC");
R("SF-9", 304, "exists", { columns: ["SKJSGH"], name: "SKJS", split: true, targets: staff("1-5-1", "1-5-3", "1-5-4") }, { note: "several teachers per cell separated by “;” (V3)" });
exists("SF-9", 305, ["KKH"], COURSES(false), undefined, undefined, "开课号 part; 授课教师工号 part is row 304");
unique("SF-9", 306, ["XNZYDM", "KKH", "KCMC"]);
year("SF-9", 307, "NJ", "<=", 0, "“年级<=自然年”: 年级 is a year; read as ≤ 统计年度");

// ---- unit slips on book counts (seed 004: 册/万册) ----------------------------------------------------
R("2-3-1", [], "unitSlip", { column: "ZZTSZL", unit: "册", min: 10000 }, { severity: "warning", suffix: "slip", source: "seed 004 (注意数据项的单位：元，万元，册，万册); a university library holds ≥ 10,000 册" });
R("2-3-2", [], "unitSlip", { column: "DNXZZZTS", unit: "册", min: 100 }, { severity: "warning", suffix: "slip", source: "seed 004 (注意数据项的单位：元，万元，册，万册); yearly intake in 册" });

/** rules.csv rows that are not encoded, and why. */
const notEncoded: Record<number, string> = {
  9: "digits lost in the source: “允许修业年限 <= 1” has no usable bound",
  12: "needs data the platform has but a school workbook does not: the national 本科专业目录 (code/name per 代码版本)",
  14: "digits lost in the source: “分流时间范围为：数字1至1” has no usable range",
  21: "digits lost in the source: “出生日期大于19-1” has no usable bound",
  30: "digits lost in the source: “出生年月〉=19” has no usable bound",
  44: "refers to a table that does not exist: 表1-8 实验场所（科研基地）is marked 废弃 (abandoned) in the source",
  45: "refers to a table that does not exist: 表1-8 实验场所（科研基地）is marked 废弃 (abandoned) in the source",
  75: "needs data the platform has but a school workbook does not: the 学科名称/学科代码 dictionary is not in any source",
  191: "cannot fail in the catalog's shape: 6-3-3 is a single-record form (S3 单条), so a sheet holds one 省份+批次 only",
};

export const undergraduateRules: UndergraduateRules = { tableRules, crossRules: [], notEncoded };
