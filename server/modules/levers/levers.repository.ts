import type { Db } from "@/server/db/uow";

// What the levers read from the mirror: waves and their members' live FIDO2 credentials.

const waveSelect = {
  id: true,
  name: true,
  groupIds: true,
  registrationDeadline: true,
  enforcementDate: true,
  startDate: true,
} as const;

export function makeLeversRepository() {
  return {
    waves: (db: Db) =>
      db.rolloutWave.findMany({ orderBy: [{ startDate: "asc" }, { name: "asc" }], select: waveSelect }),
    wave: (db: Db, id: string) => db.rolloutWave.findUnique({ where: { id }, select: waveSelect }),

    /** A wave's members who can sign in (enabled, not deleted), with their live FIDO2 credentials. */
    async members(db: Db, waveIds: string[]) {
      const rows = await db.waveMember.findMany({
        where: { waveId: { in: waveIds }, user: { deletedAt: null, accountEnabled: true } },
        select: {
          waveId: true,
          user: {
            select: {
              id: true,
              displayName: true,
              userPrincipalName: true,
              department: true,
              credentials: {
                where: { removedAt: null },
                select: { aaguid: true, model: true },
              },
            },
          },
        },
      });
      return rows.map((r) => ({
        waveId: r.waveId,
        id: r.user.id,
        displayName: r.user.displayName,
        userPrincipalName: r.user.userPrincipalName,
        department: r.user.department,
        aaguids: [...new Set(r.user.credentials.map((c) => c.aaguid.toLowerCase()))],
        models: [...new Set(r.user.credentials.map((c) => c.model).filter((m): m is string => !!m))],
      }));
    },
  };
}

export type LeversRepository = ReturnType<typeof makeLeversRepository>;
export type WaveMemberRow = Awaited<ReturnType<LeversRepository["members"]>>[number];
