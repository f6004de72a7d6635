import type { Route, SimContext } from "./context";
import {
  contextUrl,
  graphError,
  nextLink,
  notFound,
  page,
  parseFilter,
  parseTop,
  skipOffset,
  type Json,
  type SimRequest,
  type SimResponse,
} from "./odata";
import { findUser } from "./routes-directory";
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

function listRegistrationDetails(ctx: SimContext, req: SimRequest): SimResponse {
  const t = ctx.tenant;
  const top = parseTop(req, 1000, 1000);
  if (typeof top !== "number") return top;
  const filter = parseFilter(req.query.get("$filter"), urdFilterFields);
  if (typeof filter !== "function") return filter;
  const offset = skipOffset(req);
  if (typeof offset !== "number") return offset;
  const value: Json[] = [];
  let i = offset;
  for (; i < t.users.length && value.length < top; i++) {
    const u = t.users[i]!;
    if (u.deletedAt !== null) continue;
    const json = registrationJson(t, u);
    if (filter(json)) value.push(json);
  }
  const body: Json = {
    "@odata.context": contextUrl(req, "reports/authenticationMethods/userRegistrationDetails"),
    value,
  };
  if (i < t.users.length) body["@odata.nextLink"] = nextLink(req, { o: i });
  return { status: 200, body };
}

function summaryScope(ctx: SimContext, params: string | undefined): SimResponse | Json[] {
  const args = Object.fromEntries(
    [...(params ?? "").matchAll(/(\w+)='?([^',)]*)'?/g)].map((m) => [m[1], m[2]]),
  );
  const types = args.includedUserTypes ?? "all";
  const roles = args.includedUserRoles ?? "all";
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

function argsOf(params: string | undefined) {
  const args = Object.fromEntries(
    [...(params ?? "").matchAll(/(\w+)='?([^',)]*)'?/g)].map((m) => [m[1], m[2]]),
  );
  return { userTypes: args.includedUserTypes ?? "all", userRoles: args.includedUserRoles ?? "all" };
}

function listSignIns(ctx: SimContext, req: SimRequest): SimResponse {
  const t = ctx.tenant;
  const filter = parseFilter(req.query.get("$filter"), [
    "createdDateTime",
    "userId",
    "userPrincipalName",
    "appDisplayName",
  ]);
  if (typeof filter !== "function") return filter;
  const beta = req.version === "beta";
  const items: Json[] = [];
  for (let i = t.signIns.length - 1; i >= 0; i--) {
    const json = signInJson(t, t.signIns[i]!, beta);
    if (filter(json)) items.push(json);
  }
  return page(req, items, (j) => j, 1000, 1000, "auditLogs/signIns");
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
        ? {
            status: 200,
            body: {
              "@odata.context": contextUrl(
                req,
                "reports/authenticationMethods/userRegistrationDetails/$entity",
              ),
              ...registrationJson(ctx.tenant, u),
            },
          }
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
    handle: (ctx, req, [params]) => {
      const scope = summaryScope(ctx, params);
      if (!Array.isArray(scope)) return scope;
      const counts = new Map<string, number>();
      for (const j of scope)
        for (const m of j.methodsRegistered as string[]) counts.set(m, (counts.get(m) ?? 0) + 1);
      return {
        status: 200,
        body: {
          "@odata.context": contextUrl(req, "microsoft.graph.userRegistrationMethodSummary"),
          id: "userRegistrationMethodSummary",
          totalUserCount: scope.length,
          ...argsOf(params),
          userRegistrationMethodCounts: [...counts].map(([authenticationMethod, userCount]) => ({
            authenticationMethod,
            userCount,
          })),
        },
      };
    },
  },
  {
    name: "getUsersRegisteredByFeature",
    method: "GET",
    pattern: /^\/reports\/authenticationMethods\/usersRegisteredByFeature(\(.*\))?$/,
    permissions: reports,
    bucket: "reports",
    cost: 1,
    handle: (ctx, req, [params]) => {
      const scope = summaryScope(ctx, params);
      if (!Array.isArray(scope)) return scope;
      const count = (f: string) => scope.filter((j) => j[f] === true).length;
      return {
        status: 200,
        body: {
          "@odata.context": contextUrl(req, "microsoft.graph.userRegistrationFeatureSummary"),
          totalUserCount: scope.length,
          ...argsOf(params),
          userRegistrationFeatureCounts: [
            { feature: "ssprRegistered", userCount: count("isSsprRegistered") },
            { feature: "ssprEnabled", userCount: count("isSsprEnabled") },
            { feature: "ssprCapable", userCount: count("isSsprCapable") },
            { feature: "passwordlessCapable", userCount: count("isPasswordlessCapable") },
            { feature: "mfaCapable", userCount: count("isMfaCapable") },
          ],
        },
      };
    },
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
