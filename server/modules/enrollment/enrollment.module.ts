import type { Tx, UnitOfWork } from "@/server/db/uow";
import type { RequestContext } from "@/server/auth/actor";
import type { GraphPort } from "@/server/graph/port";
import type { AssignInput } from "@/server/modules/assignment/assignment.deps";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeEnrollmentQueues } from "./batches";
import { makeEnrollmentRepository } from "./enrollment.repository";
import { makeEnrollmentService } from "./enrollment.service";
import { makeHandoverService } from "./handover";
import type { HandoverPass } from "@/server/modules/cases/handover-pass";

// The enrollment station's services, wired once: the ceremony (start/complete), the handover with a pass
// (issuePass/watch/confirm/endWatch) and the queues around them.

export function makeEnrollmentModule(deps: {
  uow: UnitOfWork;
  audit: AuditService;
  graph: GraphPort;
  clock: () => Date;
  assignIn: (tx: Tx, ctx: RequestContext, input: AssignInput, now: Date) => Promise<unknown[]>;
  handoverPass?: HandoverPass;
}) {
  const repo = makeEnrollmentRepository();
  const queues = makeEnrollmentQueues({ uow: deps.uow, repo, audit: deps.audit });
  return {
    ...makeEnrollmentService({ ...deps, repo }),
    ...makeHandoverService({ ...deps, repo }),
    ...queues,
    sheetCsv: (batchId: string) => queues.sheetCsv(batchId),
    /** How the live key ↔ credential links were made: enrolled ones are known, the others matched. */
    async linkShare() {
      const rows = await repo.linksByMethod(deps.uow.db);
      const count = (m: string) => rows.find((r) => r.matchMethod === m)?._count._all ?? 0;
      return { enrolled: count("enrolled"), confirmed: count("confirmed"), inferred: count("inferred") };
    },
    async sources() {
      const [waves, sites] = await Promise.all([repo.waves(deps.uow.db), repo.sites(deps.uow.db)]);
      return { waves, sites };
    },
  };
}

export type EnrollmentModule = ReturnType<typeof makeEnrollmentModule>;
