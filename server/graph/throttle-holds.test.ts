// The hold's rules on a fake clock: who waits, for how long, and one envelope at a time while cautious.
import { describe, expect, it } from "vitest";
import { bucketOf, ThrottleHolds } from "./throttle-holds";

function fakeClock() {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

describe("throttle buckets", () => {
  it("tells a user's authentication methods, reports and the rest apart, by path only", () => {
    expect(bucketOf("/users/abc/authentication/fido2Methods")).toBe("authenticationMethods");
    expect(bucketOf("https://graph.microsoft.com/v1.0/users/abc/authentication/methods")).toBe(
      "authenticationMethods",
    );
    expect(bucketOf("/reports/authenticationMethods/userRegistrationDetails")).toBe("reports");
    expect(bucketOf("/auditLogs/directoryAudits?$filter=x")).toBe("reports");
    expect(bucketOf("/users?$filter=startswith(displayName,'authentication/')")).toBe("directory");
  });
});

describe("holds", () => {
  it("a hold set by one sender makes another wait until it ends; other buckets are not held", async () => {
    const c = fakeClock();
    const holds = new ThrottleHolds(c.now, c.sleep);
    holds.hold("authenticationMethods", 2_000);
    await holds.waitOut("directory");
    expect(c.slept).toEqual([]);
    await holds.waitOut("authenticationMethods");
    expect(c.slept).toEqual([2_000]);
    await holds.waitOut("authenticationMethods");
    expect(c.slept).toEqual([2_000]); // over: no second wait
  });

  it("while cautious, a second envelope waits for the first to come back, and is sized by what the bucket answered", async () => {
    const c = fakeClock();
    const holds = new ThrottleHolds(c.now, c.sleep);
    const first = await holds.enter("authenticationMethods");
    expect(first.maxInner).toBe(Number.POSITIVE_INFINITY); // not throttled yet
    first.leave({ throttled: true, answered: 3, retryAfterMs: 2_000 });
    const second = await holds.enter("authenticationMethods");
    expect(c.slept).toEqual([2_000]);
    expect(second.maxInner).toBe(4); // 3 answered after the hold, one more to learn the next Retry-After
    let thirdIn = false;
    const third = holds.enter("authenticationMethods").then((p) => ((thirdIn = true), p));
    await new Promise((r) => setTimeout(r, 10));
    expect(thirdIn).toBe(false); // one envelope at a time while cautious
    second.leave({ throttled: true, answered: 1, retryAfterMs: 2_000 });
    const p3 = await third;
    expect(thirdIn).toBe(true);
    expect(p3.maxInner).toBe(2);
  });
});
