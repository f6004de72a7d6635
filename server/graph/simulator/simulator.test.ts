// The simulator's own rules, spoken to over raw HTTPS (no adapter), so they hold for any client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { startTestSimulator } from "./testing";
import { createTenant } from "./tenant";
import { advance } from "./clock";

let sim: RunningSimulator;
let token: string;

async function getToken(s: RunningSimulator, secret = s.clientSecret) {
  return fetch(`${s.authorityHost}/${s.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: s.clientId,
      client_secret: secret,
      scope: `${s.baseUrl}/.default`,
    }),
  });
}

async function call(method: string, path: string, body?: unknown, s = sim, bearer = token) {
  const res = await fetch(`${s.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

const member = () =>
  sim.tenant.users.find(
    (u) => u.userType === "Member" && u.accountEnabled && u.deletedAt === null && !sim.tenant.taps.has(u.idx),
  )!;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 120, seed: 3 });
  token = (await (await getToken(sim)).json()).access_token;
});
afterAll(() => sim.stop());

describe("tokens and discovery", () => {
  it("refuses a wrong client secret and Graph calls without a valid bearer", async () => {
    const bad = await getToken(sim, "wrong");
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe("invalid_client");
    expect((await call("GET", "/v1.0/users", undefined, sim, "not-a-token")).status).toBe(401);
    const none = await fetch(`${sim.baseUrl}/v1.0/users`);
    expect(none.status).toBe(401);
  });

  it("serves OpenID discovery pointing at its token endpoint", async () => {
    const doc = await (
      await fetch(`${sim.authorityHost}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json();
    expect(doc.token_endpoint).toBe(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`);
  });

  it("keeps the control API behind its own token", async () => {
    expect((await fetch(`${sim.controlUrl}/state`)).status).toBe(401);
    expect(
      (await fetch(`${sim.controlUrl}/state`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    const ok = await fetch(`${sim.controlUrl}/state`, {
      headers: { Authorization: `Bearer ${sim.controlToken}` },
    });
    expect(ok.status).toBe(200);
  });
});

describe("OData rules", () => {
  it("rejects $top outside 1–999 on users with Graph's message", async () => {
    for (const top of ["1000", "0"]) {
      const res = await call("GET", `/v1.0/users?$top=${top}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("Request_UnsupportedQuery");
      expect(res.body.error.message).toContain("Must be between 1 and 999 inclusive");
    }
    expect((await call("GET", "/v1.0/users?$top=999")).status).toBe(200);
  });

  it("pages with an opaque $skiptoken carrying the original query", async () => {
    const res = await call("GET", "/v1.0/users?$top=5&$select=id,displayName");
    const next = new URL(res.body["@odata.nextLink"]);
    expect(next.searchParams.get("$select")).toBe("id,displayName");
    expect(next.searchParams.get("$skiptoken")).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("limits $batch to 20 requests and answers in an order of its own", async () => {
    const ids = sim.tenant.users.slice(0, 21).map((u) => u.id);
    const requests = ids.map((id, i) => ({
      id: String(i + 1),
      method: "GET",
      url: `/users/${id}/authentication/fido2Methods`,
    }));
    const tooMany = await call("POST", "/v1.0/$batch", { requests });
    expect(tooMany.status).toBe(400);
    const ok = await call("POST", "/v1.0/$batch", { requests: requests.slice(0, 20) });
    expect(ok.status).toBe(200);
    const order = ok.body.responses.map((r: { id: string }) => r.id);
    expect([...order].sort()).toEqual(
      requests
        .slice(0, 20)
        .map((r) => r.id)
        .sort(),
    );
    expect(order).not.toEqual(requests.slice(0, 20).map((r) => r.id));
  });
});

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

describe("ground truth", () => {
  it("never shows a key's serial on any Graph route", async () => {
    const key = sim.control.groundTruth().find((k) => k.credentialId && k.state === "registered")!;
    const id = key.userId;
    const paths = [
      `/v1.0/users/${id}`,
      `/beta/users/${id}`,
      `/v1.0/users/${id}/authentication/fido2Methods`,
      `/beta/users/${id}/authentication/fido2Methods`,
      `/v1.0/users/${id}/authentication/fido2Methods/${key.credentialId}`,
      `/v1.0/users/${id}/authentication/methods`,
      `/v1.0/reports/authenticationMethods/userRegistrationDetails/${id}`,
      `/beta/auditLogs/signIns?$filter=userId eq '${id}'`,
      "/v1.0/users/delta",
    ];
    for (const p of paths) {
      const res = await call("GET", p);
      expect(res.status, p).toBe(200);
      expect(res.text, p).not.toContain(key.serial);
    }
  });
});

describe("registration report and throttling", () => {
  it("reflects a new key only after the report lag", async () => {
    const u = member();
    sim.control.setReportLag(60);
    const { credentialId } = sim.control.registerCredential(u.id, {
      aaGuid: "cb69481e-8ff7-4039-93ec-0a2729a154a8",
      serial: "99887766",
    });
    expect((await call("GET", `/v1.0/users/${u.id}/authentication/fido2Methods`)).text).toContain(
      credentialId,
    );
    const before = await call("GET", `/v1.0/reports/authenticationMethods/userRegistrationDetails/${u.id}`);
    const had =
      sim.tenant.credentialsByUser
        .get(u.idx)!
        .filter((c) => c.id !== credentialId && c.kind === "hardware" && c.removedAt === null).length > 0;
    if (!had) expect(before.body.methodsRegistered).not.toContain("passKeyDeviceBound");
    sim.tenant.offsetMs += 61 * 60_000;
    const after = await call("GET", `/v1.0/reports/authenticationMethods/userRegistrationDetails/${u.id}`);
    expect(after.body.methodsRegistered).toContain("passKeyDeviceBound");
    sim.control.setReportLag(0);
  });

  it("throttles reports at 5 per 10 s with Retry-After, inside batches too", async () => {
    const strict = await startTestSimulator({
      users: 30,
      seed: 5,
      throttling: { reports: { capacity: 5, windowMs: 10_000 } },
    });
    try {
      const t = (await (await getToken(strict)).json()).access_token;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await call(
              "GET",
              "/v1.0/reports/authenticationMethods/userRegistrationDetails",
              undefined,
              strict,
              t,
            )
          ).status,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const res = await call(
        "GET",
        "/v1.0/reports/authenticationMethods/userRegistrationDetails",
        undefined,
        strict,
        t,
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(res.body.error.code).toBe("TooManyRequests");
      const batch = await call(
        "POST",
        "/v1.0/$batch",
        {
          requests: [
            { id: "1", method: "GET", url: "/reports/authenticationMethods/userRegistrationDetails" },
            { id: "2", method: "GET", url: `/users/${strict.tenant.users[0]!.id}` },
          ],
        },
        strict,
        t,
      );
      expect(batch.status).toBe(200);
      const byId = Object.fromEntries(
        batch.body.responses.map((r: { id: string; status: number; headers: Record<string, string> }) => [
          r.id,
          r,
        ]),
      );
      expect(byId["1"].status).toBe(429);
      expect(Number(byId["1"].headers["Retry-After"])).toBeGreaterThanOrEqual(1);
      expect(byId["2"].status).toBe(200);
    } finally {
      await strict.stop();
    }
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
