import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, freshMember, startTestSimulator } from "@/server/graph/simulator/testing";
import { seedModels } from "@/server/modules/sync/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { hana, omar, YK5 } from "./test-actors";
import { handOverAndRegister } from "./sim-harness";

// Refuse before deleting, through the tRPC caller against the simulated tenant: a lost key whose owner
// is outside the TAP policy's groups and has no other key is not revoked until the agent takes a path.

let sim: RunningSimulator;
let db: TestDatabase;
let s: Services;
let tapGroup: string;
let stock = 0;
const used = new Set<string>();
const as = (actor: Actor) => createCallerFactory(appRouter)({ actor, requestId: "req-strand", services: s });
const deletesFor = (userId: string) =>
  sim.control
    .destructiveCalls()
    .filter((c) => c.kind === "deleteFido2Method" && c.userId === userId && c.status === 204);

/** A member with one KeyFleet key registered in Entra, outside the TAP group; a verified case for it. */
async function caseFor(kind: "lost" | "stolen") {
  const u = freshMember(sim, used, (x) => x.officeLocation === "Lyon Site");
  const keyId = `stock-${stock++}`;
  const credentialId = await handOverAndRegister(as(hana), sim, db, u.id, keyId);
  await s.sync.run();
  const { id } = await as(hana).cases.open({ userId: u.id, kind, keyIds: [keyId] });
  let c = await as(hana).cases.get({ id });
  c = await as(hana).cases.verify({
    caseId: id,
    version: c.version,
    method: "in_person",
    reference: "Desk 2, badge checked",
  });
  return { user: u, credentialId, caseId: id, c };
}
const revokeStep = (c: { steps: { kind: string; id: string }[] }) =>
  c.steps.find((x) => x.kind === "revoke_credential")!.id;

