import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { NO_DEPARTMENT } from "./rollout.constants";
import {
  credentialCondition,
  HW,
  IN_SCOPE,
  iso,
  keySignInDays,
  LAST_USE,
  LIVE,
  PR_IN_REPORT,
  signInSince,
  usedSince,
  type StateParams,
} from "./user-state.repository";

// The rollout figures, computed in a few statements after each sync (and each change to a wave): every
// in-scope user's state is written once (rollout_user_states, from user-state.repository.ts's conditions),
// then counted per wave, department, site and for everyone into rollout_figures. The dashboards read those
// rows; the drill-down lists filter the same user states.

export interface FigureRow {
  key: string;
  label: string;
  target: number | null;
  scope: number;
  assigned: number;
  registered: number;
  assignedUnregistered: number;
  used: number;
  backup: number;
  passwordless: number;
  notReady: number;
}

/** Each in-scope user's state, written in one statement (rollout_user_states is emptied first). */
const userStates = (p: StateParams) => Prisma.sql`
  WITH cred AS (
    SELECT c."userId", count(*) FILTER (WHERE ${HW}) AS n, coalesce(bool_or(${HW} AND c."lastUsedAt" >= ${iso(usedSince(p.now))}::timestamp), false) AS used,
      bool_or(${credentialCondition("not_procured", p)}) AS np, bool_or(${credentialCondition("not_allowed", p)}) AS na,
      bool_or(${credentialCondition("personal", p)}) AS pe, min(${LAST_USE}) AS oldest
    FROM entra_credentials c WHERE ${LIVE} GROUP BY c."userId"
  ),
  asg AS (SELECT DISTINCT a."userId" FROM key_assignments a WHERE a."endedAt" IS NULL),
  pw AS (SELECT DISTINCT s."userId" FROM sign_in_days s WHERE s.date >= ${signInSince(p.now)}::date AND s.password > 0)
  INSERT INTO rollout_user_states ("userId", "displayName", department, "siteId", "hardwareKeys", "isAssigned", "isUsed", "isReady", "isPasswordless", "hasPasswordSignIns",
    "hasNotProcured", "hasNotAllowed", "hasPersonal", "oldestUseAt")
  SELECT u.id, u."displayName", coalesce(u.department, ${NO_DEPARTMENT}), u."siteId", coalesce(cred.n, 0), asg."userId" IS NOT NULL,
    -- Only registered users without a known credential use are looked up in the sign-in days (an index probe each).
    CASE WHEN cred.used THEN true WHEN coalesce(cred.n, 0) = 0 THEN false
      ELSE EXISTS (SELECT 1 FROM sign_in_days s WHERE s."userId" = u.id AND ${keySignInDays(p.now)}) END,
    cred."userId" IS NOT NULL OR ${PR_IN_REPORT}, u."isPasswordlessCapable", pw."userId" IS NOT NULL,
    coalesce(cred.np, false), coalesce(cred.na, false), coalesce(cred.pe, false), cred.oldest
  FROM directory_users u LEFT JOIN cred ON cred."userId" = u.id LEFT JOIN asg ON asg."userId" = u.id LEFT JOIN pw ON pw."userId" = u.id
  WHERE ${IN_SCOPE}`;

const counts = Prisma.sql`
  count(f."userId")::int AS scope, count(f."userId") FILTER (WHERE f."isAssigned")::int AS assigned, count(f."userId") FILTER (WHERE f."hardwareKeys" >= 1)::int AS registered,
  count(f."userId") FILTER (WHERE f."isAssigned" AND f."hardwareKeys" = 0)::int AS "assignedUnregistered", count(f."userId") FILTER (WHERE f."isUsed")::int AS used,
  count(f."userId") FILTER (WHERE f."hardwareKeys" >= 2)::int AS backup, count(f."userId") FILTER (WHERE f."isPasswordless")::int AS passwordless,
  count(f."userId") FILTER (WHERE NOT f."isReady")::int AS "notReady"`;

// A department's or site's target: the wave targets of its users (the highest when in two), averaged over those in a wave.
const waveTarget = Prisma.sql`wt AS (SELECT m."userId", max(w."targetPercent") AS t FROM wave_members m JOIN rollout_waves w ON w.id = m."waveId" GROUP BY m."userId")`;

