// Graph time as the transport sees it: when "now" is and how to wait. Production uses real time. The sync
// bench (scripts/bench-sync.ts) uses a scaled time line, so that a sync Graph's 5-per-10-s limit holds for
// hours is measured in minutes: every wait (Retry-After, backoff) lasts 1/S of its length in real time,
// and while at least one wait is under way the clock runs S times as fast, so it counts each wait at its
// full length. Everything else (requests, the database, the sync's own work) runs and counts at real
// speed. The time line is sent to the simulated tenant with every request (benchClockHeader), whose
// buckets refill by it. Never set in production (docs/BENCHMARKS.md, "Strict throttling at 100 000 users").

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

/** Waits last 1/`scale` of their length; the clock counts them whole (see above). */
export function scaledTime(scale: number): GraphTime {
  if (!Number.isFinite(scale) || scale < 1) throw new Error(`time scale must be a number ≥ 1 (got ${scale})`);
  if (scale === 1) return realTime;
  let skipped = 0; // ms the clock is ahead of real time: (scale - 1) × the real time spent waiting
  let waiting = 0;
  let since = 0;
  const now = () => Date.now() + skipped + (waiting > 0 ? (Date.now() - since) * (scale - 1) : 0);
  return {
    now,
    async sleep(ms) {
      if (waiting++ === 0) since = Date.now();
      await new Promise<void>((resolve) => setTimeout(resolve, ms / scale));
      if (--waiting === 0) skipped += (Date.now() - since) * (scale - 1);
    },
    scale,
  };
}
