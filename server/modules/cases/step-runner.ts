import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { assertNotSelf, assertRecoveryCase, loadCase, loadView } from "./case-context";
import { DEFAULT_STEP_LEASE_MS, type CasesDeps } from "./cases.deps";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { deleteOnce } from "./entra-delete";
import { tapNeedsItsForm } from "./issue-tap";
import { assertNotApprover, entraChangingSteps } from "./four-eyes";
import { inHelpdeskWords, recordedText } from "./graph-refusal";
import { makeKeySteps } from "./key-steps";
import { assertRunnable, makeStepLifecycle } from "./step-lifecycle";
import { makeStrandingGuard } from "./stranding-guard";
import { assertGraphConfigured } from "@/server/graph/unconfigured";

// Runs (or resumes) one step of a case. Entra is asked before anything is done twice: a resumed
// credential deletion first GETs the credential, and one already gone is recorded as done with no
// second DELETE (entra-delete.ts). The TAP step is issue-tap.ts: it runs here too when the caller can show
// the pass (`tap`), and is refused in words when it cannot (a pass no one sees would be lost).

const RECENT_USE_MS = 60 * 60_000;

/** Steps recorded by their own action, each needing what a bare "run" does not carry. */
function ownAction(kind: CaseStepRow["kind"]): string | null {
  switch (kind) {
    case "verify_identity":
      return "Record the verification evidence for this step.";
    case "approve":
      return "This step is done by a second agent's approval (request it from the case).";
    case "close":
      return "Close the case with a reason, or let sync close it when the replacement is registered.";
    default:
      return null;
  }
}

export function makeStepRunner(deps: CasesDeps) {
  const { uow, graph, clock } = deps;
  const leaseMs = deps.stepLeaseMs ?? DEFAULT_STEP_LEASE_MS;
  const life = makeStepLifecycle(deps);
  const keySteps = makeKeySteps(deps);
  const guard = deps.preflight ? makeStrandingGuard({ ...deps, preflight: deps.preflight }) : null;

  async function graphStep(
    ctx: RequestContext,
    c: CaseRow,
    step: CaseStepRow,
    version: number,
    leftWith: string | null,
  ) {
    // The step is claimed before Entra is called: without a tenant, refuse before the claim.
    assertGraphConfigured(
      graph,
      step.kind === "revoke_credential" ? "deleteFido2Method" : "revokeSignInSessions",
    );
    const isResume = step.attempts > 0;
    if (step.kind === "revoke_credential") {
      // On a key of the case, or a credential no key carries (a personal key, a passkey).
      const onKey = c.keys.map((k) => k.key).find((k) => k.credential?.id === step.target);
      const credential = onKey?.credential ?? c.user.credentials.find((x) => x.id === step.target);
      if (!credential)
        throw new AppError("NOT_FOUND", "The credential of this step is no longer on the case.");
      const cred = { id: onKey?.id ?? null, serial: onKey?.serial ?? null };
      await life.start(ctx, c, step, version);
      let alreadyGone: boolean;
      try {
        ({ alreadyGone } = await deleteOnce(graph, "fido2", c.userId, credential.methodId, { isResume }));
      } catch (e) {
        const words = inHelpdeskWords(e, "revoke_credential", c.user.displayName);
        await life.fail(ctx, c, step, recordedText(words, e));
        throw words;
      }
      const recentlyUsed =
        credential.lastUsedAt !== null && clock().getTime() - credential.lastUsedAt.getTime() < RECENT_USE_MS;
      await life.finish(ctx, c, step, {
        graphRef: credential.methodId,
        action: "cases.revoke_credential",
        detail: {
          alreadyGone,
          lastUsedAt: credential.lastUsedAt?.toISOString() ?? null,
          recentlyUsed,
          keySerial: cred.serial,
          note: `${alreadyGone ? "The credential was already gone from Entra." : "Deleted in Entra."}${leftWith ? ` ${leftWith}` : ""}`,
        },
        after: {
          methodId: credential.methodId,
          keyId: cred.id,
          serial: cred.serial,
          alreadyGone,
          recentlyUsed,
        },
        apply: async (tx, now) => {
          await deps.repo.markCredentialRemoved(tx, credential.id, now);
        },
      });
      return;
    }
    // Revoking sign-in sessions is idempotent in Entra: a resume simply asks again.
    await life.start(ctx, c, step, version);
    try {
      await graph.revokeSignInSessions(c.userId);
    } catch (e) {
      const words = inHelpdeskWords(e, "revoke_sessions", c.user.displayName);
      await life.fail(ctx, c, step, recordedText(words, e));
      throw words;
    }
    await life.finish(ctx, c, step, {
      action: "cases.revoke_sessions",
      detail: { note: "Sign-in sessions revoked in Entra." },
      after: { userId: c.userId },
    });
  }

  return {
    async runStep(
      ctx: RequestContext,
      input: { caseId: string; version: number; stepId: string; serial?: string },
    ) {
      const c = await loadCase(uow.db, deps, input.caseId);
      const step = c.steps.find((x) => x.id === input.stepId);
      if (!step) throw new AppError("NOT_FOUND", "No such step on this case.");
      assertRecoveryCase(c);
      if (step.kind === "issue_tap") throw tapNeedsItsForm(step);
      const pointer = ownAction(step.kind);
      if (pointer) throw new AppError("BAD_REQUEST", pointer, { stepId: step.id, kind: step.kind });
      assertNotSelf(ctx.actor, c.user);
      if ((entraChangingSteps as readonly string[]).includes(step.kind)) assertNotApprover(c, ctx.actor.id);
      assertRunnable(c, step, clock(), leaseMs);
      // Re-checked live right before every DELETE: a preflight seen earlier may no longer hold.
      const safety =
        step.kind === "revoke_credential" && guard ? await guard.assertSafeToRevoke(ctx, c) : null;
      if (step.kind === "mark_key") await keySteps.markKey(ctx, c, step, input.version);
      else if (step.kind === "reserve_replacement")
        await keySteps.reserve(ctx, c, step, input.version, input.serial);
      else
        await graphStep(
          ctx,
          c,
          step,
          input.version,
          safety?.preflight.stranded ? `${safety.preflight.summary} ${safety.preflight.tap.reason}` : null,
        );
      // The preflight before a DELETE read the user's passes live and stored them (deleting a passkey
      // leaves passes as they were): a second read would cost Graph a request for the same answer.
      if (!safety) await deps.taps.refreshQuietly(c.userId);
      return loadView(uow.db, deps, c.id);
    },
  };
}
