import type { Assignment } from "../../src/core/workflow/assignment";
import { factsOf, responsibilitySyncFromSheets, responsibilitySyncOps } from "../../src/core/workflow/responsibility";
import { PROP_DEADLINE, PROP_DEPARTMENT, PROP_REVIEWING } from "../../src/core/template/layout";
import { MemoryPort } from "./memoryPort";

const A = (tableId: string, department: string, deadline: string | null, reviewingDepartment = "教务处"): Assignment => ({
  tableId,
  tableName: tableId,
  step: 1,
  department,
  assisting: [],
  reviewingDepartment,
  clerk: "",
  reviewer: "",
  deadline,
});

describe("responsibility facts on every bound sheet", () => {
  const bound = [
    { tableId: "1-5-1", sheet: "1-5-1 教职工基本信息" },
    { tableId: "1-6", sheet: "1-6 本科生基本情况" },
  ];

  async function portWithSheets(): Promise<MemoryPort> {
    const port = new MemoryPort();
    await port.apply(bound.map((b) => ({ kind: "addSheet" as const, sheet: b.sheet })));
    return port;
  }

  test("title row 3 shows 责任单位 / 审核单位 / 截止日期 and the custom properties hold the same facts", async () => {
    const port = await portWithSheets();
    const assignments = [A("1-5-1", "人事处", "2024-09-27"), A("1-6", "学生处", "2024-09-27", "教务处")];
    await port.apply(responsibilitySyncFromSheets(bound, assignments, await port.getSheets()));
    const s = "1-5-1 教职工基本信息";
    const [row] = (await port.read([{ sheet: s, address: "A3:F3" }]))[0].values;
    expect(row).toEqual(["责任单位：", "人事处", "审核单位：", "教务处", "截止日期：", 45562]);
    expect(port.format(s, "F3")).toBe("yyyy-mm-dd");
    expect((await port.getSheets())[0].customProperties).toEqual({ [PROP_DEPARTMENT]: "人事处", [PROP_REVIEWING]: "教务处", [PROP_DEADLINE]: "2024-09-27" });
  });

  test("only sheets whose facts changed get ops", async () => {
    const port = await portWithSheets();
    const before = [A("1-5-1", "人事处", "2024-09-27"), A("1-6", "学生处", "2024-09-27")];
    await port.apply(responsibilitySyncFromSheets(bound, before, await port.getSheets()));
    expect(responsibilitySyncFromSheets(bound, before, await port.getSheets())).toEqual([]);
    const after = [A("1-5-1", "人事处", "2024-09-27"), A("1-6", "学生工作部", "2024-09-30")];
    const ops = responsibilitySyncFromSheets(bound, after, await port.getSheets());
    expect(new Set(ops.map((o) => ("sheet" in o ? o.sheet : "")))).toEqual(new Set(["1-6 本科生基本情况"]));
    // The same answer from the assignments before the edit.
    const prev = new Map(bound.map((b, i) => [b.sheet, factsOf(before[i])] as const));
    expect(responsibilitySyncOps(bound, after, prev)).toEqual(ops);
    await port.apply(ops);
    expect(port.cell("1-6 本科生基本情况", "B3")).toBe("学生工作部");
  });

  test("a table removed from the 责任分解 gets its facts cleared, not left stale", async () => {
    const port = await portWithSheets();
    await port.apply(responsibilitySyncFromSheets(bound, [A("1-5-1", "人事处", "2024-09-27"), A("1-6", "学生处", "2024-09-27")], await port.getSheets()));
    await port.apply(responsibilitySyncFromSheets(bound, [A("1-5-1", "人事处", "2024-09-27")], await port.getSheets()));
    expect(port.cell("1-6 本科生基本情况", "B3")).toBe("");
    expect(port.cell("1-6 本科生基本情况", "F3")).toBe("");
    expect((await port.getSheets())[1].customProperties[PROP_DEPARTMENT]).toBe("");
  });
});
