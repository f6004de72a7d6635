import type { Db } from "@/server/db/uow";

// What the preflight needs from KeyFleet's own records: the user's site, stock, the keys behind
// credentials, and which AAGUIDs belong to a catalogued model.

export function makePreflightRepository() {
  return {
    user: (db: Db, idOrUpn: string) =>
      db.directoryUser.findFirst({
        where: { OR: [{ id: idOrUpn }, { userPrincipalName: { equals: idOrUpn, mode: "insensitive" } }] },
        select: {
          id: true,
          displayName: true,
          officeLocation: true,
          site: { select: { id: true, code: true } },
        },
      }),

    inStockAt: (db: Db, siteId: string) => db.securityKey.count({ where: { siteId, status: "in_stock" } }),
    inStockAnywhere: (db: Db) => db.securityKey.count({ where: { status: "in_stock" } }),

    keySerials: async (db: Db, userId: string, methodIds: string[]) => {
      const rows = await db.entraCredential.findMany({
        where: { userId, methodId: { in: methodIds } },
        select: { methodId: true, key: { select: { serial: true } } },
      });
      return new Map(rows.map((r) => [r.methodId, r.key?.serial ?? null]));
    },

    knownAaguids: async (db: Db, aaguids: string[]) => {
      const rows = await db.keyModelAaguid.findMany({
        where: { aaguid: { in: aaguids.map((a) => a.toLowerCase()) } },
        select: { aaguid: true },
      });
      return new Set(rows.map((r) => r.aaguid));
    },
  };
}

export type PreflightRepository = ReturnType<typeof makePreflightRepository>;
