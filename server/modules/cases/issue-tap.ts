import type { RequestContext } from "@/server/auth/actor";
import { AppError, isAppError } from "@/server/errors";
import type { GraphPort } from "@/server/graph/port";
import { formatUtc } from "@/server/lib/date-range";
import {
  assertNotSelf,
  assertOpen,
  assertRecoveryCase,
  isLeaseHeld,
  loadCase,
  loadView,
  otherWorkingKeys,
} from "./case-context";
import { DEFAULT_STEP_LEASE_MS, type CasesDeps } from "./cases.deps";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { detailOf } from "./case-view";
import { deleteOnce } from "./entra-delete";
import { assertNotApprover } from "./four-eyes";
import { inHelpdeskWords, isTapScopeRefusal, recordedText } from "./graph-refusal";
import { earlierSettled } from "./step-plan";
import { makeStepLifecycle } from "./step-lifecycle";
import { checkTapRequest, suggestedTap } from "./tap-rules";

// Issuing a Temporary Access Pass for a case. The pass exists in memory between Graph's response and
// this function's return value, nowhere else: not in the database, the audit trail, the step, a log or
// an error. An attempt whose outcome is unknown (timeout, crash) is never repeated blindly: the user's
// passes in Entra are compared with those seen before the attempt, and a new one means the agent must
// decide (revoke it and issue another), because its value can never be shown.

export interface IssueTapInput {
  caseId: string;
  version: number;
  lifetimeInMinutes?: number;
  isUsableOnce: boolean;
  startAt?: Date;
  replaceExisting: boolean;
}

/** Run as a bare step, the pass would be created and never shown: the TAP form runs this step. */
export const tapNeedsItsForm = (step: CaseStepRow) =>
  new AppError(
    "BAD_REQUEST",
    "Issue the Temporary Access Pass from the TAP form (it needs a lifetime and is shown once).",
    { stepId: step.id, kind: step.kind },
  );

