/**
 * The command line's part of the message catalog (zh-CN first, en-US typed to the same keys), in
 * the same format as zh-CN.ts / en-US.ts and formatted with the same `{name}` placeholders.
 *
 *   import { cliTranslator } from "../i18n/cli";
 *   const t = cliTranslator("en-US");
 *   t("cli.json");
 *
 * Subcommands add their own area under `cli` (e.g. `cli.check.description`) in BOTH objects; the
 * `WidenLeaves` type makes a key missing from en-US a compile error.
 * Pure module: no DOM, Office or React.
 */
import { format, lookup } from "./index";
import type { Locale, MessageParams, WidenLeaves } from "./types";

export const cliZhCN = {
  cli: {
    description: "填报助手命令行工具：在没有 Excel 的电脑上检查、汇总教育部状态数据采集工作簿（.xlsx）。",
    lang: "界面语言：zh（中文，默认）或 en（英文）；也可用环境变量 LANG=en_US.UTF-8",
    version: "显示版本号",
    help: "显示帮助",
    helpCommand: "显示某个子命令的帮助",
    json: "以 JSON 格式输出结果（供脚本使用）",
    titles: {
      usage: "用法：",
      options: "选项：",
      commands: "命令：",
      arguments: "参数：",
      globalOptions: "全局选项：",
    },
    exitCodes:
      "退出码：0 = 正常；1 = 发现问题（如校验发现错误）；2 = 用法错误或文件无法读取；3 = 内部错误（请报告）。\n" +
      "示例：npx tianbao --help · npx tianbao --lang en --help",
    noCommandsYet: "（暂无子命令）",
    errors: {
      prefix: "错误：",
      unknownOption: "未知的选项 {token}",
      unknownCommand: "未知的命令 {token}",
      missingArgument: "缺少参数 {token}",
      optionMissingArgument: "选项 {token} 需要一个值",
      missingMandatoryOptionValue: "必须提供选项 {token}",
      excessArguments: "参数过多",
      invalidArgument: "参数值无效：{detail}",
      conflictingOption: "选项冲突：{detail}",
      badLang: "不支持的语言 {token}：请用 zh 或 en",
      usageHint: "运行 tianbao --help 查看用法。",
      internal: "内部错误：{message}（这是填报助手的缺陷，请把这条信息报告给维护人员）",
      notXlsx: "无法读取文件 {file}：请另存为 .xlsx 后再试（填报助手只读取 Excel 2007 及以后的 .xlsx 工作簿）",
      notTianbao:
        "{file} 不是填报助手工作簿：没有找到填报助手装载的数据表（名称 TB_…、_tb_meta 工作表或表编号属性）。请先在任务窗格中装载模板，或用 tianbao template 生成工作簿。",
      noFile: "请指定要读取的 .xlsx 文件",
    },
    catalog: {
      description: "列出数据平台目录中的数据表（按类别分组，含统计时间、形式、基础表标记）",
      catalogOption: "目录：undergraduate（本科，默认）或 vocational（高职）",
      heading: "{name}（{id}，{edition} 版）共 {count} 张表",
      legend: "标记：* 基础表　~ 表号为推断（来源未给出）　? 来源之间表号有冲突　! 字段不完整",
      single: "单条",
      list: "列表",
      point: "时点",
      academicYear: "学年",
      calendarYear: "自然年",
      fields: "{count} 个字段",
      noFields: "字段未知",
      summary: "合计 {count} 张表：基础表 {base} 张，表号推断 {inferred} 张，字段不完整 {incomplete} 张；代码表 {codeLists} 个。",
    },
    template: {
      description: "生成填报模板工作簿（.xlsx）：每张数据表一个工作表；文件已存在时只补充缺少的表，不删除、不覆盖已有数据",
      output: "输出的 .xlsx 文件（必填）",
      year: "统计年度，2000–2100 之间的四位整数（默认今年）",
      tables: "要载入的表号，用逗号分隔，或 all（默认全部）",
      department: "责任单位：写入每张表的“责任单位”；未指定 --tables 时只载入该单位负责的表",
      catalogHint: "（可用 tianbao catalog 查看）",
      noTables: "--tables 没有给出任何表号（可用 tianbao catalog 查看）",
      noDepartmentTables: "没有由“{department}”负责的表",
      departmentHint: "（也可以用 --tables 指定要载入的表，--department 只写入责任单位）",
      notXlsx: "输出文件 {file} 必须以 .xlsx 结尾",
      cannotWrite: "无法写入文件 {file}：{message}",
      written: "已写入 {file}（统计年度 {year}，目录 {catalog}）",
      counts: "新增 {added} 张表，已存在 {present} 张（未改动），{differs} 张表的表头与目录不一致",
    },
    check: {
      description: "校验工作簿：与任务窗格相同的规则（表头结构、字段、行内关系、跨表一致性），按表列出问题；有错误时退出码为 1",
      file: "要校验的 .xlsx 工作簿（由填报助手模板生成）",
      tables: "只校验这些表，如 1-3,1-5-1（默认：工作簿中的全部数据表）",
      noTables: "--tables 中没有表编号",
      heading: "校验 {file}（目录：{catalog}，统计年度 {year}）",
      tableLine: "表{id} {name}（工作表“{sheet}”）：{errors} 个错误，{warnings} 个警告",
      tableOk: "未发现问题",
      error: "错误",
      warning: "警告",
      notLoaded: "表{id}不在本工作簿中（尚未装载），未校验",
      total: "共校验 {tables} 张表：{errors} 个错误，{warnings} 个警告",
    },
  },
} as const;

