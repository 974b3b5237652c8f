/**
 * 高职 catalog: the 72 items of the 2020 人才培养工作状态数据采集与管理平台 collection.
 *
 * Hand-written from seed 004 (a college's 2020 work plan: ids, names, 一级数据目录, departments,
 * steps, 学籍状态 / 毕业去向, units) and ../shared/reference/vocational-catalog.md (field lists,
 * mostly from third-party code modelling the V2.16a001 (2016) Excel workbook). Facts only, with
 * provenance per table; nothing copied.
 *
 * Conventions:
 *  - id as the platform prints it ("1.6", "6.1", "10.1.1"); the seven 6.3 教师其他情况 items are
 *    "6.3.1" … "6.3.7" (our notation, idStatus inferred); item 72 十二 is "12".
 *  - period: 学年 for every table except 表5 经费 (自然年), as seed 004 states.
 *  - department = 数据采集的部门, reviewingDepartment = 审核部门 (seed 004 任务分解表);
 *    step 1 = 第一步 源数据表, step 2 = 第二步 其他数据表.
 *  - Column keys: short pinyin initials for identifying columns that rules refer to (GH 工号, XM 姓名,
 *    ZYDM 专业代码 …), otherwise "c" + position (c01, c02 …). Keys are stable once published.
 *  - Multi-level headers are written "组 / 列" as vocational-catalog.md does.
 * Pure core: no Office, DOM or React imports.
 */
import type { Catalog, CodeList, ColumnDef, ColumnType, PeriodKind, TableDef, TableShape } from "../types";
import { PERIOD_KINDS, PERIOD_NAMES } from "../period";

const SEED = "seed 004 (2020年高等职业院校人才培养工作状态数据采集工作方案, 任务分解表)";
const REF = "vocational-catalog.md";

/** Identifying columns rules refer to. */
const KEYS: Record<string, string> = {
  工号: "GH",
  教工号: "GH",
  姓名: "XM",
  学号: "XH",
  专业代码: "ZYDM",
  专业名称: "ZYMC",
  专业方向代码: "ZYFXDM",
  专业方向名称: "ZYFXMC",
  课程代码: "KCDM",
  课程名称: "KCMC",
  系部: "XBMC",
  所属系部: "XBMC",
  班级名称: "BJMC",
  性别: "XB",
  民族: "MZ",
  出生日期: "CSRQ",
  学籍状态: "XJZT",
  毕业去向: "BYQX",
};

const UNIT_WORDS = new Set(["元", "万元", "册", "万册", "平方米", "人", "人次", "人时", "个", "门", "名", "台套", "间", "种", "份", "天", "年", "月", "mbps", "元/生"]);

/**
 * Column spec: "header" or "header:type" where type is
 *   i integer · d decimal · ym yearMonth · y year · dt date · b 是/否 · e email · u url · p phone · c=ID code list
 * Units come from the header's last parentheses (（万元）, （人）, （平方米）…).
 */
function columns(specs: string[]): ColumnDef[] {
  const used = new Set<string>();
  return specs.map((spec, i) => {
    const colon = spec.lastIndexOf(":");
    const header = colon > 0 ? spec.slice(0, colon) : spec;
    const code = colon > 0 ? spec.slice(colon + 1) : "";
    let type: ColumnType = "text";
    let codeList: string | undefined;
    if (code === "i") type = "integer";
    else if (code === "d") type = "decimal";
    else if (code === "ym") type = "yearMonth";
    else if (code === "y") type = "year";
    else if (code === "dt") type = "date";
    else if (code === "e") type = "email";
    else if (code === "u") type = "url";
    else if (code === "p") type = "phone";
    else if (code === "b") {
      type = "code";
      codeList = "SF";
    } else if (code.startsWith("c=")) {
      type = "code";
      codeList = code.slice(2);
    } else if (code !== "") throw new Error(`vocational.ts: unknown column type "${code}" in "${spec}"`);
    const leaf = header.split(" / ").pop() as string;
    let key = KEYS[leaf] ?? `c${String(i + 1).padStart(2, "0")}`;
    if (used.has(key)) key = `${key}${i + 1}`;
    used.add(key);
    const col: ColumnDef = { key, header, type, required: false };
    // The leaf's unit, else its group's: "设备值（万元） / 设备总值" is in 万元.
    for (const part of header.split(" / ").reverse()) {
      const m = /[（(]([^（）()]+)[）)]\s*$/.exec(part);
      if (m && UNIT_WORDS.has(m[1].trim().toLowerCase())) {
        col.unit = m[1].trim();
        break;
      }
    }
    if (codeList) col.codeList = codeList;
    return col;
  });
}

interface ItemSpec {
  id: string;
  name: string;
  category: string;
  department?: string;
  reviewingDepartment?: string;
  step: 1 | 2;
  period?: PeriodKind;
  shape?: TableShape;
  base?: boolean;
  idStatus?: "sourced" | "inferred";
  fields?: string[];
  /** Field source in vocational-catalog.md (S2/S3 …). */
  fieldSource?: string;
  /** true when the list is known to be partial or its headers are read from getter names. */
  partial?: boolean;
  note?: string;
  dependsOn?: string[];
}

const C1 = "一 基本信息";
const C2 = "二 院校领导";
const C3 = "三 基本办学条件";
const C4 = "四 实践教学条件";
const C5 = "五 办学经费";
const C6 = "六 师资队伍";
const C7 = "七 专业";
const C8 = "八 教学管理与教学研究";
const C9 = "九 社会评价";
const C10 = "十 学生信息";
const C11 = "十一 新增数据项";
const C12 = "十二 系统未尽事宜有关说明";

