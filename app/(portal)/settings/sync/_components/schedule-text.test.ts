import { describe, expect, it } from "vitest";
import { fullSyncEstimate, period } from "./schedule-text";

describe("the sync page's schedule words", () => {
  it("names periods the way people say them", () => {
    expect(period(15)).toBe("15 minutes");
    expect(period(1)).toBe("minute");
    expect(period(60)).toBe("hour");
    expect(period(120)).toBe("2 hours");
    expect(period(24 * 60)).toBe("day");
    expect(period(7 * 24 * 60)).toBe("7 days");
  });

  it("estimates a full sync from the last one, or says it depends on the tenant's size", () => {
    expect(fullSyncEstimate({ lastFull: { durationMs: 2_300 }, users: 300 })).toBe(
      "At the tenant's limits this takes less than a minute for 300 users, going by the last full sync.",
    );
    expect(fullSyncEstimate({ lastFull: { durationMs: 12 * 60_000 + 20_000 }, users: 12_000 })).toBe(
      "At the tenant's limits this takes about 12 minutes for 12,000 users, going by the last full sync.",
    );
    // 2 h 25 min = 145 min → 2.4 hours.
    expect(fullSyncEstimate({ lastFull: { durationMs: 145 * 60_000 }, users: 10_000 })).toBe(
      "At the tenant's limits this takes about 2.4 hours for 10,000 users, going by the last full sync.",
    );
    expect(fullSyncEstimate({ lastFull: null, users: 300 })).toMatch(
      /^How long it takes depends on the tenant's size/,
    );
  });
});
