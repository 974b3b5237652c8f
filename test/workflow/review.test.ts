import { assignment151, clerk, deptReviewer, qualityOffice, schoolReviewer } from "./fixtures";
import { actionOptions, decide, type ActionContext, type Profile, type ReviewAction, type ReviewState } from "../../src/core/workflow/review";

const assignment = assignment151;
const otherDeptReviewer: Profile = { name: "赵六", department: "教务处", role: "departmentReviewer" };

function ctx(state: ReviewState, profile: Profile | null, extra: Partial<ActionContext> = {}): ActionContext {
  return { tableId: "1-5-1", tableName: "教职工基本信息", state, profile, assignment, ...extra };
}
const why = (action: ReviewAction, c: ActionContext) => {
  const d = decide(action, c);
  return d.ok ? `ok → ${d.transition.to}` : d.reason;
};

describe("the review chain: every allowed transition", () => {
  test.each<[ReviewState, ReviewAction, Profile, string]>([
    ["draft", "submit", clerk, "submitted"],
    ["submitted", "approve", deptReviewer, "departmentApproved"],
    ["submitted", "return", deptReviewer, "draft"],
    ["departmentApproved", "approve", schoolReviewer, "schoolApproved"],
    ["departmentApproved", "return", schoolReviewer, "draft"],
    ["schoolApproved", "finalise", qualityOffice, "finalised"],
    ["schoolApproved", "return", qualityOffice, "draft"],
    ["finalised", "return", qualityOffice, "draft"],
  ])("%s: %s by %s", (state, action, profile, to) => {
    expect(why(action, ctx(state, profile, { reason: "第 5 行工号重复" }))).toBe(`ok → ${to}`);
  });
});

describe("the review chain: refusals say why", () => {
  const T = "表 1-5-1 教职工基本信息";
  test("no level can be skipped", () => {
    expect(why("approve", ctx("draft", deptReviewer))).toBe(`${T} 当前为「填报中」，不能通过：审核不能越级，当前应由填报员「提交」`);
    expect(why("finalise", ctx("submitted", qualityOffice))).toBe(`${T} 当前为「已提交」，不能定稿：审核不能越级，当前应由部门审核员「通过」`);
    expect(why("finalise", ctx("departmentApproved", qualityOffice))).toBe(`${T} 当前为「部门已审」，不能定稿：审核不能越级，当前应由校级审核员「通过」`);
    expect(why("approve", ctx("schoolApproved", schoolReviewer))).toBe(`${T} 当前为「校级已审」，不能通过：审核不能越级，当前应由质量办「定稿」`);
    expect(why("approve", ctx("finalised", qualityOffice))).toBe(`${T} 当前为「已定稿」，不能通过：审核不能越级`);
  });

  test("each action only by the role of its level", () => {
    expect(why("approve", ctx("submitted", schoolReviewer))).toBe(`${T} 当前为「已提交」，「通过」只能由部门审核员操作，你的角色是「校级审核员」`);
    expect(why("approve", ctx("departmentApproved", deptReviewer))).toBe(`${T} 当前为「部门已审」，「通过」只能由校级审核员操作，你的角色是「部门审核员」`);
    expect(why("submit", ctx("draft", deptReviewer))).toBe(`${T} 当前为「填报中」，「提交」只能由填报员操作，你的角色是「部门审核员」`);
    expect(why("return", ctx("submitted", clerk, { reason: "x" }))).toBe(`${T} 当前为「已提交」，「退回」只能由部门审核员操作，你的角色是「填报员」`);
    expect(why("return", ctx("schoolApproved", schoolReviewer, { reason: "x" }))).toBe(`${T} 当前为「校级已审」，「退回」只能由质量办操作，你的角色是「校级审核员」`);
  });

  test("department approval only by the table's 审核单位", () => {
    expect(why("approve", ctx("submitted", otherDeptReviewer))).toBe(`${T} 的部门审核只能由审核单位「人事处」的审核员操作，你的部门是「教务处」`);
    expect(why("approve", ctx("submitted", { ...deptReviewer, department: " 人事处 " }))).toBe("ok → departmentApproved");
    expect(why("approve", ctx("submitted", deptReviewer, { assignment: { ...assignment, reviewingDepartment: "" } }))).toBe(
      `${T} 在责任分解中没有审核单位，请质量办先在「责任分解」表中填写审核单位`,
    );
  });

  test("退回 needs a reason", () => {
    expect(why("return", ctx("submitted", deptReviewer, { reason: "  " }))).toBe("退回必须填写原因");
    expect(why("return", ctx("draft", deptReviewer, { reason: "x" }))).toBe(`${T} 正在填报中，没有可退回的提交`);
  });

  test("submit only without errors and with every warning explained", () => {
    expect(why("submit", ctx("draft", clerk, { errors: 3 }))).toBe(`${T} 还有 3 个错误，全部改正后才能提交`);
    expect(why("submit", ctx("draft", clerk, { unexplainedWarnings: [{ rule: "r1", row: 12 }, { rule: "r2", row: 5 }, { rule: "r3" }] }))).toBe(
      `${T} 还有 3 个警告没有填写异常数据说明（第 5、12 行），说明后才能提交`,
    );
    expect(why("submit", ctx("submitted", clerk))).toBe(`${T} 当前为「已提交」，不能再次提交；如需修改，请审核人先退回`);
  });

  test("approval refuses data changed since the submission", () => {
    expect(why("approve", ctx("submitted", deptReviewer, { dataHash: "b", submittedDataHash: "a" }))).toBe(
      `${T} 提交后数据又被修改过（数据指纹不一致），请退回，由填报人检查后重新提交`,
    );
  });

  test("no profile, or a tampered log, blocks every action", () => {
    expect(why("submit", ctx("draft", null))).toBe("请先在「设置」中填写姓名、部门和角色（身份由本人声明，会写入每条审核记录）");
    expect(why("submit", ctx("draft", { ...clerk, name: " " }))).toContain("请先在「设置」中填写姓名");
    expect(why("submit", ctx("draft", clerk, { logIntact: false }))).toBe(`审核记录被篡改，${T} 暂不能提交，请质量办核查审核记录`);
  });

  test("action options for the 审核 page", () => {
    expect(actionOptions(ctx("submitted", deptReviewer)).map((o) => [o.label, o.allowed])).toEqual([
      ["通过", true],
      ["退回", true],
    ]);
    const forClerk = actionOptions(ctx("submitted", clerk));
    expect(forClerk.every((o) => !o.allowed && o.reason)).toBe(true);
  });
});
