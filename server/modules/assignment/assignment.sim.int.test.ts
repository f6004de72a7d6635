import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// The assignment loop and offboarding against the simulated tenant, through the tRPC caller on a real
// database: assign → the user registers the key in Entra → sync → the key is active and linked; and a
// leaver's credential deleted with exactly one DELETE reaching Entra.

const YK5 = "2fc0579f-8113-47ea-b116-bb5a8db9202a";
const agent: Actor = { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;

const liveMembers = () =>
  sim.tenant.users.filter((u) => u.deletedAt === null && u.accountEnabled && u.userType === "Member");
// Graph's createdDateTime has whole seconds: a key registered in the very second it was assigned would look older
// than its assignment. Real users take longer than that; the tests wait the second out.
const nextSecond = () => new Promise((r) => setTimeout(r, 1_100));
const hasLiveCredential = (idx: number) =>
  (sim.tenant.credentialsByUser.get(idx) ?? []).some((c) => c.removedAt === null);

beforeAll(async () => {
  sim = await startTestSimulator({ users: 80, seed: 23, reportLagMinutes: 0 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  api = callerOf({ actor: agent, requestId: "req-sim", services });
  await db.prisma.site.create({
    data: { id: "site-hq", code: "HQ", name: "Austin", officeLocation: "Austin HQ" },
  });
  const byAaguid = await seedModels(db.prisma);
  await db.prisma.securityKey.createMany({
    data: Array.from({ length: 6 }, (_, i) => ({
      id: `stock-${i}`,
      serial: `YK-S${i}`,
      vendor: "Yubico",
      modelId: byAaguid.get(YK5)!,
      siteId: "site-hq",
      status: "in_stock" as const,
    })),
  });
  const first = await services.sync.run();
  if (first.skipped || first.status !== "succeeded") throw new Error("first sync failed");
});

afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("assignment against the simulated tenant (integration)", () => {
  it("assign a primary and a backup (both await registration) → the backup comes back unopened → the user registers the primary in Entra → sync → it is active and linked", async () => {
    const u = liveMembers().find((x) => !hasLiveCredential(x.idx))!;
    const stock = await api.assignment.stock({ userId: u.id, siteId: "site-hq" });
    const [k1, k2] = stock.keys;
    await api.assignment.assign({
      userId: u.id,
      keys: [
        { keyId: k1!.id, version: k1!.version, kind: "primary" },
        { keyId: k2!.id, version: k2!.version, kind: "backup" },
      ],
      handover: { method: "in_person" },
    });

    let page = await api.users.get({ id: u.id });
    expect(page.keys.map((k) => [k.serial, k.kind, k.status, k.match])).toEqual([
      [k1!.serial, "primary", "assigned", "awaiting registration"],
      [k2!.serial, "backup", "assigned", "awaiting registration"],
    ]);

    // Two keys of one model held at once are ambiguous to inference (they go to the review queue); with the backup
    // back, the registered credential can only be the primary.
    await api.assignment.returnKey({ keyId: k2!.id, condition: "unopened" });
    await nextSecond();
    const reg = sim.control.registerCredential(u.id, { aaGuid: YK5, serial: k1!.serial });
    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    const key = await db.prisma.securityKey.findUniqueOrThrow({
      where: { id: k1!.id },
      select: { status: true, credential: { select: { methodId: true, matchMethod: true } } },
    });
    expect(key).toEqual({
      status: "active",
      credential: { methodId: reg.credentialId, matchMethod: "inferred" },
    });

    page = await api.users.get({ id: u.id });
    expect(page.keys).toHaveLength(1);
    expect(page.keys[0]).toMatchObject({ serial: k1!.serial, status: "active", match: "inferred" });
    expect(page.credentials.find((c) => c.methodId === reg.credentialId)).toMatchObject({
      keySerial: k1!.serial,
      aaguid: YK5,
    });
    expect(page.timeline.some((t) => t.title.startsWith("Credential registered in Entra"))).toBe(true);
    expect((await api.assignment.followUps()).items.map((i) => i.keyId)).not.toContain(k1!.id);
  });

  it("search finds the user by name, by UPN and by a key's serial", async () => {
    const holder = await db.prisma.securityKey.findUniqueOrThrow({
      where: { id: "stock-0" },
      select: { custodian: { select: { id: true, displayName: true, userPrincipalName: true } } },
    });
    const c = holder.custodian!;
    expect(
      (await api.users.search({ q: c.displayName.slice(0, 4).toLowerCase() })).users.map((x) => x.id),
    ).toContain(c.id);
    expect((await api.users.search({ q: c.userPrincipalName.slice(0, 5) })).users.map((x) => x.id)).toContain(
      c.id,
    );
    expect((await api.users.search({ q: "yk-s0" })).keys).toEqual([
      expect.objectContaining({ serial: "YK-S0", custodianId: c.id }),
    ]);
  });

  it("offboarding end to end: a disabled leaver's credential is deleted in Entra with exactly one DELETE, the key is collected back to stock, the case closes", async () => {
    const leaver = liveMembers().find((x) => !hasLiveCredential(x.idx))!;
    const stock = await api.assignment.stock({ userId: leaver.id, siteId: "site-hq" });
    const k = stock.keys[0]!;
    await api.assignment.assign({
      userId: leaver.id,
      keys: [{ keyId: k.id, version: k.version, kind: "primary" }],
      handover: { method: "shipped" },
      shipping: { carrierRef: "UPS-1Z" },
    });
    await nextSecond();
    const reg = sim.control.registerCredential(leaver.id, { aaGuid: YK5, serial: k.serial });
    await services.sync.run();
    expect((await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k.id } })).status).toBe("active");

    sim.control.setUserEnabled(leaver.id, false);
    await services.sync.run();
    const queue = await api.assignment.offboarding();
    const row = queue.find((q) => q.userId === leaver.id)!;
    expect(row).toMatchObject({
      state: "disabled",
      keys: [expect.objectContaining({ id: k.id, status: "active" })],
      credentials: [expect.objectContaining({ methodId: reg.credentialId, keySerial: k.serial })],
    });
    expect(row.caseNumbers).toHaveLength(1);

    sim.control.clearDestructiveCalls();
    const cred = row.credentials[0]!;
    // Two agents (or a double click) at once: one DELETE reaches Entra, the other is refused.
    const both = await Promise.allSettled([
      api.assignment.deleteLeaverCredential({ credentialId: cred.id }),
      api.assignment.deleteLeaverCredential({ credentialId: cred.id }),
    ]);
    expect(both.filter((b) => b.status === "fulfilled")).toHaveLength(1);
    expect(both.find((b): b is PromiseRejectedResult => b.status === "rejected")!.reason).toMatchObject({
      code: "CONFLICT",
    });
    await expect(api.assignment.deleteLeaverCredential({ credentialId: cred.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const deletes = sim.control.destructiveCalls().filter((c) => c.method === "DELETE");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({ userId: leaver.id, methodId: reg.credentialId });
    expect(sim.tenant.credentials.find((c) => c.id === reg.credentialId)!.removedAt).not.toBeNull();

    // The next sync agrees; the key is still to collect.
    await services.sync.run();
    expect(sim.control.destructiveCalls().filter((c) => c.method === "DELETE")).toHaveLength(1);
    const after = (await api.assignment.offboarding()).find((q) => q.userId === leaver.id)!;
    expect(after.credentials).toHaveLength(0);
    expect(after.keys).toHaveLength(1);

    const collected = await api.assignment.collectKey({ keyId: k.id, condition: "good", isWiped: true });
    expect(collected.status).toBe("in_stock");
    expect(
      await db.prisma.securityKey.findUniqueOrThrow({
        where: { id: k.id },
        select: { status: true, custodianId: true },
      }),
    ).toEqual({ status: "in_stock", custodianId: null });
    expect((await api.assignment.offboarding()).find((q) => q.userId === leaver.id)).toBeUndefined();
    expect(
      await db.prisma.case.findFirstOrThrow({
        where: { userId: leaver.id, kind: "offboarding" },
        select: { status: true },
      }),
    ).toEqual({ status: "closed" });
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "offboarding.credential.delete", subjectId: cred.id },
      }),
    ).toBe(1);
  });

  it("refuses to delete an enabled user's credential from the offboarding action, and nothing reaches Entra", async () => {
    const live = await db.prisma.entraCredential.findFirstOrThrow({
      where: { removedAt: null, user: { accountEnabled: true, deletedAt: null } },
      select: { id: true },
    });
    sim.control.clearDestructiveCalls();
    await expect(api.assignment.deleteLeaverCredential({ credentialId: live.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(sim.control.destructiveCalls()).toHaveLength(0);
  });

  it("reconciliation lists credentials with no key and leavers with live credentials", async () => {
    const r = await api.assignment.reconciliation({ pages: {}, pageSize: 100 });
    expect(r.credentialsWithoutKey.items.length).toBeGreaterThan(0);
    expect(r.credentialsWithoutKey.items.every((c) => c.credentialId)).toBe(true);
    // Each credential says what it is, as the simulated tenant knows it (the catalogue classifies by AAGUID).
    const simKind = new Map(
      sim.tenant.credentials.map((c) => [c.id, c.kind === "authenticator" ? "authenticator-app" : c.kind]),
    );
    expect(r.credentialsWithoutKey.items.map((c) => c.kind)).toEqual(
      r.credentialsWithoutKey.items.map((c) => simKind.get(c.methodId)),
    );
    expect(r.credentialsWithoutKey.items.some((c) => c.kind === "authenticator-app")).toBe(true);
    const leaversInTenant = sim.tenant.users.filter(
      (u) => (!u.accountEnabled || u.deletedAt !== null) && hasLiveCredential(u.idx),
    ).length;
    expect(r.leaversWithLiveCredentials.total).toBeLessThanOrEqual(leaversInTenant + 1);
  });
});
