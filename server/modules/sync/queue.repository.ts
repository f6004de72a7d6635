import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "@/server/modules/directory/directory.repository";

// The persistent part of a run that could not finish: users whose FIDO2 methods are still to read
// (sync_pending_users), and when each user's methods were last read (the sweep reads the oldest first).

export interface PendingRow {
  userId: string;
  reason: "unread" | "failed";
  lastError?: string | null;
}

export function makeQueueRepository() {
  return {
    /** Everyone waiting, oldest first: the next run reads them before anything else. */
    async pendingUserIds(db: Db): Promise<string[]> {
      return (
        await db.syncPendingUser.findMany({
          orderBy: [{ since: "asc" }, { userId: "asc" }],
          select: { userId: true },
        })
      ).map((r) => r.userId);
    },
    async markPending(db: Db, rows: PendingRow[], now: Date): Promise<void> {
      if (!rows.length) return;
      await db.$executeRaw(Prisma.sql`
        INSERT INTO sync_pending_users ("userId", reason, "lastError", attempts, since, "updatedAt")
        SELECT v."userId", v.reason, v."lastError", 1, ${iso(now)}::timestamp, ${iso(now)}::timestamp
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ ...r, lastError: r.lastError ?? null })))}::jsonb) AS v("userId" text, reason text, "lastError" text)
        ON CONFLICT ("userId") DO UPDATE SET reason = EXCLUDED.reason, "lastError" = EXCLUDED."lastError",
          attempts = sync_pending_users.attempts + 1, "updatedAt" = EXCLUDED."updatedAt"`);
    },
    async clearPending(db: Db, userIds: string[]): Promise<void> {
      if (userIds.length) await db.syncPendingUser.deleteMany({ where: { userId: { in: userIds } } });
    },
    async countPending(db: Db): Promise<{ unread: number; failed: number }> {
      const rows = await db.syncPendingUser.groupBy({ by: ["reason"], _count: { _all: true } });
      const of = (reason: string) => rows.find((r) => r.reason === reason)?._count._all ?? 0;
      return { unread: of("unread"), failed: of("failed") };
    },
    /** The first few waiting, with names, for the sync page. */
    async listPending(db: Db, take: number) {
      const rows = await db.syncPendingUser.findMany({
        orderBy: [{ since: "asc" }, { userId: "asc" }],
        take,
        select: { userId: true, reason: true, lastError: true, attempts: true, since: true },
      });
      const users = await db.directoryUser.findMany({
        where: { id: { in: rows.map((r) => r.userId) } },
        select: { id: true, displayName: true, userPrincipalName: true },
      });
      const byId = new Map(users.map((u) => [u.id, u]));
      return rows.map((r) => ({
        ...r,
        displayName: byId.get(r.userId)?.displayName ?? null,
        userPrincipalName: byId.get(r.userId)?.userPrincipalName ?? null,
      }));
    },
    async markMethodsRead(db: Db, userIds: string[], now: Date): Promise<void> {
      if (userIds.length)
        await db.directoryUser.updateMany({ where: { id: { in: userIds } }, data: { methodsReadAt: now } });
    },
    /** Live users whose methods were read longest ago (never first), not read since `readBefore`. */
    async sweepCandidates(db: Db, take: number, readBefore: Date): Promise<string[]> {
      if (take <= 0) return [];
      const rows = await db.directoryUser.findMany({
        where: { deletedAt: null, OR: [{ methodsReadAt: null }, { methodsReadAt: { lt: readBefore } }] },
        orderBy: [{ methodsReadAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
        take,
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async countLiveUsers(db: Db): Promise<number> {
      return db.directoryUser.count({ where: { deletedAt: null } });
    },
  };
}

export type QueueRepository = ReturnType<typeof makeQueueRepository>;
