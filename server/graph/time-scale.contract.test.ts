// The bench's scaled time line (time-scale.ts) against the simulated tenant: waits are short in real time
// but counted whole, work outside waits counts at real speed, and the tenant's buckets follow the client's
// clock, so a throttled read can never finish sooner on that clock than Graph's limit allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphAdapter } from "./adapter";
import type { RunningSimulator } from "./simulator/server";
import { graphConfigOf, startTestSimulator } from "./simulator/testing";
import { realTime, scaledTime } from "./time-scale";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 11, throttling: "off" });
});
afterAll(() => sim.stop());

const members = () => sim.tenant.users.filter((u) => u.deletedAt === null).map((u) => u.id);

describe("scaled time line", () => {
  it("a wait lasts 1/scale in real time and is counted whole; time outside waits counts at real speed", async () => {
    const time = scaledTime(100);
    const t0 = time.now();
    const r0 = Date.now();
    await time.sleep(5_000);
    const realWait = Date.now() - r0;
    expect(realWait).toBeLessThan(2_000);
    expect(time.now() - t0).toBeGreaterThanOrEqual(5_000);
    expect(time.now() - t0).toBeLessThan(5_000 + 100 * realWait);

    const t1 = time.now();
    await new Promise((r) => setTimeout(r, 200)); // real work, no wait of the transport
    const outside = time.now() - t1;
    expect(outside).toBeGreaterThanOrEqual(150);
    expect(outside).toBeLessThan(2_000); // not 100 × 200 ms
  });

  it("two waits at once advance the clock once, not twice", async () => {
    const time = scaledTime(100);
    const t0 = time.now();
    await Promise.all([time.sleep(3_000), time.sleep(3_000)]);
    const elapsed = time.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(3_000);
    expect(elapsed).toBeLessThan(5_500);
  });

  it("scale 1 is real time, and a scale below 1 is refused", () => {
    expect(scaledTime(1)).toBe(realTime);
    expect(() => scaledTime(0.5)).toThrow(/time scale/);
  });

  it("under 5 reads per 10 s, 15 users' methods take at least 20 s on the client's clock and far less in real time", async () => {
    sim.control.setThrottling({ authMethods: { capacity: 5, windowMs: 10_000 }, benchClock: true });
    try {
      const time = scaledTime(100);
      const ids = members().slice(0, 15);
      const g = createGraphAdapter(graphConfigOf(sim), { time }).withBudget(null, {
        deadline: time.now() + 3_600_000,
      });
      const t0 = time.now();
      const r0 = Date.now();
      const out = await g.listFido2MethodsForUsers(ids);
      const onClock = time.now() - t0;
      expect([...out.values()].filter((r) => r.ok)).toHaveLength(15);
      expect(g.counters().throttled).toBeGreaterThan(0);
      // 5 at once, then one every 2 s: (15 - 5) × 2 s is the least the bucket allows.
      expect(onClock).toBeGreaterThanOrEqual(20_000);
      expect(onClock).toBeLessThan(40_000);
      expect(Date.now() - r0).toBeLessThan(10_000);
    } finally {
      sim.control.setThrottling("off");
    }
  });
});
