import { z } from "zod";
import { keyFields } from "@/server/modules/inventory/key-fields.schemas";
import { credentialKinds } from "@/server/modules/matching/credential-kind.constants";
import { credentialFields } from "@/server/modules/matching/matching.schemas";
import {
  caseKinds,
  casePriorities,
  caseStatuses,
  id,
  nDate,
  nStr,
  stepKinds,
  verificationMethods,
} from "./case-enums.schemas";

// The case list and the wizard's view of a user (case-queries.ts).

// ─── List ────────────────────────────────────────────────────────────────────
export const listInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
  /** "active" = every status but closed and cancelled. */
  status: z.enum([...caseStatuses, "active"]).optional(),
  kind: z.enum(caseKinds).optional(),
  /** Case number, user name or UPN, or key serial. */
  q: z.string().trim().max(100).optional(),
  /** "me" (the reader), "none" (unassigned) or an agent's id. */
  assignee: z.union([z.enum(["me", "none"]), id]).optional(),
  priority: z.enum(casePriorities).optional(),
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
      priority: z.enum(casePriorities),
      assigneeId: nStr,
      assigneeName: nStr,
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
  /** Agents a case can go to (as cases.agents): the list's assignee filter, read with the page. */
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
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
  /** Only allowed methods are listed; isSufficient: it meets the required strength (one check must; they do not add up). */
  methods: z.array(methodRequirement),
  /** Privileged user: a second agent must approve before any revocation or TAP. */
  needsApproval: z.boolean(),
  /** The rule for this user and why, in words. */
  summary: z.string(),
});
export const caseUser = z.object({
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
      ...keyFields,
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
      ...credentialFields,
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