const MAJOR_DIRECTION = ["系部", "专业代码", "专业名称", "专业方向代码", "专业方向名称"];
const NO_FIELDS = "No field list found in any source; loads as a sheet that says so.";

const ITEMS: ItemSpec[] = [
  // 第一步：源数据表采集 (due 11-11)
  {
    id: "1.6", name: "机构设置", category: C1, department: "政务部", reviewingDepartment: "政务部", step: 1, base: true, partial: true,
    fields: ["序号:i", "机构代码", "机构名称"], fieldSource: "S3 expertExcel_A1_6 (cols 1–3; Chinese headers not found, read as 序号/机构代码/机构名称)",
    note: "Only three template columns are known; the institution types and other columns of the real sheet are unknown.",
  },
  {
    id: "6.1", name: "教师基本情况", category: C6, department: "政务部", reviewingDepartment: "政务部", step: 1, base: true, partial: true, dependsOn: ["1.6"],
    fields: [
      "教师所属系部", "行政职务", "教工号", "姓名", "性别", "出生日期:dt", "民族", "籍贯", "政治面貌",
      "第一学历 / 学历", "第一学历 / 学位", "第一学历 / 毕业院校", "第一学历 / 专业", "第一学历 / 毕业时间",
      "最后学历 / 学历", "最后学历 / 学位", "最后学历 / 毕业院校", "最后学历 / 专业", "最后学历 / 毕业时间",
      "专业领域", "专业特长", "高校教师资格证书 / 发证单位", "高校教师资格证书 / 获取日期",
      "行业、企业一线工作时间 / 历年（年）:i", "行业、企业一线工作时间 / 本学年（天）:i",
      "专业技术职务（最高） / 等级", "专业技术职务（最高） / 名称（全称）", "专业技术职务（最高） / 发证单位（全称）", "专业技术职务（最高） / 获取日期（年月）:ym",
      "已聘职称", "职业资格证书（最高） / 等级", "职业资格证书（最高） / 名称（全称）", "职业资格证书（最高） / 发证单位（全称）", "职业资格证书（最高） / 获取日期（年月）:ym",
      "是否专业教师:b", "是否为骨干教师:b", "是否为双师型教师:b", "是否教学名师:b", "行政所属专业 / 专业代码", "行政所属专业 / 专业名称",
      "教师类型:c=JSLX",
    ],
    fieldSource: "S3 export 校内专任教师信息表 (V2.16-era, 40 columns) + S2/S3 教师类型",
    note: "The 2020 table is a single teacher table with a 教师类型 column; its exact 2020 columns were not found. 学历/学位/职称/双师素质 value lists not found.",
  },
  {
    id: "7.1.1", name: "开设专业", category: C7, department: "教务部", reviewingDepartment: "教务部", step: 1, base: true, partial: true, dependsOn: ["1.6"],
    fields: [...MAJOR_DIRECTION, "批准设置日期:dt", "首次招生日期:dt", "修业年限（年）:i", "在校生数:i", "班级数:i", "订单班数:i", "订单学生数:i"],
    fieldSource: "S2 QasDMajor / QasDMajordirection; S3 expertExcel_A7_1_1 (order)",
    note: "S3's template has 27 columns, several known only by getter names (春/秋季招生?, 生源类型 counts, 重点/特色专业类别); only the columns with Chinese names are listed.",
  },
  {
    id: "7.2", name: "课程设置", category: C7, department: "教务部", reviewingDepartment: "教务部", step: 1, base: true, partial: true, dependsOn: ["7.1.1"],
    fields: [...MAJOR_DIRECTION, "课程代码", "课程名称", "课程类型", "课程属性", "规定课时:i", "实践课时:i", "核心课程:b", "校企合作:b", "精品课程", "授课地点", "授课方式", "考试方法", "课证融通:b"],
    fieldSource: "S3 expertExcel_A7_2 (order) with titles from S3 JSP id 26113626852",
    note: "课程类型 A类(纯理论课)/B类((理论+实践)课)/C类(纯实践课) is attested only in third-party school systems, so it is left as text. Values for 课程属性, 精品课程, 授课地点, 授课方式, 考试方法 not found.",
  },
  {
    id: "10.1.1", name: "学生基本信息", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 1, base: true, partial: true, dependsOn: ["7.1.1"],
    fields: [
      "学号", "姓名", "性别", "民族", "学籍状态:c=XJZT", "生源地行政区划代码", "来自军队:b", "招生方式", "生源类型", "是否常住户口在农村:b",
      "是否订单（定向）培养:b", "是否建档立卡贫困家庭:b", "学制:i", "年级", "入学成绩:d", "系部", "班级名称", "专业代码", "专业名称", "专业方向代码", "专业方向名称",
    ],
    fieldSource: "seed 004 (学籍状态 codes); S2 QasDStudent (V2.16 A10-1); S3 expertExcel_A10_1 (order, getters)",
    note: "学籍状态: 在读 = 在校生; 毕业/肄业/辍学/其他 = 非在校生; rows with any other value are invalid (seed 004). The grade ↔ year-of-study mapping depends on the collection year (seed 004).",
  },
  // 第二步：其他数据表采集 (due 11-18)
  {
    id: "1.1", name: "名称", category: C1, department: "政务部", reviewingDepartment: "政务部", step: 2, shape: "single",
    fields: [
      "学校标识码", "学校名称(全称)", "所在地区（省、自治区、直辖市）", "当前校名启用日期（年月）:ym", "建校日期（年月）:ym", "建校基础",
      "学校举办者 / 名称(全称)", "学校举办者 / 性质", "学校举办者 / 级别", "学校性质类别", "校训", "通信地址", "邮政编码", "学校网址:u", "社区教育示范校",
      "示范性高等职业院校 / 性质", "示范性高等职业院校 / 级别", "示范性高等职业院校 / 立项部门", "示范性高等职业院校 / 立项日期（年）:y",
      "评估状态 / 第一轮 评估日期（年月）:ym", "评估状态 / 第二轮 评估结论", "评估状态 / 未接受评估",
    ],
    fieldSource: "S2 QasDSchool (V2.16 A1 院校基本信息表)",
    note: "Value lists for 建校基础, 举办者 性质/级别, 学校性质类别 and 示范校 fields were not found.",
  },
  { id: "1.2", name: "联系", category: C1, department: "质量部", reviewingDepartment: "质量部", step: 2, shape: "single", note: NO_FIELDS },
  { id: "1.3", name: "2020年招生计划", category: C1, department: "学务部", reviewingDepartment: "学务部", step: 2, note: `${NO_FIELDS} S5 (2010) gives cross-table rules with 7.1 only.` },
  { id: "1.4", name: "2020年招生方式", category: C1, department: "学务部", reviewingDepartment: "学务部", step: 2, note: NO_FIELDS },
  { id: "1.5", name: "2020年9月1日前在校生", category: C1, department: "学务部", reviewingDepartment: "学务部", step: 2, note: `${NO_FIELDS} The name gives a cut-off date (2020-09-01), so this may be a 时点 table; seed 004 names only 学年 and 自然年. 在校生 includes the graduating class and excludes the new intake (S4/S5).` },
  {
    id: "2.1", name: "基本情况", category: C2, department: "政务部", reviewingDepartment: "政务部", step: 2, partial: true, idStatus: "sourced",
    note: "院校领导 基本情况. Only English getter names found (S3: staffId, name, nation, post, positionalTitles, educationalLevel, sex, birthday, tel, educationalResearch) — likely 工号, 姓名, 民族, 职务, 职称, 学历, 性别, 出生日期, 电话 [inferred]; not listed as columns.",
  },
  {
    id: "2.2", name: "参与教学、联系学生", category: C2, department: "政务部", reviewingDepartment: "政务部", step: 2, partial: true,
    note: "Only getter names found (S3: staffId, name, responsibilities, attendLectures, studentDorm, outsidePractice, studentClubActivities) — likely 分管工作, 听课, 深入学生宿舍, 校外实习, 学生社团活动 (counts) [inferred]. S4 (2009): enter counts only.",
  },
  {
    id: "3.1", name: "占地、建筑面积", category: C3, department: "政务部", reviewingDepartment: "政务部", step: 2, shape: "single",
    fields: ["占地面积:d", "绿化用地面积:d", "校舍总建筑面积:d", "学校产权校舍建筑面积:d", "当年新增校舍:d", "非学校产权校舍建筑面积:d", "教学科研及辅助用房:d", "教室:d", "图书馆:d", "实验室、实习场所:d", "专用科研用房:d", "体育馆:d", "会堂:d", "行政办公用房:d", "生活用房:d", "学生宿舍（公寓）:d", "学生食堂:d", "教工宿舍（公寓）:d", "教工食堂:d", "生活福利及附属用房:d", "教工住宅:d", "其他用房:d"],
    fieldSource: "S3 template row 10 cols 1–22, titles from JSP id 26709419079",
    note: "Area unit not stated (平方米 likely, not recorded).",
  },
  {
    id: "3.2", name: "馆藏图书资料", category: C3, department: "图书馆", reviewingDepartment: "教务部", step: 2, shape: "single",
    fields: ["总册数:d", "本学年新增数:d", "中文纸质专业期刊:i", "外文纸质专业期刊:i", "电子专业期刊:i"],
    fieldSource: "S3 row 17, titles from JSP id 26145902396",
    note: "Seed 004 warns to watch units (册 / 万册); which applies to 总册数 in 2020 is not stated.",
  },
  {
    id: "3.3", name: "阅览室、机房、教室", category: C3, department: "教务部", reviewingDepartment: "教务部", step: 2, shape: "single",
    fields: ["阅览室座位数（个）:i", "计算机数合计:i", "教学用计算机:i", "平板电脑:i", "公共机房:i", "专业机房:i", "教室（间）:i", "网络多媒体教室:i"],
    fieldSource: "S3 row 24, titles from JSP id 26327885006",
  },
  {
    id: "3.4.1", name: "信息化建设概况", category: C3, department: "教务部", reviewingDepartment: "教务部", step: 2, shape: "single",
    fields: ["接入互联网出口带宽(mbps):d", "校园网主干最大带宽（mbps）:d", "一卡通使用", "无线覆盖情况", "网络信息点数（个）:i", "管理信息系统数据总量:d", "电子邮件系统用户数（个）:i", "上网课程数（门）:i", "数字资源量:d", "电子图书（册）:i"],
    fieldSource: "S3 row 34, titles from JSP id 26502724769",
    note: "一卡通使用 and 无线覆盖情况 are coded in the platform; their values were not found.",
  },
  { id: "3.4.2", name: "管理信息系统", category: C3, department: "教务部", reviewingDepartment: "教务部", step: 2, partial: true, note: "Only getter names found (S3 row 40: 序号, type, systemName, sources, unitName) [inferred]." },
  { id: "3.4.3", name: "信息化工作机构与人员", category: C3, department: "教务部", reviewingDepartment: "教务部", step: 2, partial: true, note: "Only getter names found (S3 row 68: organizationCode, organizationName, personStaff, personName, staffNumber, employeNumber)." },
  { id: "3.5", name: "固定资产", category: C3, department: "财务处", reviewingDepartment: "财务处", step: 2, shape: "single", partial: true, note: "Only getter names found (S3 row 75: totalSchoolValue, totalAssets, assetsAdd — probably 学校固定资产总值 / 教学科研仪器设备资产总值 / 当年新增 [inferred]); money unit not stated." },
  {
    id: "4.1", name: "校内实践基地", category: C4, department: "各系部", reviewingDepartment: "教务部", step: 2, dependsOn: ["7.1.1"],
    fields: [
      "实践基地名称", "总数:i", "面向专业 / 主要专业", "实训基地项目 / 立项部门", "实训基地项目 / 批准日期（年）:y", "建筑面积（平方米）:d", "是否校企共建:b", "学年内基地使用时间:i",
      "设备值（万元） / 设备总值:d", "设备值（万元） / 当年新增设备值:d", "当年设备来源（万元） / 自主研制设备值:d", "当年设备来源（万元） / 社会捐赠设备值:d", "当年设备来源（万元） / 社会准捐赠设备值:d",
      "设备数（台套） / 设备总数:i", "设备数（台套） / 大型设备数:i", "项目个数:i", "实训项目名称", "学年使用频率（人时） / 校内:i", "学年使用频率（人时） / 社会:i",
      "工位数(个):i", "原材料(耗材)费用（万元）:d", "设备维护费用（万元）:d", "专职管理人员（名）:i", "兼职管理人员（名）:i",
    ],
    fieldSource: "S2 QasDPracticebaseincampus; S3 cols 2–23; JSP id 26127903323",
  },
  {
    id: "4.2", name: "校外实习实训基地", category: C4, department: "各系部", reviewingDepartment: "教务部", step: 2, dependsOn: ["7.1.1"],
    fields: ["基地名称", "依托单位名称", "在岗职工总数:i", "建立日期:ym", "面向专业总数:i", "主要专业", "实习实训项目总数:i", "主要项目(全称)", "接待学生量（人次）:i", "基地使用天数:i", "接收半年顶岗实习学生数:i", "是否有住宿条件:b", "基地是否发放学生实习补贴:b", "学校向基地支付专项实习经费（元/生）:d", "学校派指导教师/学生管理人员(人次):i", "接收应届毕业生就业数:i"],
    fieldSource: "S3 cols 2–17; JSP id 26278973389 (typos 学生树/方法 corrected to 数/发放 [inferred])",
  },
  {
    id: "4.3", name: "职业技能鉴定机构", category: C4, department: "教务部", reviewingDepartment: "教务部", step: 2,
    fields: ["职业技能鉴定站（所）全称", "建立单位 / 级别", "建立单位 / 部门"], fieldSource: "S2 QasDSkillappraisalorg",
    note: "级别 values not found.",
  },
  ...(
    [
      ["5.1", "学费收入", "S1 prints 5.1; probably 5.1.1 [inferred]."],
      ["5.1.2", "财政经常性补助收入", ""],
      ["5.1.3", "中央、地方财政专项收入", ""],
      ["5.1.4", "其他收入", ""],
      ["5.1.5", "学校总收入中其他情况", "Probably 社会捐赠 / 贷款 (V2.16 summary fields 贷款金额, 贷款余额) [inferred]."],
      ["5.2.1", "教学改革及研究", ""],
      ["5.2.2", "师资建设", ""],
      ["5.2.3", "其他支出", ""],
    ] as const
  ).map(([id, name, extra]): ItemSpec => ({
    id, name, category: C5, department: "财务处", reviewingDepartment: "财务处", step: 2, period: "calendarYear", shape: "single", partial: true,
    note: `表5 经费按自然年度采集 (seed 004). The per-item rows of the 2020 sub-table were not found; only V2.16 summary models (万元) exist. ${extra}`.trim(),
  })),
  {
    id: "6.2", name: "教师授课情况", category: C6, department: "各系部", reviewingDepartment: "教务部", step: 2, partial: true, dependsOn: ["6.1", "7.1.1", "7.2"],
    fields: ["系部", "工号", "姓名", "学年", ...MAJOR_DIRECTION.slice(1), "课程名称", "课程类型", "授课任务", "是否合班授课:b", "是否平行班:b", "教学工作量（学时）:i", "实际授课课时:i", "授课学期"],
    fieldSource: "S3 expertExcel_A6_1_2_1 (positions 1–17) + S2 QasDLessonsofteacher",
    note: "In 2017 (S8) 6.2 was 个人其他信息 and 6.3 授课情况; 2020 (seed 004) has the reverse order.",
  },
  ...(
    [
      ["6.3.1", "培训进修", "教务部", "S3 getters: trainingContent, trainingDay, trainingPlace (内容 / 天数 / 地点 [inferred])."],
      ["6.3.2", "挂职锻炼（顶岗实践）", "教务部", "V2.16 held this inside the teacher record (行业、企业一线工作时间); no separate 2020 field list."],
      ["6.3.3", "社会兼职", "教务部", ""],
      ["6.3.4", "项目获奖（包括行政性奖励）", "教务部", "S3 getters: rewordTime, rewordName, rewordLevel (时间 / 名称 / 级别)."],
      ["6.3.5", "技术专利（技术发明）", "质量部", "S3 getters: INVENTNUMBER, 是否主持."],
      ["6.3.6", "在研课题", "质量部", "S3 getters: 课题性质 / 分类 / 名称 / 是否横向 / 级别 / 立项日期 / 经费来源 / 金额 / 完成人排序 [inferred]."],
      ["6.3.7", "著作论文", "质量部", "S3 getters: CLASSIFICATION, AUTHORORDER (类别 / 作者排序)."],
    ] as const
  ).map(([id, name, reviewer, extra]): ItemSpec => ({
    id, name: `教师其他情况-${name}`, category: C6, department: "各系部", reviewingDepartment: reviewer, step: 2, idStatus: "inferred", dependsOn: ["6.1"],
    partial: id !== "6.3.3",
    fields: id === "6.3.3" ? ["教工名称", "兼职单位名称(全称)", "兼职时间（天）:i"] : undefined,
    fieldSource: id === "6.3.3" ? "S2 QasDTeacherparttimework" : undefined,
    note: `Seed 004 lists this as item ${id.slice(-1)} under “6.3 教师其他情况”; the id ${id} is our notation. ${extra}`.trim(),
  })),
  {
    id: "7.1.2", name: "专业带头人", category: C7, department: "各系部", reviewingDepartment: "教务部", step: 2, partial: true, dependsOn: ["7.1.1", "6.1"],
    fields: ["系部", "专业代码", "专业名称", "教师类别", "工号", "姓名", "性别", "出生日期:dt", "学历", "学位", "工作单位", "职务", "固定电话:p", "电子邮箱:e", "专业技术职务 / 等级", "专业技术职务 / 名称", "专业技术职务 / 获取日期:ym"],
    fieldSource: "S3 expertExcel_A7_1_2 (getter order; Chinese mapping [inferred]) + S2 QasDMajorleader",
    note: "S2 also has 担任专业带头人工作年限（年） and 代表性科研成果; S3 leaves 5 further columns blank.",
  },
  {
    id: "7.1.3", name: "专业负责人", category: C7, department: "各系部", reviewingDepartment: "教务部", step: 2, partial: true, dependsOn: ["7.1.1", "6.1"],
    fields: ["系部", "专业代码", "专业名称", "教师类别", "工号", "姓名", "性别", "出生日期:dt", "学历", "学位", "工作单位", "职务", "固定电话:p", "电子邮箱:e", "专业技术职务 / 等级", "专业技术职务 / 名称", "专业技术职务 / 获取日期:ym"],
    fieldSource: "S3 expertExcel_A7_1_3 (getter order; Chinese mapping [inferred]) + S2 QasDMajorleader",
  },
  {
    id: "7.3.1", name: "职业资格证书", category: C7, department: "各系部", reviewingDepartment: "教务部", step: 2, dependsOn: ["7.1.1"],
    fields: [...MAJOR_DIRECTION, "学生获取的符合专业面向职业资格证书 / 名称(全称)", "学生获取的符合专业面向职业资格证书 / 等级", "学生获取的符合专业面向职业资格证书 / 人数:i", "学生获取的符合专业面向职业资格证书 / 发证机构", "学生获取的符合专业面向职业资格证书 / 鉴定地点"],
    fieldSource: "S2 QasDQualification; S3 pre-fills cols 1–6",
  },
  {
    id: "7.3.2", name: "应届毕业生获证及社会培训情况", category: C7, department: "各系部", reviewingDepartment: "学务部", step: 2, dependsOn: ["7.1.1"],
    fields: [...MAJOR_DIRECTION, "毕业生数（人）:i", "获得证书的毕业生 / 初级人数（人）:i", "获得证书的毕业生 / 中级人数（人）:i", "获得证书的毕业生 / 高级人数（人）:i", "获得证书的毕业生 / 无等级人数（人）:i", "与专业相关的社会技术培训总数:i"],
    fieldSource: "S2 QasDSkilltraining",
  },
  {
    id: "7.4", name: "顶岗实习", category: C7, department: "各系部", reviewingDepartment: "教务部", step: 2, dependsOn: ["7.1.1"],
    fields: [
      ...MAJOR_DIRECTION, "应届毕业生顶岗实习 / 顶岗实习毕业生总数（人）:i", "应届毕业生顶岗实习 / 企业录用顶岗实习毕业生数（人）:i", "应届毕业生顶岗实习 / 顶岗实习对口毕业生数（人）:i",
      "顶岗实习与保险情况 / 顶岗实习单位总数（个）:i", "顶岗实习与保险情况 / 参加保险学生数（人）:i", "顶岗实习与保险情况 / 保险险种名称(全称)（保险费出资方）",
      "顶岗实习情况 / 主要实习岗位", "顶岗实习情况 / 主要实习单位", "顶岗实习情况 / 实习人数（人）:i", "顶岗实习情况 / 实习时间（月）:i",
    ],
    fieldSource: "S2 QasDPractice; S3",
  },
  {
    id: "7.5", name: "产学合作", category: C7, department: "各系部", reviewingDepartment: "教务部", step: 2, partial: true, dependsOn: ["7.1.1"],
    fields: [...MAJOR_DIRECTION, "企业名称(全称)", "合作开始日期（年月）:ym", "订单培养数:i", "共同开发课程数:i", "共同开发教材数:i", "支持兼职教师数:i", "接受顶岗实习学生数:i", "接受毕业生就业数:i"],
    fieldSource: "S2 QasDCooperatecompany (partial) + S3 getters",
    note: "S3 also fills 捐赠设备值?, 准捐赠设备值?, 技术服务年收入?, 员工数? and five business start dates (getter names only).",
  },
  {
    id: "7.6.1", name: "招生", category: C7, department: "学务部", reviewingDepartment: "学务部", step: 2, dependsOn: ["7.1.1"],
    fields: [
      ...MAJOR_DIRECTION, "计划招生数（人）:i", "实际录取 / 录取数（人）:i", "实际报到情况 / 报到数（人）:i", "区域生源报到 / 本地市报到数:i", "区域生源报到 / 本省市报到数:i", "区域生源报到 / 本区域报到数:i",
      "报考本校原因 / 学校品牌:i", "报考本校原因 / 专业爱好:i", "报考本校原因 / 就业优势:i", "报考本校原因 / 技能培养:i", "报考本校原因 / 地理位置:i", "报考本校原因 / 他人推荐:i", "报考本校原因 / 其他:i", "投档线超过上年分数:d",
    ],
    fieldSource: "S2 QasDRecruit; S3",
  },
  {
    id: "7.6.3", name: "上届毕业生就业情况", category: C7, department: "各系部", reviewingDepartment: "学务部", step: 2, dependsOn: ["7.1.1"],
    fields: [
      ...MAJOR_DIRECTION, "毕业生数（人）:i", "毕业生就业情况 / 就业数(人):i", "毕业生就业情况 / 升迁数（人）:i", "毕业生就业情况 / 转岗数（人）:i",
      "毕业生用人单位满意情况 / 满意或基本满意人数:i", "毕业生用人单位满意情况 / 一般满意人数:i", "毕业生用人单位满意情况 / 不满意人数:i",
      "毕业生的教学满意人数:i", "毕业生对母校的满意人数:i", "毕业生工作与职业期待吻合人数:i", "毕业生对基本工作能力总体满足人数:i", "毕业生对核心知识的总体满足人数:i", "毕业生的就业现状满意人数:i",
    ],
    fieldSource: "S2 QasDLastyearemployment",
  },
  {
    id: "8.1", name: "教学与学生管理文件", category: C8, department: "教务部、学务部", reviewingDepartment: "政务部", step: 2,
    fields: ["文件名称(全称)及文号", "发布日期（年月）:ym", "发布部门", "变更情况（新增、修改、取消）:c=BGQK", "变更日期（年月）:ym", "负责部门"],
    fieldSource: "S2 QasDFilesofteachingmanagement; S3 same order",
  },
  ...(
    [
      ["8.2", "专职教学管理人员情况", "各系部", "教务部"],
      ["8.3", "专职学生管理人员情况", "各系部", "学务部"],
      ["8.4", "专职招生就业指导人员情况", "学务部", "学务部"],
      ["8.5", "专职督导人员情况", "质量部", "质量部"],
      ["8.6", "专职教学研究人员情况", "各系部", "质量部"],
    ] as const
  ).map(([id, name, dept, reviewer]): ItemSpec => ({
    id, name, category: C8, department: dept, reviewingDepartment: reviewer, step: 2, partial: true, dependsOn: ["6.1"],
    note: "Only getter names found (S3): 工号, 姓名, 性别, 出生日期, 民族, 学历, 学位, 专业技术职务 等级/名称/发证单位/获取日期, 职务 and table-specific columns; Chinese headers not found.",
  })),
  {
    id: "8.7", name: "评教情况", category: C8, department: "教务部", reviewingDepartment: "教务部", step: 2, shape: "single",
    fields: [
      "评教起始日期（年月）:ym", "评教终止日期（年月）:ym", "评教客体（教师） / 参与数（人）:i", "评教客体（教师） / 总数（人）:i",
      "评教主体参与度 / 学生 / 参与数（人）:i", "评教主体参与度 / 学生 / 总数（人）:i", "评教主体参与度 / 同行 / 参与数（人）:i", "评教主体参与度 / 同行 / 总数（人）:i",
      "评教主体参与度 / 校领导 / 参与数（人）:i", "评教主体参与度 / 校领导 / 总数（人）:i", "评教主体参与度 / 社会 / 参与数（人）:i", "评教主体参与度 / 社会 / 总数（人）:i",
    ],
    fieldSource: "S2 QasDTeachingevaluation",
    note: "S3 computes each 参与率 = 参与数 / 总数; the platform sheet probably has ratio columns as well [inferred].",
  },
  {
    id: "8.8", name: "奖助学情况", category: C8, department: "学务部", reviewingDepartment: "学务部", step: 2,
    fields: ["项目名称(全称)", "项目种类", "奖助范围", "奖助人数:i", "奖助金额（万元）:d"], fieldSource: "S2 QasDScholarship; S3 JSP id 26724225206",
    note: "项目种类 values not found.",
  },
  {
    id: "8.9", name: "重大制度创新", category: C8, department: "政务部", reviewingDepartment: "政务部", step: 2,
    fields: ["项目名称(全称)", "主要创新点", "实施日期（年月）:ym", "主要成果"], fieldSource: "S2 QasDMajorsysinnovation",
  },
  {
    id: "9.3", name: "社会（准）捐赠情况", category: C9, department: "政务部", reviewingDepartment: "政务部", step: 2,
    fields: ["捐赠单位", "捐赠项目", "捐赠日期（年月）:ym", "捐赠性质", "捐赠价值（万元）:d"], fieldSource: "S2 QasDSocialdonation",
    note: "捐赠性质 values not found (捐赠 / 准捐赠 is a guess from the table name).",
  },
  {
    id: "9.4", name: "就业单位与联系人", category: C9, department: "学务部", reviewingDepartment: "学务部", step: 2,
    fields: ["应届毕业生主要就业单位名称(全称)", "是否做过雇主调查:b", "就业单位联系人信息 / 姓名", "就业单位联系人信息 / 职务", "就业单位联系人信息 / 区号－电话号码:p", "就业单位联系人信息 / 电子邮箱:e"],
    fieldSource: "S2 QasDGraduateemploymentunits",
  },
  { id: "9.5", name: "质量工程", category: C9, department: "教务部", reviewingDepartment: "教务部", step: 2, partial: true, note: "Only getter names found (S3: 序号, 项目名称, 项目类别, 级别, 批准日期, 负责人, 备注)." },
  {
    id: "9.6.1", name: "学生获奖情况", category: C9, department: "各系部", reviewingDepartment: "学务部", step: 2,
    fields: ["项目名称(全称)", "项目类别", "级别", "获奖日期（年月）:ym", "学生名单", "指导教师名单"], fieldSource: "S2 QasDStudentaward; S3",
  },
  { id: "9.6.2", name: "学校获奖情况", category: C9, department: "政务部", reviewingDepartment: "政务部", step: 2, partial: true, note: "Only getter names found (S3: 序号, 项目名称, 级别, 获奖日期, 备注)." },
  { id: "9.6.3", name: "学生社团、红十字会获奖情况", category: C9, department: "学务部", reviewingDepartment: "学务部", step: 2, partial: true, note: "Only getter names found (S3: 序号, 社团名称, 项目名称, 获奖级别, 获奖日期 (YYYYMMDD), 颁奖单位, 指导教师)." },
  {
    id: "10.1.2", name: "学生就业信息", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 2, partial: true, dependsOn: ["10.1.1"],
    fields: ["学号", "姓名", "毕业去向:c=BYQX", "就业单位", "单位性质", "企业规模", "薪酬:d", "是否专业对口:b", "就业地点"],
    fieldSource: "seed 004 (毕业去向 codes); S3 expertExcel_A10_1_2 (getters; mapping [inferred])",
    note: "Seed 004 gives 毕业去向 with the 学籍状态 notes; that it belongs to 10.1.2 rather than 10.1.1 is an inference. 就业地点 is written twice in S3 (probably 省 / 市).",
  },
  {
    id: "10.2.1", name: "辍学学生明细表", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 2, dependsOn: ["10.1.1", "7.1.1"],
    fields: ["专业代码", "专业名称", "专业方向代码", "专业方向名称", "班级名称", "学号", "姓名", "性别", "辍学原因", "辍学日期（年月）:ym"],
    fieldSource: "S2 QasDDropoutlist; S3 order",
  },
  {
    id: "10.3", name: "学生社团", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 2,
    fields: [
      "社团代码", "社团名称(全称)", "社团类别", "登记情况 / 登记日期（年月）:ym", "登记情况 / 批准单位（部门）", "注册单位", "现有成员（人）:i",
      "负责人情况 / 姓名", "负责人情况 / 所在年级", "负责人情况 / 单位职务", "是否设有学分（学时）:b", "学校指导部门", "指导教师名单", "主要活动内容", "学校分管部门", "活动经费（元）:d", "是否有获奖项目:b", "来源",
    ],
    fieldSource: "S2 QasDStudassociation; S3 order matches",
  },
  { id: "10.4", name: "红十字会", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 2, shape: "single", partial: true, note: "Only getter names found (S3: 部门, 代码, 名称, 成立日期, 总人数, 教职工人数, 学生人数, 负责人姓名, 职务, 经费合计, 会费, 拨款, 捐款, 其他, 活动内容, 参与人次, 证书数 …)." },
  { id: "10.5", name: "志愿者（义工/社工）活动", category: C10, department: "学务部", reviewingDepartment: "学务部", step: 2, partial: true, note: "Only getter names found (S3: 部门, 代码, 名称, 成立日期, 总人数, 教职工人数, 学生人数, 负责人姓名, 职务, 活动内容, 参与人次, 证书数)." },
  { id: "11.1", name: "当年专业变动情况", category: C11, department: "教务部", reviewingDepartment: "教务部", step: 2, note: `${NO_FIELDS} 7.1.1's 新增年月 / 停招年月 / 撤销年月 (S2) may be the basis [inferred].` },
  {
    id: "11.2", name: "在校学生的地区、户口所在地及民族等情况", category: C11, department: "学务部", reviewingDepartment: "学务部", step: 2, shape: "single",
    fields: ["在校生总数(人):i", "其中 / 外省学生数（人）:i", "其中 / 西部地区学生数（人）:i", "其中 / 常住户口所在地为农村的学生数（人）:i", "其中 / 贫困地区学生数（人）:i", "其中 / 少数民族学生数（人）:i", "国际学生数（人）:i", "境外学生数（人）:i"],
    fieldSource: "S2 QasDStudregioninfo",
  },
  {
    id: "11.3", name: "复转军人、退役军人情况", category: C11, department: "学务部", reviewingDepartment: "学务部", step: 2, shape: "single",
    fields: ["当年招生数（人） / 合计:i", "当年招生数（人） / 复转军人:i", "当年招生数（人） / 退役士兵:i", "在校生数(人) / 合计:i", "在校生数(人) / 复转军人:i", "在校生数(人) / 退役士兵:i", "社会培训（人次） / 合计:i", "社会培训（人次） / 复转军人:i", "社会培训（人次） / 退役士兵:i"],
    fieldSource: "S2 QasDRetiredsoldiers",
  },
  {
    id: "11.5", name: "2020-2021学年开设专业", category: C11, department: "教务部", reviewingDepartment: "教务部", step: 2, partial: true, dependsOn: ["7.1.1"],
    fields: [...MAJOR_DIRECTION, "批准设置日期:dt", "首次招生日期:dt", "修业年限（年）:i", "班级数:i", "订单班数:i", "订单学生数:i"],
    fieldSource: "S3 expertExcel_A11_5 (the 7.1.1 layout without 在校生数)",
    note: "Covers the next 学年 (by name); 新生 belong to 11.5 and 11.6 (seed 004).",
  },
  { id: "11.6", name: "2020年9月后入学新生名单", category: C11, department: "学务部", reviewingDepartment: "学务部", step: 2, dependsOn: ["11.5"], note: `${NO_FIELDS} V2.16 had a sheet “A12-3 新生信息表” with no model; students enrolled after 2020-09 (by name).` },
  {
    id: "12", name: "系统未尽事宜有关说明", category: C12, department: "参与数据采集的所有部门", step: 2, shape: "single", idStatus: "inferred",
    fields: ["说明"], fieldSource: "seed 004 (item 72, free text)",
    note: "Seed 004 prints this item as “十二、系统未尽事宜有关说明” without a table id; id 12 and the single free-text column are ours. No reviewing department is named.",
  },
];

