import type { z } from "zod";
import type { RequestContext } from "@/server/auth/actor";
import { AppError, isAppError } from "@/server/errors";
import { isStillUsable } from "@/server/modules/recovery/tap-types";
import { makeApprovalFlow } from "./approval-flow";
import {
  assertNotInFlight,
  assertNotSelf,
  assertOpen,
  assertRecoveryCase,
  claimCase,
  loadCase,
  loadView,
  settleStatus,
} from "./case-context";
import { makeCaseQueries } from "./case-queries";
import { makeLeaverCredential } from "./leaver-credential";
import { DEFAULT_STEP_LEASE_MS, type CasesDeps } from "./cases.deps";
import type * as s from "./cases.schemas";
import { makeOpenCase } from "./open-case";
import { makeCaseTriage } from "./case-triage";
import { methodName, requirementsFor, tooWeakMessage } from "./requirements";
import { makeStepRunner } from "./step-runner";
import { makeStrandingGuard } from "./stranding-guard";
import { makeTapActions } from "./tap-actions";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// The helpdesk's case workflow (docs/ARCHITECTURE.md "Path 2", docs/RECOVERY.md), the one module that
// changes a user's credentials in Entra: credential and session steps in step-runner.ts, the case's pass in
// issue-tap.ts, revoking passes in tap-actions.ts, a leaver's credentials in leaver-credential.ts; every
// deletion through entra-delete.ts. Four eyes in approval-flow.ts, reads in case-queries.ts.

export type { CasesDeps };

