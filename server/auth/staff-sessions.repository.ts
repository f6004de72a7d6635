import type { Db } from "@/server/db/uow";

// Staff sessions (one row per sign-in). Looked up by primary key on every actor resolution.

export interface StaffSessionRow {
  staffId: string;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

export function makeStaffSessionRepository() {
  return {
    async create(db: Db, row: { id: string; staffId: string; signedInAt: Date }): Promise<void> {
      await db.staffSession.create({ data: { ...row, lastSeenAt: row.signedInAt }, select: { id: true } });
    },
    find(db: Db, id: string): Promise<StaffSessionRow | null> {
      return db.staffSession.findUnique({
        where: { id },
        select: { staffId: true, lastSeenAt: true, revokedAt: true },
      });
    },
    /** Records use; only moves lastSeenAt forward (several instances may touch at once). */
    async touch(db: Db, id: string, at: Date): Promise<void> {
      await db.staffSession.updateMany({ where: { id, lastSeenAt: { lt: at } }, data: { lastSeenAt: at } });
    },
    /** Marks the session revoked; false when it was unknown or revoked already. */
    async revoke(db: Db, id: string, at: Date): Promise<boolean> {
      const { count } = await db.staffSession.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: at },
      });
      return count > 0;
    },
    /** Forgets sessions signed in before `cutoff`: past their absolute lifetime, refused without a row. */
    async deleteSignedInBefore(db: Db, cutoff: Date): Promise<number> {
      const { count } = await db.staffSession.deleteMany({ where: { signedInAt: { lt: cutoff } } });
      return count;
    },
  };
}

export type StaffSessionRepository = ReturnType<typeof makeStaffSessionRepository>;
