/** @jest-environment jsdom */
/**
 * The pane header's deadline badge with a fixed clock (2026-11-23T04:00Z = 12:00 in Shanghai):
 * days overdue in red (danger), due soon in amber (warning), later in green (success); once the
 * table is submitted the countdown disappears. Real Excel adapter over the fake.
 */
import "./jsdomGlobals";
import { screen, waitFor } from "@testing-library/react";
import { renderPane } from "./helpers";
import { createFakeWorkbookPort } from "../../src/fake";
import { defaultServices } from "../../src/taskpane/services";
import { writeAssignmentSheet } from "../../src/core/workflow/workbook";
import { fixedClock } from "../../src/core/workflow/clock";

async function workbookDue(deadline: string) {
  const s = defaultServices();
  const catalog = s.getCatalog("undergraduate");
  const w = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await s.loadTemplates(w.port, catalog, ["1-2"], { statYear: 2024 });
  await writeAssignmentSheet(
    w.port,
    [{ tableId: "1-2", tableName: "学校相关党政单位", step: 1, department: "党政办公室", assisting: [], reviewingDepartment: "评估中心", clerk: "", reviewer: "", deadline }],
    catalog,
  );
  await w.fake.user.activate("1-2 学校相关党政单位");
  return w;
}

describe("pane header deadline colour", () => {
  it.each([
    ["2026-11-20", "已逾期 3 天", "danger"],
    ["2026-11-23", "今天截止", "warning"],
    ["2026-11-26", "剩余 3 天", "warning"],
    ["2026-12-20", "剩余 27 天", "success"],
  ])("deadline %s → %s in %s", async (deadline, text, color) => {
    renderPane({ workbook: await workbookDue(deadline) });
    await waitFor(() => expect(screen.getByTestId("header-days").textContent).toBe(text));
    expect(screen.getByTestId("header-days").getAttribute("data-color")).toBe(color);
  });

  it("the school's date decides: at 16:30 UTC on 11-22 it is already 11-23 in Shanghai", async () => {
    renderPane({ workbook: await workbookDue("2026-11-22"), services: { clock: fixedClock("2026-11-22T16:30:00Z") } });
    await waitFor(() => expect(screen.getByTestId("header-days").textContent).toBe("已逾期 1 天"));
    expect(screen.getByTestId("header-days").getAttribute("data-color")).toBe("danger");
  });
});
