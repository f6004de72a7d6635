import type { PrismaClient } from "@/server/db/client";
import { makeUnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import { unconfiguredGraph } from "@/server/graph/unconfigured";
import { makeAssignmentRepository } from "@/server/modules/assignment/assignment.repository";
import { makeAssignmentService } from "@/server/modules/assignment/assignment.service";
import { makeAuditRepository } from "@/server/modules/audit/audit.repository";
import { makeAuditService } from "@/server/modules/audit/audit.service";
import { makeHelpdeskServices } from "@/server/modules/cases/cases.wiring";
import { makeEnrollmentModule } from "@/server/modules/enrollment/enrollment.module";
import { makeDashboardRepository } from "@/server/modules/dashboards/dashboards.repository";
import { makeDashboardService } from "@/server/modules/dashboards/dashboards.service";
import { makeInventoryRepository } from "@/server/modules/inventory/inventory.repository";
import { makeInventoryService } from "@/server/modules/inventory/inventory.service";
import { makeProcurementRepository } from "@/server/modules/procurement/procurement.repository";
import { makeProcurementService } from "@/server/modules/procurement/procurement.service";
import { makeRolloutModule } from "@/server/modules/rollout/rollout.module";
import { makeLeversModule } from "@/server/modules/levers/levers.module";
import { makeMessagesModule } from "@/server/modules/messages/messages.module";
import { makeSettingsRepository } from "@/server/modules/settings/settings.repository";
import { makeSettingsService } from "@/server/modules/settings/settings.service";
import { makeSetupRepository } from "@/server/modules/setup/setup.repository";
import { makeSetupService } from "@/server/modules/setup/setup.service";
import { makeDirectoryUserReads } from "@/server/modules/directory/directory.users.repository";
import { makeDirectoryUserService } from "@/server/modules/directory/directory.users.service";
import { makeDirectoryRepository } from "@/server/modules/directory/directory.repository";
import { makeMatchingRepository } from "@/server/modules/matching/matching.repository";
import { makeMatchingService } from "@/server/modules/matching/matching.service";
import { makeCredentialRepository } from "@/server/modules/sync/credentials.repository";
import { makeSnapshotService } from "@/server/modules/sync/snapshot.service";
import { makeSyncRepository } from "@/server/modules/sync/sync.repository";
import { makeSyncService, type PostSyncHook } from "@/server/modules/sync/sync.service";
import { getEnv } from "@/server/env";
import { makeStaffSessionRepository } from "@/server/auth/staff-sessions.repository";
import { makeSessionService, sessionPolicy } from "@/server/auth/staff-sessions";
import { makeRateLimitRepository } from "@/server/security/rate-limit.repository";
import { makeRateLimits } from "@/server/security/rate-limit";
import { DAY } from "@/server/lib/time";
import pkg from "@/package.json" with { type: "json" };

// The composition root: repositories and services wired once per process (or per test database).
export interface Deps {
  prisma: PrismaClient;
  /** Entra through the Graph port; omitted, the unconfigured port (every call says what to configure). */
  graph?: GraphPort;
  clock?: () => Date;
}

export function buildServices(deps: Deps) {
  const uow = makeUnitOfWork(deps.prisma);
  const clock = deps.clock ?? (() => new Date());
  const graph = deps.graph ?? unconfiguredGraph();
  const audit = makeAuditService({ uow, repo: makeAuditRepository() });
  // Lazy: the rollout module is built below (it needs procurement's forecast).
  const dashboard = makeDashboardService({
    uow,
    repo: makeDashboardRepository(),
    stateParams: (days) => rollout.stateParams(days),
    clock,
  });
  const settings = makeSettingsService({
    uow,
    repo: makeSettingsRepository(),
    env: getEnv,
    version: pkg.version,
    audit,
  });
  const inventory = makeInventoryService({
    uow,
    repo: makeInventoryRepository(),
    audit,
    clock,
    directory: makeDirectoryRepository(),
  });
  const procurement = makeProcurementService({
    uow,
    repo: makeProcurementRepository(),
    audit,
    inventory,
    clock,
  });
  const rollout = makeRolloutModule({
    uow,
    audit,
    graph,
    clock,
    forecast: procurement.forecast,
  });
  const credentials = makeCredentialRepository();
  const matching = makeMatchingService({ uow, repo: makeMatchingRepository(), credentials, audit, clock });
  // Post-sync hooks run after matching on every successful sync and user refresh, in this order
  // (PostSyncHook in server/modules/sync/sync.types.ts). A module adds its hook here.
  // Case steps act for an agent waiting on screen: their Graph requests go ahead of a running sync's (docs/SYNC.md).
  const caseGraph = graph.withBudget(null, { priority: true });
  const { cases, recovery, autoCloseHook, handoverPass } = makeHelpdeskServices({
    uow,
    graph: caseGraph,
    clock,
    audit,
    policy: settings.recoveryPolicy,
    ticketUrlTemplate: async (db) => (await settings.helpdeskSettings(db)).ticketUrlTemplate,
  });
  const postSyncHooks: PostSyncHook[] = [autoCloseHook, rollout.postSyncHook];
  const sync = makeSyncService({
    uow,
    graph,
    directory: makeDirectoryRepository(),
    credentials,
    repo: makeSyncRepository(),
    matching,
    audit,
    clock,
    leaseMs: getEnv().SYNC_LEASE_SECONDS * 1000,
    postSyncHooks,
    runBudgetMs: getEnv().SYNC_RUN_BUDGET_MINUTES * 60_000,
    reportIntervalMs: getEnv().SYNC_REPORT_INTERVAL_MINUTES * 60_000,
    sweepPeriodMs: getEnv().SYNC_SWEEP_DAYS * DAY,
    intervalMinutes: getEnv().SYNC_INTERVAL_MINUTES,
  });
  const snapshots = makeSnapshotService({ uow, clock });
  const messages = makeMessagesModule({ uow, audit, graph, clock });
  const assignment = makeAssignmentService({
    uow,
    repo: makeAssignmentRepository(),
    audit,
    graph,
    clock,
    notify: messages.notify,
  });
  const enrollment = makeEnrollmentModule({
    uow,
    audit,
    graph,
    clock,
    assignIn: assignment.assignIn,
    handoverPass,
  });
  const directoryUsers = makeDirectoryUserService({
    uow,
    reads: makeDirectoryUserReads(),
    audit,
    clock,
    directory: makeDirectoryRepository(),
  });
  const sessions = makeSessionService({
    uow,
    repo: makeStaffSessionRepository(),
    audit,
    clock,
    policy: sessionPolicy(getEnv()),
  });
  const levers = makeLeversModule({ uow, audit, graph, clock });
  // In the database, so every portal process and machine counts into the same buckets.
  const rateLimits = makeRateLimits({ db: uow.db, repo: makeRateLimitRepository(), clock });
  const setup = makeSetupService({
    uow,
    repo: makeSetupRepository(),
    graph,
    sendingMailbox: async () => (await messages.config()).mailbox ?? null,
  });
  return {
    sessions,
    rateLimits,
    uow,
    clock,
    audit,
    dashboard,
    settings,
    inventory,
    procurement,
    matching,
    sync,
    snapshots,
    assignment,
    directoryUsers,
    cases,
    recovery,
    rollout,
    enrollment,
    setup,
    levers,
    messages,
  };
}

export type Services = ReturnType<typeof buildServices>;
