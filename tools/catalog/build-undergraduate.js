#!/usr/bin/env node
/**
 * Generates src/core/catalog/data/undergraduate.generated.ts (the 本科 catalog) from the research
 * notes in ../shared/reference (never copied into the project; this script encodes facts from
 * them, with provenance, into our own data file).
 *
 *   node tools/catalog/build-undergraduate.js [--ref DIR] [--out FILE] [--report]
 *
 * Inputs: undergrad-table-map.csv (current ids, periods, shapes, base flags, categories) and
 * es2-2019/{fields,dictionaries,dictionary-values,rules}.csv (2019 columns, code lists, dependencies).
 * Deterministic: the same inputs give byte-identical output (no dates, no Map/Set iteration of
 * unordered data). Plain Node, built-ins only (ts-node is not installed).
 *
 * Decisions (also written into the provenance notes of the generated data):
 *  - 统计时间 (TJSJ) is a system column of the vendor database (the period window is printed on the
 *    sheet); it is not a column to fill, so it is omitted.
 *  - Vendor-hidden columns (fields.csv hidden=1, not in the vendor export templates) are legacy
 *    columns; they are omitted from `columns` and listed in the table's provenance note.
 *  - 2019 表1-9 办学指导思想 (single record, 时点) is folded into 表1-1 (the 2021 guide lists it as
 *    item 11 of 表1-1). 2019 表1-2 校区及地址 is a list (one row per campus) and cannot live in the
 *    single-record form of 表1-1, so it stays a list table with our own id "1-1-校区".
 *  - Code lists are matched to fields BY NAME (fields.csv dictionary ids do not join
 *    dictionaries.csv). Where the 指标解释 states the allowed values and the vendor dictionary is
 *    missing, truncated or contradicts it, a reference list from undergrad-catalog.md is used.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "../..");
const DEFAULT_REF = path.resolve(REPO_ROOT, "../shared/reference");
const DEFAULT_OUT = path.resolve(REPO_ROOT, "src/core/catalog/data/undergraduate.generated.ts");

// ---------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF. */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

function readCsv(file) {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  return rows.map((r) => {
    const o = {};
    header.forEach((h, i) => (o[h] = r[i] === undefined ? "" : r[i]));
    return o;
  });
}

// ---------------------------------------------------------------------------------------------
// Names and ids

/** "表1-6-1 教职工基本信息" → {id: "1-6-1", name: "教职工基本信息"}; "表SF-10：师范技能类课程" likewise. */
function splitSheetName(sheet) {
  const m = /^表?\s*((?:SF-)?\d+(?:-\d+)*)\s*[：:]?\s*(.*)$/.exec(sheet.trim());
  if (!m) throw new Error(`无法解析表名：${sheet}`);
  return { id: m[1], name: m[2].trim() };
}

/** Compares names across files: no spaces, no 表 prefix, no 及/与 connectors, ASCII punctuation. */
function normName(s) {
  return s
    .replace(/[\s\u3000]/g, "")
    .replace(/^表/, "")
    .replace(/[（(]/g, "(")
    .replace(/[）)]/g, ")")
    .replace(/[：:]/g, "")
    .replace(/及|与/g, "");
}

const PERIOD_WORDS = [
  ["时点", "point"],
  ["学年", "academicYear"],
  ["自然年", "calendarYear"],
];

function firstPeriod(text) {
  let best = null;
  for (const [word, kind] of PERIOD_WORDS) {
    const at = text.indexOf(word);
    if (at >= 0 && (best === null || at < best.at)) best = { at, kind };
  }
  return best ? best.kind : null;
}

function cleanCurrentName(name) {
  let n = name.includes("→") ? name.split("→").pop() : name;
  n = n.split(" / ")[0];
  n = n.replace(/\s*\([^()]*\)\s*$/, "");
  return n.trim();
}

// ---------------------------------------------------------------------------------------------
// Fixed facts (each with its source)

/** Seed 000 (兰州工业学院 2024 方案), 录入顺序 步骤一…五; every other table is 步骤五. */
const STEPS_2024 = {
  "1-1": 1, "1-1-校区": 1, "1-2": 1, "1-3": 1,
  "1-4-1": 2,
  "1-5-1": 3, "1-5-2": 3, "1-5-3": 3, "1-6": 3, "1-7-1": 3,
  "2-3-1": 4, "2-3-2": 4, "2-8-1": 4, "2-8-2": 4, "3-2": 4, "3-3-3": 4,
};

