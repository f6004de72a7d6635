// Contract tests: the real adapter (SDK + @azure/identity) against the simulated tenant over HTTPS.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphError } from "./errors";
import { fastAdapter, startTestSimulator } from "./simulator/testing";
import type { RunningSimulator } from "./simulator/server";
import type { GraphPort } from "./port";

let sim: RunningSimulator;
let graph: GraphPort;
let sleeps: number[];
let allUserIds: string[];

beforeAll(async () => {
  sim = await startTestSimulator({ users: 150, seed: 11 });
  ({ graph, sleeps } = fastAdapter(sim));
  allUserIds = sim.tenant.users.filter((u) => u.deletedAt === null).map((u) => u.id);
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.control.clearFaults();
  sim.control.resetPermissions();
  sleeps.length = 0;
});

const fresh = (options = {}) => fastAdapter(sim, options);
const userWithKey = () =>
  sim.tenant.users.find(
    (u) =>
      u.accountEnabled &&
      sim.tenant.credentialsByUser.get(u.idx)?.some((c) => c.removedAt === null && c.kind === "hardware"),
  )!;

async function collect<T>(it: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for await (const p of it) {
    items.push(...p);
    pages++;
  }
  return { items, pages };
}

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
    expect(waits).toEqual([4000, 4000]);
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

describe("tokens, budget, logging", () => {
  it("fetches a new token when Graph says the token expired, once", async () => {
    const { graph: g } = fresh();
    await g.getUser(allUserIds[0]!);
    const before = sim.control.stats();
    sim.control.expireTokens();
    await expect(g.getUser(allUserIds[1]!)).resolves.toMatchObject({ id: allUserIds[1] });
    const after = sim.control.stats();
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(after.tokensRejected - before.tokensRejected).toBe(1);
  });

  it("stops at the request budget without sending the request over it", async () => {
    const run = fresh().graph.withBudget(2);
    const before = sim.control.stats().requests;
    const pages: number[] = [];
    const error = await (async () => {
      for await (const p of run.listUsers({ top: 10 })) pages.push(p.length);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "budget_exhausted" });
    expect(pages).toEqual([10, 10]);
    expect(sim.control.stats().requests - before).toBe(2);
    expect(run.counters()).toMatchObject({ requests: 2, budgetRemaining: 0 });
  });

  it("never logs a token or a TAP", async () => {
    const lines: string[] = [];
    const log = (m: string, d?: unknown) => void lines.push(`${m} ${JSON.stringify(d)}`);
    const { graph: g } = fresh({ logger: { debug: log, info: log, warn: log } });
    sim.control.setFaults({
      rules: [{ method: "POST", pathIncludes: "temporaryAccessPassMethods", status: 429, retryAfter: 1 }],
    });
    const tap = await g.createTemporaryAccessPass(allUserIds[9]!, {
      lifetimeInMinutes: 60,
      isUsableOnce: true,
    });
    expect(tap.temporaryAccessPass).toHaveLength(8);
    expect(lines.length).toBeGreaterThan(1);
    const all = lines.join("\n");
    expect(all).not.toContain(tap.temporaryAccessPass);
    expect(all.toLowerCase()).not.toContain("bearer");
    expect(all).not.toContain(sim.clientSecret);
  });
});

