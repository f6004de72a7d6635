// Display formatting shared by server and client components. Fixed locale; times in UTC unless the
// person chose their local time (./time-preference.ts), which the server and the browser both read from
// the same cookie, so their renders agree (no hydration mismatch).
import { currentTimePreference, formatInstant, type TimePreference } from "./time-preference";

const number = new Intl.NumberFormat("en-GB");
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatNumber = (n: number): string => number.format(n);
/** "4 Dec 2026, 03:08 UTC", or "4 Dec 2026, 04:08 CET" for someone who chose local time. */
export const formatDateTime = (
  d: Date | string | null | undefined,
  preference: TimePreference = currentTimePreference(),
): string => (d ? formatInstant(new Date(d), preference) : "—");
export const formatDate = (d: Date | string | null | undefined): string =>
  d ? date.format(new Date(d)) : "—";
export const percent = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—";
/** "in_stock" → "In stock". */
export const humanize = (value: string): string => {
  const s = value.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};
