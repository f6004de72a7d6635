import { systemActor, type RequestContext } from "@/server/auth/actor";
import {
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_REPORT_INTERVAL_MINUTES,
  DEFAULT_RUN_BUDGET_MINUTES,
  DEFAULT_SWEEP_DAYS,
} from "./sync.constants";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { MatchingService } from "@/server/modules/matching/matching.service";
import { syncGroups } from "./phase-groups";
import { syncPolicies, syncTaps } from "./phase-policies";
import { readAuditChanges, storeAuditCursor } from "./phase-audits";
import { syncReport } from "./phase-report";
import { storeSweep, sweepShare } from "./phase-sweep";
import { makeQueueRepository, type QueueRepository } from "./queue.repository";
import { markGoneUsers, syncUsers } from "./phase-users";
import { runPostSyncHooks } from "./post-sync";
import { makeRunState, type RunState } from "./run-state";
import { refreshUser } from "./refresh-user";
import { closeSyncRun, openSyncRun, startHeartbeat, type RunStatus } from "./run-bookkeeping";
import {
  settingKeys,
  type PhaseDeps,
  type PhaseRun,
  type PostSyncHook,
  type SyncOutcome,
} from "./sync.types";
import { DAY } from "@/server/lib/time";
import { AppError } from "@/server/errors";
import { cadenceMinutes, nextRunAfter } from "@/server/jobs/cadence";

// One sync run (docs/SYNC.md): users through users/delta (full once, then delta); FIDO2 methods in
// $batch groups only for users something says may have changed — left pending by an earlier run, named
// by the directory audit log, new, in an open case, shown changed by the registration report (read on
// its own slower schedule), or due in the background sweep; TAP state for open cases; the policies;
// wave and privileged groups; then matching, then the post-sync hooks. The phases live in phase-*.ts;
// this file only orders them. Throttled reads are retried until the run's time budget; whoever is
// still unread then waits in the pending queue and the run ends "partial", never "succeeded".

export {
  settingKeys,
  type PostSyncHook,
  type PostSyncRun,
  type SyncOutcome,
  type SyncSummary,
} from "./sync.types";
import { assertGraphConfigured } from "@/server/graph/unconfigured";

/** Mirror rows a run may add, change or remove before the planner's statistics are refreshed (sync.repository.ts). */
const STATISTICS_AFTER_ROWS = 1000;
const movedRows = ({ counters: c }: RunState) =>
  c.usersAdded +
  c.usersChanged +
  c.usersRemoved +
  c.credentialsAdded +
  c.credentialsChanged +
  c.credentialsRemoved;

export interface SyncDeps extends Omit<PhaseDeps, "queue"> {
  queue?: QueueRepository;
  graph: GraphPort;
  matching: MatchingService;
  audit: AuditService;
  /** Run after matching on every successful run and user refresh (see PostSyncHook); wired in server/container.ts. */
  postSyncHooks?: readonly PostSyncHook[];
  /** How long a run may go without a heartbeat before another process may take over. */
  leaseMs?: number;
  /** Users per credential chunk (each chunk = ceil(n/20) $batch requests and one transaction). */
  chunkUsers?: number;
  /** How long a run keeps retrying throttled reads (SYNC_RUN_BUDGET_MINUTES). Default: sync.constants.ts. */
  runBudgetMs?: number;
  /** How often the registration report is read (SYNC_REPORT_INTERVAL_MINUTES). Default: sync.constants.ts. */
  reportIntervalMs?: number;
  /** Everyone's methods are read again within this period (SYNC_SWEEP_DAYS). Default: sync.constants.ts. */
  sweepPeriodMs?: number;
  /** The scheduled sync's cadence (SYNC_INTERVAL_MINUTES), for the sync page. Default: sync.constants.ts. */
  intervalMinutes?: number;
}