beforeAll(async () => {
  sim = await startTestSimulator({ users: 200, seed: 11, reportLagMinutes: 0 });
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  await db.prisma.site.create({
    data: { id: "site-lyo", code: "LYO", name: "Lyon", officeLocation: "Lyon Site" },
  });
  const model = (await seedModels(db.prisma)).get(YK5)!;
  await db.prisma.securityKey.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      id: `stock-${i}`,
      serial: `YK-S${i}`,
      vendor: "Yubico",
      modelId: model,
      siteId: "site-lyo",
      status: "in_stock" as const,
    })),
  });
  tapGroup = sim.control.createGroup({ displayName: "TAP - rollout pilot" }).id;
  sim.control.setTapPolicy({
    includeTargets: [{ id: tapGroup, targetType: "group", isRegistrationRequired: false }],
    excludeTargets: [],
  });
  if ((await s.sync.run()).skipped) throw new Error("sync skipped");
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("a revocation that would strand the user", () => {
  it("is refused with the TAP groups named and nothing deleted; after the user is added to the group in Entra, the same step runs (one DELETE)", async () => {
    const { user, credentialId, caseId, c } = await caseFor("lost");
    const pre = await as(hana).cases.preflight({ caseId });
    expect(pre).toMatchObject({
      stranded: true,
      tap: { possible: false, cause: "not_included" },
      backupKey: { present: false },
    });
    await expect(
      as(hana).cases.runStep({ caseId, version: c.version, stepId: revokeStep(c) }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining(
        `Add ${user.displayName} to one of these groups in Entra, then re-check`,
      ),
    });
    await expect(
      as(hana).cases.runStep({ caseId, version: c.version, stepId: revokeStep(c) }),
    ).rejects.toThrow(/TAP - rollout pilot.*Nothing was deleted/);
    expect(deletesFor(user.id)).toHaveLength(0);
    expect(sim.tenant.credentials.find((x) => x.id === credentialId)?.removedAt).toBeNull();

    sim.control.addGroupMember(tapGroup, { userId: user.id });
    const after = await as(hana).cases.runStep({ caseId, version: c.version, stepId: revokeStep(c) });
    expect(after.steps.find((x) => x.kind === "revoke_credential")?.status).toBe("done");
    expect(deletesFor(user.id)).toHaveLength(1);
  });

  it("proceeds anyway only with a reason and a second agent's approval, which the audit trail records", async () => {
    const { user, caseId, c } = await caseFor("lost");
    await expect(
      as(hana).cases.requestApproval({ caseId, version: c.version, action: "proceed_stranded" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    let v = await as(hana).cases.requestApproval({
      caseId,
      version: c.version,
      action: "proceed_stranded",
      reason: "Key seen in a stranger's hands; user will come to the desk tomorrow",
    });
    const [request] = (await as(omar).cases.approvals({ status: "pending" })).filter(
      (a) => a.case.id === caseId,
    );
    await expect(
      as(hana).cases.decideApproval({ approvalId: request!.id, decision: "approve" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as(hana).cases.runStep({ caseId, version: v.version, stepId: revokeStep(v) }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(deletesFor(user.id)).toHaveLength(0);
    await as(omar).cases.decideApproval({ approvalId: request!.id, decision: "approve" });
    v = await as(hana).cases.get({ id: caseId });
    v = await as(hana).cases.runStep({ caseId, version: v.version, stepId: revokeStep(v) });
    expect(deletesFor(user.id)).toHaveLength(1);
    const override = await db.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: caseId, action: "cases.revoke.stranded_override" },
    });
    expect(override.after).toMatchObject({ approvalId: request!.id, approverId: omar.id });
    expect(v.steps.find((x) => x.kind === "revoke_credential")?.note).toContain("no way to sign in");
  });

  it("proceeds once a replacement handed over in person is recorded", async () => {
    const { user, caseId, c } = await caseFor("lost");
    const v = await as(hana).cases.recordHandover({
      caseId,
      version: c.version,
      note: "YK-S9 handed over at Lyon desk, registered with the user present",
    });
    expect((await as(hana).cases.preflight({ caseId })).stranded).toBe(false);
    await as(hana).cases.runStep({ caseId, version: v.version, stepId: revokeStep(v) });
    expect(deletesFor(user.id)).toHaveLength(1);
    expect(
      await db.prisma.auditEvent.count({ where: { subjectId: caseId, action: "cases.handover_in_person" } }),
    ).toBe(1);
  });

  it("a stolen key is still revoked at once, and the step says what the user is left with", async () => {
    const { user, caseId, c } = await caseFor("stolen");
    const v = await as(hana).cases.runStep({ caseId, version: c.version, stepId: revokeStep(c) });
    expect(deletesFor(user.id)).toHaveLength(1);
    expect(v.steps.find((x) => x.kind === "revoke_credential")?.note).toContain(
      `Revoking would leave ${user.displayName} with no way to sign in`,
    );
  });

  it("a pass Entra refuses for scope after the revoke (user removed from the group meanwhile) is explained with the groups; Graph's text kept for the details", async () => {
    const { user, caseId, c } = await caseFor("lost");
    sim.control.addGroupMember(tapGroup, { userId: user.id });
    let v = await as(hana).cases.runStep({ caseId, version: c.version, stepId: revokeStep(c) });
    for (const kind of ["mark_key", "reserve_replacement"])
      v = await as(hana).cases.runStep({
        caseId,
        version: v.version,
        stepId: v.steps.find((x) => x.kind === kind)!.id,
      });
    sim.control.removeGroupMember(tapGroup, { userId: user.id });
    const refused = await as(hana)
      .recovery.issueTap({ caseId, version: v.version })
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe(
      `Entra refused the pass because ${user.displayName} is not covered by the Temporary Access Pass policy. ${user.displayName} is outside the TAP policy: it includes only TAP - rollout pilot. Add ${user.displayName} to one of these groups in Entra, then re-check.`,
    );
    const step = (await as(hana).cases.get({ id: caseId })).steps.find((x) => x.kind === "issue_tap")!;
    expect(step.status).toBe("failed");
    expect(step.lastError).toContain(
      "Entra said: Converged UserCredentialPolicy does not allow creating or updating this authentication method.",
    );
    expect([...sim.tenant.taps.values()].some((t) => t.userIdx === user.idx)).toBe(false);
  });
});
