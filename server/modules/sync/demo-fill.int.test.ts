import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDemo } from "@/prisma/seed/demo-sync";
import { buildServices } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { scoreMatching } from "./testing";

// Demo mode fills the database by syncing from the simulated tenant, not by seeding users directly.

let sim: RunningSimulator;
let db: TestDatabase;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 200, seed: 5 });
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("demo fill (integration, simulated tenant)", () => {
  it("seeds KeyFleet's records, syncs users and credentials from the tenant, links them to the handed-out keys and keeps 90 days of snapshots", async () => {
    const { graph } = fastAdapter(sim);
    const services = buildServices({ prisma: db.prisma, graph });
    const r = await fillDemo(db.prisma, { services, graph, control: sim.control });
    expect(r.users).toBe(sim.tenant.users.filter((u) => u.deletedAt === null).length);
    expect(r.credentials).toBe(sim.tenant.credentials.filter((c) => c.removedAt === null).length);
    expect(r.matched).toBeGreaterThan(0);
    const score = await scoreMatching(db.prisma, sim);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(await db.prisma.syncRun.count({ where: { kind: "full", status: "succeeded" } })).toBe(1);
    expect(await db.prisma.waveMember.count()).toBeGreaterThan(0);
    expect(await db.prisma.directoryUser.count({ where: { isPrivileged: true } })).toBe(
      sim.tenant.users.filter((u) => u.isPrivileged && u.deletedAt === null).length,
    );
    const days = await db.prisma.dailySnapshot.findMany({
      where: { dimension: "tenant" },
      select: { date: true, registered: true },
    });
    expect(days).toHaveLength(91);
    expect(await db.prisma.dailySnapshot.count({ where: { dimension: "wave" } })).toBe(91 * 4);
  });
});
