/** The seed plans against the catalogs Tianbao ships (not just the test fixtures). */
import { getCatalog } from "../../src/core/catalog";
import { seedAssignments } from "../../src/core/workflow/assignment";
import { VOCATIONAL_PLAN } from "../../src/core/workflow/seedPlans";

test("本科: every table named by seed 000 exists in the shipped catalog and gets its step", () => {
  const { assignments, unmatchedPlanRows } = seedAssignments(getCatalog("undergraduate"), 2024);
  expect(unmatchedPlanRows).toEqual([]);
  const step = (id: string) => assignments.find((a) => a.tableId === id)?.step;
  expect([step("1-1"), step("1-4-1"), step("1-5-1"), step("3-3-3"), step("5-1-1")]).toEqual([1, 2, 3, 4, 5]);
});

test("高职: every row of seed 004 finds its table in the shipped catalog", () => {
  const cat = getCatalog("vocational");
  const { assignments, unmatchedPlanRows } = seedAssignments(cat, 2020);
  expect(unmatchedPlanRows).toEqual([]);
  const withDept = assignments.filter((a) => a.department !== "");
  expect(withDept.length).toBe(VOCATIONAL_PLAN.rows.length);
  expect(assignments.filter((a) => a.step === 1).map((a) => a.tableId).sort()).toEqual(["1.6", "10.1.1", "6.1", "7.1.1", "7.2"].sort());
});
