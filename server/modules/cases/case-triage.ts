import type { RequestContext } from "@/server/auth/actor";
import type { Db } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { claimCase, loadCase, loadView } from "./case-context";
import type { CasePriority } from "./case-enums.schemas";
import type { CasesDeps } from "./cases.deps";

// Who works a case and how urgent it is (issue 13): set when it is opened, changed by an agent with the
// case's version (a stale view gets a CONFLICT), each change an audit event with before and after.

/** Agents a case can go to: everyone who has worked a case, and the reader (who may not have yet). */
export async function agentsFor(db: Db, deps: Pick<CasesDeps, "repo">, ctx: RequestContext) {
  const list = await deps.repo.agents(db);
  return list.some((a) => a.id === ctx.actor.id)
    ? list
    : [{ id: ctx.actor.id, name: ctx.actor.name }, ...list];
}

export async function assertKnownAgent(
  db: Db,
  deps: Pick<CasesDeps, "repo">,
  ctx: RequestContext,
  assigneeId: string,
) {
  if (!(await agentsFor(db, deps, ctx)).some((a) => a.id === assigneeId))
    throw new AppError(
      "BAD_REQUEST",
      "That agent is not known here: pick someone from the list (agents appear once they have worked a case).",
      { fieldErrors: { assigneeId: ["Pick an agent from the list."] } },
    );
}

export function makeCaseTriage(deps: CasesDeps) {
  const { uow, repo, audit } = deps;
  return {
    agents: (ctx: RequestContext) => agentsFor(uow.db, deps, ctx),

    async setTriage(
      ctx: RequestContext,
      input: { caseId: string; version: number; assigneeId: string | null; priority: CasePriority },
    ) {
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        const before = { assigneeId: c.assigneeId, priority: c.priority };
        const after = { assigneeId: input.assigneeId, priority: input.priority };
        if (before.assigneeId === after.assigneeId && before.priority === after.priority)
          throw new AppError(
            "BAD_REQUEST",
            `Nothing to change: case #${c.number} already has this assignee and priority.`,
          );
        if (input.assigneeId) await assertKnownAgent(tx, deps, ctx, input.assigneeId);
        await claimCase(tx, deps, c, input.version);
        await repo.setTriage(tx, c.id, after);
        await audit.record(tx, ctx, {
          action: "cases.triage",
          subjectType: "Case",
          subjectId: c.id,
          before,
          after,
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },
  };
}
