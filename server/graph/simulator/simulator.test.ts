// The simulator's own rules, spoken to over raw HTTPS (no adapter), so they hold for any client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { memberWithoutTap, rawCall, requestToken, startTestSimulator } from "./testing";

let sim: RunningSimulator;
let token: string;

const getToken = (s: RunningSimulator, secret = s.clientSecret) => requestToken(s, secret);
const call = (method: string, path: string, body?: unknown, s = sim, bearer = token) =>
  rawCall(s, bearer, method, path, body);

const member = () => memberWithoutTap(sim);

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
