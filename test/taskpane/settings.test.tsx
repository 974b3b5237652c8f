/** @jest-environment jsdom */
import "./jsdomGlobals";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderPane } from "./helpers";
import { browserStore, MemoryStore } from "../../src/taskpane/state/storage";
import { loadProfile } from "../../src/taskpane/state/profile";

function fillProfile(name: string, department: string, role: string) {
  fireEvent.change(screen.getByTestId("profile-name"), { target: { value: name } });
  fireEvent.change(screen.getByTestId("profile-department"), { target: { value: department } });
  fireEvent.change(screen.getByTestId("profile-role"), { target: { value: role } });
  fireEvent.click(screen.getByTestId("profile-save"));
}

describe("设置 page", () => {
  beforeEach(() => localStorage.clear());

  it("says plainly that identity is declared, not authenticated", () => {
    renderPane({ initialPage: "settings" });
    expect(screen.getByTestId("identity-notice").textContent).toContain("身份是自行声明的，没有经过认证");
  });

  it("stores the profile in localStorage (trimmed) and shows it again in a new pane", () => {
    const first = renderPane({ initialPage: "settings", store: browserStore() });
    fillProfile("  张三 ", " 人事处", "departmentReviewer");
    expect(screen.getByTestId("profile-saved").textContent).toBe("个人信息已保存");
    expect(JSON.parse(localStorage.getItem("tianbao.profile") ?? "null")).toEqual({
      name: "张三",
      department: "人事处",
      role: "departmentReviewer",
    });
    first.unmount();

    renderPane({ initialPage: "settings", store: browserStore() });
    expect((screen.getByTestId("profile-name") as HTMLInputElement).value).toBe("张三");
    expect((screen.getByTestId("profile-department") as HTMLInputElement).value).toBe("人事处");
    expect((screen.getByTestId("profile-role") as HTMLSelectElement).value).toBe("departmentReviewer");
    const roleLabel = (screen.getByTestId("profile-role") as HTMLSelectElement).selectedOptions[0].textContent;
    expect(roleLabel).toBe("部门审核员");
  });

  it("refuses an empty name or department with Chinese messages and stores nothing", () => {
    const store = new MemoryStore();
    renderPane({ initialPage: "settings", store });
    fillProfile("   ", "", "clerk");
    expect(screen.getByText("请填写姓名")).toBeTruthy();
    expect(screen.getByText("请填写部门")).toBeTruthy();
    expect(screen.queryByTestId("profile-saved")).toBeNull();
    expect(loadProfile(store)).toBeNull();
  });

  it("ignores a tampered stored profile instead of crashing", () => {
    const store = new MemoryStore();
    store.set("profile", '{"name":"x","department":"y","role":"admin"}');
    renderPane({ initialPage: "settings", store });
    expect((screen.getByTestId("profile-name") as HTMLInputElement).value).toBe("");
    store.set("profile", "{not json");
    expect(loadProfile(store)).toBeNull();
  });

  it("keeps working when browser storage is blocked, and says settings will not be kept", () => {
    const blocked = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const store = browserStore(blocked);
    expect(store.persistent).toBe(false);
    renderPane({ initialPage: "settings", store });
    expect(screen.getByText(/本机无法保存设置/)).toBeTruthy();
    fillProfile("李四", "教务处", "clerk");
    expect(screen.getByTestId("profile-saved")).toBeTruthy();
  });

  it("shows the workbook's statistical year and its three period windows once templates set it", async () => {
    const { port, services } = renderPane({ initialPage: "settings" });
    expect(await screen.findByText("当前工作簿尚未设置统计年度（载入模板时设置）。")).toBeTruthy();
    // Loading a template writes the workbook's 统计年度; the page re-reads it after a pane change.
    await services.loadTemplates(port, services.getCatalog("undergraduate"), ["1-1"], { statYear: 2024 });
    fireEvent.click(screen.getByRole("tab", { name: "模板" }));
    fireEvent.click(screen.getByRole("tab", { name: "设置" }));
    await waitFor(() => expect(screen.getByText("当前工作簿的统计年度：2024")).toBeTruthy());
    expect(screen.getByText("时点：2024-09-30")).toBeTruthy();
    expect(screen.getByText("学年：2023-09-01 至 2024-08-31")).toBeTruthy();
    expect(screen.getByText("自然年：2023-01-01 至 2023-12-31")).toBeTruthy();
  });
});
