// /users/{id}/authentication/fido2Methods: list, get, creation options, register (WebAuthn attestation)
// and delete, with Graph's permissions and answers.
import { randomBytes } from "node:crypto";
import { readAuthMethods, writeAuthMethods, type Route } from "./context";
import { contextUrl, graphError } from "./odata";
import { auditCredential } from "./routes-audits";
import { activeCredentials, removeCredential, tenantNow } from "./tenant";
import { fido2Json, iso } from "./views";
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
        const challenge = randomBytes(32).toString("base64url");
        const expiresAt = tenantNow(ctx.tenant) + minutes * 60_000;
        ctx.challenges.set(challenge, { userIdx: u.idx, expiresAt });
        return {
          status: 200,
          body: {
            "@odata.context": contextUrl(req, "microsoft.graph.webauthnCredentialCreationOptions"),
            challengeTimeoutDateTime: iso(expiresAt),
            publicKey: {
              rp: { id: ctx.webauthn.rpId, name: "Microsoft" },
              user: {
                id: Buffer.from(u.id).toString("base64url"),
                displayName: u.displayName,
                name: u.userPrincipalName,
              },
              challenge,
              pubKeyCredParams: [
                { type: "public-key", alg: -7 },
                { type: "public-key", alg: -257 },
              ],
              timeout: minutes * 60_000,
              excludeCredentials: activeCredentials(ctx.tenant, u.idx).map((c) => ({
                type: "public-key",
                id: c.id,
                transports: [],
              })),
              authenticatorSelection: {
                authenticatorAttachment: "cross-platform",
                requireResidentKey: true,
                userVerification: "required",
              },
              attestation: "direct",
              extensions: {
                hmacCreateSecret: true,
                enforceCredentialProtectionPolicy: true,
                credentialProtectionPolicy: "userVerificationOptional",
              },
            },
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
