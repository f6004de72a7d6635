// Who the TAP policy lets the tenant issue a pass to, and the production-like set-up of the demo tenant
// (docs/RECOVERY.md "What Entra does"): a policy scoped to groups, nested groups counted transitively.
import type { SimUser, TenantState } from "./model";
import type { SimResponse } from "./odata";
import { graphError } from "./odata";

/** Every group the user belongs to, directly or through nested groups (what getMemberGroups returns). */
export function transitiveGroupIds(t: TenantState, u: SimUser): Set<string> {
  const out = new Set<string>();
  for (const g of t.groups) if (g.memberUserIdxs.includes(u.idx)) out.add(g.id);
  // A group's members include its nested groups' members: climb from each group to its parents until stable.
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of t.groups) {
      if (!out.has(g.id) && g.memberGroupIds.some((child) => out.has(child))) {
        out.add(g.id);
        grew = true;
      }
    }
  }
  return out;
}

const isTargeted = (targets: { id: string }[], groups: Set<string>) =>
  targets.some((x) => x.id === "all_users" || groups.has(x.id));

/** Entra's answer to a TAP create it refuses for scope or guest reasons, or null when the user may have one. */
export function tapRefusal(t: TenantState, u: SimUser): SimResponse | null {
  const p = t.tapPolicy;
  const groups = transitiveGroupIds(t, u);
  const included =
    isTargeted(p.includeTargets, groups) &&
    !isTargeted(p.excludeTargets, groups) &&
    !p.excludeTargets.some((x) => x.id === u.id);
  if (p.state !== "enabled" || !included) {
    // Graph's HTTP status for this refusal is not documented by Microsoft (400 observed in the field,
    // 403 possible): the portal tolerates both (docs/RECOVERY.md "Graph facts").
    return graphError(
      400,
      "badRequest",
      "Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].",
    );
  }
  // Only external (B2B) guests are refused; internal guests can hold a pass.
  if (u.userType === "Guest" && u.userPrincipalName.includes("#EXT#"))
    return graphError(400, "badRequest", "Temporary Access Pass cannot be added to an external guest user.");
  return null;
}

export const tapRolloutGroupName = "TAP - rollout";
export const remoteOffice = "Remote";

/**
 * Production tenants scope the TAP policy to the rollout's groups rather than all users, so some people
 * are outside it; and someone always works from an office no site was made for. Called last in
 * createTenant so the seeded random sequence of everything before it is unchanged.
 */
export function makeProductionLike(
  t: TenantState,
  group: (name: string, description: string, users: number[], groups: string[]) => { id: string },
): void {
  const byName = (prefix: string) => t.groups.find((g) => g.displayName.startsWith(prefix))!;
  const nested = [
    byName("FIDO2 Rollout Wave 1"),
    byName("FIDO2 Rollout Wave 2"),
    byName("FIDO2 Rollout Wave 3"),
  ].map((g) => g.id);
  const tapGroup = group(tapRolloutGroupName, "People a Temporary Access Pass may be issued to", [], nested);
  t.tapPolicy = {
    ...t.tapPolicy,
    includeTargets: [{ id: tapGroup.id, targetType: "group", isRegistrationRequired: false }],
  };
  const remote = t.users.find(
    (u) =>
      u.idx > 0 &&
      u.userType === "Member" &&
      !u.isPrivileged &&
      u.accountEnabled &&
      (t.credentialsByUser.get(u.idx) ?? []).some((c) => c.kind === "hardware" && c.removedAt === null),
  );
  if (remote) remote.officeLocation = remoteOffice;
}
