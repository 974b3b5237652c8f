/** Shared inputs for the page-layout tests: overview rows for one department, built by hand. */
import type { DerivedStates } from "../../src/core/workflow/approvalLog";
import { fixedClock } from "../../src/core/workflow/clock";
import type { OverviewRow } from "../../src/core/workflow/overview";

export const clock = fixedClock("2024-09-28T02:00:00Z");

export const noStates: DerivedStates = { tables: new Map(), conflicts: [] };

/** `n` tables of 人事处 (and one of 图书馆), all 填报中. */
export function overviewRows(n: number): OverviewRow[] {
  const row = (i: number, department: string): OverviewRow => ({
    tableId: `9-${i + 1}`,
    tableName: `测试表格名称第${i + 1}张（教职工基本信息）`,
    sheet: null,
    step: 1 + (i % 3),
    department,
    assisting: [],
    reviewingDepartment: department,
    clerk: "张三",
    reviewer: "李四",
    deadline: "2024-10-10",
    daysLeft: 12,
    overdue: false,
    rows: 10 + i,
    errors: 0,
    warnings: i % 2,
    state: "draft",
    stateLabel: "填报中",
    modifiedAfterApproval: false,
    base: false,
  });
  return [...Array.from({ length: n }, (_, i) => row(i, "人事处")), row(n, "图书馆")];
}
