import { APPROVAL_SHEET } from "../../src/core/template/layout";
import {
  APPROVAL_HEADERS,
  PROP_LAST_RECORD,
  anchorsFromSheets,
  appendApprovalRecord,
  computeRecordHash,
  deriveStates,
  parseApprovalLog,
  planAppend,
  readApprovalLog,
  recordToRow,
  tableHistory,
  validateLog,
  type ApprovalRecord,
  type ApprovalRecordInput,
} from "../../src/core/workflow/approvalLog";
import { GENESIS_HASH } from "../../src/core/workflow/hash";
import { hideApprovalSheetOps, verifyThroughPort } from "../../src/core/workflow/verify";
import { MemoryPort } from "./memoryPort";
import { clerk, deptReviewer, qualityOffice, schoolReviewer } from "./fixtures";
import { SHEET, act, approvedWorkbook, bound, catalog, rowOf, workbook } from "./scenario";

const dept = deptReviewer;
const school = schoolReviewer;
const qo = qualityOffice;

describe("approval records in the very hidden sheet", () => {
  test("the full chain writes one record per action, derives the state and locks only at approvals", async () => {
    const port = await workbook();
    const r1 = await act(port, "submit", clerk);
    expect(r1).toMatchObject({ ok: true, state: "submitted" });
    const info = await port.getSheets();
    expect(info.find((s) => s.name === APPROVAL_SHEET)?.visibility).toBe("veryHidden");
    expect(info.find((s) => s.name === SHEET)?.protected).toBe(false); // submit does not lock
    expect(port.applied.flat().some((o) => o.kind === "protectSheet")).toBe(false);

    expect(await act(port, "approve", dept)).toMatchObject({ ok: true, state: "departmentApproved" });
    expect((await port.getSheets()).find((s) => s.name === SHEET)?.protected).toBe(true);
    // Locked: the clerk's write to a data cell is refused like Excel does.
    await expect(port.apply([{ kind: "setValues", sheet: SHEET, address: "C5", values: [[36]] }])).rejects.toThrow("已保护");
    // The responsibility row's value cells stay writable for the 责任分解 sync.
    await port.apply([{ kind: "setValues", sheet: SHEET, address: "B3", values: [["人事处（新）"]] }]);

    expect(await act(port, "approve", school)).toMatchObject({ ok: true, state: "schoolApproved" });
    expect(await act(port, "finalise", qo)).toMatchObject({ ok: true, state: "finalised" });
    const ret = await act(port, "return", qo, "第 6 行年龄有误");
    expect(ret).toMatchObject({ ok: true, state: "draft" });
    expect((await port.getSheets()).find((s) => s.name === SHEET)?.protected).toBe(false);
    await port.apply([{ kind: "setValues", sheet: SHEET, address: "C6", values: [[42]] }]);

    const [data] = await port.read([{ sheet: APPROVAL_SHEET }]);
    expect(data.values[0]).toEqual([...APPROVAL_HEADERS]);
    const log = parseApprovalLog(data.values);
    expect(log.records.map((r) => [r.record.sequence, r.record.action, r.record.fromState, r.record.toState, r.record.person, r.record.role])).toEqual([
      [1, "submit", "draft", "submitted", "张三", "clerk"],
      [2, "approve", "submitted", "departmentApproved", "李四", "departmentReviewer"],
      [3, "approve", "departmentApproved", "schoolApproved", "王校", "schoolReviewer"],
      [4, "finalise", "schoolApproved", "finalised", "孟婷婷", "qualityOffice"],
      [5, "return", "finalised", "draft", "孟婷婷", "qualityOffice"],
    ]);
    const rec = log.records[4].record;
    expect(rec.comment).toBe("第 6 行年龄有误");
    expect(rec.timestamp).toMatch(/^2024-09-26T08:\d\d:00\+08:00$/);
    expect(rec.prevHash).toBe(log.records[3].record.recordHash);
    expect(log.records[0].record.prevHash).toBe(GENESIS_HASH);
    expect(port.format(APPROVAL_SHEET, `L${log.records[0].row + 1}`)).toBe("@");
    expect(validateLog(log, anchorsFromSheets(await port.getSheets())).ok).toBe(true);
    expect(deriveStates(log).tables.get("1-5-1")?.state).toBe("draft");
  });

  test("refusals write nothing", async () => {
    const port = await workbook();
    expect(await act(port, "approve", dept)).toEqual({ ok: false, state: "draft", reason: "表 1-5-1 教职工基本信息 当前为「填报中」，不能通过：审核不能越级，当前应由填报员「提交」" });
    expect(port.has(APPROVAL_SHEET)).toBe(false);
  });

  test("approval refuses data changed after the submission", async () => {
    const port = await workbook();
    await act(port, "submit", clerk);
    port.poke(SHEET, "C5", [[99]]);
    const r = await act(port, "approve", dept);
    expect(r).toMatchObject({ ok: false, reason: "表 1-5-1 教职工基本信息 提交后数据又被修改过（数据指纹不一致），请退回，由填报人检查后重新提交" });
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.tables[0].hashStatus).toBe("modifiedAfterSubmit");
  });
});

