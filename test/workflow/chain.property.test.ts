/** Properties of the approval chain: every single edit, deletion or swap of records is evident. */
import fc from "fast-check";
import type { CellValue } from "../../src/core/workbook/port";
import { APPROVAL_HEADERS, parseApprovalLog, planAppend, validateLog, type ApprovalLog, type ApprovalRecordInput } from "../../src/core/workflow/approvalLog";
import { TRANSITIONS, type ReviewState } from "../../src/core/workflow/review";

const TABLES = ["1-1", "1-5-1", "2-3-1"];

/** A valid log of `steps` actions (each picks a table and one of its legal transitions). */
function buildLog(choices: Array<[number, number]>): { values: CellValue[][]; anchors: Map<string, string> } {
  let log: ApprovalLog = parseApprovalLog(null);
  let values: CellValue[][] = [];
  const state = new Map<string, ReviewState>();
  const anchors = new Map<string, string>();
  choices.forEach(([ti, ci], i) => {
    const tableId = TABLES[ti % TABLES.length];
    const from = state.get(tableId) ?? "draft";
    const options = TRANSITIONS.filter((t) => t.from === from);
    const t = options[ci % options.length];
    const input: ApprovalRecordInput = {
      tableId,
      sheet: `S${tableId}`,
      action: t.action,
      fromState: from,
      toState: t.to,
      person: `人${i % 4}`,
      department: "教务处",
      role: t.role,
      timestamp: `2024-09-${String(10 + (i % 18)).padStart(2, "0")}T08:00:${String(i % 60).padStart(2, "0")}+08:00`,
      comment: t.action === "return" ? `原因${i}` : "",
      dataHash: (i % 16).toString(16).repeat(64),
    };
    const plan = planAppend(log, input);
    if (!log.exists) values = [[...APPROVAL_HEADERS]];
    while (values.length <= plan.row) values.push([]);
    const setValues = plan.ops.find((o) => o.kind === "setValues" && o.sheet === "_tb_approvals" && o.address !== "A1");
    values[plan.row] = (setValues as { values: CellValue[][] }).values[0];
    log = parseApprovalLog(values);
    state.set(tableId, t.to);
    anchors.set(input.sheet, `${plan.record.sequence}:${plan.record.recordHash}`);
  });
  return { values, anchors };
}

const logArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 2, maxLength: 12 });
const recordRows = (values: CellValue[][]) => values.map((r, i) => i).filter((i) => i > 0 && values[i].length > 0);

describe("approval chain properties", () => {
  test("an untouched log verifies", () => {
    fc.assert(
      fc.property(logArb, (choices) => {
        const { values, anchors } = buildLog(choices);
        expect(validateLog(parseApprovalLog(values), anchors).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test("deleting any record is evident (the last one through the sheet anchor)", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), (choices, pick) => {
        const { values, anchors } = buildLog(choices);
        const rows = recordRows(values);
        const victim = rows[pick % rows.length];
        const tampered = values.filter((_, i) => i !== victim);
        expect(validateLog(parseApprovalLog(tampered), anchors).ok).toBe(false);
      }),
      { numRuns: 80 },
    );
  });

  test("changing any field of any record is evident", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.integer({ min: 0, max: APPROVAL_HEADERS.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), (choices, pick, column, junk) => {
        const { values, anchors } = buildLog(choices);
        const rows = recordRows(values);
        const victim = rows[pick % rows.length];
        const before = String(values[victim][column]);
        const after = column === 0 ? String(Number(before) + 1) : before + junk;
        const tampered = values.map((r, i) => (i === victim ? r.map((v, c) => (c === column ? after : v)) : r));
        expect(validateLog(parseApprovalLog(tampered), anchors).ok).toBe(false);
      }),
      { numRuns: 120 },
    );
  });

  test("swapping any two records is evident", () => {
    fc.assert(
      fc.property(logArb, fc.nat(), fc.nat(), (choices, p1, p2) => {
        const { values, anchors } = buildLog(choices);
        const rows = recordRows(values);
        const a = rows[p1 % rows.length];
        const b = rows[p2 % rows.length];
        fc.pre(a !== b);
        const tampered = values.map((r, i) => (i === a ? values[b] : i === b ? values[a] : r));
        expect(validateLog(parseApprovalLog(tampered), anchors).ok).toBe(false);
      }),
      { numRuns: 80 },
    );
  });
});
