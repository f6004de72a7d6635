// How many portal processes `npm start` runs on one port (WEB_CONCURRENCY). On PostgreSQL, default one
// per core: everything the processes share (sessions, rate limits, the TAP cap, the sync lease, the job
// schedule) lives in the database. The embedded database (PGlite) is one process's files: one process.
import os from "node:os";

export interface Concurrency {
  workers: number;
  /** Why it is what it is, printed at start. */
  reason: string;
}

export function webConcurrency(
  source: Readonly<Record<string, string | undefined>>,
  cores = os.availableParallelism(),
): Concurrency {
  const asked = source.WEB_CONCURRENCY?.trim() || undefined;
  const n = asked === undefined ? undefined : Number(asked);
  if (asked !== undefined && !(Number.isInteger(n) && n! >= 1 && n! <= 64))
    throw new Error(`WEB_CONCURRENCY: expected a whole number of processes from 1 to 64, got "${asked}"`);
  if (!source.DATABASE_URL?.trim())
    return {
      workers: 1,
      reason:
        n !== undefined && n > 1
          ? `1 process: WEB_CONCURRENCY=${n} needs PostgreSQL (DATABASE_URL); the embedded database belongs to one process`
          : "1 process (embedded database)",
    };
  if (n !== undefined) return { workers: n, reason: `${n} process${n > 1 ? "es" : ""} (WEB_CONCURRENCY)` };
  return {
    workers: cores,
    reason: `${cores} process${cores > 1 ? "es" : ""}, one per core (set WEB_CONCURRENCY to change)`,
  };
}