describe("tampering is detected (tianbao verify)", () => {
  test("a clean workbook verifies", async () => {
    const port = await approvedWorkbook();
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(true);
    expect(report.chain).toEqual({ ok: true, records: 2, problems: [] });
    expect(report.tables[0]).toMatchObject({ id: "1-5-1", state: "departmentApproved", stateLabel: "部门已审", hashStatus: "match" });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test("an edited approved cell (protection removed by hand) → 审核后被修改", async () => {
    const port = await approvedWorkbook();
    port.poke(SHEET, "C5", [[36]]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.ok).toBe(true);
    expect(report.tables[0].hashStatus).toBe("modifiedAfterApproval");
    expect(report.tables[0].problems[0]).toMatch(/^审核后被修改：表 1-5-1 教职工基本信息 的数据与 李四 2024-09-26T08:\d\d:00\+08:00「部门已审」时的数据指纹不一致，修改需先退回$/);
    // Putting the value back restores the match.
    port.poke(SHEET, "C5", [[35]]);
    expect((await verifyThroughPort(port, catalog, bound)).ok).toBe(true);
  });

  test("moving the table down a row or changing the responsibility row is not a data change", async () => {
    const port = await approvedWorkbook();
    port.poke(SHEET, "B3", [["教务处"]]);
    expect((await verifyThroughPort(port, catalog, bound)).tables[0].hashStatus).toBe("match");
  });

  test("a deleted record", async () => {
    const port = await approvedWorkbook();
    await act(port, "approve", school);
    port.deleteRow(APPROVAL_SHEET, (await rowOf(port, 2)) - 1);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems).toContain("审核记录被篡改：缺少序号为 2 的审核记录（记录被删除）");
  });

  test("a deleted LAST record is caught by the sheet's anchor", async () => {
    const port = await approvedWorkbook();
    port.deleteRow(APPROVAL_SHEET, (await rowOf(port, 2)) - 1);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems).toEqual([`审核记录被篡改：工作表「${SHEET}」最近的审核记录（序号 2）在「${APPROVAL_SHEET}」中找不到，记录被删除或修改（多人同时审核时的写入冲突也会如此，请重新操作）`]);
  });

  test("an edited record (a field changed, hash left alone)", async () => {
    const port = await approvedWorkbook();
    const row = await rowOf(port, 2);
    port.poke(APPROVAL_SHEET, `G${row}`, [["王五"]]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems[0]).toBe(`审核记录被篡改：「${APPROVAL_SHEET}」第 ${row} 行（表 1-5-1，通过）的内容与记录指纹不符，记录被修改`);
  });

  test("a changed record hash breaks its own check and the next link", async () => {
    const port = await approvedWorkbook();
    await act(port, "approve", school);
    const row2 = await rowOf(port, 2);
    const row3 = await rowOf(port, 3);
    port.poke(APPROVAL_SHEET, `N${row2}`, [["f".repeat(64)]]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems).toEqual([
      `审核记录被篡改：「${APPROVAL_SHEET}」第 ${row2} 行（表 1-5-1，通过）的内容与记录指纹不符，记录被修改`,
      `审核记录被篡改：「${APPROVAL_SHEET}」第 ${row3} 行（序号 3）的前一记录指纹对不上，之前的记录被删除、调换或修改`,
    ]);
  });

  test("reordered records", async () => {
    const port = await approvedWorkbook();
    const r1 = await rowOf(port, 1);
    const r2 = await rowOf(port, 2);
    const [d1, d2] = await port.read([{ sheet: APPROVAL_SHEET, address: `A${r1}:N${r1}` }, { sheet: APPROVAL_SHEET, address: `A${r2}:N${r2}` }]);
    port.poke(APPROVAL_SHEET, `A${r1}`, d2.values);
    port.poke(APPROVAL_SHEET, `A${r2}`, d1.values);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems).toContain(`审核记录被篡改：「${APPROVAL_SHEET}」第 ${r2} 行（序号 1）排在序号 2 之后，记录顺序被调换`);
  });

  test("a removed hidden sheet", async () => {
    const port = await approvedWorkbook();
    await port.apply([{ kind: "deleteSheet", sheet: APPROVAL_SHEET }]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.chain.problems).toEqual([`审核记录被篡改：隐藏的审核记录工作表「${APPROVAL_SHEET}」已被删除，而工作表「${SHEET}」有审核记录`]);
    // And no one can act on a workbook whose log is gone.
    expect(await act(port, "submit", clerk)).toMatchObject({ ok: false, reason: "审核记录被篡改，表 1-5-1 教职工基本信息 暂不能提交，请质量办核查审核记录" });
  });

  test("a forged record with a recomputed hash but an impossible transition", async () => {
    const port = await workbook();
    const base = { sequence: 1, tableId: "1-5-1", sheet: SHEET, action: "finalise" as const, fromState: "draft" as const, toState: "finalised" as const, person: "x", department: "x", role: "qualityOffice" as const, timestamp: "2024-09-26T08:00:00+08:00", comment: "", dataHash: "0", prevHash: GENESIS_HASH };
    const forged: ApprovalRecord = { ...base, recordHash: computeRecordHash(base) };
    await port.apply([{ kind: "addSheet", sheet: APPROVAL_SHEET, visibility: "veryHidden" }, { kind: "setValues", sheet: APPROVAL_SHEET, address: "A1", values: [[...APPROVAL_HEADERS], recordToRow(forged)] }]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(false);
    expect(report.tables[0].state).toBe("draft");
    expect(report.chain.problems[0]).toContain("记录了不可能的状态变化：「填报中」经「定稿」到「已定稿」");
  });
});