const groups = {
  wave: Prisma.sql`
    SELECT w.id AS key, w.name AS label, w."targetPercent" AS target, to_char(w."startDate", 'YYYY-MM-DD') || w.name AS ord, ${counts}
    FROM rollout_waves w LEFT JOIN wave_members m ON m."waveId" = w.id LEFT JOIN rollout_user_states f ON f."userId" = m."userId"
    GROUP BY w.id`,
  department: Prisma.sql`
    SELECT f.department AS key, f.department AS label, round(avg(wt.t))::int AS target, f.department AS ord, ${counts}
    FROM rollout_user_states f LEFT JOIN wt ON wt."userId" = f."userId" GROUP BY f.department`,
  site: Prisma.sql`
    SELECT coalesce(f."siteId", ${NO_DEPARTMENT}) AS key, coalesce(max(s.code), 'No site') AS label, round(avg(wt.t))::int AS target, coalesce(max(s.code), '~') AS ord, ${counts}
    FROM rollout_user_states f LEFT JOIN wt ON wt."userId" = f."userId" LEFT JOIN sites s ON s.id = f."siteId" GROUP BY 1`,
} as const;

export type Dimension = "wave" | "department" | "site" | "tenant";
const EXTRAS_KEY = "rollout.figuresExtras";
export type StoredFigure = FigureRow & {
  dimension: Dimension;
  ord: string;
  registrationDays: unknown;
  hygiene: unknown;
  computedAt: Date;
};

const figureSelect = {
  dimension: true,
  key: true,
  label: true,
  ord: true,
  target: true,
  scope: true,
  assigned: true,
  registered: true,
  assignedUnregistered: true,
  used: true,
  backup: true,
  passwordless: true,
  notReady: true,
  registrationDays: true,
  hygiene: true,
  computedAt: true,
} as const;

export interface HygieneCounts {
  total: number;
  notProcured: [number, number];
  notAllowed: [number, number];
  personal: [number, number];
  /** Per stale period in days: [credentials, users]. */
  stale: Record<string, [number, number]>;
}

