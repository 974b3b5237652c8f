/** @jest-environment jsdom */
/**
 * 审核 page, against the real Excel adapter over the fake: a department reviewer from the wrong
 * department is refused with the core's reason, the right one approves, the timeline shows the
 * records, and the 审核表 is generated for a department (never overwriting an earlier form), with
 * the "identity is declared, not authenticated" notice beside it.
 */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { MemoryStore } from "../../src/taskpane/state/storage";
import { saveProfile, type Profile } from "../../src/taskpane/state/profile";
import { readApprovalLog } from "../../src/core/workflow/approvalLog";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";

const SHEET = "1-2 学校相关党政单位";
const CLERK: Profile = { name: "王芳", department: "党政办公室", role: "clerk" };
const WRONG: Profile = { name: "周杰", department: "教务处", role: "departmentReviewer" };
const RIGHT: Profile = { name: "李明", department: "评估中心", role: "departmentReviewer" };

async function workbook(row: string[] = ["党委办公室", "0101", "教学管理", "张三"]) {
  const s = defaultServices();
  const catalog = s.getCatalog("undergraduate");
  const w = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(w.port, catalog, ["1-2"], { statYear: 2024 });
  await writeAssignmentSheet(
    w.port,
    [{ tableId: "1-2", tableName: "学校相关党政单位", step: 1, department: "党政办公室", assisting: [], reviewingDepartment: "评估中心", clerk: "王芳", reviewer: "李明", deadline: "2026-12-01" }],
    catalog,
  );
  await w.fake.user.paste(SHEET, "A5", [row]);
  await w.fake.user.activate(SHEET);
  return w;
}

function storeFor(p: Profile) {
  const store = new MemoryStore();
  saveProfile(store, p);
  return store;
}

const history = () => within(screen.getByTestId("review-history")).queryAllByRole("listitem");

describe("审核 page: roles, timeline and the 审核表", () => {
  it("refuses a reviewer of another department, lets the 审核单位's reviewer approve, and shows both records in the timeline", async () => {
    const w = await workbook();
    const clerk = renderPane({ initialPage: "review", workbook: w, store: storeFor(CLERK) });
    await waitFor(() => expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("review-submit"));
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：已提交"));
    clerk.unmount();

    const wrong = renderPane({ initialPage: "review", workbook: w, store: storeFor(WRONG) });
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：已提交"));
    expect((screen.getByTestId("review-approve") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("review-approve-why").textContent).toBe(
      "表 1-2 学校相关党政单位 的部门审核只能由审核单位「评估中心」的审核员操作，你的部门是「教务处」",
    );
    expect((await readApprovalLog(w.port)).records).toHaveLength(1);
    wrong.unmount();

    renderPane({ initialPage: "review", workbook: w, store: storeFor(RIGHT) });
    await waitFor(() => expect((screen.getByTestId("review-approve") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("review-approve"));
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：部门已审"));
    await waitFor(() => expect(history()).toHaveLength(2));
    expect(history()[0].textContent).toContain("王芳（党政办公室，填报员）提交：填报中 → 已提交");
    expect(history()[1].textContent).toContain("李明（评估中心，部门审核员）通过：已提交 → 部门已审");
    expect(history()[1].textContent).toMatch(/^2026-11-23T12:00:00\+08:00/);
  });

  it("generates the department's 审核表 as a new sheet, never overwriting an earlier one; says identity is declared", async () => {
    const w = await workbook();
    renderPane({ initialPage: "review", workbook: w, store: storeFor(CLERK) });
    expect((await screen.findByTestId("identity-notice")).textContent).toContain("未经认证");
    await waitFor(() => expect((screen.getByTestId("signoff-department") as HTMLSelectElement).value).toBe("党政办公室"));
    fireEvent.click(screen.getByTestId("signoff-generate"));
    await waitFor(() => expect(screen.getByTestId("signoff-message").textContent).toBe("已生成审核表「审核表-党政办公室」（党政办公室，1 张表）"));
    const [form] = await w.port.read([{ sheet: "审核表-党政办公室" }]);
    const text = form.values.map((r) => r.join("|")).join("\n");
    expect(text).toContain("提交单位名称：党政办公室");
    expect(text).toMatch(/1\|1-2\|学校相关党政单位\|王芳\|李明\|\|\|填报中\|未提交/);
    expect(text).toContain("数据负责人签字");

    fireEvent.click(screen.getByTestId("signoff-generate"));
    await waitFor(() => expect(screen.getByTestId("signoff-message").textContent).toContain("「审核表-党政办公室 (2)」"));
    const names = (await w.port.getSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["审核表-党政办公室", "审核表-党政办公室 (2)"]));
  });
  it("a clerk cannot submit while a warning is unexplained; once explained (bound to the row's hash) the submit goes through", async () => {
    const w = await workbook([" 党委办公室 ", "0101", "教学管理", "张三"]);
    renderPane({ initialPage: "review", workbook: w, store: storeFor(CLERK) });
    await waitFor(() => expect(screen.getByTestId("review-submit-why").textContent).toBe("表 1-2 学校相关党政单位 还有 1 个警告没有填写异常数据说明（第 5 行），说明后才能提交"));
    expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(true);

    // the clerk explains it on the 校验 page (here through the same core call)
    const { appendExplanation } = await import("../../src/core/workflow/explanations");
    const { rowHash } = await import("../../src/core/workflow/hash");
    const { snapshotTables } = await import("../../src/core/workflow/verify");
    const catalog = defaultServices().getCatalog("undergraduate");
    const [snap] = await snapshotTables(w.port, catalog, [{ tableId: "1-2", sheet: SHEET }]);
    await appendExplanation(w.port, { tableId: "1-2", rowKey: "5", rule: "column.spaces", text: "名称按学校文件书写", person: "王芳", timestamp: "2026-11-23T12:00:00+08:00", rowHash: rowHash(snap.data!.rows[0]) });
    // switching pages re-reads the workbook
    fireEvent.click(screen.getByTestId("tab-check"));
    fireEvent.click(screen.getByTestId("tab-review"));
    await waitFor(() => expect((screen.getByTestId("review-submit") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("review-submit"));
    await waitFor(() => expect(screen.getByTestId("review-state").textContent).toBe("当前状态：已提交"));
  });
});
