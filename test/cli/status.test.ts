/**
 * `tianbao status` on a workbook made by the template loader (xlsx adapter), assigned on the
 * 责任分解 sheet and reviewed through the workflow core: the overview lines, --json shape,
 * --today fixing the clock (Asia/Shanghai), and exit codes 0 / 2.
 */
import * as fs from "fs";
import * as path from "path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { reviewedWorkbook, run, tmpDir } from "./statusFixtures";

jest.setTimeout(90_000);
const tmp = tmpDir("tb-status-");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = path.join(tmp, "reviewed.xlsx");
beforeAll(() => reviewedWorkbook(file));

describe("tianbao status", () => {
  test("--json: one entry per table in the documented shape, state from the approval log, days from --today", async () => {
    const r = await run(["status", file, "--json", "--today", "2024-10-15"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { tables: Array<Record<string, unknown>> };
    const units = j.tables.find((x) => x.id === "1-3")!;
    const staff = j.tables.find((x) => x.id === "1-5-1")!;
    for (const key of ["id", "name", "sheet", "department", "assisting", "reviewer", "step", "deadline", "daysLeft", "rows", "errors", "warnings", "state"]) {
      expect(units).toHaveProperty(key);
    }
    expect(units).toMatchObject({ name: "学校教学科研单位", department: "教务处", reviewer: "李明", step: 1, deadline: "2024-10-10", daysLeft: -5, rows: 1, errors: 0, state: "departmentApproved", overdue: false });
    expect(typeof units.sheet).toBe("string");
    expect(staff).toMatchObject({ department: "人事处", assisting: ["教务处"], deadline: "2024-10-01", daysLeft: -14, rows: 2, state: "draft", overdue: true });
    // tables of the catalog that nobody loaded are listed too, without a sheet
    expect(j.tables.find((x) => x.id === "1-1")).toMatchObject({ sheet: null, rows: 0, state: "draft" });
  });

  test("--today moves the days left of every deadline", async () => {
    const before = JSON.parse((await run(["status", file, "--json", "--today", "2024-10-09"])).out);
    expect(before.tables.find((x: { id: string }) => x.id === "1-5-1").daysLeft).toBe(-8);
    expect(before.tables.find((x: { id: string }) => x.id === "1-3").daysLeft).toBe(1);
  });

  test("human output: Chinese lines per table, overdue flagged, progress per department", async () => {
    const r = await run(["status", file, "--today", "2024-10-15"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("今天 2024-10-15");
    expect(r.out).toMatch(/表1-5-1 教职工基本信息｜人事处｜截止 2024-10-01（已逾期 14 天）｜2 行｜\d+ 个错误｜\d+ 个警告｜填报中 +【逾期】/);
    expect(r.out).toContain("表1-3 学校教学科研单位｜教务处｜截止 2024-10-10｜1 行｜0 个错误｜0 个警告｜部门已审");
    expect(r.out).toContain("教务处：1 张表，已提交 1，已审核 1，已定稿 0，逾期 0，完成 100%");
    expect(r.out).toContain("人事处：1 张表，已提交 0，已审核 0，已定稿 0，逾期 1，完成 0%");
    expect(r.out).toMatch(/共 3 张表：已提交 1 张，逾期 1 张，审核后被修改 0 张/);
  });

  test("an edited approved table is flagged 审核后被修改 (status still exits 0: it is a report)", async () => {
    const edited = path.join(tmp, "edited.xlsx");
    const wb = await XlsxWorkbook.open(file);
    const sheet = (await wb.getSheets()).find((s) => s.customProperties["tianbao.tableId"] === "1-3")!.name;
    await wb.apply([{ kind: "unprotectSheet", sheet }, { kind: "setValues", sheet, address: "A5", values: [["教务部"]] }]);
    await wb.save(edited);
    const r = await run(["status", edited, "--today", "2024-10-15"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/表1-3 学校教学科研单位.*部门已审 +【审核后被修改】/);
    const j = JSON.parse((await run(["status", edited, "--json", "--today", "2024-10-15"])).out);
    expect(j.tables.find((x: { id: string }) => x.id === "1-3").modifiedAfterApproval).toBe(true);
  });

  test("English output with --lang en", async () => {
    const r = await run(["--lang", "en", "status", file, "--today", "2024-10-15"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/table 1-5-1 教职工基本信息 \| 人事处 \| due 2024-10-01 \(14 days overdue\)/);
    expect(r.out).toContain("department-approved");
  });

  test("exit 2 with the reason: bad --today, missing file, not a Tianbao workbook", async () => {
    const bad = await run(["status", file, "--today", "2024-13-01"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--today 的值“2024-13-01”不是日期");
    const missing = await run(["status", path.join(tmp, "nope.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("nope.xlsx");
    const plain = XlsxWorkbook.create();
    await plain.apply([{ kind: "setValues", sheet: "Sheet1", address: "A1", values: [["随便一张表"]] }]);
    const plainFile = path.join(tmp, "plain.xlsx");
    await plain.save(plainFile);
    const notOurs = await run(["status", plainFile]);
    expect(notOurs.code).toBe(2);
    expect(notOurs.err).toContain("不是填报助手工作簿");
  });
});

test("text output hides catalog tables nobody loaded or assigned unless --all", async () => {
  const r = await run(["status", file, "--today", "2024-10-15"]);
  expect(r.out).not.toContain("表1-1 学校概况");
  expect(r.out).toMatch(/另有 \d+ 张表既未装载也未分配，未列出（--all 显示全部）/);
  const all = await run(["status", file, "--today", "2024-10-15", "--all"]);
  expect(all.out).toContain("表1-1 学校概况｜未分配｜截止 未定｜0 行");
});
