import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Rate-limit buckets in the database, so every portal process and machine counts into the same ones.
// One statement per attempt: the row is created full, or refilled for the time since its last attempt
// and one token taken when there is one; PostgreSQL's row lock on the upsert orders concurrent attempts.

export interface BucketTake {
  name: string;
  key: string;
  /** Tokens a full bucket holds… */
  limit: number;
  /** …refilled at this many per millisecond. */
  perMs: number;
  at: Date;
}

export function makeRateLimitRepository() {
  return {
    /** Takes one token if there is one; returns whether it did, and the tokens left. */
    async take(db: Db, b: BucketTake): Promise<{ granted: boolean; tokens: number }> {
      const refilled = Prisma.sql`LEAST(${b.limit}::float8, r."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${b.at}::timestamp(3) - r."at")) * 1000) * ${b.perMs}::float8)`;
      const rows = await db.$queryRaw<{ granted: boolean; tokens: number }[]>(Prisma.sql`
        INSERT INTO "rate_limit_buckets" AS r ("name", "key", "tokens", "at", "granted")
        VALUES (${b.name}, ${b.key}, ${b.limit - 1}::float8, ${b.at}::timestamp(3), true)
        ON CONFLICT ("name", "key") DO UPDATE SET
          "granted" = ${refilled} >= 1,
          "tokens" = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
          "at" = GREATEST(r."at", ${b.at}::timestamp(3))
        RETURNING "granted", "tokens"`);
      const row = rows[0]!;
      return { granted: row.granted, tokens: Number(row.tokens) };
    },
    /** Forgets buckets untouched since `before` (full again by then): memory bounded by recent callers. */
    async forgetIdle(db: Db, name: string, before: Date): Promise<number> {
      const { count } = await db.rateLimitBucket.deleteMany({ where: { name, at: { lt: before } } });
      return count;
    },
  };
}

export type RateLimitRepository = ReturnType<typeof makeRateLimitRepository>;
