import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { startSyncedTenant } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { departmentsBySize } from "./testing";
import { DAY } from "@/server/lib/time";

// Waves through the router against the simulated tenant: group waves get their members from Entra at once,
// filter waves from the mirror; every change is audited; a stale edit is refused; a sync keeps filter waves
// and the sign-in mix current.

const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;
let depts: string[] = []; // the mirror's departments, largest first

const dates = (start: number, deadline: number) => ({
  startDate: new Date(Date.now() + start * DAY),
  registrationDeadline: new Date(Date.now() + deadline * DAY),
  enforcementDate: null,
});
const audits = (action: string) =>
  db.prisma.auditEvent.findMany({
    where: { action },
    orderBy: { seq: "asc" },
    select: { subjectId: true, actorId: true, before: true, after: true },
  });
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

beforeAll(async () => {
  ({ sim, db, services } = await startSyncedTenant({ users: 200, seed: 31, reportLagMinutes: 0 })); // departments come in blocks of 64 users;
  api = callerOf({ actor: lead, requestId: "req-waves", services });
  depts = await departmentsBySize(db.prisma);
  if (depts.length < 2) throw new Error("the simulated tenant needs two departments");
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("rollout waves (integration, simulated tenant)", () => {
  it("a department wave holds exactly the live users of those departments, and its creation is audited", async () => {
    const saved = await api.rollout.createWave({
      name: "Finance first",
      source: { kind: "filter", department: [depts[0]!], siteId: [] },
      ...dates(0, 30),
      targetPercent: 90,
      requiresBackupKey: false,
    });
    const expected = await db.prisma.directoryUser.count({
      where: { department: depts[0], deletedAt: null },
    });
    expect(expected).toBeGreaterThan(0);
    expect(saved).toEqual({ id: saved.id, members: expected, membersPending: false });
    const [event] = await audits("rollout.wave.create");
    expect(event).toMatchObject({
      subjectId: saved.id,
      actorId: lead.id,
      after: { name: "Finance first", targetPercent: 90 },
    });
  });

  it("a group wave gets the group's transitive user members from Entra at once", async () => {
    const groups = await api.rollout.searchGroups({ q: "FIDO2 Rollout Wave 3" });
    expect(groups).toHaveLength(1);
    const saved = await api.rollout.createWave({
      name: "Europe",
      source: { kind: "groups", groups: [{ id: groups[0]!.id, name: groups[0]!.name }] },
      ...dates(10, 40),
      targetPercent: 95,
      requiresBackupKey: true,
    });
    const simGroup = sim.tenant.groupsById.get(groups[0]!.id)!;
    const nested = simGroup.memberGroupIds.flatMap((g) => sim.tenant.groupsById.get(g)!.memberUserIdxs);
    const live = new Set(
      nested
        .map((i) => sim.tenant.users[i]!)
        .filter((u) => u.deletedAt === null)
        .map((u) => u.id),
    );
    expect(saved.members).toBe(live.size);
    const wave = (await api.rollout.waves()).find((w) => w.id === saved.id)!;
    expect(wave.source).toEqual({
      kind: "groups",
      groups: [{ id: groups[0]!.id, name: "FIDO2 Rollout Wave 3 - Europe" }],
    });
    expect(wave.phase).toBe("planned");
  });

  it("refuses a duplicate name, dates out of order and a stale edit, writing nothing", async () => {
    const before = await db.prisma.auditEvent.count();
    const base = {
      source: { kind: "filter" as const, department: [depts[1]!], siteId: [] },
      targetPercent: 90,
      requiresBackupKey: false,
    };
    expect(await codeOf(api.rollout.createWave({ name: "finance FIRST", ...base, ...dates(0, 10) }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(api.rollout.createWave({ name: "Backwards", ...base, ...dates(10, 0) }))).toBe(
      "BAD_REQUEST",
    );
    const wave = (await api.rollout.waves()).find((w) => w.name === "Finance first")!;
    await api.rollout.updateWave({
      id: wave.id,
      updatedAt: wave.updatedAt,
      name: wave.name,
      ...base,
      ...dates(0, 20),
    });
    const stale = api.rollout.updateWave({
      id: wave.id,
      updatedAt: wave.updatedAt,
      name: "Lost update",
      ...base,
      ...dates(0, 20),
    });
    expect(await codeOf(stale)).toBe("CONFLICT");
    expect((await api.rollout.waves()).some((w) => w.name === "Lost update")).toBe(false);
    expect(await db.prisma.auditEvent.count()).toBe(before + 1); // only the one good update
    const [update] = await audits("rollout.wave.update");
    expect(update).toMatchObject({
      before: { name: "Finance first", source: { department: [depts[0]] } },
      after: { source: { department: [depts[1]] } },
    });
    const sales = await db.prisma.directoryUser.count({ where: { department: depts[1], deletedAt: null } });
    expect((await api.rollout.waves()).find((w) => w.id === wave.id)!.members).toBe(sales);
  });

  it("a sync moves filter-wave members with the directory and brings in the sign-in mix", async () => {
    const wave = (await api.rollout.waves()).find((w) => w.name === "Finance first")!;
    const mover = await db.prisma.directoryUser.findFirstOrThrow({
      where: { department: { not: depts[1] }, deletedAt: null },
      select: { id: true },
    });
    await db.prisma.directoryUser.update({ where: { id: mover.id }, data: { department: depts[1] } }); // as if Entra said so
    expect(await db.prisma.waveMember.count({ where: { waveId: wave.id, userId: mover.id } })).toBe(0);
    await services.rollout.waves.refreshFilterWaves();
    expect(await db.prisma.waveMember.count({ where: { waveId: wave.id, userId: mover.id } })).toBe(1);

    // The first sync (beforeAll) ran the rollout hook: the simulator's last 30 days of sign-ins are counted.
    const tenantSignIns = sim.tenant.signIns.filter(
      (s) => s.at <= Date.now() - 10 * 60_000 && s.at > Date.now() - 30 * DAY,
    ).length;
    const mix = await api.rollout.signInMix();
    const all = mix.rows.find((r) => r.key === "all")!;
    expect(all.total).toBeGreaterThan(0);
    expect(all.total).toBeLessThanOrEqual(tenantSignIns);
    expect(all.password).toBeGreaterThan(0);
    expect(all.phishingResistant).toBeGreaterThan(0);
  });

  it("after a sync the figures are computed again: a wave's bar counts its members in scope", async () => {
    const before = (await api.rollout.freshness()).figuresAt!;
    const r = await services.sync.run();
    expect(r.skipped).toBe(false);
    expect((await api.rollout.freshness()).figuresAt!.getTime()).toBeGreaterThan(before.getTime());
    const wave = (await api.rollout.waves()).find((w) => w.name === "Finance first")!;
    const figure = (await api.rollout.adoption({ by: "wave" })).rows.find((x) => x.key === wave.id)!;
    const inScope = await db.prisma.directoryUser.count({
      where: {
        deletedAt: null,
        accountEnabled: true,
        userType: "member",
        waves: { some: { waveId: wave.id } },
      },
    });
    expect(figure.scope).toBe(inScope);
  });

  it("deleting a wave removes it and its members, audited with what it was; nothing reaches Entra", async () => {
    const wave = (await api.rollout.waves()).find((w) => w.name === "Europe")!;
    const writes = sim.control.stats().byRoute;
    await api.rollout.deleteWave({ id: wave.id });
    expect((await api.rollout.waves()).some((w) => w.id === wave.id)).toBe(false);
    expect(await db.prisma.waveMember.count({ where: { waveId: wave.id } })).toBe(0);
    const [event] = await audits("rollout.wave.delete");
    expect(event).toMatchObject({ subjectId: wave.id, before: { name: "Europe" } });
    expect(sim.control.stats().byRoute).toEqual(writes);
    expect(await codeOf(api.rollout.deleteWave({ id: wave.id }))).toBe("NOT_FOUND");
  });

  it("without a tenant a group wave is saved with its members pending (the next sync fills them)", async () => {
    const offline = callerOf({
      actor: lead,
      requestId: "req-offline",
      services: buildServices({ prisma: db.prisma }),
    });
    const saved = await offline.rollout.createWave({
      name: "Later",
      source: { kind: "groups", groups: [{ id: "g-unknown", name: "Someone's group" }] },
      ...dates(0, 5),
      targetPercent: 50,
      requiresBackupKey: false,
    });
    expect(saved).toMatchObject({ members: 0, membersPending: true });
    expect(await codeOf(offline.rollout.searchGroups({ q: "" }))).toBe("PRECONDITION_FAILED");
  });
});
