import { describe, expect, it } from "vitest";
import { scoreMatching, seedAssignedKeysFromGroundTruth } from "./testing";
import {
  sim,
  db,
  services,
  liveTruthCredentialIds,
  mirroredCredentialIds,
  fido2Requests,
  useSyncDatabase,
} from "./sync.testing";

// Sync against the simulated tenant (throttling off) on a real database (PGlite, or PostgreSQL when
// DATABASE_URL is set): first full sync, then control-API mutations and an incremental sync that sees
// exactly those, then matching against the simulator's ground truth.
// Set-up: sync.testing.ts.

useSyncDatabase();

describe("sync (integration, simulated tenant)", () => {
  it("first sync is full: mirrors every live user and every live credential, reading FIDO2 methods only for users the report shows with a passkey", async () => {
    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect(r.status).toBe("succeeded");
    expect(r.kind).toBe("full");
    const liveUsers = sim.tenant.users.filter((u) => u.deletedAt === null).length;
    expect(r.users).toBe(liveUsers);
    expect(await mirroredCredentialIds()).toEqual(liveTruthCredentialIds(sim));
    const withPasskey = sim.tenant.users.filter(
      (u) =>
        u.deletedAt === null &&
        (sim.tenant.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null),
    ).length;
    expect(fido2Requests()).toBe(withPasskey);
    expect(fido2Requests()).toBeLessThan(liveUsers);
    // Users in the "Site - Austin" office map to the site; synced passkeys / Authenticator are unknown models.
    expect(await db.prisma.directoryUser.count({ where: { siteId: "site-hq" } })).toBe(
      sim.tenant.users.filter((u) => u.officeLocation === "Austin HQ").length,
    );
    expect(
      await db.prisma.entraCredential.count({ where: { isUnknownModel: true, passkeyType: "synced" } }),
    ).toBe(sim.tenant.credentials.filter((c) => c.kind === "synced" && c.removedAt === null).length);
    const run = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({
      status: "succeeded",
      kind: "full",
      usersAdded: liveUsers,
      credentialsAdded: liveTruthCredentialIds(sim).length,
    });
    expect(run.graphRequests).toBe(r.requests);
    expect(await db.prisma.setting.findUnique({ where: { key: "sync.usersDeltaLink" } })).not.toBeNull();
    expect(await db.prisma.setting.findUnique({ where: { key: "entra.tapPolicy" } })).not.toBeNull();
    // The embedded database has no autovacuum: the sync refreshes the planner's statistics itself, or every
    // later query is planned as if the mirror were empty.
    const [planned] = await db.prisma.$queryRaw<{ users: number; credentials: number }[]>`
      SELECT (SELECT reltuples FROM pg_class WHERE oid = 'directory_users'::regclass)::int AS users,
             (SELECT reltuples FROM pg_class WHERE oid = 'entra_credentials'::regclass)::int AS credentials`;
    expect(planned).toEqual({
      users: await db.prisma.directoryUser.count(),
      credentials: await db.prisma.entraCredential.count(),
    });
  });

  it("an incremental sync with nothing changed reads no FIDO2 methods and writes nothing", async () => {
    const before = fido2Requests();
    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect(r).toMatchObject({ status: "succeeded", kind: "incremental", added: 0, changed: 0, removed: 0 });
    expect(fido2Requests()).toBe(before);
  });

  it("sees exactly the mutations made through the control API: credential added and removed, user disabled and deleted, and finds a registration through the audit log while the report lags", async () => {
    const t = sim.tenant;
    const members = t.users.filter(
      (u) => u.deletedAt === null && u.accountEnabled && u.userType === "Member",
    );
    const hasCred = (u: (typeof members)[number]) =>
      (t.credentialsByUser.get(u.idx) ?? []).some((c) => c.removedAt === null);
    const [adder, remover, disabled, deleted, lagged] = [
      members.find((u) => !hasCred(u))!,
      members.filter(hasCred)[0]!,
      members.filter(hasCred)[1]!,
      members.filter(hasCred)[2]!,
      members.filter((u) => !hasCred(u))[1]!,
    ];
    const added = sim.control.registerCredential(adder.id, {
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
    });
    const removed = (t.credentialsByUser.get(remover.idx) ?? []).find((c) => c.removedAt === null)!;
    sim.control.removeCredential(removed.id);
    sim.control.setUserEnabled(disabled.id, false);
    sim.control.deleteUser(deleted.id);
    const before = fido2Requests();

    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect(r.errors).toEqual([]);
    expect(r.status).toBe("succeeded");
    expect(r.detail).toMatchObject({
      usersAdded: 0,
      usersChanged: 1,
      usersRemoved: 1,
      credentialsAdded: 1,
      credentialsRemoved: 1,
      credentialsChanged: 0,
    });
    expect(fido2Requests() - before).toBe(2); // adder and remover: nobody else
    expect(
      await db.prisma.entraCredential.findFirst({
        where: { methodId: added.credentialId },
        select: { userId: true, removedAt: true },
      }),
    ).toEqual({ userId: adder.id, removedAt: null });
    const gone = await db.prisma.entraCredential.findFirstOrThrow({ where: { methodId: removed.id } });
    expect(gone.removedAt).not.toBeNull(); // marked, never deleted
    expect(
      await db.prisma.directoryUser.findUniqueOrThrow({
        where: { id: disabled.id },
        select: { accountEnabled: true },
      }),
    ).toEqual({ accountEnabled: false });
    expect(
      (await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: deleted.id } })).deletedAt,
    ).not.toBeNull();
    // Both enter the offboarding queue with their credentials to delete.
    const cases = await db.prisma.case.findMany({
      where: { kind: "offboarding" },
      select: { userId: true, steps: { select: { kind: true, target: true } } },
    });
    expect(cases.map((c) => c.userId).sort()).toEqual([disabled.id, deleted.id].sort());
    expect(cases.every((c) => c.steps.some((s) => s.kind === "revoke_credential"))).toBe(true);

    // Report lag: the report does not show the registration yet (and is not due), but the directory audit
    // log does: the user is read at once, and only that user.
    sim.control.setReportLag(60);
    const late = sim.control.registerCredential(lagged.id, {
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
    });
    const beforeLate = fido2Requests();
    const r2 = await services.sync.run();
    if (r2.skipped) throw new Error("skipped");
    expect(r2).toMatchObject({ status: "succeeded", pendingUsers: 0, failedUsers: 0 });
    expect(r2.detail.credentialsAdded).toBe(1);
    expect(fido2Requests() - beforeLate).toBe(1);
    expect(
      await db.prisma.entraCredential.count({
        where: { methodId: late.credentialId, userId: lagged.id, removedAt: null },
      }),
    ).toBe(1);
    sim.control.setReportLag(0);
    const r3 = await services.sync.run();
    if (r3.skipped) throw new Error("skipped");
    expect(r3.detail).toMatchObject({ credentialsAdded: 0, credentialsRemoved: 0, usersChanged: 0 });
    // A deleted user's credentials stay live in the mirror, flagged in their offboarding case.
    const ofDeleted = new Set((t.credentialsByUser.get(deleted.idx) ?? []).map((c) => c.id));
    expect((await mirroredCredentialIds()).filter((id) => !ofDeleted.has(id))).toEqual(
      liveTruthCredentialIds(sim),
    );
    // A second offboarding case is never opened for the same user.
    expect(await db.prisma.case.count({ where: { kind: "offboarding" } })).toBe(2);
  });

  it("matching links credentials to the keys KeyFleet assigned with 100 % precision, queues the ambiguous, and never overwrites a confirmed link", async () => {
    const byAaguid = new Map((await db.prisma.keyModelAaguid.findMany()).map((a) => [a.aaguid, a.modelId]));
    await seedAssignedKeysFromGroundTruth(db.prisma, sim, byAaguid, "site-hq");
    const r = await services.sync.run();
    if (r.skipped) throw new Error("skipped");
    expect(r.matched).toBeGreaterThan(0);
    const score = await scoreMatching(db.prisma, sim);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(await db.prisma.securityKey.count({ where: { status: "active", credential: { is: null } } })).toBe(
      0,
    );

    // A personal key: registered by a user with no key from us is never linked and needs no review.
    const personal = sim.tenant.users.find(
      (u) =>
        u.deletedAt === null &&
        u.accountEnabled &&
        u.userType === "Member" &&
        !sim.tenant.keys.some((k) => k.holderIdx === u.idx),
    )!;
    const own = sim.control.registerCredential(personal.id, { personal: true });

    // Ambiguous: two keys of one model handed to one user on the same day, both registered.
    const holder = sim.tenant.users.find(
      (u) =>
        u.deletedAt === null &&
        u.accountEnabled &&
        u.userType === "Member" &&
        u.idx !== personal.idx &&
        !sim.tenant.keys.some((k) => k.holderIdx === u.idx),
    )!;
    const assignedAt = new Date(Date.now() - 60_000);
    const yk = byAaguid.get("2fc0579f-8113-47ea-b116-bb5a8db9202a")!;
    for (const serial of ["AMB-1", "AMB-2"]) {
      await db.prisma.securityKey.create({
        data: {
          id: `k-${serial}`,
          serial,
          vendor: "Yubico",
          modelId: yk,
          siteId: "site-hq",
          status: "assigned",
          custodianId: holder.id,
          statusChangedAt: assignedAt,
        },
      });
      await db.prisma.keyAssignment.create({
        data: { keyId: `k-${serial}`, userId: holder.id, assignedAt, assignedById: "agent" },
      });
    }
    const c1 = sim.control.registerCredential(holder.id, {
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      serial: "AMB-1",
    });
    sim.control.registerCredential(holder.id, {
      aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      serial: "AMB-2",
    });
    const r2 = await services.sync.run();
    if (r2.skipped) throw new Error("skipped");
    expect(r2.reviewQueued).toBe(2);
    const ownRow = await db.prisma.entraCredential.findFirstOrThrow({
      where: { methodId: own.credentialId },
    });
    expect(ownRow).toMatchObject({ keyId: null });
    expect(await db.prisma.matchReview.count({ where: { credentialId: ownRow.id } })).toBe(0);
    expect(
      await db.prisma.entraCredential.count({ where: { userId: holder.id, keyId: { not: null } } }),
    ).toBe(0);

    // An agent confirms one; the next sync leaves the confirmed link alone and infers nothing wrong.
    const agent = {
      actor: { id: "agent-1", name: "Agent", email: null, roles: ["helpdesk" as const] },
      requestId: "req-1",
    };
    const cred1 = await db.prisma.entraCredential.findFirstOrThrow({ where: { methodId: c1.credentialId } });
    const review = await db.prisma.matchReview.findFirstOrThrow({ where: { credentialId: cred1.id } });
    await services.matching.confirmReview(agent, { reviewId: review.id, keyId: "k-AMB-1" });
    await expect(
      services.matching.confirmReview(agent, { reviewId: review.id, keyId: "k-AMB-2" }),
    ).rejects.toThrow(/already decided this match review/);
    await services.sync.run();
    expect(
      await db.prisma.entraCredential.findUniqueOrThrow({
        where: { id: cred1.id },
        select: { keyId: true, matchMethod: true, matchedById: true },
      }),
    ).toEqual({
      keyId: "k-AMB-1",
      matchMethod: "confirmed",
      matchedById: "agent-1",
    });
    expect((await scoreMatching(db.prisma, sim)).precision).toBe(1);
    expect(
      await db.prisma.auditEvent.count({ where: { action: "matching.confirm", subjectId: cred1.id } }),
    ).toBe(1);
  });

  it("refreshes one user on demand (Refresh from Entra) and records it", async () => {
    const u = sim.tenant.users.find(
      (x) => x.deletedAt === null && x.accountEnabled && x.userType === "Member",
    )!;
    const c = sim.control.registerCredential(u.id, { aaGuid: "a4e9fc6d-4cbe-4758-b8ba-37598bb5bbaa" });
    sim.control.setReportLag(600); // the report has not caught up: only a refresh sees it now
    const agent = {
      actor: { id: "agent-2", name: "Agent Two", email: null, roles: ["helpdesk" as const] },
      requestId: "req-2",
    };
    const r = await services.sync.refreshUser(agent, u.id);
    expect(r.credentialsAdded).toBe(1);
    expect(
      await db.prisma.entraCredential.count({ where: { methodId: c.credentialId, removedAt: null } }),
    ).toBe(1);
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "users.refresh", subjectId: u.id, actorId: "agent-2" },
      }),
    ).toBe(1);
    sim.control.setReportLag(0);
  });
});
