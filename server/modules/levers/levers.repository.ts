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

const keyStatusesThatRegister = ["in_stock", "reserved", "assigned"] as const;

/** What a key-restriction preview reads: live credentials, keys that may still register, and the models. */
export function makeRestrictionRepository() {
  return {
    /** Live FIDO2 credentials of users not deleted; of these users only, when given. */
    credentials: (db: Db, userIds: string[] | null) =>
      db.entraCredential.findMany({
        where: {
          removedAt: null,
          user: { deletedAt: null },
          ...(userIds ? { userId: { in: userIds } } : {}),
        },
        orderBy: [{ user: { displayName: "asc" } }, { id: "asc" }],
        select: {
          id: true,
          aaguid: true,
          model: true,
          passkeyType: true,
          user: { select: { id: true, displayName: true, userPrincipalName: true } },
        },
      }),
    /** Keys not yet registered that still will be: in stock, reserved for a case, handed out. */
    keys: (db: Db) =>
      db.securityKey.findMany({
        where: { status: { in: [...keyStatusesThatRegister] } },
        orderBy: { serial: "asc" },
        select: {
          id: true,
          serial: true,
          status: true,
          site: { select: { code: true } },
          custodian: { select: { id: true, displayName: true } },
          model: {
            select: { id: true, vendor: true, productName: true, aaguids: { select: { aaguid: true } } },
          },
        },
      }),
    models: (db: Db) =>
      db.keyModel.findMany({
        orderBy: [{ vendor: "asc" }, { productName: "asc" }],
        select: { id: true, vendor: true, productName: true, aaguids: { select: { aaguid: true } } },
      }),
    /** AAGUIDs of live credentials, with how many (for models procurement never typed in). */
    credentialAaguids: (db: Db) =>
      db.entraCredential.groupBy({
        by: ["aaguid"],
        where: { removedAt: null },
        _count: { _all: true },
      }),
  };
}

export type RestrictionRepository = ReturnType<typeof makeRestrictionRepository>;