export type CliMessages = WidenLeaves<typeof cliZhCN>;

export const cliEnUS: CliMessages = {
  cli: {
    description: "Tianbao command line: check and summarise Ministry of Education state-data collection workbooks (.xlsx) without Excel.",
    lang: "interface language: zh (Chinese, default) or en (English); LANG=en_US.UTF-8 also selects English",
    version: "show the version number",
    help: "show help",
    helpCommand: "show help for a command",
    json: "print the result as JSON (for scripts)",
    titles: {
      usage: "Usage:",
      options: "Options:",
      commands: "Commands:",
      arguments: "Arguments:",
      globalOptions: "Global Options:",
    },
    exitCodes:
      "Exit codes: 0 = ok; 1 = findings (e.g. the check found errors); 2 = bad usage or unreadable input; 3 = internal error (please report).\n" +
      "Examples: npx tianbao --help · npx tianbao --lang zh --help",
    noCommandsYet: "(no commands yet)",
    errors: {
      prefix: "error: ",
      unknownOption: "unknown option {token}",
      unknownCommand: "unknown command {token}",
      missingArgument: "missing argument {token}",
      optionMissingArgument: "option {token} needs a value",
      missingMandatoryOptionValue: "option {token} is required",
      excessArguments: "too many arguments",
      invalidArgument: "invalid value: {detail}",
      conflictingOption: "conflicting options: {detail}",
      badLang: "unsupported language {token}: use zh or en",
      usageHint: "Run tianbao --help for usage.",
      internal: "internal error: {message} (this is a Tianbao bug; please report this message)",
      notXlsx: "Cannot read {file}: save it as .xlsx and try again (Tianbao reads Excel 2007+ .xlsx workbooks only)",
      notTianbao:
        "{file} is not a Tianbao workbook: no tables loaded by Tianbao were found (TB_… names, a _tb_meta sheet or table-id properties). Load a template in the task pane first, or create the workbook with tianbao template.",
      noFile: "name the .xlsx file to read",
    },
    catalog: {
      description: "list the tables of a platform catalog (grouped by category, with period, shape and base-table flag)",
      catalogOption: "catalog: undergraduate (default) or vocational",
      heading: "{name} ({id}, edition {edition}): {count} tables",
      legend: "Marks: * base table  ~ id inferred (no source gives it)  ? sources disagree on the id  ! fields incomplete",
      single: "form",
      list: "list",
      point: "point",
      academicYear: "acad. year",
      calendarYear: "cal. year",
      fields: "{count} fields",
      noFields: "fields unknown",
      summary: "{count} tables: {base} base tables, {inferred} with inferred ids, {incomplete} with incomplete fields; {codeLists} code lists.",
    },
    template: {
      description: "write a template workbook (.xlsx), one sheet per table; an existing file only gets the missing tables, nothing is deleted or overwritten",
      output: "the .xlsx file to write (required)",
      year: "statistical year, a four-digit integer 2000–2100 (default: this year)",
      tables: "table ids separated by commas, or all (default)",
      department: "responsible department: written on every sheet; without --tables only its tables are loaded",
      catalogHint: " (see tianbao catalog)",
      noTables: "--tables names no table (see tianbao catalog)",
      noDepartmentTables: "no table is the responsibility of “{department}”",
      departmentHint: " (or name the tables with --tables; --department then only fills in the responsible department)",
      notXlsx: "the output file {file} must end in .xlsx",
      cannotWrite: "cannot write {file}: {message}",
      written: "wrote {file} (statistical year {year}, catalog {catalog})",
      counts: "{added} tables added, {present} already present (unchanged), {differs} with headers that differ from the catalog",
    },
    check: {
      description: "check a workbook with the task pane's rules (header structure, fields, in-row relations, cross-table consistency), listed by table; exit code 1 when there are errors",
      file: "the .xlsx workbook to check (made from Tianbao templates)",
      tables: "check only these tables, e.g. 1-3,1-5-1 (default: every table in the workbook)",
      noTables: "--tables lists no table ids",
      heading: "Checking {file} (catalog: {catalog}, statistical year {year})",
      tableLine: "Table {id} {name} (sheet “{sheet}”): {errors} errors, {warnings} warnings",
      tableOk: "no findings",
      error: "error",
      warning: "warning",
      notLoaded: "table {id} is not in this workbook (not loaded yet); not checked",
      total: "{tables} tables checked: {errors} errors, {warnings} warnings",
    },
  },
};

export const cliCatalogs: Readonly<Record<Locale, CliMessages>> = { "zh-CN": cliZhCN, "en-US": cliEnUS };

type Leaves<T, P extends string> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
/** "cli.errors.unknownOption" etc. */
export type CliMessageKey = Leaves<CliMessages, "">;
export type CliTranslate = (key: CliMessageKey, params?: MessageParams) => string;

export function cliTranslator(locale: Locale): CliTranslate {
  const messages = cliCatalogs[locale] ?? cliCatalogs["zh-CN"];
  return (key, params) => format(lookup(messages as never, key) ?? lookup(cliZhCN as never, key) ?? key, params);
}