/** Map rows whose current_id is not a plain id. */
const SPECIAL_IDS = {
  "→1-1 item 10": { id: "1-1-校区", name: "校区名称及地址" },
  "→1-1 item 11": { foldInto: "1-1" },
  "? (1-8 guess)": { id: "1-8" },
  "? (see notes)": { id: "2-8" },
  "? (2-9 guess)": { id: "2-9" },
};

/**
 * fields.csv `depends_on` holds vendor table numbers. Decoded by comparing with rules.csv, whose
 * `depends_on` names the tables: 214 (表1-5-1 → 表1-4), 276 (表1-6-2 → 表1-6-1), 160 (表5-1-5 →
 * 表5-1-1), 282 (表6-6-1 → 表1-7), 1571 (表2-7 → 表1-8-1), 271 (表6-5-2 → 表1-5-1), 213 (表3-4-1 →
 * 表1-3/表1-4, and 表1-4 itself uses it, so 表1-3). 169, 197 and 202 appear only in fields.csv and are
 * not decoded (recorded in the table's provenance note). "271276" is 271 + 276.
 * Cross-table rules (外表约束 / 存在性 / 排它性) that name another table by id and name add it too.
 */
const VENDOR_TABLE_NUMBERS = { 213: "1-3", 214: "1-4", 271: "1-5-1", 276: "1-6-1", 282: "1-7", 160: "5-1-1", 1571: "1-8-1" };

/** rules.csv table names that differ from fields.csv (vendor numbering slips). Keyed by normName. */
const RULES_TABLE_ALIASES = {
  [normName("表1-1校友会与社会合作")]: "1-10",
  [normName("表1-2校区地址")]: "1-2",
  [normName("表SF-1：师范技能类课程")]: "SF-10",
};

const REF_SOURCE = "undergrad-catalog.md, Code lists (S2 指标解释 = D)";

/** Enumerations stated in the 指标解释 (D) where the vendor dictionary is missing, truncated or contradicts it. */
const REFERENCE_LISTS = [
  ["D_ZYJSZC", "专业技术职称", "教授、副教授、讲师、助教、其他正高级、其他副高级、其他中级、其他初级、未评级", "the vendor dictionary ZYJSZC stops after 其他正高级"],
  ["D_SFSFLZY", "是否师范类专业", "S、J、无", "S = 师范类单招, J = 师范类兼招 (指标解释); the vendor dictionary 是否师范专业 has only 是/否, while the vendor rules test for S or J"],
  ["D_ZZMM", "政治面貌", "中共党员、中共预备党员、共青团员、民革会员、民盟盟员、民建会员、民进会员、农工党党员、致公党党员、九三学社社员、台盟盟员、无党派民主人士、群众", "no vendor dictionary of this name"],
  ["D_ZHFS", "转化方式", "转让、授权（许可）、参股", "no vendor dictionary of this name"],
  ["D_YSZYLX", "优势专业类型（4-3）", "国家特色专业、国家综合改革试点专业、省部级优势专业、入选“卓越工程人才”计划专业、入选“卓越法治人才”计划专业、入选“卓越新闻传播人才”计划专业、入选“卓越医生”计划专业、入选“卓越农林人才”计划专业、入选“卓越教师”计划专业、入选基础学科拔尖学生人才教育培养计划", "the vendor dictionary 优势专业类型 has 4 of these values"],
  ["D_KCLX", "课程类型（5-1-5）", "创新创业教育课程、思想政治教育课程、心理健康课程、职业生涯规划与就业指导课程", "no vendor dictionary for 5-1-5 课程类型"],
  ["D_JDJB", "基地（平台）级别（5-4-2）", "国家级、省部级", ""],
  ["D_JDLX", "基地（平台）类型（5-4-2）", "地方政府主导型、行业企业主导型、高等学校主导型、基层社区主导型", ""],
  ["D_JSHJ", "建设环境（5-4-2）", "校内、校外", ""],
  ["D_JFLY", "经费来源（5-4-2）", "中央财政、省级财政、自筹、多种经费来源", ""],
  ["D_XSZLLB", "学生专利类别（6-6-8）", "发明专利、实用新型专利、外观设计专利、著作权", ""],
  ["D_SSLB665", "赛事类别（6-6-5）", "国际级比赛、全国性比赛、省级比赛", "the vendor dictionary 赛事类别 holds the 6-6-4 (艺术) values"],
  ["D_HJMC665", "获奖名次（6-6-5）", "第一名、第二名、第三名、第四名、第五名、第六名、第七名、第八名", "冠军/金牌 = 第一名 …"],
  ["D_JSFW", "竞赛范围（SF-13）", "面向全国、面向全省（直辖市）", ""],
  ["D_MCSF13", "名次（SF-13）", "一等奖、二等奖、三等奖、其他奖（含优胜奖、创新奖等）", ""],
  ["D_KCXZSF9", "课程性质（SF-9）", "学科课程与教学论课程、师范技能类课程、师德教育类课程、信息素养类课程、教育实践课程、其他课程", ""],
  ["D_JBSF3", "级别（SF-3）", "省级、市级、区县级、其他", ""],
  ["D_FWLB", "服务类别（SF-5）", "中学、小学、幼儿园、教师培训项目", ""],
  ["D_SSLBSF7", "设施类别（SF-7）", "微格教学、语言技能、书写技能、学科实验、保育实践、实验教学、教学技能训练、艺术技能训练（舞蹈、美术、钢琴等）", ""],
  ["D_JSFS", "建设方式（5-3-2）", "自建、引进", ""],
  ["D_SF", "是否", "是、否", "generic 是/否 for 是否… fields without a vendor dictionary of their own (the vendor keeps one 是/否 dictionary per field)"],
];

