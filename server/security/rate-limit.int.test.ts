import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeRateLimits, type RateLimits } from "./rate-limit";
import { makeRateLimitRepository } from "./rate-limit.repository";

// The token buckets in the database (PGlite, or PostgreSQL with DATABASE_URL): what one instance sees.
// Across instances: server/two-instances.int.test.ts.

let db: TestDatabase;
let t = Date.parse("2026-03-03T10:00:00Z");
let limits: RateLimits;

beforeAll(async () => {
  db = await createTestDatabase();
  limits = makeRateLimits({ db: db.prisma, repo: makeRateLimitRepository(), clock: () => new Date(t) });
});
afterAll(async () => {
  await db?.close();
});

describe("rate limits (token buckets in the database)", () => {
  it("allow a burst of `limit`, refuse the next with a retry time, and refill over the window", async () => {
    const rule = { limit: 3, windowMs: 60_000 };
    const burst = [];
    for (let i = 0; i < 3; i++) burst.push((await limits.hit("burst", rule, "a")).ok);
    expect(burst).toEqual([true, true, true]);
    expect(await limits.hit("burst", rule, "a")).toEqual({ ok: false, retryAfterSeconds: 20 });
    t += 19_000;
    expect((await limits.hit("burst", rule, "a")).ok).toBe(false);
    t += 1_000; // 20 s after the first refusal: one attempt earned back
    expect((await limits.hit("burst", rule, "a")).ok).toBe(true);
    expect((await limits.hit("burst", rule, "a")).ok).toBe(false);
  });

  it("count each key and each limit on its own", async () => {
    const rule = { limit: 1, windowMs: 1_000 };
    expect((await limits.hit("keys", rule, "a")).ok).toBe(true);
    expect((await limits.hit("keys", rule, "b")).ok).toBe(true);
    expect((await limits.hit("other", rule, "a")).ok).toBe(true);
    expect((await limits.hit("keys", rule, "a")).ok).toBe(false);
  });

  it("forget buckets that have refilled, so the table does not grow with every caller ever seen", async () => {
    const rule = { limit: 2, windowMs: 1_000 };
    for (let i = 0; i < 50; i++) await limits.hit("sweep", rule, `ip-${i}`);
    t += 5_000;
    await limits.hit("sweep", rule, "late");
    expect(
      await db.prisma.rateLimitBucket.findMany({ where: { name: "sweep" }, select: { key: true } }),
    ).toEqual([{ key: "late" }]);
  });

  it("simultaneous attempts never take more than the bucket holds", async () => {
    const rule = { limit: 5, windowMs: 60_000 };
    const all = await Promise.all(Array.from({ length: 12 }, () => limits.hit("race", rule, "k")));
    expect(all.filter((v) => v.ok)).toHaveLength(5);
  });
});
