import { afterAll, beforeAll } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { GraphPort } from "@/server/graph/port";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { seedModels } from "./testing";

// Set-up for sync.int.test.ts: the simulated tenant (throttling off, 150 users) and a real database
// (PGlite, or PostgreSQL when DATABASE_URL is set) with one site and the key models. The test file calls
// useSyncDatabase() once at its top. Its tests run in order on one tenant, so they stay in one file.

export let sim: RunningSimulator;
export let db: TestDatabase;
export let services: Services;
export let graph: GraphPort;

export const liveTruthCredentialIds = (s: RunningSimulator) =>
  s.tenant.credentials
    .filter((c) => c.removedAt === null && s.tenant.users[c.userIdx]!.deletedAt === null)
    .map((c) => c.id)
    .sort();
export const mirroredCredentialIds = async () =>
  (await db.prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } }))
    .map((c) => c.methodId)
    .sort();
export const fido2Requests = () => sim.control.stats().byRoute.listFido2Methods ?? 0;

/** Registers the simulator, the database and the services for the calling test file. */
export function useSyncDatabase() {
  beforeAll(async () => {
    sim = await startTestSimulator({ users: 150, seed: 11, reportLagMinutes: 0 });
    db = await createTestDatabase();
    graph = fastAdapter(sim).graph;
    services = buildServices({ prisma: db.prisma, graph });
    await db.prisma.site.create({
      data: { id: "site-hq", code: "HQ", name: "Austin", officeLocation: "Austin HQ" },
    });
    await seedModels(db.prisma);
  });

  afterAll(async () => {
    await db?.close();
    await sim?.stop();
  });
}