/** Field (2019 table id | header) → code list id, where matching by name is not enough. */
const FIELD_CODE_LISTS = {
  "1-6-1|专业技术职称": "D_ZYJSZC",
  "1-6-3|专业技术职称": "D_ZYJSZC",
  "1-6-4|专业技术职称": "D_ZYJSZC",
  "1-5-1|是否师范类专业": "D_SFSFLZY",
  "1-6-1|政治面貌": "D_ZZMM",
  "1-6-2|是否双师双能型": "SFSSX",
  "1-6-3|任职状态": "PRZT",
  "1-6-3|地区": "DQ",
  "1-8-1|性质": "XZ",
  "1-2|省份": "SF12",
  "1-2|市区": "SHI",
  "5-2-3|所在城市": "SHI",
  "6-3-3|省份": "SF12",
  "6-3-4|省份": "SF12",
  "2-8|级别": "JB",
  "7-3-1|级别": "JB",
  "7-3-2|级别": "JB",
  "7-3-3|项目级别": "JB",
  "SF-2|级别": "JB",
  "3-5-5|类型": "LB",
  "3-3-1|类型": "GCCRCLX",
  "3-3-2|类型": "GCCTDLX",
  "4-1-3|类型": "BSDSSDLX",
  "4-1-4|级别": "ZDXKJB",
  "4-1-4|学科门类": "XKML414",
  "1-5-1|授予学位门类": "XKML",
  "1-6-1|学历": "XULI",
  "1-6-3|学历": "XULI",
  "1-6-4|学历": "XULI",
  "5-1-1|课程性质": "KCXZ511",
  "5-1-1|课程类别": "KCLB511",
  "5-1-5|课程类别": "KCLB511",
  "5-1-2|课程类别": "KCLB512",
  "5-1-3|课程类别": "KCLB513",
  "5-1-3|课程性质": "KCXZ513",
  "5-3-1|类型": "RCPYMSLX",
  "5-3-2|项目级别": "XMJB",
  "5-3-2|建设方式": "D_JSFS",
  "5-4-3|创新创业学生管理相关制度创新创业学生管理相关制度": "D_SF",
  "6-6-1|项目类别": "XMLB661",
  "6-6-1|项目级别": "JB",
  "6-6-3|获奖等级": "HJDJ663",
  "6-6-4|获奖等级": "HJDJ663",
  "6-6-3|获奖类别": "HJLB663",
  "6-6-4|赛事类别": "SSLB",
  "6-6-5|赛事类别": "D_SSLB665",
  "6-6-5|获奖名次": "D_HJMC665",
  "6-6-6|收录情况": "SLQK665",
  "6-6-7|类别": "DBXZPLB",
  "6-6-7|类型": "DBXZPLX",
  "6-6-8|类别": "D_XSZLLB",
  "7-3-3|项目类别": "XMLB733",
  "1-4|单位职能": "DWZN14",
  "3-5-7|转化方式": "D_ZHFS",
  "4-3|优势专业类型": "D_YSZYLX",
  "5-1-5|课程类型": "D_KCLX",
  "5-4-2|基地（平台）级别": "D_JDJB",
  "5-4-2|基地（平台）类型": "D_JDLX",
  "5-4-2|建设环境": "D_JSHJ",
  "5-4-2|经费来源": "D_JFLY",
  "SF-13|竞赛范围": "D_JSFW",
  "SF-13|名次": "D_MCSF13",
  "SF-9|课程性质": "D_KCXZSF9",
  "SF-3|级别": "D_JBSF3",
  "SF-5|服务类别": "D_FWLB",
  "SF-7|设施类别": "D_SSLBSF7",
};