describe("delta, provisioning", () => {
  it("returns a deltaLink, then only changed users and @removed entries", async () => {
    const rounds = async (deltaLink?: string) => {
      const users: string[] = [];
      const removed: string[] = [];
      let link: string | undefined;
      for await (const p of graph.usersDelta({ select: ["id", "accountEnabled"], deltaLink })) {
        users.push(...p.users.map((u) => u.id));
        removed.push(...p.removed.map((r) => r.id));
        link = p.deltaLink ?? link;
      }
      return { users, removed, link };
    };
    const first = await rounds();
    expect(first.link).toBeDefined();
    expect(first.users.length).toBe(sim.tenant.users.filter((u) => u.deletedAt === null).length);
    const [a, b] = [allUserIds[20]!, allUserIds[21]!];
    sim.control.setUserEnabled(a, false);
    sim.control.deleteUser(b);
    const second = await rounds(first.link);
    expect(second.users).toEqual([a]);
    expect(second.removed).toEqual([b]);
    const third = await rounds(second.link);
    expect(third.users).toEqual([]);
    expect(third.removed).toEqual([]);
  });

  it("provisions a key on behalf of a user; the serial stays ground truth only", async () => {
    const userId = allUserIds[30]!;
    const options = await graph.getFido2CreationOptions(userId);
    expect(options.publicKey.challenge).toBeTruthy();
    const publicKeyCredential = sim.control.makeCredential({
      challenge: options.publicKey.challenge,
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      serial: "31337001",
    });
    const created = await graph.createFido2Method(userId, {
      displayName: "Issued by KeyFleet",
      publicKeyCredential,
    });
    expect(created).toMatchObject({
      id: publicKeyCredential.id,
      model: "YubiKey 5 Series with NFC",
      attestationLevel: "attested",
    });
    expect(sim.control.groundTruth({ credentialId: created.id })).toMatchObject([
      { serial: "31337001", userId },
    ]);
    expect(JSON.stringify(await graph.listFido2Methods(userId))).not.toContain("31337001");
    // The challenge is single use.
    await expect(
      graph.createFido2Method(userId, {
        publicKeyCredential: sim.control.makeCredential({
          challenge: options.publicKey.challenge,
          aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
        }),
      }),
    ).rejects.toMatchObject({ kind: "bad_request" });
  });
});

describe("the rest of the port", () => {
  it("reads groups, direct and transitive members, summaries, sign-ins and all methods", async () => {
    const { items: groups } = await collect(graph.listGroups());
    const wave = groups.find((g) => g.displayName?.includes("Wave 3"))!;
    const { items: direct } = await collect(graph.listGroupMembers(wave.id));
    const { items: transitive } = await collect(graph.listGroupMembers(wave.id, { transitive: true }));
    expect(direct.every((m) => m.odataType === "#microsoft.graph.group")).toBe(true);
    expect(transitive.some((m) => m.odataType === "#microsoft.graph.user")).toBe(true);

    const byMethod = await graph.getUsersRegisteredByMethod();
    expect(byMethod.totalUserCount).toBe(sim.tenant.users.filter((u) => u.deletedAt === null).length);
    expect(
      byMethod.userRegistrationMethodCounts.find((c) => c.authenticationMethod === "passKeyDeviceBound")
        ?.userCount,
    ).toBeGreaterThan(0);
    const byFeature = await graph.getUsersRegisteredByFeature({ includedUserRoles: "admin" });
    expect(byFeature.userRegistrationFeatureCounts.map((c) => c.feature)).toContain("passwordlessCapable");

    const u = userWithKey();
    const since = new Date(Date.now() + sim.tenant.offsetMs - 30 * 86_400_000).toISOString();
    const { items: signIns } = await collect(graph.listSignIns({ since }));
    expect(signIns.every((s) => s.createdDateTime >= since.slice(0, 19))).toBe(true);
    const mine = await collect(graph.listSignIns({ userId: u.id }));
    expect(mine.items.every((s) => s.userId === u.id)).toBe(true);

    const methods = await graph.listAuthenticationMethods(u.id);
    expect(methods.some((m) => m.odataType === "#microsoft.graph.fido2AuthenticationMethod")).toBe(true);
    expect(methods.some((m) => m.odataType === "#microsoft.graph.passwordAuthenticationMethod")).toBe(true);
    expect(await graph.revokeSignInSessions(u.id)).toBe(true);
    expect(
      sim.control.destructiveCalls().filter((c) => c.kind === "revokeSignInSessions" && c.userId === u.id),
    ).toHaveLength(1);
  });

  it("deletes a FIDO2 method once; the DELETE reaches Entra exactly once and the method is gone", async () => {
    const u = userWithKey();
    const [method] = await graph.listFido2Methods(u.id);
    sim.control.clearDestructiveCalls();
    await graph.deleteFido2Method(u.id, method!.id);
    expect(sim.control.destructiveCalls()).toMatchObject([
      { kind: "deleteFido2Method", userId: u.id, methodId: method!.id, status: 204 },
    ]);
    expect((await graph.listFido2Methods(u.id)).map((m) => m.id)).not.toContain(method!.id);
    await expect(graph.deleteFido2Method(u.id, method!.id)).rejects.toMatchObject({ kind: "not_found" });
  });
});
