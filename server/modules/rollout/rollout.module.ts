import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { PostSyncHook } from "@/server/modules/sync/sync.types";
import type { ForecastResult } from "@/server/modules/procurement/procurement.schemas";
import { makeFiguresRepository } from "./figures.repository";
import { makeMetricsRepository } from "./metrics.repository";
import { makeRolloutFigures } from "./rollout.figures";
import { makeRolloutDashboard } from "./rollout.dashboard";
import { makeRolloutExports } from "./rollout.exports";
import { makeRolloutRepository } from "./rollout.repository";
import { makeRolloutService } from "./rollout.service";
import { makeSignInIngest } from "./sign-ins";
import { makeSignInRepository } from "./sign-ins.repository";
import { makeWaveMembers } from "./wave-members";
import { makeWaveMembersRepository } from "./wave-overrides.repository";

// The rollout domain wired once (container.ts): waves, the dashboards and their exports, and the work it
// hangs on the end of every sync (filter-wave membership, the sign-in mix).

export interface RolloutModuleDeps {
  uow: UnitOfWork;
  audit: AuditService;
  graph: GraphPort;
  clock: () => Date;
  forecast: (input: { horizonDays: number }) => Promise<ForecastResult>;
  /** Sign-in log pages per sync run (default 10). */
  signInPages?: number;
}

export function makeRolloutModule(d: RolloutModuleDeps) {
  const repo = makeRolloutRepository();
  const signIns = makeSignInIngest({
    uow: d.uow,
    repo: makeSignInRepository(),
    clock: d.clock,
    maxPages: d.signInPages,
  });
  // Figures are recomputed after a wave changes; `figures` is built below, the callback runs later.
  const waves = {
    ...makeRolloutService({
      uow: d.uow,
      repo,
      audit: d.audit,
      graph: d.graph,
      signIns,
      clock: d.clock,
      onWavesChanged: () => figures.refresh(),
    }),
    ...makeWaveMembers({
      uow: d.uow,
      repo: makeWaveMembersRepository(),
      audit: d.audit,
      signIns,
      clock: d.clock,
      onWavesChanged: () => figures.refresh(),
    }),
  };
  const metrics = makeMetricsRepository();
  const figures = makeRolloutFigures({
    uow: d.uow,
    repo: makeFiguresRepository(),
    metrics,
    clock: d.clock,
  });
  const dashboard = makeRolloutDashboard({
    uow: d.uow,
    metrics,
    waves: repo,
    figures,
    forecast: d.forecast,
    clock: d.clock,
  });
  return {
    waves,
    dashboard,
    figures,
    /** For the users list's rollout filters: the user states they read exist once figures were computed. */
    stateParams: async (staleDays: number) => {
      await figures.tenant();
      return figures.stateParams(staleDays);
    },
    signIns,
    exportCsv: makeRolloutExports({ dashboard, waves, clock: d.clock }),
    /** Not for one-user refreshes: they change no filter wave, and the sign-in log is read per run, not per user. */
    postSyncHook: {
      name: "rollout",
      async run(run) {
        if (run.userId) return;
        await waves.refreshFilterWaves();
        await signIns.ingest(run.graph);
        await figures.refresh();
      },
    } satisfies PostSyncHook,
  };
}

export type RolloutModule = ReturnType<typeof makeRolloutModule>;
