import { z } from "zod";
import { keyFields } from "@/server/modules/inventory/key-fields.schemas";
import { credentialFields } from "@/server/modules/matching/matching.schemas";

const date = z.date();
const nDate = z.date().nullable();
const nStr = z.string().nullable();

export const userPageInput = z.object({ id: z.string().trim().min(1).max(100) });
export const userPageOutput = z.object({
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    userPrincipalName: z.string(),
    mail: nStr,
    department: nStr,
    jobTitle: nStr,
    officeLocation: nStr,
    siteId: nStr,
    site: nStr,
    siteSetManually: z.boolean(),
    userType: z.string(),
    accountEnabled: z.boolean(),
    deletedAt: nDate,
    isPrivileged: z.boolean(),
    isMfaCapable: z.boolean(),
    isPasswordlessCapable: z.boolean(),
    methodsRegistered: z.array(z.string()),
    reportUpdatedAt: nDate,
    lastSyncedAt: nDate,
    waves: z.array(z.string()),
  }),
  keys: z.array(
    z.object({
      ...keyFields,
      version: z.number().int(),
      site: z.string(),
      kind: z.enum(["primary", "backup"]).nullable(),
      assignmentId: nStr,
      assignedAt: nDate,
      handover: z.enum(["in_person", "shipped", "pickup"]).nullable(),
      shippedAt: nDate,
      carrierRef: nStr,
      deliveredAt: nDate,
      readyAt: nDate,
      match: z.string(),
      credentialId: nStr,
      lastUsedAt: nDate,
    }),
  ),
  credentials: z.array(
    z.object({
      ...credentialFields,
      /** Where "last used" came from: Entra's lastUsedDateTime (beta), or the sign-in log. */
      lastUsedSource: z.enum(["graph", "sign_in_log"]).nullable(),
      removedAt: nDate,
      passkeyType: nStr,
      attestationLevel: nStr,
      isUnknownModel: z.boolean(),
      matchMethod: z.enum(["enrolled", "confirmed", "inferred"]).nullable(),
      keyId: nStr,
      keySerial: nStr,
      /** By the built-in catalogue (docs/CATALOG.md); model is the catalogue's name, else Graph's. */
      kind: z.enum(["hardware", "platform", "synced", "authenticator-app", "unknown"]),
    }),
  ),
  taps: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      createdAt: date,
      startAt: date,
      expiresAt: date,
      lifetimeMinutes: z.number().int(),
      isUsableOnce: z.boolean(),
      revokedAt: nDate,
      caseNumber: z.number().int().nullable(),
      /** "used": Entra's last listing says the one-time pass was spent. */
      state: z.enum(["active", "scheduled", "used", "expired", "revoked"]),
    }),
  ),
  cases: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      kind: z.string(),
      status: z.string(),
      createdAt: date,
      closedAt: nDate,
      outcome: nStr,
      isOpen: z.boolean(),
    }),
  ),
  timeline: z.array(
    z.object({
      at: date,
      kind: z.enum(["assignment", "credential", "case", "tap", "audit"]),
      title: z.string(),
      detail: nStr,
      actor: nStr,
      keyId: nStr,
    }),
  ),
  /** The reader lacks `audit.read`: the timeline leaves out audit events and who acted. */
  isAuditHidden: z.boolean(),
});
export type UserPage = z.infer<typeof userPageOutput>;

export const searchInput = z.object({ q: z.string().max(100) });
export const searchOutput = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      department: nStr,
      isLeaver: z.boolean(),
    }),
  ),
  keys: z.array(
    z.object({
      ...keyFields,
      custodianId: nStr,
      custodian: nStr,
    }),
  ),
});
export type SearchResult = z.infer<typeof searchOutput>;

export const setSiteInput = z.object({
  userId: z.string().trim().min(1).max(100),
  siteId: z.string().trim().min(1).max(100).nullable(),
});
export const setSiteOutput = z.object({ siteId: nStr, siteSetManually: z.boolean() });
