import type { Assignment } from "../../src/core/workflow/assignment";
import { fixedClock } from "../../src/core/workflow/clock";
import {
  OVERVIEW_SHEET,
  buildOverview,
  filterOverview,
  overviewToOps,
  paneHeaderFacts,
  progressByDepartment,
  sortOverview,
  statusJson,
  type OverviewInput,
} from "../../src/core/workflow/overview";
import type { ReviewState } from "../../src/core/workflow/review";
import { MemoryPort } from "./memoryPort";
import { undergraduateCatalog } from "./fixtures";

const a = (tableId: string, department: string, deadline: string | null, step: number, extra: Partial<Assignment> = {}): Assignment => ({
  tableId,
  tableName: "",
  step,
  department,
  assisting: [],
  reviewingDepartment: department,
  clerk: "",
  reviewer: "",
  deadline,
  ...extra,
});

// "Now" is 2024-09-28 01:00 in Shanghai (27th 17:00 UTC): 1-5-1 was due on the 27th.
const clock = fixedClock("2024-09-27T17:00:00Z");

function input(): OverviewInput {
  const catalog = undergraduateCatalog();
  catalog.tables.find((t) => t.id === "5-1-1")!.dependsOn = ["1-5-1", "1-4-1", "2-1"];
  return {
    catalog,
    clock,
    assignments: [
      a("1-2", "党政办", "2024-09-21", 1),
      a("1-4-1", "教务处", "2024-09-22", 2, { assisting: ["各学院"] }),
      a("1-5-1", "人事处", "2024-09-27", 3, { clerk: "张三", reviewer: "李四" }),
      a("2-3-1", "图书馆", "2024-09-30", 4),
      a("5-1-1", "教务处", "2024-10-14", 5),
    ],
    bound: [
      { tableId: "1-5-1", sheet: "1-5-1 教职工基本信息" },
      { tableId: "1-4-1", sheet: "1-4-1 专业基本情况" },
    ],
    progress: [
      { tableId: "1-5-1", rows: 812, errors: 3, warnings: 5 },
      { tableId: "1-4-1", rows: 46, errors: 0, warnings: 0 },
    ],
    states: new Map<string, ReviewState>([
      ["1-2", "finalised"],
      ["1-4-1", "departmentApproved"],
    ]),
    hashStatus: new Map([["1-4-1", "modifiedAfterApproval" as const]]),
  };
}

