import type { AuthenticationStrength, ConditionalAccessPolicy } from "@/server/graph/port-levers";

// Which Conditional Access policies apply to whom, and whether a member's FIDO2 credentials satisfy them
// (docs/SECURITY-LEAD.md). Pure: the service hands in what Entra and the mirror hold.

/** authenticationMethodModes that are phishing-resistant on their own (Entra's built-in strength holds these three). */
export const PHISHING_RESISTANT_COMBINATIONS = [
  "fido2",
  "windowsHelloForBusiness",
  "x509CertificateMultiFactor",
];
export const BUILT_IN_PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";

export type Coverage = "enforced" | "report_only" | "none";
export type ReadinessStatus =
  "covered_ready" | "covered_not_ready" | "ready_not_covered" | "not_ready_not_covered";

export interface MemberCredentials {
  id: string;
  /** Live FIDO2 credentials' AAGUIDs (lower case). */
  aaguids: string[];
}

export interface PolicyView {
  id: string;
  name: string;
  state: "enabled" | "report_only" | "disabled";
  strengthId: string | null;
  strengthName: string | null;
  /** The strength allows only phishing-resistant combinations, fido2 among them. */
  requiresPhishingResistant: boolean;
  /** The strength accepts only these key AAGUIDs (null: any key). */
  allowedAaguids: string[] | null;
  /** Role assignments are not resolved: such a policy may cover more people than shown. */
  hasRoleScope: boolean;
  /** Who it names: group ids in, group ids out, and whether it includes all users. */
  includesAll: boolean;
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  builtInControls: string[];
}

export function viewPolicies(
  policies: ConditionalAccessPolicy[],
  strengths: AuthenticationStrength[],
): PolicyView[] {
  const byId = new Map(strengths.map((s) => [s.id, s]));
  return policies.map((p) => {
    const s = p.authenticationStrengthId ? byId.get(p.authenticationStrengthId) : undefined;
    const combos = s?.allowedCombinations ?? [];
    return {
      id: p.id,
      name: p.displayName,
      state:
        p.state === "enabled"
          ? "enabled"
          : p.state === "enabledForReportingButNotEnforced"
            ? "report_only"
            : "disabled",
      strengthId: p.authenticationStrengthId,
      strengthName: s?.displayName ?? (p.authenticationStrengthId ? "Unknown strength" : null),
      requiresPhishingResistant:
        combos.includes("fido2") && combos.every((c) => PHISHING_RESISTANT_COMBINATIONS.includes(c)),
      allowedAaguids: s?.fido2AllowedAaguids ?? null,
      hasRoleScope: p.users.includeRoles.length > 0,
      includesAll: p.users.includeUsers.includes("All"),
      includeGroups: p.users.includeGroups,
      excludeGroups: p.users.excludeGroups,
      builtInControls: p.builtInControls,
      includeUsers: p.users.includeUsers,
      excludeUsers: p.users.excludeUsers,
    };
  });
}

/** Every group id a live policy names (their transitive members are read from Entra). */
export function groupsNamed(views: PolicyView[]): string[] {
  return [
    ...new Set(
      views.filter((v) => v.state !== "disabled").flatMap((v) => [...v.includeGroups, ...v.excludeGroups]),
    ),
  ];
}

export function applies(
  v: PolicyView,
  userId: string,
  membersOf: (groupId: string) => ReadonlySet<string>,
): boolean {
  if (v.state === "disabled") return false;
  if (v.excludeUsers.includes(userId)) return false;
  if (v.excludeGroups.some((g) => membersOf(g).has(userId))) return false;
  return (
    v.includesAll || v.includeUsers.includes(userId) || v.includeGroups.some((g) => membersOf(g).has(userId))
  );
}

const satisfies = (v: Pick<PolicyView, "allowedAaguids">, aaguids: string[]) =>
  aaguids.some((a) => v.allowedAaguids === null || v.allowedAaguids.includes(a));

export interface MemberReadiness {
  userId: string;
  status: ReadinessStatus;
  coverage: Coverage;
  /** The phishing-resistant policies that apply (enforced or report-only). */
  policyIds: string[];
  /** Holds a key that every enforced policy (or, uncovered, the built-in strength) accepts. */
  ready: boolean;
}

export function memberReadiness(
  views: PolicyView[],
  member: MemberCredentials,
  membersOf: (groupId: string) => ReadonlySet<string>,
): MemberReadiness {
  const pr = views.filter((v) => v.requiresPhishingResistant && applies(v, member.id, membersOf));
  const enforced = pr.filter((v) => v.state === "enabled");
  const coverage: Coverage = enforced.length ? "enforced" : pr.length ? "report_only" : "none";
  // Covered: ready when every enforced strength accepts one of the member's keys. Otherwise judged
  // against the policies that will apply (report-only ones), or else any FIDO2 key.
  const judged = enforced.length ? enforced : pr;
  const ready = judged.length ? judged.every((v) => satisfies(v, member.aaguids)) : member.aaguids.length > 0;
  const covered = coverage === "enforced";
  return {
    userId: member.id,
    coverage,
    policyIds: pr.map((v) => v.id),
    ready,
    status: covered
      ? ready
        ? "covered_ready"
        : "covered_not_ready"
      : ready
        ? "ready_not_covered"
        : "not_ready_not_covered",
  };
}
