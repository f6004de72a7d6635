import { randomUUID } from "node:crypto";
import type { RequestContext } from "@/server/auth/actor";
import type { GraphCounters } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { RunState } from "./run-state";
import type { PhaseDeps, SyncSummary } from "./sync.types";

// The SyncRun row's life: the lease that keeps one run at a time across processes, the heartbeat that
// keeps the lease and the live progress fresh, and the final record with its audit event.

export type RunStatus = "succeeded" | "partial" | "failed";

/** Takes the lease and opens the run row; null when another run holds the lease. */
export async function openSyncRun(
  d: PhaseDeps,
  input: { full: boolean; triggeredById: string | null; leaseMs: number },
) {
  const { uow, repo, clock } = d;
  const owner = randomUUID();
  const started = clock();
  if (!(await repo.takeLease(uow.db, owner, started, input.leaseMs))) return null;
  await repo.failAbandonedRuns(uow.db, new Date(started.getTime() + 1), started);
  const { id: runId } = await repo.createRun(uow.db, {
    kind: input.full ? "full" : "incremental",
    triggeredById: input.triggeredById,
    startedAt: started,
  });
  return { owner, started, runId };
}

/** Every second: renew the lease and publish progress. Returns the function that stops it. */
export function startHeartbeat(
  d: PhaseDeps,
  run: { owner: string; runId: string; leaseMs: number },
  snapshot: () => Record<string, unknown>,
): () => void {
  const beat = setInterval(() => {
    void d.repo.takeLease(d.uow.db, run.owner, d.clock(), run.leaseMs).catch(() => undefined);
    void d.repo.updateProgress(d.uow.db, run.runId, snapshot()).catch(() => undefined);
  }, 1_000);
  return () => clearInterval(beat);
}

/** The run row's closing fields, the same for a tenant run and a one-user refresh. */
export function runRecord(
  s: RunState,
  status: RunStatus,
  started: Date,
  finished: Date,
  counters: GraphCounters,
  errors: unknown[] = s.errors,
) {
  return {
    status,
    finishedAt: finished,
    durationMs: finished.getTime() - started.getTime(),
    errors,
    progress: s.snapshot(counters),
    graphRequests: counters.requests,
    throttled: counters.throttled,
    ...s.counters,
  };
}

/** Records the end of a tenant run (row, kind as it turned out, audit event), releases the lease, returns the summary. */
export async function closeSyncRun(
  d: PhaseDeps & { audit: AuditService },
  run: {
    owner: string;
    runId: string;
    started: Date;
    status: RunStatus;
    state: RunState;
    counters: GraphCounters;
    ctx: RequestContext;
    pending: { unread: number; failed: number };
  },
): Promise<SyncSummary> {
  const { uow, repo, directory, credentials, audit, clock } = d;
  const { runId, state: s, status, counters } = run;
  const finished = clock();
  s.progress.phase = status === "succeeded" ? "done" : status;
  const summary: SyncSummary = {
    runId,
    kind: s.kind,
    status,
    pendingUsers: run.pending.unread,
    failedUsers: run.pending.failed,
    users: await directory.countLive(uow.db),
    credentials: await credentials.countLive(uow.db),
    added: s.counters.usersAdded + s.counters.credentialsAdded,
    changed: s.counters.usersChanged + s.counters.credentialsChanged,
    removed: s.counters.usersRemoved + s.counters.credentialsRemoved,
    matched: s.counters.matched,
    reviewQueued: s.counters.reviewQueued,
    requests: counters.requests,
    throttled: counters.throttled,
    durationMs: finished.getTime() - run.started.getTime(),
    detail: { ...s.counters },
    errors: s.errors.slice(0, 50),
  };
  await uow.run(async (tx) => {
    // The kind is known only now: an incremental run whose delta token was refused became a full one.
    await repo.finishRun(tx, runId, {
      ...runRecord(s, status, run.started, finished, counters, summary.errors),
      kind: s.kind,
      pendingUsers: summary.pendingUsers,
      failedUsers: summary.failedUsers,
    });
    await audit.record(tx, run.ctx, {
      action: "sync.run",
      subjectType: "SyncRun",
      subjectId: runId,
      after: { ...summary, detail: undefined, errors: summary.errors.length },
    });
  });
  await repo.releaseLease(uow.db, run.owner);
  return summary;
}
