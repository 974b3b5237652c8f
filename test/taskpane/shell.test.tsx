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