function tableFrom(spec: ItemSpec): TableDef {
  const cols = spec.fields ? columns(spec.fields) : [];
  const incomplete = cols.length === 0 || spec.partial === true;
  const notes: string[] = [];
  if (spec.fieldSource) notes.push(`Fields: ${REF} (${spec.fieldSource}); mostly V2.16a001 (2016) era — check against a 2020 export.`);
  if (spec.note) notes.push(spec.note);
  if (!spec.period) notes.push("学年 per seed 004 (除表5经费按自然年度采集，其它都是当学年的数据).");
  const t: TableDef = {
    id: spec.id,
    name: spec.name,
    category: spec.category,
    period: spec.period ?? "academicYear",
    shape: spec.shape ?? "list",
    base: spec.base ?? false,
    required: false,
    dependsOn: spec.dependsOn ?? [],
    columns: cols,
    rules: [],
    department: spec.department,
    step: spec.step,
    provenance: {
      source: `${SEED}${spec.fieldSource ? `; ${REF}` : ""}`,
      idStatus: spec.idStatus ?? "sourced",
      fieldsStatus: cols.length === 0 ? "unknown" : spec.partial ? "inferred" : "sourced",
      note: notes.join(" "),
    },
  };
  if (spec.reviewingDepartment) t.reviewingDepartment = spec.reviewingDepartment;
  if (incomplete) t.incomplete = true;
  if (t.department === undefined) delete t.department;
  return t;
}

