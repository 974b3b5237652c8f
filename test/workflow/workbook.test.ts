/**
 * End to end on the Excel adapter over the fake, with the shipped 本科 catalog and real templates:
 * seed the 责任分解, keep the title rows in step, review a table, and the status document.
 */
import { getCatalog } from "../../src/core/catalog";
import { loadTemplates } from "../../src/core/template/load";
import { ASSIGNMENT_SHEET, PROP_DEPARTMENT, PROP_DEADLINE, RESPONSIBILITY_ROW, RESPONSIBILITY_CELLS } from "../../src/core/template/layout";
import { cellAddress } from "../../src/core/workbook/address";
import { createFakeWorkbookPort } from "../../src/fake";
import { fixedClock } from "../../src/core/workflow/clock";
import { dataAreaOf } from "../../src/core/workflow/lock";
import { performReviewAction } from "../../src/core/workflow/reviewAction";
import { readWorkflow, seedAssignmentSheet, statusThroughPort, syncResponsibility } from "../../src/core/workflow/workbook";

// Real templates and adapters: allow for a busy machine.
jest.setTimeout(30000);

const catalog = getCatalog("undergraduate");
const clock = fixedClock("2024-09-23T02:00:00Z");

async function loaded() {
  const { port, fake } = createFakeWorkbookPort({ sheets: ["Sheet1"] });
  await loadTemplates(port, catalog, ["1-1", "1-4-1", "1-5-1"], { statYear: 2024, dataRows: 50 });
  return { port, fake };
}

test("seed the 责任分解 once, sync the title rows, edit a department and sync only that sheet", async () => {
  const { port, fake } = await loaded();
  const seeded = await seedAssignmentSheet(port, catalog, 2024);
  expect(seeded.written).toBe(true);
  expect(seeded.message).toContain("seed 000");
  const again = await seedAssignmentSheet(port, catalog, 2024);
  expect(again).toMatchObject({ written: false });
  expect(again.message).toBe("工作簿中已有「责任分解」工作表，未覆盖；如需重新生成，请先改名或删除该工作表");

  const state = await readWorkflow(port, catalog);
  expect(state.bound.map((b) => b.tableId).sort()).toEqual(["1-1", "1-4-1", "1-5-1"]);
  // 本科 seeds name no departments: every row is reported, with its cell.
  expect(state.assignmentFindings.filter((f) => f.code === "assignment.missingDepartment")).toHaveLength(catalog.tables.length);
  // Ids such as "1-1" stay text (Excel would turn a typed 1-1 into 1 January) and dates stay dates.
  expect(state.assignmentFindings.filter((f) => f.code !== "assignment.missingDepartment")).toEqual([]);
  expect(state.assignments.find((a) => a.tableId === "1-1")).toMatchObject({ step: 1, deadline: "2024-09-21" });

  // The quality office types departments into the sheet (the way a person does, in Excel).
  const row151 = state.assignmentRows.find((r) => r.assignment.tableId === "1-5-1")!.row;
  await fake.user.type(ASSIGNMENT_SHEET, cellAddress(row151, 3), "人事处");
  await fake.user.type(ASSIGNMENT_SHEET, cellAddress(row151, 5), "人事处");
  const first = await syncResponsibility(port, catalog);
  expect(first.sheetsChanged).toHaveLength(3); // first sync writes the deadlines everywhere
  const sheet151 = state.bound.find((b) => b.tableId === "1-5-1")!.sheet;
  const [r3] = await port.read([{ sheet: sheet151, address: `A${RESPONSIBILITY_ROW + 1}:F${RESPONSIBILITY_ROW + 1}` }]);
  expect(r3.values[0][RESPONSIBILITY_CELLS.department.valueColumn]).toBe("人事处");
  expect(r3.values[0][RESPONSIBILITY_CELLS.deadline.valueColumn]).toBe(45562); // 2024-09-27
  const props = (await port.getSheets()).find((s) => s.name === sheet151)!.customProperties;
  expect(props[PROP_DEPARTMENT]).toBe("人事处");
  expect(props[PROP_DEADLINE]).toBe("2024-09-27");

  expect((await syncResponsibility(port, catalog)).sheetsChanged).toEqual([]);
  await fake.user.type(ASSIGNMENT_SHEET, cellAddress(row151, 8), "2024年9月29日");
  expect((await syncResponsibility(port, catalog)).sheetsChanged).toEqual([sheet151]);
});

test("status --json over a loaded workbook: days left, rows, errors and the review state", async () => {
  const { port, fake } = await loaded();
  await seedAssignmentSheet(port, catalog, 2024);
  const state0 = await readWorkflow(port, catalog);
  const row = state0.assignmentRows.find((r) => r.assignment.tableId === "1-4-1")!.row;
  await fake.user.type(ASSIGNMENT_SHEET, cellAddress(row, 3), "教务处");
  await fake.user.type(ASSIGNMENT_SHEET, cellAddress(row, 5), "教务处");
  const before = await statusThroughPort(port, catalog, { clock, statYear: 2024 });
  const t141 = before.json.tables.find((t) => t.id === "1-4-1")!;
  expect(t141).toMatchObject({ department: "教务处", step: 2, deadline: "2024-09-22", daysLeft: -1, overdue: true, rows: 0, state: "draft" });
  expect(before.json.tables).toHaveLength(catalog.tables.length);

  // The clerk submits the table: the state shows up in status.
  const st = await readWorkflow(port, catalog);
  const snap = st.tables.find((t) => t.tableId === "1-4-1")!;
  const errors = before.findings.filter((f) => f.table === "1-4-1" && f.severity === "error").length;
  const r = await performReviewAction(port, {
    action: "submit",
    tableId: "1-4-1",
    sheet: snap.sheet!,
    profile: { name: "王老师", department: "教务处", role: "clerk" },
    assignment: st.assignments.find((a) => a.tableId === "1-4-1"),
    rows: snap.data!.rows,
    area: dataAreaOf(snap.data!.layout),
    errors,
    unexplainedWarnings: [],
    clock,
  });
  expect(errors).toBe(0); // an empty table has nothing wrong yet
  expect(r).toMatchObject({ ok: true, state: "submitted" });
  const after = await statusThroughPort(port, catalog, { clock, statYear: 2024 });
  // Submitted: no longer overdue, even though the date has passed.
  expect(after.json.tables.find((t) => t.id === "1-4-1")).toMatchObject({ state: "submitted", stateLabel: "已提交", overdue: false, daysLeft: -1 });
});
