import type { Route, SimContext } from "./context";
import type { SimUser, TenantState } from "./model";
import {
  contextUrl,
  decodeToken,
  encodeToken,
  entity,
  graphError,
  notFound,
  page,
  parseFilter,
  select,
  type Json,
  type SimRequest,
  type SimResponse,
} from "./odata";
import { transitiveGroupIds } from "./tap-scope";
import { pageLiveUsers } from "./user-pages";
import { userJson } from "./views";

const readUsers = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const readMembers = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"];
const userFilterFields = [
  "id",
  "accountEnabled",
  "userType",
  "department",
  "displayName",
  "userPrincipalName",
  "officeLocation",
  "mail",
  "jobTitle",
  "employeeId",
];

export function findUser(t: TenantState, idOrUpn: string): SimUser | undefined {
  const key = decodeURIComponent(idOrUpn);
  const u = t.usersById.get(key) ?? t.usersByUpn.get(key.toLowerCase());
  return u && u.deletedAt === null ? u : undefined;
}

const wantsManager = (req: SimRequest) => /^manager/.test(req.query.get("$expand") ?? "");

function listUsers(ctx: SimContext, req: SimRequest): SimResponse {
  const expand = wantsManager(req);
  return pageLiveUsers(ctx.tenant, req, {
    def: 100,
    max: 999,
    fields: userFilterFields,
    odataContext: "users",
    toJson: (u) => userJson(ctx.tenant, u, expand),
    out: (json) => select(req, json),
  });
}

interface DeltaState {
  /** changes after this sequence number (absent: the initial full round) */
  s?: number;
  /** the round covers changes up to this sequence number */
  u: number;
  o: number;
  sel?: string;
}

function usersDelta(ctx: SimContext, req: SimRequest): SimResponse {
  const t = ctx.tenant;
  const skip = req.query.get("$skiptoken");
  const delta = req.query.get("$deltatoken");
  let state: DeltaState | undefined;
  if (skip) state = decodeToken<DeltaState>(skip);
  else if (delta) {
    const d = decodeToken<{ s: number; sel?: string }>(delta);
    state = d ? { s: d.s, u: t.seq, o: 0, sel: d.sel } : undefined;
  } else state = { u: t.seq, o: 0, sel: req.query.get("$select") ?? undefined };
  if (!state || typeof state.o !== "number")
    return graphError(
      400,
      "Request_UnsupportedQuery",
      "The specified delta token value has expired or is invalid.",
    );
  const selReq: SimRequest = { ...req, query: new URLSearchParams(state.sel ? { $select: state.sel } : {}) };
  const pageSize = 200;
  const value: Json[] = [];
  let done: boolean;
  let next = state.o;
  if (state.s === undefined) {
    for (; next < t.users.length && value.length < pageSize; next++) {
      const u = t.users[next]!;
      if (u.deletedAt === null) value.push(select(selReq, userJson(t, u)));
    }
    done = next >= t.users.length;
  } else {
    // Users changed in (s, u], each once, in the order of their last change.
    const seen = new Set<number>();
    const changed: number[] = [];
    for (let seq = state.u; seq > state.s; seq--) {
      const idx = t.changes[seq - 1];
      if (idx !== undefined && !seen.has(idx)) {
        seen.add(idx);
        changed.push(idx);
      }
    }
    changed.reverse();
    const slice = changed.slice(state.o, state.o + pageSize);
    for (const idx of slice) {
      const u = t.users[idx]!;
      value.push(
        u.deletedAt !== null
          ? { id: u.id, "@removed": { reason: "deleted" } }
          : select(selReq, userJson(t, u)),
      );
    }
    next = state.o + slice.length;
    done = next >= changed.length;
  }
  const body: Json = { "@odata.context": contextUrl(req, "users"), value };
  const base = `${req.origin}/${req.version}/users/delta`;
  if (done) body["@odata.deltaLink"] = `${base}?$deltatoken=${encodeToken({ s: state.u, sel: state.sel })}`;
  else body["@odata.nextLink"] = `${base}?$skiptoken=${encodeToken({ ...state, o: next })}`;
  return { status: 200, body };
}

