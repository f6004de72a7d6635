import type { RequestContext } from "@/server/auth/actor";
import { AppError, isAppError } from "@/server/errors";
import type { LifecycleKey } from "./assignment.repository";
import { assertNoLiveCredential } from "./lifecycle";
import type { AssignmentDeps, KeyRef } from "./assignment.deps";
import { moveKey } from "./move-key";

// Return, wipe, retire/destroy, lost/stolen/damaged and reserve: every move but assign, each one guarded.

const requireRevoked = (verb: string) => (k: LifecycleKey) => assertNoLiveCredential(k, verb);
/** Lost/stolen/damaged with a live credential: the way on is a case, which revokes it and then marks the key. */
const requireRevokedViaCase = (verb: string) => (k: LifecycleKey) => {
  try {
    assertNoLiveCredential(k, verb);
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError(
      e.code,
      `Key ${k.serial} still has a live credential in Entra. Open a case for it ("Lost or stolen…" on the user's page, or Cases → New case): the case deletes the credential, then marks the key ${verb.replace("marked ", "")}.`,
      { ...e.details, custodianId: k.custodianId ?? null },
    );
  }
};

export function makeLifecycleMoves(deps: AssignmentDeps) {
  const { uow, repo, clock } = deps;
  return {
    /** Check-in: the user hands the key back; its condition is recorded on the assignment. */
    returnKey: (ctx: RequestContext, input: KeyRef & { condition: string; reason?: string }) =>
      uow.run(async (tx) => {
        const now = clock();
        const k = await moveKey(deps, tx, ctx, input, "return", now, {
          data: { custodianId: null },
          action: "keys.return",
          after: { condition: input.condition, reason: input.reason ?? null },
        });
        await repo.endAssignment(tx, k.id, {
          endedAt: now,
          endReason: input.reason ?? "returned",
          returnCondition: input.condition,
        });
        return { keyId: k.id, status: "returned" as const };
      }),

    /** FIDO reset done: a returned key goes back to stock. */
    wipeKey: (ctx: RequestContext, input: KeyRef) =>
      uow.run(async (tx) => {
        const k = await moveKey(deps, tx, ctx, input, "wipe", clock(), {
          action: "keys.wipe",
          after: { fidoReset: true },
        });
        return { keyId: k.id, status: "in_stock" as const };
      }),

    /** End of life, or destroyed; always with a reason. */
    retireKey: (ctx: RequestContext, input: KeyRef & { reason: string; isDestroyed?: boolean }) =>
      uow.run(async (tx) => {
        const now = clock();
        const k = await moveKey(deps, tx, ctx, input, "retire", now, {
          data: { custodianId: null },
          action: input.isDestroyed ? "keys.destroy" : "keys.retire",
          after: { reason: input.reason, isDestroyed: input.isDestroyed ?? false },
          check: requireRevoked("retired"),
        });
        await repo.endAssignment(tx, k.id, {
          endedAt: now,
          endReason: input.isDestroyed ? `destroyed: ${input.reason}` : `retired: ${input.reason}`,
        });
        return { keyId: k.id, status: "retired" as const };
      }),

    /** Lost, stolen or damaged: the custodian stays on record, the assignment ends. */
    markKey: (
      ctx: RequestContext,
      input: KeyRef & { status: "lost" | "stolen" | "damaged"; reason?: string },
    ) =>
      uow.run(async (tx) => {
        const now = clock();
        const t =
          input.status === "lost" ? "markLost" : input.status === "stolen" ? "markStolen" : "markDamaged";
        const k = await moveKey(deps, tx, ctx, input, t, now, {
          action: `keys.mark_${input.status}`,
          after: { reason: input.reason ?? null },
          check: requireRevokedViaCase(`marked ${input.status}`),
        });
        await repo.endAssignment(tx, k.id, { endedAt: now, endReason: input.status });
        return { keyId: k.id, status: input.status };
      }),

    /** Held for a case's user: the replacement an agent will hand out. */
    reserveKey: (ctx: RequestContext, input: KeyRef & { userId: string; caseId?: string }) =>
      uow.run(async (tx) => {
        const user = await repo.user(tx, input.userId);
        if (!user) throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
        const k = await moveKey(deps, tx, ctx, input, "reserve", clock(), {
          data: { custodianId: user.id },
          action: "keys.reserve",
          after: { userId: user.id, caseId: input.caseId ?? null },
        });
        return { keyId: k.id, status: "reserved" as const };
      }),
  };
}
