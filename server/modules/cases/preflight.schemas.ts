import { z } from "zod";
import { credentialKinds } from "@/server/modules/matching/credential-kind.constants";

// What a recovery would leave the user with, read live from Entra before anything is deleted
// (docs/RECOVERY.md). One shape for the case page, the server-side gate and the CLI's JSON.

export const tapCauses = [
  "ok",
  "policy_disabled",
  "not_included",
  "excluded",
  "external_guest",
  "account_disabled",
] as const;

export const preflightOutput = z.object({
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  credentials: z.array(
    z.object({
      methodId: z.string(),
      model: z.string().nullable(),
      kind: z.enum(credentialKinds),
      keySerial: z.string().nullable(),
      displayName: z.string().nullable(),
      /** This credential would be deleted by the recovery in question (every credential, without a case). */
      isRevoked: z.boolean(),
    }),
  ),
  tap: z.object({
    possible: z.boolean(),
    cause: z.enum(tapCauses),
    /** A plain sentence: why, and what to do about it. */
    reason: z.string(),
    minMinutes: z.number().int(),
    maxMinutes: z.number().int(),
    defaultMinutes: z.number().int(),
    /** The policy allows one-time passes only. */
    isUsableOnce: z.boolean(),
    /** The groups the policy includes (empty when it includes all users). */
    includeGroups: z.array(z.object({ id: z.string(), displayName: z.string() })),
    /** The user holds a pass Entra says is usable right now. */
    hasUsablePass: z.boolean(),
  }),
  backupKey: z.object({ present: z.boolean(), methodIds: z.array(z.string()) }),
  replacement: z.object({
    possible: z.boolean(),
    reason: z.string(),
    site: z.string().nullable(),
    byHand: z.boolean(),
  }),
  /** Revoking would leave neither a pass (usable or issuable), a backup key, nor a recorded in-person handover. */
  stranded: z.boolean(),
  /** A sentence for the top of the case page. */
  summary: z.string(),
  checkedAt: z.date(),
});
export type Preflight = z.infer<typeof preflightOutput>;

export const casePreflightInput = z.object({ caseId: z.string().trim().min(1).max(100) });
export const recordHandoverInput = z.object({
  caseId: z.string().trim().min(1).max(100),
  version: z.number().int().min(0),
  /** Which key, where, who checked it was registered: the record the next agent reads. */
  note: z.string().trim().min(5).max(500),
});
