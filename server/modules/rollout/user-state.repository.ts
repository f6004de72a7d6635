import { aaguidsOfKind } from "@/server/catalog";
import { Prisma } from "@/server/db/generated/client";
import { SIGN_IN_WINDOW_DAYS, USED_WITHIN_DAYS, type UserState } from "./rollout.constants";
import { DAY } from "@/server/lib/time";

// The one definition of every rollout figure's condition, as SQL. figures.repository.ts turns them into each
// user's stored state (rollout_user_states) and counts those; the users list behind each drill-down filters
// on the same stored states, so a bar and the list it opens agree. Aliases: u = directory_users,
// c = entra_credentials, f = rollout_user_states.

export const iso = (d: Date) => d.toISOString();

/** The rollout scope: enabled member accounts not deleted in Entra. */
export const IN_SCOPE = Prisma.sql`u."deletedAt" IS NULL AND u."accountEnabled" AND u."userType" = 'member'`;
export const LIVE = Prisma.sql`c."removedAt" IS NULL`;
const DEVICE_BOUND = Prisma.sql`coalesce(c."passkeyType", 'deviceBound') <> 'synced'`;
/**
 * A hardware key: linked to a key, of a model procurement knows, or a security key by the built-in catalogue
 * (so a fresh tenant counts with no model typed in; docs/CATALOG.md); never an app or a synced passkey.
 * The daily snapshots count the same (snapshot.repository.ts).
 */
export const HW = Prisma.sql`(c."keyId" IS NOT NULL OR NOT c."isUnknownModel" OR c.aaguid = ANY(${aaguidsOfKind("hardware")}::text[])) AND ${DEVICE_BOUND}`;

/** Registration-report methods that satisfy phishing-resistant authentication (Entra's built-in strength). */
export const PHISHING_RESISTANT_METHODS = [
  "fido2SecurityKey",
  "passKeyDeviceBound",
  "passKeyDeviceBoundAuthenticator",
  "passKeyDeviceBoundWindowsHello",
  "passKeySynced",
  "windowsHelloForBusiness",
  "macOsSecureEnclaveKey",
];
const PR_METHODS = Prisma.sql`${PHISHING_RESISTANT_METHODS}::text[]`;
/** Device-bound but not a key: authenticator apps (Microsoft Authenticator, vendor SDKs) and platform authenticators (Windows Hello), by the catalogue. */
export const NOT_A_KEY_AAGUIDS = aaguidsOfKind("authenticator-app", "platform");

/** What the tenant's FIDO2 policy lets register (null: no AAGUID restriction is enforced). */
export interface AaguidRule {
  kind: "allow" | "block";
  aaguids: string[];
  allowsSynced: boolean;
}

export interface StateParams {
  now: Date;
  staleDays: number;
  rule: AaguidRule | null;
}

export const usedSince = (now: Date) => new Date(now.getTime() - USED_WITHIN_DAYS * DAY);
export const signInSince = (now: Date) =>
  iso(new Date(now.getTime() - SIGN_IN_WINDOW_DAYS * DAY)).slice(0, 10);
/** Days with a security-key sign-in in the used window (the log is the evidence of use; credentials rarely carry it). */
export const keySignInDays = (now: Date) =>
  Prisma.sql`s."hardwareKey" > 0 AND s.date >= ${iso(usedSince(now)).slice(0, 10)}::date`;

/** Procured: a model the organisation bought (a purchase-order line) or holds keys of. The list is read once per statement. */
const NOT_PROCURED = Prisma.sql`${DEVICE_BOUND} AND NOT (c.aaguid = ANY (ARRAY(
  SELECT ka.aaguid FROM key_model_aaguids ka
  WHERE EXISTS (SELECT 1 FROM security_keys k WHERE k."modelId" = ka."modelId") OR EXISTS (SELECT 1 FROM purchase_order_lines l WHERE l."modelId" = ka."modelId"))))`;
const PERSONAL = Prisma.sql`c."keyId" IS NULL AND ${DEVICE_BOUND} AND NOT (c.aaguid = ANY(${NOT_A_KEY_AAGUIDS}::text[]))`;

export function notAllowedSql(rule: AaguidRule | null): Prisma.Sql {
  if (!rule) return Prisma.sql`false`;
  const list = Prisma.sql`${rule.aaguids.map((a) => a.toLowerCase())}::text[]`;
  const byAaguid =
    rule.kind === "allow"
      ? Prisma.sql`NOT (lower(c.aaguid) = ANY(${list}))`
      : Prisma.sql`lower(c.aaguid) = ANY(${list})`;
  return rule.allowsSynced ? byAaguid : Prisma.sql`(${byAaguid} OR c."passkeyType" = 'synced')`;
}

/** A credential's last known use: the log's or Entra's, else when it was registered (or first seen). */
export const LAST_USE = Prisma.sql`coalesce(c."lastUsedAt", c."createdDateTime", c."firstSeenAt")`;
export const staleSql = (p: StateParams) =>
  Prisma.sql`${LAST_USE} < ${iso(new Date(p.now.getTime() - p.staleDays * DAY))}::timestamp`;

/** Credential conditions of the hygiene figures (each on a live credential). */
export function credentialCondition(
  kind: "not_procured" | "not_allowed" | "personal" | "stale",
  p: StateParams,
): Prisma.Sql {
  switch (kind) {
    case "not_procured":
      return NOT_PROCURED;
    case "not_allowed":
      return notAllowedSql(p.rule);
    case "personal":
      return PERSONAL;
    case "stale":
      return staleSql(p);
  }
}

/** A phishing-resistant method in the registration report (with any live FIDO2 credential: ready for enforcement). */
export const PR_IN_REPORT = Prisma.sql`u."methodsRegistered" && ${PR_METHODS}`;

/** The users-list condition for a state, on the users' stored states (alias f, rollout_user_states): in scope by construction. */
export function stateFlagSql(state: UserState, now: Date, staleDays: number): Prisma.Sql {
  const cond: Record<UserState, Prisma.Sql> = {
    in_scope: Prisma.sql`true`,
    assigned: Prisma.sql`f."isAssigned"`,
    unassigned: Prisma.sql`NOT f."isAssigned"`,
    registered: Prisma.sql`f."hardwareKeys" >= 1`,
    assigned_unregistered: Prisma.sql`f."isAssigned" AND f."hardwareKeys" = 0`,
    used: Prisma.sql`f."isUsed"`,
    registered_unused: Prisma.sql`f."hardwareKeys" >= 1 AND NOT f."isUsed"`,
    backup: Prisma.sql`f."hardwareKeys" >= 2`,
    no_backup: Prisma.sql`f."hardwareKeys" = 1`,
    passwordless: Prisma.sql`f."isPasswordless"`,
    not_ready: Prisma.sql`NOT f."isReady"`,
    password_signins: Prisma.sql`f."hasPasswordSignIns"`,
    cred_not_procured: Prisma.sql`f."hasNotProcured"`,
    cred_not_allowed: Prisma.sql`f."hasNotAllowed"`,
    cred_personal: Prisma.sql`f."hasPersonal"`,
    cred_stale: Prisma.sql`f."oldestUseAt" < ${iso(new Date(now.getTime() - staleDays * DAY))}::timestamp`,
  };
  return Prisma.sql`(${cond[state]})`;
}
