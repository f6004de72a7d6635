import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callProcedure } from "@/server/trpc/testing";
import { makeSyncRepository } from "./sync.repository";
import { db, services, sim, useSyncDatabase } from "./sync.testing";

// Settings → Sync: "Full sync" (admin) through the router on a real database and the simulated tenant:
// refused in words while another run holds the lease, audited when it starts; and the schedule line.

useSyncDatabase();

const repo = makeSyncRepository();
const fullRequested = () => db.prisma.auditEvent.findMany({ where: { action: "sync.full.requested" } });

async function finished(runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "running") return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the full sync did not finish");
}

describe("Full sync (integration, simulated tenant)", () => {
  it("is refused with a plain CONFLICT while another process runs a sync: no run, no audit event", async () => {
    // Another portal instance holds the lease (its run is in flight).
    expect(await repo.takeLease(db.prisma, "other-instance", new Date(), 60_000)).toBe(true);
    const error = await callProcedure(services, "sync.full", "admin", undefined);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toBe(
      "A sync is already running, so the full sync did not start. Wait until it finishes (its progress shows on this page), then press Full sync again.",
    );
    expect(await db.prisma.syncRun.count()).toBe(0);
    expect(await fullRequested()).toHaveLength(0);
    await repo.releaseLease(db.prisma, "other-instance");
  });

  it("starts a full run for the admin, audited as sync.full.requested with the run as its subject", async () => {
    const started = (await callProcedure(services, "sync.full", "admin", undefined)) as {
      runId: string | null;
      alreadyRunning: boolean;
    };
    expect(started.alreadyRunning).toBe(false);
    expect(started.runId).toEqual(expect.any(String));
    const run = await finished(started.runId!);
    expect(run).toMatchObject({ kind: "full", status: "succeeded", triggeredById: "test-admin" });
    const events = await fullRequested();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: "test-admin", subjectType: "SyncRun", subjectId: run.id });
  });

  it("the schedule names the next quarter hour after now and the last full run's duration", async () => {
    const before = Date.now();
    const s = (await callProcedure(services, "sync.schedule", "security", undefined)) as {
      nextSyncAt: Date;
      intervalMinutes: number;
      lastFull: { durationMs: number } | null;
      users: number;
    };
    // The default cadence (SYNC_INTERVAL_MINUTES unset in tests): every 15 minutes on the quarter hours.
    expect(s.intervalMinutes).toBe(15);
    expect(s.nextSyncAt.getUTCMinutes() % 15).toBe(0);
    expect(s.nextSyncAt.getUTCSeconds()).toBe(0);
    expect(s.nextSyncAt.getTime()).toBeGreaterThan(before);
    expect(s.nextSyncAt.getTime()).toBeLessThanOrEqual(before + 15 * 60_000);
    const last = await db.prisma.syncRun.findFirstOrThrow({ where: { kind: "full" } });
    expect(s.lastFull?.durationMs).toBe(last.durationMs);
    expect(s.users).toBe(sim.tenant.users.filter((u) => u.deletedAt === null).length);
  });

  it("sync.start with full: true is audited as sync.full.requested too; a start without it is not", async () => {
    type Started = { runId: string | null; alreadyRunning: boolean };
    const full = (await callProcedure(services, "sync.start", "admin", { full: true })) as Started;
    const fullRun = await finished(full.runId!);
    expect(fullRun.kind).toBe("full");
    const incremental = (await callProcedure(services, "sync.start", "admin", { full: false })) as Started;
    const incrementalRun = await finished(incremental.runId!);
    expect(incrementalRun.kind).not.toBe("full");
    const events = await fullRequested();
    expect(events.filter((e) => e.subjectId === fullRun.id)).toEqual([
      expect.objectContaining({ actorId: "test-admin", subjectType: "SyncRun" }),
    ]);
    expect(events.filter((e) => e.subjectId === incrementalRun.id)).toEqual([]);
  });
});
