/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderPane } from "./helpers";
import { MemoryStore } from "../../src/taskpane/state/storage";

describe("task pane shell", () => {
  it("renders Chinese by default: tabs, the 模板 heading, and 「未绑定数据表」 for a plain sheet", async () => {
    renderPane();
    const nav = screen.getByRole("tablist");
    expect(within(nav).getAllByRole("tab")).toHaveLength(5);
    for (const label of ["模板", "校验", "总览", "审核", "设置"]) expect(within(nav).getByRole("tab", { name: label })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "载入数据表模板" })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("header-unbound").textContent).toBe("未绑定数据表"));
    expect(screen.getByText("当前工作表「Sheet1」不是由填报助手载入的数据表。")).toBeTruthy();
  });

  it("follows Office's display language (English Office → English pane)", () => {
    renderPane({ officeLanguage: "en-GB" });
    expect(screen.getByRole("tab", { name: "Templates" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Load table templates" })).toBeTruthy();
  });

  it("switches to English from 设置 and back, and remembers the choice", async () => {
    const store = new MemoryStore();
    const first = renderPane({ store });
    fireEvent.click(screen.getByRole("tab", { name: "设置" }));
    fireEvent.change(screen.getByTestId("settings-language"), { target: { value: "en-US" } });
    expect(screen.getByRole("tab", { name: "Settings" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Templates" })).toBeTruthy();
    expect(screen.getByText(/Identity is declared, not authenticated/)).toBeTruthy();
    expect(screen.queryByText("模板")).toBeNull();
    first.unmount();

    // A new pane (Excel reopened) starts in English although Office is Chinese.
    const second = renderPane({ store, officeLanguage: "zh-CN" });
    expect(screen.getByRole("tab", { name: "Templates" })).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "Settings" }));
    fireEvent.change(screen.getByTestId("settings-language"), { target: { value: "auto" } });
    expect(screen.getByRole("tab", { name: "设置" })).toBeTruthy();
    second.unmount();
  });

  it("shows the bound table, its period and its responsibility facts when the active sheet is a loaded table", async () => {
    const { port, fake } = renderPane();
    await port.apply([
      { kind: "addSheet", sheet: "教职工" },
      { kind: "setCustomProperty", sheet: "教职工", key: "tianbao.tableId", value: "1-5-1" },
      { kind: "setCustomProperty", sheet: "教职工", key: "tianbao.catalogId", value: "undergraduate-2024" },
      { kind: "setCustomProperty", sheet: "教职工", key: "tianbao.department", value: "人事处" },
      { kind: "setCustomProperty", sheet: "教职工", key: "tianbao.reviewingDepartment", value: "评估中心" },
      { kind: "setCustomProperty", sheet: "教职工", key: "tianbao.deadline", value: "2026-11-20" },
    ]);
    await fake.user.activate("教职工");
    const title = await screen.findByTestId("header-table");
    expect(title.textContent).toMatch(/^表1-5-1 /);
    expect(screen.getByTestId("header-department").textContent).toBe("责任单位：人事处");
    expect(screen.getByTestId("header-reviewing").textContent).toBe("审核单位：评估中心");
    expect(screen.getByTestId("header-deadline").textContent).toBe("截止日期：2026-11-20");
    // The fixed clock says 2026-11-23 in Shanghai: three days overdue.
    expect(screen.getByTestId("header-days").textContent).toBe("已逾期 3 天");
    // No statistical year in this workbook → no invented period window.
    expect(screen.queryByTestId("header-period")).toBeNull();

    await fake.user.activate("Sheet1");
    await waitFor(() => expect(screen.getByTestId("header-unbound").textContent).toBe("未绑定数据表"));
    expect(screen.queryByTestId("header-department")).toBeNull();
  });
});

describe("header with the 责任分解 sheet", () => {
  it("shows step, assisting departments, review state and the 基础表未完成 warning for the active table", async () => {
    const { createFakeWorkbookPort } = await import("../../src/fake");
    const { defaultServices } = await import("../../src/taskpane/services");
    const { writeAssignmentSheet } = await import("../../src/core/workflow/workbook");
    const s = defaultServices();
    const catalog = s.getCatalog("undergraduate");
    const workbook = createFakeWorkbookPort({ sheets: ["Sheet1"] });
    await s.loadTemplates(workbook.port, catalog, ["1-2", "1-3"], { statYear: 2024 });
    await writeAssignmentSheet(
      workbook.port,
      [
        { tableId: "1-2", tableName: "学校相关党政单位", step: 1, department: "党政办公室", assisting: [], reviewingDepartment: "评估中心", clerk: "", reviewer: "", deadline: "2026-11-30" },
        { tableId: "1-3", tableName: "学校教学科研单位", step: 2, department: "人事处", assisting: ["教务处", "科研处"], reviewingDepartment: "评估中心", clerk: "", reviewer: "", deadline: "2026-11-25" },
      ],
      catalog,
    );
    await workbook.fake.user.activate("1-3 学校教学科研单位");
    renderPane({ workbook });
    expect((await screen.findByTestId("header-table")).textContent).toBe("表1-3 学校教学科研单位");
    await waitFor(() => expect(screen.getByTestId("header-step").textContent).toBe("步骤二"));
    expect(screen.getByTestId("header-period").textContent).toBe("时点：2024-09-30");
    expect(screen.getByTestId("header-state").textContent).toBe("审核状态：填报中");
    expect(screen.getByTestId("header-department").textContent).toBe("责任单位：人事处");
    expect(screen.getByTestId("header-assisting").textContent).toBe("协助单位：教务处、科研处");
    expect(screen.getByTestId("header-reviewing").textContent).toBe("审核单位：评估中心");
    expect(screen.getByTestId("header-days").textContent).toBe("剩余 2 天");
    expect(screen.getByTestId("header-base-warnings").textContent).toContain("基础表未完成：表 1-2 学校相关党政单位还没有数据");

    // Filling the base table removes the warning once live validation has seen it.
    await workbook.fake.user.paste("1-2 学校相关党政单位", "A5", [["党委办公室", "0101", "教学管理", "张三"]]);
    await waitFor(() => expect(screen.getByTestId("header-base-warnings").textContent).toContain("尚未审核"));
  });
});
