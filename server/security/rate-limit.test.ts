import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, makeRateLimiter, resetRateLimitsForTests, sharedLimiter } from "./rate-limit";

describe("rate limiter (token bucket)", () => {
  it("allows a burst of `limit`, refuses the next with a retry time, and refills over the window", () => {
    let t = 0;
    const limiter = makeRateLimiter({ limit: 3, windowMs: 60_000 }, () => t);
    expect([1, 2, 3].map(() => limiter.hit("a").ok)).toEqual([true, true, true]);
    expect(limiter.hit("a")).toEqual({ ok: false, retryAfterSeconds: 20 });
    t += 19_000;
    expect(limiter.hit("a").ok).toBe(false);
    t += 1_000; // 20 s after the refusal: one attempt earned back
    expect(limiter.hit("a").ok).toBe(true);
    expect(limiter.hit("a").ok).toBe(false);
  });

  it("counts each key on its own", () => {
    const limiter = makeRateLimiter({ limit: 1, windowMs: 1_000 }, () => 0);
    expect(limiter.hit("a").ok).toBe(true);
    expect(limiter.hit("b").ok).toBe(true);
    expect(limiter.hit("a").ok).toBe(false);
  });

  it("forgets keys that have refilled, so memory does not grow with every caller ever seen", () => {
    let t = 0;
    const limiter = makeRateLimiter({ limit: 2, windowMs: 1_000 }, () => t);
    for (let i = 0; i < 100; i++) limiter.hit(`ip-${i}`);
    expect(limiter.size()).toBe(100);
    t += 5_000;
    limiter.hit("late");
    expect(limiter.size()).toBe(1);
  });
});

describe("shared limiters", () => {
  afterEach(() => resetRateLimitsForTests());

  it("hand every caller of a name the same buckets", () => {
    const rule = { limit: 1, windowMs: 60_000 };
    expect(sharedLimiter("x", rule).hit("k").ok).toBe(true);
    expect(sharedLimiter("x", rule).hit("k").ok).toBe(false);
    expect(sharedLimiter("y", rule).hit("k").ok).toBe(true);
  });
});

describe("client address", () => {
  it("behind a trusted proxy (TRUST_PROXY=true) is the hop the nearest proxy appended, not what the client claims first", () => {
    const trusted = { trustProxy: true };
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }), trusted)).toBe("10.0.0.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "127.0.0.1" }), trusted)).toBe("127.0.0.1");
    expect(clientAddress(new Headers(), trusted)).toBe("unknown");
  });

  it("without a trusted proxy never takes an address from the request's headers", () => {
    // No socket stamp in this process (see peer-address.test.ts for the stamped case): one shared bucket.
    const untrusted = { trustProxy: false };
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }), untrusted)).toBe("direct");
    expect(clientAddress(new Headers({ "x-real-ip": "10.0.0.8" }), untrusted)).toBe("direct");
    expect(clientAddress(new Headers({ "x-keyfleet-peer": "10.0.0.9" }), untrusted)).toBe("direct");
  });
});
