/**
 * Catalog format (version 1): the national tables as data.
 *
 * A catalog is plain JSON-compatible data so it can be exported to a workbook, edited by the
 * quality office and imported back without a code change (next year's guide).
 * Names follow GLOSSARY.md (表 table, 字段 field/column, 代码表 code list, 规则 rule …).
 * This module is part of the pure core: no Office, DOM or React imports.
 */

export const CATALOG_FORMAT_VERSION = 1;

/** 本科 = undergraduate national data platform; 高职 = higher-vocational state-data platform. */
export type PlatformId = "undergraduate" | "vocational";

/** 统计时间: 时点 (point in time, Y-09-30), 学年 (academic year), 自然年 (previous calendar year). */
export type PeriodKind = "point" | "academicYear" | "calendarYear";

/** single = one record shown as a label/value form (单条); list = one row per record (列表). */
export type TableShape = "single" | "list";

export type ColumnType =
  | "text"
  | "integer"
  | "decimal"
  | "date" // YYYY-MM-DD (Excel date serials accepted)
  | "yearMonth" // YYYYMM
  | "year" // YYYY
  | "code" // one value from a code list
  | "multiCode" // several values from a code list, separated by 、 , ; or /
  | "idCard" // 18-digit 居民身份证号 with check digit
  | "url"
  | "email"
  | "phone";

/** Where a fact comes from. `sourced` = the id/fields are stated by a source; `inferred` = our guess. */
export interface Provenance {
  /** e.g. "es2-2019 fields.csv (表1-6-1 教职工基本信息)", "seed 000 (兰州工业学院 2024)". */
  source: string;
  idStatus: "sourced" | "inferred" | "conflicting";
  fieldsStatus: "sourced" | "inferred" | "unknown";
  /** The id and name used by the source when they differ from ours (e.g. 2019 numbering). */
  sourceId?: string;
  note?: string;
}

export interface CodeValue {
  value: string;
  label: string;
}

export interface CodeList {
  id: string;
  name: string;
  values: CodeValue[];
  provenance: { source: string; note?: string };
}

export interface ColumnDef {
  /** Stable key used in code, rules and hashes (pinyin/ascii, unique within the table). */
  key: string;
  /** Header exactly as the platform prints it. */
  header: string;
  type: ColumnType;
  required: boolean;
  /** 元, 万元, 册, 万册, 平方米, 人 … */
  unit?: string;
  /** id of a CodeList in the same catalog (for code / multiCode). */
  codeList?: string;
  /** Column width in characters. */
  width?: number;
  /** 指标解释. */
  description?: string;
  /** Maximum length in characters for text. */
  maxLength?: number;
  /** Number of decimals for decimal columns. */
  decimals?: number;
  /** Inclusive numeric bounds. */
  min?: number;
  max?: number;
}

export type Severity = "error" | "warning";

/**
 * Rules are data. `kind` selects the check; the validation engine defines the exact semantics of
 * each kind (see src/core/validation). Column references use column keys; cross-table references
 * use `tableId.columnKey`.
 */
export interface RuleDef {
  /** Stable id, e.g. "U.1-5-1.unique-gh". */
  id: string;
  kind: string;
  severity: Severity;
  /** Chinese message template; the engine fills table, row, column, value and expectation. */
  message?: string;
  /** Kind-specific parameters (JSON-compatible). */
  params: Record<string, unknown>;
  provenance: { source: string; note?: string };
}

export interface TableDef {
  /** Id as the platform prints it: "1-5-1", "6.1", "SF-1". */
  id: string;
  name: string;
  /** e.g. "1 学校基本信息". */
  category: string;
  period: PeriodKind;
  shape: TableShape;
  /** 基础表 (base table): filled first, referenced by other tables. */
  base: boolean;
  /** Whether the platform marks the table as required (必填). */
  required: boolean;
  dependsOn: string[];
  columns: ColumnDef[];
  rules: RuleDef[];
  /** Department usually responsible (责任单位), where a source names one. */
  department?: string;
  /** Department whose reviewer approves the table first (审核单位), where a source names one. */
  reviewingDepartment?: string;
  /** 步骤: filling order, 1 = first (base / source tables), where a source gives one. */
  step?: number;
  /** true when the fields are unknown or partial: loads as a sheet that says so. */
  incomplete?: boolean;
  provenance: Provenance;
}

export interface Catalog {
  formatVersion: number;
  /** e.g. "undergraduate-2024". */
  id: string;
  platform: PlatformId;
  /** Edition year of the guide the catalog follows. */
  edition: number;
  name: string;
  tables: TableDef[];
  codeLists: Record<string, CodeList>;
  /** Rules that span tables (existence, exclusivity, aggregates). */
  crossRules: RuleDef[];
  provenance: { source: string; note?: string };
}
