import { assertGraphConfigured } from "@/server/graph/unconfigured";
import type { RequestContext } from "@/server/auth/actor";
import { AppError, isAppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import { isLeaseHeld, loadCase } from "./case-context";
import { DEFAULT_STEP_LEASE_MS, type CasesDeps } from "./cases.deps";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { deleteOnce } from "./entra-delete";
import { refusalOf, seeInEntra, type LeaverCredential } from "./leaver-checks";
import { errorText, makeStepLifecycle } from "./step-lifecycle";

// Leavers (disabled or deleted users) from the offboarding queue: deleting one of their credentials is a
// step of their offboarding case (opened by sync; opened here if sync has not yet), claimed like every
// other step with the case's version and the step's lease before Entra is called, so a second agent or a
// double click finds it taken and never sends a second DELETE. Entra is read again first (leaver-checks.ts).

type Cred = LeaverCredential & { id: string; keyId: string | null; removedAt: Date | null };

export function makeLeaverCredential(deps: CasesDeps) {
  const { uow, repo, keys, audit, graph, clock } = deps;
  const leaseMs = deps.stepLeaseMs ?? DEFAULT_STEP_LEASE_MS;
  const life = makeStepLifecycle(deps);
  const taken = (id: string) =>
    new AppError("CONFLICT", "This credential has already been deleted (or another agent is deleting it).", {
      credentialId: id,
    });

  /** The offboarding case's step for this credential; the case (or the step) is added if sync has not. */
  async function stepOf(ctx: RequestContext, cred: Cred): Promise<{ c: CaseRow; step: CaseStepRow }> {
    let ref = await repo.offboardingStepFor(uow.db, cred.userId, cred.id);
    if (!ref) {
      await uow.run(async (tx) => {
        await repo.lockUser(tx, cred.userId); // one case per leaver, however many agents act at once
        if (await repo.offboardingStepFor(tx, cred.userId, cred.id)) return;
        const open = await repo.openOffboardingCase(tx, cred.userId);
        if (open) return void (await repo.addRevokeStep(tx, open.id, cred.id));
        // As sync opens it: every live credential to delete and every key to collect.
        const [live, held] = await Promise.all([
          repo.liveCredentials(tx, cred.userId),
          repo.heldKeys(tx, cred.userId),
        ]);
        const targets = [...new Set([cred.id, ...live.map((x) => x.id)])];
        const c = await repo.create(tx, {
          kind: "offboarding",
          userId: cred.userId,
          openedById: ctx.actor.id,
          ticketRef: null,
          keyIds: held.map((k) => k.id),
          steps: [
            ...targets.map((target) => ({ kind: "revoke_credential" as const, target })),
            ...held.map((k) => ({ kind: "mark_key" as const, target: k.id })),
          ],
        });
        await audit.record(tx, ctx, {
          action: "cases.open",
          subjectType: "Case",
          subjectId: c.id,
          after: { number: c.number, kind: "offboarding", userId: cred.userId, credentials: [cred.methodId] },
        });
      });
      ref = await repo.offboardingStepFor(uow.db, cred.userId, cred.id);
      if (!ref) throw taken(cred.id);
    }
    const c = await loadCase(uow.db, deps, ref.caseId);
    const step = c.steps.find((s) => s.id === ref.id);
    if (!step) throw taken(cred.id);
    return { c, step };
  }

  return async function deleteLeaverCredential(ctx: RequestContext, input: { credentialId: string }) {
    // Without a tenant nothing here can go ahead: say so before anything about the credential.
    assertGraphConfigured(graph, "deleteFido2Method");
    const cred = await keys.credential(uow.db, input.credentialId);
    if (!cred) throw new AppError("NOT_FOUND", "No such credential.");
    if (cred.user.accountEnabled && !cred.user.deletedAt) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `${cred.user.displayName} is still enabled in Entra; open a case to revoke an active user's key.`,
      );
    }
    if (cred.removedAt) throw taken(cred.id);
    const { c, step } = await stepOf(ctx, cred);
    if (step.status === "done" || isLeaseHeld(step, clock(), leaseMs)) throw taken(cred.id);
    // The queue is the local copy of the directory, up to a sync interval old: ask Entra again now.
    const seen = await seeInEntra(graph, cred, clock());
    const refusal = refusalOf(cred, seen);
    if (refusal) {
      await uow.run((tx) =>
        audit.record(tx, ctx, {
          action: "offboarding.credential.skip",
          subjectType: "EntraCredential",
          subjectId: cred.id,
          after: { userId: cred.userId, methodId: cred.methodId, reason: refusal.code, seen },
        }),
      );
      throw new AppError("PRECONDITION_FAILED", refusal.message, {
        credentialId: cred.id,
        reason: refusal.code,
      });
    }
    try {
      await life.start(ctx, c, step, c.version);
    } catch (e) {
      throw isAppError(e) && e.code === "CONFLICT" ? taken(cred.id) : e;
    }
    // Gone from Entra already (the user was deleted, or the method removed): nothing to DELETE. The read
    // just above is this attempt's check, so a resumed step needs no second one.
    let alreadyGone = !seen.userFound || !seen.methodFound;
    if (!alreadyGone) {
      try {
        ({ alreadyGone } = await deleteOnce(graph, "fido2", cred.userId, cred.methodId));
      } catch (e) {
        await life.fail(ctx, c, step, errorText(e));
        // A GraphError already names the missing permission or the throttling; pass it through as is.
        throw isGraphError(e)
          ? e
          : new AppError("UPSTREAM", `Entra did not delete the credential: ${errorText(e)}`, undefined, {
              cause: e,
            });
      }
    }
    let closedCases: number[] = [];
    await life.finish(ctx, c, step, {
      graphRef: cred.methodId,
      action: "cases.revoke_credential",
      detail: {
        alreadyGone,
        note: alreadyGone ? "The credential was already gone from Entra." : "Deleted in Entra.",
      },
      after: { methodId: cred.methodId, alreadyGone },
      apply: async (tx, now) => {
        await repo.markCredentialRemoved(tx, cred.id, now);
        // A recovery case of the same user revoking this credential has nothing left to do either.
        await keys.completeCaseSteps(
          tx,
          cred.userId,
          "revoke_credential",
          cred.id,
          ctx.actor.id,
          now,
          cred.methodId,
        );
        await audit.record(tx, ctx, {
          action: "offboarding.credential.delete",
          subjectType: "EntraCredential",
          subjectId: cred.id,
          before: { removedAt: null, keyId: cred.keyId },
          after: {
            removedAt: now,
            userId: cred.userId,
            methodId: cred.methodId,
            alreadyGone,
            seen,
            caseId: c.id,
          },
        });
        closedCases = await keys.closeFinishedOffboarding(tx, cred.userId, ctx.actor.id, now);
      },
    });
    return { credentialId: cred.id, alreadyGone, closedCases };
  };
}
