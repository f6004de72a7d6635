import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import {
  fastAdapter,
  hasLiveCredential,
  startTestSimulator,
  unusedMember,
} from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Offboarding deletes a leaver's credential on what Entra says at that moment, not on the last sync:
// a user enabled again since the sync keeps the credential (no DELETE reaches Entra, the refusal and what
// was seen are audited); a credential already gone is recorded without a DELETE; a real leaver's goes
// with exactly one DELETE and the audit event says what Entra showed just before.

const agent: Actor = { id: "agent-off", name: "Ola Offboard", email: null, roles: ["helpdesk"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
const api = () => callerOf({ actor: agent, requestId: "req-offboard-sim", services });
const used = new Set<string>();

/** A member with a live credential, disabled in Entra and synced: in the offboarding queue with it. */
async function syncedLeaver() {
  const u = unusedMember(sim, used, (x) => hasLiveCredential(sim, x));
  sim.control.setUserEnabled(u.id, false);
  if ((await services.sync.run()).skipped) throw new Error("sync skipped");
  const row = (await api().assignment.offboarding()).find((q) => q.userId === u.id)!;
  expect(row.state).toBe("disabled");
  const cred = row.credentials[0]!;
  return { u, cred };
}
const deletes = () => sim.control.destructiveCalls().filter((c) => c.method === "DELETE");
const isLiveInEntra = (methodId: string) =>
  sim.tenant.credentials.some((c) => c.id === methodId && c.removedAt === null);

beforeAll(async () => {
  sim = await startTestSimulator({ users: 60, seed: 41, reportLagMinutes: 0 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  if ((await services.sync.run()).skipped) throw new Error("first sync skipped");
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("offboarding re-reads Entra before deleting (simulated tenant)", () => {
  it("a leaver enabled again after the sync keeps the credential: refused in words, no DELETE reaches Entra, what was seen is audited", async () => {
    const { u, cred } = await syncedLeaver();
    sim.control.setUserEnabled(u.id, true);
    sim.control.clearDestructiveCalls();

    await expect(api().assignment.deleteLeaverCredential({ credentialId: cred.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("is enabled in Entra again"),
    });
    expect(sim.control.destructiveCalls()).toEqual([]);
    expect(isLiveInEntra(cred.methodId)).toBe(true);
    expect(
      (await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: cred.id } })).removedAt,
    ).toBeNull();
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "offboarding.credential.delete", subjectId: cred.id },
      }),
    ).toBe(0);
    const skip = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "offboarding.credential.skip", subjectId: cred.id },
      select: { actorId: true, after: true },
    });
    expect(skip).toMatchObject({
      actorId: agent.id,
      after: { reason: "enabled_again", seen: { userFound: true, accountEnabled: true, methodFound: true } },
    });
  });

  it("a credential the leaver already removed in Entra is recorded as gone, with no DELETE", async () => {
    const { cred } = await syncedLeaver();
    sim.control.removeCredential(cred.methodId);
    sim.control.clearDestructiveCalls();

    expect(await api().assignment.deleteLeaverCredential({ credentialId: cred.id })).toMatchObject({
      credentialId: cred.id,
      alreadyGone: true,
    });
    expect(deletes()).toEqual([]);
    const ev = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "offboarding.credential.delete", subjectId: cred.id },
      select: { after: true },
    });
    expect(ev.after).toMatchObject({
      alreadyGone: true,
      seen: { userFound: true, accountEnabled: false, methodFound: false },
    });
  });

  it("a leaver still disabled in Entra: exactly one DELETE, and the audit event records what Entra showed", async () => {
    const { u, cred } = await syncedLeaver();
    sim.control.clearDestructiveCalls();

    expect(await api().assignment.deleteLeaverCredential({ credentialId: cred.id })).toMatchObject({
      alreadyGone: false,
    });
    expect(deletes()).toEqual([expect.objectContaining({ userId: u.id, methodId: cred.methodId })]);
    expect(isLiveInEntra(cred.methodId)).toBe(false);
    const ev = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "offboarding.credential.delete", subjectId: cred.id },
      select: { after: true },
    });
    expect(ev.after).toMatchObject({
      alreadyGone: false,
      seen: { userFound: true, accountEnabled: false, methodFound: true, aaGuid: expect.any(String) },
    });
  });
});
