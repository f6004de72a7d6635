import { isPeerAddressStamped, PEER_HEADER } from "./peer-address";

// Rate limits for the endpoints worth hammering: sign-in (each attempt can mean a token exchange with
// the identity provider) and TAP issuance (a pass is a sign-in credential: an insider or a stolen
// helpdesk session issuing many is exactly what to slow down and notice).
//
// In memory, per process: right for one instance. Several instances behind a load balancer each keep
// their own count, so the effective limit is N times higher; a shared store (PostgreSQL or Redis)
// would be needed to make it exact.

export interface RateRule {
  /** Attempts allowed in a burst… */
  limit: number;
  /** …refilled evenly over this window. */
  windowMs: number;
}

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** Token bucket per key: `limit` attempts at once, one more every windowMs/limit. */
export function makeRateLimiter(rule: RateRule, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = rule.limit / rule.windowMs;
  let lastSweep = now();
  return {
    hit(key: string): RateVerdict {
      const t = now();
      // Forget buckets that have refilled completely, so memory stays bounded by recent callers.
      if (t - lastSweep > rule.windowMs) {
        for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= rule.limit) buckets.delete(k);
        lastSweep = t;
      }
      const b = buckets.get(key) ?? { tokens: rule.limit, at: t };
      const tokens = Math.min(rule.limit, b.tokens + (t - b.at) * perMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: t });
      return { ok: true, remaining: Math.floor(tokens - 1) };
    },
    size: () => buckets.size,
  };
}

export type RateLimiter = ReturnType<typeof makeRateLimiter>;

// Per address: generous, because a whole office behind one NAT address signs in through it.
export const signInRule: RateRule = { limit: 30, windowMs: 60_000 };

/**
 * tRPC procedures limited per signed-in staff member, by path. Applied by `procedure()` in
 * server/trpc/init.ts, so a procedure is limited by adding a line here, not by editing its router.
 */
export const procedureRateRules: Readonly<Record<string, RateRule>> = {
  "recovery.issueTap": { limit: 10, windowMs: 10 * 60_000 },
  // The onboarding pass of a handover at the enrollment desk: the same bound as a case's pass.
  "enrollment.issuePass": { limit: 10, windowMs: 10 * 60_000 },
};

// The production build bundles this module more than once (proxy, route handlers, server actions):
// the limiters live on a process-wide symbol so every copy counts into the same buckets.
const REGISTRY = Symbol.for("keyfleet.rateLimiters");
type Registry = Map<string, RateLimiter>;
const registry = (): Registry => ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= new Map());

/** The process-wide limiter called `name`, made with `rule` on first use. */
export function sharedLimiter(name: string, rule: RateRule): RateLimiter {
  const all = registry();
  let limiter = all.get(name);
  if (!limiter) all.set(name, (limiter = makeRateLimiter(rule)));
  return limiter;
}

/** Tests only: start every shared limiter afresh. */
export function resetRateLimitsForTests(): void {
  registry().clear();
}

/**
 * The client address a limit is keyed on (docs/SECURITY.md, "Client addresses"). Behind a trusted
 * reverse proxy (TRUST_PROXY=true) it is the last X-Forwarded-For hop: the address the nearest proxy
 * saw, which the client cannot choose. Otherwise forwarded headers are ignored, and it is the socket's
 * address as this process stamped it; where no stamp was made (a server this process did not start),
 * every caller shares one "direct" bucket — never an address the client chose.
 */
export function clientAddress(headers: Headers, { trustProxy }: { trustProxy: boolean }): string {
  if (trustProxy) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    return hops.at(-1) ?? "unknown";
  }
  return (isPeerAddressStamped() && headers.get(PEER_HEADER)) || "direct";
}
