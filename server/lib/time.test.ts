import { describe, expect, it } from "vitest";
import { DAY, isoDay, startOfDay } from "./time";

describe("UTC days", () => {
  it("a day is 24 hours", () => {
    expect(new Date("2026-12-07T00:00:00Z").getTime() - new Date("2026-12-06T00:00:00Z").getTime()).toBe(DAY);
  });

  it("the day starts at midnight UTC, whatever the time of day", () => {
    expect(startOfDay(new Date("2026-12-06T23:59:59.999Z")).toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(startOfDay(new Date("2026-12-06T00:00:00.000Z")).toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });

  it("names the UTC day, not the local one", () => {
    expect(isoDay(new Date("2026-12-06T23:59:59.999Z"))).toBe("2026-12-06");
    expect(isoDay(new Date("2026-12-06T23:30:00-02:00"))).toBe("2026-12-07");
  });
});
