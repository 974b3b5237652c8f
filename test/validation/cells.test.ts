import fc from "fast-check";
import { checkCell, idCardCheckChar, idCardProblem } from "../../src/core/validation";
import { cellKey } from "../../src/core/validation/indexes";
import { indexCodeList } from "../../src/core/validation/columns";
import {
  dateToSerial,
  isExcelError,
  normalizeHeader,
  isEmptyValue,
  normalizeKey,
  normalizeText,
  parseBoolean,
  parseDate,
  parseNumber,
  parseYear,
  parseYearMonth,
  plainYearMonth,
  serialToDate,
  toHalfWidth,
} from "../../src/core/validation/normalize";
import { col } from "./helpers";

const msgs = (ps: readonly { message: string }[]) => ps.map((p) => p.message);

describe("normalisation (for checking only)", () => {
  test("full-width digits and letters become half-width; NBSP and full-width spaces are trimmed", () => {
    expect(toHalfWidth("２０２４ＡＢ")).toBe("2024AB");
    expect(normalizeKey("\u00a0t００１\u3000")).toBe("T001");
    expect(normalizeHeader(" 使用面积\n（平方米）* ")).toBe(normalizeHeader("使用面积(平方米)"));
  });

  test("the allocation-free key path gives exactly the trimmed, half-width, upper-cased text", () => {
    const chars = fc.constantFrom(..."aZz09 -_·\u00a0\u3000\u3001\u4e00\u9fa5\u9fff\ua000ａＡ０éßıΣ\t\n\u200b\ufeff#");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }).map((a) => a.join("")), (s) => {
        expect(normalizeKey(s)).toBe(normalizeText(s).toUpperCase());
        expect(cellKey(s)).toBe(isEmptyValue(s) ? null : normalizeText(s).toUpperCase());
      }),
      { numRuns: 3000 },
    );
    expect(normalizeKey("2021000001")).toBe("2021000001");
    expect(normalizeKey("gb/t 7714")).toBe("GB/T 7714");
    expect(normalizeKey("straße")).toBe("STRASSE");
  });

  test("numbers stored as text, thousands separators, full-width digits", () => {
    expect(parseNumber("1,234.5")).toEqual({ ok: true, value: 1234.5, asText: true, fullWidth: false });
    expect(parseNumber("１２")).toEqual({ ok: true, value: 12, asText: true, fullWidth: true });
    expect(parseNumber("12元").ok).toBe(false);
    expect(parseNumber(true).ok).toBe(false);
  });

  test("Excel date serials both ways, including the 1900 leap-year bug", () => {
    expect(serialToDate(45565)).toEqual({ y: 2024, m: 9, d: 30 });
    expect(dateToSerial({ y: 2024, m: 9, d: 30 })).toBe(45565);
    expect(serialToDate(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(serialToDate(0)).toBeNull();
  });

  test("dates, year-months and years in the forms clerks type", () => {
    expect(parseDate("2024/9/30")).toMatchObject({ y: 2024, m: 9, d: 30 });
    expect(parseDate("2024年9月30日")).toMatchObject({ y: 2024, m: 9, d: 30 });
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseYearMonth("202409")).toMatchObject({ y: 2024, m: 9 });
    expect(parseYearMonth(202409)).toMatchObject({ y: 2024, m: 9 });
    expect(parseYearMonth(45536)).toMatchObject({ y: 2024, m: 9 }); // Excel turned "2024-09" into a date
    expect(parseYearMonth("202413")).toBeNull();
    expect(parseYear("２０２４")).toMatchObject({ y: 2024 });
    expect(parseYear(45565)).toBeNull();
  });

  test("six-character year-months read without a pattern agree with the general reading", () => {
    // the general reading of a six-character text (trim, half-width, then the YYYYMM pattern)
    const general = (s: string) => {
      const m = /^(\d{4})(\d{2})$/.exec(toHalfWidth(s.trim()));
      if (!m) return "other";
      const y = +m[1], mo = +m[2];
      return mo >= 1 && mo <= 12 && y >= 1000 ? { granularity: "month", y, m: mo, d: 1 } : null;
    };
    const six = fc.array(fc.constantFrom("0", "1", "2", "9", "3", "a", " ", "-", "１", "年"), { minLength: 6, maxLength: 6 }).map((a) => a.join(""));
    fc.assert(
      fc.property(six, (s) => {
        const want = general(s);
        if (want !== "other") expect(parseYearMonth(s)).toEqual(want);
      }),
      { numRuns: 2000 },
    );
    expect(parseYearMonth("000012")).toBeNull();
    // plainYearMonth: YYYYMM exactly when parseYearMonth reads that month, -1 otherwise
    fc.assert(
      fc.property(fc.oneof(six, fc.integer({ min: -10, max: 1_000_000 }), fc.double()), (v) => {
        const x = plainYearMonth(v);
        if (x >= 0) expect(parseYearMonth(v)).toEqual({ granularity: "month", y: Math.floor(x / 100), m: x % 100, d: 1 });
        else if (typeof v === "string" && /^\d{6}$/.test(v)) expect(parseYearMonth(v)).toBeNull();
      }),
      { numRuns: 3000 },
    );
    expect(parseYearMonth("199912")).toEqual({ granularity: "month", y: 1999, m: 12, d: 1 });
  });

  test("booleans and Excel error values", () => {
    expect(parseBoolean(true)).toBe(true);
    expect(parseBoolean(" 否 ")).toBe(false);
    expect(parseBoolean("也许")).toBeNull();
    expect(isExcelError("#N/A")).toBe(true);
    expect(isExcelError("#VALUE!")).toBe(true);
    expect(isExcelError("#不是")).toBe(false);
  });
});

