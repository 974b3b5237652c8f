/**
 * The user's declared profile (name, department, role), written on every approval record.
 * Identity is declared, not authenticated (the 设置 page says so plainly).
 */
import type { KeyValueStore } from "./storage";
import { readJson, writeJson } from "./storage";
import type { MessageKey } from "../../i18n";
import { ROLES, type Profile, type Role } from "../../core/workflow/review";

export { ROLES };
export type { Profile, Role };

export const ROLE_LABEL_KEYS: Readonly<Record<Role, MessageKey>> = {
  clerk: "settings.roleClerk",
  departmentReviewer: "settings.roleDepartmentReviewer",
  schoolReviewer: "settings.roleSchoolReviewer",
  qualityOffice: "settings.roleQualityOffice",
};

const PROFILE_KEY = "profile";

function isProfile(v: unknown): v is Profile {
  if (!v || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return typeof p.name === "string" && typeof p.department === "string" && ROLES.includes(p.role as Role);
}

export function loadProfile(store: KeyValueStore): Profile | null {
  return readJson(store, PROFILE_KEY, isProfile);
}

/** Trims the fields (stray spaces are the commonest input slip); returns the stored profile. */
export function saveProfile(store: KeyValueStore, profile: Profile): Profile {
  const clean: Profile = { name: profile.name.trim(), department: profile.department.trim(), role: profile.role };
  writeJson(store, PROFILE_KEY, clean);
  return clean;
}

export type ProfileProblem = "settings.profileNameRequired" | "settings.profileDepartmentRequired";

export function profileProblems(profile: Profile): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  if (!profile.name.trim()) out.push("settings.profileNameRequired");
  if (!profile.department.trim()) out.push("settings.profileDepartmentRequired");
  return out;
}
