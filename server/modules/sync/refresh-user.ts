import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { syncCredentials } from "./phase-credentials";
import { runPostSyncHooks } from "./post-sync";
import { makeRunState, type RunState } from "./run-state";
import { runRecord, type RunStatus } from "./run-bookkeeping";
import { toMirrorUser, toReportFields, userSelect } from "./sync.mappers";
import type { PhaseDeps, PostSyncHook } from "./sync.types";

/**
 * "Refresh from Entra": one user, now — directory entry, report entry, FIDO2 methods, then matching and
 * the post-sync hooks — recorded as a run of kind "user" and audited. A small Graph budget: one person
 * never costs more than a handful of requests. The priority lane: its requests go ahead of a running
 * sync's queued ones and wait out throttling for up to a minute, within the same limits (docs/SYNC.md).
 */
/** How long a refresh waits out throttling before it tells the agent to try again. */
const REFRESH_WAIT_MS = 60_000;

export async function refreshUser(
  d: PhaseDeps & { audit: AuditService },
  run: { graph: GraphPort; hooks: readonly PostSyncHook[]; runMatching: (s: RunState) => Promise<void> },
  ctx: RequestContext,
  userId: string,
) {
  const { uow, directory, repo, audit, clock } = d;
  const g = run.graph.withBudget(50, { priority: true, deadline: Date.now() + REFRESH_WAIT_MS });
  const started = clock();
  const { id: runId } = await repo.createRun(uow.db, {
    kind: "user",
    triggeredById: ctx.actor.id,
    startedAt: started,
  });
  const s = makeRunState();
  let status: RunStatus = "succeeded";
  try {
    let user;
    try {
      user = await g.getUser(userId, { select: userSelect });
    } catch (e) {
      if (!isGraphError(e) || e.kind !== "not_found") throw e;
    }
    const now = clock();
    const mirror = user ? toMirrorUser(user) : null;
    await uow.run(async (tx) => {
      if (mirror) {
        const [u] = await directory.upsertUsers(tx, [mirror], now);
        if (u?.becameDisabled) await repo.openOffboarding(tx, [u.id], now);
        if (u?.inserted) s.counters.usersAdded++;
        else if (u) s.counters.usersChanged++;
      } else {
        const deleted = await directory.markDeleted(tx, [userId], now);
        await repo.openOffboarding(tx, deleted, now);
        s.counters.usersRemoved += deleted.length;
      }
    });
    if (mirror) {
      const report = await g.getRegistrationDetails(userId).then(toReportFields, () => null);
      await syncCredentials(d, { graph: g, state: s }, [userId], new Map(report ? [[userId, report]] : []));
      if (s.unread.has(userId))
        throw new Error(
          "Entra kept throttling reads of this user's security keys for a minute; nothing was changed. Try again in a few minutes.",
        );
      if (s.failed.has(userId))
        throw new Error(`Reading this user's security keys from Entra failed: ${s.failed.get(userId)}`);
      await run.runMatching(s);
    }
    await runPostSyncHooks(run.hooks, { graph: g, state: s }, { runId, kind: "user", graph: g, ctx, userId });
  } catch (e) {
    status = "failed";
    s.error(e instanceof Error ? e.message : String(e), userId);
  }
  const counters = g.counters();
  const finished = clock();
  await uow.run(async (tx) => {
    await repo.finishRun(tx, runId, runRecord(s, status, started, finished, counters));
    await audit.record(tx, ctx, {
      action: "users.refresh",
      subjectType: "DirectoryUser",
      subjectId: userId,
      after: { runId, status, ...s.counters },
    });
  });
  if (status === "failed")
    throw new AppError(
      "UPSTREAM",
      `Refreshing the user from Entra failed: ${s.errors[0]?.message ?? "unknown error"}`,
    );
  return { runId, ...s.counters, user: await directory.findUser(uow.db, userId) };
}