/** Units printed in a header's trailing parentheses, e.g. 单价（元）, 使用面积（平方米）. */
const UNIT_WORDS = new Set(["元", "万元", "册", "万册", "平方米", "人", "人次", "个", "项", "次", "门", "分", "台", "套", "种", "份", "天", "月", "年", "学时", "学分", "%"]);

// ---------------------------------------------------------------------------------------------
// Columns

function unitOf(header, description) {
  const m = /[（(]([^（）()]+)[）)]\s*$/.exec(header);
  if (m && UNIT_WORDS.has(m[1].trim())) return m[1].trim();
  const d = /数量[（(](套|个|册)[）)]/.exec(description);
  if (d) return d[1];
  return undefined;
}

function displayLength(s) {
  let n = 0;
  for (const ch of s) n += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return n;
}

function typeOf(f, codeList) {
  const fmt = f.format.trim().toLowerCase();
  if (fmt === "url") return "url";
  if (fmt === "email") return "email";
  if (fmt === "mobile") return "phone";
  if (fmt === "yyyy") return "year";
  if (fmt === "yyyy-mm" || fmt === "yyyymm") return "yearMonth";
  if (fmt === "yyyy-mm-dd") return "date";
  if (codeList) return /可多选/.test(f.description) ? "multiCode" : "code";
  const h = f.excel_header;
  if (/身份证/.test(h)) return "idCard";
  if (/邮箱|e-?mail/i.test(h)) return "email";
  if (/网址|网站/.test(h)) return "url";
  if (/电话|手机/.test(h)) return "phone";
  if (/年份$/.test(h)) return "year";
  if (/日期$/.test(h)) return "date";
  if (f.data_type === "int") return "integer";
  if (f.data_type === "double") return "decimal";
  if (f.data_type === "data") return "date";
  return "text";
}

const TYPE_WIDTH = { date: 12, yearMonth: 10, year: 8, integer: 10, decimal: 12, idCard: 20, url: 30, email: 26, phone: 14 };

function widthOf(type, header, maxLength, labels) {
  let w = TYPE_WIDTH[type];
  if (w === undefined) {
    if (type === "code" || type === "multiCode") w = Math.max(8, ...labels.map(displayLength)) + 2;
    else w = Math.min(maxLength || 20, 30);
  }
  return Math.max(8, Math.min(40, Math.max(w, displayLength(header) + 2)));
}

// ---------------------------------------------------------------------------------------------
// Build

