// /users/{id}/authentication/fido2Methods: list, get, creation options, register (WebAuthn attestation)
// and delete, with Graph's permissions and answers.

import { readAuthMethods, writeAuthMethods, type Route } from "./context";
import { contextUrl, graphError } from "./odata";
import { auditCredential } from "./routes-audits";
import { activeCredentials, removeCredential, tenantNow } from "./tenant";
import { fido2Json } from "./views";
import { creationOptions } from "./self-service";
import { registerFromAttestation } from "./webauthn";
import { methodNotFound, record, withUser } from "./routes-method-helpers";

const passkeyRead = [
  "UserAuthMethod-Passkey.Read.All",
  "UserAuthMethod-Passkey.ReadWrite.All",
  ...readAuthMethods,
];
const passkeyWrite = ["UserAuthMethod-Passkey.ReadWrite.All", ...writeAuthMethods];

export const fido2Routes: Route[] = [
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
];
