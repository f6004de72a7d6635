// Display formatting shared by server and client components. Fixed locale and UTC so the server
// render and the browser agree (no hydration mismatch) and audit times are unambiguous.

const number = new Intl.NumberFormat("en-GB");
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatNumber = (n: number): string => number.format(n);
export const formatDateTime = (d: Date | string | null | undefined): string =>
  d ? `${dateTime.format(new Date(d))} UTC` : "—";
export const formatDate = (d: Date | string | null | undefined): string =>
  d ? date.format(new Date(d)) : "—";
export const percent = (part: number, whole: number): string =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—";
/** "in_stock" → "In stock". */
export const humanize = (value: string): string => {
  const s = value.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};
