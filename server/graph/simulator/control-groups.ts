// Control API: groups and their members (to scope the TAP policy), a user spending their TAP, a guest.
import type { SimUser, TenantState } from "./model";
import { guid } from "./random";
import { tenantNow, touchUser } from "./tenant";

type Fail = (status: number, message: string) => Error;

export function makeGroupControl(t: TenantState, user: (id: string) => SimUser, fail: Fail) {
  const groupOf = (id: string) => {
    const g = t.groupsById.get(id);
    if (!g) throw fail(404, `no group ${id}`);
    return g;
  };
  return {
    createGroup(input: { displayName: string; userIds?: string[]; groupIds?: string[] }) {
      if (!input.displayName) throw fail(400, "displayName is required");
      const g = {
        id: guid(t.random),
        displayName: input.displayName,
        description: "",
        mailNickname: input.displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
        memberUserIdxs: (input.userIds ?? []).map((id) => user(id).idx),
        memberGroupIds: (input.groupIds ?? []).map((id) => groupOf(id).id),
      };
      t.groups.push(g);
      t.groupsById.set(g.id, g);
      return { id: g.id };
    },
    addGroupMember(groupId: string, member: { userId?: string; groupId?: string }) {
      const g = groupOf(groupId);
      if (member.userId) {
        const idx = user(member.userId).idx;
        if (!g.memberUserIdxs.includes(idx)) g.memberUserIdxs.push(idx);
      }
      if (member.groupId && !g.memberGroupIds.includes(groupOf(member.groupId).id))
        g.memberGroupIds.push(member.groupId);
    },
    removeGroupMember(groupId: string, member: { userId?: string; groupId?: string }) {
      const g = groupOf(groupId);
      if (member.userId) {
        const idx = user(member.userId).idx;
        g.memberUserIdxs = g.memberUserIdxs.filter((x) => x !== idx);
      }
      if (member.groupId) g.memberGroupIds = g.memberGroupIds.filter((x) => x !== member.groupId);
    },
    useTap(userId: string) {
      const tap = t.taps.get(user(userId).idx);
      if (!tap) throw fail(404, `user ${userId} holds no Temporary Access Pass`);
      tap.usedAt = tenantNow(t);
      return { isUsableOnce: tap.isUsableOnce };
    },
    inviteGuest(input: { displayName: string; email: string }) {
      if (!input.displayName || !input.email?.includes("@"))
        throw fail(400, "displayName and email are required");
      const now = tenantNow(t);
      const [local, domain] = input.email.split("@") as [string, string];
      const upn = `${local}_${domain}#EXT#@${t.domain}`;
      const u: SimUser = {
        idx: t.users.length,
        id: guid(t.random),
        userPrincipalName: upn,
        displayName: input.displayName,
        givenName: input.displayName.split(" ")[0] ?? "",
        surname: "",
        mail: input.email,
        accountEnabled: true,
        userType: "Guest",
        department: null,
        jobTitle: null,
        officeLocation: null,
        site: 0,
        businessPhones: [],
        mobilePhone: null,
        employeeId: null,
        onPremisesSyncEnabled: null,
        createdAt: now,
        managerIdx: -1,
        hasAuthenticatorApp: false,
        isPrivileged: false,
        deletedAt: null,
        changeSeq: 0,
        signInSessionsValidFrom: null,
      };
      t.users.push(u);
      t.usersById.set(u.id, u);
      t.usersByUpn.set(upn.toLowerCase(), u);
      touchUser(t, u);
      return { id: u.id, userPrincipalName: upn };
    },
  };
}
