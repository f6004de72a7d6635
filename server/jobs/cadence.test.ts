import { describe, expect, it } from "vitest";
import { cadenceMinutes, cronEvery, nextRunAfter } from "./cadence";

// Expectations worked out by hand from the cron expressions (UTC), not from the code.
const at = (iso: string) => new Date(iso);

describe("the sync cadence", () => {
  it("writes the cron expressions pg-boss schedules", () => {
    expect(cronEvery(15)).toBe("*/15 * * * *");
    expect(cronEvery(120)).toBe("0 */2 * * *");
    expect(cronEvery(24 * 60)).toBe("0 0 * * *");
  });

  it("says the period it really keeps", () => {
    expect(cadenceMinutes(15)).toBe(15);
    expect(cadenceMinutes(100)).toBe(120); // rounds to whole hours past 60
    expect(cadenceMinutes(2000)).toBe(1440); // daily
  });

  it("every 15 minutes: the next quarter hour, strictly after now", () => {
    expect(nextRunAfter(15, at("2026-12-06T10:07:30Z"))).toEqual(at("2026-12-06T10:15:00Z"));
    // Exactly on a run: the next one, not this one.
    expect(nextRunAfter(15, at("2026-12-06T10:15:00Z"))).toEqual(at("2026-12-06T10:30:00Z"));
    expect(nextRunAfter(15, at("2026-12-06T10:14:59.999Z"))).toEqual(at("2026-12-06T10:15:00Z"));
    // Over the hour, the day and the year.
    expect(nextRunAfter(15, at("2026-12-31T23:50:00Z"))).toEqual(at("2027-01-01T00:00:00Z"));
  });

  it("every 7 minutes as cron counts it: 56 past, then on the hour (4 minutes later, not 7)", () => {
    expect(nextRunAfter(7, at("2026-12-06T10:50:00Z"))).toEqual(at("2026-12-06T10:56:00Z"));
    expect(nextRunAfter(7, at("2026-12-06T10:56:00Z"))).toEqual(at("2026-12-06T11:00:00Z"));
  });

  it("every 2 hours: on the hour of the next even hour", () => {
    expect(nextRunAfter(120, at("2026-12-06T10:00:00Z"))).toEqual(at("2026-12-06T12:00:00Z"));
    expect(nextRunAfter(120, at("2026-12-06T09:59:00Z"))).toEqual(at("2026-12-06T10:00:00Z"));
    expect(nextRunAfter(120, at("2026-12-06T23:01:00Z"))).toEqual(at("2026-12-07T00:00:00Z"));
  });

  it("daily: the next midnight UTC", () => {
    expect(nextRunAfter(24 * 60, at("2026-12-06T00:00:00Z"))).toEqual(at("2026-12-07T00:00:00Z"));
    expect(nextRunAfter(48 * 60, at("2026-12-06T13:45:00Z"))).toEqual(at("2026-12-07T00:00:00Z"));
  });
});
