import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { startSyncedTenant } from "@/server/modules/sync/testing";
import { DAY } from "@/server/lib/time";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { departmentsBySize } from "./testing";

// Single people into and out of a wave (kept through a sync and a re-save), progress per wave, and the
// preferred model auto-assign hands out (running out is said, never filled with another model).

const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
const admin: Actor = { id: "admin-1", name: "Ada Admin", email: null, roles: ["admin"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;
let depts: string[] = [];

const dates = {
  startDate: new Date(Date.now() - DAY),
  registrationDeadline: new Date(Date.now() + 30 * DAY),
  enforcementDate: null,
};
const memberIds = async (waveId: string) =>
  new Set(
    (await db.prisma.waveMember.findMany({ where: { waveId }, select: { userId: true } })).map(
      (m) => m.userId,
    ),
  );
const someone = (department: string) =>
  db.prisma.directoryUser.findFirstOrThrow({
    where: { department, deletedAt: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });

beforeAll(async () => {
  ({ sim, db, services } = await startSyncedTenant({ users: 200, seed: 31, reportLagMinutes: 0 }));
  api = callerOf({ actor: lead, requestId: "req-wave-members", services });
  depts = await departmentsBySize(db.prisma);
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("wave members by hand, progress and preferred model (simulated tenant)", () => {
  it("adds one outsider and takes out one member; both survive a sync and a re-save; audited", async () => {
    const { id } = await api.rollout.createWave({
      name: "Single members",
      source: { kind: "filter", department: [depts[0]!], siteId: [] },
      ...dates,
      targetPercent: 90,
      requiresBackupKey: false,
    });
    const before = await memberIds(id);
    const outsider = await someone(depts[1]!);
    const insider = await someone(depts[0]!);
    expect(before.has(outsider.id)).toBe(false);
    expect(before.has(insider.id)).toBe(true);

    expect(await api.rollout.addWaveMember({ waveId: id, userId: outsider.id })).toMatchObject({
      changed: true,
    });
    expect(await api.rollout.removeWaveMember({ waveId: id, userId: insider.id })).toMatchObject({
      changed: true,
    });
    const expected = new Set([...before, outsider.id]);
    expected.delete(insider.id);
    expect(await memberIds(id)).toEqual(expected);

    const run = await services.sync.run();
    expect(run.skipped || run.status).toBe("succeeded");
    expect(await memberIds(id)).toEqual(expected);
    const wave = (await api.rollout.waves()).find((w) => w.id === id)!;
    await api.rollout.updateWave({
      ...dates,
      id,
      updatedAt: wave.updatedAt,
      name: wave.name,
      source: { kind: "filter", department: [depts[0]!], siteId: [] },
      targetPercent: 90,
      requiresBackupKey: false,
    });
    expect(await memberIds(id)).toEqual(expected);
    expect((await api.rollout.waves()).find((w) => w.id === id)).toMatchObject({
      members: expected.size,
      addedByHand: 1,
      removedByHand: 1,
    });

    const page = await api.rollout.waveMembers({ waveId: id, q: "", page: 1 });
    expect(page.total).toBe(expected.size);
    expect(page.removed.map((r) => r.userId)).toEqual([insider.id]);
    const events = await db.prisma.auditEvent.findMany({
      where: { subjectId: id, action: { in: ["rollout.wave.member_add", "rollout.wave.member_remove"] } },
      orderBy: { seq: "asc" },
      select: { action: true, actorId: true },
    });
    expect(events).toEqual([
      { action: "rollout.wave.member_add", actorId: "lead-1" },
      { action: "rollout.wave.member_remove", actorId: "lead-1" },
    ]);
    // Putting the person back undoes the exclusion.
    await api.rollout.addWaveMember({ waveId: id, userId: insider.id });
    expect((await memberIds(id)).has(insider.id)).toBe(true);
  });

  it("progress counts the members holding a live FIDO2 credential in the simulated tenant", async () => {
    const { id } = await api.rollout.createWave({
      name: "Progress",
      source: { kind: "filter", department: [depts[1]!], siteId: [] },
      ...dates,
      targetPercent: 80,
      requiresBackupKey: false,
    });
    const members = await memberIds(id);
    const withKey = new Set(
      sim.tenant.credentials.filter((c) => c.removedAt === null).map((c) => sim.tenant.users[c.userIdx]!.id),
    );
    const registered = [...members].filter((u) => withKey.has(u)).length;
    expect(registered).toBeGreaterThan(0);
    expect(registered).toBeLessThan(members.size);
    expect((await api.rollout.waves()).find((w) => w.id === id)).toMatchObject({
      members: members.size,
      registered,
    });
  });

  it("auto-assign hands out the preferred model only and says in words when it runs out", async () => {
    const p = db.prisma;
    await p.site.create({ data: { id: "s-x", code: "XPO", name: "Expo" } });
    await p.keyModel.createMany({
      data: [
        { id: "m-bio", vendor: "Feitian", productName: "BioPass K27", formFactor: "usb_a" },
        { id: "m-yk", vendor: "Yubico", productName: "YubiKey 5 NFC", formFactor: "usb_a_nfc" },
      ],
    });
    const users = await p.directoryUser.findMany({
      where: { deletedAt: null, department: depts[2] ?? depts[0]! },
      orderBy: { id: "asc" },
      take: 3,
      select: { id: true },
    });
    await p.directoryUser.updateMany({
      where: { id: { in: users.map((u) => u.id) } },
      data: { siteId: "s-x" },
    });
    const key = (serial: string, modelId: string, age: number) => ({
      serial,
      vendor: "x",
      modelId,
      siteId: "s-x",
      status: "in_stock" as const,
      statusChangedAt: new Date(Date.now() - age * DAY),
    });
    // The YubiKeys are older, so without a preference they would go first.
    await p.securityKey.createMany({
      data: [key("BIO-1", "m-bio", 1), key("YK-1", "m-yk", 9), key("YK-2", "m-yk", 8)],
    });
    const saved = await api.rollout.createWave({
      name: "Expo",
      source: { kind: "filter", department: [], siteId: ["s-x"] },
      ...dates,
      targetPercent: 90,
      requiresBackupKey: false,
      preferredModelId: "m-bio",
    });
    const desk = callerOf({ actor: admin, requestId: "req-assign", services });
    const plan = await desk.assignment.wavePreview({ waveId: saved.id });
    expect(plan.wave.preferredModel).toBe("Feitian BioPass K27");
    expect(plan.rows).toHaveLength(3);
    expect(plan.rows.filter((r) => r.key).map((r) => r.key!.serial)).toEqual(["BIO-1"]);
    expect(plan.rows.filter((r) => !r.key).map((r) => r.reason)).toEqual([
      "No Feitian BioPass K27 left in stock at XPO",
      "No Feitian BioPass K27 left in stock at XPO",
    ]);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.warnings[0]).toMatch(
      /XPO has run out of the Feitian BioPass K27.*2 people get no key rather than another model/,
    );

    // Without a preferred model the site's stock is used oldest first, whatever the model.
    const wave = (await api.rollout.waves()).find((w) => w.id === saved.id)!;
    expect(wave.preferredModel).toEqual({ id: "m-bio", name: "Feitian BioPass K27" });
    await api.rollout.updateWave({
      ...dates,
      id: wave.id,
      updatedAt: wave.updatedAt,
      name: wave.name,
      source: { kind: "filter", department: [], siteId: ["s-x"] },
      targetPercent: 90,
      requiresBackupKey: false,
      preferredModelId: null,
    });
    const mixed = await desk.assignment.wavePreview({ waveId: saved.id });
    expect(mixed.warnings).toEqual([]);
    expect(mixed.rows.map((r) => r.key?.serial)).toEqual(["YK-1", "YK-2", "BIO-1"]);
  });
});
