import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/app/_components/format";
import { formatUtc } from "./date-range";

describe("one time format in messages and on pages", () => {
  it("writes a time as day, short month, year, 24-hour time and UTC", () => {
    expect(formatUtc(new Date("2026-12-04T03:08:59Z"))).toBe("4 Dec 2026, 03:08 UTC");
    expect(formatUtc(null)).toBe("unknown date");
  });

  it("a message and the page beside it show the same instant the same way", () => {
    for (const iso of ["2026-01-01T00:00:00Z", "2026-06-30T23:59:00Z", "2027-02-28T12:30:00Z"]) {
      expect(formatUtc(new Date(iso))).toBe(formatDateTime(iso));
    }
  });
});
