// The authentication-methods side of the Graph port: FIDO2 methods (read, batch-read, register, delete),
// all methods, Temporary Access Passes, the method policies and revoking sessions.
import { enc, userPath, type GraphHttp, type Json } from "./adapter-http";
import { runBatched } from "./batch";
import { GraphError } from "./errors";
import * as map from "./mappers";
import type { GraphPort, UserFido2Result } from "./port";

/** `fido2Version`: where FIDO2 methods are listed; beta adds each method's lastUsedDateTime. */
export function authenticationMethodCalls(http: GraphHttp, fido2Version: "v1.0" | "beta" = "v1.0") {
  const { send, get } = http;
  return {
    async listFido2Methods(userId) {
      const body = await get(
        "listFido2Methods",
        `${userPath(userId)}/authentication/fido2Methods`,
        fido2Version,
      );
      return Array.isArray(body.value) ? body.value.map(map.toFido2Method) : [];
    },

    async getFido2Method(userId, methodId) {
      return map.toFido2Method(
        await get("getFido2Method", `${userPath(userId)}/authentication/fido2Methods/${enc(methodId)}`),
      );
    },

    async deleteFido2Method(userId, methodId) {
      await send({
        operation: "deleteFido2Method",
        method: "DELETE",
        url: `${userPath(userId)}/authentication/fido2Methods/${enc(methodId)}`,
        idempotent: true,
      });
    },

    async listFido2MethodsForUsers(userIds) {
      const unique = [...new Set(userIds)];
      const inner = unique.map((id, i) => ({
        id: String(i + 1),
        method: "GET" as const,
        url: `${userPath(id)}/authentication/fido2Methods`,
      }));
      const results = await runBatched(
        http.transport,
        http.counters,
        "listFido2Methods",
        inner,
        fido2Version,
      );
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
          ? `${userPath(userId)}/authentication/fido2Methods/creationOptions`
          : `${userPath(userId)}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=${Math.trunc(q.challengeTimeoutInMinutes)})`;
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
        url: `${userPath(userId)}/authentication/fido2Methods`,
        body,
      });
      return map.toFido2Method(res.body);
    },

    async listAuthenticationMethods(userId) {
      const body = await get("listAuthenticationMethods", `${userPath(userId)}/authentication/methods`);
      return Array.isArray(body.value) ? body.value.map(map.toAuthenticationMethod) : [];
    },

    async createTemporaryAccessPass(userId, input) {
      const res = await send({
        operation: "createTemporaryAccessPass",
        method: "POST",
        url: `${userPath(userId)}/authentication/temporaryAccessPassMethods`,
        body: input,
      });
      return map.toCreatedTap(res.body);
    },

    async listTemporaryAccessPasses(userId) {
      const body = await get(
        "listTemporaryAccessPasses",
        `${userPath(userId)}/authentication/temporaryAccessPassMethods`,
      );
      return Array.isArray(body.value) ? body.value.map(map.toTap) : [];
    },

    async deleteTemporaryAccessPass(userId, methodId) {
      await send({
        operation: "deleteTemporaryAccessPass",
        method: "DELETE",
        url: `${userPath(userId)}/authentication/temporaryAccessPassMethods/${enc(methodId)}`,
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
        url: `${userPath(userId)}/revokeSignInSessions`,
        idempotent: true,
      });
      // Documented as 200 {"value": true}; some tenants answer 204.
      const value = (res.body as Json | undefined)?.value;
      return typeof value === "boolean" ? value : true;
    },
  } satisfies Partial<GraphPort>;
}
