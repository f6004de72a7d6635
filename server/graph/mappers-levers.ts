// Wire JSON → the levers' domain objects (port-levers.ts). Unknown fields are dropped, a field of the wrong
// type is treated as absent.
import type { AuthenticationStrength, ConditionalAccessPolicy } from "./port-levers";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

export function toConditionalAccessPolicy(raw: unknown): ConditionalAccessPolicy {
  const j = obj(raw);
  const conditions = obj(j.conditions);
  const users = obj(conditions.users);
  const grant = j.grantControls === null ? null : obj(j.grantControls);
  const strength = grant ? obj(grant.authenticationStrength) : {};
  return {
    id: str(j.id) ?? "",
    displayName: str(j.displayName) ?? str(j.id) ?? "",
    state: str(j.state) ?? "disabled",
    users: {
      includeUsers: strs(users.includeUsers),
      excludeUsers: strs(users.excludeUsers),
      includeGroups: strs(users.includeGroups),
      excludeGroups: strs(users.excludeGroups),
      includeRoles: strs(users.includeRoles),
      excludeRoles: strs(users.excludeRoles),
    },
    includeApplications: strs(obj(conditions.applications).includeApplications),
    builtInControls: grant ? strs(grant.builtInControls) : [],
    operator: (grant && str(grant.operator)) ?? null,
    authenticationStrengthId: str(strength.id) ?? null,
  };
}

export function toAuthenticationStrength(raw: unknown): AuthenticationStrength {
  const j = obj(raw);
  const configs = Array.isArray(j.combinationConfigurations) ? j.combinationConfigurations.map(obj) : [];
  const fido2 = configs.find(
    (c) =>
      c["@odata.type"] === "#microsoft.graph.fido2CombinationConfiguration" ||
      (Array.isArray(c.allowedAAGUIDs) && strs(c.appliesToCombinations).includes("fido2")),
  );
  return {
    id: str(j.id) ?? "",
    displayName: str(j.displayName) ?? str(j.id) ?? "",
    policyType: str(j.policyType) ?? "custom",
    allowedCombinations: strs(j.allowedCombinations),
    fido2AllowedAaguids: fido2 ? strs(fido2.allowedAAGUIDs).map((a) => a.toLowerCase()) : null,
  };
}
