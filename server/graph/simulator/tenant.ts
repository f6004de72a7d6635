// Deterministic generator for the simulated organisation, and the primitive mutations on it.
import {
  departments,
  givenNames,
  issuedKeyModels,
  authenticatorModels,
  personalKeyModels,
  sites,
  surnames,
  syncedModels,
  tenantDomain,
  type KeyModel,
} from "./catalog";
import type { CredentialKind, PhysicalKey, SimCredential, SimGroup, SimUser, TenantState } from "./model";
import { addEarlierKeySignIns, addPasswordSignIns, passwordStream } from "./sign-in-history";
import { makeProductionLike } from "./tap-scope";
import { guid, methodId, pick, seededRandom, serialFor, thumbprint, weighted } from "./random";

export interface CreateTenantOptions {
  users: number;
  seed?: number;
  /** Tenant "now" at creation (ms). Defaults to the real clock. */
  now?: number;
  reportLagMinutes?: number;
}

const day = 86_400_000;
export const defaultProfileId = "00000000-0000-0000-0000-000000000001";

export const tenantNow = (t: TenantState) => Date.now() + t.offsetMs;

/** Record a change to a user so users/delta reports it. */
export function touchUser(t: TenantState, user: SimUser): void {
  t.seq++;
  t.changes.push(user.idx);
  user.changeSeq = t.seq;
}

export function activeCredentials(t: TenantState, userIdx: number): SimCredential[] {
  return (t.credentialsByUser.get(userIdx) ?? []).filter((c) => c.removedAt === null);
}

export function addCredential(
  t: TenantState,
  user: SimUser,
  model: KeyModel,
  kind: CredentialKind,
  createdAt: number,
  keyIdx: number | null,
  displayName?: string,
): SimCredential {
  const credential: SimCredential = {
    id: methodId(t.random),
    userIdx: user.idx,
    aaGuid: model.aaGuid,
    model: model.model,
    displayName:
      displayName ?? (kind === "hardware" ? model.model.replace(/ Series.*| by Yubico/, "") : model.model),
    kind,
    createdAt,
    attestationLevel: kind === "hardware" ? "attested" : "notAttested",
    attestationCertificates: kind === "hardware" ? [thumbprint(t.random)] : [],
    removedAt: null,
    lastUsedAt: null,
    keyIdx,
  };
  t.credentials.push(credential);
  const list = t.credentialsByUser.get(user.idx);
  if (list) list.push(credential);
  else t.credentialsByUser.set(user.idx, [credential]);
  if (keyIdx !== null) {
    const key = t.keys[keyIdx];
    if (key) {
      key.credentialId = credential.id;
      key.state = "registered";
      key.registerAt = null;
    }
  }
  return credential;
}

export function issueKey(
  t: TenantState,
  user: SimUser,
  model: KeyModel,
  issuedAt: number,
  isPersonal: boolean,
  serial?: string,
): PhysicalKey {
  const key: PhysicalKey = {
    idx: t.keys.length,
    serial: serial ?? serialFor(model.vendor, t.random),
    aaGuid: model.aaGuid,
    model: model.model,
    vendor: model.vendor,
    holderIdx: user.idx,
    isPersonal,
    issuedAt,
    registerAt: null,
    credentialId: null,
    state: "issued",
  };
  t.keys.push(key);
  return key;
}

export function removeCredential(t: TenantState, credential: SimCredential, at: number): void {
  credential.removedAt = at;
  if (credential.keyIdx !== null) {
    const key = t.keys[credential.keyIdx];
    if (key && key.state === "registered") key.state = "removed";
  }
}

