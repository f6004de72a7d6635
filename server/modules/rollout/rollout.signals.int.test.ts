import { describe, expect, it } from "vitest";
import { buildServices } from "@/server/container";
import type { GraphPort, SignIn } from "@/server/graph/port";
import { ago, NOW } from "./testing";
import { db, services, api, drillTotal, useRolloutDatabase } from "./rollout.testing";

// Time to registration, readiness, hygiene, the sign-in mix, incidents, trends, stock and exports on the
// hand-counted tenant (rollout.testing.ts). The later blocks see what the earlier ones added, so they stay
// in this one file, in this order.

useRolloutDatabase();

describe("time to registration, readiness, hygiene", () => {
  it("measures first assignment → first hardware registration per user, and who is still waiting", async () => {
    const all = await api.rollout.registrationTimes({});
    const by = Object.fromEntries(all.buckets.map((b) => [b.key, b.users]));
    expect(by).toMatchObject({ d0_1: 0, d2_3: 1, d4_7: 1, d8_14: 0, waiting: 1 }); // u1 2 days, u2 5 days, u3 waiting
    expect([all.registered, all.waiting, all.medianDays, all.p90Days]).toEqual([2, 1, 2, 5]);
    const w2 = await api.rollout.registrationTimes({ waveId: "w2" });
    expect([w2.registered, w2.waiting, w2.medianDays]).toEqual([1, 1, 5]);
    expect(await drillTotal({ waveId: "w2", state: "assigned_unregistered" })).toBe(w2.waiting);
  });

  it("lists the users of a wave past its deadline with no phishing-resistant method", async () => {
    const r = await api.rollout.readiness();
    expect(
      r.map((w) => [w.waveId, w.isPastDeadline, w.scope, w.ready, w.notReady, w.daysToEnforcement]),
    ).toEqual([
      ["w1", true, 4, 3, 1, 5],
      ["w2", false, 3, 2, 1, null],
      ["w3", false, 0, 0, 0, 60],
    ]);
  });

  it("finds credentials of models never procured, refused by the default passkey profile, personal and stale", async () => {
    const h = await api.rollout.hygiene({ staleDays: 90 });
    expect(h.liveCredentials).toBe(5); // c1 c2 c3 c5 c9 (c4 removed, c7 out of scope)
    expect(h.policyRestricts).toBe(true);
    expect(h.rows.map((r) => [r.key, r.credentials, r.users])).toEqual([
      ["cred_not_procured", 2, 2],
      ["cred_not_allowed", 1, 1],
      ["cred_personal", 2, 2],
      ["cred_stale", 1, 1],
    ]);
    for (const r of h.rows) expect(await drillTotal({ state: r.key }), r.key).toBe(r.users);
    expect(
      (await api.rollout.hygiene({ staleDays: 7 })).rows.find((r) => r.key === "cred_stale")!.credentials,
    ).toBe(3); // c2 c3 c5 (c1 and c9 used within the week)
  });
});

describe("sign-in mix", () => {
  let log: SignIn[] = [];
  const signIn = (id: string, userId: string, at: Date, methods: string[], errorCode = 0): SignIn => ({
    id,
    userId,
    createdDateTime: at.toISOString(),
    status: { errorCode },
    authenticationDetails: methods.map((m) => ({ authenticationMethod: m, succeeded: true })),
  });
  // Only listSignIns is used by the ingest; newest first, like Graph.
  const graph = {
    listSignIns: async function* () {
      yield [...log].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    },
  } as unknown as GraphPort;
  const n = (k: string, userId: string, at: Date, methods: string[], count: number) =>
    Array.from({ length: count }, (_, i) => signIn(`${k}${i}`, userId, at, methods));

  it("counts successful sign-ins per wave by kind; skips failures, unknown users and anything outside the window", async () => {
    log = [
      ...n("a", "u1", ago(2), ["FIDO2 security key"], 3),
      ...n("b", "u1", ago(2), ["Password", "Text message"], 1),
      ...n("c", "u2", ago(3), ["Password", "Mobile app notification"], 2),
      ...n("d", "u2", ago(3), ["FIDO2 security key"], 1),
      ...n("e", "u3", ago(1), ["Passwordless phone sign-in"], 1),
      ...n("f", "u6", ago(1), ["Password"], 4),
      ...n("g", "u9", ago(1), ["Windows Hello for Business"], 1),
      signIn("fail", "u6", ago(1), ["Password"], 50126),
      signIn("ghost", "nobody", ago(1), ["Password"]),
      signIn("old", "u6", ago(40), ["Password"]),
      signIn("late", "u6", new Date(NOW.getTime() - 60_000), ["Password"]),
    ];
    const cursor = await services.rollout.signIns.ingest(graph);
    expect(cursor).toMatchObject({ signIns: 14, isSampled: false }); // read 14; the unknown user's is dropped at write
    await services.rollout.figures.refresh(); // what the post-sync hook does after reading the log
    const mix = await api.rollout.signInMix();
    expect(mix.rows.map((r) => [r.key, r.phishingResistant, r.password, r.other, r.share])).toEqual([
      ["w1", 4, 7, 0, 36.4],
      ["w2", 1, 2, 1, 25],
      ["w3", 0, 0, 0, null],
      ["all", 5, 7, 1, 38.5],
    ]);
    expect(await drillTotal({ waveId: "w1", state: "password_signins" })).toBe(3); // u1 u2 u6
    expect(await drillTotal({ waveId: "w2", state: "password_signins" })).toBe(1);
  });

  it("a security-key sign-in makes a registered user 'used', and stamps the credential only when it can only be that one", async () => {
    const a = await api.rollout.adoption({ by: "wave" });
    expect([a.tenant.used, a.rows[0]!.used, a.rows[1]!.used]).toEqual([3, 2, 1]); // u2 joins u1 and u9
    expect(await drillTotal({ state: "used" })).toBe(3);
    const used = Object.fromEntries(
      (
        await db.prisma.entraCredential.findMany({
          where: { id: { in: ["c1", "c2", "c3"] } },
          select: { id: true, lastUsedAt: true },
        })
      ).map((c) => [c.id, c.lastUsedAt]),
    );
    expect(used).toEqual({ c1: ago(5), c2: null, c3: ago(3) }); // u1 holds two keys: which one signed in is unknown, so neither is stamped
    await services.snapshots.takeDaily();
    const today = await db.prisma.dailySnapshot.findFirstOrThrow({
      where: { dimension: "tenant", dimensionKey: "all" },
      select: { usersInScope: true, registered: true, active: true },
    });
    expect(today).toEqual({ usersInScope: 7, registered: 3, active: 3 });
  });

  it("a second run counts only what came after the first run's end", async () => {
    log.push(signIn("new", "u1", new Date(NOW.getTime() + 5 * 60_000), ["FIDO2 security key"]));
    const later = buildServices({ prisma: db.prisma, clock: () => new Date(NOW.getTime() + 60 * 60_000) });
    expect(await later.rollout.signIns.ingest(graph)).toMatchObject({ signIns: 2 }); // the "late" one and the new one
    const all = (await api.rollout.signInMix()).rows.find((r) => r.key === "all")!;
    expect([all.phishingResistant, all.password]).toEqual([6, 8]);
  });
});

