import { randomBytes, randomUUID } from "node:crypto";
import {
  readAuthMethods,
  writeAuthMethods,
  type DestructiveCall,
  type Route,
  type SimContext,
} from "./context";
import type { SimUser } from "./model";
import { contextUrl, graphError, notFound, type Json, type SimRequest, type SimResponse } from "./odata";
import { auditCredential } from "./routes-audits";
import { findUser } from "./routes-directory";
import { activeCredentials, removeCredential, tenantNow, touchUser } from "./tenant";
import { tapRefusal } from "./tap-scope";
import { fido2Json, iso, tapJson } from "./views";
import { creationOptions } from "./self-service";
import { registerFromAttestation } from "./webauthn";

const passkeyRead = [
  "UserAuthMethod-Passkey.Read.All",
  "UserAuthMethod-Passkey.ReadWrite.All",
  ...readAuthMethods,
];
const passkeyWrite = ["UserAuthMethod-Passkey.ReadWrite.All", ...writeAuthMethods];
const tapRead = ["UserAuthMethod-TAP.Read.All", "UserAuthMethod-TAP.ReadWrite.All", ...readAuthMethods];
const tapWrite = ["UserAuthMethod-TAP.ReadWrite.All", ...writeAuthMethods];
const revoke = ["User.RevokeSessions.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];

function record(
  ctx: SimContext,
  kind: DestructiveCall["kind"],
  req: SimRequest,
  user: string,
  res: SimResponse,
  methodId?: string,
): SimResponse {
  ctx.destructive.push({
    at: new Date().toISOString(),
    kind,
    method: req.method,
    path: req.path,
    userId: decodeURIComponent(user),
    methodId,
    status: res.status,
  });
  return res;
}

function withUser(ctx: SimContext, id: string | undefined, fn: (u: SimUser) => SimResponse): SimResponse {
  const u = findUser(ctx.tenant, id ?? "");
  return u ? fn(u) : notFound(decodeURIComponent(id ?? ""));
}

const methodNotFound = (id: string) =>
  graphError(404, "itemNotFound", `The requested authentication method '${id}' was not found.`);

function createTap(ctx: SimContext, req: SimRequest, u: SimUser): SimResponse {
  const t = ctx.tenant;
  const p = t.tapPolicy;
  const body = (req.body ?? {}) as Json;
  const refused = tapRefusal(t, u);
  if (refused) return refused;
  const lifetime = body.lifetimeInMinutes === undefined ? p.defaultLifetimeInMinutes : body.lifetimeInMinutes;
  if (
    typeof lifetime !== "number" ||
    !Number.isInteger(lifetime) ||
    lifetime < p.minimumLifetimeInMinutes ||
    lifetime > p.maximumLifetimeInMinutes ||
    lifetime < 10 ||
    lifetime > 43200
  ) {
    return graphError(
      400,
      "badRequest",
      `Invalid LifetimeInMinutes specified. The valid range between ${p.minimumLifetimeInMinutes} and ${p.maximumLifetimeInMinutes}.`,
    );
  }
  const isUsableOnce = body.isUsableOnce === undefined ? p.isUsableOnce : body.isUsableOnce;
  if (typeof isUsableOnce !== "boolean")
    return graphError(400, "badRequest", "Invalid value specified for property 'isUsableOnce'.");
  if (p.isUsableOnce && !isUsableOnce) {
    return graphError(
      400,
      "badRequest",
      "Invalid IsUsableOnce specified. The Temporary Access Pass policy only allows one-time passes.",
    );
  }
  const now = tenantNow(t);
  const start = typeof body.startDateTime === "string" ? Date.parse(body.startDateTime) : now;
  if (!Number.isFinite(start)) return graphError(400, "badRequest", "Invalid StartDateTime specified.");
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+-=!@#$%&";
  const bytes = randomBytes(p.defaultLength);
  const value = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  // One TAP per user: a new one replaces the old.
  const tap = {
    id: randomUUID(),
    userIdx: u.idx,
    value,
    createdAt: now,
    startAt: start,
    lifetimeInMinutes: lifetime,
    isUsableOnce,
  };
  t.taps.set(u.idx, tap);
  return {
    status: 201,
    body: {
      "@odata.context": contextUrl(req, "users/temporaryAccessPassMethods/$entity"),
      ...tapJson(t, tap, true),
    },
  };
}

function otherMethods(u: SimUser, beta: boolean): Json[] {
  const out: Json[] = [
    {
      "@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
      id: "28c10230-6103-485e-b985-444c60001490",
      password: null,
      createdDateTime: iso(u.createdAt),
    },
  ];
  if (u.mobilePhone)
    out.push({
      "@odata.type": "#microsoft.graph.phoneAuthenticationMethod",
      id: "3179e48a-750b-4051-897c-87b9720928f7",
      phoneNumber: u.mobilePhone,
      phoneType: "mobile",
      smsSignInState: "notConfigured",
    });
  if (u.hasAuthenticatorApp)
    out.push({
      "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
      id: `${u.id.slice(0, 24)}authapp0001`,
      displayName: "Phone",
      deviceTag: "SoftwareTokenActivated",
      phoneAppVersion: "6.2401.0119",
      createdDateTime: beta ? iso(u.createdAt) : undefined,
    });
  return out;
}

export const methodRoutes: Route[] = [
  {
    name: "listFido2Methods",
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/fido2Methods$/,
    permissions: passkeyRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      withUser(ctx, id, (u) => ({
        status: 200,
        body: {
          "@odata.context": contextUrl(req, "users/authentication/fido2Methods"),
          value: activeCredentials(ctx.tenant, u.idx).map((c) => fido2Json(c, req.version === "beta")),
        },
      })),
  },
  {
    name: "getFido2CreationOptions",
    method: "GET",
    pattern:
      /^\/users\/([^/]+)\/authentication\/fido2Methods\/creationOptions(?:\(challengeTimeoutInMinutes=(\d+)\))?$/,
    permissions: passkeyWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id, minutesParam]) =>
      withUser(ctx, id, (u) => {
        const minutes =
          req.version === "beta"
            ? Number(minutesParam ?? req.query.get("challengeTimeoutInMinutes") ?? 5)
            : 5;
        if (!Number.isInteger(minutes) || minutes < 5 || minutes > 43200)
          return graphError(
            400,
            "badRequest",
            "Invalid challengeTimeoutInMinutes specified. The valid range is between 5 and 43200.",
          );
        return {
          status: 200,
          body: {
            "@odata.context": contextUrl(req, "microsoft.graph.webauthnCredentialCreationOptions"),
            ...creationOptions(ctx, u, minutes),
          },
        };
      }),
  },
  {
    name: "getFido2Method",
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/fido2Methods\/([^/]+)$/,
    permissions: passkeyRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id, mid]) =>
      withUser(ctx, id, (u) => {
        const c = activeCredentials(ctx.tenant, u.idx).find((x) => x.id === decodeURIComponent(mid ?? ""));
        return c
          ? {
              status: 200,
              body: {
                "@odata.context": contextUrl(req, "users/authentication/fido2Methods/$entity"),
                ...fido2Json(c, req.version === "beta"),
              },
            }
          : methodNotFound(mid ?? "");
      }),
  },
  {
    name: "deleteFido2Method",
    method: "DELETE",
    pattern: /^\/users\/([^/]+)\/authentication\/fido2Methods\/([^/]+)$/,
    permissions: passkeyWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id, mid]) =>
      record(
        ctx,
        "deleteFido2Method",
        req,
        id ?? "",
        withUser(ctx, id, (u) => {
          const c = activeCredentials(ctx.tenant, u.idx).find((x) => x.id === decodeURIComponent(mid ?? ""));
          if (!c) return methodNotFound(mid ?? "");
          removeCredential(ctx.tenant, c, tenantNow(ctx.tenant));
          auditCredential(ctx.tenant, "deleted", "admin", c);
          return { status: 204 };
        }),
        decodeURIComponent(mid ?? ""),
      ),
  },
  {
    name: "createFido2Method",
    method: "POST",
    pattern: /^\/users\/([^/]+)\/authentication\/fido2Methods$/,
    permissions: passkeyWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      record(
        ctx,
        "createFido2Method",
        req,
        id ?? "",
        withUser(ctx, id, (u) => registerFromAttestation(ctx, req, u)),
      ),
  },
  {
    name: "listAuthenticationMethods",
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/methods$/,
    permissions: readAuthMethods,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      withUser(ctx, id, (u) => {
        const tap = ctx.tenant.taps.get(u.idx);
        const value = [
          ...otherMethods(u, req.version === "beta"),
          ...activeCredentials(ctx.tenant, u.idx).map((c) => fido2Json(c, req.version === "beta")),
          ...(tap ? [tapJson(ctx.tenant, tap, false)] : []),
        ];
        return {
          status: 200,
          body: { "@odata.context": contextUrl(req, "users/authentication/methods"), value },
        };
      }),
  },
  {
    name: "createTemporaryAccessPass",
    method: "POST",
    pattern: /^\/users\/([^/]+)\/authentication\/temporaryAccessPassMethods$/,
    permissions: tapWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      record(
        ctx,
        "createTemporaryAccessPass",
        req,
        id ?? "",
        withUser(ctx, id, (u) => createTap(ctx, req, u)),
      ),
  },
  {
    name: "listTemporaryAccessPasses",
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/temporaryAccessPassMethods$/,
    permissions: tapRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      withUser(ctx, id, (u) => {
        const tap = ctx.tenant.taps.get(u.idx);
        return {
          status: 200,
          body: {
            "@odata.context": contextUrl(req, "users/authentication/temporaryAccessPassMethods"),
            value: tap ? [tapJson(ctx.tenant, tap, false)] : [],
          },
        };
      }),
  },
  {
    name: "getTemporaryAccessPass",
    method: "GET",
    pattern: /^\/users\/([^/]+)\/authentication\/temporaryAccessPassMethods\/([^/]+)$/,
    permissions: tapRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id, mid]) =>
      withUser(ctx, id, (u) => {
        const tap = ctx.tenant.taps.get(u.idx);
        return tap && tap.id === decodeURIComponent(mid ?? "")
          ? { status: 200, body: tapJson(ctx.tenant, tap, false) }
          : methodNotFound(mid ?? "");
      }),
  },
  {
    name: "deleteTemporaryAccessPass",
    method: "DELETE",
    pattern: /^\/users\/([^/]+)\/authentication\/temporaryAccessPassMethods\/([^/]+)$/,
    permissions: tapWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id, mid]) =>
      record(
        ctx,
        "deleteTemporaryAccessPass",
        req,
        id ?? "",
        withUser(ctx, id, (u) => {
          const tap = ctx.tenant.taps.get(u.idx);
          if (!tap || tap.id !== decodeURIComponent(mid ?? "")) return methodNotFound(mid ?? "");
          ctx.tenant.taps.delete(u.idx);
          return { status: 204 };
        }),
        decodeURIComponent(mid ?? ""),
      ),
  },
  {
    name: "revokeSignInSessions",
    method: "POST",
    pattern: /^\/users\/([^/]+)\/revokeSignInSessions$/,
    permissions: revoke,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) =>
      record(
        ctx,
        "revokeSignInSessions",
        req,
        id ?? "",
        withUser(ctx, id, (u) => {
          u.signInSessionsValidFrom = tenantNow(ctx.tenant);
          touchUser(ctx.tenant, u);
          return {
            status: 200,
            body: { "@odata.context": `${req.origin}/${req.version}/$metadata#Edm.Boolean`, value: true },
          };
        }),
      ),
  },
];
