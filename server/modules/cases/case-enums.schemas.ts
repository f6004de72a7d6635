import { z } from "zod";

// The case contract's vocabulary: kinds, statuses, steps, methods, approvals, and the shared field types.

export const caseKinds = ["lost", "stolen", "damaged", "forgotten", "offboarding"] as const;
/** Offboarding cases are opened by sync (assignment module), never by an agent here. */
export const openableCaseKinds = ["lost", "stolen", "damaged", "forgotten"] as const;
export const casePriorities = ["low", "normal", "high", "urgent"] as const;
export type CasePriority = (typeof casePriorities)[number];
export const caseStatuses = [
  "open",
  "awaiting_approval",
  "in_progress",
  "waiting_registration",
  "closed",
  "cancelled",
] as const;
/** In the runbook's order (docs/RECOVERY.md), which is the order a case's steps run in (step-plan.ts). */
export const stepKinds = [
  "verify_identity",
  "approve",
  "revoke_credential",
  "revoke_sessions",
  "mark_key",
  "reserve_replacement",
  "issue_tap",
  "close",
] as const;
export const stepStatuses = ["pending", "running", "done", "failed", "skipped"] as const;
export const verificationMethods = ["callback", "manager_confirmation", "video_id", "in_person"] as const;
/** What a four-eyes request is for: a privileged user's recovery, or a TAP beyond the agent's hourly cap. */
/** proceed_stranded: revoke although the preflight says the user would be left with no way in (reason required). */
export const approvalActions = ["privileged_recovery", "tap_over_cap", "proceed_stranded"] as const;
export const approvalStatuses = ["pending", "approved", "rejected"] as const;
export type CaseStatusName = (typeof caseStatuses)[number];
export type StepKindName = (typeof stepKinds)[number];
export type StepStatusName = (typeof stepStatuses)[number];

export const id = z.string().trim().min(1).max(100);
export const version = z.number().int().min(0);
export const nStr = z.string().nullable();
export const nDate = z.date().nullable();
