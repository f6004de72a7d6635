import { z } from "zod";
import { keyFields } from "@/server/modules/inventory/key-fields.schemas";
import {
  approvalActions,
  approvalStatuses,
  caseKinds,
  casePriorities,
  caseStatuses,
  id,
  nDate,
  nStr,
  openableCaseKinds,
  stepKinds,
  stepStatuses,
  verificationMethods,
  version,
} from "./case-enums.schemas";
import { caseUser, requirementsOutput } from "./case-queries.schemas";

// The case wizard's contract. Every mutation carries the case `version` the agent saw: a case changed by
// someone else in between is refused with CONFLICT, so two agents can never both act on one case. The
// vocabulary is in case-enums.schemas.ts, the list and the user view in case-queries.schemas.ts.

export * from "./case-enums.schemas";
export * from "./case-queries.schemas";

// ─── Open ────────────────────────────────────────────────────────────────────
export const openInput = z.object({
  userId: id,
  kind: z.enum(openableCaseKinds),
  /** Forgotten keys may name none (the key is at home, nothing is revoked). */
  keyIds: z.array(id).max(5).default([]),
  /** Live credentials no key of the user carries (personal keys, synced or Authenticator passkeys): revoked too. */
  credentialIds: z.array(id).max(10).default([]),
  ticketRef: z.string().trim().max(100).optional(),
  priority: z.enum(casePriorities).default("normal"),
  /** The agent who works the case; the opener when left out. */
  assigneeId: id.optional(),
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
  /** The ticket in the organisation's ticket system, when Settings has a link template; else null. */
  ticketUrl: nStr,
  priority: z.enum(casePriorities),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
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
      ...keyFields,
      credentialId: nStr,
      methodId: nStr,
      credentialRemovedAt: nDate,
      /** How the credential was linked to the key: known (enrolled, confirmed) or inferred. */
      matchMethod: z.enum(["enrolled", "confirmed", "inferred"]).nullable(),
    }),
  ),
  replacementKey: z
    .object({
      ...keyFields,
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
      decisionNote: nStr,
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
export const approvalsWaitingOutput = z.object({ count: z.number().int().min(0) });
export const approvalsOutput = z.array(
  z.object({
    id: z.string(),
    action: z.enum(approvalActions),
    status: z.enum(approvalStatuses),
    /** The requester's reason. */
    reason: nStr,
    /** The approver's note on the decision (kept apart from the reason). */
    decisionNote: nStr,
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

// ─── Assignee and priority ───────────────────────────────────────────────────
export const triageInput = z.object({
  caseId: id,
  version: z.number().int().min(0),
  /** null: nobody works it for now. */
  assigneeId: id.nullable(),
  priority: z.enum(casePriorities),
});
/** Agents a case can be assigned to: everyone who has worked a case, and the reader. */
export const agentsOutput = z.array(z.object({ id: z.string(), name: z.string() }));
