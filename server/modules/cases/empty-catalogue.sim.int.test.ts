import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { hana, YK5 } from "./test-actors";

// A fresh KeyFleet on a production-like tenant: nobody has typed a key model in, no site exists, and the
// TAP policy covers a group. A user holds only a security key KeyFleet has never seen. The helpdesk must
// still see it as a hardware key, revoke it through a case, and never leave the user with no way in.

let sim: RunningSimulator;
let db: TestDatabase;
let s: Services;
let tapGroup: string;
const as = (actor: Actor) => createCallerFactory(appRouter)({ actor, requestId: "req-empty", services: s });

beforeAll(async () => {
  sim = await startTestSimulator({ users: 120, seed: 23, reportLagMinutes: 0 });
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  tapGroup = sim.control.createGroup({ displayName: "TAP - first wave" }).id;
  sim.control.setTapPolicy({
    includeTargets: [{ id: tapGroup, targetType: "group", isRegistrationRequired: false }],
    excludeTargets: [],
  });
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("an empty model catalogue", () => {
  it("a key KeyFleet never saw is a hardware key in the wizard, its revoke is refused while it would strand the user, then runs once", async () => {
    expect(await db.prisma.keyModel.count()).toBe(0);
    const u = sim.tenant.users.find(
      (x) =>
        x.deletedAt === null &&
        x.accountEnabled &&
        x.userType === "Member" &&
        !x.isPrivileged &&
        !(sim.tenant.credentialsByUser.get(x.idx) ?? []).some((c) => c.removedAt === null),
    )!;
    const { credentialId } = sim.control.registerCredential(u.id, {
      aaGuid: YK5,
      personal: true,
      displayName: "Bought it myself",
    });
    const run = await s.sync.run();
    expect(run).toMatchObject({ skipped: false, status: "succeeded" });

    const wizard = await as(hana).cases.userKeys({ userId: u.id });
    expect(wizard.keys).toEqual([]);
    const cred = wizard.credentials.find((c) => c.methodId === credentialId);
    expect(cred).toMatchObject({ kind: "hardware", isPickable: true, keySerial: null });
    expect(cred?.model).toMatch(/YubiKey 5/); // named by the built-in catalogue, not "unknown"

    const { id: caseId } = await as(hana).cases.open({
      userId: u.id,
      kind: "lost",
      credentialIds: [cred!.id],
    });
    let c = await as(hana).cases.get({ id: caseId });
    c = await as(hana).cases.verify({
      caseId,
      version: c.version,
      method: "in_person",
      reference: "Desk 1, badge checked",
    });
    const revoke = c.steps.find((x) => x.kind === "revoke_credential")!;
    const deletes = () =>
      sim.control
        .destructiveCalls()
        .filter((d) => d.kind === "deleteFido2Method" && d.userId === u.id && d.status === 204);

    await expect(
      as(hana).cases.runStep({ caseId, version: c.version, stepId: revoke.id }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/TAP - first wave[\s\S]*Nothing was deleted/),
    });
    expect(deletes()).toHaveLength(0);

    sim.control.addGroupMember(tapGroup, { userId: u.id });
    c = await as(hana).cases.runStep({ caseId, version: c.version, stepId: revoke.id });
    expect(c.steps.find((x) => x.kind === "revoke_credential")?.status).toBe("done");
    expect(deletes()).toHaveLength(1);
    expect(sim.tenant.credentials.find((x) => x.id === credentialId)?.removedAt).not.toBeNull();
  });
});
