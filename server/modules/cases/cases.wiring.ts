import type { RequestContext } from "@/server/auth/actor";
import type { Db, UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import { makeAssignmentRepository } from "@/server/modules/assignment/assignment.repository";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeHandoverPass } from "@/server/modules/recovery/handover-pass";
import { makeRecoveryRepository } from "@/server/modules/recovery/recovery.repository";
import { makeRecoveryService } from "@/server/modules/recovery/recovery.service";
import { makeTapCap } from "@/server/modules/recovery/tap-cap";
import { makeTapState } from "@/server/modules/recovery/tap-state";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { makeApprovalsRepository } from "./approvals.repository";
import type { CasesDeps } from "./case-context";
import { makeCasesRepository } from "./cases.repository";
import { makeCasesService } from "./cases.service";
import { makePreflight } from "./preflight";
import { makePreflightRepository } from "./preflight.repository";

// The helpdesk's two services (cases, recovery) share one set of dependencies; the container calls this once.

export function makeHelpdeskServices(d: {
  uow: UnitOfWork;
  graph: GraphPort | null;
  clock: () => Date;
  audit: AuditService;
  policy: (db?: Db) => Promise<RecoveryPolicy>;
  stepLeaseMs?: number;
}) {
  const approvals = makeApprovalsRepository();
  const recoveryRepo = makeRecoveryRepository();
  const tapCap = makeTapCap({ recovery: recoveryRepo, approvals, clock: d.clock, policy: d.policy });
  const preflight = makePreflight({
    db: d.uow.db,
    graph: d.graph,
    repo: makePreflightRepository(),
    clock: d.clock,
  });
  const taps = makeTapState({
    uow: d.uow,
    graph: d.graph,
    clock: d.clock,
    audit: d.audit,
    recovery: recoveryRepo,
  });
  const deps: CasesDeps = {
    ...d,
    repo: makeCasesRepository(),
    approvals,
    keys: makeAssignmentRepository(),
    tapCap,
    preflight,
    taps,
  };
  const cases = makeCasesService(deps);
  const recovery = makeRecoveryService({ ...deps, recovery: recoveryRepo });
  /** Post-sync hook: a case closes itself once sync has linked a new credential to its replacement key. */
  const autoCloseHook = {
    name: "cases.auto-close",
    run: async (run: { jobCtx: RequestContext; userId?: string }) => {
      await cases.closeRegistered(run.jobCtx, run.userId);
    },
  };
  /** The onboarding pass of a key handed over at the enrollment desk: the same rules, no case. */
  const handoverPass = makeHandoverPass({
    db: d.uow.db,
    graph: d.graph,
    clock: d.clock,
    policy: d.policy,
    preflight,
    tapCap,
    taps,
    recovery: recoveryRepo,
  });
  return { cases, recovery, autoCloseHook, handoverPass };
}