function list(id: string, name: string, labels: string[], source: string, note?: string): CodeList {
  return { id, name, values: labels.map((l) => ({ value: l, label: l })), provenance: note ? { source, note } : { source } };
}

const CODE_LISTS: Record<string, CodeList> = {
  XJZT: list("XJZT", "学籍状态", ["在读", "毕业", "肄业", "辍学", "其他"], SEED, "在读 = 在校生; 毕业、肄业、辍学、其他 = 非在校生. 非以上状态的数据不参与计算，可视为无效数据."),
  BYQX: list("BYQX", "毕业去向", ["就业", "创业", "留学", "专升本", "参军", "正在求职", "其他"], SEED, "Seed 004 groups them as 已就业 / 未就业; the split is not readable from the flattened text (正在求职 = 未就业 presumably)."),
  SF: list("SF", "是否", ["是", "否"], `${REF} (是否… headers; S3 converts 0/1 to 否/是)`),
  BGQK: list("BGQK", "变更情况", ["新增", "修改", "取消"], `${REF} 8.1 (header 变更情况（新增、修改、取消）)`),
  JSLX: list("JSLX", "教师类型", ["校内专任教师", "校外兼课教师", "校外兼职教师", "校内兼课教师"], `${REF} 6.1 (S3 codes 1–4; S2 importer's four V2.16 teacher sheets)`, "Third-party code, not the platform text; check against a 2020 export."),
  TJSJLX: {
    id: "TJSJLX",
    name: "统计时间类型",
    values: PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_NAMES[k] })),
    provenance: { source: SEED, note: "Seed 004 names 学年 (2019-09-01 … 2020-08-31) and 自然年 (表5); 时点 is kept for tables whose name gives a cut-off date." },
  },
};

export const vocationalCatalogData: Catalog = {
  formatVersion: 1,
  id: "vocational-2020",
  platform: "vocational",
  edition: 2020,
  name: "高等职业院校人才培养工作状态数据采集与管理平台",
  tables: ITEMS.map(tableFrom),
  codeLists: CODE_LISTS,
  crossRules: [],
  provenance: {
    source: `${SEED}; ../shared/reference/${REF}`,
    note: "72 items of the 2020 collection. Field lists mostly from third-party code modelling the V2.16a001 (2016) workbook; tables whose fields are unknown or partial are flagged incomplete. Numbering changes between years (6.2/6.3 swapped in 2017): key templates by edition + id.",
  },
};