describe("co-authoring: concurrent appends", () => {
  const input = (person: string, tableId: string, sheet: string, action: "submit" = "submit"): ApprovalRecordInput => ({
    tableId,
    sheet,
    action,
    fromState: "draft",
    toState: "submitted",
    person,
    department: "人事处",
    role: "clerk",
    timestamp: "2024-09-26T09:00:00+08:00",
    comment: "",
    dataHash: "ab".repeat(32),
  });

  /** Runs `other` once, between this writer's read and its write. */
  function interleave(port: MemoryPort, other: () => Promise<unknown>): void {
    let done = false;
    port.beforeApply = async () => {
      if (done) return;
      done = true;
      const saved = port.beforeApply;
      port.beforeApply = undefined;
      await other();
      port.beforeApply = saved;
    };
  }

  test("two writers who read the same last row both keep their records (same sequence, different rows)", async () => {
    const port = await workbook();
    await port.apply([{ kind: "addSheet", sheet: "1-6 本科生基本情况" }]);
    await appendApprovalRecord(port, input("丙", "2-1", SHEET)); // the log exists already
    interleave(port, () => appendApprovalRecord(port, input("乙", "1-6", "1-6 本科生基本情况")));
    const a = await appendApprovalRecord(port, input("甲", "1-5-1", SHEET));
    const log = await readApprovalLog(port);
    expect(log.records.map((r) => [r.record.sequence, r.record.person]).sort()).toEqual([
      [1, "丙"],
      [2, "乙"],
      [2, "甲"],
    ]);
    expect(a.sequence).toBe(2);
    expect(validateLog(log, anchorsFromSheets(await port.getSheets())).ok).toBe(true);
    const states = deriveStates(log);
    expect(states.tables.get("1-5-1")?.state).toBe("submitted");
    expect(states.tables.get("1-6")?.state).toBe("submitted");
    // The next writer continues after both, from the later of the two.
    const next = await appendApprovalRecord(port, input("丁", "2-3-1", SHEET));
    expect(next.sequence).toBe(3);
    expect(validateLog(await readApprovalLog(port)).ok).toBe(true);
  });

  test("two writers creating the log sheet at once: the second appends after the first", async () => {
    const port = await workbook();
    await port.apply([{ kind: "addSheet", sheet: "1-6 本科生基本情况" }]);
    interleave(port, () => appendApprovalRecord(port, input("乙", "1-6", "1-6 本科生基本情况")));
    await appendApprovalRecord(port, input("甲", "1-5-1", SHEET));
    const log = await readApprovalLog(port);
    expect(log.records.map((r) => [r.record.sequence, r.record.person])).toEqual([
      [1, "乙"],
      [2, "甲"],
    ]);
    expect(validateLog(log, anchorsFromSheets(await port.getSheets())).ok).toBe(true);
  });

  test("a writer that finds another record in its row (the merge kept the other) appends again after it", async () => {
    const port = await workbook();
    await appendApprovalRecord(port, input("丙", "2-1", SHEET));
    const log0 = await readApprovalLog(port);
    const mine = planAppend(log0, input("甲", "1-5-1", SHEET));
    // 乙 picked the same row; the co-authoring merge keeps 乙's values over 甲's.
    const theirs = planAppend(log0, input("乙", "1-6", SHEET), mine.row - (log0.lastRow + 1));
    port.afterApply = async () => {
      port.afterApply = undefined;
      await port.apply(theirs.ops);
    };
    const a = await appendApprovalRecord(port, input("甲", "1-5-1", SHEET));
    const log = await readApprovalLog(port);
    expect(log.records.map((r) => [r.record.sequence, r.record.person])).toEqual([
      [1, "丙"],
      [2, "乙"],
      [3, "甲"],
    ]);
    expect(a.sequence).toBe(3);
    expect(validateLog(log, anchorsFromSheets(await port.getSheets())).ok).toBe(true);
  });

  test("when the merge loses a record after its writer checked, the writer's anchor makes the loss evident", async () => {
    const port = await workbook();
    await port.apply([{ kind: "addSheet", sheet: "1-6 本科生基本情况" }]);
    await appendApprovalRecord(port, input("丙", "2-1", SHEET));
    const log0 = await readApprovalLog(port);
    const b = planAppend(log0, input("乙", "1-6", "1-6 本科生基本情况"));
    await port.apply(b.ops); // 乙 wrote and checked
    const a = planAppend(log0, input("甲", "1-5-1", SHEET), b.row - (log0.lastRow + 1));
    await port.apply(a.ops); // 甲 overwrote the same row afterwards
    const v = validateLog(await readApprovalLog(port), anchorsFromSheets(await port.getSheets()));
    expect(v.ok).toBe(false);
    expect(v.findings.map((f) => f.sheet)).toEqual(["1-6 本科生基本情况"]);
  });

  test("two rows with the same sequence are both kept, ordered by (timestamp, person); the chain forks for one step", () => {
    const mk = (seq: number, person: string, timestamp: string, prevHash: string, over: Partial<ApprovalRecord> = {}): ApprovalRecord => {
      const base = { ...input(person, "1-5-1", SHEET), sequence: seq, timestamp, prevHash, ...over };
      delete (base as Partial<ApprovalRecord>).recordHash;
      return { ...base, recordHash: computeRecordHash(base) };
    };
    const r1 = mk(1, "张三", "2024-09-26T09:00:00+08:00", GENESIS_HASH);
    // Two department reviewers act at once on the submitted table: one approves, one returns.
    const approve = mk(2, "李四", "2024-09-26T10:00:05+08:00", r1.recordHash, { action: "approve", fromState: "submitted", toState: "departmentApproved", role: "departmentReviewer" } as Partial<ApprovalRecord>);
    const ret = mk(2, "刘七", "2024-09-26T10:00:01+08:00", r1.recordHash, { action: "return", fromState: "submitted", toState: "draft", role: "departmentReviewer", comment: "缺数据" } as Partial<ApprovalRecord>);
    const next = mk(3, "张三", "2024-09-26T11:00:00+08:00", ret.recordHash);
    const values = [[...APPROVAL_HEADERS], recordToRow(r1), recordToRow(approve), recordToRow(ret), recordToRow(next)];
    const log = parseApprovalLog(values);
    expect(validateLog(log).ok).toBe(true);
    const d = deriveStates(log);
    // 刘七's return (earlier timestamp) applies first; 李四's approval is kept but not in force.
    expect(d.tables.get("1-5-1")?.history.map((r) => r.person)).toEqual(["张三", "刘七", "张三"]);
    expect(d.tables.get("1-5-1")?.state).toBe("submitted");
    expect(d.conflicts).toHaveLength(1);
    expect(d.conflicts[0]).toMatchObject({ code: "review.logConflict", address: "A3" });
    expect(d.conflicts[0].message).toBe("表 1-5-1：李四 于 2024-09-26T10:00:05+08:00 的「通过」与同时写入的另一条记录冲突（当时状态已是「填报中」），该记录保留但未生效");
  });
});

