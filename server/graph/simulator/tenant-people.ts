// The people of the simulated organisation: one generated user, and a hire on the tenant's clock.
import { departments, givenNames, sites, surnames, tenantDomain } from "./catalog";
import type { SimUser, TenantState } from "./model";
import { guid, pick, seededRandom } from "./random";
import { touchUser } from "./tenant-mutations";

const day = 86_400_000;

export function makeUser(t: TenantState, idx: number, now: number, upnCounts: Map<string, number>): SimUser {
  const r = t.random;
  const givenName = pick(r, givenNames);
  const surname = pick(r, surnames);
  const base = `${givenName}.${surname}`.toLowerCase();
  const n = (upnCounts.get(base) ?? 0) + 1;
  upnCounts.set(base, n);
  // Teams of 8 share a department and a site, so managers sit with their teams.
  const block = Math.floor(idx / 64);
  const blockRandom = seededRandom(t.seed * 7919 + block);
  const dept = pick(blockRandom, departments);
  const siteIdx = Math.floor(blockRandom() * sites.length);
  const site = sites[siteIdx] ?? sites[0]!;
  const isGuest = r() < 0.01;
  const upn = isGuest
    ? `${base.replace(".", "_")}${n > 1 ? n : ""}_partner.example#EXT#@${tenantDomain}`
    : `${n > 1 ? `${base}${n}` : base}@${tenantDomain}`;
  const ext = String(idx % 100).padStart(2, "0");
  return {
    idx,
    id: guid(r),
    userPrincipalName: upn,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    mail: isGuest ? `${base}@partner.example` : upn,
    accountEnabled: r() >= 0.03,
    userType: isGuest ? "Guest" : "Member",
    department: isGuest ? null : dept.name,
    jobTitle: isGuest ? null : pick(r, dept.titles),
    officeLocation: isGuest ? null : site.officeLocation,
    site: siteIdx,
    businessPhones: isGuest ? [] : [`${site.phonePrefix}${ext}`],
    mobilePhone: r() < 0.7 ? `${site.phonePrefix}${String((idx * 7) % 100).padStart(2, "0")}` : null,
    employeeId: isGuest ? null : String(100000 + idx),
    onPremisesSyncEnabled: r() < 0.6 ? true : null,
    createdAt: now - Math.floor(r() * 1500 + 30) * day,
    managerIdx: idx % 8 !== 0 ? idx - (idx % 8) : idx % 64 !== 0 ? idx - (idx % 64) : -1,
    hasAuthenticatorApp: r() < 0.6,
    isPrivileged: false,
    deletedAt: null,
    changeSeq: 0,
    signInSessionsValidFrom: null,
  };
}

/** A new hire (the clock adds some so incremental sync has something to find). */
export function hireUser(t: TenantState, now: number): SimUser {
  const upnCounts = new Map<string, number>();
  for (const u of t.users)
    upnCounts.set(
      u.userPrincipalName.split("@")[0]!.replace(/\d+$/, ""),
      (upnCounts.get(u.userPrincipalName.split("@")[0]!.replace(/\d+$/, "")) ?? 0) + 1,
    );
  const user = makeUser(t, t.users.length, now, upnCounts);
  user.createdAt = now;
  user.accountEnabled = true;
  t.users.push(user);
  t.usersById.set(user.id, user);
  t.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
  touchUser(t, user);
  return user;
}
