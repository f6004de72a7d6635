import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { addKeyFailures } from "@/server/graph/simulator/sign-in-failures";
import { tenantNow } from "@/server/graph/simulator/tenant";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { lead } from "./testing";

// Failed security-key sign-ins in the simulated tenant's log, read by the sync's sign-in ingest and
// counted by code, model, site and week; a person with three failures this week is listed as repeated,
// one with a single failure is not; a second sync counts nothing twice. Each count opens on exactly its
// sign-ins (paged, and as CSV), and "repeated" takes its threshold and days from the query.

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

  it("each count opens on exactly its sign-ins, newest first", async () => {
    const byCode = await api.levers.signInFailureList({ weeks: 4, errorCode: 135011 });
    expect(byCode.total).toBe(2);
    expect(byCode.rows.map((r) => r.userId)).toEqual([b.id, a.id]); // 2 days ago, then 20 days ago
    expect(byCode.rows.every((r) => r.errorCode === 135011)).toBe(true);

    const byModel = await api.levers.signInFailureList({ weeks: 4, model: "YubiKey 5 Series with NFC" });
    expect(byModel.total).toBe(4);
    expect(new Set(byModel.rows.map((r) => r.userId))).toEqual(new Set([a.id]));

    const noSite = await api.levers.signInFailureList({ weeks: 4, site: "No site" });
    expect(noSite.rows.map((r) => [r.userId, r.model])).toEqual([[b.id, "Security Key NFC by Yubico"]]);

    // The week of the failure 20 days ago holds only that one.
    const old = new Date(tenantNow(sim.tenant) - 20 * DAY);
    const monday = new Date(
      Date.UTC(old.getUTCFullYear(), old.getUTCMonth(), old.getUTCDate()) - ((old.getUTCDay() + 6) % 7) * DAY,
    );
    const week = await api.levers.signInFailureList({ weeks: 4, week: monday.toISOString().slice(0, 10) });
    expect(week.rows.map((r) => [r.userId, r.errorCode])).toEqual([[a.id, 135011]]);

    const person = await api.levers.signInFailureList({ weeks: 1, userId: a.id });
    expect(person.total).toBe(3);
    const beyond = await api.levers.signInFailureList({ weeks: 4, page: 2 });
    expect(beyond).toMatchObject({ total: 5, page: 2, rows: [] });
  });

  it("exports a count's sign-ins as CSV, one line each", async () => {
    const out = await api.levers.signInFailuresCsv({ weeks: 4, errorCode: 135011 });
    const lines = out.csv.trim().split("\r\n");
    expect(lines[0]).toBe("When (UTC),Person,UPN,Error code,Failure reason,Key model,Site,Week");
    expect(lines).toHaveLength(3);
    expect(out.rows).toBe(2);
    expect(lines.slice(1).every((l) => l.includes(",135011,"))).toBe(true);
  });

  it("repeated failures take their threshold and days from the query", async () => {
    const month = await api.levers.signInFailures({ weeks: 4, repeatAtLeast: 2, repeatDays: 30 });
    expect(month.repeat).toEqual({ atLeast: 2, days: 30 });
    expect(month.repeated.map((p) => [p.userId, p.failures])).toEqual([[a.id, 4]]);
    const strict = await api.levers.signInFailures({ weeks: 4, repeatAtLeast: 4, repeatDays: 7 });
    expect(strict.repeated).toEqual([]);
    const anyone = await api.levers.signInFailures({ weeks: 1, repeatAtLeast: 2, repeatDays: 60 });
    expect(anyone.total).toBe(4);
    expect(anyone.repeated.map((p) => p.userId)).toEqual([a.id]);
  });
});