describe("the last-record anchor", () => {
  test("each append records sequence:hash on the table's sheet", async () => {
    const port = await approvedWorkbook();
    const props = (await port.getSheets()).find((s) => s.name === SHEET)!.customProperties;
    const log = await readApprovalLog(port);
    expect(props[PROP_LAST_RECORD]).toBe(`2:${log.records[1].record.recordHash}`);
  });
});

describe("the 审核 page's timeline and the log's visibility", () => {
  test("history of one table, in order, with labels", async () => {
    const port = await approvedWorkbook();
    await act(port, "return", school, "第 5 行工号与人事系统不一致");
    const h = tableHistory(await readApprovalLog(port), "1-5-1");
    expect(h.map((e) => [e.sequence, e.actionLabel, e.fromLabel, e.toLabel, e.person, e.roleLabel, e.comment, e.applied])).toEqual([
      [1, "提交", "填报中", "已提交", "张三", "填报员", "", true],
      [2, "通过", "已提交", "部门已审", "李四", "部门审核员", "", true],
      [3, "退回", "部门已审", "填报中", "王校", "校级审核员", "第 5 行工号与人事系统不一致", true],
    ]);
    expect(tableHistory(await readApprovalLog(port), "1-6")).toEqual([]);
  });

  test("a log sheet made visible is reported (without failing verify) and can be hidden again", async () => {
    const port = await approvedWorkbook();
    await port.apply([{ kind: "setVisibility", sheet: APPROVAL_SHEET, visibility: "visible" }]);
    const report = await verifyThroughPort(port, catalog, bound);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => f.code)).toEqual(["review.logVisible"]);
    await port.apply(hideApprovalSheetOps());
    expect((await verifyThroughPort(port, catalog, bound)).findings).toEqual([]);
  });
});
