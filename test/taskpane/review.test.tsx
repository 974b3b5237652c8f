/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { MemoryStore } from "../../src/taskpane/state/storage";
import { saveProfile, type Profile } from "../../src/taskpane/state/profile";
import { readApprovalLog, deriveStates } from "../../src/core/workflow/approvalLog";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";

const SHEET = "1-2 学校相关党政单位";

async function workbookWith(rows: string[][]) {
  const s = defaultServices();
  const catalog = s.getCatalog("undergraduate");
  const workbook = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(workbook.port, catalog, ["1-2"], { statYear: 2024 });
  await writeAssignmentSheet(
    workbook.port,
    [{ tableId: "1-2", tableName: "学校相关党政单位", step: 1, department: "党政办公室", assisting: [], reviewingDepartment: "评估中心", clerk: "王芳", reviewer: "李明", deadline: "2026-12-01" }],
    catalog,
  );
  if (rows.length) await workbook.fake.user.paste(SHEET, "A5", rows);
  await workbook.fake.user.activate(SHEET);
  return workbook;
}

function storeFor(profile: Profile) {
  const store = new MemoryStore();
  saveProfile(store, profile);
  return store;
}

const CLERK: Profile = { name: "王芳", department: "党政办公室", role: "clerk" };
const REVIEWER: Profile = { name: "李明", department: "评估中心", role: "departmentReviewer" };

describe("审核 page", () => {
  it("asks for a sheet bound to a table", async () => {
    renderPane({ initialPage: "review" });
    expect((await screen.findByTestId("review-unbound")).textContent).toBe("请先切换到一个数据表工作表");
  });

  it("without a declared profile every action is disabled with the reason", async () => {
    const workbook = await workbookWith([["党委办公室", "0101", "教学管理", "张三"]]);
    renderPane({ initialPage: "review", workbook });
    expect((await screen.findByTestId("review-state")).textContent).toBe("当前状态：填报中");
    expect(screen.getByTestId("review-no-profile")).toBeTruthy();
    expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("review-submit-why").textContent).toContain("请先在「设置」中填写姓名、部门和角色");
  });

  it("refuses to submit a table with errors, naming how many", async () => {
    const workbook = await workbookWith([["党委办公室", "0101", "党政单位", ""]]);
    renderPane({ initialPage: "review", workbook, store: storeFor(CLERK) });
    await waitFor(() => expect(screen.getByTestId("review-submit-why").textContent).toContain("还有 2 个错误，全部改正后才能提交"));
    expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(true);
  });

  it("a clerk submits; the department reviewer returns it only with a reason; the log records both", async () => {
    const workbook = await workbookWith([["党委办公室", "0101", "教学管理", "张三"]]);
    const clerkPane = renderPane({ initialPage: "review", workbook, store: storeFor(CLERK) });
    await waitFor(() => expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId("review-acting-as").textContent).toBe("当前身份：王芳（党政办公室，填报员）——身份为自行声明");
    fireEvent.click(screen.getByTestId("review-submit"));
    expect((await screen.findByTestId("review-outcome")).textContent).toBe("已提交：1-2 学校相关党政单位 现为「已提交」");
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：已提交"));
    expect(within(screen.getByTestId("review-history")).getAllByRole("listitem")[0].textContent).toContain("王芳（党政办公室，填报员）提交：填报中 → 已提交");
    clerkPane.unmount();

    renderPane({ initialPage: "review", workbook, store: storeFor(REVIEWER) });
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：已提交"));
    expect((screen.getByTestId("review-approve") as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId("review-return"));
    expect((await screen.findByTestId("review-outcome")).textContent).toBe("不能操作：退回必须填写原因");
    fireEvent.change(screen.getByTestId("review-reason"), { target: { value: "单位号与1-3不一致" } });
    fireEvent.click(screen.getByTestId("review-return"));
    await waitFor(() => expect(screen.getByTestId("review-outcome").textContent).toBe("已退回：1-2 学校相关党政单位 现为「填报中」"));
    await waitFor(() => expect(within(screen.getByTestId("review-history")).getAllByRole("listitem")).toHaveLength(2));
    expect(screen.getByTestId("review-history").textContent).toContain("意见：单位号与1-3不一致");

    const log = await readApprovalLog(workbook.port);
    expect(log.records.map((r) => [r.record.action, r.record.person, r.record.role])).toEqual([
      ["submit", "王芳", "clerk"],
      ["return", "李明", "departmentReviewer"],
    ]);
    expect(deriveStates(log).tables.get("1-2")?.state).toBe("draft");
  });
});
