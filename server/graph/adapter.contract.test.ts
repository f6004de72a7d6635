// Contract tests: the real adapter (SDK + @azure/identity) against the simulated tenant over HTTPS —
// paging, $batch, throttling and errors. Tokens, budget, logging and the calls one by one:
// adapter-calls.contract.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphError } from "./errors";
import {
  collect,
  fastAdapter,
  resetContractTenant,
  startContractTenant,
  userWithKey as withKey,
} from "./simulator/testing";
import type { RunningSimulator } from "./simulator/server";
import type { GraphPort } from "./port";

let sim: RunningSimulator;
let graph: GraphPort;
let sleeps: number[];
let allUserIds: string[];

beforeAll(
  async () => ({ sim, graph, sleeps, allUserIds } = await startContractTenant({ users: 150, seed: 11 })),
);
afterAll(() => sim.stop());
afterEach(() => resetContractTenant(sim, sleeps));

const fresh = (options = {}) => fastAdapter(sim, options);
const userWithKey = () => withKey(sim);

describe("paging", () => {
  it("follows nextLink across many pages and returns every user exactly once", async () => {
    const { graph: g } = fresh();
    const { items, pages } = await collect(g.listUsers({ top: 7, select: ["id", "displayName"] }));
    expect(pages).toBe(Math.ceil(allUserIds.length / 7));
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
    expect(items.map((u) => u.id).sort()).toEqual([...allUserIds].sort());
    expect(items[0]).not.toHaveProperty("department"); // $select honoured through the nextLinks
    expect(g.counters().requests).toBe(pages);
  });

  it("streams the registration report page by page with a filter", async () => {
    const { items } = await collect(
      graph.listRegistrationDetails({ filter: "methodsRegistered/any(m:m eq 'passKeyDeviceBound')" }),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.methodsRegistered.includes("passKeyDeviceBound"))).toBe(true);
  });
});

describe("$batch", () => {
  it("splits 45 users into three envelopes of at most 20 and answers for each user", async () => {
    const { graph: g } = fresh();
    const ids = allUserIds.slice(0, 45);
    const result = await g.listFido2MethodsForUsers(ids);
    expect(g.counters().requests).toBe(3);
    expect([...result.keys()].sort()).toEqual([...ids].sort());
    const u = userWithKey();
    const direct = await g.listFido2Methods(u.id);
    const batched = (await g.listFido2MethodsForUsers([u.id])).get(u.id);
    expect(batched).toEqual({ ok: true, methods: direct });
  });

  it("retries only the inner requests that were throttled, after their Retry-After, and reports per-user errors", async () => {
    const { graph: g, sleeps: waits } = fresh();
    const ids = allUserIds.slice(0, 25);
    const throttledUser = ids[3]!;
    sim.control.setFaults({
      rules: [
        {
          method: "GET",
          pathIncludes: `/users/${throttledUser}/authentication/fido2Methods`,
          status: 429,
          retryAfter: 4,
          times: 2,
        },
      ],
    });
    const before = sim.control.stats().byRoute.listFido2Methods ?? 0;
    const result = await g.listFido2MethodsForUsers([...ids, "00000000-0000-0000-0000-00000000dead"]);
    expect(result.get(throttledUser)?.ok).toBe(true);
    const missing = result.get("00000000-0000-0000-0000-00000000dead");
    expect(missing?.ok).toBe(false);
    expect(missing && !missing.ok && missing.error.kind).toBe("not_found");
    expect(ids.every((id) => result.get(id)?.ok)).toBe(true);
    // The throttled user's lane waited its Retry-After twice; any other wait is the rest of that hold
    // (throttle-holds.ts), never longer than the Retry-After.
    expect(waits.filter((ms) => ms === 4000).length).toBeGreaterThanOrEqual(2);
    expect(waits.every((ms) => ms > 0 && ms <= 4000)).toBe(true);
    expect(g.counters()).toMatchObject({ requests: 4, throttled: 2, retries: 2 });
    // 26 first tries reached the routes, the two retries carried only the throttled user (not the 404).
    expect((sim.control.stats().byRoute.listFido2Methods ?? 0) - before).toBe(26);
  });
});

