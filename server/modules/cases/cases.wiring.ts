import type { RequestContext } from "@/server/auth/actor";
import type { Db, UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import { makeAssignmentRepository } from "@/server/modules/assignment/assignment.repository";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeRecoveryRepository } from "@/server/modules/recovery/recovery.repository";
import { makeRecoveryService } from "@/server/modules/recovery/recovery.service";
import { makeTapCap } from "@/server/modules/recovery/tap-cap";
import { makeTapState } from "@/server/modules/recovery/tap-state";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { makeApprovalsRepository } from "./approvals.repository";
import { makeCasesRepository } from "./cases.repository";
import type { CasesDeps } from "./cases.deps";
import { makeCasesService } from "./cases.service";
import { makeHandoverPass } from "./handover-pass";
import { makePreflight } from "./preflight";
import { makePreflightRepository } from "./preflight.repository";

// The helpdesk's two services share one set of dependencies; the container calls this once. The case
// workflow (every change in Entra) is built on the recovery module's TAP read model, never the reverse.

export function makeHelpdeskServices(d: {
  uow: UnitOfWork;
  graph: GraphPort;
  clock: () => Date;
  audit: AuditService;
  policy: (db?: Db) => Promise<RecoveryPolicy>;
  ticketUrlTemplate?: (db?: Db) => Promise<string | null>;
  stepLeaseMs?: number;
}) {
  const approvals = makeApprovalsRepository();
  const recovery = makeRecoveryRepository();
  const taps = makeTapState({ uow: d.uow, graph: d.graph, clock: d.clock, recovery });
  // Every preflight reads the user's passes live: that read is stored as their TAP state, not repeated.
  const preflight = makePreflight({
    db: d.uow.db,
    graph: d.graph,
    repo: makePreflightRepository(),
    clock: d.clock,
    onTapsRead: (userId, passes) => taps.remember(userId, passes).then(() => undefined),
  });
  const deps: CasesDeps = {
    ...d,
    repo: makeCasesRepository(),
    approvals,
    keys: makeAssignmentRepository(),
    recovery,
    tapCap: makeTapCap({ recovery, approvals, clock: d.clock, policy: d.policy }),
    preflight,
    taps,
  };
  const cases = makeCasesService(deps);
  const tapReads = makeRecoveryService({
    uow: d.uow,
    graph: d.graph,
    clock: d.clock,
    recovery,
    approvals,
    taps,
  });
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
    tapCap: deps.tapCap,
    taps,
    recovery,
  });
  return { cases, recovery: tapReads, autoCloseHook, handoverPass };
}
