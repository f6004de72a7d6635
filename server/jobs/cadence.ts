// The sync's cadence, one definition for both schedulers and for the sync page: pg-boss schedules the
// cron expression below, the in-process scheduler waits for the same minutes, and the page shows the
// next of them. Times are UTC (pg-boss evaluates cron in UTC by default).

const MINUTE = 60_000;

/** Every N minutes as cron (pg-boss schedules by cron; N ≥ 60 rounds to hours, 24 h or more is daily). */
export function cronEvery(minutes: number): string {
  const { step, unit } = cadenceOf(minutes);
  if (unit === "minute") return `*/${step} * * * *`;
  return unit === "hour" ? `0 */${step} * * *` : "0 0 * * *";
}

function cadenceOf(minutes: number): { step: number; unit: "minute" | "hour" | "day" } {
  if (minutes < 60) return { step: Math.max(1, Math.round(minutes)), unit: "minute" };
  const hours = Math.max(1, Math.round(minutes / 60));
  return hours >= 24 ? { step: 1, unit: "day" } : { step: hours, unit: "hour" };
}

/** The period the scheduler really keeps, in minutes (7 → 7, 100 → 120, 2 000 → 1 440). */
export function cadenceMinutes(minutes: number): number {
  const { step, unit } = cadenceOf(minutes);
  return step * (unit === "minute" ? 1 : unit === "hour" ? 60 : 24 * 60);
}

/** Whether the cron expression of cronEvery(minutes) fires in the UTC minute that starts at `at`. */
function fires(minutes: number, at: Date): boolean {
  const { step, unit } = cadenceOf(minutes);
  if (unit === "minute") return at.getUTCMinutes() % step === 0;
  if (at.getUTCMinutes() !== 0) return false;
  return unit === "hour" ? at.getUTCHours() % step === 0 : at.getUTCHours() === 0;
}

/** The first minute strictly after `now` at which cronEvery(minutes) fires. */
export function nextRunAfter(minutes: number, now: Date): Date {
  let at = Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE;
  // A daily cron fires at least once in any 24 hours (and one more minute).
  for (let i = 0; i <= 24 * 60; i++, at += MINUTE) if (fires(minutes, new Date(at))) return new Date(at);
  throw new Error(`no run of "${cronEvery(minutes)}" within a day`);
}
