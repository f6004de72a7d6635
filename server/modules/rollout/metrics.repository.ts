import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "./user-state.repository";

// The dashboards' light reads: weekly incidents, the sign-in mix sums, snapshots, freshness. The heavy
// per-user figures are computed after each sync by figures.repository.ts.

export function makeMetricsRepository() {
  return {
    /** Lost/stolen/damaged cases opened and TAPs issued per ISO week (Monday) since `since`. */
    weeklyIncidents: (db: Db, since: Date) =>
      db.$queryRaw<{ week: Date; lostCases: number; taps: number }[]>(Prisma.sql`
        WITH l AS (SELECT date_trunc('week', "createdAt")::date AS week, count(*)::int AS n FROM cases
                   WHERE kind IN ('lost', 'stolen', 'damaged') AND "createdAt" >= ${iso(since)}::timestamp GROUP BY 1),
             t AS (SELECT date_trunc('week', "createdAt")::date AS week, count(*)::int AS n FROM tap_issuances WHERE "createdAt" >= ${iso(since)}::timestamp GROUP BY 1)
        SELECT coalesce(l.week, t.week) AS week, coalesce(l.n, 0) AS "lostCases", coalesce(t.n, 0) AS taps
        FROM l FULL JOIN t ON t.week = l.week ORDER BY 1`),

    keysInService: (db: Db) => db.securityKey.count({ where: { status: { in: ["assigned", "active"] } } }),

    /** Sign-ins by kind per wave ("all" = tenant) since a day. */
    signInMix: (db: Db, sinceDay: string) =>
      db.$queryRaw<
        { waveKey: string; phishingResistant: number; password: number; other: number }[]
      >(Prisma.sql`
        SELECT "waveKey", sum("phishingResistant")::int AS "phishingResistant", sum(password)::int AS password, sum(other)::int AS other
        FROM sign_in_mix_days WHERE date >= ${sinceDay}::date GROUP BY 1`),

    signInWeeks: (db: Db, sinceDay: string, waveKey: string) =>
      db.$queryRaw<{ week: Date; phishingResistant: number; password: number; other: number }[]>(Prisma.sql`
        SELECT date_trunc('week', date)::date AS week, sum("phishingResistant")::int AS "phishingResistant", sum(password)::int AS password, sum(other)::int AS other
        FROM sign_in_mix_days WHERE "waveKey" = ${waveKey} AND date >= ${sinceDay}::date GROUP BY 1 ORDER BY 1`),

    snapshots: (db: Db, dimension: "tenant" | "wave" | "department" | "site", key: string, since: Date) =>
      db.dailySnapshot.findMany({
        where: { dimension, dimensionKey: key, date: { gte: since } },
        orderBy: { date: "asc" },
        select: {
          date: true,
          usersInScope: true,
          registered: true,
          withBackup: true,
          active: true,
          keysInStock: true,
        },
      }),

    /** The newest finished sync run: the dashboards poll this to know when to refresh. */
    latestSync: (db: Db) =>
      db.syncRun.findFirst({
        where: { finishedAt: { not: null }, kind: { not: "snapshot" } },
        orderBy: { finishedAt: "desc" },
        select: { id: true, kind: true, status: true, finishedAt: true },
      }),
    async reportUpdatedAt(db: Db): Promise<Date | null> {
      const r = await db.directoryUser.aggregate({
        where: { deletedAt: null },
        _max: { reportUpdatedAt: true },
      });
      return r._max.reportUpdatedAt;
    },
    async latestSnapshotDay(db: Db): Promise<Date | null> {
      return (
        (
          await db.dailySnapshot.findFirst({
            where: { dimension: "tenant" },
            orderBy: { date: "desc" },
            select: { date: true },
          })
        )?.date ?? null
      );
    },
    setting: async (db: Db, key: string): Promise<unknown> =>
      (await db.setting.findUnique({ where: { key }, select: { value: true } }))?.value ?? null,
  };
}

export type MetricsRepository = ReturnType<typeof makeMetricsRepository>;
