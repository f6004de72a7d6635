// Directory audit events for security-info changes (docs/SYNC.md "Finding who changed"): what Entra
// writes when a user or an admin registers or deletes a FIDO2 credential, served on
// GET /auditLogs/directoryAudits with $filter on activityDateTime and paging. The log is kept beside the
// tenant (not in TenantState) so the generator's history stays cheap: only changes after start are logged.
import type { Route, SimContext } from "./context";
import type { SimCredential, TenantState } from "./model";
import { pageNewestFirst, type Json, type SimRequest, type SimResponse } from "./odata";
import { guid } from "./random";
import { tenantNow } from "./tenant";
import { iso } from "./views";

export interface SimAudit {
  id: string;
  at: number;
  activity: string;
  userIdx: number;
  /** Who acted: the user themselves, or an admin (or app) on their behalf. */
  by: "user" | "admin";
  aaGuid: string | null;
}

const logs = new WeakMap<TenantState, SimAudit[]>();
const logOf = (t: TenantState) => {
  let log = logs.get(t);
  if (!log) logs.set(t, (log = []));
  return log;
};

/**
 * Records a credential's registration or deletion the way Entra does: "User/Admin registered security info"
 * (plus "Add Passkey (device-bound)" or "(synced)" on registration), "User/Admin deleted security info".
 */
export function auditCredential(
  t: TenantState,
  change: "registered" | "deleted",
  by: "user" | "admin",
  c: SimCredential,
  at = tenantNow(t),
): void {
  const log = logOf(t);
  const who = by === "user" ? "User" : "Admin";
  log.push({
    id: guid(t.random),
    at,
    activity: `${who} ${change} security info`,
    userIdx: c.userIdx,
    by,
    aaGuid: c.aaGuid,
  });
  if (change === "registered") {
    log.push({
      id: guid(t.random),
      at,
      activity: c.kind === "synced" ? "Add Passkey (synced)" : "Add Passkey (device-bound)",
      userIdx: c.userIdx,
      by,
      aaGuid: c.aaGuid,
    });
  }
}

export function auditEvents(t: TenantState): readonly SimAudit[] {
  return logOf(t);
}

function auditJson(t: TenantState, a: SimAudit): Json {
  const u = t.users[a.userIdx];
  const target = {
    id: u?.id,
    displayName: u?.displayName,
    type: "User",
    userPrincipalName: u?.userPrincipalName,
    modifiedProperties: [],
  };
  return {
    id: a.id,
    category: "UserManagement",
    correlationId: a.id,
    result: "success",
    resultReason: "",
    activityDisplayName: a.activity,
    activityDateTime: iso(a.at),
    loggedByService: a.activity.startsWith("Add Passkey")
      ? "Device Registration Service"
      : "Authentication Methods",
    operationType: a.activity.includes("deleted") ? "Delete" : "Add",
    initiatedBy:
      a.by === "user"
        ? {
            user: {
              id: u?.id,
              displayName: u?.displayName,
              userPrincipalName: u?.userPrincipalName,
              ipAddress: "203.0.113.7",
            },
            app: null,
          }
        : {
            user: null,
            app: { displayName: "KeyFleet", servicePrincipalId: "00000000-0000-0000-0000-00000000c0de" },
          },
    targetResources: [target],
    additionalDetails: a.aaGuid ? [{ key: "AAGuid", value: a.aaGuid }] : [],
  };
}

const listDirectoryAudits = (ctx: SimContext, req: SimRequest): SimResponse =>
  pageNewestFirst(
    req,
    logOf(ctx.tenant),
    (a) => auditJson(ctx.tenant, a),
    ["activityDateTime", "activityDisplayName", "category", "loggedByService"],
    "auditLogs/directoryAudits",
  );

export const auditRoutes: Route[] = [
  {
    name: "listDirectoryAudits",
    method: "GET",
    pattern: /^\/auditLogs\/directoryAudits$/,
    permissions: ["AuditLog.Read.All"],
    bucket: "reports",
    cost: 1,
    handle: listDirectoryAudits,
  },
];
