/**
 * The review chain (seeds 001, 003, 004): 填报中 → 已提交 → 部门已审 → 校级已审 → 已定稿, 退回 with a
 * required reason from any review level back to 填报中, no level skipped. Who may do what, and the
 * Chinese reason when not. Identity is declared (a profile), not authenticated: the approval log
 * makes changes evident, not impossible.
 * Pure core.
 */
import type { Assignment } from "./assignment";
import { sameDepartment } from "./cells";

export type ReviewState = "draft" | "submitted" | "departmentApproved" | "schoolApproved" | "finalised";
export type ReviewAction = "submit" | "approve" | "finalise" | "return";
export type Role = "clerk" | "departmentReviewer" | "schoolReviewer" | "qualityOffice";

export const REVIEW_STATES: readonly ReviewState[] = ["draft", "submitted", "departmentApproved", "schoolApproved", "finalised"];
export const REVIEW_ACTIONS: readonly ReviewAction[] = ["submit", "approve", "finalise", "return"];
export const ROLES: readonly Role[] = ["clerk", "departmentReviewer", "schoolReviewer", "qualityOffice"];

export const STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  draft: "填报中",
  submitted: "已提交",
  departmentApproved: "部门已审",
  schoolApproved: "校级已审",
  finalised: "已定稿",
};
export const ACTION_LABELS: Readonly<Record<ReviewAction, string>> = { submit: "提交", approve: "通过", finalise: "定稿", return: "退回" };
export const ROLE_LABELS: Readonly<Record<Role, string>> = { clerk: "填报员", departmentReviewer: "部门审核员", schoolReviewer: "校级审核员", qualityOffice: "质量办" };

export interface Profile {
  name: string;
  department: string;
  role: Role;
}

/** One legal step of the chain: in `from`, `role` may do `action`, giving `to`. */
export interface Transition {
  from: ReviewState;
  action: ReviewAction;
  to: ReviewState;
  role: Role;
  /** The level's name for messages. */
  level: string;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: "draft", action: "submit", to: "submitted", role: "clerk", level: "填报" },
  { from: "submitted", action: "approve", to: "departmentApproved", role: "departmentReviewer", level: "部门审核" },
  { from: "submitted", action: "return", to: "draft", role: "departmentReviewer", level: "部门审核" },
  { from: "departmentApproved", action: "approve", to: "schoolApproved", role: "schoolReviewer", level: "校级审核" },
  { from: "departmentApproved", action: "return", to: "draft", role: "schoolReviewer", level: "校级审核" },
  { from: "schoolApproved", action: "finalise", to: "finalised", role: "qualityOffice", level: "质量办定稿" },
  { from: "schoolApproved", action: "return", to: "draft", role: "qualityOffice", level: "质量办定稿" },
  { from: "finalised", action: "return", to: "draft", role: "qualityOffice", level: "质量办定稿" },
];

export function findTransition(from: ReviewState, action: ReviewAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action);
}

/** True for a from/action/to triple Tianbao itself could have written. */
export function isLegalTransition(from: ReviewState, action: ReviewAction, to: ReviewState): boolean {
  return findTransition(from, action)?.to === to;
}

/** States in which the table's data is approved at some level (and locked). */
export function isApprovedState(s: ReviewState): boolean {
  return s === "departmentApproved" || s === "schoolApproved" || s === "finalised";
}

/** A warning that needs an 异常数据说明 before submission. */
export interface PendingWarning {
  rule: string;
  /** Excel row number (1-based), when the warning concerns a row. */
  row?: number;
  message?: string;
}

export interface ActionContext {
  tableId: string;
  tableName?: string;
  state: ReviewState;
  profile: Profile | null | undefined;
  assignment?: Assignment | null;
  /** Required for 退回. */
  reason?: string;
  /** Errors in the table now (submit needs 0). */
  errors?: number;
  /** Warnings without a current explanation (submit needs none). */
  unexplainedWarnings?: PendingWarning[];
  /** Current 数据指纹 and the one recorded at submission (approve refuses when they differ). */
  dataHash?: string;
  submittedDataHash?: string;
  /** false when the approval log failed verification: no action until the quality office fixes it. */
  logIntact?: boolean;
}

export type Decision = { ok: true; transition: Transition } | { ok: false; reason: string };

const refuse = (reason: string): Decision => ({ ok: false, reason });

