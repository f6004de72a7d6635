import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { addKeyFailures } from "@/server/graph/simulator/sign-in-failures";
import { tenantNow } from "@/server/graph/simulator/tenant";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Failed security-key sign-ins in the simulated tenant's log, read by the sync's sign-in ingest and
// counted by code, model, site and week; a person with three failures this week is listed as repeated,
// one with a single failure is not; a second sync counts nothing twice.

const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
const DAY = 86_400_000;
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;
let a: { id: string; officeLocation: string | null };
let b: { id: string };

beforeAll(async () => {
  sim = await startTestSimulator({ reportLagMinutes: 0 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  api = callerOf({ actor: lead, requestId: "req-failures", services });
  const members = sim.tenant.users.filter(
    (u) => u.userType === "Member" && u.accountEnabled && u.officeLocation,
  );
  a = members[0]!;
  b = members.find((u) => u.officeLocation !== a.officeLocation)!;
  await db.prisma.site.create({ data: { code: "LON", name: "London", officeLocation: a.officeLocation } });
  const now = tenantNow(sim.tenant);
  const fail = (userId: string, daysAgo: number, errorCode: number, model: string) => ({
    userId,
    at: now - daysAgo * DAY,
    errorCode,
    failureReason:
      errorCode === 500121
        ? "Authentication failed during strong authentication request."
        : "The key was not recognised.",
    model,
  });
  addKeyFailures(sim.tenant, [
    fail(a.id, 1, 500121, "YubiKey 5 Series with NFC"),
    fail(a.id, 2, 500121, "YubiKey 5 Series with NFC"),
    fail(a.id, 3, 500121, "YubiKey 5 Series with NFC"),
    fail(a.id, 20, 135011, "YubiKey 5 Series with NFC"),
    fail(b.id, 2, 135011, "Security Key NFC by Yubico"),
  ]);
  const run = await services.sync.run();
  if (run.skipped || run.status !== "succeeded") throw new Error(`sync failed: ${JSON.stringify(run)}`);
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("sign-in failures with a security key (simulated tenant)", () => {
  it("counts them by code, model and site, per week, and lists who keeps failing", async () => {
    const r = await api.levers.signInFailures({ weeks: 4 });
    expect(r.total).toBe(5);
    expect(r.people).toBe(2);
    expect(r.byCode).toEqual([
      { errorCode: 500121, reason: "Authentication failed during strong authentication request.", count: 3 },
      { errorCode: 135011, reason: "The key was not recognised.", count: 2 },
    ]);
    expect(r.byModel).toEqual([
      { model: "YubiKey 5 Series with NFC", count: 4 },
      { model: "Security Key NFC by Yubico", count: 1 },
    ]);
    expect(r.bySite).toEqual([
      { site: "LON", count: 4 },
      { site: "No site", count: 1 },
    ]);
    expect(r.perWeek.reduce((n, w) => n + w.count, 0)).toBe(5);
    expect(r.perWeek.every((w) => new Date(`${w.weekStart}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(r.repeated.map((p) => [p.userId, p.failures])).toEqual([[a.id, 3]]);
  });

  it("a window of one week leaves the older failure out, and a second sync counts nothing twice", async () => {
    await services.sync.run();
    expect(await db.prisma.signInFailure.count()).toBe(5);
    const r = await api.levers.signInFailures({ weeks: 1 });
    expect(r.total).toBe(4);
  });
});
