/**
 * The peer for the full-check benchmark: ajv with compiled JSON Schemas for the SAME row-level
 * checks the engine makes per cell — types, required, text lengths, numeric bounds, patterns for
 * dates, YYYYMM, YYYY, ID-card numbers, email, phone and URL, and enums for code lists.
 * (ajv cannot do what the engine adds on top: full-width/space hints, label-instead-of-code
 * messages, the ID check digit, Chinese messages, and no cross-record rules at all.)
 *
 * Both sides start from the same sheet values (RangeData as `readTable` gets them): the ajv side
 * turns each record row into an object keyed by column key (empty cells left out, so `required`
 * works) and validates it with `allErrors: true`, as a checker that reports every problem must.
 */
import Ajv, { type ValidateFunction } from "ajv";
import type { Catalog, ColumnDef, TableDef } from "../src/core/catalog/types";
import type { CellValue } from "../src/core/workbook/port";
import { FIRST_DATA_ROW } from "../src/core/template/layout";

const NUMBER_TEXT = "^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$";
const INTEGER_TEXT = "^\\s*[+-]?\\d+\\s*$";
const DATE_TEXT = "^\\s*\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}日?\\s*$|^\\d{8}$";
const YEAR_MONTH_TEXT = "^\\s*\\d{4}(0[1-9]|1[0-2])\\s*$|^\\s*\\d{4}[-/.年](0?[1-9]|1[0-2])月?\\s*$";
const YEAR_TEXT = "^\\s*(19|20)\\d{2}年?\\s*$|^\\s*2100\\s*$";
const ID_CARD = "^\\s*[1-9]\\d{5}(19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]\\s*$";
const URL = "^\\s*(https?://)?([a-zA-Z0-9\\u4e00-\\u9fa5]([a-zA-Z0-9\\u4e00-\\u9fa5-]*[a-zA-Z0-9\\u4e00-\\u9fa5])?\\.)+[a-zA-Z\\u4e00-\\u9fa5]{2,}(:\\d{1,5})?(/\\S*)?\\s*$";
const EMAIL = "^\\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\s*$";
const PHONE = "^\\s*((\\+?86[- ]?)?1[3-9]\\d{9}|(\\(0\\d{2,3}\\)|0\\d{2,3})[- ]?\\d{7,8}([-转]\\d{1,6})?)\\s*$";

function columnSchema(col: ColumnDef, catalog: Catalog): Record<string, unknown> {
  const num = (extra: Record<string, unknown>) => ({ type: ["number", "string"], ...extra, ...(col.min !== undefined ? { minimum: col.min } : {}), ...(col.max !== undefined ? { maximum: col.max } : {}) });
  switch (col.type) {
    case "text":
      return { type: ["string", "number"], ...(col.maxLength ? { maxLength: col.maxLength } : {}) };
    case "integer":
      return { ...num({ pattern: INTEGER_TEXT }), type: ["integer", "string"] };
    case "decimal":
      return num({ pattern: NUMBER_TEXT, ...(col.decimals !== undefined ? { multipleOf: 1 / 10 ** col.decimals } : {}) });
    case "date":
      return { type: ["number", "string"], pattern: DATE_TEXT, minimum: 1, maximum: 2958465 };
    case "yearMonth":
      return { type: ["integer", "string"], pattern: YEAR_MONTH_TEXT, minimum: 100001, maximum: 999912 };
    case "year":
      return { type: ["integer", "string"], pattern: YEAR_TEXT, minimum: 1900, maximum: 2100 };
    case "code": {
      const list = col.codeList ? catalog.codeLists[col.codeList] : undefined;
      if (!list) return { type: ["string", "number"] };
      const values: Array<string | number> = [];
      // cells hold the entry's name (性别 “男”); a name that is a plain number may be stored as one
      for (const v of list.values) {
        values.push(v.label);
        if (/^\d+$/.test(v.label) && !/^0\d/.test(v.label)) values.push(Number(v.label));
      }
      return { enum: [...new Set(values)] }; // names can repeat (two 市区 of the same name)
    }
    case "multiCode": {
      const list = col.codeList ? catalog.codeLists[col.codeList] : undefined;
      if (!list) return { type: ["string", "number"] };
      const alt = list.values.map((v) => v.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
      return { type: "string", pattern: `^\\s*(${alt})(\\s*[、,，;；/|]+\\s*(${alt}))*\\s*$` };
    }
    case "idCard":
      return { type: "string", pattern: ID_CARD };
    case "url":
      return { type: "string", pattern: URL };
    case "email":
      return { type: "string", pattern: EMAIL };
    case "phone":
      return { type: "string", pattern: PHONE };
  }
  return {};
}

/** JSON Schema of one record of `table` (object keyed by column key). */
export function tableSchema(table: TableDef, catalog: Catalog): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of table.columns) properties[c.key] = columnSchema(c, catalog);
  return { type: "object", properties, required: table.columns.filter((c) => c.required).map((c) => c.key) };
}

export interface AjvChecker {
  /** Validates every record row of the sheet values; returns the number of errors. */
  check(table: TableDef, sheet: CellValue[][]): number;
}

/** Compiles one validator per table (like the engine, compiling is not part of the timed check). */
export function compileAjv(catalog: Catalog, tables: TableDef[]): AjvChecker {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  const fns = new Map<string, ValidateFunction>();
  for (const t of tables) fns.set(t.id, ajv.compile(tableSchema(t, catalog)));
  return {
    check(table, sheet) {
      const validate = fns.get(table.id);
      if (!validate) throw new Error(`ajv: no schema for ${table.id}`);
      const keys = table.columns.map((c) => c.key);
      let errors = 0;
      const recs: Array<Record<string, CellValue>> = [];
      if (table.shape === "single") {
        const o: Record<string, CellValue> = {};
        keys.forEach((k, i) => {
          const v = sheet[FIRST_DATA_ROW + i]?.[1];
          if (v !== undefined && v !== "") o[k] = v;
        });
        recs.push(o);
      } else {
        for (let r = FIRST_DATA_ROW; r < sheet.length; r++) {
          const row = sheet[r];
          const o: Record<string, CellValue> = {};
          let any = false;
          for (let c = 0; c < keys.length; c++) {
            const v = row[c];
            if (v !== undefined && v !== "") {
              o[keys[c]] = v;
              any = true;
            }
          }
          if (any) recs.push(o);
        }
      }
      for (const o of recs) if (!validate(o)) errors += validate.errors?.length ?? 0;
      return errors;
    },
  };
}
