import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import {
  assertNotSelf,
  assertOpen,
  assertRecoveryCase,
  claimCase,
  loadCase,
  loadView,
  revokedByCase,
  type CasesDeps,
} from "./case-context";
import type { CaseRow } from "./cases.repository";
import { detailOf } from "./case-view";
import type { PreflightFn } from "./preflight";
import type { Preflight } from "./preflight.schemas";

// Refuse before deleting (docs/RECOVERY.md): a revocation that would leave the user with no way to sign
// in waits until the agent takes an explicit path — fix the cause in Entra and re-check (the preflight
// runs again on every attempt), record a replacement handed over in person, or proceed anyway with a
// reason and a second agent's approval ("proceed_stranded", decided through the case approval flow).
// Stolen keys are revoked regardless: the step says what the user is left with.

export const PROCEED_STRANDED = "proceed_stranded" as const;

export interface Handover {
  byId: string;
  byName: string;
  at: string;
  note: string;
}

const revokeSteps = (c: CaseRow) => c.steps.filter((s) => s.kind === "revoke_credential");

/** The in-person handover recorded on the case, if any (kept on its revoke steps). */
export const handoverOf = (c: CaseRow): Handover | null => {
  for (const s of revokeSteps(c)) {
    const h = (detailOf(s) as { handover?: Handover }).handover;
    if (h) return h;
  }
  return null;
};

/**
 * Credentials this case still has to delete in Entra: every revoke step's target, whether a key of the
 * case carries it or not (a personal key, a passkey picked in the wizard). Counting only the keys' would
 * let a credential-only case see the very credential it deletes as the user's backup.
 */
const methodIdsToRevoke = (c: CaseRow) => {
  const targets = new Set(revokedByCase(c));
  const live = [...c.keys.map((k) => k.key.credential), ...c.user.credentials].filter(
    (cr): cr is NonNullable<typeof cr> => !!cr && cr.removedAt === null && targets.has(cr.id),
  );
  return [...new Set(live.map((cr) => cr.methodId))];
};

export function makeStrandingGuard(deps: CasesDeps & { preflight: PreflightFn }) {
  const { uow, approvals, audit, clock } = deps;

  const preflightOfCase = (c: CaseRow): Promise<Preflight> =>
    deps.preflight({
      user: c.userId,
      revokeMethodIds: c.kind === "forgotten" ? [] : methodIdsToRevoke(c),
      handedOverInPerson: handoverOf(c) !== null,
    });

  return {
    preflightOfCase,

    /** Live, right before a credential DELETE: never a preflight the agent saw minutes ago. */
    async assertSafeToRevoke(
      ctx: RequestContext,
      c: CaseRow,
    ): Promise<{ preflight: Preflight; override: { approvalId: string; approverId: string | null } | null }> {
      const preflight = await preflightOfCase(c);
      if (!preflight.stranded || c.kind === "stolen") return { preflight, override: null };
      // Bound to the agent who asked for it (four-eyes.ts): only that agent may proceed on it.
      const approved = await approvals.approvedSince(
        uow.db,
        c.id,
        PROCEED_STRANDED,
        new Date(0),
        ctx.actor.id,
      );
      if (approved) {
        await uow.run((tx) =>
          audit.record(tx, ctx, {
            action: "cases.revoke.stranded_override",
            subjectType: "Case",
            subjectId: c.id,
            after: { approvalId: approved.id, approverId: approved.approverId, tap: preflight.tap.cause },
          }),
        );
        return { preflight, override: { approvalId: approved.id, approverId: approved.approverId } };
      }
      throw new AppError(
        "PRECONDITION_FAILED",
        `${preflight.summary} ${preflight.tap.reason} Nothing was deleted. Fix the cause in Entra and re-check, record a replacement handed over in person, or ask a second agent to approve proceeding anyway with your reason.`,
        { stranded: true, tapCause: preflight.tap.cause },
      );
    },

    async preflight(caseId: string): Promise<Preflight> {
      return preflightOfCase(await loadCase(uow.db, deps, caseId));
    },

    /** The replacement was handed over and registered at the desk: the user has a way in without a pass. */
    async recordHandover(ctx: RequestContext, input: { caseId: string; version: number; note: string }) {
      await uow.run(async (tx) => {
        const c = await loadCase(tx, deps, input.caseId);
        assertOpen(c);
        assertRecoveryCase(c);
        assertNotSelf(ctx.actor, c.user);
        const steps = revokeSteps(c).filter((s) => s.status !== "done" && s.status !== "skipped");
        if (!steps.length)
          throw new AppError(
            "BAD_REQUEST",
            `Case #${c.number} has no credential left to revoke, so no handover needs recording.`,
          );
        await claimCase(tx, deps, c, input.version);
        const handover: Handover = {
          byId: ctx.actor.id,
          byName: ctx.actor.name,
          at: clock().toISOString(),
          note: input.note,
        };
        for (const s of steps)
          await deps.repo.moveStep(tx, s.id, ["pending", "failed"], { detail: { ...detailOf(s), handover } });
        await audit.record(tx, ctx, {
          action: "cases.handover_in_person",
          subjectType: "Case",
          subjectId: c.id,
          after: { note: input.note },
        });
      });
      return loadView(uow.db, deps, input.caseId);
    },
  };
}

export type StrandingGuard = ReturnType<typeof makeStrandingGuard>;
