import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Reads for the first-run setup page: the directory's office locations and the live credentials per AAGUID.

export function makeSetupRepository() {
  return {
    /** Office locations of live members with their user counts, and the site already mapped to each (case-insensitive). */
    async officeLocations(db: Db) {
      const rows = await db.$queryRaw<
        { officeLocation: string; users: bigint; siteId: string | null; siteCode: string | null }[]
      >(Prisma.sql`
        SELECT u."officeLocation", count(*) AS users, max(s.id) AS "siteId", max(s.code) AS "siteCode"
        FROM directory_users u LEFT JOIN sites s ON lower(s."officeLocation") = lower(u."officeLocation")
        WHERE u."deletedAt" IS NULL AND u."userType" = 'member' AND coalesce(u."officeLocation", '') <> ''
        GROUP BY u."officeLocation" ORDER BY count(*) DESC, u."officeLocation" LIMIT 200`);
      return rows.map((r) => ({
        officeLocation: r.officeLocation,
        users: Number(r.users),
        siteId: r.siteId,
        siteCode: r.siteCode,
      }));
    },
    siteCodes: async (db: Db) => (await db.site.findMany({ select: { code: true } })).map((s) => s.code),
    /** Live credentials per AAGUID (synced passkeys apart), with an example of Graph's model string. */
    async credentialsByAaguid(db: Db) {
      const rows = await db.$queryRaw<
        { aaguid: string; synced: boolean; model: string | null; credentials: bigint; users: bigint }[]
      >(Prisma.sql`
        SELECT c.aaguid, coalesce(c."passkeyType", '') = 'synced' AS synced, max(c.model) AS model, count(*) AS credentials, count(DISTINCT c."userId") AS users
        FROM entra_credentials c WHERE c."removedAt" IS NULL
        GROUP BY 1, 2 ORDER BY count(*) DESC`);
      return rows.map((r) => ({
        aaguid: r.aaguid,
        synced: r.synced,
        model: r.model,
        credentials: Number(r.credentials),
        users: Number(r.users),
      }));
    },
  };
}

export type SetupRepository = ReturnType<typeof makeSetupRepository>;
