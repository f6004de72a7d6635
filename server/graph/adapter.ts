// The one GraphPort implementation on the Microsoft Graph SDK. Pointed at graph.microsoft.com or at any
// Graph-compatible server over https; configuration comes from the caller (server/env.ts reads env).
import { createTokenSource, type GraphConfig } from "./auth";
import { runBatched } from "./batch";
import { GraphError } from "./errors";
import * as map from "./mappers";
import { makeLeversPort } from "./adapter-levers";
import type { GraphPort, UserFido2Result, UsersDeltaPage } from "./port";
import { Counters, Transport, type RequestSpec, type TransportOptions } from "./transport";

export type { GraphConfig } from "./auth";
export type { GraphLogger } from "./transport";
export type GraphAdapterOptions = TransportOptions;

const enc = encodeURIComponent;
type Json = Record<string, unknown>;

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${enc(String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function createGraphAdapter(config: GraphConfig, options: GraphAdapterOptions = {}): GraphPort {
  const transport = new Transport(config.baseUrl, createTokenSource(config), options);
  return makePort(transport, new Counters(options.budget ?? null));
}

function makePort(transport: Transport, counters: Counters): GraphPort {
  const send = (spec: RequestSpec) => transport.send(spec, counters);
  const get = async (operation: string, url: string, version: "v1.0" | "beta" = "v1.0"): Promise<Json> =>
    ((await send({ operation, method: "GET", url, version })).body as Json) ?? {};

  async function* pages<T>(
    operation: string,
    firstUrl: string,
    mapItem: (raw: unknown) => T,
    version: "v1.0" | "beta" = "v1.0",
  ): AsyncIterable<T[]> {
    let url: string | undefined = firstUrl;
    while (url) {
      const body = await get(operation, url, version);
      yield Array.isArray(body.value) ? body.value.map(mapItem) : [];
      // Followed verbatim: the link carries the opaque $skiptoken and the original query.
      url = typeof body["@odata.nextLink"] === "string" ? body["@odata.nextLink"] : undefined;
    }
  }

  const user = (id: string) => `/users/${enc(id)}`;

  const port: GraphPort = {
    listUsers(q = {}) {
      return pages(
        "listUsers",
        `/users${query({ $select: q.select?.join(","), $top: q.top, $filter: q.filter, $expand: q.expandManager ? "manager($select=id,displayName)" : undefined })}`,
        map.toUser,
      );
    },

    async getUser(idOrUpn, q = {}) {
      const url = `${user(idOrUpn)}${query({ $select: q.select?.join(","), $expand: q.expandManager ? "manager($select=id,displayName)" : undefined })}`;
      return map.toUser(await get("getUser", url));
    },

    async *usersDelta(q) {
      let url: string | undefined = q.deltaLink ?? `/users/delta${query({ $select: q.select?.join(",") })}`;
      while (url) {
        const body = await get("usersDelta", url);
        const page: UsersDeltaPage = { users: [], removed: [] };
        for (const raw of Array.isArray(body.value) ? (body.value as Json[]) : []) {
          const removed = raw?.["@removed"] as Json | undefined;
          if (removed)
            page.removed.push({
              id: String(raw.id),
              reason: typeof removed.reason === "string" ? removed.reason : "deleted",
            });
          else page.users.push(map.toUser(raw));
        }
        if (typeof body["@odata.deltaLink"] === "string") page.deltaLink = body["@odata.deltaLink"];
        url = typeof body["@odata.nextLink"] === "string" ? body["@odata.nextLink"] : undefined;
        yield page;
      }
    },

    listGroups(q = {}) {
      return pages(
        "listGroups",
        `/groups${query({ $filter: q.filter, $select: q.select?.join(",") })}`,
        map.toGroup,
      );
    },

    listGroupMembers(groupId, q = {}) {
      const rel = q.transitive ? "transitiveMembers" : "members";
      return pages(
        "listGroupMembers",
        `/groups/${enc(groupId)}/${rel}${query({ $top: q.top })}`,
        map.toDirectoryObject,
      );
    },

    listRegistrationDetails(q = {}) {
      return pages(
        "listRegistrationDetails",
        `/reports/authenticationMethods/userRegistrationDetails${query({ $filter: q.filter })}`,
        map.toRegistrationDetails,
      );
    },

    async getRegistrationDetails(userId) {
      return map.toRegistrationDetails(
        await get(
          "getRegistrationDetails",
          `/reports/authenticationMethods/userRegistrationDetails/${enc(userId)}`,
        ),
      );
    },

    async getGroup(groupId) {
      return map.toGroup(
        await get("getGroup", `/groups/${enc(groupId)}?$select=id,displayName,description,mailNickname`),
      );
    },

    async getMemberGroupIds(userId) {
      // A POST that only reads: safe to send again after a 429/5xx/timeout.
      const res = await send({
        operation: "getMemberGroupIds",
        method: "POST",
        url: `${user(userId)}/getMemberGroups`,
        body: { securityEnabledOnly: false },
        idempotent: true,
      });
      const value = (res.body as Json | undefined)?.value;
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
    },

    async getUsersRegisteredByMethod(q = {}) {
      const fn = `usersRegisteredByMethod(includedUserTypes=${odataString(q.includedUserTypes ?? "all")},includedUserRoles=${odataString(q.includedUserRoles ?? "all")})`;
      return map.toMethodSummary(
        await get("getUsersRegisteredByMethod", `/reports/authenticationMethods/${fn}`),
      );
    },

    async getUsersRegisteredByFeature(q = {}) {
      const fn = `usersRegisteredByFeature(includedUserTypes=${odataString(q.includedUserTypes ?? "all")},includedUserRoles=${odataString(q.includedUserRoles ?? "all")})`;
      return map.toFeatureSummary(
        await get("getUsersRegisteredByFeature", `/reports/authenticationMethods/${fn}`),
      );
    },

    async listFido2Methods(userId) {
      const body = await get("listFido2Methods", `${user(userId)}/authentication/fido2Methods`);
      return Array.isArray(body.value) ? body.value.map(map.toFido2Method) : [];
    },

    async getFido2Method(userId, methodId) {
      return map.toFido2Method(
        await get("getFido2Method", `${user(userId)}/authentication/fido2Methods/${enc(methodId)}`),
      );
    },

    async deleteFido2Method(userId, methodId) {
      await send({
        operation: "deleteFido2Method",
        method: "DELETE",
        url: `${user(userId)}/authentication/fido2Methods/${enc(methodId)}`,
        idempotent: true,
      });
    },

    async listFido2MethodsForUsers(userIds) {
      const unique = [...new Set(userIds)];
      const inner = unique.map((id, i) => ({
        id: String(i + 1),
        method: "GET" as const,
        url: `${user(id)}/authentication/fido2Methods`,
      }));
      const results = await runBatched(transport, counters, "listFido2Methods", inner);
      const out = new Map<string, UserFido2Result>();
      unique.forEach((userId, i) => {
        const r = results.get(String(i + 1));
        if (!r)
          out.set(userId, {
            ok: false,
            error: new GraphError({
              kind: "upstream",
              operation: "listFido2Methods",
              message: "no batch result",
            }),
          });
        else if (r.ok) {
          const value = (r.response.body as Json | undefined)?.value;
          out.set(userId, { ok: true, methods: Array.isArray(value) ? value.map(map.toFido2Method) : [] });
        } else out.set(userId, r);
      });
      return out;
    },

    async getFido2CreationOptions(userId, q = {}) {
      // v1.0 has a fixed 5-minute challenge; a longer one exists only in beta as a function parameter.
      const url =
        q.challengeTimeoutInMinutes === undefined
          ? `${user(userId)}/authentication/fido2Methods/creationOptions`
          : `${user(userId)}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=${Math.trunc(q.challengeTimeoutInMinutes)})`;
      return map.toCreationOptions(
        await get(
          "getFido2CreationOptions",
          url,
          q.challengeTimeoutInMinutes === undefined ? "v1.0" : "beta",
        ),
      );
    },

    async createFido2Method(userId, input) {
      const body = {
        "@odata.type": "#microsoft.graph.fido2AuthenticationMethod",
        ...(input.displayName ? { displayName: input.displayName } : {}),
        publicKeyCredential: {
          "@odata.type": "#microsoft.graph.webauthnPublicKeyCredential",
          id: input.publicKeyCredential.id,
          response: {
            "@odata.type": "#microsoft.graph.webauthnAuthenticatorAttestationResponse",
            ...input.publicKeyCredential.response,
          },
          clientExtensionResults: {
            "@odata.type": "#microsoft.graph.webauthnAuthenticationExtensionsClientOutputs",
            ...(input.publicKeyCredential.clientExtensionResults ?? {}),
          },
        },
      };
      const res = await send({
        operation: "createFido2Method",
        method: "POST",
        url: `${user(userId)}/authentication/fido2Methods`,
        body,
      });
      return map.toFido2Method(res.body);
    },

    async listAuthenticationMethods(userId) {
      const body = await get("listAuthenticationMethods", `${user(userId)}/authentication/methods`);
      return Array.isArray(body.value) ? body.value.map(map.toAuthenticationMethod) : [];
    },

    async createTemporaryAccessPass(userId, input) {
      const res = await send({
        operation: "createTemporaryAccessPass",
        method: "POST",
        url: `${user(userId)}/authentication/temporaryAccessPassMethods`,
        body: input,
      });
      return map.toCreatedTap(res.body);
    },

    async listTemporaryAccessPasses(userId) {
      const body = await get(
        "listTemporaryAccessPasses",
        `${user(userId)}/authentication/temporaryAccessPassMethods`,
      );
      return Array.isArray(body.value) ? body.value.map(map.toTap) : [];
    },

    async deleteTemporaryAccessPass(userId, methodId) {
      await send({
        operation: "deleteTemporaryAccessPass",
        method: "DELETE",
        url: `${user(userId)}/authentication/temporaryAccessPassMethods/${enc(methodId)}`,
        idempotent: true,
      });
    },

    async getTapPolicy() {
      return map.toTapPolicy(
        await get(
          "getTapPolicy",
          "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
        ),
      );
    },

    async getFido2Policy() {
      return map.toFido2Policy(
        await get(
          "getFido2Policy",
          "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2",
        ),
      );
    },

    async revokeSignInSessions(userId) {
      const res = await send({
        operation: "revokeSignInSessions",
        method: "POST",
        url: `${user(userId)}/revokeSignInSessions`,
        idempotent: true,
      });
      // Documented as 200 {"value": true}; some tenants answer 204.
      const value = (res.body as Json | undefined)?.value;
      return typeof value === "boolean" ? value : true;
    },

    listSignIns(q = {}) {
      const filters = [
        q.since ? `createdDateTime ge ${q.since}` : undefined,
        q.until ? `createdDateTime le ${q.until}` : undefined,
        q.userId ? `userId eq ${odataString(q.userId)}` : undefined,
      ].filter(Boolean);
      return pages(
        "listSignIns",
        `/auditLogs/signIns${query({ $filter: filters.join(" and "), $top: q.top })}`,
        map.toSignIn,
        "beta",
      );
    },

    listDirectoryAudits(q) {
      return pages(
        "listDirectoryAudits",
        `/auditLogs/directoryAudits${query({ $filter: `activityDateTime ge ${q.since}`, $top: 1000 })}`,
        map.toDirectoryAudit,
      );
    },

    ...makeLeversPort(send, pages),
    counters: () => counters.snapshot(),
    withBudget: (maxRequests, view) => makePort(transport, new Counters(maxRequests, view)),
  };
  return port;
}
