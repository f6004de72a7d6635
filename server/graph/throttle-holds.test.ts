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

describe("turns while cautious", () => {
  it("the next turn goes to the best rank, also when the sender that met the 429 ranks best and is still sleeping its Retry-After", async () => {
    const c = fakeClock();
    const holds = new ThrottleHolds(c.now, c.sleep);
    const order: string[] = [];
    // An older call (rank 1) and a newer one (rank 2) send at once; both come back throttled.
    const older = await holds.enter("authenticationMethods", 1);
    const newer = await holds.enter("authenticationMethods", 2);
    const olderEnd = older.leave({ throttled: true, answered: 5, retryAfterMs: 2_000 })!;
    // The newer call asks for the next turn first…
    const newerNext = holds.enter("authenticationMethods", 2).then((p) => (order.push("rank 2"), p));
    newer.leave({ throttled: true, answered: 0, retryAfterMs: 2_000 });
    // …the older one queues as it starts its own Retry-After (the lane that met the 429).
    const olderNext = holds
      .enter("authenticationMethods", 1, { sleepMs: 2_000, heldEnd: olderEnd })
      .then((p) => (order.push("rank 1"), p));
    const first = await Promise.race([olderNext, newerNext]);
    expect(order).toEqual(["rank 1"]); // the older call's envelope goes first
    first.leave({ throttled: true, answered: 5, retryAfterMs: 2_000 });
    (await newerNext).leave({ throttled: false, answered: 1 });
    expect(order).toEqual(["rank 1", "rank 2"]);
  });

  it("the sender that met the 429 sleeps its own Retry-After, then waits out a hold someone set meanwhile", async () => {
    const c = fakeClock();
    const holds = new ThrottleHolds(c.now, c.sleep);
    const a = await holds.enter("authenticationMethods", 1);
    const b = await holds.enter("authenticationMethods", 2);
    const aEnd = a.leave({ throttled: true, answered: 0, retryAfterMs: 1_000 })!;
    c.slept.length = 0;
    const aNext = holds.enter("authenticationMethods", 1, { sleepMs: 1_000, heldEnd: aEnd });
    // b's 429 (longer Retry-After) extends the hold while a sleeps its own.
    b.leave({ throttled: true, answered: 0, retryAfterMs: 3_000 });
    const pass = await aNext;
    expect(c.slept.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(3_000); // not 1 000: b's hold too
    expect(c.now()).toBeGreaterThanOrEqual(holds.heldUntil("authenticationMethods"));
    pass.leave({ throttled: false, answered: 1 });
  });
});
