import { afterAll, describe, expect, it } from "vitest";
import { childDatabase, killAllCli, simulatorEnv, spawnCli, type CliExit } from "@/server/cli/testing";
import { buildServices } from "@/server/container";
import { createTestDatabase } from "@/server/db/testing";
import { createGraphAdapter } from "@/server/graph/adapter";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { graphConfigOf, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "./testing";

// Under strict throttling (the per-user authentication-method reads in a 5-requests-per-window bucket),
// with real waits: a run whose time budget is too short ends "partial" and lists who is still to read;
// nothing is dropped, nothing is marked removed because its read was throttled; the next run reads the
// pending users first and completes. The CLI says so in its exit code and JSON.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await killAllCli();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** 5 authentication-method reads per window; nothing else throttled (keeps the test about that bucket). */
const strict = (windowMs: number) => ({ authMethods: { capacity: 5, windowMs } });
const holders = (sim: RunningSimulator) =>
  sim.tenant.users.filter(
    (u) =>
      u.deletedAt === null &&
      (sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null),
  );
const liveTruth = (sim: RunningSimulator) =>
  sim.tenant.credentials
    .filter((c) => c.removedAt === null && sim.tenant.users[c.userIdx]!.deletedAt === null)
    .map((c) => c.id)
    .sort();

describe("sync under strict throttling (integration, simulated tenant, real Retry-After waits)", () => {
  it(
    "a run out of time ends partial with the pending users listed and their credentials untouched; the next run reads them and completes",
    { timeout: 180_000 },
    async () => {
      const sim = await startTestSimulator({ users: 80, seed: 31, reportLagMinutes: 0, throttling: "off" });
      cleanups.push(() => sim.stop());
      const db = await createTestDatabase();
      cleanups.push(() => db.close());
      await seedModels(db.prisma);
      // Real sleeps: the transport waits out every Retry-After.
      const services = buildServices({ prisma: db.prisma, graph: createGraphAdapter(graphConfigOf(sim)) });
      const first = await services.sync.run();
      if (first.skipped) throw new Error("skipped");
      expect(first.status).toBe("succeeded");

      // 12 holders each lose a credential (the users delete them), 3 others register one: 15 users to read.
      const t = sim.tenant;
      const losers = holders(sim).slice(0, 12);
      const removed = new Map(
        losers.map((u) => [
          u.id,
          (t.credentialsByUser.get(u.idx) ?? []).find((c) => c.removedAt === null)!.id,
        ]),
      );
      for (const id of removed.values()) sim.control.removeCredential(id);
      const adders = t.users
        .filter(
          (u) =>
            u.deletedAt === null && u.accountEnabled && u.userType === "Member" && !holders(sim).includes(u),
        )
        .slice(0, 3);
      for (const u of adders) sim.control.registerCredential(u.id);
      const changed = new Set([...losers, ...adders].map((u) => u.id));

      // Strict, 5 per 10 s, and a budget of five seconds: the bucket's 5 are read at once, then one every
      // 2 s at most, so at least 8 of the 15 are still unread when the budget runs out.
      sim.control.setThrottling(strict(10_000));
      const reads = () => sim.control.stats().byRoute.listFido2Methods ?? 0;
      const partial = await services.sync.run({ budgetMs: 5_000 });
      if (partial.skipped) throw new Error("skipped");
      expect(partial.status).toBe("partial");
      expect(partial.throttled).toBeGreaterThan(0);
      expect(partial.pendingUsers).toBeGreaterThanOrEqual(8);
      expect(partial.pendingUsers).toBeLessThanOrEqual(10);
      expect(partial.failedUsers).toBe(0);
      const pending = await services.sync.pending(50);
      expect(pending.unread).toBe(partial.pendingUsers);
      expect(pending.users).toHaveLength(partial.pendingUsers);
      expect(pending.users.every((p) => changed.has(p.userId) && p.reason === "unread")).toBe(true);
      const run = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: partial.runId } });
      expect(run).toMatchObject({ status: "partial", pendingUsers: partial.pendingUsers, failedUsers: 0 });
      // Read users show Entra's state; pending users keep the mirror's: no credential was marked removed
      // because its read was throttled.
      const pendingIds = new Set(pending.users.map((p) => p.userId));
      for (const [userId, credentialId] of removed) {
        const row = await db.prisma.entraCredential.findFirstOrThrow({
          where: { methodId: credentialId },
          select: { removedAt: true },
        });
        expect(row.removedAt === null).toBe(pendingIds.has(userId));
      }
      expect(partial.detail.credentialsRemoved + partial.detail.credentialsAdded).toBe(
        15 - partial.pendingUsers,
      );

      // The next run (window shortened so the test stays short) reads the pending users and ends
      // succeeded with nothing pending.
      sim.control.setThrottling(strict(1_000));
      const before = reads();
      const next = await services.sync.run();
      if (next.skipped) throw new Error("skipped");
      expect(next).toMatchObject({ status: "succeeded", pendingUsers: 0, failedUsers: 0 });
      expect(reads() - before).toBeGreaterThanOrEqual(partial.pendingUsers);
      expect(await db.prisma.syncPendingUser.count()).toBe(0);
      const mirrored = (
        await db.prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } })
      )
        .map((c) => c.methodId)
        .sort();
      expect(mirrored).toEqual(liveTruth(sim));
    },
  );

  it(
    "the CLI exits 3 with status, pending and errors in its JSON when the run ends partial, and 0 once a run completes",
    { timeout: 240_000 },
    async () => {
      const sim = await startTestSimulator({
        users: 80,
        seed: 32,
        reportLagMinutes: 0,
        throttling: strict(10_000),
      });
      cleanups.push(() => sim.stop());
      const target = await childDatabase();
      cleanups.push(() => target.close());
      await target.use((db) => seedModels(db.prisma));
      const env = { ...target.env, ...simulatorEnv(sim) };
      const json = (e: CliExit) =>
        JSON.parse(e.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
      const expected = holders(sim).length;
      expect(expected).toBeGreaterThan(10);

      const partial = await spawnCli(["sync", "--json", "--budget-minutes", "0.02"], env).exited;
      expect(partial.code).toBe(3);
      const p = json(partial);
      expect(p).toMatchObject({ ok: false, status: "partial", failed: 0, errors: 0 });
      expect(p.pending).toBeGreaterThan(0);
      expect(p.pending).toBeLessThanOrEqual(expected);

      sim.control.setThrottling(strict(1_000));
      const done = await spawnCli(["sync", "--json"], env).exited;
      expect(done.code).toBe(0);
      expect(json(done)).toMatchObject({ ok: true, status: "succeeded", pending: 0, failed: 0, errors: 0 });
      const mirrored = await target.use(async ({ prisma }) =>
        (await prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } }))
          .map((c) => c.methodId)
          .sort(),
      );
      expect(mirrored).toEqual(liveTruth(sim));
    },
  );
});
