import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { makeLeversRepository, makeRestrictionRepository } from "./levers.repository";
import { makeRestrictionService } from "./restrictions.service";
import { makeFailureRepository } from "./failures.repository";
import { makeFailureService } from "./failures.service";
import { makeReadinessService } from "./readiness.service";
import { makeRestrictionChangeRepository } from "./restriction-changes.repository";
import { makeRestrictionChangeService } from "./restriction-changes.service";

// The security lead's levers wired once (container.ts).

export interface LeversModuleDeps {
  uow: UnitOfWork;
  audit: AuditService;
  graph: GraphPort;
  clock: () => Date;
}

export function makeLeversModule(d: LeversModuleDeps) {
  const repo = makeLeversRepository();
  const restrictions = makeRestrictionService({
    uow: d.uow,
    repo: makeRestrictionRepository(),
    graph: d.graph,
  });
  return {
    readiness: makeReadinessService({ uow: d.uow, repo, graph: d.graph, clock: d.clock }),
    failures: makeFailureService({ uow: d.uow, repo: makeFailureRepository(), clock: d.clock }),
    restrictions,
    changes: makeRestrictionChangeService({
      uow: d.uow,
      repo: makeRestrictionChangeRepository(),
      audit: d.audit,
      restrictions,
      clock: d.clock,
    }),
  };
}

export type LeversModule = ReturnType<typeof makeLeversModule>;
