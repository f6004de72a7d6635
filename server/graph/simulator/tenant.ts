// Deterministic generator for the simulated organisation (people: tenant-people.ts); the primitive
// mutations on it are in tenant-mutations.ts, re-exported here.
import {
  issuedKeyModels,
  authenticatorModels,
  personalKeyModels,
  sites,
  syncedModels,
  tenantDomain,
} from "./catalog";
import type { SimGroup, TenantState } from "./model";
import { addEarlierKeySignIns, addPasswordSignIns, passwordStream } from "./sign-in-history";
import { makeProductionLike } from "./tap-scope";
import { guid, pick, seededRandom, weighted } from "./random";
import { addCredential, issueKey, touchUser } from "./tenant-mutations";
import { makeUser } from "./tenant-people";

export interface CreateTenantOptions {
  users: number;
  seed?: number;
  /** Tenant "now" at creation (ms). Defaults to the real clock. */
  now?: number;
  reportLagMinutes?: number;
}

const day = 86_400_000;
export const defaultProfileId = "00000000-0000-0000-0000-000000000001";

// The primitive mutations live in tenant-mutations.ts; re-exported for the routes and the control API.
export {
  activeCredentials,
  addCredential,
  issueKey,
  removeCredential,
  tenantNow,
  touchUser,
} from "./tenant-mutations";
export { hireUser } from "./tenant-people";

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
