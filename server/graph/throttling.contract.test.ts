// The transport under throttling, against the simulated tenant: Retry-After honoured until a view's
// deadline (nothing dropped), the adaptive limits, and the priority lane.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphAdapter } from "./adapter";
import type { RunningSimulator } from "./simulator/server";
import { graphConfigOf, startTestSimulator } from "./simulator/testing";
import { Aimd } from "./transport";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 8, throttling: "off" });
});
afterAll(() => sim.stop());

const members = () => sim.tenant.users.filter((u) => u.deletedAt === null).map((u) => u.id);

describe("throttled reads", () => {
  it("with a deadline, every throttled inner $batch request is retried after its Retry-After until it succeeds; without one, retries stop after maxRetries", async () => {
    sim.control.setThrottling({ authMethods: { capacity: 5, windowMs: 1_000 } });
    try {
      const ids = members().slice(0, 15);
      const bounded = createGraphAdapter(graphConfigOf(sim), { maxRetries: 0 });
      const dropped = await bounded.listFido2MethodsForUsers(ids);
      const throttled = [...dropped.values()].filter((r) => !r.ok && r.error.kind === "throttled").length;
      expect(throttled).toBe(10);

      await new Promise((r) => setTimeout(r, 1_100)); // the bucket refills
      const waits: number[] = [];
      const patient = createGraphAdapter(graphConfigOf(sim), {
        maxRetries: 0,
        sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, ms))),
      }).withBudget(null, { deadline: Date.now() + 30_000 });
      const all = await patient.listFido2MethodsForUsers(ids);
      expect([...all.values()].every((r) => r.ok)).toBe(true);
      expect(all.size).toBe(15);
      expect(patient.counters().throttled).toBeGreaterThan(0);
      // Every wait was (the rest of) the hold of a Retry-After the tenant gave (1 s here), and the lane
      // that met the 429 waited it whole.
      expect(waits.length).toBeGreaterThan(0);
      expect(waits.every((ms) => ms > 0 && ms <= 1_000)).toBe(true);
      expect(Math.max(...waits)).toBeGreaterThanOrEqual(900);
    } finally {
      sim.control.setThrottling("off");
    }
  });

  it("a deadline that the next Retry-After would pass ends the retries with a throttled error, not a wait past it", async () => {
    sim.control.setThrottling({ authMethods: { capacity: 1, windowMs: 10_000 } });
    try {
      const ids = members().slice(0, 3);
      const g = createGraphAdapter(graphConfigOf(sim)).withBudget(null, { deadline: Date.now() + 1_500 });
      const started = Date.now();
      const out = await g.listFido2MethodsForUsers(ids);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect([...out.values()].filter((r) => r.ok)).toHaveLength(1);
      expect([...out.values()].filter((r) => !r.ok && r.error.kind === "throttled")).toHaveLength(2);
    } finally {
      sim.control.setThrottling("off");
    }
  });
});

describe("adaptive limits", () => {
  it("halve on a 429 (once per burst) and grow back by about one per window of successes", () => {
    const a = new Aimd(8);
    a.throttled(10_000);
    a.throttled(10_500); // same burst: no second halving
    expect(a.value).toBe(4);
    a.throttled(11_600);
    expect(a.value).toBe(2);
    for (let i = 0; i < 2; i++) a.succeeded();
    expect(a.value).toBe(2); // 2 + 1/2 + 1/2.5: not yet 3
    for (let i = 0; i < 2; i++) a.succeeded();
    expect(a.value).toBe(3);
    for (let i = 0; i < 200; i++) a.succeeded();
    expect(a.value).toBe(8); // never above the configured maximum
  });
});

describe("priority lane", () => {
  it("a priority view's request goes ahead of requests already waiting for a slot", async () => {
    sim.control.setFaults({ latencyMs: 150 });
    try {
      const base = createGraphAdapter(graphConfigOf(sim), { concurrency: 1 });
      const [a, b, c, d] = members();
      await base.getUser(a!); // token fetched outside the measurement
      const done: string[] = [];
      const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
      const first = track("in flight", base.getUser(a!));
      const queued = [track("queued 1", base.getUser(b!)), track("queued 2", base.getUser(c!))];
      await new Promise((r) => setTimeout(r, 20));
      const urgent = track("priority", base.withBudget(5, { priority: true }).getUser(d!));
      await Promise.all([first, ...queued, urgent]);
      expect(done).toEqual(["in flight", "priority", "queued 1", "queued 2"]);
    } finally {
      sim.control.clearFaults();
    }
  });
});
