import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { makePreflight, type PreflightFn } from "./preflight";
import { makePreflightRepository } from "./preflight.repository";

// The preflight matrix against the simulated tenant, read live over HTTPS: who can get a pass (directly,
// through nested groups, excluded, guest, policy off), the policy's lifetimes, whether a backup key is
// left, and where a replacement comes from. Expectations come from the tenant's set-up, not the code.

const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const ANDROID_AUTHENTICATOR = "de1e552d-db1d-4423-a619-566b625cdc84";
const ICLOUD = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";
const allUsers = [{ id: "all_users", targetType: "group", isRegistrationRequired: false }];
let sim: RunningSimulator;
let db: TestDatabase;
let preflight: PreflightFn;
let modelId: string;
let n = 0;

/** A fresh member of the tenant with exactly `keys` YubiKeys registered (their serials known to KeyFleet), mirrored at `site`. */
async function person(keys: number, site: string | null = "site-lyo") {
  const u = sim.tenant.users.find(
    (x) =>
      x.userType === "Member" &&
      x.accountEnabled &&
      x.deletedAt === null &&
      x.idx > 20 + n * 3 &&
      !(sim.tenant.credentialsByUser.get(x.idx) ?? []).some((c) => c.removedAt === null),
  )!;
  n++;
  await db.prisma.directoryUser.create({
    data: {
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      siteId: site,
      officeLocation: site ? "Lyon Site" : "Remote",
    },
  });
  const methodIds: string[] = [];
  for (let k = 0; k < keys; k++) {
    const serial = `PF-${n}-${k}`;
    const { credentialId } = sim.control.registerCredential(u.id, { aaGuid: YK5, serial });
    const key = await db.prisma.securityKey.create({
      data: { serial, vendor: "Yubico", modelId, siteId: "site-lyo", status: "active", custodianId: u.id },
    });
    await db.prisma.entraCredential.create({
      data: { methodId: credentialId, userId: u.id, aaguid: YK5, keyId: key.id },
    });
    methodIds.push(credentialId);
  }
  return { id: u.id, upn: u.userPrincipalName, name: u.displayName, methodIds };
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 120, seed: 7 });
  db = await createTestDatabase();
  modelId = (await seedModels(db.prisma)).get(YK5)!;
  await db.prisma.site.createMany({
    data: [
      { id: "site-lyo", code: "LYO", name: "Lyon", officeLocation: "Lyon Site" },
      { id: "site-empty", code: "EMP", name: "Empty shelf" },
    ],
  });
  await db.prisma.securityKey.create({
    data: { serial: "STOCK-LYO-1", vendor: "Yubico", modelId, siteId: "site-lyo", status: "in_stock" },
  });
  preflight = makePreflight({
    db: db.prisma,
    graph: fastAdapter(sim).graph,
    repo: makePreflightRepository(),
    clock: () => new Date(),
  });
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});
beforeEach(() =>
  sim.control.setTapPolicy({
    state: "enabled",
    includeTargets: allUsers,
    excludeTargets: [],
    isUsableOnce: false,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLifetimeInMinutes: 60,
  }),
);