export function makeFiguresRepository() {
  return {
    /** Rewrites every in-scope user's stored state (in the caller's transaction, with the figures counted from it). */
    async writeUserStates(db: Db, p: StateParams) {
      // Two refreshes at once (a sync finishing while a page computes the first figures) would each
      // delete the old states and then insert the same keys: the later insert fails on PostgreSQL. The
      // lock makes the second wait for the first to commit; readers are not blocked.
      await db.$executeRaw(Prisma.sql`LOCK TABLE rollout_user_states IN SHARE ROW EXCLUSIVE MODE`);
      await db.$executeRaw(Prisma.sql`DELETE FROM rollout_user_states`);
      const written = await db.$executeRaw(userStates(p));
      // Rewritten whole each time: the drill-downs that filter it are planned from these statistics.
      await db.$executeRaw(Prisma.sql`ANALYZE rollout_user_states`);
      return written;
    },

    /** Every group of every view and everyone, counted from the stored user states. */
    countAll: (db: Db) =>
      db.$queryRaw<(FigureRow & { dimension: Dimension; ord: string })[]>(Prisma.sql`
        WITH ${waveTarget}
        SELECT 'wave' AS dimension, g.* FROM (${groups.wave}) g
        UNION ALL SELECT 'department', g.* FROM (${groups.department}) g
        UNION ALL SELECT 'site', g.* FROM (${groups.site}) g
        UNION ALL SELECT 'tenant', 'all', 'Everyone', NULL::int, '', ${counts} FROM rollout_user_states f`),

    /** Per user: first key assignment → first hardware registration after it (days), or still waiting; per wave and everyone. */
    registrationDays: (db: Db) =>
      db.$queryRaw<{ waveKey: string; days: number | null; users: number }[]>(Prisma.sql`
        WITH fa AS (SELECT a."userId", min(a."assignedAt") AS t0, bool_or(a."endedAt" IS NULL) AS open FROM key_assignments a GROUP BY a."userId"),
        hw AS (SELECT c."userId", c."createdDateTime", ${LIVE} AS live FROM entra_credentials c WHERE ${HW}),
        x AS (
          SELECT fa."userId", fa.t0, fa.open, min(hw."createdDateTime") FILTER (WHERE hw."createdDateTime" >= fa.t0) AS t1, coalesce(bool_or(hw.live), false) AS reg
          FROM fa JOIN directory_users u ON u.id = fa."userId" LEFT JOIN hw ON hw."userId" = fa."userId"
          WHERE ${IN_SCOPE}
          GROUP BY fa."userId", fa.t0, fa.open
        ),
        d AS (SELECT "userId", CASE WHEN reg THEN greatest(0, floor(extract(epoch FROM (coalesce(t1, t0) - t0)) / 86400))::int END AS days FROM x WHERE reg OR open)
        SELECT 'all' AS "waveKey", days, count(*)::int AS users FROM d GROUP BY days
        UNION ALL
        SELECT m."waveId", d.days, count(*)::int FROM d JOIN wave_members m ON m."userId" = d."userId" GROUP BY m."waveId", d.days`),

    /** Live credentials of users in scope matching each hygiene condition, and the users holding them (stale: per period). */
    async hygiene(
      db: Db,
      conds: {
        notProcured: Prisma.Sql;
        notAllowed: Prisma.Sql;
        personal: Prisma.Sql;
        stale: { days: number; cond: Prisma.Sql }[];
      },
    ): Promise<HygieneCounts> {
      const col = (name: string, cond: Prisma.Sql) =>
        Prisma.sql`count(*) FILTER (WHERE ${cond})::int AS ${Prisma.raw(`"${name}"`)}, count(DISTINCT c."userId") FILTER (WHERE ${cond})::int AS ${Prisma.raw(`"${name}Users"`)}`;
      const cols = [
        col("notProcured", conds.notProcured),
        col("notAllowed", conds.notAllowed),
        col("personal", conds.personal),
        ...conds.stale.map((s) => col(`stale${s.days}`, s.cond)),
      ];
      const [r] = await db.$queryRaw<Record<string, number>[]>(Prisma.sql`
        SELECT count(*)::int AS total, ${Prisma.join(cols, ", ")}
        FROM entra_credentials c JOIN directory_users u ON u.id = c."userId" WHERE ${LIVE} AND ${IN_SCOPE}`);
      const pair = (name: string): [number, number] => [r?.[name] ?? 0, r?.[`${name}Users`] ?? 0];
      return {
        total: r?.total ?? 0,
        notProcured: pair("notProcured"),
        notAllowed: pair("notAllowed"),
        personal: pair("personal"),
        stale: Object.fromEntries(conds.stale.map((s) => [String(s.days), pair(`stale${s.days}`)])),
      };
    },

    /** Replaces every stored figure (a wave deleted since goes with it). */
    async replace(db: Db, rows: Omit<StoredFigure, "computedAt">[], now: Date) {
      await db.rolloutFigure.deleteMany({});
      await db.rolloutFigure.createMany({
        data: rows.map((r) => ({
          ...r,
          registrationDays: (r.registrationDays ?? Prisma.DbNull) as Prisma.InputJsonValue,
          hygiene: (r.hygiene ?? Prisma.DbNull) as Prisma.InputJsonValue,
          computedAt: now,
        })),
      });
    },
    /** What is computed with the figures besides the counts (stock against forecast, the report's age). */
    saveExtras: (db: Db, extras: object) => {
      const value = JSON.parse(JSON.stringify(extras)) as Prisma.InputJsonValue;
      return db.setting.upsert({
        where: { key: EXTRAS_KEY },
        create: { key: EXTRAS_KEY, value },
        update: { value },
        select: { key: true },
      });
    },
    extras: async (db: Db): Promise<unknown> =>
      (await db.setting.findUnique({ where: { key: EXTRAS_KEY }, select: { value: true } }))?.value ?? null,
    read: (db: Db, dimension: Dimension) =>
      db.rolloutFigure.findMany({
        where: { dimension },
        orderBy: { ord: "asc" },
        select: figureSelect,
      }) as Promise<StoredFigure[]>,
    one: (db: Db, dimension: Dimension, key: string) =>
      db.rolloutFigure.findUnique({
        where: { dimension_key: { dimension, key } },
        select: figureSelect,
      }) as Promise<StoredFigure | null>,
  };
}

export type FiguresRepository = ReturnType<typeof makeFiguresRepository>;
