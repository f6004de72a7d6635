import { z } from "zod";
import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { isGraphError } from "@/server/graph/errors";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { GraphPort, TemporaryAccessPass } from "@/server/graph/port";
import { logger } from "@/server/lib/logger";
import type { RecoveryRepository } from "./recovery.repository";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// The user's Temporary Access Passes as Entra last listed them, kept on the user's row. The case page
// shows this stored read; Entra is asked again after each case step and when the agent presses "Refresh
// from Entra" — never once per page view (Graph throttles per tenant, and a busy helpdesk re-renders
// cases all day). Only metadata: Graph never returns a pass after it was created.

export const storedTap = z.object({
  id: z.string(),
  isUsable: z.boolean().nullable(),
  methodUsabilityReason: z.string().nullable(),
  lifetimeInMinutes: z.number().int().nullable(),
  startDateTime: z.string().nullable(),
  createdDateTime: z.string().nullable(),
  isUsableOnce: z.boolean().nullable(),
});
export type StoredTap = z.infer<typeof storedTap>;
export interface TapRead {
  readAt: Date | null;
  taps: StoredTap[];
}

const toStored = (t: TemporaryAccessPass): StoredTap => ({
  id: t.id,
  isUsable: t.isUsable ?? null,
  methodUsabilityReason: t.methodUsabilityReason ?? null,
  lifetimeInMinutes: t.lifetimeInMinutes ?? null,
  startDateTime: t.startDateTime ?? null,
  createdDateTime: t.createdDateTime ?? null,
  isUsableOnce: t.isUsableOnce ?? null,
});

/** The stored JSON as passes; anything malformed counts as never read, so the page offers a refresh. */
export function parseStoredTaps(raw: unknown, readAt: Date | null): TapRead {
  const parsed = z.array(storedTap).safeParse(raw);
  return parsed.success ? { readAt, taps: parsed.data } : { readAt: null, taps: [] };
}

export const expiresAtOf = (t: StoredTap) => {
  const from = t.startDateTime ?? t.createdDateTime;
  return from && t.lifetimeInMinutes !== null
    ? new Date(Date.parse(from) + t.lifetimeInMinutes * 60_000)
    : null;
};

/** Usable as of the last read and not expired since: the passes closing a case offers to revoke. */
export const isStillUsable = (t: StoredTap, now: Date) =>
  t.isUsable === true && (expiresAtOf(t)?.getTime() ?? Infinity) > now.getTime();

type Store = Pick<RecoveryRepository, "storedTaps" | "storeTaps" | "markRevoked">;

export function makeTapState(deps: {
  uow: UnitOfWork;
  graph: GraphPort;
  clock: () => Date;
  recovery: Store;
  audit: AuditService;
}) {
  const read = async (userId: string): Promise<TapRead> => {
    const u = await deps.recovery.storedTaps(deps.uow.db, userId);
    return parseStoredTaps(u?.entraTaps ?? null, u?.entraTapsReadAt ?? null);
  };
  async function refresh(userId: string): Promise<TapRead> {
    const taps = (await deps.graph.listTemporaryAccessPasses(userId)).map(toStored);
    const readAt = deps.clock();
    await deps.recovery.storeTaps(deps.uow.db, userId, taps, readAt);
    return { readAt, taps };
  }
  return {
    read,
    refresh,
    /**
     * Revokes (DELETE temporaryAccessPassMethods/{id}) every pass Entra says is usable now, each with an
     * audit event naming the case. Read live first: the stored read may be older than the last sign-in.
     */
    async revokeUsable(ctx: RequestContext, userId: string, caseId: string, why: string): Promise<string[]> {
      const now = deps.clock();
      const { taps } = await refresh(userId);
      const revoked: string[] = [];
      for (const t of taps.filter((x) => isStillUsable(x, now))) {
        let alreadyGone = false;
        try {
          await deps.graph.deleteTemporaryAccessPass(userId, t.id);
        } catch (e) {
          if (!(isGraphError(e) && e.kind === "not_found")) throw e;
          alreadyGone = true;
        }
        revoked.push(t.id);
        await deps.uow.run(async (tx) => {
          await deps.recovery.markRevoked(tx, userId, t.id, ctx.actor.id, deps.clock());
          await deps.audit.record(tx, ctx, {
            action: "tap.revoke",
            subjectType: "DirectoryUser",
            subjectId: userId,
            after: { graphMethodId: t.id, caseId, reason: why, alreadyGone },
          });
        });
      }
      if (revoked.length)
        await deps.recovery.storeTaps(
          deps.uow.db,
          userId,
          taps.filter((t) => !revoked.includes(t.id)),
          deps.clock(),
        );
      return revoked;
    },
    /** After a step: a failed read keeps the previous one (its time is shown), it never fails the step. */
    async refreshQuietly(userId: string): Promise<void> {
      if (!isGraphConfigured(deps.graph)) return; // no tenant: the stored read is all there is
      try {
        await refresh(userId);
      } catch (e) {
        logger.warn("TAP state not refreshed after a step", { userId, error: (e as Error).message });
      }
    },
  };
}
export type TapState = ReturnType<typeof makeTapState>;