describe("can a TAP be issued", () => {
  it("included directly through a group: yes, and the policy's groups are named", async () => {
    const p = await person(1);
    const g = sim.control.createGroup({ displayName: "TAP helpdesk direct", userIds: [p.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: g.id, targetType: "group", isRegistrationRequired: false }],
    });
    const r = await preflight({ user: p.upn });
    expect(r.tap).toMatchObject({
      possible: true,
      cause: "ok",
      includeGroups: [{ id: g.id, displayName: "TAP helpdesk direct" }],
    });
    expect(r.stranded).toBe(false);
  });

  it("included only through a group nested two levels down: yes", async () => {
    const p = await person(1);
    const inner = sim.control.createGroup({ displayName: "Site team", userIds: [p.id] });
    const mid = sim.control.createGroup({ displayName: "Region", groupIds: [inner.id] });
    const outer = sim.control.createGroup({ displayName: "TAP - rollout (nested)", groupIds: [mid.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: outer.id, targetType: "group", isRegistrationRequired: false }],
    });
    expect((await preflight({ user: p.id })).tap).toMatchObject({ possible: true, cause: "ok" });
  });

  it("outside every include group: no, the reason names the groups and says to add the user, and revoking their only key strands them", async () => {
    const p = await person(1);
    const g = sim.control.createGroup({ displayName: "TAP - rollout wave 9" });
    sim.control.setTapPolicy({
      includeTargets: [{ id: g.id, targetType: "group", isRegistrationRequired: false }],
    });
    const r = await preflight({ user: p.upn });
    expect(r.tap.possible).toBe(false);
    expect(r.tap.cause).toBe("not_included");
    expect(r.tap.reason).toContain("TAP - rollout wave 9");
    expect(r.tap.reason).toContain(`Add ${p.name} to one of these groups in Entra, then re-check`);
    expect(r.tap.reason).not.toContain("Converged");
    expect(r.backupKey).toEqual({ present: false, methodIds: [] });
    expect(r.stranded).toBe(true);
    // Fixing the cause in Entra and re-checking clears it: nothing is cached.
    sim.control.addGroupMember(g.id, { userId: p.id });
    expect(await preflight({ user: p.upn })).toMatchObject({ tap: { possible: true }, stranded: false });
  });

  it("excluded through a group even though all users are included: no, the exclusion is named", async () => {
    const p = await person(1);
    const ex = sim.control.createGroup({ displayName: "No TAP - contractors", userIds: [p.id] });
    sim.control.setTapPolicy({ excludeTargets: [{ id: ex.id, targetType: "group" }] });
    const r = await preflight({ user: p.id });
    expect(r.tap).toMatchObject({ possible: false, cause: "excluded" });
    expect(r.tap.reason).toContain("No TAP - contractors");
  });

  it("an external guest: no, whatever the policy", async () => {
    const guest = sim.control.inviteGuest({ displayName: "Robin Vendor", email: "robin@vendor.example" });
    const r = await preflight({ user: guest.id });
    expect(r.tap).toMatchObject({ possible: false, cause: "external_guest" });
    expect(r.credentials).toEqual([]);
    expect(r.stranded).toBe(true);
  });

  it("policy disabled: no, for someone who would otherwise be included", async () => {
    const p = await person(1);
    sim.control.setTapPolicy({ state: "disabled" });
    expect((await preflight({ user: p.id })).tap).toMatchObject({
      possible: false,
      cause: "policy_disabled",
    });
  });

  it("reports the policy's lifetime range, default and one-time rule as Entra holds them", async () => {
    const p = await person(1);
    sim.control.setTapPolicy({
      minimumLifetimeInMinutes: 30,
      maximumLifetimeInMinutes: 240,
      defaultLifetimeInMinutes: 90,
      isUsableOnce: true,
    });
    const r = await preflight({ user: p.id });
    expect(r.tap).toMatchObject({
      possible: true,
      minMinutes: 30,
      maxMinutes: 240,
      defaultMinutes: 90,
      isUsableOnce: true,
    });
    expect(r.tap.reason).toBe("A one-time pass of 30–240 minutes (default 90) can be issued.");
  });

  it("a usable pass already held counts as a way in; a spent one-time pass does not", async () => {
    const p = await person(1);
    const g = sim.control.createGroup({ displayName: "TAP temp", userIds: [p.id] });
    sim.control.setTapPolicy({
      includeTargets: [{ id: g.id, targetType: "group", isRegistrationRequired: false }],
    });
    await fastAdapter(sim).graph.createTemporaryAccessPass(p.id, {
      lifetimeInMinutes: 60,
      isUsableOnce: true,
    });
    sim.control.removeGroupMember(g.id, { userId: p.id });
    sim.control.setTapPolicy({
      includeTargets: allUsers,
      excludeTargets: [
        { id: sim.control.createGroup({ displayName: "blocked", userIds: [p.id] }).id, targetType: "group" },
      ],
    });
    // Excluded now: no new pass, but the one they hold is still usable (policy enabled, not expired).
    expect(await preflight({ user: p.id })).toMatchObject({
      tap: { possible: false, hasUsablePass: true },
      stranded: false,
    });
    sim.control.useTap(p.id);
    expect(await preflight({ user: p.id })).toMatchObject({
      tap: { possible: false, hasUsablePass: false },
      stranded: true,
    });
  });
});

