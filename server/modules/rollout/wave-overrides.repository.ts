import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "./user-state.repository";

// People added to or taken out of a wave by hand (docs/SECURITY-LEAD.md, "Waves"). They are kept on the
// wave itself (addedUserIds, removedUserIds) so every later refresh of its members from groups or its
// filter keeps them: the hand-added stay in, the hand-removed stay out.

/** For the DELETE of a membership refresh (`m` is wave_members): never takes out someone added by hand. */
export const notHandAdded = (waveId: string) =>
  Prisma.sql`NOT (m."userId" = ANY(SELECT unnest(w."addedUserIds") FROM rollout_waves w WHERE w.id = ${waveId}))`;

/** After a membership refresh: the hand-removed out, the hand-added (who still exist) in. */
export async function applyWaveOverrides(db: Db, waveId: string, now: Date) {
  await db.$executeRaw(Prisma.sql`
    DELETE FROM wave_members USING rollout_waves w
    WHERE w.id = ${waveId} AND wave_members."waveId" = w.id AND wave_members."userId" = ANY(w."removedUserIds")`);
  await db.$executeRaw(Prisma.sql`
    INSERT INTO wave_members ("waveId", "userId", "addedAt")
    SELECT w.id, u.id, ${iso(now)}::timestamp FROM rollout_waves w JOIN directory_users u ON u.id = ANY(w."addedUserIds")
    WHERE w.id = ${waveId} AND u."deletedAt" IS NULL
    ON CONFLICT DO NOTHING`);
}

/** Makes a wave's members exactly these users (those in the mirror), hand-made changes kept. */
export async function replaceWaveMembers(
  db: Db,
  waveId: string,
  userIds: string[],
  now: Date,
): Promise<{ added: number; removed: number }> {
  const removed = await db.$executeRaw(Prisma.sql`
    DELETE FROM wave_members m WHERE m."waveId" = ${waveId} AND NOT (m."userId" = ANY(${userIds}::text[]))
      AND ${notHandAdded(waveId)}`);
  const added = await db.$executeRaw(Prisma.sql`
    INSERT INTO wave_members ("waveId", "userId", "addedAt")
    SELECT ${waveId}, u.id, ${iso(now)}::timestamp FROM directory_users u
    WHERE u.id = ANY(${userIds}::text[])
      AND NOT (u.id = ANY(SELECT unnest(w."removedUserIds") FROM rollout_waves w WHERE w.id = ${waveId}))
    ON CONFLICT DO NOTHING`);
  await applyWaveOverrides(db, waveId, now);
  return { added, removed };
}

const person = { id: true, displayName: true, userPrincipalName: true } as const;

/** One wave's members, a page at a time, and the single changes made by hand. */
export function makeWaveMembersRepository() {
  return {
    wave: (db: Db, id: string) =>
      db.rolloutWave.findUnique({
        where: { id },
        select: { id: true, name: true, addedUserIds: true, removedUserIds: true },
      }),
    user: (db: Db, id: string) =>
      db.directoryUser.findFirst({ where: { id, deletedAt: null }, select: person }),
    users: (db: Db, ids: string[]) =>
      db.directoryUser.findMany({
        where: { id: { in: ids } },
        orderBy: { displayName: "asc" },
        select: person,
      }),
    setHandChanges: (db: Db, id: string, addedUserIds: string[], removedUserIds: string[]) =>
      db.rolloutWave.update({ where: { id }, data: { addedUserIds, removedUserIds }, select: { id: true } }),
    addMember: (db: Db, waveId: string, userId: string, now: Date) =>
      db.waveMember.createMany({ data: [{ waveId, userId, addedAt: now }], skipDuplicates: true }),
    removeMember: (db: Db, waveId: string, userId: string) =>
      db.waveMember.deleteMany({ where: { waveId, userId } }),

    async page(db: Db, waveId: string, q: string, skip: number, take: number) {
      const where: Prisma.WaveMemberWhereInput = {
        waveId,
        ...(q
          ? {
              user: {
                OR: [
                  { displayName: { contains: q, mode: "insensitive" } },
                  { userPrincipalName: { contains: q, mode: "insensitive" } },
                ],
              },
            }
          : {}),
      };
      const [total, rows] = await Promise.all([
        db.waveMember.count({ where }),
        db.waveMember.findMany({
          where,
          orderBy: [{ user: { displayName: "asc" } }, { userId: "asc" }],
          skip,
          take,
          select: {
            user: {
              select: {
                ...person,
                credentials: { where: { removedAt: null }, take: 1, select: { id: true } },
              },
            },
          },
        }),
      ]);
      return { total, rows: rows.map((r) => r.user) };
    },
  };
}

export type WaveMembersRepository = ReturnType<typeof makeWaveMembersRepository>;
