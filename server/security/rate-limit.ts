import type { Db } from "@/server/db/uow";
import { logger } from "@/server/lib/logger";
import { isPeerAddressStamped, PEER_HEADER } from "./peer-address";
import type { RateLimitRepository } from "./rate-limit.repository";

// Rate limits for the endpoints worth hammering: sign-in (each attempt can mean a token exchange with
// the identity provider) and TAP issuance (a pass is a sign-in credential: an insider or a stolen
// helpdesk session issuing many is exactly what to slow down and notice).
//
// The buckets live in the database (rate-limit.repository.ts), so every worker process and every
// machine on the same PostgreSQL counts into the same ones: N instances still give the limit once.

export interface RateRule {
  /** Attempts allowed in a burst… */
  limit: number;
  /** …refilled evenly over this window. */
  windowMs: number;
}

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** Token buckets per (limit name, key): `limit` attempts at once, one more every windowMs/limit. */
export function makeRateLimits({
  db,
  repo,
  clock,
}: {
  db: Db;
  repo: RateLimitRepository;
  clock: () => Date;
}) {
  const lastSweep = new Map<string, number>();
  return {
    async hit(name: string, rule: RateRule, key: string): Promise<RateVerdict> {
      const at = clock();
      const perMs = rule.limit / rule.windowMs;
      const { granted, tokens } = await repo.take(db, { name, key, limit: rule.limit, perMs, at });
      // Now and then, forget buckets that have refilled completely (nobody hit them for a whole window).
      const t = at.getTime();
      if (t - (lastSweep.get(name) ?? 0) > rule.windowMs) {
        lastSweep.set(name, t);
        await repo
          .forgetIdle(db, name, new Date(t - rule.windowMs))
          .catch((error: unknown) => logger.warn("rate limit: idle buckets not forgotten", { name, error }));
      }
      if (!granted)
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      return { ok: true, remaining: Math.floor(tokens) };
    },
  };
}

export type RateLimits = ReturnType<typeof makeRateLimits>;

// Per address: generous, because a whole office behind one NAT address signs in through it.
export const SIGN_IN_LIMIT = "sign-in";
export const signInRule: RateRule = { limit: 30, windowMs: 60_000 };

/**
 * tRPC procedures limited per signed-in staff member, by path. Applied by `procedure()` in
 * server/trpc/init.ts, so a procedure is limited by adding a line here, not by editing its router.
 */
export const procedureRateRules: Readonly<Record<string, RateRule>> = {
  "recovery.issueTap": { limit: 10, windowMs: 10 * 60_000 },
};

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
