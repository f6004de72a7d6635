// Days in UTC, defined once: a day's length, its midnight and its YYYY-MM-DD form. KeyFleet's days are
// UTC days throughout (snapshots, sign-in days, deadlines, forecasts, file names).

export const DAY = 86_400_000;

/** Midnight UTC of d's day. */
export const startOfDay = (d: Date): Date =>
  new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** "2026-12-06": d's UTC day in ISO 8601. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
