import * as fs from "fs";
import * as path from "path";
import { undergraduateCatalogData } from "../../src/core/catalog/data/undergraduate.generated";
import { undergraduateRules } from "../../src/core/catalog/data/undergraduate-rules";
import { rowsOf } from "../../src/core/validation/coverage";
/* eslint-disable @typescript-eslint/no-require-imports */
const { derive, compare, matchColumn } = require("../../tools/rules/derive.js");
const { parseRulesCsv } = require("../../tools/rules/rules-csv.js");

const RULES_CSV = path.resolve(__dirname, "../../../shared/reference/es2-2019/rules.csv");

/** Where the data file deliberately differs from a literal reading of the vendor text. */
const DELIBERATE: Record<number, string> = {
  24: "“表1-6-2” is 2018 numbering for the 外聘 table (1-5-3), not 教职工其他信息",
  31: "the 外聘 table cannot exclude itself; read as the rule against 1-5-1",
  37: "“表1-6-2” is 2018 numbering for the 外聘 table (1-5-3)",
  42: "入学年份 < 填报年份 would flag every freshman at the 时点; encoded as ≤",
  191: "6-3-3 is a single-record form: one 省份+批次 per sheet, uniqueness cannot fail",
};

(fs.existsSync(RULES_CSV) ? describe : describe.skip)("mechanical derivation from the vendor texts", () => {
  const rows = parseRulesCsv(fs.readFileSync(RULES_CSV, "utf8"));
  const derived = derive(rows, undergraduateCatalogData);
  const encoded = Object.values(undergraduateRules.tableRules).flat();
  const { agree, differ } = compare(derived, encoded, rowsOf);

  test("uniqueness keys, exclusive pairs and date windows derived from the texts match the data file", () => {
    expect(agree.length).toBeGreaterThanOrEqual(100);
    expect(differ.map((d: { row: number }) => d.row).sort((a: number, b: number) => a - b)).toEqual(Object.keys(DELIBERATE).map(Number));
  });

  test("header fragments map to es2 column ids", () => {
    const t = undergraduateCatalogData.tables.find((x) => x.id === "3-5-1")!;
    expect(matchColumn(t, "工号")).toBe("GH");
    expect(matchColumn(t, "立项编号")).toBe("LXBH");
    expect(matchColumn(t, "结题验收或鉴定时间")).toBe("JTYSHJDSJ");
    expect(matchColumn(t, "不存在的列")).toBeNull();
  });
});