export function makeCasesService(deps: CasesDeps) {
  const { uow, repo, audit, clock, policy } = deps;
  const leaseMs = deps.stepLeaseMs ?? DEFAULT_STEP_LEASE_MS;
  const tapActions = makeTapActions(deps);

  return {
    ...makeCaseQueries(deps),

    get: (id: string) => loadView(uow.db, deps, id),

    open: makeOpenCase(deps),
    ...makeCaseTriage(deps),

    /** Records typed evidence (method, who, when, reference) that meets the policy; never a document. */
    async verify(ctx: RequestContext, input: z.infer<typeof s.verifyInput>) {
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        assertRecoveryCase(c);
        assertNotSelf(ctx.actor, c.user);
        await claimCase(tx, deps, c, input.version);
        const step = c.steps.find((x) => x.kind === "verify_identity");
        if (!step || step.status === "done")
          throw new AppError("CONFLICT", `Identity for case #${c.number} is already verified.`);
        const req = requirementsFor(await policy(tx), c.user.isPrivileged);
        const m = req.methods.find((x) => x.method === input.method);
        if (!m)
          throw new AppError(
            "BAD_REQUEST",
            `The recovery policy does not allow ${methodName(input.method)}. Verify the user another way, or ask an admin to allow it in Settings → Recovery policy.`,
          );
        if (!m.isSufficient)
          throw new AppError(
            "PRECONDITION_FAILED",
            tooWeakMessage(req, input.method, c.user.displayName, c.user.isPrivileged),
          );
        const now = clock();
        const verifiedAt = input.verifiedAt ?? now;
        if (verifiedAt.getTime() > now.getTime() + 60_000)
          throw new AppError("BAD_REQUEST", "Verification cannot be in the future.");
        const ev = await repo.addEvidence(tx, {
          caseId: c.id,
          method: input.method,
          strength: m.strength,
          verifiedById: ctx.actor.id,
          verifiedAt,
          reference: input.reference,
        });
        await repo.moveStep(tx, step.id, ["pending", "failed"], {
          status: "done",
          completedAt: now,
          actorId: ctx.actor.id,
          attempts: { increment: 1 },
          detail: { evidenceId: ev.id },
        });
        await settleStatus(tx, deps, c);
        await audit.record(tx, ctx, {
          action: "cases.verify",
          subjectType: "Case",
          subjectId: c.id,
          after: {
            evidenceId: ev.id,
            method: input.method,
            strength: m.strength,
            reference: input.reference,
            verifiedAt,
          },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },

    /**
     * An agent closes the case with a reason (e.g. the forgotten key is back, or the user left). Unless the
     * agent chose otherwise, every pass of the user still usable in Entra is revoked first: a closed case
     * must not leave a multi-use pass working for hours. A failure there closes nothing.
     */
    async close(ctx: RequestContext, input: z.infer<typeof s.closeInput>) {
      const first = await loadCase(uow.db, deps, input.caseId);
      assertOpen(first);
      assertNotInFlight(first, clock(), leaseMs);
      // Checked before Entra is touched: an agent on a stale view revokes nothing.
      if (first.version !== input.version) await claimCase(uow.db, deps, first, input.version);
      let revoked: string[] = [];
      let leftUsable: string[] = [];
      if (isGraphConfigured(deps.graph) && input.revokeTaps) {
        try {
          revoked = await tapActions.revokeUsable(
            ctx,
            first.userId,
            first.id,
            `case #${first.number} closed`,
          );
        } catch (e) {
          if (isAppError(e)) throw e;
          throw new AppError(
            "UPSTREAM",
            `Case #${first.number} is still open: KeyFleet could not revoke ${first.user.displayName}'s Temporary Access Pass in Entra. Try again in a minute, or close without revoking and revoke the pass from the user's page.`,
            { graphMessage: (e as Error).message },
            { cause: e },
          );
        }
      } else {
        // Kept on purpose: the audit event names the passes left working (from the stored read).
        leftUsable = (await deps.taps.read(first.userId)).taps
          .filter((t) => isStillUsable(t, clock()))
          .map((t) => t.id);
      }
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        const now = clock();
        assertNotInFlight(c, now, leaseMs);
        await claimCase(tx, deps, c, input.version);
        await repo.closeIfOpen(tx, c.id, {
          closedAt: now,
          closedById: ctx.actor.id,
          outcome: "Closed by an agent",
          closeReason: input.reason,
        });
        await repo.completeCloseStep(tx, c.id, ctx.actor.id, now);
        await audit.record(tx, ctx, {
          action: "cases.close",
          subjectType: "Case",
          subjectId: c.id,
          before: { status: c.status },
          after: { status: "closed", reason: input.reason, tapsRevoked: revoked, tapsLeftUsable: leftUsable },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },

    /** After sync: closes cases whose replacement key now carries a live credential linked to it. */
    async closeRegistered(ctx: RequestContext, userId?: string): Promise<number[]> {
      const closed: number[] = [];
      for (const c of await repo.registeredReplacements(uow.db, userId)) {
        const now = clock();
        const did = await uow.run(async (tx) => {
          if (
            !(await repo.closeIfOpen(tx, c.id, {
              closedAt: now,
              closedById: ctx.actor.id,
              outcome: `Replacement ${c.replacementKey!.serial} registered in Entra`,
            }))
          )
            return false;
          await repo.completeCloseStep(tx, c.id, ctx.actor.id, now);
          await audit.record(tx, ctx, {
            action: "cases.auto_close",
            subjectType: "Case",
            subjectId: c.id,
            before: { status: c.status },
            after: {
              status: "closed",
              replacementKeyId: c.replacementKey!.id,
              credentialId: c.replacementKey!.credential!.id,
              methodId: c.replacementKey!.credential!.methodId,
            },
          });
          return true;
        });
        if (did) closed.push(c.number);
      }
      return closed;
    },

    ...makeStepRunner(deps),
    ...tapActions,
    deleteLeaverCredential: makeLeaverCredential(deps),
    ...preflightActions(deps),
    ...makeApprovalFlow(deps),
  };
}

/** The case page's preflight and the in-person handover path (stranding-guard.ts). */
function preflightActions(deps: CasesDeps) {
  const guard = deps.preflight ? makeStrandingGuard({ ...deps, preflight: deps.preflight }) : null;
  const need = () => {
    if (!guard)
      throw new AppError(
        "PRECONDITION_FAILED",
        "No Entra tenant is connected, so what the user would be left with cannot be checked.",
      );
    return guard;
  };
  return {
    preflight: (caseId: string) => need().preflight(caseId),
    recordHandover: (ctx: RequestContext, input: { caseId: string; version: number; note: string }) =>
      need().recordHandover(ctx, input),
  };
}

export type CasesService = ReturnType<typeof makeCasesService>;
