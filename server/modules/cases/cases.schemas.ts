import { z } from "zod";
import { keyStatuses } from "@/server/modules/dashboards/key-statuses";
import { credentialKinds } from "@/server/modules/matching/credential-kind";

// The case wizard's contract. Every mutation carries the case `version` the agent saw: a case changed by
// someone else in between is refused with CONFLICT, so two agents can never both act on one case.

export const caseKinds = ["lost", "stolen", "damaged", "forgotten", "offboarding"] as const;
/** Offboarding cases are opened by sync (assignment module), never by an agent here. */
export const openableCaseKinds = ["lost", "stolen", "damaged", "forgotten"] as const;
export const caseStatuses = [
  "open",
  "awaiting_approval",
  "in_progress",
  "waiting_registration",
  "closed",
  "cancelled",
] as const;
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

const id = z.string().trim().min(1).max(100);
const version = z.number().int().min(0);
const nStr = z.string().nullable();
const nDate = z.date().nullable();

// ─── List ────────────────────────────────────────────────────────────────────
export const listInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
  /** "active" = every status but closed and cancelled. */
  status: z.enum([...caseStatuses, "active"]).optional(),
  kind: z.enum(caseKinds).optional(),
  /** Case number, user name or UPN, or key serial. */
  q: z.string().trim().max(100).optional(),
});
export const listOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(caseKinds),
      status: z.enum(caseStatuses),
      userId: z.string(),
      userDisplayName: z.string(),
      userPrincipalName: z.string(),
      isPrivileged: z.boolean(),
      keySerials: z.array(z.string()),
      openedById: z.string(),
      createdAt: z.date(),
      updatedAt: z.date(),
      closedAt: nDate,
      nextStep: z.enum(stepKinds).nullable(),
      hasPendingApproval: z.boolean(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ─── The wizard's first page: a user's keys and Entra credentials ───────────
export const userKeysInput = z.object({ userId: id });
const methodRequirement = z.object({
  method: z.enum(verificationMethods),
  strength: z.number().int(),
  isSufficient: z.boolean(),
});
export const requirementsOutput = z.object({
  requiredStrength: z.number().int(),
  /** Only allowed methods are listed; isSufficient says whether one alone meets the required strength. */
  methods: z.array(methodRequirement),
  /** Privileged user: a second agent must approve before any revocation or TAP. */
  needsApproval: z.boolean(),
});
const caseUser = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  department: nStr,
  site: nStr,
  siteId: nStr,
  isPrivileged: z.boolean(),
  accountEnabled: z.boolean(),
  /** The number in the directory: the only one a callback may go to, never one the caller gives. */
  phoneOnRecord: nStr,
});
export const userKeysOutput = z.object({
  user: caseUser,
  keys: z.array(
    z.object({
      id: z.string(),
      serial: z.string(),
      model: z.string(),
      status: z.enum(keyStatuses),
      version: z.number().int(),
      kind: z.enum(["primary", "backup"]).nullable(),
      credential: z
        .object({
          id: z.string(),
          methodId: z.string(),
          displayName: nStr,
          lastUsedAt: nDate,
          createdDateTime: nDate,
        })
        .nullable(),
      openCaseNumber: z.number().int().nullable(),
      /** Why the key cannot be picked (already in an open case, not with the user), or null. */
      blockedReason: nStr,
    }),
  ),
  /** Live credentials in the mirror, including personal / unknown keys with no physical key. */
  credentials: z.array(
    z.object({
      id: z.string(),
      methodId: z.string(),
      displayName: nStr,
      model: nStr,
      aaguid: z.string(),
      createdDateTime: nDate,
      lastUsedAt: nDate,
      keyId: nStr,
      keySerial: nStr,
      kind: z.enum(credentialKinds),
      /** Revoked through a case without a key: no key of the user's carries it. */
      isPickable: z.boolean(),
      /** Why it cannot be picked (on a held key: pick the key; already in an open case), or null. */
      blockedReason: nStr,
    }),
  ),
  openCases: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(caseKinds),
      status: z.enum(caseStatuses),
    }),
  ),
  requirements: requirementsOutput,
});

// ─── Open ────────────────────────────────────────────────────────────────────
export const openInput = z.object({
  userId: id,
  kind: z.enum(openableCaseKinds),
  /** Forgotten keys may name none (the key is at home, nothing is revoked). */
  keyIds: z.array(id).max(5).default([]),
  /** Live credentials no key of the user carries (personal keys, synced or Authenticator passkeys): revoked too. */
  credentialIds: z.array(id).max(10).default([]),
  ticketRef: z.string().trim().max(100).optional(),
});
export const openOutput = z.object({ id: z.string(), number: z.number().int() });

