import { reviewStatusText, syncReviewStatus } from "../../src/core/workflow/reviewStatus";
import { schoolReviewer } from "./fixtures";
import { SHEET, act, approvedWorkbook, bound, catalog, workbook } from "./scenario";

describe("the review state shown on the sheet", () => {
  test("texts", () => {
    expect(reviewStatusText("schoolApproved", "match")).toBe("校级已审");
    expect(reviewStatusText("departmentApproved", "modifiedAfterApproval")).toBe("审核后被修改（部门已审）");
    expect(reviewStatusText("submitted", "modifiedAfterSubmit")).toBe("提交后被修改（已提交）");
  });

  test("a table never reviewed shows nothing; each transition writes its state; 退回 shows 填报中", async () => {
    const fresh = await workbook();
    const apply = jest.spyOn(fresh, "apply");
    await syncReviewStatus(fresh, catalog, bound);
    expect(apply).not.toHaveBeenCalled();
    expect(fresh.cell(SHEET, "H3")).toBe("");

    const port = await approvedWorkbook();
    expect([port.cell(SHEET, "G3"), port.cell(SHEET, "H3")]).toEqual(["审核状态：", "部门已审"]);
    await act(port, "return", schoolReviewer, "数据不全");
    expect(port.cell(SHEET, "H3")).toBe("填报中");
    expect((await port.getSheets()).find((s) => s.name === SHEET)?.protected).toBe(false);
  });

  test("the state cell is only a display: overwriting it changes nothing, the next sync restores it", async () => {
    const port = await approvedWorkbook();
    port.poke(SHEET, "H3", [["已定稿"]]);
    const report = await syncReviewStatus(port, catalog, bound);
    expect(report.tables[0].state).toBe("departmentApproved");
    expect(port.cell(SHEET, "H3")).toBe("部门已审");
  });
});