export function makeIssueTap(deps: CasesDeps) {
  const { uow, graph, clock, audit, recovery, tapCap } = deps;
  const leaseMs = deps.stepLeaseMs ?? DEFAULT_STEP_LEASE_MS;
  const life = makeStepLifecycle(deps);

  async function checkCase(
    ctx: RequestContext,
    c: CaseRow,
    step: CaseStepRow,
    input: IssueTapInput,
    now: Date,
  ) {
    assertOpen(c);
    assertRecoveryCase(c);
    assertNotSelf(ctx.actor, c.user);
    assertNotApprover(c, ctx.actor.id);
    if (step.status === "done" && !input.replaceExisting) {
      throw new AppError(
        "CONFLICT",
        `A TAP was already issued for case #${c.number}. To give the user a new one, revoke it and issue another.`,
        { stepId: step.id, needsDecision: true },
      );
    }
    if (isLeaseHeld(step, now, leaseMs))
      throw new AppError(
        "CONFLICT",
        "A TAP is being issued for this case right now; wait for it to finish.",
        { stepId: step.id },
      );
    if (!earlierSettled(c.steps, step))
      throw new AppError(
        "PRECONDITION_FAILED",
        "Finish the earlier steps first (verification, approval, revocation).",
        { stepId: step.id },
      );
    const others = await otherWorkingKeys(
      uow.db,
      deps,
      c.userId,
      c.keys.map((k) => k.key.id),
    );
    if (others.length)
      throw new AppError(
        "PRECONDITION_FAILED",
        `${c.user.displayName} still has a working key (${others.map((o) => o.serial).join(", ")}): no TAP is needed.`,
      );
  }

  /** A refusal at the cap is recorded (its own transaction: the refused one rolled back) for the alerts. */
  async function recordCapReached(ctx: RequestContext, c: CaseRow, e: unknown) {
    const d = isAppError(e) ? e.details : undefined;
    if (d?.needsApproval !== "tap_over_cap") return;
    await uow.run((tx) =>
      audit.record(tx, ctx, {
        action: "tap.cap_reached",
        subjectType: "Case",
        subjectId: c.id,
        after: {
          agentId: ctx.actor.id,
          caseNumber: c.number,
          userId: c.userId,
          userDisplayName: c.user.displayName,
          cap: d.cap,
          issued: d.issued,
        },
      }),
    );
  }

  /** A pass created by an earlier attempt whose outcome we never learned: stop, and ask the agent. */
  async function refuseUnknownOutcome(ctx: RequestContext, c: CaseRow, step: CaseStepRow, orphans: string[]) {
    const detail = {
      ...detailOf(step),
      needsDecision: true,
      orphanTapIds: orphans,
      note: "An earlier attempt created a pass in Entra that was never shown: revoke it and issue a new one.",
    };
    await uow.run(async (tx) => {
      await deps.repo.moveStep(tx, step.id, ["running", "failed"], {
        status: "failed",
        lastError: detail.note,
        detail,
      });
      await deps.repo.touch(tx, c.id);
      await audit.record(tx, ctx, {
        action: "tap.issue.unknown_outcome",
        subjectType: "Case",
        subjectId: c.id,
        after: { stepId: step.id, orphanTapIds: orphans },
      });
    });
    throw new AppError("CONFLICT", detail.note, { stepId: step.id, needsDecision: true });
  }

  async function revokeAll(ctx: RequestContext, g: GraphPort, c: CaseRow, ids: string[]) {
    for (const id of ids) {
      const { alreadyGone } = await deleteOnce(g, "tap", c.userId, id);
      await uow.run(async (tx) => {
        await recovery.markRevoked(tx, c.userId, id, ctx.actor.id, clock());
        await audit.record(tx, ctx, {
          action: "tap.revoke",
          subjectType: "DirectoryUser",
          subjectId: c.userId,
          after: { graphMethodId: id, caseId: c.id, reason: "replaced by a new pass", alreadyGone },
        });
      });
    }
  }

  return async function issueTap(ctx: RequestContext, input: IssueTapInput) {
    const c = await loadCase(uow.db, deps, input.caseId);
    const step = c.steps.find((s) => s.kind === "issue_tap");
    if (!step) throw new AppError("BAD_REQUEST", `Case #${c.number} issues no TAP.`);
    const now = clock();
    await checkCase(ctx, c, step, input, now);
    const tenant = await graph.getTapPolicy();
    const req = {
      lifetimeInMinutes:
        input.lifetimeInMinutes ?? suggestedTap(tenant, await deps.policy(), c.kind).lifetimeInMinutes,
      isUsableOnce: input.isUsableOnce,
      startAt: input.startAt,
    };
    checkTapRequest(tenant, req, now);

    const existing = (await graph.listTemporaryAccessPasses(c.userId)).map((t) => t.id);
    const seen = detailOf(step).tapsBefore;
    if (!input.replaceExisting && step.attempts > 0 && Array.isArray(seen)) {
      const orphans = existing.filter((id) => !seen.includes(id));
      if (orphans.length) await refuseUnknownOutcome(ctx, c, step, orphans);
    }
    // Claimed (and persisted as running) before anything changes in Entra: a stale request never revokes a pass.
    const tapsBefore = input.replaceExisting ? [] : existing;
    let isOverCap = false;
    try {
      await life.start(
        ctx,
        c,
        step,
        input.version,
        { tapsBefore, lifetimeInMinutes: req.lifetimeInMinutes, isUsableOnce: req.isUsableOnce },
        step.status === "done",
        async (tx) => {
          isOverCap = await tapCap.claimSlot(tx, ctx.actor.id, c.id, step.id);
        },
      );
    } catch (e) {
      await recordCapReached(ctx, c, e);
      throw e;
    }
    let created: Awaited<ReturnType<GraphPort["createTemporaryAccessPass"]>>;
    try {
      if (input.replaceExisting) await revokeAll(ctx, graph, c, existing);
      created = await graph.createTemporaryAccessPass(c.userId, {
        lifetimeInMinutes: req.lifetimeInMinutes,
        isUsableOnce: req.isUsableOnce,
        ...(req.startAt ? { startDateTime: req.startAt.toISOString() } : {}),
      });
    } catch (e) {
      // Entra's scope refusal names no group: the preflight's sentence does (and says what to do).
      const scope =
        isTapScopeRefusal(e) && deps.preflight
          ? await deps.preflight({ user: c.userId, revokeMethodIds: [] }).then(
              (p) => p.tap.reason,
              () => undefined,
            )
          : undefined;
      const words = inHelpdeskWords(e, "issue_tap", c.user.displayName, scope);
      await life.fail(ctx, c, step, recordedText(words, e));
      throw words;
    }
    const startAt = created.startDateTime ? new Date(created.startDateTime) : (req.startAt ?? now);
    const lifetimeInMinutes = created.lifetimeInMinutes ?? req.lifetimeInMinutes;
    const isUsableOnce = created.isUsableOnce ?? req.isUsableOnce;
    const expiresAt = new Date(startAt.getTime() + lifetimeInMinutes * 60_000);
    let issuanceId = "";
    await life.finish(ctx, c, step, {
      graphRef: created.id,
      action: "tap.issue",
      detail: {
        tapsBefore: [],
        note: `Issued; usable from ${formatUtc(startAt)} until ${formatUtc(expiresAt)}${isUsableOnce ? ", once" : ""}.`,
      },
      after: {
        graphMethodId: created.id,
        userId: c.userId,
        lifetimeInMinutes,
        isUsableOnce,
        startAt,
        expiresAt,
        isPrivileged: c.user.isPrivileged,
        isOverCap,
      },
      apply: async (tx) => {
        await tapCap.lock(tx, ctx.actor.id);
        const evidence = c.verifications.at(-1)?.id ?? null;
        const reason = `Case #${c.number} (${c.kind})${c.ticketRef ? `, ticket ${c.ticketRef}` : ""}`;
        issuanceId = (
          await recovery.createIssuance(tx, {
            userId: c.userId,
            issuedById: ctx.actor.id,
            caseId: c.id,
            reason,
            verificationId: evidence,
            startAt,
            lifetimeMinutes: lifetimeInMinutes,
            isUsableOnce,
            graphMethodId: created.id,
            expiresAt,
            createdAt: clock(),
          })
        ).id;
      },
    });
    return {
      temporaryAccessPass: created.temporaryAccessPass,
      startAt,
      expiresAt,
      lifetimeInMinutes,
      isUsableOnce,
      issuanceId,
      case: await loadView(uow.db, deps, c.id),
    };
  };
}
