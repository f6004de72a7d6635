import { SETTING_NAMES } from "@/server/modules/settings/setting-names.constants";
import type { SubjectName } from "./audit-names.repository";

// Where an audit event's subject is shown, and what kind of thing it is, in words.

const PAGES: Record<string, (id: string) => string> = {
  SecurityKey: (id) => `/keys/${id}`,
  DirectoryUser: (id) => `/users/${id}`,
  EntraCredential: (id) => `/users/${id}`,
  PurchaseOrder: (id) => `/procurement/orders/${id}`,
  Case: (id) => `/cases/${id}`,
  KeyModel: (id) => `/procurement/models/${id}`,
  Site: (id) => `/procurement/sites/${id}`,
  RolloutWave: (id) => `/rollout/readiness/${id}`,
  EnrollmentBatch: (id) => `/enrollment/${id}`,
  EnrollmentItem: (id) => `/enrollment/${id}`,
  MatchReview: () => "/users/match-review",
};

const KINDS: Record<string, string> = {
  SecurityKey: "Key",
  DirectoryUser: "Person",
  EntraCredential: "Credential",
  PurchaseOrder: "Purchase order",
  Case: "Case",
  KeyModel: "Key model",
  Site: "Site",
  RolloutWave: "Rollout wave",
  EnrollmentBatch: "Enrollment batch",
  EnrollmentItem: "Enrollment",
  MatchReview: "Match review",
  StaffUser: "Staff member",
  Setting: "Setting",
  SyncRun: "Sync run",
  AuditTrail: "Audit trail",
};

const SETTING_PAGES: Record<string, string> = { "recovery.policy": "/settings/recovery" };

export const subjectKind = (subjectType: string) => KINDS[subjectType] ?? subjectType;

/** The subject as a page shows it: its name and link today, or only its id when it no longer exists. */
export function describeSubject(subjectType: string, subjectId: string, found: SubjectName | undefined) {
  if (subjectType === "Setting" && SETTING_NAMES[subjectId])
    return { name: SETTING_NAMES[subjectId]!, href: SETTING_PAGES[subjectId] ?? null };
  if (!found) return { name: null, href: null };
  const page = PAGES[subjectType];
  return { name: found.name, href: page ? page(found.pageId) : null };
}