describe("throttling and failures", () => {
  it("waits Retry-After seconds on a 429 and then succeeds", async () => {
    const { graph: g, sleeps: waits } = fresh();
    sim.control.setFaults({
      rules: [{ pathIncludes: `/users/${allUserIds[0]}`, status: 429, retryAfter: 7 }],
    });
    await expect(g.getUser(allUserIds[0]!)).resolves.toMatchObject({ id: allUserIds[0] });
    expect(waits).toEqual([7000]);
    expect(g.counters()).toMatchObject({ requests: 2, throttled: 1, retries: 1 });
  });

  it("backs off exponentially with jitter when a 429 has no Retry-After", async () => {
    const { graph: g, sleeps: waits } = fresh({ backoffBaseMs: 1000 });
    sim.control.setFaults({
      rules: [{ pathIncludes: `/users/${allUserIds[1]}`, status: 429, retryAfter: null, times: 3 }],
    });
    await g.getUser(allUserIds[1]!);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(2000);
    expect(waits[2]).toBeGreaterThanOrEqual(2000);
    expect(waits[2]).toBeLessThanOrEqual(4000);
  });

  it("gives up after the bounded number of tries with a throttled error", async () => {
    const { graph: g } = fresh({ maxRetries: 2 });
    sim.control.setFaults({
      rules: [{ pathIncludes: `/users/${allUserIds[2]}`, status: 429, retryAfter: 1, times: 10 }],
    });
    const error = await g.getUser(allUserIds[2]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: "throttled", status: 429, code: "TOO_MANY_REQUESTS" });
    expect(g.counters().requests).toBe(3);
  });

  it("retries a 5xx on a read", async () => {
    const { graph: g } = fresh();
    sim.control.setFaults({
      rules: [{ pathIncludes: "/authentication/fido2Methods", status: 503, times: 2 }],
    });
    await expect(g.listFido2Methods(userWithKey().id)).resolves.not.toHaveLength(0);
    expect(g.counters()).toMatchObject({ requests: 3, retries: 2, throttled: 0 });
  });

  it("does not resend a TAP create after a 5xx: the create reaches Entra once", async () => {
    const { graph: g } = fresh();
    const userId = allUserIds[5]!;
    sim.control.clearDestructiveCalls();
    sim.control.setFaults({
      rules: [{ method: "POST", pathIncludes: "temporaryAccessPassMethods", status: 503, times: 1 }],
    });
    const error = await g
      .createTemporaryAccessPass(userId, { lifetimeInMinutes: 60, isUsableOnce: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "upstream", status: 503 });
    expect(g.counters().requests).toBe(1);
    // The fault answered before the route, so Entra never acted: no TAP, nothing logged as received.
    expect(sim.control.destructiveCalls()).toHaveLength(0);
    expect(await g.listTemporaryAccessPasses(userId)).toEqual([]);
  });

  it("times out a hung request", async () => {
    const { graph: g } = fresh({ timeoutMs: 200, maxRetries: 0 });
    sim.control.setFaults({ rules: [{ pathIncludes: `/users/${allUserIds[6]}`, status: 0, delayMs: 1500 }] });
    await expect(g.getUser(allUserIds[6]!)).rejects.toMatchObject({ kind: "timeout", code: "UPSTREAM" });
  });

  it("retries a read that timed out", async () => {
    const { graph: g } = fresh({ timeoutMs: 200, maxRetries: 1 });
    sim.control.setFaults({
      rules: [{ pathIncludes: `/users/${allUserIds[7]}`, status: 0, delayMs: 1500, times: 1 }],
    });
    await expect(g.getUser(allUserIds[7]!)).resolves.toMatchObject({ id: allUserIds[7] });
    expect(g.counters().retries).toBe(1);
  });
});

describe("errors", () => {
  it("maps 404 to not_found with Graph's request id", async () => {
    const error = await graph.getFido2Method(allUserIds[0]!, "no-such-method").catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_found", status: 404, code: "NOT_FOUND" });
    expect((error as GraphError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("maps 403 to a permission error naming the permission to grant", async () => {
    sim.control.revokePermissions([
      "UserAuthMethod-Passkey.ReadWrite.All",
      "UserAuthenticationMethod.ReadWrite.All",
    ]);
    const error = await graph.listFido2Methods(allUserIds[0]!).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "permission", status: 403 });
    expect((error as Error).message).toContain("Grant UserAuthMethod-Passkey.Read.All");
    const del = await graph.deleteFido2Method(allUserIds[0]!, "x").catch((e: unknown) => e);
    expect((del as Error).message).toContain("Grant UserAuthMethod-Passkey.ReadWrite.All");
  });

  it("keeps Graph's message on a bad request", async () => {
    await expect(
      graph.createTemporaryAccessPass(allUserIds[8]!, { lifetimeInMinutes: 30 }),
    ).rejects.toMatchObject({
      kind: "bad_request",
      code: "BAD_REQUEST",
      message: "Invalid LifetimeInMinutes specified. The valid range between 60 and 480.",
    });
  });
});