describe("总览", () => {
  test("one row per table with days left and overdue in Shanghai time", () => {
    const rows = buildOverview(input());
    expect(rows.map((r) => r.tableId)).toEqual(["1-2", "1-4-1", "1-5-1", "2-3-1", "5-1-1", "1-1", "1-3", "1-4-2", "2-1"]);
    const r151 = rows.find((r) => r.tableId === "1-5-1")!;
    expect(r151).toMatchObject({ tableName: "教职工基本信息", sheet: "1-5-1 教职工基本信息", daysLeft: -1, overdue: true, rows: 812, errors: 3, warnings: 5, state: "draft", stateLabel: "填报中" });
    // Past its deadline but already approved: not overdue.
    expect(rows.find((r) => r.tableId === "1-4-1")).toMatchObject({ daysLeft: -6, overdue: false, modifiedAfterApproval: true, stateLabel: "部门已审" });
    expect(rows.find((r) => r.tableId === "2-3-1")).toMatchObject({ daysLeft: 2, overdue: false, rows: 0 });
    expect(rows.find((r) => r.tableId === "1-1")).toMatchObject({ department: "", deadline: null, daysLeft: null, overdue: false });
  });

  test("filter by department (incl. assisting), step, state, overdue; sort", () => {
    const rows = buildOverview(input());
    expect(filterOverview(rows, { department: "教务处" }).map((r) => r.tableId)).toEqual(["1-4-1", "5-1-1"]);
    expect(filterOverview(rows, { department: "各学院" }).map((r) => r.tableId)).toEqual(["1-4-1"]);
    expect(filterOverview(rows, { step: 3 }).map((r) => r.tableId)).toEqual(["1-5-1"]);
    expect(filterOverview(rows, { state: "finalised" }).map((r) => r.tableId)).toEqual(["1-2"]);
    expect(filterOverview(rows, { overdueOnly: true }).map((r) => r.tableId)).toEqual(["1-5-1"]);
    expect(filterOverview(rows, { text: "图书" }).map((r) => r.tableId)).toEqual(["2-3-1"]);
    expect(sortOverview(rows, "errors", "desc")[0].tableId).toBe("1-5-1");
    expect(sortOverview(rows, "deadline").map((r) => r.tableId).slice(0, 5)).toEqual(["1-2", "1-4-1", "1-5-1", "2-3-1", "5-1-1"]);
    expect(sortOverview(rows, "deadline", "desc").slice(-4).every((r) => r.deadline === null)).toBe(true);
    expect(sortOverview(rows, "table").map((r) => r.tableId)).toEqual(["1-1", "1-2", "1-3", "1-4-1", "1-4-2", "1-5-1", "2-1", "2-3-1", "5-1-1"]);
    expect(sortOverview(rows, "state", "desc")[0].tableId).toBe("1-2");
  });

  test("progress per department", () => {
    const p = progressByDepartment(buildOverview(input()));
    expect(p.find((d) => d.department === "教务处")).toEqual({ department: "教务处", tables: 2, submitted: 1, approved: 1, finalised: 0, overdue: 0, errors: 0, warnings: 0, percentSubmitted: 50 });
    expect(p.find((d) => d.department === "人事处")).toMatchObject({ tables: 1, overdue: 1, errors: 3, warnings: 5, percentSubmitted: 0 });
    expect(p.find((d) => d.department === "")?.tables).toBe(4);
  });

  test("`tianbao status --json` shape", () => {
    const json = statusJson(buildOverview(input()));
    expect(json.tables.find((t) => t.id === "1-5-1")).toEqual({
      id: "1-5-1",
      name: "教职工基本信息",
      sheet: "1-5-1 教职工基本信息",
      department: "人事处",
      assisting: [],
      reviewer: "李四",
      reviewingDepartment: "人事处",
      step: 3,
      deadline: "2024-09-27",
      daysLeft: -1,
      overdue: true,
      rows: 812,
      errors: 3,
      warnings: 5,
      state: "draft",
      stateLabel: "填报中",
      modifiedAfterApproval: false,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test("the printable 质量监控表", async () => {
    const rows = buildOverview(input());
    const port = new MemoryPort();
    await port.apply(overviewToOps(rows, { create: true, clock }));
    const [data] = await port.read([{ sheet: OVERVIEW_SHEET }]);
    expect(data.values[0][0]).toBe("数据采集质量监控表");
    expect(data.values[1][0]).toBe("生成日期：2024-09-28");
    expect(data.values[2]).toEqual(["表号", "表名", "步骤", "责任单位", "审核单位", "截止日期", "剩余天数", "已填行数", "错误", "警告", "审核状态", "备注"]);
    const line = data.values.find((r) => r[0] === "1-5-1")!;
    expect(line).toEqual(["1-5-1", "教职工基本信息", "步骤三", "人事处", "人事处", 45562, "已逾期 1 天", 812, 3, 5, "填报中", "逾期"]);
    expect(data.values.find((r) => r[0] === "1-4-1")![11]).toBe("审核后被修改");
    const summary = data.values.find((r) => r[0] === "责任单位")!;
    expect(summary.slice(0, 7)).toEqual(["责任单位", "表数", "已提交", "已审核", "已定稿", "逾期", "完成率"]);
    expect(data.values.find((r) => r[0] === "（未分配）")?.[1]).toBe(4);
  });

  test("pane header: deadline colour and 基础表未完成", () => {
    const inp = input();
    const rows = buildOverview(inp);
    const h = paneHeaderFacts("5-1-1", inp.catalog, rows)!;
    expect(h).toMatchObject({ stepLabel: "步骤五", deadline: "2024-10-14", daysLeft: 16, deadlineText: "还剩 16 天", urgency: "ok" });
    // 1-5-1 (base, 3 errors, not approved) and 1-4-1 (base, approved, no errors) — only 1-5-1 warns; 2-1 is not a base table.
    expect(h.baseWarnings.map((w) => w.message)).toEqual(["基础表未完成：表 1-5-1 教职工基本信息还有 3 个错误"]);
    expect(paneHeaderFacts("1-5-1", inp.catalog, rows)).toMatchObject({ urgency: "overdue", deadlineText: "已逾期 1 天" });
    expect(paneHeaderFacts("2-3-1", inp.catalog, rows)).toMatchObject({ urgency: "soon", deadlineText: "还剩 2 天" });
    expect(paneHeaderFacts("1-2", inp.catalog, rows)).toMatchObject({ urgency: "none", deadlineText: "" });
  });
});
