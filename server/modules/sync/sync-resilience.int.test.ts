import { afterAll, afterEach, describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import { resolvePostgresTarget } from "@/server/db/adapters";
import { openPostgres } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { getEnv } from "@/server/env";
import type { GraphPort, UsersDeltaPage } from "@/server/graph/port";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createScheduler } from "@/server/jobs/scheduler";
import { seedModels } from "./testing";

// Interruptions and concurrency: a run that dies midway is completed by the next with nothing lost or
// duplicated; two workers on one database run one sync, not two.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const liveTruth = (sim: RunningSimulator) =>
  sim.tenant.credentials
    .filter((c) => c.removedAt === null)
    .map((c) => c.id)
    .sort();

async function setup(
  users: number,
  seed: number,
): Promise<{ sim: RunningSimulator; db: TestDatabase; graph: GraphPort }> {
  const sim = await startTestSimulator({ users, seed, reportLagMinutes: 0 });
  cleanups.push(() => sim.stop());
  const db = await createTestDatabase();
  cleanups.push(() => db.close());
  await seedModels(db.prisma);
  return { sim, db, graph: fastAdapter(sim, { maxRetries: 1 }).graph };
}

/** The port, with a hook after each users/delta page (to break the simulator midway through a round). */
function withDeltaHook(graph: GraphPort, afterPage: (n: number) => void): GraphPort {
  const wrap = (g: GraphPort): GraphPort =>
    Object.assign(Object.create(g) as GraphPort, {
      withBudget: (n: number | null) => wrap(g.withBudget(n)),
      async *usersDelta(q: Parameters<GraphPort["usersDelta"]>[0]): AsyncIterable<UsersDeltaPage> {
        let n = 0;
        for await (const page of g.usersDelta(q)) {
          yield page;
          afterPage(++n);
        }
      },
    });
  return wrap(graph);
}

describe("sync resilience (integration, simulated tenant)", () => {
  it("a sync interrupted midway by Graph faults is completed by the next run with nothing lost or duplicated", async () => {
    const { sim, db, graph } = await setup(450, 21);
    // Run 1: users/delta starts failing after its first page (503 on every retry): the run fails midway.
    const broken = withDeltaHook(graph, (n) => {
      if (n === 1)
        sim.control.setFaults({ rules: [{ pathIncludes: "/users/delta", status: 503, times: 50 }] });
    });
    const first = await buildServices({ prisma: db.prisma, graph: broken }).sync.run();
    if (first.skipped) throw new Error("skipped");
    expect(first.status).toBe("failed");
    const partialUsers = await db.prisma.directoryUser.count();
    expect(partialUsers).toBeGreaterThan(0);
    expect(partialUsers).toBeLessThan(450);
    expect(await db.prisma.setting.count({ where: { key: "sync.usersDeltaLink" } })).toBe(0);

    // Run 2: the users round completes, but every FIDO2 $batch fails: those users are left for later.
    sim.control.setFaults({
      rules: [{ method: "POST", pathIncludes: "$batch", status: 503, times: 10_000 }],
    });
    const services = buildServices({ prisma: db.prisma, graph });
    const second = await services.sync.run();
    if (second.skipped) throw new Error("skipped");
    expect(second.errors.length).toBeGreaterThan(0);
    expect(await db.prisma.entraCredential.count()).toBe(0);

    // Run 3: no faults. Everything arrives exactly once.
    sim.control.clearFaults();
    const third = await services.sync.run();
    if (third.skipped) throw new Error("skipped");
    expect(third.status).toBe("succeeded");
    expect(third.errors).toEqual([]);
    expect(await db.prisma.directoryUser.count()).toBe(450);
    const rows = (await db.prisma.entraCredential.findMany({ select: { methodId: true } }))
      .map((c) => c.methodId)
      .sort();
    expect(rows).toEqual(liveTruth(sim));
    expect(new Set(rows).size).toBe(rows.length);
    expect(await db.prisma.syncRun.count({ where: { status: "running" } })).toBe(0);
    // And a fourth run finds nothing left to do.
    const fourth = await services.sync.run();
    if (fourth.skipped) throw new Error("skipped");
    expect(fourth).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it("two calls at once in one process: one runs, the other is told a sync is already running", async () => {
    const { db, graph } = await setup(60, 3);
    const services = buildServices({ prisma: db.prisma, graph });
    const [a, b] = await Promise.all([services.sync.run(), services.sync.run()]);
    expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
    expect(await db.prisma.syncRun.count()).toBe(1);
  });

  const url = getEnv().DATABASE_URL;
  it.skipIf(!url)(
    "two workers on one PostgreSQL (pg-boss schedulers and separate connection pools) run one sync, not two — PostgreSQL only, skipped without DATABASE_URL",
    async () => {
      const { db, graph } = await setup(60, 4);
      const second = await openPostgres(
        { ...resolvePostgresTarget(url!), schema: db.name },
        { migrate: false },
      );
      cleanups.push(() => second.close());
      cleanups.push(
        async () =>
          void (await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${db.name}_pgboss" CASCADE`)),
      );
      const workers = [
        buildServices({ prisma: db.prisma, graph }),
        buildServices({ prisma: second.prisma, graph }),
      ];
      // Two instances run the service at the same moment: one sync.
      const direct = await Promise.all(workers.map((w) => w.sync.run()));
      expect(direct.map((o) => o.skipped).sort()).toEqual([false, true]);
      expect(await db.prisma.syncRun.count()).toBe(1);

      // Both instances' schedulers queue a sync at once: pg-boss holds one job, one worker runs it.
      const ran: string[] = [];
      const schedulers = workers.map((services, i) =>
        createScheduler({
          jobs: {
            sync: async () => ran.push(`${i}:${(await services.sync.run()).skipped}`),
            snapshot: async () => undefined,
            reminders: async () => undefined,
          },
          intervalMinutes: 60,
          postgres: { connectionString: resolvePostgresTarget(url!).connectionString, schema: db.name },
        }),
      );
      // Started at once, as `npm start`'s workers start on a new schema (two pg-boss set-ups racing on the
      // same DDL deadlocked in PostgreSQL until the set-up took a lock).
      for (const s of schedulers) cleanups.push(() => s.stop());
      await Promise.all(schedulers.map((s) => s.start()));
      await Promise.all(schedulers.map((s) => s.triggerSync()));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && ran.length === 0) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 4_000)); // long enough for a second job, were there one
      expect(ran).toHaveLength(1);
      expect(ran[0]).toMatch(/:false$/);
      expect(await db.prisma.syncRun.count()).toBe(2);
    },
  );
});
