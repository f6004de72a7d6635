import type { Fido2Policy } from "@/server/graph/port";
import type { AaguidRule } from "./user-state.repository";

// Which FIDO2 credentials the tenant's policy (as the last sync read it) would refuse to register. Migrated
// tenants restrict per passkey profile: the default profile is the baseline every target gets. Tenants not
// migrated use the legacy keyRestrictions. null = no AAGUID restriction enforced and synced passkeys allowed.

export function aaguidRule(policy: Partial<Fido2Policy> | null | undefined): AaguidRule | null {
  if (!policy || typeof policy !== "object") return null;
  const profiles = Array.isArray(policy.passkeyProfiles) ? policy.passkeyProfiles : [];
  const profile = profiles.find((p) => p.id === policy.defaultPasskeyProfile) ?? profiles[0];
  const restrictions = profile ? profile.keyRestrictions : policy.keyRestrictions;
  const allowsSynced = profile
    ? (profile.passkeyTypes ?? "")
        .split(",")
        .map((t) => t.trim())
        .includes("synced")
    : true;
  if (!restrictions?.isEnforced) return allowsSynced ? null : { kind: "block", aaguids: [], allowsSynced };
  return {
    kind: restrictions.enforcementType === "block" ? "block" : "allow",
    aaguids: (restrictions.aaGuids ?? []).map((a) => a.toLowerCase()),
    allowsSynced,
  };
}