describe("incidents, trends, stock, exports", () => {
  it("shows twelve empty weeks without cases or TAPs, then counts this week's", async () => {
    const empty = await api.rollout.incidents();
    expect(empty.weeks).toHaveLength(12);
    expect(empty.weeks.every((w) => w.lostCases === 0 && w.taps === 0)).toBe(true);
    await db.prisma.case.create({
      data: { kind: "lost", userId: "u1", openedById: "agent", createdAt: ago(1) },
    });
    await db.prisma.case.create({
      data: { kind: "forgotten", userId: "u2", openedById: "agent", createdAt: ago(1) },
    });
    await db.prisma.tapIssuance.create({
      data: {
        userId: "u2",
        issuedById: "agent",
        reason: "forgotten",
        startAt: ago(1),
        lifetimeMinutes: 60,
        expiresAt: ago(1),
        createdAt: ago(1),
      },
    });
    const r = await api.rollout.incidents();
    expect(r.keysInService).toBe(5); // k1 k2 k3 k7 active, k4 assigned
    expect(r.weeks.at(-1)).toMatchObject({
      week: new Date("2026-06-15T00:00:00Z"),
      lostCases: 1,
      taps: 1,
      lostPer1000Keys: 200,
    });
  });

  it("turns the daily snapshots into shares of the users in scope", async () => {
    await db.prisma.dailySnapshot.createMany({
      data: [
        {
          date: ago(2),
          dimension: "wave",
          dimensionKey: "w1",
          usersInScope: 4,
          registered: 1,
          withBackup: 0,
          active: 1,
          keysInStock: 0,
        },
        {
          date: ago(1),
          dimension: "wave",
          dimensionKey: "w1",
          usersInScope: 4,
          registered: 2,
          withBackup: 1,
          active: 1,
          keysInStock: 0,
        },
        {
          date: ago(200),
          dimension: "wave",
          dimensionKey: "w1",
          usersInScope: 4,
          registered: 0,
          withBackup: 0,
          active: 0,
          keysInStock: 0,
        },
      ],
    });
    const t = await api.rollout.trends({ dimension: "wave", key: "w1" });
    // Two written here, today's by the daily snapshot above; the one from 200 days ago is out of the window.
    expect(t.map((r) => [r.registeredPct, r.backupPct, r.activePct])).toEqual([
      [25, 0, 25],
      [50, 25, 25],
      [50, 25, 50],
    ]);
  });

  it("sets stock at each site against the forecast, read live like Procurement's (no refresh needed)", async () => {
    // LON: u2 is in the Finance wave (the Pilot's deadline has passed) with no key: 1 for the wave; no losses;
    // 1 key in stock (K8). Before a reorder point: 1 − 1 = 0 to order; with a reorder point of 3: 1 + 3 − 1 = 3.
    const lon = async () => (await api.rollout.stock()).sites.find((x) => x.site === "LON");
    expect(await lon()).toMatchObject({
      inStock: 1,
      onOrder: 0,
      waveDemand: 1,
      replacementDemand: 0,
      recommended: 0,
    });
    await db.prisma.reorderPoint.create({ data: { siteId: "s1", modelId: "m1", minimum: 3 } });
    expect(await lon()).toMatchObject({
      inStock: 1,
      onOrder: 0,
      waveDemand: 1,
      replacementDemand: 0,
      recommended: 3,
    });
  });

  it("exports a chart's table as CSV, the same figures as the chart", async () => {
    const out = await api.rollout.exportCsv({ chart: "adoption", by: "wave" });
    const lines = out.csv.trim().split("\r\n");
    expect(lines[0]).toContain("Users in scope");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 5).join(","))).toEqual([
      "Pilot,100,4,2,2",
      "Finance,90,3,2,1",
      "Empty,80,0,0,0",
      "Everyone,,7,3,3",
    ]);
    expect(out.filename).toBe("rollout-adoption-by-wave-2026-06-17.csv");
  });
});
