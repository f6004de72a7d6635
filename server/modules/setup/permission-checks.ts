import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import type { CheckResult, CheckStatus } from "./check-result";
import { mailSendChecks } from "./mail-send-check";

export type { CheckResult, CheckStatus };

// One harmless Graph call per permission the features need (the table in README.md → "Graph access").
// Each reads at most one small page and changes nothing in Entra. Two permissions have no harmless call
// (issuing a TAP creates one; revoking sessions signs the user out): they are listed as not checked
// rather than guessed. Why a 403 means "not granted": docs/SECURITY.md → "First run on a real tenant".

export interface PermissionCheck {
  id: string;
  feature: string;
  /** The exact application permission to grant (least privileged). */
  permission: string;
  /** Broader permissions that also work. */
  alternatives: string[];
  /** What the check calls, in words. */
  call: string;
  /** Needs a user id (read from the users check). */
  needsUser: boolean;
  run: ((graph: GraphPort, userId: string) => Promise<unknown>) | null;
  /** Why it is not checked (run is null). */
  notCheckedReason?: string;
}

async function firstPage<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  for await (const page of pages) return page;
  return [];
}

export const permissionChecks: PermissionCheck[] = [
  {
    id: "users",
    feature: "Directory sync (users, delta)",
    permission: "User.Read.All",
    alternatives: ["Directory.Read.All"],
    call: "GET /users?$top=1",
    needsUser: false,
    run: (g) => firstPage(g.listUsers({ top: 1, select: ["id"] })),
  },
  {
    id: "groups",
    feature: "Groups and rollout-wave membership",
    permission: "GroupMember.Read.All",
    alternatives: ["Group.Read.All", "Directory.Read.All"],
    call: "GET /groups (first page)",
    needsUser: false,
    run: (g) => firstPage(g.listGroups({ select: ["id"] })),
  },
  {
    id: "report",
    feature: "Registration state (registration report; Entra ID P1/P2)",
    permission: "AuditLog.Read.All",
    alternatives: [],
    call: "GET /reports/authenticationMethods/userRegistrationDetails (first page)",
    needsUser: false,
    run: (g) => firstPage(g.listRegistrationDetails()),
  },
  {
    id: "fido2-read",
    feature: "Read users' FIDO2 credentials",
    permission: "UserAuthMethod-Passkey.Read.All",
    alternatives: ["UserAuthenticationMethod.Read.All"],
    call: "GET /users/{id}/authentication/fido2Methods",
    needsUser: true,
    run: (g, u) => g.listFido2Methods(u),
  },
  // creationOptions only hands out a challenge: nothing is registered unless a key answers it and KeyFleet POSTs.
  {
    id: "fido2-write",
    feature: "Revoke FIDO2 credentials, provision keys for users",
    permission: "UserAuthMethod-Passkey.ReadWrite.All",
    alternatives: ["UserAuthenticationMethod.ReadWrite.All"],
    call: "GET /users/{id}/authentication/fido2Methods/creationOptions",
    needsUser: true,
    run: (g, u) => g.getFido2CreationOptions(u),
  },
  {
    id: "methods",
    feature: "All authentication methods of a user",
    permission: "UserAuthenticationMethod.Read.All",
    alternatives: ["UserAuthenticationMethod.ReadWrite.All"],
    call: "GET /users/{id}/authentication/methods",
    needsUser: true,
    run: (g, u) => g.listAuthenticationMethods(u),
  },
  {
    id: "tap-read",
    feature: "List Temporary Access Passes",
    permission: "UserAuthMethod-TAP.Read.All",
    alternatives: ["UserAuthMethod-TAP.ReadWrite.All", "UserAuthenticationMethod.Read.All"],
    call: "GET /users/{id}/authentication/temporaryAccessPassMethods",
    needsUser: true,
    run: (g, u) => g.listTemporaryAccessPasses(u),
  },
  {
    id: "tap-write",
    feature: "Issue and revoke Temporary Access Passes",
    permission: "UserAuthMethod-TAP.ReadWrite.All",
    alternatives: ["UserAuthenticationMethod.ReadWrite.All"],
    call: "—",
    needsUser: false,
    run: null,
    notCheckedReason:
      "No harmless call proves it: the only test is issuing a pass. The first TAP a case issues will say so if it is missing.",
  },
  {
    id: "policies",
    feature: "TAP and FIDO2 method policies",
    permission: "Policy.Read.AuthenticationMethod",
    alternatives: ["Policy.ReadWrite.AuthenticationMethod", "Policy.Read.All"],
    call: "GET /policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{Fido2, TemporaryAccessPass}",
    needsUser: false,
    run: async (g) => Promise.all([g.getFido2Policy(), g.getTapPolicy()]),
  },
  {
    id: "sign-ins",
    feature: '"Last used" from the sign-in logs',
    permission: "AuditLog.Read.All and Directory.Read.All",
    alternatives: [],
    call: "GET /auditLogs/signIns?$top=1",
    needsUser: false,
    run: (g) => firstPage(g.listSignIns({ top: 1 })),
  },
  {
    id: "conditional-access",
    feature: "Enforcement readiness (Conditional Access policies, authentication strengths)",
    permission: "Policy.Read.All",
    alternatives: [],
    call: "GET /identity/conditionalAccess/policies and …/authenticationStrength/policies",
    needsUser: false,
    run: async (g) => Promise.all([g.listConditionalAccessPolicies(), g.listAuthenticationStrengths()]),
  },
  {
    id: "revoke-sessions",
    feature: "Revoke sign-in sessions (stolen keys)",
    permission: "User.RevokeSessions.All",
    alternatives: ["User.ReadWrite.All"],
    call: "—",
    needsUser: false,
    run: null,
    notCheckedReason:
      "No harmless call proves it: revoking signs the user out everywhere. A stolen-key case will say so if it is missing.",
  },
];

