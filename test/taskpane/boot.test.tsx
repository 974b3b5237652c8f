/** @jest-environment jsdom */
import "./jsdomGlobals";
import { render, screen } from "@testing-library/react";
import { isDarkColor } from "../../src/taskpane/theme";
import { NeedExcel } from "../../src/taskpane/components/NeedExcel";
import { renderPane } from "./helpers";
import { officeReady } from "../../src/adapters/excel/officeHost";
import { FakeWorkbook, installFakeOffice } from "../../src/fake";

describe("theme follows the Office theme", () => {
  it.each([
    ["#1F1F1F", true],
    ["#262626", true],
    ["#000", true],
    ["#FFFFFF", false],
    ["#F3F3F3", false],
    ["#fff", false],
    ["", false],
    [null, false],
    ["not a colour", false],
  ])("body background %p → dark %p", (color, dark) => {
    expect(isDarkColor(color as string | null)).toBe(dark);
  });

  it("renders the pane with Fluent's dark tokens when Office is dark, light ones otherwise", () => {
    // FluentProvider inserts the theme's CSS variables as CSSOM rules scoped to its own class.
    const themeOf = (el: HTMLElement) => {
      const cls = [...el.classList].find((c) => /^fui-FluentProvider\w/.test(c) && c !== "fui-FluentProvider");
      const rules = [...document.styleSheets].flatMap((sh) => [...sh.cssRules].map((r) => r.cssText));
      const rule = rules.find((r) => cls && r.includes(`.${cls}`) && r.includes("--colorNeutralBackground1:"));
      return /--colorNeutralBackground1:\s*([^;]+);/.exec(rule ?? "")?.[1].trim();
    };
    const light = renderPane();
    expect(themeOf(light.getByTestId("tianbao-pane"))).toBe("#ffffff");
    light.unmount();
    const dark = renderPane({ dark: true });
    expect(themeOf(dark.getByTestId("tianbao-pane"))).toBe("#292929");
  });
});

describe("outside Excel", () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
    delete (globalThis as Record<string, unknown>).Excel;
  });

  it("says in Chinese that Tianbao runs inside Excel and links to the preview", () => {
    render(<NeedExcel locale="zh-CN" officeLoaded={true} previewUrl="https://localhost:3000/preview.html" />);
    expect(screen.getByText("请在 Excel 中运行填报助手")).toBeTruthy();
    expect(screen.getByRole("link").getAttribute("href")).toBe("https://localhost:3000/preview.html");
    expect(screen.queryByText(/未能加载 Office\.js/)).toBeNull();
  });

  it("also says when office.js itself did not load", () => {
    render(<NeedExcel locale="en-US" officeLoaded={false} previewUrl="/preview.html" />);
    expect(screen.getByText("Run Tianbao inside Excel")).toBeTruthy();
    expect(screen.getByText(/office\/office\.js/)).toBeTruthy();
  });

  it("officeReady reports a missing office.js, and the fake's Excel with its language and theme", async () => {
    expect(await officeReady(100)).toEqual({ officeLoaded: false, host: null, hasExcel: false, displayLanguage: "", bodyBackgroundColor: null });
    installFakeOffice(globalThis, new FakeWorkbook(), {
      displayLanguage: "en-US",
      officeTheme: { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#333333", controlForegroundColor: "#FFFFFF" },
    });
    const info = await officeReady(1000);
    expect(info).toMatchObject({ officeLoaded: true, host: "Excel", hasExcel: true, displayLanguage: "en-US", bodyBackgroundColor: "#1F1F1F" });
    expect(isDarkColor(info.bodyBackgroundColor)).toBe(true);
  });
});

describe("inside an Excel that is too old", () => {
  it("shows the adapter's reason instead of a broken pane", () => {
    render(<NeedExcel locale="zh-CN" officeLoaded={true} previewUrl="/preview.html" problem="当前 Excel 版本过低。" />);
    expect(screen.getByTestId("cannot-start").textContent).toBe("无法启动填报助手：当前 Excel 版本过低。");
  });
});
