import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { makeSignInRepository } from "./sign-ins.repository";

// "Last used" per credential from two sources, against one simulated tenant synced into two databases:
// read from Graph v1.0 (no lastUsedDateTime), the figure comes from the sign-in log; read from beta
// (GRAPH_FIDO2_BETA), Entra's own lastUsedDateTime is kept and preferred over the log. The user page says
// which. The truth is the simulator's, not KeyFleet's.

let sim: RunningSimulator;
let onV1: { db: TestDatabase; s: Services };
let onBeta: { db: TestDatabase; s: Services };
const DAY = 86_400_000;

const rows = (db: TestDatabase) =>
  db.prisma.entraCredential.findMany({
    where: { removedAt: null },
    select: { id: true, methodId: true, userId: true, lastUsedAt: true, lastUsedSource: true },
  });
const truth = () =>
  new Map(sim.tenant.credentials.filter((c) => c.removedAt === null).map((c) => [c.id, c.lastUsedAt]));

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 23, reportLagMinutes: 0 });
  const start = async (fido2Version: "v1.0" | "beta") => {
    const db = await createTestDatabase();
    const s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim, { fido2Version }).graph });
    const r = await s.sync.run();
    if (r.skipped || r.status !== "succeeded") throw new Error(`the ${fido2Version} sync did not succeed`);
    return { db, s };
  };
  onV1 = await start("v1.0");
  onBeta = await start("beta");
});
afterAll(async () => {
  await onV1?.db.close();
  await onBeta?.db.close();
  await sim?.stop();
});

describe("last used per credential", () => {
  it("from beta: every credential Entra has a last use for carries exactly that time, marked as Entra's", async () => {
    const t = truth();
    const mirror = await rows(onBeta.db);
    const used = mirror.filter((r) => t.get(r.methodId) != null);
    expect(used.length).toBeGreaterThan(5);
    for (const r of used) {
      // Graph gives whole seconds (as the simulator's views do).
      expect(r.lastUsedAt?.getTime()).toBe(Math.floor(t.get(r.methodId)! / 1000) * 1000);
      expect(r.lastUsedSource).toBe("graph");
    }
    // Entra has no use for these: never marked as Entra's.
    const unused = mirror.filter((r) => t.get(r.methodId) == null);
    expect(unused.every((r) => r.lastUsedSource !== "graph")).toBe(true);
  });

  it("from v1.0: the figure comes from the sign-in log, never after Entra's own last use", async () => {
    const t = truth();
    const mirror = await rows(onV1.db);
    expect(mirror.some((r) => r.lastUsedSource === "graph")).toBe(false);
    const stamped = mirror.filter((r) => r.lastUsedAt !== null);
    expect(stamped.length).toBeGreaterThan(0);
    for (const r of stamped) {
      expect(r.lastUsedSource).toBe("sign_in_log");
      expect(r.lastUsedAt!.getTime()).toBeLessThanOrEqual(t.get(r.methodId)!);
    }
  });

  it("a newer use in the log moves a log figure, but never Entra's own", async () => {
    const repo = makeSignInRepository();
    const later = new Date(Date.now() + DAY).toISOString();
    // A user with one live device-bound credential: the log's use can only be that one (stampKeyUse).
    const deviceBound = await onV1.db.prisma.entraCredential.findMany({
      where: { removedAt: null, NOT: { passkeyType: "synced" } },
      select: { userId: true },
    });
    const count = new Map<string, number>();
    for (const r of deviceBound) count.set(r.userId, (count.get(r.userId) ?? 0) + 1);
    const fromLog = (await rows(onV1.db)).find(
      (r) => r.lastUsedSource === "sign_in_log" && count.get(r.userId) === 1,
    );
    expect(fromLog).toBeDefined();
    const fromGraph = (await rows(onBeta.db)).find((r) => r.methodId === fromLog!.methodId);
    expect(fromGraph?.lastUsedSource).toBe("graph");
    for (const db of [onV1.db, onBeta.db])
      await repo.stampKeyUse(db.prisma, [{ userId: fromLog!.userId, at: later, detail: null }], new Date());
    const v1After = await onV1.db.prisma.entraCredential.findUniqueOrThrow({ where: { id: fromLog!.id } });
    const betaAfter = await onBeta.db.prisma.entraCredential.findUniqueOrThrow({
      where: { id: fromGraph!.id },
    });
    expect(v1After.lastUsedAt?.toISOString()).toBe(later);
    expect(betaAfter.lastUsedAt?.getTime()).toBe(fromGraph!.lastUsedAt!.getTime());
    expect(betaAfter.lastUsedSource).toBe("graph");
  });

  it("the user page says where each figure came from", async () => {
    // As the helpdesk sees it: the figure and its source are on the page for them too.
    const helpdesk = { roles: ["helpdesk" as const] };
    const [g] = (await rows(onBeta.db)).filter((r) => r.lastUsedSource === "graph");
    const page = await onBeta.s.directoryUsers.userPage(g!.userId, helpdesk);
    expect(page.credentials.find((c) => c.id === g!.id)).toMatchObject({ lastUsedSource: "graph" });
    const [l] = (await rows(onV1.db)).filter((r) => r.lastUsedSource === "sign_in_log");
    const logPage = await onV1.s.directoryUsers.userPage(l!.userId, helpdesk);
    expect(logPage.credentials.find((c) => c.id === l!.id)).toMatchObject({ lastUsedSource: "sign_in_log" });
    const none = (await rows(onV1.db)).find((r) => r.lastUsedAt === null);
    if (none) {
      const p = await onV1.s.directoryUsers.userPage(none.userId, helpdesk);
      expect(p.credentials.find((c) => c.id === none.id)?.lastUsedSource).toBeNull();
    }
  });
});
