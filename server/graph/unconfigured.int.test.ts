import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeFakeEntra, seedUser, workCaseUntil } from "@/server/modules/cases/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// No tenant configured: services get the unconfigured port, never null. Every feature that needs Entra is
// refused with PRECONDITION_FAILED in words that say what could not be done and name the settings to set,
// and nothing is written first: no step claimed, no sync run recorded, no audit event. The cases are
// prepared with a tenant (the fake Entra of the cases tests) on the same database, then worked without one.

const entra = makeFakeEntra();
const admin: Actor = { id: "admin-1", name: "Alex", email: null, roles: ["admin"] };
let db: TestDatabase;
let online: Services;
const callerOf = createCallerFactory(appRouter);
let offline: ReturnType<typeof callerOf>;

const CONFIGURE = /No Entra tenant is connected.*AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET/s;
async function refused(p: Promise<unknown>, what: RegExp) {
  const e = await p.then(
    () => null,
    (x: unknown) => x as { code?: string; message?: string },
  );
  expect(e?.code).toBe("PRECONDITION_FAILED");
  expect(e?.message).toMatch(what);
  expect(e?.message).toMatch(CONFIGURE);
}
const counts = async () => ({
  audit: await db.prisma.auditEvent.count(),
  syncRuns: await db.prisma.syncRun.count(),
  deleted: entra.log.deletesApplied.length + entra.log.tapsDeleted.length,
  taps: entra.log.tapsCreated.length,
  sessionsRevoked: entra.log.sessionsRevoked.length,
});

beforeAll(async () => {
  db = await createTestDatabase();
  online = buildServices({ prisma: db.prisma, graph: entra.graph });
  offline = callerOf({
    actor: admin,
    requestId: "req-offline",
    services: buildServices({ prisma: db.prisma }),
  });
});
afterAll(async () => {
  await db?.close();
});

describe("no tenant configured: the unconfigured port refuses in the user's words (integration)", () => {
  it("a case's preflight, its revoke step and its TAP: refused, the steps untouched, nothing sent or audited", async () => {
    const ctx = { actor: admin, requestId: "r-online" };
    const u = await seedUser(db.prisma, entra, { keys: 1, stock: 1 });
    const { id } = await callerOf({ actor: admin, requestId: "r", services: online }).cases.open({
      userId: u.userId,
      kind: "lost",
      keyIds: u.keyIds,
    });
    const atRevoke = await workCaseUntil(online, ctx, id, "revoke_credential");
    const revoke = atRevoke.steps.find((s) => s.kind === "revoke_credential")!;
    const before = await counts();

    await refused(offline.cases.preflight({ caseId: id }), /cannot look the person up in Entra/);
    await refused(
      offline.cases.runStep({ caseId: id, version: atRevoke.version, stepId: revoke.id }),
      /cannot (look the person up|delete the passkey) in Entra/,
    );
    const after = await online.cases.get(id);
    expect(after.version).toBe(atRevoke.version);
    expect(after.steps.find((s) => s.id === revoke.id)).toMatchObject({ status: revoke.status });
    expect(await counts()).toEqual(before);

    const atTap = await workCaseUntil(online, ctx, id, "issue_tap");
    const tapsBefore = await counts();
    await refused(
      offline.recovery.issueTap({ caseId: id, version: atTap.version }),
      /cannot check a Temporary Access Pass against the tenant's TAP policy/,
    );
    await refused(offline.recovery.tapPolicy({ caseId: id }), /Temporary Access Pass/);
    await refused(
      offline.recovery.refreshTaps({ userId: u.userId }),
      /cannot read the person's Temporary Access Passes/,
    );
    await refused(
      offline.recovery.revokeTap({ userId: u.userId, tapId: "tap-1" }),
      /cannot revoke the Temporary Access Pass/,
    );
    expect((await online.cases.get(id)).steps.find((s) => s.kind === "issue_tap")?.status).toBe(
      atTap.steps.find((s) => s.kind === "issue_tap")?.status,
    );
    expect(await counts()).toEqual(tapsBefore);
  });

  it("a leaver's credential: refused, and the credential is still there", async () => {
    const u = await seedUser(db.prisma, entra, { keys: 1, stock: 0 });
    await db.prisma.directoryUser.update({ where: { id: u.userId }, data: { accountEnabled: false } });
    const before = await counts();
    await refused(
      offline.assignment.deleteLeaverCredential({ credentialId: u.credIds[0]! }),
      /cannot delete the passkey in Entra/,
    );
    const cred = await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: u.credIds[0]! } });
    expect(cred.removedAt).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("sync now, a full run and a one-user refresh: refused before a run is recorded", async () => {
    const u = await seedUser(db.prisma, entra, { keys: 0, stock: 0 });
    const before = await counts();
    await refused(offline.sync.start({ full: false }), /cannot sync the directory/);
    await refused(offline.sync.refreshUser({ userId: u.userId }), /cannot sync the directory/);
    await refused(buildServices({ prisma: db.prisma }).sync.run(), /cannot sync the directory/);
    expect(await counts()).toEqual(before);
  });

  it("the wave form's group search: refused, pointing at the department and site filters", async () => {
    await refused(offline.rollout.searchGroups({ q: "Research" }), /search the directory's groups/);
    await refused(offline.rollout.searchGroups({ q: "" }), /pick people by department or site instead/);
  });

  it("first run: says how to connect a tenant instead of checking permissions", async () => {
    const r = await offline.setup.checkPermissions();
    expect(r).toMatchObject({ connected: false, checks: [], missing: [] });
    expect(r.message).toMatch(/AZURE_TENANT_ID/);
  });
});
