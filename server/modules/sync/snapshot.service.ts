import type { UnitOfWork } from "@/server/db/uow";
import { makeSnapshotRepository, type SnapshotRepository } from "./snapshot.repository";
import { DAY, isoDay } from "@/server/lib/time";

/** Daily adoption snapshots (per tenant, wave, department, site), so trends need no history replay. */
export function makeSnapshotService({
  uow,
  clock,
  repo = makeSnapshotRepository(),
}: {
  uow: UnitOfWork;
  clock: () => Date;
  repo?: SnapshotRepository;
}) {
  return {
    /** Today's snapshot (idempotent: a second run the same day overwrites it). */
    async takeDaily(): Promise<{ day: string; rows: number }> {
      const now = clock();
      return { day: isoDay(now), rows: await repo.writeDay(uow.db, isoDay(now), now) };
    },
    /** Rebuilds the last `days` days from credential history (demo: 90 days of trends from the first sync). */
    async backfill(days: number): Promise<{ days: number; rows: number }> {
      const now = clock();
      let rows = 0;
      for (let i = days; i >= 0; i--) {
        const at = new Date(now.getTime() - i * DAY);
        rows += await repo.writeDay(
          uow.db,
          isoDay(at),
          i === 0 ? now : new Date(`${isoDay(at)}T23:59:59.999Z`),
        );
      }
      return { days: days + 1, rows };
    },
  };
}

export type SnapshotService = ReturnType<typeof makeSnapshotService>;
