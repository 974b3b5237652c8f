/** A small workbook with table 1-5-1 on its sheet, and review actions on it, for the workflow tests. */
import { readApprovalLog } from "../../src/core/workflow/approvalLog";
import { fixedClock } from "../../src/core/workflow/clock";
import { dataAreaOf } from "../../src/core/workflow/lock";
import { performReviewAction, type ReviewActionParams } from "../../src/core/workflow/reviewAction";
import type { Profile } from "../../src/core/workflow/review";
import { snapshotTables } from "../../src/core/workflow/verify";
import { appendExplanation, recordForRow } from "../../src/core/workflow/explanations";
import { rowHash } from "../../src/core/workflow/hash";
import { MemoryPort } from "./memoryPort";
import { assignment151, clerk, deptReviewer, undergraduateCatalog } from "./fixtures";

export const SHEET = "1-5-1 教职工基本信息";
export const catalog = undergraduateCatalog();
export const bound = [{ tableId: "1-5-1", sheet: SHEET }];
const assignment = assignment151;
const dept = deptReviewer;

export async function workbook(): Promise<MemoryPort> {
  const port = new MemoryPort();
  await port.apply([
    { kind: "addSheet", sheet: SHEET },
    {
      kind: "setValues",
      sheet: SHEET,
      address: "A1",
      values: [
        ["表1-5-1 教职工基本信息", "", ""],
        ["时点：2024年9月30日", "", ""],
        ["责任单位：", "人事处", ""],
        ["工号", "姓名", "年龄"],
        ["T001", "张三", 35],
        ["T002", "李四", 41],
      ],
    },
  ]);
  return port;
}

/** 1-based Excel row of the record with this sequence. */
export async function rowOf(port: MemoryPort, sequence: number): Promise<number> {
  const log = await readApprovalLog(port);
  return log.records.find((r) => r.record.sequence === sequence)!.row + 1;
}

let minute = 0;
export async function act(port: MemoryPort, action: ReviewActionParams["action"], profile: Profile, reason?: string, extra: Partial<ReviewActionParams> = {}) {
  const [snap] = await snapshotTables(port, catalog, bound);
  minute++;
  return performReviewAction(port, {
    action,
    tableId: "1-5-1",
    tableName: "教职工基本信息",
    sheet: SHEET,
    profile,
    reason,
    assignment,
    rows: snap.data!.rows,
    area: dataAreaOf(snap.data!.layout, 3),
    errors: 0,
    unexplainedWarnings: [],
    ...extra,
    clock: fixedClock(`2024-09-26T0${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}:00Z`),
  });
}

export async function approvedWorkbook(): Promise<MemoryPort> {
  const port = await workbook();
  expect(await act(port, "submit", clerk)).toMatchObject({ ok: true, state: "submitted" });
  expect(await act(port, "approve", dept)).toMatchObject({ ok: true, state: "departmentApproved" });
  return port;
}


/** The clerk's explanation of the warning on row 6 (李四, 41), bound to that row's hash. */
export async function explainRow6(port: MemoryPort) {
  const [snap] = await snapshotTables(port, catalog, bound);
  return appendExplanation(port, {
    tableId: "1-5-1",
    rowKey: "6",
    rule: "U.1-5-1.age-range",
    text: "返聘教师，年龄属实",
    person: "张三",
    timestamp: "2024-09-26T10:00:00+08:00",
    rowHash: rowHash(recordForRow(snap.data!, 6)!),
  });
}
