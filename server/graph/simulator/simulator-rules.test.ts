// The simulator's TAP rules over raw HTTPS (no adapter), and its generator moving with the clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { memberWithoutTap, rawCall, requestToken, startTestSimulator } from "./testing";
import { createTenant } from "./tenant";
import { advance } from "./clock";

let sim: RunningSimulator;
let token: string;
const call = (method: string, path: string, body?: unknown) => rawCall(sim, token, method, path, body);
const member = () => memberWithoutTap(sim);

beforeAll(async () => {
  sim = await startTestSimulator({ users: 120, seed: 3 });
  token = (await (await requestToken(sim)).json()).access_token;
});
afterAll(() => sim.stop());

describe("TAP rules", () => {
  // These rules are about lifetimes and one pass per user, not scope: the demo tenant scopes its policy to
  // groups (tap-scope.test.ts covers that), so these run under an explicit all-users policy.
  beforeAll(() =>
    sim.control.setTapPolicy({
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
    }),
  );
  it("enforces the policy's lifetime range with the documented message", async () => {
    const u = member();
    const res = await call("POST", `/v1.0/users/${u.id}/authentication/temporaryAccessPassMethods`, {
      lifetimeInMinutes: 500,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Invalid LifetimeInMinutes specified. The valid range between 60 and 480.",
    );
    expect(sim.tenant.taps.has(u.idx)).toBe(false);
  });

  it("refuses a multi-use pass when the policy demands one-time passes", async () => {
    sim.control.setTapPolicy({ isUsableOnce: true });
    try {
      const u = member();
      const res = await call("POST", `/v1.0/users/${u.id}/authentication/temporaryAccessPassMethods`, {
        lifetimeInMinutes: 60,
        isUsableOnce: false,
      });
      expect(res.status).toBe(400);
      expect(sim.tenant.taps.has(u.idx)).toBe(false);
      const once = await call("POST", `/v1.0/users/${u.id}/authentication/temporaryAccessPassMethods`, {
        lifetimeInMinutes: 60,
      });
      expect(once.body.isUsableOnce).toBe(true);
    } finally {
      sim.control.setTapPolicy({ isUsableOnce: false });
    }
  });

  it("refuses when the method is disabled by policy", async () => {
    sim.control.setTapPolicy({ state: "disabled" });
    try {
      const res = await call("POST", `/v1.0/users/${member().id}/authentication/temporaryAccessPassMethods`, {
        lifetimeInMinutes: 60,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("Converged UserCredentialPolicy does not allow");
    } finally {
      sim.control.setTapPolicy({ state: "enabled" });
    }
  });

  it("keeps one TAP per user, shows the pass only in the create response", async () => {
    const u = member();
    const path = `/v1.0/users/${u.id}/authentication/temporaryAccessPassMethods`;
    const first = await call("POST", path, { lifetimeInMinutes: 60, isUsableOnce: true });
    const second = await call("POST", path, { lifetimeInMinutes: 120, isUsableOnce: true });
    expect(first.status).toBe(201);
    expect(second.body.temporaryAccessPass).toMatch(/^.{8}$/);
    const list = await call("GET", path);
    expect(list.body.value).toHaveLength(1);
    expect(list.body.value[0].id).toBe(second.body.id);
    expect(list.body.value[0].temporaryAccessPass).toBeNull();
    const one = await call("GET", `${path}/${second.body.id}`);
    expect(one.body.temporaryAccessPass).toBeNull();
    const methods = await call("GET", `/v1.0/users/${u.id}/authentication/methods`);
    expect(methods.text).not.toContain(second.body.temporaryAccessPass);
    expect(list.text).not.toContain(second.body.temporaryAccessPass);
    expect((await call("GET", `${path}/${first.body.id}`)).status).toBe(404);
    expect(
      sim.control
        .destructiveCalls()
        .filter((c) => c.kind === "createTemporaryAccessPass" && c.userId === u.id && c.status === 201),
    ).toHaveLength(2);
  });
});

describe("generator", () => {
  it("is deterministic and shaped like the organisation described", () => {
    const a = createTenant({ users: 3000, seed: 9, now: Date.UTC(2026, 0, 1) });
    const b = createTenant({ users: 3000, seed: 9, now: Date.UTC(2026, 0, 1) });
    expect(a.users.map((u) => u.id)).toEqual(b.users.map((u) => u.id));
    expect(a.keys.map((k) => k.serial)).toEqual(b.keys.map((k) => k.serial));
    const hw = (t: typeof a, u: (typeof a.users)[number]) =>
      (t.credentialsByUser.get(u.idx) ?? []).filter((c) => c.kind === "hardware" && c.removedAt === null)
        .length;
    const withKey = a.users.filter((u) => hw(a, u) >= 1).length / a.users.length;
    expect(withKey).toBeGreaterThanOrEqual(0.3);
    expect(withKey).toBeLessThanOrEqual(0.4);
    expect(a.users.some((u) => hw(a, u) >= 2)).toBe(true);
    expect(a.credentials.some((c) => c.kind === "synced")).toBe(true);
    expect(a.credentials.some((c) => c.kind === "authenticator")).toBe(true);
    expect(a.users.some((u) => !u.accountEnabled)).toBe(true);
    expect(a.users.every((u) => u.userPrincipalName.endsWith("@fabrikam-demo.example"))).toBe(true);
    expect(new Set(a.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(a.users.length);
    expect(a.groups.some((g) => g.displayName.startsWith("Privileged"))).toBe(true);
  });

  it("moves with the clock: issued keys get registered, people join", () => {
    const t = createTenant({ users: 2000, seed: 4 });
    const pending = t.keys.filter((k) => k.state === "issued").length;
    const seq = t.seq;
    const summary = advance(t, 20);
    expect(pending).toBeGreaterThan(0);
    expect(summary.registered).toBeGreaterThan(0);
    expect(t.seq).toBeGreaterThan(seq);
  });
});