// ─── One case with its steps ─────────────────────────────────────────────────
export const caseIdInput = z.object({ id });
export const stepOutput = z.object({
  id: z.string(),
  kind: z.enum(stepKinds),
  target: z.string(),
  targetLabel: nStr,
  status: z.enum(stepStatuses),
  attempts: z.number().int(),
  lastError: nStr,
  startedAt: nDate,
  completedAt: nDate,
  actorId: nStr,
  graphRef: nStr,
  /** Plain language: what running this step will do in Entra (and here), shown before the agent confirms. */
  preview: z.string(),
  /** The step the agent can run now. */
  isNext: z.boolean(),
  /** A TAP may have been created by an attempt whose outcome is unknown: only revoke-and-reissue continues. */
  needsDecision: z.boolean(),
  /** What happened, in words (e.g. "no key in stock at LON", "credential was already gone"). */
  note: nStr,
});
export const caseOutput = z.object({
  id: z.string(),
  number: z.number().int(),
  kind: z.enum(caseKinds),
  status: z.enum(caseStatuses),
  version: z.number().int(),
  ticketRef: nStr,
  outcome: nStr,
  closeReason: nStr,
  closedAt: nDate,
  closedById: nStr,
  openedById: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  user: caseUser,
  keys: z.array(
    z.object({
      id: z.string(),
      serial: z.string(),
      model: z.string(),
      status: z.enum(keyStatuses),
      credentialId: nStr,
      methodId: nStr,
      credentialRemovedAt: nDate,
      /** How the credential was linked to the key: known (enrolled, confirmed) or inferred. */
      matchMethod: z.enum(["enrolled", "confirmed", "inferred"]).nullable(),
    }),
  ),
  replacementKey: z
    .object({
      id: z.string(),
      serial: z.string(),
      model: z.string(),
      status: z.enum(keyStatuses),
      version: z.number().int(),
      site: z.string(),
    })
    .nullable(),
  requirements: requirementsOutput,
  /** Keys the user still holds with a live credential: the backup path (no TAP needed). */
  otherWorkingKeys: z.array(z.object({ id: z.string(), serial: z.string(), model: z.string() })),
  steps: z.array(stepOutput),
  verifications: z.array(
    z.object({
      id: z.string(),
      method: z.enum(verificationMethods),
      strength: z.number().int(),
      verifiedById: z.string(),
      verifiedAt: z.date(),
      reference: z.string(),
    }),
  ),
  approvals: z.array(
    z.object({
      id: z.string(),
      action: z.enum(approvalActions),
      status: z.enum(approvalStatuses),
      requestedById: z.string(),
      approverId: nStr,
      reason: nStr,
      requestedAt: z.date(),
      decidedAt: nDate,
    }),
  ),
  /** Issuance records only: the pass itself is never stored. */
  taps: z.array(
    z.object({
      id: z.string(),
      graphMethodId: nStr,
      startAt: z.date(),
      expiresAt: z.date(),
      lifetimeMinutes: z.number().int(),
      isUsableOnce: z.boolean(),
      revokedAt: nDate,
      issuedById: z.string(),
      createdAt: z.date(),
    }),
  ),
  /** Who did what, oldest first: opened, evidence, each approval asked and decided, each step run, closed. */
  activity: z.array(z.object({ what: z.string(), actorId: z.string(), actorName: nStr, at: nDate })),
  /** The user's passes as Entra listed them at readAt (stored; refreshed after steps and on demand, not per view). */
  tapState: z.object({
    readAt: nDate,
    taps: z.array(
      z.object({
        id: z.string(),
        isUsable: z.boolean().nullable(),
        isUsableNow: z.boolean(),
        usabilityReason: nStr,
        isUsableOnce: z.boolean().nullable(),
        lifetimeInMinutes: z.number().int().nullable(),
        startAt: nDate,
        expiresAt: nDate,
      }),
    ),
  }),
  /** e.g. forgotten keys: "Close the case when the key is back." */
  reminder: nStr,
  isOpen: z.boolean(),
});
export type CaseView = z.infer<typeof caseOutput>;

// ─── Acting on a case ────────────────────────────────────────────────────────
export const verifyInput = z.object({
  caseId: id,
  version,
  method: z.enum(verificationMethods),
  /** Who/what confirms it: the number called, the manager's name, the video session or desk — never an ID document. */
  reference: z.string().trim().min(3).max(300),
  verifiedAt: z.date().optional(),
});
export const runStepInput = z.object({
  caseId: id,
  version,
  stepId: id,
  /** Reserve a replacement only: the serial of a key in stock the agent picked by hand (scanned or typed). */
  serial: z.string().trim().min(1).max(100).optional(),
});
export const requestApprovalInput = z.object({
  caseId: id,
  version,
  action: z.enum(approvalActions),
  reason: z.string().trim().max(500).optional(),
});
export const closeInput = z.object({
  caseId: id,
  version,
  reason: z.string().trim().min(3).max(500),
  /** Revoke (delete in Entra) every pass of the user that is still usable. The default: a closed case leaves no way in behind. */
  revokeTaps: z.boolean().default(true),
});

// ─── Four eyes ───────────────────────────────────────────────────────────────
export const approvalsInput = z
  .object({ status: z.enum(approvalStatuses).default("pending") })
  .default({ status: "pending" });
export const approvalsOutput = z.array(
  z.object({
    id: z.string(),
    action: z.enum(approvalActions),
    status: z.enum(approvalStatuses),
    reason: nStr,
    requestedById: z.string(),
    requestedAt: z.date(),
    approverId: nStr,
    decidedAt: nDate,
    case: z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(caseKinds),
      status: z.enum(caseStatuses),
    }),
    user: z.object({
      id: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      isPrivileged: z.boolean(),
    }),
    evidence: z.array(
      z.object({
        method: z.enum(verificationMethods),
        strength: z.number().int(),
        reference: z.string(),
        verifiedById: z.string(),
        verifiedAt: z.date(),
      }),
    ),
    /** False for anyone who took part in the case (four-eyes.ts) and for the user themselves. */
    canDecide: z.boolean(),
  }),
);
export const decideApprovalInput = z.object({
  approvalId: id,
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().max(500).optional(),
});
export const decideApprovalOutput = z.object({
  approvalId: z.string(),
  status: z.enum(approvalStatuses),
  caseId: z.string(),
});
