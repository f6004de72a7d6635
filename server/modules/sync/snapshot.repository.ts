import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { HW } from "@/server/modules/rollout/user-state.repository";

// One statement writes a whole day: tenant, every wave, department and site. "Registered" means a live
// hardware key as the rollout figures count it (HW: linked to a key, of a procured model or a security key
// by the built-in catalogue; not an app or a synced passkey); "active"
// means such a credential used in the 30 days before the day (its lastUsed, or a security-key sign-in that day range).

export function makeSnapshotRepository() {
  return {
    async writeDay(db: Db, day: string, asOf: Date): Promise<number> {
      const at = asOf.toISOString();
      return db.$executeRaw(Prisma.sql`
        WITH hw AS (
          SELECT "userId",
            count(*) FILTER (WHERE "createdDateTime" <= ${at}::timestamp AND ("removedAt" IS NULL OR "removedAt" > ${at}::timestamp)) AS n,
            bool_or("createdDateTime" <= ${at}::timestamp AND ("removedAt" IS NULL OR "removedAt" > ${at}::timestamp)
                    AND "lastUsedAt" >= ${at}::timestamp - interval '30 days' AND "lastUsedAt" <= ${at}::timestamp) AS used
          FROM entra_credentials c
          WHERE ${HW}
          GROUP BY "userId"
        ),
        u AS (
          SELECT d.id, d.department, d."siteId", coalesce(hw.n, 0) AS n,
            -- A use is also a security-key sign-in in the log (rollout's sign-in mirror): credentials rarely carry lastUsed.
            CASE WHEN hw.used THEN true WHEN coalesce(hw.n, 0) = 0 THEN false
              ELSE EXISTS (SELECT 1 FROM sign_in_days s WHERE s."userId" = d.id AND s."hardwareKey" > 0
                AND s.date > (${at}::timestamp - interval '30 days')::date AND s.date <= ${at}::timestamp::date) END AS used
          FROM directory_users d LEFT JOIN hw ON hw."userId" = d.id
          WHERE d."deletedAt" IS NULL AND d."accountEnabled" AND d."userType" = 'member'
        ),
        stock AS (SELECT "siteId", count(*)::int AS n FROM security_keys WHERE status = 'in_stock' GROUP BY "siteId"),
        rows AS (
          SELECT 'tenant'::"SnapshotDimension" AS dimension, 'all' AS key, count(*)::int AS scope, count(*) FILTER (WHERE n >= 1)::int AS registered,
            count(*) FILTER (WHERE n >= 2)::int AS backup, count(*) FILTER (WHERE used)::int AS active, (SELECT coalesce(sum(n), 0)::int FROM stock) AS stock
          FROM u
          UNION ALL
          SELECT 'department', coalesce(department, '(none)'), count(*)::int, count(*) FILTER (WHERE n >= 1)::int, count(*) FILTER (WHERE n >= 2)::int,
            count(*) FILTER (WHERE used)::int, 0 FROM u GROUP BY coalesce(department, '(none)')
          UNION ALL
          SELECT 'site', s.id, count(u.id)::int, count(u.id) FILTER (WHERE u.n >= 1)::int, count(u.id) FILTER (WHERE u.n >= 2)::int,
            count(u.id) FILTER (WHERE u.used)::int, coalesce(max(stock.n), 0)::int
          FROM sites s LEFT JOIN u ON u."siteId" = s.id LEFT JOIN stock ON stock."siteId" = s.id GROUP BY s.id
          UNION ALL
          SELECT 'wave', w.id, count(u.id)::int, count(u.id) FILTER (WHERE u.n >= 1)::int, count(u.id) FILTER (WHERE u.n >= 2)::int,
            count(u.id) FILTER (WHERE u.used)::int, 0
          FROM rollout_waves w LEFT JOIN wave_members m ON m."waveId" = w.id LEFT JOIN u ON u.id = m."userId" GROUP BY w.id
        )
        INSERT INTO daily_snapshots (id, date, dimension, "dimensionKey", "usersInScope", registered, "withBackup", active, "keysInStock")
        SELECT gen_random_uuid()::text, ${day}::date, dimension, key, scope, registered, backup, active, stock FROM rows
        ON CONFLICT (date, dimension, "dimensionKey") DO UPDATE SET "usersInScope" = EXCLUDED."usersInScope", registered = EXCLUDED.registered,
          "withBackup" = EXCLUDED."withBackup", active = EXCLUDED.active, "keysInStock" = EXCLUDED."keysInStock"`);
    },
    async latestDay(db: Db): Promise<Date | null> {
      const row = await db.dailySnapshot.findFirst({ orderBy: { date: "desc" }, select: { date: true } });
      return row?.date ?? null;
    },
  };
}

export type SnapshotRepository = ReturnType<typeof makeSnapshotRepository>;
