import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/lib/logger";
import { assertOpen, claimCase, isLeaseHeld, settleStatus, type CasesDeps } from "./case-context";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { detailOf } from "./case-view";
import { earlierSettled, sortSteps } from "./step-plan";
import { formatUtc } from "@/server/lib/date-range";

// A step that talks to Entra is recorded in three moves, each its own transaction:
//   start  — the step is persisted as running BEFORE the Graph call (attempts + 1), the case version claimed;
//   finish — the outcome and its effects here (credential removed, TAP issuance) are recorded;
//   fail   — the error is recorded and the step can be resumed.
// A crash between start and finish leaves the step running: once its lease lapses it is resumable, and
// the resumer first asks Entra what happened (see step-runner.ts and issue-tap.ts).

const human = (k: string) => k.replace(/_/g, " ");

export function assertRunnable(c: CaseRow, step: CaseStepRow, now: Date, leaseMs: number) {
  assertOpen(c);
  if (step.status === "done")
    throw new AppError("CONFLICT", `This step (${human(step.kind)}) is already done.`, { stepId: step.id });
  if (step.status === "skipped" && detailOf(step).noStock !== true)
    throw new AppError(
      "CONFLICT",
      `This step (${human(step.kind)}) was skipped: ${detailOf(step).note ?? "not needed"}.`,
      { stepId: step.id },
    );
  if (isLeaseHeld(step, now, leaseMs)) {
    throw new AppError(
      "CONFLICT",
      `This step (${human(step.kind)}) is already in progress since ${formatUtc(step.startedAt)}; wait for it to finish.`,
      {
        stepId: step.id,
        resumableAt: new Date(step.startedAt!.getTime() + leaseMs),
      },
    );
  }
  if (!earlierSettled(c.steps, step)) {
    const first = sortSteps(c.steps).find((s) => s.status !== "done" && s.status !== "skipped");
    throw new AppError(
      "PRECONDITION_FAILED",
      `Finish "${human(first?.kind ?? "the earlier steps")}" first.`,
      { stepId: step.id, blockedBy: first?.id ?? null },
    );
  }
}

/** A failure message safe to keep on the step: Graph's own message, never a raw object. */
export const errorText = (e: unknown) =>
  (isAppError(e) || e instanceof Error ? e.message : String(e)).slice(0, 500);

type Json = Record<string, unknown>;

export function makeStepLifecycle(deps: CasesDeps) {
  const { uow, repo, audit, clock } = deps;
  return {
    /**
     * `isReissue`: the agent explicitly asked to do a done step again (revoke and reissue a TAP).
     * `guard`: a check that must hold in the same transaction that marks the step running (the TAP cap).
     */
    async start(
      ctx: RequestContext,
      c: CaseRow,
      step: CaseStepRow,
      version: number,
      detail?: Json,
      isReissue = false,
      guard?: (tx: Tx) => Promise<void>,
    ): Promise<Date> {
      const now = clock();
      await uow.run(async (tx) => {
        await claimCase(tx, deps, c, version);
        await guard?.(tx);
        const ok = await repo.moveStep(
          tx,
          step.id,
          isReissue ? ["done"] : ["pending", "failed", "running", "skipped"],
          {
            status: "running",
            startedAt: now,
            completedAt: null,
            attempts: { increment: 1 },
            actorId: ctx.actor.id,
            lastError: null,
            ...(detail !== undefined ? { detail } : {}),
          },
        );
        if (!ok)
          throw new AppError("CONFLICT", "This step was changed by someone else. Reload and try again.", {
            stepId: step.id,
          });
        await audit.record(tx, ctx, {
          action: "cases.step.start",
          subjectType: "Case",
          subjectId: c.id,
          after: { stepId: step.id, kind: step.kind, target: step.target, attempt: step.attempts + 1 },
        });
      });
      return now;
    },

    async finish(
      ctx: RequestContext,
      c: CaseRow,
      step: CaseStepRow,
      out: {
        graphRef?: string | null;
        detail?: Json;
        action: string;
        after?: Record<string, unknown>;
        apply?: (tx: Tx, now: Date) => Promise<void>;
      },
    ) {
      const now = clock();
      await uow.run(async (tx) => {
        await repo.moveStep(tx, step.id, ["running"], {
          status: "done",
          completedAt: now,
          graphRef: out.graphRef ?? null,
          lastError: null,
          ...(out.detail !== undefined ? { detail: out.detail } : {}),
        });
        await out.apply?.(tx, now);
        await repo.touch(tx, c.id);
        await settleStatus(tx, deps, c);
        await audit.record(tx, ctx, {
          action: out.action,
          subjectType: "Case",
          subjectId: c.id,
          after: { stepId: step.id, kind: step.kind, target: step.target, ...out.after },
        });
      });
      logger.info("case step done", {
        requestId: ctx.requestId,
        caseId: c.id,
        number: c.number,
        step: step.kind,
        graphRef: out.graphRef ?? null,
      });
    },

    async fail(ctx: RequestContext, c: CaseRow, step: CaseStepRow, error: unknown, detail?: Json) {
      const message = errorText(error);
      await uow.run(async (tx) => {
        await repo.moveStep(tx, step.id, ["running"], {
          status: "failed",
          lastError: message,
          ...(detail !== undefined ? { detail } : {}),
        });
        await repo.touch(tx, c.id);
        await audit.record(tx, ctx, {
          action: "cases.step.fail",
          subjectType: "Case",
          subjectId: c.id,
          after: { stepId: step.id, kind: step.kind, target: step.target, error: message },
        });
      });
      logger.warn("case step failed; resumable", {
        requestId: ctx.requestId,
        caseId: c.id,
        number: c.number,
        step: step.kind,
        error: message,
      });
    },
  };
}

export type StepLifecycle = ReturnType<typeof makeStepLifecycle>;
