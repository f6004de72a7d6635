import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import {
  assertNotSelf,
  assertRecoveryCase,
  claimCase,
  loadCase,
  loadView,
  settleStatus,
  type CasesDeps,
} from "./case-context";
import type { approvalActions } from "./cases.schemas";
import { assertMayDecide, assertNotRejected, entraChangingSteps, mayDecide } from "./four-eyes";

// Four eyes: a second agent approves what one agent asked for. Never anyone who took part in the case
// (four-eyes.ts), never the user the case is about. A privileged user's approval unlocks revocation and
// TAP; an over-cap approval one more TAP, for the agent over the cap (its requester) only.

type ApprovalAction = (typeof approvalActions)[number];

export function makeApprovalFlow(deps: CasesDeps) {
  const { uow, repo, approvals, audit, clock } = deps;
  return {
    async requestApproval(
      ctx: RequestContext,
      input: { caseId: string; version: number; action: ApprovalAction; reason?: string },
    ) {
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        assertRecoveryCase(c);
        assertNotSelf(ctx.actor, c.user);
        const verified = c.steps.some((s) => s.kind === "verify_identity" && s.status === "done");
        if (!verified)
          throw new AppError(
            "PRECONDITION_FAILED",
            "Verify the user's identity first: the approver decides on that evidence.",
          );
        if (input.action === "privileged_recovery") {
          const step = c.steps.find((s) => s.kind === "approve");
          if (!step)
            throw new AppError(
              "BAD_REQUEST",
              `${c.user.displayName} is not a privileged user; no approval is needed.`,
            );
          if (step.status === "done") throw new AppError("CONFLICT", "This case is already approved.");
        } else if (input.action === "proceed_stranded") {
          if (!input.reason || input.reason.trim().length < 10)
            throw new AppError(
              "BAD_REQUEST",
              "Say why the user may be left with no way to sign in (at least 10 characters): the approver decides on it.",
            );
        } else {
          const tap = c.steps.find((s) => s.kind === "issue_tap");
          if (!tap || tap.status === "skipped") throw new AppError("BAD_REQUEST", "This case issues no TAP.");
        }
        if (await approvals.pendingFor(tx, c.id, input.action))
          throw new AppError("CONFLICT", "An approval for this is already waiting in the queue.");
        assertNotRejected(c, input.action, ctx.actor.id);
        // An over-cap request names the agent over the cap: its requester. Asking on someone else's behalf
        // would let that agent approve their own extra pass by proxy.
        if (input.action === "tap_over_cap" && !(await deps.tapCap.isOverCap(tx, ctx.actor.id))) {
          throw new AppError(
            "PRECONDITION_FAILED",
            "You are within your hourly TAP cap, so no approval is needed: issue the pass yourself. Only the agent over the cap asks for this approval.",
          );
        }
        await claimCase(tx, deps, c, input.version);
        const a = await approvals.create(tx, {
          caseId: c.id,
          action: input.action,
          requestedById: ctx.actor.id,
          reason: input.reason || null,
          requestedAt: clock(),
        });
        await settleStatus(tx, deps, c);
        await audit.record(tx, ctx, {
          action: "cases.approval.request",
          subjectType: "Case",
          subjectId: c.id,
          after: { approvalId: a.id, action: input.action, reason: input.reason ?? null },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },

    /** How many pending requests this actor may decide (the navigation's badge): one count query. */
    waitingForMe: async (ctx: RequestContext) => ({
      count: await approvals.decidableCount(uow.db, ctx.actor, entraChangingSteps),
    }),

    async approvals(ctx: RequestContext, input: { status: "pending" | "approved" | "rejected" }) {
      const rows = await approvals.queue(uow.db, input.status, 200);
      return rows
        .filter((a) => a.case)
        .map((a) => {
          const c = a.case!;
          let canDecide = a.status === "pending" && mayDecide(c, a, ctx.actor.id);
          try {
            assertNotSelf(ctx.actor, c.user);
          } catch {
            canDecide = false;
          }
          return {
            id: a.id,
            action: a.action as ApprovalAction,
            status: a.status,
            reason: a.reason,
            decisionNote: a.decisionNote,
            requestedById: a.requestedById,
            requestedAt: a.requestedAt,
            approverId: a.approverId,
            decidedAt: a.decidedAt,
            case: { id: c.id, number: c.number, kind: c.kind, status: c.status },
            user: {
              id: c.user.id,
              displayName: c.user.displayName,
              userPrincipalName: c.user.userPrincipalName,
              isPrivileged: c.user.isPrivileged,
            },
            evidence: c.verifications,
            canDecide,
          };
        });
    },

    decideApproval: (
      ctx: RequestContext,
      input: { approvalId: string; decision: "approve" | "reject"; reason?: string },
    ) =>
      uow.run(async (tx) => {
        const a = await approvals.byId(tx, input.approvalId);
        if (!a?.case) throw new AppError("NOT_FOUND", "No such approval request.");
        if (a.status !== "pending") throw new AppError("CONFLICT", `This request was already ${a.status}.`);
        const c = await loadCase(tx, deps, a.case.id);
        assertMayDecide(c, a, ctx.actor.id);
        assertNotSelf(ctx.actor, c.user);
        const status = input.decision === "approve" ? "approved" : "rejected";
        const now = clock();
        if (
          !(await approvals.decide(tx, a.id, {
            status,
            approverId: ctx.actor.id,
            decisionNote: input.reason || null,
            decidedAt: now,
          }))
        ) {
          throw new AppError("CONFLICT", "Another agent decided this request first.");
        }
        const step = c.steps.find((s) => s.kind === "approve");
        if (a.action === "privileged_recovery" && step) {
          await repo.moveStep(
            tx,
            step.id,
            ["pending", "failed"],
            status === "approved"
              ? {
                  status: "done",
                  completedAt: now,
                  actorId: ctx.actor.id,
                  attempts: { increment: 1 },
                  lastError: null,
                  detail: { approvalId: a.id, note: `Approved by ${ctx.actor.name}.` },
                }
              : {
                  status: "failed",
                  actorId: ctx.actor.id,
                  attempts: { increment: 1 },
                  lastError: `Rejected by ${ctx.actor.name}${input.reason ? `: ${input.reason}` : "."}`,
                },
          );
        }
        await repo.touch(tx, c.id);
        await settleStatus(tx, deps, c);
        await audit.record(tx, ctx, {
          action: `cases.approval.${input.decision}`,
          subjectType: "Case",
          subjectId: c.id,
          after: {
            approvalId: a.id,
            action: a.action,
            requestedById: a.requestedById,
            reason: input.reason ?? null,
          },
        });
        return { approvalId: a.id, status, caseId: c.id } as const;
      }),
  };
}