function makeUser(t: TenantState, idx: number, now: number, upnCounts: Map<string, number>): SimUser {
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

function group(
  t: TenantState,
  displayName: string,
  description: string,
  users: number[],
  groups: string[] = [],
): SimGroup {
  const g: SimGroup = {
    id: guid(t.random),
    displayName,
    description,
    mailNickname: displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    memberUserIdxs: users,
    memberGroupIds: groups,
  };
  t.groups.push(g);
  t.groupsById.set(g.id, g);
  return g;
}

export function createTenant(options: CreateTenantOptions): TenantState {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  const now = options.now ?? Date.now();
  const t: TenantState = {
    tenantId: guid(seededRandom(seed ^ 0x5eed)),
    domain: tenantDomain,
    seed,
    users: [],
    usersById: new Map(),
    usersByUpn: new Map(),
    credentials: [],
    credentialsByUser: new Map(),
    keys: [],
    taps: new Map(),
    groups: [],
    groupsById: new Map(),
    signIns: [],
    tapPolicy: {
      state: "enabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 8,
      isUsableOnce: false,
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    },
    fido2Policy: {
      state: "enabled",
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: false,
      keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
      defaultPasskeyProfile: defaultProfileId,
      includeTargets: [
        {
          id: "all_users",
          targetType: "group",
          isRegistrationRequired: false,
          allowedPasskeyProfiles: [defaultProfileId],
        },
      ],
      excludeTargets: [],
      passkeyProfiles: [
        {
          id: defaultProfileId,
          name: "Default passkey profile",
          passkeyTypes: "deviceBound,synced",
          attestationEnforcement: "disabled",
          keyRestrictions: { isEnforced: false, enforcementType: "allow", aaGuids: [] },
        },
      ],
    },
    seq: 0,
    changes: [],
    offsetMs: now - Date.now(),
    reportLagMs: (options.reportLagMinutes ?? 15) * 60_000,
    random,
  };

  const upnCounts = new Map<string, number>();
  for (let i = 0; i < options.users; i++) {
    const user = makeUser(t, i, now, upnCounts);
    t.users.push(user);
    t.usersById.set(user.id, user);
    t.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
    touchUser(t, user);
  }

  const privileged: number[] = [];
  for (const u of t.users) {
    if (
      u.userType === "Member" &&
      (u.department === "IT" || u.department === "Security") &&
      random() < 0.12
    ) {
      u.isPrivileged = true;
      privileged.push(u.idx);
    }
  }

  for (const u of t.users) {
    const r = random();
    // 30–40 % hold an organisation key; privileged users nearly always, often with a backup.
    const hasKey = u.userType === "Member" && (u.isPrivileged ? r < 0.95 : r < 0.34);
    if (hasKey) {
      const count = u.isPrivileged ? (random() < 0.6 ? 2 : 1) : random() < 0.15 ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const model =
          u.isPrivileged && random() < 0.5
            ? issuedKeyModels.find((m) => m.model.includes("FIPS"))!
            : weighted(random, issuedKeyModels);
        const issuedAt = now - Math.floor(random() * 400 + 20) * day;
        const key = issueKey(t, u, model, issuedAt, false);
        if (random() < 0.04) {
          // Handed out recently, not registered yet: the clock will register it.
          key.issuedAt = now - Math.floor(random() * 5) * day;
          key.registerAt = now + Math.floor(random() * 14 + 1) * day;
          continue;
        }
        const createdAt = issuedAt + Math.floor(random() * 10 + 1) * day + Math.floor(random() * day);
        const c = addCredential(t, u, model, "hardware", createdAt, key.idx);
        if (random() < 0.8) c.lastUsedAt = now - Math.floor(random() * 20 * day);
      }
    }
    if (u.userType === "Member" && random() < 0.02) {
      const model = pick(random, personalKeyModels);
      const key = issueKey(t, u, model, now - 200 * day, true);
      addCredential(t, u, model, "hardware", now - Math.floor(random() * 180) * day, key.idx, "My own key");
    }
    if (u.hasAuthenticatorApp && random() < 0.12)
      addCredential(
        t,
        u,
        pick(random, authenticatorModels),
        "authenticator",
        now - Math.floor(random() * 300) * day,
        null,
      );
    if (random() < 0.05)
      addCredential(
        t,
        u,
        pick(random, syncedModels),
        "synced",
        now - Math.floor(random() * 300) * day,
        null,
        "Passkey",
      );
  }

  group(t, "Privileged Access - Tier 0", "Admins who must hold two hardware keys", privileged);
  const siteGroups = sites.map((s, i) =>
    group(
      t,
      `Site - ${s.name}`,
      `Everyone based at ${s.officeLocation}`,
      t.users.filter((u) => u.site === i && u.userType === "Member").map((u) => u.idx),
    ),
  );
  const inDepts = (names: string[]) =>
    t.users.filter((u) => u.department && names.includes(u.department)).map((u) => u.idx);
  group(t, "FIDO2 Rollout Wave 1 - IT and Security", "Pilot wave", inDepts(["IT", "Security"]));
  group(
    t,
    "FIDO2 Rollout Wave 2 - Finance and Legal",
    "High-risk business functions",
    inDepts(["Finance", "Legal", "Human Resources"]),
  );
  // Later waves nest site groups, so transitiveMembers differs from members.
  group(
    t,
    "FIDO2 Rollout Wave 3 - Europe",
    "European sites",
    [],
    siteGroups.slice(2, 6).map((g) => g.id),
  );
  group(
    t,
    "FIDO2 Rollout Wave 4 - Americas and APAC",
    "Remaining sites",
    [],
    [siteGroups[0]!, siteGroups[1]!, siteGroups[6]!].map((g) => g.id),
  );

  for (const c of t.credentials) {
    if (c.lastUsedAt !== null && c.lastUsedAt > now - 30 * day) {
      t.signIns.push({
        id: guid(random),
        at: c.lastUsedAt,
        userIdx: c.userIdx,
        credentialId: c.id,
        method: c.kind === "hardware" ? "FIDO2 security key" : "Passkey (device-bound)",
        detail: c.model,
      });
    }
  }
  addPasswordSignIns(t, now - 30 * day, now, passwordStream(now));
  addEarlierKeySignIns(t, now - 30 * day, passwordStream(now + day));
  t.signIns.sort((a, b) => a.at - b.at);
  makeProductionLike(t, (name, description, users, groups) => group(t, name, description, users, groups));
  return t;
}
