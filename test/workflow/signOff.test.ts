import { deriveStates, readApprovalLog } from "../../src/core/workflow/approvalLog";
import { fixedClock } from "../../src/core/workflow/clock";
import { readExplanations } from "../../src/core/workflow/explanations";
import { buildOverview } from "../../src/core/workflow/overview";
import { signOffContent, signOffFormOps, signOffFormsForAll, signOffSheetName } from "../../src/core/workflow/signOff";
import { assignment151 } from "./fixtures";
import { MemoryPort } from "./memoryPort";
import { approvedWorkbook, bound, catalog, explainRow6 } from "./scenario";

const clock = fixedClock("2024-09-28T02:00:00Z");

async function setup() {
  const port = await approvedWorkbook();
  await explainRow6(port);
  const log = await readApprovalLog(port);
  const derived = deriveStates(log);
  const rows = buildOverview({
    catalog,
    clock,
    assignments: [assignment151, { ...assignment151, tableId: "1-6", tableName: "本科生基本情况", clerk: "赵八", reviewer: "" }, { ...assignment151, tableId: "2-3-1", department: "图书馆", reviewingDepartment: "图书馆" }],
    bound,
    progress: [],
    states: derived,
  });
  return { port, log, derived, rows, explanations: (await readExplanations(port)).items };
}

describe("审核表 (sign-off form)", () => {
  test("content: department, tables with 填报人/审核人, dates, short hashes, explanations", async () => {
    const { log, derived, rows, explanations } = await setup();
    const c = signOffContent({ department: "人事处", rows, derived, explanations, clock, school: "郑州工程技术学院" });
    const approval = log.records.find((r) => r.record.action === "approve")!.record;
    expect(c.title).toBe("郑州工程技术学院监测数据填报审核表");
    expect(c.date).toBe("2024年9月28日");
    expect(c.tables).toEqual([
      { tableId: "1-5-1", tableName: "教职工基本信息", clerk: "张三", reviewer: "李四", submitted: "2024-09-26", approved: "2024-09-26", state: "部门已审", hash: approval.dataHash.slice(0, 12) },
      { tableId: "1-6", tableName: "本科生基本情况", clerk: "赵八", reviewer: "", submitted: "", approved: "", state: "填报中", hash: "未提交" },
    ]);
    expect(c.explanations).toEqual(["表 1-5-1 第 6 行（U.1-5-1.age-range）：返聘教师，年龄属实（张三）"]);
  });

  test("the printable sheet has the form's lines", async () => {
    const { derived, rows, explanations } = await setup();
    const port = new MemoryPort();
    await port.apply(signOffFormOps({ department: "人事处", rows, derived, explanations, clock, create: true }));
    const sheet = signOffSheetName("人事处");
    expect(sheet).toBe("审核表-人事处");
    const [data] = await port.read([{ sheet }]);
    const text = data.values.map((r) => r.filter((v) => v !== "").join("|"));
    expect(text[0]).toBe("监测数据填报审核表");
    expect(text[1]).toBe("提交单位名称：人事处|提交时间：2024年9月28日");
    expect(data.values[2]).toEqual(["序号", "表号", "表格名称", "填报人", "审核人", "提交日期", "审核日期", "审核状态", "数据指纹", "数据填报人签字"]);
    expect(data.values[3].slice(0, 5)).toEqual([1, "1-5-1", "教职工基本信息", "张三", "李四"]);
    expect(text).toContain("数据校验异常情况说明|表 1-5-1 第 6 行（U.1-5-1.age-range）：返聘教师，年龄属实（张三）");
    expect(text).toContain("数据负责人签字：____________　　　　年　　月　　日");
    expect(text).toContain("责任单位审核人意见|审核意见：");
    expect(text).toContain("签字：____________　　公章：　　　　　　　年　　月　　日");
    expect(text).toContain("数据提交|提交人：____________|接收人：____________|交接时间：　　年　　月　　日");
    expect(text).toContain("注：本表格一式两份，提交单位和接收单位各保留一份。");
    expect(port.sheet(sheet).merges).toContain("A1:J1");
  });

  test("one form per department; stale explanations are left off", async () => {
    const { derived, rows, explanations } = await setup();
    const forms = signOffFormsForAll({ rows, derived, explanations, clock, currentRowHashes: new Map([["1-5-1", new Set<string>()]]) });
    expect(forms.map((f) => f.sheet)).toEqual(["审核表-人事处", "审核表-图书馆", "审核表-未分配"]);
    const c = signOffContent({ department: "人事处", rows, derived, explanations, clock, currentRowHashes: new Map([["1-5-1", new Set<string>()]]) });
    expect(c.explanations).toEqual([]);
    expect(signOffSheetName("教务处/学务处")).toBe("审核表-教务处_学务处");
  });
});