function groupJson(g: { id: string; displayName: string; description: string; mailNickname: string }): Json {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mailNickname: g.mailNickname,
    securityEnabled: true,
  };
}

function members(ctx: SimContext, req: SimRequest, [groupId, rel, cast]: string[]): SimResponse {
  const t = ctx.tenant;
  const g = t.groupsById.get(decodeURIComponent(groupId ?? ""));
  if (!g) return notFound(groupId ?? "");
  const items: Json[] = [];
  const seenUsers = new Set<number>();
  const addGroup = (id: string, deep: boolean, seenGroups: Set<string>) => {
    const group = t.groupsById.get(id);
    if (!group || seenGroups.has(id)) return;
    seenGroups.add(id);
    for (const idx of group.memberUserIdxs) {
      const u = t.users[idx];
      if (u && u.deletedAt === null && !seenUsers.has(idx)) {
        seenUsers.add(idx);
        items.push({
          "@odata.type": "#microsoft.graph.user",
          id: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          accountEnabled: u.accountEnabled,
        });
      }
    }
    for (const child of group.memberGroupIds) {
      const cg = t.groupsById.get(child);
      if (cg) items.push(groupJson(cg));
      if (deep) addGroup(child, deep, seenGroups);
    }
  };
  addGroup(g.id, rel === "transitiveMembers", new Set());
  const list = cast ? items.filter((i) => i["@odata.type"] === "#microsoft.graph.user") : items;
  return page(req, list, (i) => i, 100, 999, "directoryObjects");
}

export const directoryRoutes: Route[] = [
  {
    name: "listUsers",
    method: "GET",
    pattern: /^\/users$/,
    permissions: readUsers,
    bucket: "directory",
    cost: 2,
    handle: listUsers,
  },
  {
    name: "usersDelta",
    method: "GET",
    pattern: /^\/users\/delta(?:\(\))?$/,
    permissions: readUsers,
    bucket: "directory",
    cost: 2,
    handle: usersDelta,
  },
  {
    name: "getUser",
    method: "GET",
    pattern: /^\/users\/([^/]+)$/,
    permissions: readUsers,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) => {
      const u = findUser(ctx.tenant, id ?? "");
      return u
        ? entity(req, "users/$entity", select(req, userJson(ctx.tenant, u, wantsManager(req))))
        : notFound(id ?? "");
    },
  },
  {
    name: "listGroups",
    method: "GET",
    pattern: /^\/groups$/,
    permissions: readMembers,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req) => {
      const filter = parseFilter(req.query.get("$filter"), ["displayName", "id", "mailNickname"]);
      if (typeof filter !== "function") return filter;
      return page(
        req,
        ctx.tenant.groups.map(groupJson).filter(filter),
        (g) => select(req, g),
        100,
        999,
        "groups",
      );
    },
  },
  {
    // Transitive by definition (Microsoft's getMemberGroups page): nested groups count.
    name: "getMemberGroups",
    method: "POST",
    pattern: /^\/(?:users|directoryObjects)\/([^/]+)\/getMemberGroups$/,
    permissions: readMembers,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) => {
      const u = findUser(ctx.tenant, id ?? "");
      if (!u) return notFound(id ?? "");
      return {
        status: 200,
        body: {
          "@odata.context": `${req.origin}/${req.version}/$metadata#Collection(Edm.String)`,
          value: [...transitiveGroupIds(ctx.tenant, u)],
        },
      };
    },
  },
  {
    name: "getGroup",
    method: "GET",
    pattern: /^\/groups\/([^/]+)$/,
    permissions: readMembers,
    bucket: "directory",
    cost: 1,
    handle: (ctx, req, [id]) => {
      const g = ctx.tenant.groupsById.get(decodeURIComponent(id ?? ""));
      return g ? entity(req, "groups/$entity", select(req, groupJson(g))) : notFound(id ?? "");
    },
  },
  {
    name: "listGroupMembers",
    method: "GET",
    pattern: /^\/groups\/([^/]+)\/(members|transitiveMembers)(\/microsoft\.graph\.user)?$/,
    permissions: readMembers,
    bucket: "directory",
    cost: 3,
    handle: members,
  },
];
