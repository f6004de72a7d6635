import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime } from "./format";
import {
  currentTimePreference,
  formatInstant,
  installServerTimeCookieReader,
  parseTimePreference,
  serializeTimePreference,
  timeCookieValue,
  UTC_PREFERENCE,
} from "./time-preference";

const instant = new Date("2026-12-04T03:08:59Z");
const summer = new Date("2026-07-04T03:08:59Z");

describe("the same instant in UTC and in local time", () => {
  it("UTC, the default, reads as before", () => {
    expect(formatInstant(instant, UTC_PREFERENCE)).toBe("4 Dec 2026, 03:08 UTC");
    expect(formatDateTime(instant)).toBe("4 Dec 2026, 03:08 UTC");
  });

  it("local time shows the wall clock of the zone and its abbreviation, summer time included", () => {
    expect(formatInstant(instant, { mode: "local", zone: "Europe/Berlin" })).toBe("4 Dec 2026, 04:08 CET");
    expect(formatInstant(summer, { mode: "local", zone: "Europe/Berlin" })).toBe("4 Jul 2026, 05:08 CEST");
    expect(formatInstant(summer, { mode: "local", zone: "Europe/London" })).toBe("4 Jul 2026, 04:08 BST");
    // Crosses midnight backwards: the date changes with the zone.
    expect(formatInstant(instant, { mode: "local", zone: "America/New_York" })).toBe("3 Dec 2026, 22:08 EST");
  });

  it("a zone with no common abbreviation shows its offset rather than nothing", () => {
    expect(formatInstant(instant, { mode: "local", zone: "Asia/Kolkata" })).toBe(
      "4 Dec 2026, 08:38 GMT+5:30",
    );
  });

  it("formatDateTime takes an explicit preference", () => {
    expect(formatDateTime("2026-12-04T03:08:59Z", { mode: "local", zone: "Asia/Tokyo" })).toBe(
      "4 Dec 2026, 12:08 GMT+9",
    );
    expect(formatDateTime(null, { mode: "local", zone: "Asia/Tokyo" })).toBe("—");
  });
});

describe("the preference cookie", () => {
  afterEach(() => installServerTimeCookieReader(() => null));

  it("round-trips UTC and a local zone", () => {
    const local = { mode: "local", zone: "Europe/Berlin" } as const;
    expect(parseTimePreference(serializeTimePreference(local))).toEqual(local);
    expect(parseTimePreference(serializeTimePreference(UTC_PREFERENCE))).toEqual(UTC_PREFERENCE);
  });

  it("a missing, unknown or tampered value means UTC, never an error", () => {
    for (const v of [
      null,
      undefined,
      "",
      "local:",
      "local:Mars/Olympus",
      "local:<script>",
      "LOCAL:Europe/Berlin",
    ])
      expect(parseTimePreference(v)).toEqual(UTC_PREFERENCE);
  });

  it("finds its own cookie among others", () => {
    expect(timeCookieValue("a=1; kf-time=local%3AEurope%2FBerlin; b=2")).toBe("local:Europe/Berlin");
    expect(timeCookieValue("a=1; not-kf-time=utc")).toBeNull();
  });

  it("on the server, the request's cookie decides what formatDateTime shows", () => {
    installServerTimeCookieReader(() => "local:Europe/Berlin");
    expect(currentTimePreference()).toEqual({ mode: "local", zone: "Europe/Berlin" });
    expect(formatDateTime(instant)).toBe("4 Dec 2026, 04:08 CET");
    installServerTimeCookieReader(() => null);
    expect(formatDateTime(instant)).toBe("4 Dec 2026, 03:08 UTC");
  });
});
