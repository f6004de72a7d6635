// Contract tests: the real adapter against the simulated tenant over HTTPS — tokens, budget, logging, and
// the calls one by one (delta, provisioning, groups and their search, reports, sign-ins, methods).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  collect,
  fastAdapter,
  resetContractTenant,
  startContractTenant,
  userWithKey,
} from "./simulator/testing";
// One tenant for the file, reset after each test (faults cleared, permissions granted again).
let t: Awaited<ReturnType<typeof startContractTenant>>;
beforeAll(async () => {
  t = await startContractTenant({ users: 150, seed: 11 });
});
afterAll(() => t.sim.stop());
afterEach(() => resetContractTenant(t.sim, t.sleeps));
const fresh = (options = {}) => fastAdapter(t.sim, options);

describe("tokens, budget, logging", () => {
  it("fetches a new token when Graph says the token expired, once", async () => {
    const { graph: g } = fresh();
    await g.getUser(t.allUserIds[0]!);
    const before = t.sim.control.stats();
    t.sim.control.expireTokens();
    await expect(g.getUser(t.allUserIds[1]!)).resolves.toMatchObject({ id: t.allUserIds[1] });
    const after = t.sim.control.stats();
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(after.tokensRejected - before.tokensRejected).toBe(1);
  });

  it("stops at the request budget without sending the request over it", async () => {
    const run = fresh().graph.withBudget(2);
    const before = t.sim.control.stats().requests;
    const pages: number[] = [];
    const error = await (async () => {
      for await (const p of run.listUsers({ top: 10 })) pages.push(p.length);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "budget_exhausted" });
    expect(pages).toEqual([10, 10]);
    expect(t.sim.control.stats().requests - before).toBe(2);
    expect(run.counters()).toMatchObject({ requests: 2, budgetRemaining: 0 });
  });

  it("never logs a token or a TAP", async () => {
    const lines: string[] = [];
    const log = (m: string, d?: unknown) => void lines.push(`${m} ${JSON.stringify(d)}`);
    const { graph: g } = fresh({ logger: { debug: log, info: log, warn: log } });
    t.sim.control.setFaults({
      rules: [{ method: "POST", pathIncludes: "temporaryAccessPassMethods", status: 429, retryAfter: 1 }],
    });
    const tap = await g.createTemporaryAccessPass(t.allUserIds[9]!, {
      lifetimeInMinutes: 60,
      isUsableOnce: true,
    });
    expect(tap.temporaryAccessPass).toHaveLength(8);
    expect(lines.length).toBeGreaterThan(1);
    const all = lines.join("\n");
    expect(all).not.toContain(tap.temporaryAccessPass);
    expect(all.toLowerCase()).not.toContain("bearer");
    expect(all).not.toContain(t.sim.clientSecret);
  });
});

describe("delta, provisioning", () => {
  it("returns a deltaLink, then only changed users and @removed entries", async () => {
    const rounds = async (deltaLink?: string) => {
      const users: string[] = [];
      const removed: string[] = [];
      let link: string | undefined;
      for await (const p of t.graph.usersDelta({ select: ["id", "accountEnabled"], deltaLink })) {
        users.push(...p.users.map((u) => u.id));
        removed.push(...p.removed.map((r) => r.id));
        link = p.deltaLink ?? link;
      }
      return { users, removed, link };
    };
    const first = await rounds();
    expect(first.link).toBeDefined();
    expect(first.users.length).toBe(t.sim.tenant.users.filter((u) => u.deletedAt === null).length);
    const [a, b] = [t.allUserIds[20]!, t.allUserIds[21]!];
    t.sim.control.setUserEnabled(a, false);
    t.sim.control.deleteUser(b);
    const second = await rounds(first.link);
    expect(second.users).toEqual([a]);
    expect(second.removed).toEqual([b]);
    const third = await rounds(second.link);
    expect(third.users).toEqual([]);
    expect(third.removed).toEqual([]);
  });

  it("provisions a key on behalf of a user; the serial stays ground truth only", async () => {
    const userId = t.allUserIds[30]!;
    const options = await t.graph.getFido2CreationOptions(userId);
    expect(options.publicKey.challenge).toBeTruthy();
    const publicKeyCredential = t.sim.control.makeCredential({
      challenge: options.publicKey.challenge,
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      serial: "31337001",
    });
    const created = await t.graph.createFido2Method(userId, {
      displayName: "Issued by KeyFleet",
      publicKeyCredential,
    });
    expect(created).toMatchObject({
      id: publicKeyCredential.id,
      model: "YubiKey 5 Series with NFC",
      attestationLevel: "attested",
    });
    expect(t.sim.control.groundTruth({ credentialId: created.id })).toMatchObject([
      { serial: "31337001", userId },
    ]);
    expect(JSON.stringify(await t.graph.listFido2Methods(userId))).not.toContain("31337001");
    // The challenge is single use.
    await expect(
      t.graph.createFido2Method(userId, {
        publicKeyCredential: t.sim.control.makeCredential({
          challenge: options.publicKey.challenge,
          aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
        }),
      }),
    ).rejects.toMatchObject({ kind: "bad_request" });
  });
});

