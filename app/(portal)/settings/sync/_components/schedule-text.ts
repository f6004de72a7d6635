import { formatNumber } from "@/app/_components/format";

// Words for the sync page's schedule line and the Full sync dialog (figures from sync.schedule).

/** "15 minutes", "2 hours", "day": a period in minutes as the schedule line says it after "every". */
export function period(minutes: number): string {
  if (minutes % (24 * 60) === 0) return minutes === 24 * 60 ? "day" : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return minutes === 1 ? "minute" : `${minutes} minutes`;
}

/** "less than a minute", "about 3 minutes", "about 2.5 hours": how long something that took `ms` takes. */
function about(ms: number): string {
  if (ms < 60_000) return "less than a minute";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `about ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  return `about ${(minutes / 60).toFixed(1)} hours`;
}

/** How long a full sync will take, from the last full run when there is one. */
export function fullSyncEstimate(s: { lastFull: { durationMs: number } | null; users: number }): string {
  if (!s.lastFull)
    return "How long it takes depends on the tenant's size: Entra limits how fast security keys can be read, so a few hundred users take minutes and tens of thousands take hours.";
  return `At the tenant's limits this takes ${about(s.lastFull.durationMs)} for ${formatNumber(s.users)} users, going by the last full sync.`;
}
