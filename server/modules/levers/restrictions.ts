import type { Fido2KeyRestrictions, Fido2Policy } from "@/server/graph/port";

// The FIDO2 policy's key restrictions as rules a preview can compare (docs/SECURITY-LEAD.md). Pure.

export const LEGACY = "legacy";
export const ALL_USERS = "all_users";

export interface Rule {
  isEnforced: boolean;
  enforcementType: "allow" | "block";
  aaguids: string[];
}

export interface RestrictionTarget {
  /** "legacy" (the policy's own keyRestrictions) or a passkey profile's id. */
  id: string;
  name: string;
  rule: Rule;
  passkeyTypes: string | null;
  /** Group ids of the policy's include targets this restriction governs ("all_users" for everyone). */
  groupIds: string[];
}

export const toRule = (r: Fido2KeyRestrictions | undefined): Rule => ({
  isEnforced: r?.isEnforced ?? false,
  enforcementType: r?.enforcementType === "block" ? "block" : "allow",
  aaguids: [...new Set((r?.aaGuids ?? []).map((a) => a.toLowerCase()))].sort(),
});

/** Would this rule refuse a key of this AAGUID? */
export function blocks(rule: Rule, aaguid: string): boolean {
  if (!rule.isEnforced) return false;
  const listed = rule.aaguids.includes(aaguid.toLowerCase());
  return rule.enforcementType === "allow" ? !listed : listed;
}

/**
 * The restrictions a tenant has: each passkey profile (migrated tenants) with the include targets that
 * may use it (the default profile also governs targets naming none), else the legacy keyRestrictions
 * over every include target.
 */
export function restrictionTargets(policy: Fido2Policy): RestrictionTarget[] {
  const targets = policy.includeTargets;
  if (policy.passkeyProfiles.length === 0)
    return [
      {
        id: LEGACY,
        name: "FIDO2 policy (key restrictions)",
        rule: toRule(policy.keyRestrictions),
        passkeyTypes: null,
        groupIds: targets.map((t) => t.id),
      },
    ];
  return policy.passkeyProfiles.map((p) => ({
    id: p.id,
    name: p.name ?? p.id,
    rule: toRule(p.keyRestrictions),
    passkeyTypes: p.passkeyTypes ?? null,
    groupIds: targets
      .filter((t) =>
        t.allowedPasskeyProfiles?.length
          ? t.allowedPasskeyProfiles.includes(p.id)
          : p.id === policy.defaultPasskeyProfile,
      )
      .map((t) => t.id),
  }));
}

/** A stable fingerprint of what a restriction change depends on: a draft made on another one is stale. */
export function policyFingerprint(policy: Fido2Policy): string {
  return JSON.stringify(restrictionTargets(policy).map((t) => [t.id, t.rule, t.groupIds]));
}