function tableLabel(ctx: ActionContext): string {
  return `表 ${ctx.tableId}${ctx.tableName ? " " + ctx.tableName : ""}`;
}

/** Why `action` is or is not allowed now. Reasons are Chinese sentences a user can act on. */
export function decide(action: ReviewAction, ctx: ActionContext): Decision {
  const p = ctx.profile;
  const label = tableLabel(ctx);
  if (!p || !p.name.trim() || !p.department.trim() || !ROLES.includes(p.role)) {
    return refuse("请先在「设置」中填写姓名、部门和角色（身份由本人声明，会写入每条审核记录）");
  }
  if (ctx.logIntact === false) return refuse(`审核记录被篡改，${label} 暂不能${ACTION_LABELS[action]}，请质量办核查审核记录`);
  const t = findTransition(ctx.state, action);
  const stateLabel = STATE_LABELS[ctx.state];
  if (!t) {
    if (action === "return") {
      return refuse(ctx.state === "draft" ? `${label} 正在填报中，没有可退回的提交` : `${label} 当前为「${stateLabel}」，不能退回`);
    }
    const next = TRANSITIONS.find((x) => x.from === ctx.state && x.action !== "return");
    const hint = next ? `，当前应由${ROLE_LABELS[next.role]}「${ACTION_LABELS[next.action]}」` : "";
    if (action === "submit") return refuse(`${label} 当前为「${stateLabel}」，不能再次提交${ctx.state === "draft" ? "" : "；如需修改，请审核人先退回"}`);
    return refuse(`${label} 当前为「${stateLabel}」，不能${action === "finalise" ? "定稿" : "通过"}：审核不能越级${hint}`);
  }
  if (p.role !== t.role) {
    return refuse(`${label} 当前为「${stateLabel}」，「${ACTION_LABELS[action]}」只能由${ROLE_LABELS[t.role]}操作，你的角色是「${ROLE_LABELS[p.role]}」`);
  }
  if (t.role === "departmentReviewer") {
    const reviewing = ctx.assignment?.reviewingDepartment?.trim() ?? "";
    if (!reviewing) return refuse(`${label} 在责任分解中没有审核单位，请质量办先在「责任分解」表中填写审核单位`);
    if (!sameDepartment(reviewing, p.department)) {
      return refuse(`${label} 的部门审核只能由审核单位「${reviewing}」的审核员操作，你的部门是「${p.department}」`);
    }
  }
  if (action === "return" && !(ctx.reason ?? "").trim()) return refuse("退回必须填写原因");
  if (action === "submit") {
    const errors = ctx.errors ?? 0;
    if (errors > 0) return refuse(`${label} 还有 ${errors} 个错误，全部改正后才能提交`);
    const w = ctx.unexplainedWarnings ?? [];
    if (w.length > 0) {
      const rows = [...new Set(w.map((x) => x.row).filter((r): r is number => r !== undefined))].sort((a, b) => a - b);
      const where = rows.length ? `（第 ${rows.slice(0, 5).join("、")}${rows.length > 5 ? " 等" : ""} 行）` : "";
      return refuse(`${label} 还有 ${w.length} 个警告没有填写异常数据说明${where}，说明后才能提交`);
    }
  }
  if (action === "approve" && ctx.state === "submitted" && ctx.dataHash && ctx.submittedDataHash && ctx.dataHash !== ctx.submittedDataHash) {
    return refuse(`${label} 提交后数据又被修改过（数据指纹不一致），请退回，由填报人检查后重新提交`);
  }
  return { ok: true, transition: t };
}

export interface ActionOption {
  action: ReviewAction;
  label: string;
  allowed: boolean;
  reason?: string;
}

/**
 * The actions of the chain for the table's state, each with whether this profile may take it
 * (for the 审核 page). 退回 is checked without its reason, which the user types next.
 */
export function actionOptions(ctx: ActionContext): ActionOption[] {
  const out: ActionOption[] = [];
  for (const t of TRANSITIONS.filter((x) => x.from === ctx.state)) {
    const d = decide(t.action, t.action === "return" ? { ...ctx, reason: ctx.reason || "（待填写）" } : ctx);
    const o: ActionOption = { action: t.action, label: ACTION_LABELS[t.action], allowed: d.ok };
    if (!d.ok) o.reason = d.reason;
    out.push(o);
  }
  return out;
}
