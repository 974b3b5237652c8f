/**
 * The workflow over the real adapters: the Excel adapter running on the Excel fake (Office.js
 * semantics: typed-input conversion, protection, very hidden sheets, custom properties) and the
 * xlsx adapter (ExcelJS, saved and reopened). The 数据指纹 must be identical across them.
 */
import type { CellValue, WorkbookOp, WorkbookPort } from "../../src/core/workbook/port";
import { createFakeWorkbookPort } from "../../src/fake";
import { XlsxWorkbook } from "../../src/adapters/xlsx/XlsxWorkbook";
import { APPROVAL_SHEET } from "../../src/core/template/layout";
import { fixedClock } from "../../src/core/workflow/clock";
import { dataAreaOf } from "../../src/core/workflow/lock";
import { performReviewAction } from "../../src/core/workflow/reviewAction";
import type { Profile, ReviewAction } from "../../src/core/workflow/review";
import { snapshotTables, verifyThroughPort } from "../../src/core/workflow/verify";
import { readApprovalLog } from "../../src/core/workflow/approvalLog";
import { syncReviewStatus } from "../../src/core/workflow/reviewStatus";
import { assignment151, clerk, deptReviewer } from "./fixtures";
import { SHEET, bound, catalog } from "./scenario";

// Real templates and adapters: allow for a busy machine.
jest.setTimeout(30000);

const DATA: CellValue[][] = [
  ["表1-5-1 教职工基本信息", "", ""],
  ["时点：2024年9月30日", "", ""],
  ["责任单位：", "人事处", ""],
  ["工号", "姓名", "年龄"],
  ["T001", "张三 ", 35],
  ["T002", "李四\n（返聘）", 0.1 + 0.2],
  ["T003", "王五", 45565],
];

function setupOps(): WorkbookOp[] {
  return [
    { kind: "addSheet", sheet: SHEET },
    { kind: "setFormat", sheet: SHEET, address: "A5:A7", format: { numberFormat: "@" } },
    { kind: "setValues", sheet: SHEET, address: "A1", values: DATA },
  ];
}

async function review(port: WorkbookPort, action: ReviewAction, profile: Profile, minute: number) {
  const [snap] = await snapshotTables(port, catalog, bound);
  return performReviewAction(port, {
    action,
    tableId: "1-5-1",
    tableName: "教职工基本信息",
    sheet: SHEET,
    profile,
    assignment: assignment151,
    rows: snap.data!.rows,
    area: dataAreaOf(snap.data!.layout, 3),
    errors: 0,
    unexplainedWarnings: [],
    clock: fixedClock(`2024-09-26T02:${String(minute).padStart(2, "0")}:00Z`),
  });
}

describe("workflow over the Excel adapter (fake Excel)", () => {
  test("submit, approve (locks the sheet), the clerk cannot type, verify; editing after unprotecting by hand is caught", async () => {
    const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    await port.apply(setupOps());
    expect(await review(port, "submit", clerk, 1)).toMatchObject({ ok: true });
    expect(await review(port, "approve", deptReviewer, 2)).toMatchObject({ ok: true, state: "departmentApproved" });
    const sheets = await port.getSheets();
    expect(sheets.find((s) => s.name === APPROVAL_SHEET)?.visibility).toBe("veryHidden");
    expect(sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
    await expect(fake.user.type(SHEET, "C5", 36)).rejects.toThrow("受保护");
    // Hashes in the log are text, not numbers, after Excel's typed-input conversion.
    const log = await readApprovalLog(port);
    expect(log.records).toHaveLength(2);
    expect(log.records.every((r) => /^[0-9a-f]{64}$/.test(r.record.recordHash))).toBe(true);
    expect((await verifyThroughPort(port, catalog, bound)).ok).toBe(true);

    // The state is visible on the sheet itself (display only), next to the deadline.
    const status = async () => (await port.read([{ sheet: SHEET, address: "G3:H3" }]))[0].values[0];
    expect(await status()).toEqual(["审核状态：", "部门已审"]);

    await fake.user.removeProtection(SHEET);
    await fake.user.type(SHEET, "C5", 36);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.tables[0].hashStatus).toBe("modifiedAfterApproval");

    // Protected again by hand: the status cell is still writable and shows the problem in red.
    await port.apply([{ kind: "protectSheet", sheet: SHEET }]);
    await syncReviewStatus(port, catalog, bound);
    expect(await status()).toEqual(["审核状态：", "审核后被修改（部门已审）"]);
    expect(fake.getSheet(SHEET).format(2, 7, "fontColor")).toBe("#C00000");
    // Nothing to do when it is already shown.
    const apply = jest.spyOn(port, "apply");
    await syncReviewStatus(port, catalog, bound);
    expect(apply).not.toHaveBeenCalled();
  });
});

describe("workflow over the xlsx adapter", () => {
  test("the log, anchors and lock survive save and reopen; the hash equals the Excel adapter's", async () => {
    const x = XlsxWorkbook.create();
    await x.apply(setupOps());
    expect(await review(x, "submit", clerk, 1)).toMatchObject({ ok: true });
    expect(await review(x, "approve", deptReviewer, 2)).toMatchObject({ ok: true });
    const reopened = await XlsxWorkbook.open(await x.toBuffer());
    const report = await verifyThroughPort(reopened, catalog, bound);
    expect(report.ok).toBe(true);
    expect(report.tables[0]).toMatchObject({ state: "departmentApproved", hashStatus: "match" });
    expect((await reopened.getSheets()).find((s) => s.name === SHEET)?.protected).toBe(true);

    const { port: excel } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    await excel.apply(setupOps());
    const [a] = await snapshotTables(excel, catalog, bound);
    const [b] = await snapshotTables(reopened, catalog, bound);
    expect(b.dataHash).toBe(a.dataHash);
    expect(report.tables[0].dataHash).toBe(a.dataHash);
  });
});
