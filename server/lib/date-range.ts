// Dates the database and ISO 8601 both handle: JavaScript allows years up to ±275760, PostgreSQL
// stores less and Prisma cannot write a year past 9999, so a wild date in an input would fail deep in
// a query instead of at the edge. Nothing in KeyFleet needs a date outside this.
export const EARLIEST_DATE = new Date(Date.UTC(1900, 0, 1));
export const LATEST_DATE = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
export const DATE_RANGE_MESSAGE = "expected a date between the years 1900 and 9999";

export const isStorableDate = (d: Date) =>
  d.getTime() >= EARLIEST_DATE.getTime() && d.getTime() <= LATEST_DATE.getTime();

const utcDateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/**
 * "4 Dec 2026, 03:08 UTC": for messages and step notes a person reads. The same format as the pages'
 * own dates (app/_components/format.ts), so a time reads the same in a message and beside it.
 */
export const formatUtc = (d: Date | null | undefined): string =>
  d ? `${utcDateTime.format(d)} UTC` : "unknown date";
