import { afterAll, describe, expect, it } from "vitest";
import {
  childDatabase,
  killAllCli,
  simulatorEnv,
  spawnCli,
  whileRunning,
  type ChildDatabase,
  type CliExit,
} from "@/server/cli/testing";
import { startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "./testing";

// A crash, not a fault Graph reports: the real CLI process is SIGKILLed in the middle of its sync (no
// catch, no finally, no last write), then started again. The dead run must not block for long, must be
// marked abandoned, and the next run must finish the mirror with every row exactly once, re-reading
// only what the dead run had not committed. PGlite on disk by default, PostgreSQL with DATABASE_URL.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await killAllCli();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PASSKEY = /^passKey|^fido2/i;
const LEASE_SECONDS = 3;

const resultOf = (e: CliExit) =>
  JSON.parse(e.stdout.trim().split("\n").at(-1) ?? "{}") as {
    ok: boolean;
    status?: string;
    runId?: string;
    error?: string;
  };

/** What the database holds right now, as far as this test cares. */
async function state(target: ChildDatabase) {
  return target.use(async ({ prisma }) => ({
    runs: await prisma.syncRun.findMany({
      orderBy: { startedAt: "asc" },
      select: { id: true, status: true, errors: true, finishedAt: true },
    }),
    users: await prisma.directoryUser.count(),
    credentialIds: (
      await prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } })
    )
      .map((c) => c.methodId)
      .sort(),
    // A passkey holder's report entry is written in the same transaction as their credentials: it marks committed work.
    committedPasskeyUsers: (
      await prisma.directoryUser.findMany({
        where: { reportUpdatedAt: { not: null } },
        select: { methodsRegistered: true },
      })
    ).filter((u) => u.methodsRegistered.some((m) => PASSKEY.test(m))).length,
    syncAuditEvents: await prisma.auditEvent.count({ where: { action: "sync.run" } }),
    lease: (await prisma.setting.findUnique({ where: { key: "sync.lease" }, select: { value: true } }))
      ?.value as { owner: string | null; until: string } | undefined,
  }));
}

describe("sync killed mid-run (integration, real CLI process, simulated tenant)", () => {
  it("SIGKILL during the credentials phase: the restarted sync marks the dead run abandoned, completes the mirror with nothing lost or duplicated, and re-reads only what was not committed", async () => {
    const sim = await startTestSimulator({ users: 1200, seed: 9, reportLagMinutes: 0 });
    cleanups.push(() => sim.stop());
    // Graph a little slow, so the process can be stopped between credential chunks.
    sim.control.setFaults({ latencyMs: 20 });
    const target = await childDatabase();
    cleanups.push(() => target.close());
    await target.use((db) => seedModels(db.prisma));
    const env = { ...target.env, ...simulatorEnv(sim), SYNC_LEASE_SECONDS: String(LEASE_SECONDS) };
    const fido2Reads = () => sim.control.stats().byRoute.listFido2Methods ?? 0;
    const liveUsers = sim.tenant.users.filter((u) => u.deletedAt === null);
    const passkeyUsers = liveUsers.filter((u) =>
      (sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null),
    ).length;
    const truth = sim.tenant.credentials
      .filter((c) => c.removedAt === null && sim.tenant.users[c.userIdx]!.deletedAt === null)
      .map((c) => c.id)
      .sort();
    expect(passkeyUsers).toBeGreaterThan(500); // several chunks of 200

    // 1. Once half the passkey holders' methods are read, every further $batch hangs: the chunks already
    //    read commit, the ones in flight never return. Then the process is killed. (The hung requests end
    //    in a 503 that never reaches a method route, so they do not count as reads.)
    const first = spawnCli(["sync", "--json"], env);
    await whileRunning(first, () => fido2Reads() >= passkeyUsers / 2, "half the FIDO2 reads");
    sim.control.setFaults({
      latencyMs: 0,
      rules: [{ method: "POST", pathIncludes: "$batch", status: 503, delayMs: 30_000, times: 1_000 }],
    });
    await new Promise((r) => setTimeout(r, 2_000)); // the read chunks' transactions land
    const killed = await first.kill();
    expect(killed.signal).toBe("SIGKILL");
    const readsByDeadRun = fido2Reads();
    const afterKill = await state(target);
    expect(afterKill.runs).toHaveLength(1);
    expect(afterKill.runs[0]!.status).toBe("running"); // nobody got to say otherwise
    expect(afterKill.users).toBe(liveUsers.length); // the users round had finished
    expect(afterKill.credentialIds.length).toBeGreaterThan(0); // some chunks committed…
    expect(afterKill.credentialIds.length).toBeLessThan(truth.length); // …not all
    expect(afterKill.committedPasskeyUsers).toBeGreaterThan(0);
    expect(afterKill.committedPasskeyUsers).toBeLessThan(passkeyUsers);
    expect(afterKill.syncAuditEvents).toBe(0);
    expect(afterKill.lease?.owner).toBeTruthy(); // the dead process still holds the lease

    // 2. Restart once the dead run's lease has run out (SYNC_LEASE_SECONDS after its last heartbeat).
    const wait = Date.parse(afterKill.lease!.until) - Date.now() + 250;
    expect(wait).toBeLessThanOrEqual(LEASE_SECONDS * 1000 + 250);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    sim.control.clearFaults();
    const second = await spawnCli(["sync", "--json"], env).exited;
    expect(second.code, second.stderr).toBe(0);
    expect(resultOf(second)).toMatchObject({ ok: true, status: "succeeded" });
    const readsBySecondRun = fido2Reads() - readsByDeadRun;

    const end = await state(target);
    expect(end.runs.map((r) => r.status)).toEqual(["failed", "succeeded"]);
    expect(end.runs[0]!.finishedAt).not.toBeNull();
    expect(JSON.stringify(end.runs[0]!.errors)).toMatch(/abandoned/);
    expect(end.users).toBe(liveUsers.length);
    expect(end.credentialIds).toEqual(truth); // nothing lost…
    expect(new Set(end.credentialIds).size).toBe(end.credentialIds.length); // …nothing twice
    // Committed work was not redone: the second run read exactly the passkey holders the dead one had not committed.
    expect(readsBySecondRun).toBe(passkeyUsers - afterKill.committedPasskeyUsers);
    expect(end.syncAuditEvents).toBe(1); // one finished run, one audit event
    expect(end.lease?.owner).toBeNull();
    expect(sim.control.destructiveCalls()).toEqual([]);
  }, 180_000);
});