describe("ID card (居民身份证号)", () => {
  test("ISO 7064 MOD 11-2 check character", () => {
    expect(idCardCheckChar("11010519491231002")).toBe("X");
    expect(idCardCheckChar("44052418800101001")).toBe("4");
  });
  test("valid, wrong check digit, bad birth date, wrong length", () => {
    expect(idCardProblem("11010519491231002X")).toBeNull();
    expect(idCardProblem("11010519491231002x")).toBeNull();
    expect(idCardProblem("110105194912310021")).toBe("校验位错误（第18位按前17位计算应为“X”）");
    expect(idCardProblem("110105194913310023")).toBe("出生日期“19491331”无效");
    expect(idCardProblem("1101051949123100")).toBe("应为18位（实际16位）");
  });
  test("a number-typed ID card lost its last digits", () => {
    expect(msgs(checkCell(col("SFZ", "身份证号", "idCard"), 110105194912310020))).toEqual([
      "“110105194912310020”被存成了数字（末几位可能已丢失），请把单元格设为文本后重新输入18位身份证号",
    ]);
  });
});

describe("column checks", () => {
  test("required, error values, spaces", () => {
    expect(msgs(checkCell(col("A", "甲", "text", { required: true }), "  "))).toEqual(["不能为空"]);
    expect(checkCell(col("A", "甲", "integer", { required: true }), "#N/A")).toEqual([
      { rule: "column.excelError", severity: "error", message: "是错误值 #N/A（公式出错或引用失效），请改为实际的值" },
    ]);
    expect(checkCell(col("A", "甲"), "T001\u00a0")).toEqual([
      { rule: "column.spaces", severity: "warning", message: "“T001\u00a0”前后有空格，应为“T001”（上传后可能无法与其他表匹配）" },
    ]);
  });

  test("integers and decimals: numbers as text pass, full-width digits are a warning with the fix", () => {
    const c = col("N", "人数", "integer", { min: 0 });
    expect(checkCell(c, "12")).toEqual([]);
    expect(checkCell(c, "２０２４")).toEqual([{ rule: "column.fullWidth", severity: "warning", message: "“２０２４”含全角数字，应为“2024”" }]);
    expect(msgs(checkCell(c, "12.5"))).toEqual(["“12.5”不是整数，应填整数"]);
    expect(msgs(checkCell(c, -1))).toEqual(["“-1”小于最小值0"]);
    expect(msgs(checkCell(c, true))).toEqual(["是逻辑值TRUE，应填整数"]);
    expect(msgs(checkCell(col("M", "面积", "decimal", { decimals: 2, unit: "平方米" }), "12.345"))).toEqual(["“12.345”的小数超过2位"]);
    expect(msgs(checkCell(col("M", "面积", "decimal", { unit: "平方米" }), "约100"))).toEqual(["“约100”不是数字，应填数字（单位：平方米）"]);
  });

  test("dates, year-months and years", () => {
    expect(msgs(checkCell(col("D", "日期", "date"), "2024-02-30"))).toEqual(["“2024-02-30”不是有效日期，应为YYYY-MM-DD（如 2024-09-30）"]);
    expect(checkCell(col("D", "日期", "date"), 45565)).toEqual([]);
    expect(checkCell(col("YM", "入校时间", "yearMonth"), "2019.9")).toEqual([{ rule: "column.yearMonth", severity: "warning", message: "“2019.9”的写法不规范，应为YYYYMM，即“201909”" }]);
    expect(msgs(checkCell(col("YM", "入校时间", "yearMonth"), "2019.13"))).toEqual(["“2019.13”不是有效年月，应为YYYYMM（如 202409）"]);
    expect(checkCell(col("YM", "入校时间", "yearMonth"), "2019-09")).toEqual([]);
    expect(msgs(checkCell(col("Y", "年份", "year"), 43466))).toEqual(["“43466”不是四位年份，应为YYYY（如 2024）（单元格是日期 2019-01-01，应只填年份“2019”）"]);
    expect(msgs(checkCell(col("Y", "年份", "year"), "19"))).toEqual(["“19”不是四位年份，应为YYYY（如 2024）"]);
  });

  const sex = indexCodeList({ id: "XB", name: "性别", values: [{ value: "01", label: "男" }, { value: "02", label: "女" }], provenance: { source: "t" } });
  const yn = indexCodeList({ id: "SF", name: "是否", values: [{ value: "01", label: "是" }, { value: "02", label: "否" }], provenance: { source: "t" } });

  test("code columns hold the name: the name passes, a code typed instead names the name to use, anything else lists the names", () => {
    const c = col("XB", "性别", "code", { codeList: "XB" });
    expect(checkCell(c, "男", sex)).toEqual([]);
    expect(checkCell(c, "01", sex)).toEqual([{ rule: "column.codeValue", severity: "error", message: "填写的是代码“01”，应填名称“男”" }]);
    expect(checkCell(c, 1, sex)).toEqual([{ rule: "column.code", severity: "error", message: "“1”不在代码表【性别】中，可填：男、女" }]);
    expect(msgs(checkCell(c, "M", sex))).toEqual(["“M”不在代码表【性别】中，可填：男、女"]);
    expect(msgs(checkCell(col("S", "是否", "code", { codeList: "SF" }), true, yn))).toEqual(["是逻辑值TRUE，应填“是”"]);
  });

  test("multi-code cells are split on 、,;/ and each part checked", () => {
    const c = col("PC", "招生批次", "multiCode", { codeList: "XB" });
    expect(checkCell(c, "男、女", sex)).toEqual([]);
    expect(msgs(checkCell(c, "男;02;03", sex))).toEqual(["填写的是代码“02”，应填名称“女”", "“03”不在代码表【性别】中，可填：男、女"]);
  });

  test("url, email, phone, text length", () => {
    expect(checkCell(col("U", "学校网址", "url"), "http://www.lzit.edu.cn")).toEqual([]);
    expect(checkCell(col("U", "学校网址", "url"), "www.lzit.edu.cn")).toEqual([]);
    expect(msgs(checkCell(col("U", "学校网址", "url"), "lzit"))).toEqual(["“lzit”不是有效网址（如 http://www.example.edu.cn）"]);
    expect(checkCell(col("E", "邮箱", "email"), "a.b@lzit.edu.cn")).toEqual([]);
    expect(msgs(checkCell(col("E", "邮箱", "email"), "a.b@"))).toEqual(["“a.b@”不是有效的电子邮箱（如 name@example.edu.cn）"]);
    expect(checkCell(col("P", "联系电话", "phone"), "13812345678")).toEqual([]);
    expect(checkCell(col("P", "联系电话", "phone"), "0931-2861234")).toEqual([]);
    expect(msgs(checkCell(col("P", "联系电话", "phone"), "2861234"))).toEqual(["“2861234”不是有效的电话号码，应为11位手机号或带区号的固定电话（如 0931-2861234）"]);
    expect(msgs(checkCell(col("T", "名称", "text", { maxLength: 5 }), "一二三四五六"))).toEqual(["长度为6个字，超过上限5个字"]);
  });
});
