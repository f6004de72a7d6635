import type { Route, SimContext } from "./context";
import {
  entity,
  graphError,
  notFound,
  pageNewestFirst,
  type Json,
  type SimRequest,
  type SimResponse,
} from "./odata";
import { findUser } from "./routes-directory";
import { pageLiveUsers } from "./user-pages";
import { registrationJson, signInJson } from "./views";

const reports = [
  "AuditLog.Read.All",
  "UserAuthenticationMethod.Read.All",
  "UserAuthenticationMethod.ReadWrite.All",
];
// A known issue: listing sign-ins needs both permissions.
const signInPerms = ["AuditLog.Read.All+Directory.Read.All"];
const urdFilterFields = [
  "id",
  "userPrincipalName",
  "userDisplayName",
  "userType",
  "isAdmin",
  "isMfaCapable",
  "isMfaRegistered",
  "isPasswordlessCapable",
  "isSsprCapable",
  "isSsprEnabled",
  "isSsprRegistered",
  "isSystemPreferredAuthenticationMethodEnabled",
  "methodsRegistered",
  "systemPreferredAuthenticationMethods",
  "userPreferredMethodForSecondaryAuthentication",
];

const listRegistrationDetails = (ctx: SimContext, req: SimRequest): SimResponse =>
  pageLiveUsers(ctx.tenant, req, {
    def: 1000,
    max: 1000,
    fields: urdFilterFields,
    odataContext: "reports/authenticationMethods/userRegistrationDetails",
    toJson: (u) => registrationJson(ctx.tenant, u),
  });

/** The summary functions' arguments, e.g. `(includedUserTypes='member',includedUserRoles='all')`. */
function argsOf(params: string | undefined) {
  const args = Object.fromEntries(
    [...(params ?? "").matchAll(/(\w+)='?([^',)]*)'?/g)].map((m) => [m[1], m[2]]),
  );
  return { userTypes: args.includedUserTypes ?? "all", userRoles: args.includedUserRoles ?? "all" };
}

function summaryScope(ctx: SimContext, params: string | undefined): SimResponse | Json[] {
  const { userTypes: types, userRoles: roles } = argsOf(params);
  if (
    !["all", "member", "guest"].includes(types) ||
    !["all", "privilegedAdmin", "admin", "user"].includes(roles)
  ) {
    return graphError(400, "badRequest", "Invalid value for includedUserTypes or includedUserRoles.");
  }
  return ctx.tenant.users
    .filter((u) => u.deletedAt === null)
    .map((u) => registrationJson(ctx.tenant, u))
    .filter((j) => types === "all" || j.userType === types)
    .filter((j) => roles === "all" || (roles === "user" ? !j.isAdmin : j.isAdmin));
}

function listSignIns(ctx: SimContext, req: SimRequest): SimResponse {
  const beta = req.version === "beta";
  return pageNewestFirst(
    req,
    ctx.tenant.signIns,
    (s) => signInJson(ctx.tenant, s, beta),
    ["createdDateTime", "userId", "userPrincipalName", "appDisplayName"],
    "auditLogs/signIns",
  );
}

/** A registration summary over the users the `(…)` arguments scope, or their 400. */
function summary(
  ctx: SimContext,
  req: SimRequest,
  params: string | undefined,
  what: string,
  counts: (scope: Json[]) => Json,
): SimResponse {
  const scope = summaryScope(ctx, params);
  if (!Array.isArray(scope)) return scope;
  return entity(req, what, counts(scope));
}

export const reportRoutes: Route[] = [
  {
    name: "listRegistrationDetails",
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails$/,
    permissions: reports,
    bucket: "reports",
    cost: 1,
    handle: listRegistrationDetails,
  },
  {
    name: "getRegistrationDetails",
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails\/([^/]+)$/,
    permissions: reports,
    bucket: "reports",
    cost: 1,
    handle: (ctx, req, [id]) => {
      const u = findUser(ctx.tenant, id ?? "");
      return u
        ? entity(
            req,
            "reports/authenticationMethods/userRegistrationDetails/$entity",
            registrationJson(ctx.tenant, u),
          )
        : notFound(id ?? "");
    },
  },
  {
    name: "getUsersRegisteredByMethod",
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/usersRegisteredByMethod(\(.*\))?$/,
    permissions: reports,
    bucket: "reports",
    cost: 1,
    handle: (ctx, req, [params]) =>
      summary(ctx, req, params, "microsoft.graph.userRegistrationMethodSummary", (scope) => {
        const counts = new Map<string, number>();
        for (const j of scope)
          for (const m of j.methodsRegistered as string[]) counts.set(m, (counts.get(m) ?? 0) + 1);
        return {
          id: "userRegistrationMethodSummary",
          totalUserCount: scope.length,
          ...argsOf(params),
          userRegistrationMethodCounts: [...counts].map(([authenticationMethod, userCount]) => ({
            authenticationMethod,
            userCount,
          })),
        };
      }),
  },
  {
    name: "getUsersRegisteredByFeature",
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/usersRegisteredByFeature(\(.*\))?$/,
    permissions: reports,
    bucket: "reports",
    cost: 1,
    handle: (ctx, req, [params]) =>
      summary(ctx, req, params, "microsoft.graph.userRegistrationFeatureSummary", (scope) => {
        const count = (f: string) => scope.filter((j) => j[f] === true).length;
        return {
          totalUserCount: scope.length,
          ...argsOf(params),
          userRegistrationFeatureCounts: [
            { feature: "ssprRegistered", userCount: count("isSsprRegistered") },
            { feature: "ssprEnabled", userCount: count("isSsprEnabled") },
            { feature: "ssprCapable", userCount: count("isSsprCapable") },
            { feature: "passwordlessCapable", userCount: count("isPasswordlessCapable") },
            { feature: "mfaCapable", userCount: count("isMfaCapable") },
          ],
        };
      }),
  },
  {
    name: "listSignIns",
    method: "GET",
    pattern: /^\/auditLogs\/signIns$/,
    permissions: signInPerms,
    bucket: "reports",
    cost: 1,
    handle: listSignIns,
  },
];
