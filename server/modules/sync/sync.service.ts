import { systemActor, type RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { MatchingService } from "@/server/modules/matching/matching.service";
import { syncGroups } from "./phase-groups";
import { syncPolicies, syncTaps } from "./phase-policies";
import { syncReport } from "./phase-report";
import { markGoneUsers, syncUsers } from "./phase-users";
import { runPostSyncHooks } from "./post-sync";
import { makeRunState, type RunState } from "./run-state";
import { refreshUser } from "./refresh-user";
import { closeSyncRun, openSyncRun, startHeartbeat, type RunStatus } from "./run-bookkeeping";
import type { PhaseDeps, PhaseRun, PostSyncHook, SyncOutcome } from "./sync.types";

// One sync run (design.md "Graph usage rules"): users through users/delta (full once, then delta), the
// registration report for everyone, FIDO2 methods in $batch groups only for users whose report entry
// changed, who are new, in an open case or refreshed by an agent; TAP state for open cases; the policies;
// wave and privileged groups; then matching, then the post-sync hooks. The phases live in phase-*.ts;
// this file only orders them. The report is paced by Graph's 5 requests / 10 s, so everything else runs
// while it pages.

export { settingKeys, type PostSyncHook, type PostSyncRun, type SyncOutcome, type SyncSummary } from "./sync.types";

/** Mirror rows a run may add, change or remove before the planner's statistics are refreshed (sync.repository.ts). */
const STATISTICS_AFTER_ROWS = 1000;
const movedRows = ({ counters: c }: RunState) =>
  c.usersAdded + c.usersChanged + c.usersRemoved + c.credentialsAdded + c.credentialsChanged + c.credentialsRemoved;

export interface SyncDeps extends PhaseDeps {
  graph: GraphPort | null;
  matching: MatchingService;
  audit: AuditService;
  /** Run after matching on every successful run and user refresh (see PostSyncHook); wired in server/container.ts. */
  postSyncHooks?: readonly PostSyncHook[];
  /** How long a run may go without a heartbeat before another process may take over. */
  leaseMs?: number;
  /** Users per credential chunk (each chunk = ceil(n/20) $batch requests and one transaction). */
  chunkUsers?: number;
}

export function makeSyncService(deps: SyncDeps) {
  const { uow, directory, repo, matching, audit, clock } = deps;
  const leaseMs = deps.leaseMs ?? 120_000;
  const chunkUsers = deps.chunkUsers ?? 200;
  const hooks = deps.postSyncHooks ?? [];

  const requireGraph = (): GraphPort => {
    if (!deps.graph) throw new AppError("PRECONDITION_FAILED", "No Entra tenant is configured: set AZURE_TENANT_ID and AZURE_CLIENT_ID (or run in demo mode).");
    return deps.graph;
  };

  const runMatching = async (s: RunState) => {
    s.progress.phase = "matching";
    const m = await matching.run();
    s.counters.matched = m.matched;
    s.counters.reviewQueued = m.reviewQueued;
  };

  /** Every phase of a tenant run, in order; throws on the first failure that makes the run fail. */
  async function runPhases(run: PhaseRun, full: boolean, refreshUserIds: string[]) {
    const { s } = run;
    const forced = new Set([...(await repo.openCaseUserIds(uow.db)), ...refreshUserIds]);
    const openCases = [...forced];
    s.progress.phase = "users";
    const usersDone = syncUsers(deps, run, full);
    const side = (async () => {
      await syncPolicies(deps, run);
      await usersDone;
      return syncGroups(deps, run);
    })();
    const report = syncReport(deps, run, usersDone, forced, chunkUsers);
    const [, , privilegedMembers] = await Promise.all([usersDone, report, side]);
    await markGoneUsers(deps, run);
    await directory.recomputePrivileged(uow.db, privilegedMembers, clock());
    if (openCases.length) await syncTaps(deps, run, openCases);
    if (s.kind === "full" || movedRows(s) >= STATISTICS_AFTER_ROWS) await repo.refreshStatistics(uow.db);
    await runMatching(s);
  }

  return {
    /** Runs one sync unless another is running (in this process or any other sharing the database). */
    async run(options: { full?: boolean; ctx?: RequestContext | null; refreshUserIds?: string[]; onStarted?: (runId: string) => void } = {}): Promise<SyncOutcome> {
      const graph = requireGraph();
      const opened = await openSyncRun(deps, { full: options.full ?? false, triggeredById: options.ctx?.actor.id ?? null, leaseMs });
      if (!opened) return { skipped: true, reason: "A sync is already running." };
      const { owner, started, runId } = opened;
      const ctx = options.ctx ?? { actor: systemActor, requestId: `sync-${runId}` };
      const run: PhaseRun = { g: graph.withBudget(null), s: makeRunState() };
      options.onStarted?.(runId);
      const stopHeartbeat = startHeartbeat(deps, { owner, runId, leaseMs }, () => run.s.snapshot(run.g.counters()));
      let status: RunStatus = "succeeded";
      try {
        await runPhases(run, options.full ?? false, options.refreshUserIds ?? []);
        await runPostSyncHooks(hooks, run, { runId, kind: run.s.kind, graph: run.g, ctx });
      } catch (e) {
        status = "failed";
        run.s.error(e instanceof Error ? e.message : String(e));
      } finally {
        stopHeartbeat();
      }
      const summary = await closeSyncRun({ ...deps, audit }, { owner, runId, started, status, s: run.s, counters: run.g.counters(), ctx });
      return { skipped: false, ...summary };
    },

    /** One user, now: directory entry, report entry, FIDO2 methods, then matching and the post-sync hooks. */
    refreshUser: async (ctx: RequestContext, userId: string) => refreshUser({ ...deps, audit }, { graph: requireGraph(), hooks, runMatching }, ctx, userId),

    /** "Sync now": starts a run in the background and answers with its id as soon as it exists. */
    start(options: { full?: boolean; ctx?: RequestContext | null; onError?: (e: unknown) => void } = {}): Promise<{ runId: string | null; alreadyRunning: boolean }> {
      requireGraph();
      return new Promise((resolve) => {
        this.run({ ...options, onStarted: (runId) => resolve({ runId, alreadyRunning: false }) })
          .then(async (outcome) => {
            if (outcome.skipped) resolve({ runId: (await repo.runningRun(uow.db))?.id ?? null, alreadyRunning: true });
          })
          .catch((e: unknown) => {
            options.onError?.(e);
            resolve({ runId: null, alreadyRunning: false });
          });
      });
    },

    listRuns: async (input: { pageSize: number; cursor?: string }) => {
      const rows = await repo.listRuns(uow.db, input.pageSize + 1, input.cursor);
      return { items: rows.slice(0, input.pageSize), total: await repo.countRuns(uow.db), nextCursor: rows.length > input.pageSize ? rows[input.pageSize - 1]?.id : undefined };
    },
    getRun: (id: string) => repo.getRun(uow.db, id),
    runningRun: () => repo.runningRun(uow.db),
  };
}

export type SyncService = ReturnType<typeof makeSyncService>;