function build(refDir) {
  const es2 = path.join(refDir, "es2-2019");
  const map = readCsv(path.join(refDir, "undergrad-table-map.csv"));
  const fields = readCsv(path.join(es2, "fields.csv"));
  const dicts = readCsv(path.join(es2, "dictionaries.csv"));
  const dictValues = readCsv(path.join(es2, "dictionary-values.csv"));
  const rules = readCsv(path.join(es2, "rules.csv"));

  // -- code lists ------------------------------------------------------------------------------
  const codeLists = {};
  const byBaseName = {};
  for (const d of dicts) {
    const id = d.name.replace(/^DB_HB_/, "");
    if (codeLists[id]) throw new Error(`代码表编号重复：${id}`);
    const values = dictValues
      .filter((v) => v.structure === d.structure_code)
      .map((v) => ({ value: v.value.trim(), label: v.text.trim() }));
    codeLists[id] = {
      id,
      name: d.text,
      values,
      provenance: {
        source: `es2-2019 dictionaries.csv / dictionary-values.csv (${d.structure_code} ${d.name})`,
        note: "Vendor dictionary (2019), values as written; some vendor lists contain stray items. Cells hold the label; value is the vendor code.",
      },
    };
    // "课程性质（5-1-1）" and "单位职能1-4" carry the 2019 table they belong to.
    const m = /^(.*?)(?:[（(]((?:SF-)?\d+(?:-\d+)*)[）)]|((?:SF-)?\d+(?:-\d+)+))?$/.exec(d.text);
    const base = normName(m[1]);
    (byBaseName[base] = byBaseName[base] || []).push({ id, suffix: m[2] || m[3] || "" });
  }
  for (const [id, name, values, note] of REFERENCE_LISTS) {
    codeLists[id] = {
      id,
      name,
      values: values.split("、").map((v) => ({ value: v, label: v })),
      provenance: { source: REF_SOURCE, note: `${note ? note + ". " : ""}Value = label = the text entered in the cell.`.trim() },
    };
  }
  codeLists.TJSJLX = {
    id: "TJSJLX",
    name: "统计时间类型",
    values: [
      { value: "point", label: "时点" },
      { value: "academicYear", label: "学年" },
      { value: "calendarYear", label: "自然年" },
    ],
    provenance: {
      source: "seed 000 (兰州工业学院 2024 方案, 三、数据统计口径); seed 003 (山西传媒学院 2020); undergrad-catalog.md Statistical periods (S1 2021 guide)",
      note: "时点 = Y-09-30; 学年 = (Y-1)-09-01 … Y-08-31; 自然年 = (Y-1)-01-01 … (Y-1)-12-31 (src/core/catalog/period.ts).",
    },
  };

  const unmatched = [];
  function codeListFor(t2019, f) {
    if (!f.dictionary_id) return undefined;
    // A display format (url, date …) wins over a stray dictionary id (表1-1 学校网址 points at 主管部门's).
    if (f.format.trim()) return undefined;
    const key = `${t2019}|${f.excel_header}`;
    if (Object.prototype.hasOwnProperty.call(FIELD_CODE_LISTS, key)) {
      const id = FIELD_CODE_LISTS[key];
      if (id === null) {
        unmatched.push({ table2019: t2019, column: f.column_id, header: f.excel_header, reason: "no code list of this name in any source" });
        return undefined;
      }
      if (!codeLists[id]) throw new Error(`字段 ${key} 指向不存在的代码表 ${id}`);
      return id;
    }
    const cands = byBaseName[normName(f.excel_header)] || [];
    const exact = cands.find((c) => c.suffix === t2019) || cands.find((c) => c.suffix === "");
    if (exact) return exact.id;
    if (/是否/.test(f.excel_header)) return "D_SF";
    unmatched.push({ table2019: t2019, column: f.column_id, header: f.excel_header, reason: "no code list of this name in any source" });
    return undefined;
  }

  // -- 2019 tables -----------------------------------------------------------------------------
  const tables2019 = new Map(); // 2019 id → {name, fields[]}
  for (const f of fields) {
    const { id, name } = splitSheetName(f.table_sheet);
    if (!tables2019.has(id)) tables2019.set(id, { id, name, sheet: f.table_sheet, fields: [] });
    tables2019.get(id).fields.push(f);
  }
  const idsByName = new Map([...tables2019.values()].map((t) => [normName(t.name), t.id]));

  const rulesDeps = new Map(); // 2019 id → Set of 2019 ids
  const ruleTextDeps = new Map(); // 2019 id → Set of 2019 ids named in cross-table rule texts
  const rulesMeta = new Map();
  const tablesByLongestName = [...tables2019.values()].sort((a, b) => normName(b.name).length - normName(a.name).length || (a.id < b.id ? -1 : 1));
  /** Tables a cross-table rule names with id AND name (“表2-1占地与建筑面积”); a bare id is ambiguous (the vendor mixes 2018 and 2019 numbering). */
  function tablesNamedIn(text) {
    const out = [];
    const re = /表\s*(?:(?:SF-)?\d+(?:-\d+)*)\s*[：:]?\s*([^，。,;；|]*)/g;
    let m;
    while ((m = re.exec(text))) {
      const after = normName(m[1]);
      const t = tablesByLongestName.find((x) => after.startsWith(normName(x.name)));
      if (t) out.push(t.id);
    }
    return out;
  }
  for (const r of rules) {
    const nn = normName(r.table.replace(/^表\s*(?:SF-)?\d+(?:-\d+)*\s*[：:]?/, ""));
    const t2019 = RULES_TABLE_ALIASES[normName(r.table)] || idsByName.get(nn);
    if (!t2019) continue; // 表1-8 实验场所（科研基地）（废弃）: deprecated, no fields
    if (!rulesDeps.has(t2019)) rulesDeps.set(t2019, new Set());
    rulesMeta.set(t2019, r);
    for (const dep of r.depends_on.split("|").map((s) => s.trim()).filter(Boolean)) {
      rulesDeps.get(t2019).add(splitSheetName(dep).id);
    }
    if (/外表约束|存在性|排它性/.test(r.rule_class)) {
      if (!ruleTextDeps.has(t2019)) ruleTextDeps.set(t2019, new Set());
      for (const named of tablesNamedIn(`${r.rule_name} ${r.error_message}`)) if (named !== t2019) ruleTextDeps.get(t2019).add(named);
    }
  }

  // -- current ids -----------------------------------------------------------------------------
  const currentOf = {}; // 2019 id → current id
  const mapRows = [];
  for (const row of map) {
    const special = SPECIAL_IDS[row.current_id];
    const from2019 = /^—/.test(row.id_name_2019) ? null : splitSheetName(row.id_name_2019);
    let id = row.current_id;
    if (special && special.foldInto) {
      currentOf[from2019.id] = special.foldInto;
      mapRows.push({ row, fold: special.foldInto, from2019 });
      continue;
    }
    if (special) id = special.id;
    if (/^GK/.test(row.current_id)) id = "GK";
    if (from2019) currentOf[from2019.id] = id;
    mapRows.push({ row, id, name: special && special.name, from2019 });
  }
  // Every 2019 definition must be placed.
  for (const t of tables2019.keys()) if (!currentOf[t]) throw new Error(`2019 表 ${t} 不在 undergrad-table-map.csv 中`);

  function depsOf(t2019, selfId) {
    const out = [];
    const unresolved = [];
    const add = (cur) => {
      if (cur && cur !== selfId && !out.includes(cur)) out.push(cur);
    };
    for (const d of rulesDeps.get(t2019) || []) add(currentOf[d]);
    for (const d of [...(ruleTextDeps.get(t2019) || [])].sort()) add(currentOf[d]);
    const t = tables2019.get(t2019);
    const codes = t ? t.fields[0].depends_on : "";
    if (codes) {
      const parts = codes === "271276" ? ["271", "276"] : [codes];
      for (const p of parts) {
        if (VENDOR_TABLE_NUMBERS[p]) add(currentOf[VENDOR_TABLE_NUMBERS[p]]);
        else unresolved.push(p);
      }
    }
    return { deps: out, unresolved };
  }

  function buildColumns(t2019, list) {
    const cols = [];
    const omitted = [];
    const sorted = list.slice().sort((a, b) => Number(a.order) - Number(b.order));
    for (const f of sorted) {
      if (f.column_id === "TJSJ") continue;
      if (f.hidden === "1") {
        omitted.push(`${f.excel_header} [${f.column_id}]`);
        continue;
      }
      const codeList = codeListFor(t2019, f);
      const type = typeOf(f, codeList);
      const col = { key: f.column_id, header: f.excel_header.trim(), type, required: f.nullable === "0" };
      const unit = unitOf(col.header, f.description);
      if (unit) col.unit = unit;
      if (codeList && (type === "code" || type === "multiCode")) col.codeList = codeList;
      const maxLength = (type === "text" || type === "phone" || type === "email" || type === "url") && Number(f.width) > 0 ? Number(f.width) : undefined;
      const labels = col.codeList ? codeLists[col.codeList].values.map((v) => v.label) : [];
      col.width = widthOf(type, col.header, maxLength, labels);
      const description = f.description.replace(/\s*\n\s*/g, "").trim();
      if (description) col.description = description;
      if (maxLength) col.maxLength = maxLength;
      if (type === "decimal" && /保留小数点后两位|保留两位小数/.test(description)) col.decimals = 2;
      cols.push(col);
    }
    return { cols, omitted };
  }

  // -- tables ----------------------------------------------------------------------------------
  const tables = [];
  const folded = {};
  for (const { row, fold, from2019 } of mapRows) if (fold) folded[fold] = { row, from2019 };

  for (const { row, id, name, from2019, fold } of mapRows) {
    if (fold) continue;
    const notes = [];
    const category = row.category === "工科类" ? "GK 工科类专业情况（补充表）" : row.category;
    const basePeriod = firstPeriod(row.period);
    const periodNote = `统计时间 per map: ${row.period}`;
    // "-": not in the vendor rule sheet; every such table (校园网, 学生生活、运动条件, 创新创业教师情况,
    // 创新创业教育情况, 创新创业制度建设, 本科教学质量年度报告) holds school-level totals → single.
    const shape = row.shape === "列表" ? "list" : "single";
    const idStatus = row.id_status === "conflict" ? "conflicting" : row.id_status;
    const base = /^yes/.test(row.base) && /S8|S9/.test(row.base);
    const required = row.required === "是";

    if (!from2019) {
      // Known by name or count only (2024 notices).
      const count = row.current_id.startsWith("GK") ? 2 : 1;
      for (let i = 1; i <= count; i++) {
        const tid = count > 1 ? `GK-${i}` : id;
        tables.push({
          id: tid,
          name: count > 1 ? `工科类专业情况补充表（第${i}张，表名未知）` : cleanCurrentName(row.name_current),
          category,
          period: basePeriod || "point",
          shape: "list",
          base: false,
          required: false,
          dependsOn: [],
          columns: [],
          rules: [],
          step: STEPS_2024[tid] || 5,
          incomplete: true,
          provenance: {
            source: `undergrad-table-map.csv (${row.id_evidence})`,
            idStatus: count > 1 ? "inferred" : idStatus,
            fieldsStatus: "unknown",
            note: [
              count > 1
                ? "S7 (2024) counts 2 工科类 tables and S13 (2019) calls the part “GK”; their names, ids and columns were not found. Id GK-n is ours."
                : "Named in S7 (2024) only; no column list found.",
              basePeriod ? periodNote : "统计时间 not stated by any source (时点 used until the guide is read).",
              "Shape and 必填 not stated (list / not required assumed).",
            ].join(" "),
          },
        });
      }
      continue;
    }

    const t = tables2019.get(from2019.id);
    const { cols, omitted } = buildColumns(from2019.id, t.fields);
    const { deps, unresolved } = depsOf(from2019.id, id);
    let sourceId = `${from2019.id} ${t.name}`;
    let source = `es2-2019 fields.csv / rules.csv (${t.sheet.trim()}); undergrad-table-map.csv (${row.id_evidence})`;
    let columns = cols;

    if (folded[id]) {
      const f = folded[id];
      const ft = tables2019.get(f.from2019.id);
      const extra = buildColumns(f.from2019.id, ft.fields);
      // 2021 guide order: items 1–9, (10 校区 = own table), 11 办学指导思想, 12 填报人.
      const fillerAt = columns.findIndex((c) => c.key === "TBFZRXM");
      const at = fillerAt >= 0 ? fillerAt : columns.length;
      columns = [...columns.slice(0, at), ...extra.cols, ...columns.slice(at)];
      sourceId = `${sourceId}; ${f.from2019.id} ${ft.name}`;
      source += `; es2-2019 fields.csv (${ft.sheet.trim()})`;
      notes.push(`Columns ${extra.cols.map((c) => c.key).join(", ")} come from 2019 表${f.from2019.id} ${ft.name}, which the 2021 guide (S1) folds into 表1-1 as item 11.`);
      if (extra.omitted.length) notes.push(`Vendor-hidden columns of 表${f.from2019.id} omitted: ${extra.omitted.join("、")}.`);
      notes.push("S1 (2021) no longer lists 招生批次 in 表1-1; kept from the 2019 field list until a newer guide is read.");
      for (const d of depsOf(f.from2019.id, id).deps) if (!deps.includes(d)) deps.push(d);
    }
    if (id === "1-1-校区") {
      notes.push("The 2021 guide (S1) lists 校区名称及地址 as item 10 of 表1-1 (repeatable rows); kept as a list table with our own id “1-1-校区” because a single-record form cannot hold several campuses. Columns are the 2019 表1-2 校区及地址 fields (carry-over is a guess).");
    }
    if (idStatus !== "sourced") notes.push(`Current id ${idStatus}: ${row.id_evidence}.`);
    notes.push(periodNote + ".");
    if (row.shape === "-") notes.push("表类型 (单条/列表) not in the vendor rule sheet; single assumed (its fields are school-level totals).");
    if (row.required === "-") notes.push("是否必填 not in the vendor rule sheet; not required assumed.");
    notes.push(`基础表 evidence: ${row.base}${base ? "" : /^yes/.test(row.base) ? " (vendor only; not in the 2020/2021 school lists S8/S9, so not marked base)" : ""}.`);
    if (omitted.length) notes.push(`Vendor-hidden columns omitted (not in the vendor export template): ${omitted.join("、")}.`);
    if (unresolved.length) notes.push(`Vendor dependency number(s) ${unresolved.join(", ")} in fields.csv could not be decoded.`);
    notes.push("统计时间 (TJSJ) system column omitted.");

    const table = {
      id,
      name: name || cleanCurrentName(row.name_current),
      category,
      period: basePeriod,
      shape,
      base,
      required,
      dependsOn: deps,
      columns,
      rules: [],
      step: STEPS_2024[id] || 5,
      provenance: {
        source,
        idStatus: id === "1-1-校区" ? "inferred" : idStatus,
        fieldsStatus: "sourced",
        sourceId,
        note: notes.join(" "),
      },
    };
    tables.push(table);
  }

  // Dependencies must point at tables of this catalog.
  const ids = new Set(tables.map((t) => t.id));
  for (const t of tables) t.dependsOn = t.dependsOn.filter((d) => ids.has(d));

  const sourceIdMap = {};
  for (const [t2019, cur] of Object.entries(currentOf)) sourceIdMap[t2019] = cur;

  const catalog = {
    formatVersion: 1,
    id: "undergraduate-2024",
    platform: "undergraduate",
    edition: 2024,
    name: "高等教育质量监测国家数据平台（本科）",
    tables,
    codeLists,
    crossRules: [],
    provenance: {
      source: "../shared/reference/undergrad-table-map.csv and es2-2019/*.csv (vendor re-implementation robbinpeng/educationSystem2, 2019), encoded by tools/catalog/build-undergraduate.js",
      note: "2019 field lists under 2020+ ids (inferred ids flagged per table). 步骤 (step) from seed 000 (兰州工业学院 2024 录入顺序). No source names the usual 责任单位 of the 本科 tables, so no department is recorded. Rules are merged from undergraduate-rules.ts.",
    },
  };
  return { catalog, sourceIdMap, unmatched };
}

