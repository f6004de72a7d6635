// The directory side of the Graph port: users and delta, groups, the registration reports, sign-in logs and
// directory audits. A new read of the directory goes here (and into the port, the simulator and a contract test).
import { enc, odataString, query, userPath, type GraphHttp, type Json } from "./adapter-http";
import * as map from "./mappers";
import type { GraphPort, UsersDeltaPage } from "./port";

export function directoryCalls({ send, get, pages }: GraphHttp) {
  return {
    listUsers(q = {}) {
      return pages(
        "listUsers",
        `/users${query({ $select: q.select?.join(","), $top: q.top, $expand: q.expandManager ? "manager($select=id,displayName)" : undefined })}`,
        map.toUser,
      );
    },

    async getUser(idOrUpn, q = {}) {
      const url = `${userPath(idOrUpn)}${query({ $select: q.select?.join(","), $expand: q.expandManager ? "manager($select=id,displayName)" : undefined })}`;
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
      return pages("listGroups", `/groups${query({ $select: q.select?.join(",") })}`, map.toGroup);
    },

    async searchGroups(prefix, q = {}) {
      const filter = prefix ? `startswith(displayName,${odataString(prefix)})` : undefined;
      const url = `/groups${query({ $filter: filter, $select: "id,displayName,description", $top: q.top ?? 50 })}`;
      const body = await get("searchGroups", url);
      return Array.isArray(body.value) ? body.value.map(map.toGroup) : [];
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
        url: `${userPath(userId)}/getMemberGroups`,
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
  } satisfies Partial<GraphPort>;
}
