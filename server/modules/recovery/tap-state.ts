import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort, TemporaryAccessPass } from "@/server/graph/port";
import { logger } from "@/server/lib/logger";
import type { RecoveryRepository } from "./recovery.repository";
import { parseStoredTaps, type StoredTap, type TapRead } from "./tap-types";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// The user's Temporary Access Passes as Entra last listed them, kept on the user's row. The case page
// shows this stored read; Entra is asked again after each case step, when a preflight reads the passes
// anyway (its read is stored here, not repeated), and when the agent presses "Refresh from Entra" — never
// once per page view (Graph throttles per tenant, and a busy helpdesk re-renders cases all day). This
// module only reads Entra: every change to a user's credentials is a case step (server/modules/cases).

const toStored = (t: TemporaryAccessPass): StoredTap => ({
  id: t.id,
  isUsable: t.isUsable ?? null,
  methodUsabilityReason: t.methodUsabilityReason ?? null,
  lifetimeInMinutes: t.lifetimeInMinutes ?? null,
  startDateTime: t.startDateTime ?? null,
  createdDateTime: t.createdDateTime ?? null,
  isUsableOnce: t.isUsableOnce ?? null,
});

type Store = Pick<RecoveryRepository, "storedTaps" | "storeTaps">;

export function makeTapState(deps: {
  uow: UnitOfWork;
  graph: GraphPort;
  clock: () => Date;
  recovery: Store;
}) {
  const read = async (userId: string): Promise<TapRead> => {
    const u = await deps.recovery.storedTaps(deps.uow.db, userId);
    return parseStoredTaps(u?.entraTaps ?? null, u?.entraTapsReadAt ?? null);
  };
  /** Stores a list Entra just gave (by a refresh, or a preflight that read it live) as the user's TAP state. */
  async function remember(userId: string, passes: readonly TemporaryAccessPass[]): Promise<TapRead> {
    const taps = passes.map(toStored);
    const readAt = deps.clock();
    await deps.recovery.storeTaps(deps.uow.db, userId, taps, readAt);
    return { readAt, taps };
  }
  /** A live read; without a tenant the port refuses in words (callers that can do without use refreshQuietly). */
  async function refresh(userId: string): Promise<TapRead> {
    return remember(userId, await deps.graph.listTemporaryAccessPasses(userId));
  }
  return {
    read,
    refresh,
    remember,
    /** Keeps what is stored minus passes just revoked in Entra (no second read). */
    async forget(userId: string, tapIds: readonly string[]): Promise<void> {
      const { readAt, taps } = await read(userId);
      if (!readAt || !tapIds.length) return;
      await deps.recovery.storeTaps(
        deps.uow.db,
        userId,
        taps.filter((t) => !tapIds.includes(t.id)),
        deps.clock(),
      );
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