export function makeSyncService(syncDeps: SyncDeps) {
  const deps = { ...syncDeps, queue: syncDeps.queue ?? makeQueueRepository() };
  const { uow, directory, repo, matching, audit, clock, queue } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_SECONDS * 1000;
  const runBudgetMs = deps.runBudgetMs ?? DEFAULT_RUN_BUDGET_MINUTES * 60_000;
  const reportIntervalMs = deps.reportIntervalMs ?? DEFAULT_REPORT_INTERVAL_MINUTES * 60_000;
  const sweepPeriodMs = deps.sweepPeriodMs ?? DEFAULT_SWEEP_DAYS * DAY;
  const chunkUsers = deps.chunkUsers ?? 200;
  const hooks = deps.postSyncHooks ?? [];

  // A run (and a one-user refresh) is recorded before Graph is called: without a tenant, refuse first.
  const requireGraph = (): GraphPort => {
    assertGraphConfigured(deps.graph, "usersDelta");
    return deps.graph;
  };

  const runMatching = async (s: RunState) => {
    s.progress.phase = "matching";
    const m = await matching.run();
    s.counters.matched = m.matched;
    s.counters.reviewQueued = m.reviewQueued;
  };

  /** Whether the registration report is due: on a full run, or SYNC_REPORT_INTERVAL_MINUTES after its last complete read. */
  async function reportDue(full: boolean): Promise<boolean> {
    const last = await repo.getSetting<string>(uow.db, settingKeys.reportReadAt);
    return full || !last || clock().getTime() - Date.parse(last) >= reportIntervalMs;
  }

  /** Every phase of a tenant run, in order; throws on the first failure that makes the run fail. */
  async function runPhases(run: PhaseRun, full: boolean, refreshUserIds: string[], deadline: number) {
    const { state: s } = run;
    const started = clock();
    const forced = new Set([...(await repo.openCaseUserIds(uow.db)), ...refreshUserIds]);
    const openCases = [...forced];
    const pending = await queue.pendingUserIds(uow.db);
    const readReport = await reportDue(full || !(await repo.getSetting(uow.db, settingKeys.deltaLink)));
    const sweep = await sweepShare(deps, sweepPeriodMs);
    s.progress.phase = "users";
    const usersDone = syncUsers(deps, run, full);
    const audits = readAuditChanges(deps, run, full || s.kind === "full");
    const side = (async () => {
      await syncPolicies(deps, run);
      await usersDone;
      return syncGroups(deps, run);
    })();
    const first = (async () => [...pending, ...((await audits)?.userIds ?? [])])();
    const report = syncReport(
      deps,
      run,
      usersDone,
      { first, forced, last: sweep.userIds, readReport, deadline },
      chunkUsers,
    );
    const [, reportComplete, privilegedMembers] = await Promise.all([usersDone, report, side]);
    // The cursors move only now that every user they named was read or is in the pending queue.
    const auditResult = await audits;
    if (auditResult) await storeAuditCursor(deps, auditResult.cursor);
    if (reportComplete) await repo.setSetting(uow.db, settingKeys.reportReadAt, started.toISOString());
    await storeSweep(deps, sweep.state);
    await recordPending(s);
    await markGoneUsers(deps, run);
    await directory.recomputePrivileged(uow.db, privilegedMembers, clock());
    if (openCases.length) await syncTaps(deps, run, openCases);
    if (s.kind === "full" || movedRows(s) >= STATISTICS_AFTER_ROWS) await repo.refreshStatistics(uow.db);
    await runMatching(s);
  }

  /** Users this run could not read join the persistent queue; the next run reads them first. */
  async function recordPending(s: RunState) {
    const now = clock();
    const rows = [
      ...[...s.unread].map(([userId, lastError]) => ({ userId, reason: "unread" as const, lastError })),
      ...[...s.failed].map(([userId, lastError]) => ({ userId, reason: "failed" as const, lastError })),
    ];
    for (let i = 0; i < rows.length; i += 1000) await queue.markPending(uow.db, rows.slice(i, i + 1000), now);
  }

  return {
    /** Runs one sync unless another is running (in this process or any other sharing the database). */
    async run(
      options: {
        full?: boolean;
        ctx?: RequestContext | null;
        refreshUserIds?: string[];
        onStarted?: (runId: string) => void;
        budgetMs?: number;
      } = {},
    ): Promise<SyncOutcome> {
      const graph = requireGraph();
      const opened = await openSyncRun(deps, {
        full: options.full ?? false,
        triggeredById: options.ctx?.actor.id ?? null,
        leaseMs,
      });
      if (!opened) return { skipped: true, reason: "A sync is already running." };
      const { owner, started, runId } = opened;
      const ctx = options.ctx ?? { actor: systemActor, requestId: `sync-${runId}` };
      const deadline = started.getTime() + (options.budgetMs ?? runBudgetMs);
      const run: PhaseRun = { graph: graph.withBudget(null, { deadline }), state: makeRunState() };
      options.onStarted?.(runId);
      const stopHeartbeat = startHeartbeat(deps, { owner, runId, leaseMs }, () =>
        run.state.snapshot(run.graph.counters()),
      );
      let status: RunStatus = "succeeded";
      try {
        await runPhases(run, options.full ?? false, options.refreshUserIds ?? [], deadline);
        await runPostSyncHooks(hooks, run, { runId, kind: run.state.kind, graph: run.graph, ctx });
      } catch (e) {
        status = "failed";
        run.state.error(e instanceof Error ? e.message : String(e));
      } finally {
        stopHeartbeat();
      }
      const pending = await queue.countPending(uow.db);
      // Never "succeeded" with users unread: the figures built on the mirror would be wrong and nothing would say so.
      if (status === "succeeded" && (pending.unread + pending.failed > 0 || run.state.incomplete.length))
        status = "partial";
      const summary = await closeSyncRun(
        { ...deps, audit },
        { owner, runId, started, status, state: run.state, counters: run.graph.counters(), ctx, pending },
      );
      return { skipped: false, ...summary };
    },

    /** One user, now: directory entry, report entry, FIDO2 methods, then matching and the post-sync hooks. */
    refreshUser: async (ctx: RequestContext, userId: string) =>
      refreshUser({ ...deps, audit }, { graph: requireGraph(), hooks, runMatching }, ctx, userId),

    /**
     * "Sync now": starts a run in the background and answers with its id as soon as it exists. A full run
     * someone asked for is audited here, whichever procedure asked (sync.start with `full`, sync.full), so
     * no way of starting one skips the trail.
     */
    async start(
      options: { full?: boolean; ctx?: RequestContext | null; onError?: (e: unknown) => void } = {},
    ): Promise<{ runId: string | null; alreadyRunning: boolean }> {
      requireGraph();
      const started = await new Promise<{ runId: string | null; alreadyRunning: boolean }>((resolve) => {
        this.run({ ...options, onStarted: (runId) => resolve({ runId, alreadyRunning: false }) })
          .then(async (outcome) => {
            if (outcome.skipped)
              resolve({ runId: (await repo.runningRun(uow.db))?.id ?? null, alreadyRunning: true });
          })
          .catch((e: unknown) => {
            options.onError?.(e);
            resolve({ runId: null, alreadyRunning: false });
          });
      });
      const { ctx } = options;
      if (options.full && ctx && started.runId && !started.alreadyRunning) {
        const subjectId = started.runId;
        await uow.run((tx) =>
          audit.record(tx, ctx, { action: "sync.full.requested", subjectType: "SyncRun", subjectId }),
        );
      }
      return started;
    },

    /** The users still to read (the first `take`), with the counts, for the sync page. */
    pending: async (take: number) => ({
      ...(await queue.countPending(uow.db)),
      users: await queue.listPending(uow.db, take),
    }),

    /** "Full sync" (admin): a full run now (audited by `start`); refused in words while another run holds the lease. */
    async startFull(ctx: RequestContext, onError?: (e: unknown) => void) {
      const started = await this.start({ full: true, ctx, onError });
      if (started.alreadyRunning)
        throw new AppError(
          "CONFLICT",
          "A sync is already running, so the full sync did not start. Wait until it finishes (its progress shows on this page), then press Full sync again.",
        );
      return started;
    },

    /** When the next scheduled sync runs, the slower reads' periods, and what the last full run took. */
    schedule: async () => {
      const intervalMinutes = deps.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
      const last = await repo.lastFullRun(uow.db);
      return {
        nextSyncAt: nextRunAfter(intervalMinutes, clock()),
        intervalMinutes: cadenceMinutes(intervalMinutes),
        reportIntervalMinutes: Math.round(reportIntervalMs / 60_000),
        sweepDays: Math.round(sweepPeriodMs / DAY),
        lastFull:
          last?.durationMs != null ? { durationMs: last.durationMs, finishedAt: last.finishedAt } : null,
        users: await directory.countLive(uow.db),
      };
    },

    listRuns: async (input: { pageSize: number; cursor?: string }) => {
      const rows = await repo.listRuns(uow.db, input.pageSize + 1, input.cursor);
      return {
        items: rows.slice(0, input.pageSize),
        total: await repo.countRuns(uow.db),
        nextCursor: rows.length > input.pageSize ? rows[input.pageSize - 1]?.id : undefined,
      };
    },
    getRun: (id: string) => repo.getRun(uow.db, id),
    runningRun: () => repo.runningRun(uow.db),
  };
}

export type SyncService = ReturnType<typeof makeSyncService>;
