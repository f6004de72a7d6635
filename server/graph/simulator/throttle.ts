// Token buckets as Graph documents them (docs/SYNC.md "Graph's limits"). Sizes are configurable so tests
// and the bench can use the documented limits, relaxed ones, or "strict": the per-user authentication
// method reads in the identity-and-access-reports bucket of 5 requests / 10 s, as Microsoft's throttling
// page lists authenticationMethod among that bucket's resources (docs/SYNC.md says why we plan for it).

export interface BucketSpec {
  capacity: number;
  windowMs: number;
}

export interface ThrottlingConfig {
  /** Identity and access reports (report routes and sign-in logs): 5 requests / 10 s. */
  reports?: BucketSpec | null;
  /** Directory resource units per app+tenant: 3 500 / 5 000 / 8 000 RU per 10 s by tenant size. */
  directory?: BucketSpec | null;
  /** Writes per app+tenant: 3 000 / 2 min 30 s. */
  writes?: BucketSpec | null;
  /**
   * `/users/{id}/authentication/*` (top-level or inside $batch, each inner request on its own). Null = those
   * routes fall in the directory bucket ("documented"); set = their own reports-sized bucket ("strict").
   */
  authMethods?: BucketSpec | null;
  /**
   * The sync bench's time line (server/graph/time-scale.ts): buckets take "now" from the request's
   * benchClockHeader, so they refill and answer Retry-After on the client's scaled clock. Off by default.
   */
  benchClock?: boolean;
}

export function documentedThrottling(userCount: number): Required<ThrottlingConfig> {
  return {
    reports: { capacity: 5, windowMs: 10_000 },
    directory: { capacity: userCount < 50 ? 3_500 : userCount <= 500 ? 5_000 : 8_000, windowMs: 10_000 },
    writes: { capacity: 3_000, windowMs: 150_000 },
    authMethods: null,
    benchClock: false,
  };
}

/**
 * "strict": documented, plus the authentication-method reads in a 5-request bucket of their own.
 * `windowMs` shrinks the window for tests (5 per second instead of 5 per 10 s keeps a test short).
 */
export function strictThrottling(userCount: number, windowMs = 10_000): Required<ThrottlingConfig> {
  return { ...documentedThrottling(userCount), authMethods: { capacity: 5, windowMs } };
}

export type ThrottlingMode = "documented" | "strict" | "off";

export function throttlingFor(mode: ThrottlingMode, userCount: number): Required<ThrottlingConfig> {
  return mode === "off"
    ? noThrottling
    : mode === "strict"
      ? strictThrottling(userCount)
      : documentedThrottling(userCount);
}

export const noThrottling: Required<ThrottlingConfig> = {
  reports: null,
  directory: null,
  writes: null,
  authMethods: null,
  benchClock: false,
};

export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly spec: BucketSpec,
    now = Date.now(),
  ) {
    this.tokens = spec.capacity;
    this.last = now;
  }
  /** Takes `cost` tokens, or returns the whole seconds to wait (Retry-After). */
  take(cost: number, now = Date.now()): number {
    const rate = this.spec.capacity / this.spec.windowMs;
    // Requests may carry a time line slightly out of order (the bench clock): time never runs back.
    this.tokens = Math.min(this.spec.capacity, this.tokens + Math.max(0, now - this.last) * rate);
    this.last = Math.max(this.last, now);
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - this.tokens) / rate / 1000));
  }
}

/** Resource-unit cost of a directory request (docs/ARCHITECTURE.md, "Microsoft Graph facts": throttling). */
export function resourceUnits(base: number, query: URLSearchParams): number {
  let cost = base;
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = Number(query.get("$top"));
  if (query.has("$top") && top < 20) cost -= 1;
  return Math.max(1, cost);
}
