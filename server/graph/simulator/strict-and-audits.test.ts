// Strict throttling and directory audit events, spoken to over raw HTTPS (no adapter), so they hold for
// any client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { appToken, rawCaller, startTestSimulator } from "./testing";

let sim: RunningSimulator;
let token: string;

const call = rawCaller(
  () => sim,
  () => token,
);

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 5, throttling: "strict" });
  token = await appToken(sim);
});
afterAll(() => sim.stop());

const live = () =>
  sim.tenant.users.filter((u) => u.deletedAt === null && u.accountEnabled && u.userType === "Member");

describe("--throttling strict", () => {
  it("puts users' authentication methods in a 5-per-10-s bucket, each inner $batch request on its own with its own Retry-After; directory reads stay unthrottled", async () => {
    const users = live().slice(0, 8);
    const batch = await call("POST", "/v1.0/$batch", {
      requests: users.map((u, i) => ({
        id: String(i),
        method: "GET",
        url: `/users/${u.id}/authentication/fido2Methods`,
      })),
    });
    expect(batch.status).toBe(200);
    const statuses = (batch.body.responses as { status: number; headers: Record<string, string> }[])
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    for (const r of batch.body.responses as { status: number; headers: Record<string, string> }[]) {
      if (r.status === 429) expect(Number(r.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
      else expect(r.headers["Retry-After"]).toBeUndefined();
    }
    // Top-level too, and every authentication path (not only fido2Methods).
    const single = await call("GET", `/v1.0/users/${users[0]!.id}/authentication/methods`);
    expect(single.status).toBe(429);
    expect(single.headers.get("x-ms-throttle-scope")).toBe("Tenant_Application/Read");
    // The directory bucket is untouched: listing users still answers.
    expect((await call("GET", "/v1.0/users?$top=5")).status).toBe(200);
    expect(sim.control.stats().throttling.authMethods).toEqual({ capacity: 5, windowMs: 10_000 });
  });

  it("can be switched at run time through the control API", async () => {
    const res = await fetch(`${sim.controlUrl}/throttling`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sim.controlToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ mode: "off" }),
    });
    expect(res.status).toBe(200);
    const u = live()[0]!;
    for (let i = 0; i < 7; i++)
      expect((await call("GET", `/v1.0/users/${u.id}/authentication/fido2Methods`)).status).toBe(200);
    expect(sim.control.stats().throttling.authMethods).toBeNull();
  });
});

describe("directory audits", () => {
  it("logs registrations and deletions by user and admin with Entra's activity names, filtered on activityDateTime and paged", async () => {
    sim.control.setThrottling("off");
    const [a, b] = live().filter(
      (u) => !(sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null),
    );
    const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(
      (await call("GET", `/v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge ${before}`)).body.value,
    ).toEqual([]);
    const { credentialId } = sim.control.registerCredential(a!.id);
    sim.control.removeCredential(credentialId);
    const added = sim.control.registerCredential(b!.id);
    expect(
      (await call("DELETE", `/v1.0/users/${b!.id}/authentication/fido2Methods/${added.credentialId}`)).status,
    ).toBe(204);

    const all = await call("GET", `/v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge ${before}`);
    const seen = (all.body.value as { activityDisplayName: string; targetResources: { id: string }[] }[]).map(
      (e) => `${e.targetResources[0]!.id === a!.id ? "a" : "b"}: ${e.activityDisplayName}`,
    );
    expect(seen.sort()).toEqual([
      "a: Add Passkey (device-bound)",
      "a: User deleted security info",
      "a: User registered security info",
      "b: Add Passkey (device-bound)",
      "b: Admin deleted security info",
      "b: User registered security info",
    ]);
    const paged = await call(
      "GET",
      `/v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge ${before}&$top=4`,
    );
    expect(paged.body.value).toHaveLength(4);
    expect(typeof paged.body["@odata.nextLink"]).toBe("string");
    const future = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(
      (await call("GET", `/v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge ${future}`)).body.value,
    ).toEqual([]);
  });
});
