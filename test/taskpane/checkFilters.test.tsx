/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { ERROR_FILL } from "../../src/core/live";
import { filterFindings, tablesOf } from "../../src/taskpane/pages/check/filter";
import type { Finding } from "../../src/core/validation/types";

const UNITS = "1-3 学校教学科研单位";
const STAFF = "1-5-1 教职工基本信息";

async function workbook() {
  const s = defaultServices();
  const wb = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(wb.port, s.getCatalog("undergraduate"), ["1-3", "1-5-1"], { statYear: 2024 });
  await wb.fake.user.paste(UNITS, "A5", [["教务处", "D01", "张三", "09"]]); // 单位职能 not in its code list
  await wb.fake.user.paste(STAFF, "A5", [["T001", "李四", "01", "198001", "201009", "在职", "D01", "教务处", "博士研究生", "博士", "本校", "教授", "哲学", "中共党员", "汉族"]]);
  await wb.fake.user.activate(STAFF);
  return wb;
}

const items = () => within(screen.getByTestId("check-findings")).queryAllByTestId("check-finding");

describe("校验 page filters", () => {
  it("filters the workbook's findings by table and by text; the sheet shows the mark", async () => {
    const wb = await workbook();
    renderPane({ initialPage: "check", workbook: wb });
    await waitFor(() => expect(screen.getByTestId("check-workbook-counts").textContent).toMatch(/^工作簿：[1-9]\d* 个错误/));
    fireEvent.change(screen.getByTestId("check-scope"), { target: { value: "workbook" } });
    await waitFor(() => expect(items().some((li) => li.getAttribute("data-cell") === `${UNITS}!D5`)).toBe(true));
    const all = items().length;

    const tableSelect = screen.getByTestId("check-table") as HTMLSelectElement;
    expect([...tableSelect.options].map((o) => o.textContent)).toEqual(["全部数据表", "表1-3 学校教学科研单位", "表1-5-1 教职工基本信息"]);
    fireEvent.change(tableSelect, { target: { value: "1-3" } });
    expect(items().length).toBeGreaterThan(0);
    expect(items().every((li) => li.getAttribute("data-cell")!.startsWith(UNITS))).toBe(true);
    fireEvent.change(tableSelect, { target: { value: "" } });
    expect(items()).toHaveLength(all);

    fireEvent.change(screen.getByTestId("check-search"), { target: { value: "性别" } });
    expect(items().map((li) => li.getAttribute("data-cell"))).toEqual([`${STAFF}!C5`]);
    expect(items()[0].textContent).toContain("填写的是代码“01”，应填名称“男”");
    fireEvent.change(screen.getByTestId("check-search"), { target: { value: "没有这种文字" } });
    expect(items()).toHaveLength(0);
    expect(screen.getByTestId("check-no-findings").textContent).toBe("没有发现问题");
    // the live validator painted the code-label cell in the sheet
    expect(wb.fake.sheet(STAFF).format(4, 2, "fill")).toBe(ERROR_FILL);
  });
});

describe("filterFindings", () => {
  const f = (table: string, severity: "error" | "warning", message: string, cell = "A5"): Finding => ({
    table, sheet: `s${table}`, row: 5, column: "性别", cell, rule: "column.code", severity, message, value: "男",
  });
  const list = [f("1-3", "error", "表1-3 学校教学科研单位 第5行【单位职能】…"), f("1-5-1", "warning", "表1-5-1 教职工基本信息 第5行【性别】 前后有空格", "C5")];

  it("combines severity, table and words (full-width and case tolerant)", () => {
    expect(filterFindings(list, { severity: "warning", table: "", text: "" })).toEqual([list[1]]);
    expect(filterFindings(list, { severity: "all", table: "1-3", text: "" })).toEqual([list[0]]);
    expect(filterFindings(list, { severity: "all", table: "", text: "ｃ５ 空格" })).toEqual([list[1]]);
    expect(filterFindings(list, { severity: "error", table: "1-5-1", text: "" })).toEqual([]);
    expect(tablesOf(list)).toEqual([{ id: "1-3", label: "表1-3 学校教学科研单位" }, { id: "1-5-1", label: "表1-5-1 教职工基本信息" }]);
  });
});
