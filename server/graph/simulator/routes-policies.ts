import type { Route } from "./context";
import { entity, graphError, type Json, type SimRequest } from "./odata";

const policyRead = [
  "Policy.Read.AuthenticationMethod",
  "Policy.ReadWrite.AuthenticationMethod",
  "Policy.Read.All",
];
const policyWrite = ["Policy.ReadWrite.AuthenticationMethod"];
const base = /^\/policies\/authenticationMethodsPolicy\/authenticationMethodConfigurations/;

const tapPattern = new RegExp(`${base.source}\\/TemporaryAccessPass$`, "i");
const fido2Pattern = new RegExp(`${base.source}\\/fido2$`, "i");

/** One authentication method configuration, as GET returns it. */
const configuration = (req: SimRequest, odataType: string, policy: Json) =>
  entity(req, "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity", {
    "@odata.type": odataType,
    ...policy,
  });

export const policyRoutes: Route[] = [
  {
    name: "getTapPolicy",
    method: "GET",
    pattern: tapPattern,
    permissions: policyRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) =>
      configuration(req, "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", {
        id: "TemporaryAccessPass",
        ...ctx.tenant.tapPolicy,
      }),
  },
  {
    name: "updateTapPolicy",
    method: "PATCH",
    pattern: tapPattern,
    permissions: policyWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) => {
      const body = (req.body ?? {}) as Json;
      const p = { ...ctx.tenant.tapPolicy, ...pickKnown(body, Object.keys(ctx.tenant.tapPolicy)) };
      const inRange = (n: number) => Number.isInteger(n) && n >= 10 && n <= 43200;
      if (
        !inRange(p.minimumLifetimeInMinutes) ||
        !inRange(p.maximumLifetimeInMinutes) ||
        p.minimumLifetimeInMinutes > p.maximumLifetimeInMinutes
      ) {
        return graphError(
          400,
          "badRequest",
          "Minimum and maximum lifetime must be between 10 and 43200 minutes, minimum not above maximum.",
        );
      }
      if (
        p.defaultLifetimeInMinutes < p.minimumLifetimeInMinutes ||
        p.defaultLifetimeInMinutes > p.maximumLifetimeInMinutes
      ) {
        return graphError(
          400,
          "badRequest",
          "The default lifetime must be between the minimum and maximum lifetime.",
        );
      }
      if (p.defaultLength < 8 || p.defaultLength > 48)
        return graphError(400, "badRequest", "The default length must be between 8 and 48.");
      ctx.tenant.tapPolicy = p as typeof ctx.tenant.tapPolicy;
      return { status: 204 };
    },
  },
  {
    name: "getFido2Policy",
    method: "GET",
    pattern: fido2Pattern,
    permissions: policyRead,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) =>
      configuration(req, "#microsoft.graph.fido2AuthenticationMethodConfiguration", {
        id: "Fido2",
        ...ctx.tenant.fido2Policy,
      }),
  },
  {
    name: "updateFido2Policy",
    method: "PATCH",
    pattern: fido2Pattern,
    permissions: policyWrite,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) => {
      const body = (req.body ?? {}) as Json;
      if (body["@odata.type"] !== "#microsoft.graph.fido2AuthenticationMethodConfiguration") {
        return graphError(
          400,
          "badRequest",
          "The @odata.type property is required: #microsoft.graph.fido2AuthenticationMethodConfiguration.",
        );
      }
      ctx.tenant.fido2Policy = {
        ...ctx.tenant.fido2Policy,
        ...pickKnown(body, Object.keys(ctx.tenant.fido2Policy)),
      } as typeof ctx.tenant.fido2Policy;
      return { status: 204 };
    },
  },
];

function pickKnown(body: Json, keys: string[]): Json {
  return Object.fromEntries(Object.entries(body).filter(([k]) => keys.includes(k)));
}
