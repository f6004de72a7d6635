// Graph time as the transport sees it: when "now" is and how to wait. Production uses real time. The sync
// bench (scripts/bench-sync.ts) uses a scaled time line, so that a sync Graph's 5-per-10-s limit holds for
// hours is measured in minutes: every wait (Retry-After, backoff) lasts 1/S of its length in real time,
// and the clock counts it at its full length. Everything else (requests, the database, the sync's own
// work) runs and counts at real speed. The time line is sent to the simulated tenant with every request
// (benchClockHeader), whose buckets refill by it. Never set in production (docs/BENCHMARKS.md, sync-strict).

export interface GraphTime {
  /** Epoch ms on this time line. */
  now(): number;
  /** Waits `ms` on this time line. */
  sleep(ms: number): Promise<void>;
  /** 1 = real time. */
  readonly scale: number;
}

/** Carries the client's time line to the simulated tenant (only when the scale is not 1). */
export const benchClockHeader = "x-keyfleet-bench-clock";

export const realTime: GraphTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  scale: 1,
};

/**
 * Waits last 1/`scale` of their length in real time, and when one ends the clock moves on to where it would
 * have ended (never back): a wait is counted whole, once however many run at the same time, and a timer
 * that fires late costs its lateness once, as it would at real time. Between waits the clock is real time.
 */
export function scaledTime(scale: number): GraphTime {
  if (!Number.isFinite(scale) || scale < 1) throw new Error(`time scale must be a number ≥ 1 (got ${scale})`);
  if (scale === 1) return realTime;
  let skipped = 0; // ms the clock is ahead of real time: the waits' skipped parts
  const now = () => Date.now() + skipped;
  return {
    now,
    async sleep(ms) {
      const end = now() + ms;
      await new Promise<void>((resolve) => setTimeout(resolve, ms / scale));
      skipped += Math.max(0, end - now());
    },
    scale,
  };
}