describe("the rest of the port", () => {
  it("reads groups, direct and transitive members, summaries, sign-ins and all methods", async () => {
    const { items: groups } = await collect(t.graph.listGroups());
    const wave = groups.find((g) => g.displayName?.includes("Wave 3"))!;
    const { items: direct } = await collect(t.graph.listGroupMembers(wave.id));
    const { items: transitive } = await collect(t.graph.listGroupMembers(wave.id, { transitive: true }));
    expect(direct.every((m) => m.odataType === "#microsoft.graph.group")).toBe(true);
    expect(transitive.some((m) => m.odataType === "#microsoft.graph.user")).toBe(true);

    const byMethod = await t.graph.getUsersRegisteredByMethod();
    expect(byMethod.totalUserCount).toBe(t.sim.tenant.users.filter((u) => u.deletedAt === null).length);
    expect(
      byMethod.userRegistrationMethodCounts.find((c) => c.authenticationMethod === "passKeyDeviceBound")
        ?.userCount,
    ).toBeGreaterThan(0);
    const byFeature = await t.graph.getUsersRegisteredByFeature({ includedUserRoles: "admin" });
    expect(byFeature.userRegistrationFeatureCounts.map((c) => c.feature)).toContain("passwordlessCapable");

    const u = userWithKey(t.sim);
    const since = new Date(Date.now() + t.sim.tenant.offsetMs - 30 * 86_400_000).toISOString();
    const { items: signIns } = await collect(t.graph.listSignIns({ since }));
    expect(signIns.every((s) => s.createdDateTime >= since.slice(0, 19))).toBe(true);
    const mine = await collect(t.graph.listSignIns({ userId: u.id }));
    expect(mine.items.every((s) => s.userId === u.id)).toBe(true);

    const methods = await t.graph.listAuthenticationMethods(u.id);
    expect(methods.some((m) => m.odataType === "#microsoft.graph.fido2AuthenticationMethod")).toBe(true);
    expect(methods.some((m) => m.odataType === "#microsoft.graph.passwordAuthenticationMethod")).toBe(true);
    expect(await t.graph.revokeSignInSessions(u.id)).toBe(true);
    expect(
      t.sim.control.destructiveCalls().filter((c) => c.kind === "revokeSignInSessions" && c.userId === u.id),
    ).toHaveLength(1);
  });

  it("deletes a FIDO2 method once; the DELETE reaches Entra exactly once and the method is gone", async () => {
    const u = userWithKey(t.sim);
    const [method] = await t.graph.listFido2Methods(u.id);
    t.sim.control.clearDestructiveCalls();
    await t.graph.deleteFido2Method(u.id, method!.id);
    expect(t.sim.control.destructiveCalls()).toMatchObject([
      { kind: "deleteFido2Method", userId: u.id, methodId: method!.id, status: 204 },
    ]);
    expect((await t.graph.listFido2Methods(u.id)).map((m) => m.id)).not.toContain(method!.id);
    await expect(t.graph.deleteFido2Method(u.id, method!.id)).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("group search (searchGroups)", () => {
  it("finds a group by a prefix holding ' and ' and a quote, as Graph's startswith does, and nothing else", async () => {
    const rnd = t.sim.control.createGroup({ displayName: "Research and Development" });
    const lab = t.sim.control.createGroup({ displayName: "Research Lab" });
    const sons = t.sim.control.createGroup({ displayName: "O'Brien and Sons" });
    const ids = (groups: { id: string }[]) => groups.map((g) => g.id).sort();

    expect(ids(await t.graph.searchGroups("Research and Dev"))).toEqual([rnd.id]);
    expect(ids(await t.graph.searchGroups("research AND development"))).toEqual([rnd.id]);
    expect(ids(await t.graph.searchGroups("Research"))).toEqual([rnd.id, lab.id].sort());
    expect(ids(await t.graph.searchGroups("O'Brien and"))).toEqual([sons.id]);
    expect(await t.graph.searchGroups("Research and Developers")).toEqual([]);
    const [found] = await t.graph.searchGroups("Research and Development");
    expect(found).toMatchObject({ id: rnd.id, displayName: "Research and Development" });
  });

  it("an empty prefix lists groups, at most `top` of them, in one request", async () => {
    const before = t.sim.control.stats().requests;
    const some = await t.graph.searchGroups("", { top: 3 });
    expect(some).toHaveLength(3);
    expect(t.sim.control.stats().requests - before).toBe(1);
    expect(t.sim.tenant.groups.length).toBeGreaterThan(3);
  });
});