/**
 * Runs every check in order (they are few and small); the users check also yields a user id for the per-user
 * ones. Then Mail.Send for the sending mailbox set on Rollout → Messages (null: none yet).
 */
export async function runPermissionChecks(
  graph: GraphPort,
  sendingMailbox: string | null = null,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let userId: string | null = null;
  for (const c of permissionChecks) {
    const base = {
      id: c.id,
      feature: c.feature,
      permission: c.permission,
      alternatives: c.alternatives,
      call: c.call,
    };
    if (!c.run) {
      results.push({ ...base, status: "not_checked", detail: c.notCheckedReason ?? "Not checked." });
      continue;
    }
    if (c.needsUser && !userId) {
      results.push({
        ...base,
        status: "skipped",
        detail:
          "Needs one user to ask about; the users check found none. Grant User.Read.All, then check again.",
      });
      continue;
    }
    try {
      const out = await c.run(graph, userId ?? "");
      if (c.id === "users") userId = (out as { id: string }[])[0]?.id ?? null;
      results.push({ ...base, status: "granted", detail: "Granted: Graph answered the check." });
    } catch (e) {
      results.push({ ...base, ...describeFailure(e, c) });
    }
  }
  return [...results, ...(await mailSendChecks(graph, sendingMailbox))];
}

function describeFailure(e: unknown, c: PermissionCheck): { status: CheckStatus; detail: string } {
  const alt = c.alternatives.length ? ` (or ${c.alternatives.join(" or ")})` : "";
  // The registration report answers 403 with its own code on tenants without an Entra ID P1/P2 licence.
  if (isGraphError(e) && e.status === 403 && /NonPremium/i.test(e.graphCode ?? "")) {
    return {
      status: "failed",
      detail:
        "The registration report needs an Entra ID P1 or P2 licence in the tenant; the permission alone is not enough.",
    };
  }
  if (isGraphError(e) && e.kind === "permission" && e.status === 403) {
    return {
      status: "missing",
      detail: `Missing: grant ${c.permission}${alt} as an application permission with admin consent to KeyFleet's app registration, then check again.`,
    };
  }
  if (isGraphError(e) && e.kind === "permission") {
    return {
      status: "failed",
      detail:
        "Entra did not give KeyFleet a token: check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate, then check again.",
    };
  }
  if (isGraphError(e) && e.kind === "throttled")
    return { status: "failed", detail: "Graph asked KeyFleet to slow down. Wait a minute and check again." };
  const status = isGraphError(e) && e.status ? ` (HTTP ${e.status})` : "";
  return {
    status: "failed",
    detail: `Graph did not answer this check${status}. Check again in a moment; if it keeps failing, the server log has the cause.`,
  };
}
