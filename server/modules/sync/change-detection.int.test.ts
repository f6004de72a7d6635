import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { createGraphAdapter } from "@/server/graph/adapter";
import type { GraphPort } from "@/server/graph/port";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { graphConfigOf, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "./testing";

// Incremental cost follows churn: under strict throttling (5 authentication-method reads per second
// here), each kind of change is found by the next incremental run, which reads only the users it names.
// The registration report is not due (read hourly), so what finds a key change is the directory audit
// log. A quiet incremental run costs exactly five Graph requests: one users/delta page, the TAP and
// FIDO2 policies, one page of directory audits, and the rollout hook's page of sign-ins ("last used");
// no waves or privileged groups are configured and no case is open.

let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
let graph: GraphPort;
const QUIET = 5;

/** Method reads Entra answered: a read throttled (429) and retried is one read, not two. */
const fido2Reads = () => {
  const { byRoute, throttledByRoute } = sim.control.stats();
  return (byRoute.listFido2Methods ?? 0) - (throttledByRoute.listFido2Methods ?? 0);
};
const registrationReads = () => sim.control.stats().byRoute.listRegistrationDetails ?? 0;
const live = (u: { idx: number }) =>
  (sim.tenant.credentialsByUser.get(u.idx) ?? []).filter((c) => c.removedAt === null);
const members = () =>
  sim.tenant.users.filter((u) => u.deletedAt === null && u.accountEnabled && u.userType === "Member");

async function incremental() {
  const reads = fido2Reads();
  const reports = registrationReads();
  const r = await services.sync.run();
  if (r.skipped) throw new Error("skipped");
  expect(r).toMatchObject({
    kind: "incremental",
    status: "succeeded",
    pendingUsers: 0,
    failedUsers: 0,
    errors: [],
  });
  expect(registrationReads()).toBe(reports); // the report is on its own, slower schedule
  // Requests Entra answered: whether a request met the 5-per-second bucket and was retried depends on
  // the machine's speed, not on whom the run chose to read.
  return { ...r, reads: fido2Reads() - reads, requests: r.requests - r.throttled };
}

beforeAll(async () => {
  sim = await startTestSimulator({
    users: 60,
    seed: 41,
    reportLagMinutes: 0,
    throttling: { authMethods: { capacity: 5, windowMs: 1_000 } },
  });
  db = await createTestDatabase();
  await seedModels(db.prisma);
  graph = createGraphAdapter(graphConfigOf(sim));
  services = buildServices({ prisma: db.prisma, graph });
  const full = await services.sync.run();
  if (full.skipped || full.status !== "succeeded") throw new Error("the first sync did not succeed");
});

afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("incremental change detection under strict throttling (integration, simulated tenant)", () => {
  it("a quiet run reads nobody's methods and makes only its fixed requests", async () => {
    const r = await incremental();
    expect(r).toMatchObject({ added: 0, changed: 0, removed: 0, reads: 0, requests: QUIET });
  });

  it("a key the user registers: that user's methods are read, one $batch", async () => {
    const u = members().find((x) => live(x).length === 0)!;
    const { credentialId } = sim.control.registerCredential(u.id);
    const r = await incremental();
    expect(r).toMatchObject({ reads: 1, requests: QUIET + 1 });
    expect(r.detail).toMatchObject({ credentialsAdded: 1, credentialsRemoved: 0, usersChanged: 0 });
    expect(
      await db.prisma.entraCredential.count({
        where: { methodId: credentialId, userId: u.id, removedAt: null },
      }),
    ).toBe(1);
  });

  /** A member's credential deleted by `remove`: the next run reads that user alone and marks it removed. */
  const expectDeletionFound = async (remove: (userId: string, methodId: string) => unknown) => {
    const u = members().find((x) => live(x).length >= 1)!;
    const c = live(u)[0]!;
    await remove(u.id, c.id);
    const r = await incremental();
    expect(r).toMatchObject({ reads: 1, requests: QUIET + 1 });
    expect(r.detail).toMatchObject({ credentialsAdded: 0, credentialsRemoved: 1 });
    expect(
      (await db.prisma.entraCredential.findFirstOrThrow({ where: { methodId: c.id } })).removedAt,
    ).not.toBeNull();
  };

  it("a key an admin deletes in Entra: found through the audit log, marked removed", async () => {
    // An admin, outside KeyFleet's own flows.
    await expectDeletionFound((userId, methodId) => graph.deleteFido2Method(userId, methodId));
  });

  it("a key the user deletes: found through the audit log, marked removed, nobody else read", async () => {
    await expectDeletionFound((_userId, methodId) => sim.control.removeCredential(methodId));
  });

  it("a user disabled and a user deleted: both found through users/delta with no method reads", async () => {
    const [disabled, deleted] = members().filter((x) => live(x).length >= 1);
    sim.control.setUserEnabled(disabled!.id, false);
    sim.control.deleteUser(deleted!.id);
    const r = await incremental();
    expect(r).toMatchObject({ reads: 0, requests: QUIET });
    expect(r.detail).toMatchObject({ usersChanged: 1, usersRemoved: 1, credentialsRemoved: 0 });
    expect(
      await db.prisma.directoryUser.findUniqueOrThrow({
        where: { id: disabled!.id },
        select: { accountEnabled: true },
      }),
    ).toEqual({ accountEnabled: false });
    expect(
      (await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: deleted!.id } })).deletedAt,
    ).not.toBeNull();
  });
});
