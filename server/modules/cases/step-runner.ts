import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import {
  assertNotSelf,
  assertRecoveryCase,
  DEFAULT_STEP_LEASE_MS,
  loadCase,
  loadView,
  type CasesDeps,
} from "./case-context";
import type { CaseRow, CaseStepRow } from "./cases.repository";
import { assertNotApprover, entraChangingSteps } from "./four-eyes";
import { inHelpdeskWords, recordedText } from "./graph-refusal";
import { makeKeySteps } from "./key-steps";
import { assertRunnable, makeStepLifecycle } from "./step-lifecycle";
import { makeStrandingGuard } from "./stranding-guard";
import { assertGraphConfigured } from "@/server/graph/unconfigured";

// Runs (or resumes) one step of a case. Entra is asked before anything is done twice: a resumed
// credential deletion first GETs the credential, and one already gone is recorded as done with no
// second DELETE.

const RECENT_USE_MS = 60 * 60_000;
const elsewhere: Partial<Record<CaseStepRow["kind"], string>> = {
  verify_identity: "Record the verification evidence for this step.",
  approve: "This step is done by a second agent's approval (request it from the case).",
  issue_tap: "Issue the Temporary Access Pass from the TAP form (it needs a lifetime and is shown once).",
  close: "Close the case with a reason, or let sync close it when the replacement is registered.",
};

const isGone = (e: unknown) => isGraphError(e) && e.kind === "not_found";

/** Deletes the credential in Entra at most once: on a resume, a GET first; "not found" counts as done. */
async function deleteCredentialOnce(
  graph: GraphPort,
  userId: string,
  methodId: string,
  isResume: boolean,
): Promise<boolean> {
  if (isResume) {
    try {
      await graph.getFido2Method(userId, methodId);
    } catch (e) {
      if (isGone(e)) return true;
      throw e;
    }
  }
  try {
    await graph.deleteFido2Method(userId, methodId);
    return false;
  } catch (e) {
    if (isGone(e)) return true;
    throw e;
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
        alreadyGone = await deleteCredentialOnce(graph, c.userId, credential.methodId, isResume);
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
      const pointer = elsewhere[step.kind];
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
      await deps.taps?.refreshQuietly(c.userId);
      return loadView(uow.db, deps, c.id);
    },
  };
}