function sortedObject(o) {
  const out = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

function render({ catalog, sourceIdMap, unmatched }) {
  const header = [
    "/* eslint-disable */",
    "// GENERATED by tools/catalog/build-undergraduate.js from ../shared/reference — do not edit by hand.",
    "// Re-run: node tools/catalog/build-undergraduate.js  (test/catalog/generator.test.ts checks it is up to date)",
    'import type { Catalog } from "../types";',
    "",
  ].join("\n");
  return (
    header +
    "\n/** The 本科 catalog (2019 field lists under 2020+ ids), without rules (see undergraduate-rules.ts). */\n" +
    `export const undergraduateCatalogData: Catalog = ${JSON.stringify(catalog, null, 2)};\n\n` +
    "/** 2019 vendor table id → current (2020+) table id. */\n" +
    `export const undergraduate2019Ids: Record<string, string> = ${JSON.stringify(sortedObject(sourceIdMap), null, 2)};\n\n` +
    "/** Coded fields for which no code list could be matched by name (typed as text). */\n" +
    `export const undergraduateUnmatchedCodeLists: Array<{ table2019: string; column: string; header: string; reason: string }> = ${JSON.stringify(unmatched, null, 2)};\n`
  );
}

function main(argv) {
  let ref = DEFAULT_REF;
  let out = DEFAULT_OUT;
  let report = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--ref") ref = path.resolve(argv[++i]);
    else if (argv[i] === "--out") out = path.resolve(argv[++i]);
    else if (argv[i] === "--report") report = true;
    else throw new Error(`未知参数：${argv[i]}`);
  }
  if (!fs.existsSync(path.join(ref, "undergrad-table-map.csv"))) {
    throw new Error(`找不到参考资料目录：${ref}（需要 undergrad-table-map.csv 与 es2-2019/）`);
  }
  const result = build(ref);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, render(result));
  const t = result.catalog.tables;
  process.stdout.write(
    `已生成 ${path.relative(process.cwd(), out)}：${t.length} 张表，${t.reduce((n, x) => n + x.columns.length, 0)} 个字段，` +
      `${Object.keys(result.catalog.codeLists).length} 个代码表；未匹配代码表的字段 ${result.unmatched.length} 个\n`,
  );
  if (report) for (const u of result.unmatched) process.stdout.write(`  未匹配：表${u.table2019} ${u.header} [${u.column}]\n`);
}

module.exports = { parseCsv, build, render, DEFAULT_REF };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
