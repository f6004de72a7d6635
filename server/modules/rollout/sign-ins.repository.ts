import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// The sign-in mirror: counts per user and day (sign_in_days) and their sums per day and wave
// (sign_in_mix_days). Days are rewritten whole, so running a day again gives the same figures.

export interface SignInCount {
  userId: string;
  date: string; // yyyy-mm-dd (UTC)
  phishingResistant: number;
  password: number;
  other: number;
  hardwareKey: number;
}

/** A user's newest sign-in with a security key, and the key's name in the log (model or display name), if any. */
export interface KeyUse {
  userId: string;
  at: string;
  detail: string | null;
}

/** A failed sign-in at a FIDO2 security key (sign_in_failures). */
export interface KeyFailure {
  id: string;
  userId: string;
  at: string;
  errorCode: number;
  failureReason: string | null;
  keyDetail: string | null;
}

export const SIGN_IN_CURSOR_KEY = "signIns.cursor";
const json = (v: unknown) => JSON.stringify(v);

export function makeSignInRepository() {
  return {
    /** Keeps each failure once (users in the mirror only) and drops those older than `keepFrom`. */
    async addFailures(db: Db, rows: KeyFailure[], keepFrom: Date) {
      await db.signInFailure.deleteMany({ where: { at: { lt: keepFrom } } });
      if (!rows.length) return 0;
      return db.$executeRaw(Prisma.sql`
        INSERT INTO sign_in_failures (id, "userId", at, "errorCode", "failureReason", "keyDetail")
        SELECT v.id, v."userId", v.at, v."errorCode", v."failureReason", v."keyDetail"
        FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id text, "userId" text, at timestamp, "errorCode" int, "failureReason" text, "keyDetail" text)
        JOIN directory_users u ON u.id = v."userId"
        ON CONFLICT (id) DO NOTHING`);
    },
    /** Adds counts to the users' days; sign-ins of users not in the mirror are dropped. */
    add: (db: Db, rows: SignInCount[]) =>
      rows.length
        ? db.$executeRaw(Prisma.sql`
            INSERT INTO sign_in_days ("userId", date, "phishingResistant", password, other, "hardwareKey")
            SELECT v."userId", v.date::date, v."phishingResistant", v.password, v.other, v."hardwareKey"
            FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v("userId" text, date text, "phishingResistant" int, password int, other int, "hardwareKey" int)
            JOIN directory_users u ON u.id = v."userId"
            ON CONFLICT ("userId", date) DO UPDATE SET "phishingResistant" = sign_in_days."phishingResistant" + EXCLUDED."phishingResistant",
              password = sign_in_days.password + EXCLUDED.password, other = sign_in_days.other + EXCLUDED.other,
              "hardwareKey" = sign_in_days."hardwareKey" + EXCLUDED."hardwareKey"`)
        : Promise.resolve(0),

    /**
     * The log does not say which credential signed in, so a use is written to a credential only when it can
     * only be that one: the single live device-bound credential the log's name (model or display name) fits,
     * or the user's only live device-bound credential. Ambiguous uses are left out: a wrong "last used" is
     * worse than none. A figure Entra gave (lastUsedDateTime, source graph) is preferred and left alone.
     */
    stampKeyUse: (db: Db, uses: KeyUse[], now: Date) =>
      uses.length
        ? db.$executeRaw(Prisma.sql`
            WITH v AS (SELECT * FROM jsonb_to_recordset(${json(uses)}::jsonb) AS v("userId" text, at timestamp, detail text)),
            c AS (
              SELECT v."userId", v.at, c.id, (v.detail IS NOT NULL AND v.detail IN (c.model, c."displayName")) AS named
              FROM v JOIN entra_credentials c ON c."userId" = v."userId" AND c."removedAt" IS NULL AND coalesce(c."passkeyType", 'deviceBound') <> 'synced'
            ),
            pick AS (
              SELECT "userId", at, CASE WHEN count(*) FILTER (WHERE named) = 1 THEN max(id) FILTER (WHERE named) WHEN count(*) = 1 THEN max(id) END AS id
              FROM c GROUP BY "userId", at
            )
            UPDATE entra_credentials e SET "lastUsedAt" = pick.at, "lastUsedSource" = 'sign_in_log', "updatedAt" = ${now.toISOString()}::timestamp
            FROM pick WHERE e.id = pick.id AND e."lastUsedSource" IS DISTINCT FROM 'graph'
              AND (e."lastUsedAt" IS NULL OR e."lastUsedAt" < pick.at)`)
        : Promise.resolve(0),

    /** Rewrites the per-wave sums of these days (and the tenant's, key "all"); one wave only when given. */
    async rewriteMix(db: Db, days: string[], waveId?: string) {
      if (!days.length) return;
      const onlyWave = waveId ? Prisma.sql`AND "waveKey" = ${waveId}` : Prisma.empty;
      await db.$executeRaw(
        Prisma.sql`DELETE FROM sign_in_mix_days WHERE date = ANY(${days}::date[]) ${onlyWave}`,
      );
      const tenant = waveId
        ? Prisma.empty
        : Prisma.sql`UNION ALL SELECT s.date, 'all', sum(s."phishingResistant"), sum(s.password), sum(s.other) FROM sign_in_days s WHERE s.date = ANY(${days}::date[]) GROUP BY s.date`;
      await db.$executeRaw(Prisma.sql`
        INSERT INTO sign_in_mix_days (date, "waveKey", "phishingResistant", password, other)
        SELECT s.date, m."waveId", sum(s."phishingResistant"), sum(s.password), sum(s.other)
        FROM sign_in_days s JOIN wave_members m ON m."userId" = s."userId"
        WHERE s.date = ANY(${days}::date[]) ${waveId ? Prisma.sql`AND m."waveId" = ${waveId}` : Prisma.empty}
        GROUP BY s.date, m."waveId"
        ${tenant}`);
    },

    async daysHeld(db: Db): Promise<string[]> {
      const rows = await db.$queryRaw<{ d: string }[]>(
        Prisma.sql`SELECT DISTINCT to_char(date, 'YYYY-MM-DD') AS d FROM sign_in_days ORDER BY 1`,
      );
      return rows.map((r) => r.d);
    },

    async prune(db: Db, keepDaysFrom: string, keepMixFrom: string) {
      await db.$executeRaw(Prisma.sql`DELETE FROM sign_in_days WHERE date < ${keepDaysFrom}::date`);
      await db.$executeRaw(Prisma.sql`DELETE FROM sign_in_mix_days WHERE date < ${keepMixFrom}::date`);
    },

    cursor: async (db: Db): Promise<unknown> =>
      (await db.setting.findUnique({ where: { key: SIGN_IN_CURSOR_KEY }, select: { value: true } }))?.value ??
      null,
    setCursor: (db: Db, value: Prisma.InputJsonValue) =>
      db.setting.upsert({
        where: { key: SIGN_IN_CURSOR_KEY },
        create: { key: SIGN_IN_CURSOR_KEY, value },
        update: { value },
        select: { key: true },
      }),
  };
}

export type SignInRepository = ReturnType<typeof makeSignInRepository>;
