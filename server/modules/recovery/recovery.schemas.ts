import { z } from "zod";
import { caseOutput } from "@/server/modules/cases/cases.schemas";

// Temporary Access Passes. The pass value appears in exactly one place: issueTapOutput, returned once to
// the agent who issued it. It is never stored, logged or cached; the field name matches the logger's
// redaction list so a stray log of the response would print "[redacted]".

const id = z.string().trim().min(1).max(100);
const nDate = z.date().nullable();

export const tapPolicyInput = z.object({ caseId: id.optional() }).default({});
export const tapPolicyOutput = z.object({
  isEnabled: z.boolean(),
  minimumLifetimeInMinutes: z.number().int(),
  maximumLifetimeInMinutes: z.number().int(),
  defaultLifetimeInMinutes: z.number().int(),
  /** The tenant makes every pass one-time: a multi-use pass would be refused. */
  isUsableOnceEnforced: z.boolean(),
  /** What the form should start with (portal defaults clamped into the tenant's range; shorter for forgotten keys). */
  suggestedLifetimeInMinutes: z.number().int(),
  suggestedIsUsableOnce: z.boolean(),
  capPerHour: z.number().int(),
  issuedByYouLastHour: z.number().int(),
});

export const issueTapInput = z.object({
  caseId: id,
  version: z.number().int().min(0),
  /** Omitted: the suggested lifetime. Out of the tenant's range: refused, naming the range. */
  lifetimeInMinutes: z.number().int().min(10).max(43_200).optional(),
  isUsableOnce: z.boolean().default(true),
  startAt: z.date().optional(),
  /** After an attempt with an unknown outcome left a pass in Entra: revoke it and issue a new one. */
  replaceExisting: z.boolean().default(false),
});
export const issueTapOutput = z.object({
  /** Shown once. Never stored, logged or sent anywhere else. */
  temporaryAccessPass: z.string(),
  startAt: z.date(),
  expiresAt: z.date(),
  lifetimeInMinutes: z.number().int(),
  isUsableOnce: z.boolean(),
  issuanceId: z.string(),
  case: caseOutput,
});

export const listTapsInput = z.object({ userId: id });
export const listTapsOutput = z.array(
  z.object({
    /** Entra's method id. */
    id: z.string(),
    createdAt: nDate,
    startAt: nDate,
    expiresAt: nDate,
    lifetimeInMinutes: z.number().int().nullable(),
    isUsableOnce: z.boolean().nullable(),
    isUsable: z.boolean().nullable(),
    usabilityReason: z.string().nullable(),
    /** When Entra was last asked (the list is that read, stored; not a Graph call per view). */
    readAt: nDate,
    /** Our record of it, when it was issued through KeyFleet. */
    issuance: z
      .object({
        id: z.string(),
        issuedById: z.string(),
        reason: z.string(),
        caseId: z.string().nullable(),
        caseNumber: z.number().int().nullable(),
      })
      .nullable(),
  }),
);

export const revokeTapInput = z.object({ userId: id, tapId: id });
export const revokeTapOutput = z.object({ tapId: z.string(), alreadyGone: z.boolean() });

export const alertKinds = ["privileged_tap", "agent_over_cap", "recent_use_revoked"] as const;
export const alertsInput = z
  .object({ days: z.number().int().min(1).max(90).default(7) })
  .default({ days: 7 });
export const alertsOutput = z.array(
  z.object({
    kind: z.enum(alertKinds),
    at: z.date(),
    /** The agent who acted. */
    actorId: z.string(),
    userId: z.string().nullable(),
    userDisplayName: z.string().nullable(),
    caseId: z.string().nullable(),
    caseNumber: z.number().int().nullable(),
    detail: z.string(),
  }),
);