describe("backup key and credential kinds", () => {
  it("a second live credential not being revoked is a backup: not stranded even with no pass possible", async () => {
    const p = await person(2);
    sim.control.setTapPolicy({ state: "disabled" });
    const one = await preflight({ user: p.id, revokeMethodIds: [p.methodIds[0]!] });
    expect(one.backupKey).toEqual({ present: true, methodIds: [p.methodIds[1]] });
    expect(one.stranded).toBe(false);
    const both = await preflight({ user: p.id, revokeMethodIds: p.methodIds });
    expect(both.backupKey.present).toBe(false);
    expect(both.stranded).toBe(true);
    expect(
      (await preflight({ user: p.id, revokeMethodIds: p.methodIds, handedOverInPerson: true })).stranded,
    ).toBe(false);
  });

  it("lists every live credential with its kind, model and KeyFleet serial (null when no key is on record)", async () => {
    const p = await person(1);
    const auth = sim.control.registerCredential(p.id, { aaGuid: ANDROID_AUTHENTICATOR });
    const synced = sim.control.registerCredential(p.id, { aaGuid: ICLOUD });
    const r = await preflight({ user: p.id });
    const byId = new Map(r.credentials.map((c) => [c.methodId, c]));
    expect(byId.get(p.methodIds[0]!)).toMatchObject({
      kind: "hardware",
      keySerial: "PF-" + n + "-0",
      model: "YubiKey 5 Series with NFC",
      isRevoked: true,
    });
    expect(byId.get(auth.credentialId)).toMatchObject({
      kind: "authenticator",
      keySerial: null,
      model: "Microsoft Authenticator for Android",
    });
    expect(byId.get(synced.credentialId)).toMatchObject({ kind: "synced", keySerial: null });
    expect(r.credentials).toHaveLength(3);
  });
});

describe("replacement", () => {
  it("site with stock: reserved from the site", async () => {
    const p = await person(1, "site-lyo");
    expect((await preflight({ user: p.id })).replacement).toEqual({
      possible: true,
      byHand: false,
      site: "LYO",
      reason: "1 key in stock at LYO.",
    });
  });

  it("site without stock: by hand from another site's stock", async () => {
    const p = await person(1, "site-empty");
    expect((await preflight({ user: p.id })).replacement).toMatchObject({
      possible: true,
      byHand: true,
      site: "EMP",
    });
  });

  it("no site (office matches none): by hand, the office named; and nothing anywhere: not possible", async () => {
    const p = await person(1, null);
    const r = await preflight({ user: p.id });
    expect(r.replacement).toMatchObject({ possible: true, byHand: true, site: null });
    expect(r.replacement.reason).toContain('office "Remote" matches no site');
    await db.prisma.securityKey.updateMany({ where: { status: "in_stock" }, data: { status: "retired" } });
    try {
      expect((await preflight({ user: p.id })).replacement).toMatchObject({ possible: false, byHand: false });
    } finally {
      await db.prisma.securityKey.updateMany({
        where: { serial: "STOCK-LYO-1" },
        data: { status: "in_stock" },
      });
    }
  });
});

describe("failures", () => {
  it("an unknown user is NOT_FOUND in plain words", async () => {
    await expect(preflight({ user: "nobody@fabrikam-demo.example" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'No user "nobody@fabrikam-demo.example" in Entra: check the name or id.',
    });
  });
});
