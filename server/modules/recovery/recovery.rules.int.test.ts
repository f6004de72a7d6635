import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeFakeEntra, seedUser, workCaseUntil } from "@/server/modules/cases/testing";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { policyWithTapCap } from "@/server/modules/settings/recovery-policy.testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { alex as admin, sam as lead } from "@/server/modules/cases/test-actors";

// TAP rules through the routers: the tenant's policy range, the backup path, forgotten keys, stock,
// the hourly cap with its second approver, the security leads' alerts, listing and revoking passes.

let now = new Date("2026-03-04T08:00:00Z");
const entra = makeFakeEntra();
const ada: Actor = { id: "agent-ada", name: "Ada", email: null, roles: ["helpdesk"] };
const ben: Actor = { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
let s: Services;
const callerOf = createCallerFactory(appRouter);
const as = (actor: Actor) => callerOf({ actor, requestId: `req-${actor.id}`, services: s });
const work = (caseId: string, stopAt = "issue_tap") =>
  workCaseUntil(s, { actor: ada, requestId: "r" }, caseId, stopAt);

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: entra.graph, clock: () => now });
});
afterAll(async () => {
  await db?.close();
});

async function openAt(
  kind: "lost" | "stolen" | "damaged" | "forgotten",
  opts: Parameters<typeof seedUser>[2] = {},
  keys?: (ids: string[]) => string[],
) {
  const u = await seedUser(db.prisma, entra, opts);
  const { id } = await as(ada).cases.open({
    userId: u.userId,
    kind,
    keyIds: keys ? keys(u.keyIds) : u.keyIds,
  });
  return { u, id };
}

describe("recovery: TAP rules (tRPC, fake Graph)", () => {
  it("a lifetime outside the tenant's TAP policy is refused with the policy's range, and nothing reaches Entra", async () => {
    const { id } = await openAt("lost");
    const c = await work(id);
    const policy = await as(ada).recovery.tapPolicy({ caseId: id });
    expect(policy).toMatchObject({
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      suggestedLifetimeInMinutes: 60,
      suggestedIsUsableOnce: true,
    });
    const taps = entra.log.tapsCreated.length;
    await expect(
      as(ada).recovery.issueTap({ caseId: id, version: c.version, lifetimeInMinutes: 600 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("between 60 and 480 minutes"),
    });
    expect(entra.log.tapsCreated.length).toBe(taps);
    const tap = await as(ada).recovery.issueTap({
      caseId: id,
      version: c.version,
      lifetimeInMinutes: 120,
      startAt: new Date(now.getTime() + 30 * 60_000),
    });
    expect(tap).toMatchObject({ lifetimeInMinutes: 120, isUsableOnce: true });
    expect(tap.expiresAt.getTime() - tap.startAt.getTime()).toBe(120 * 60_000);
    expect(tap.case.status).toBe("waiting_registration");
    // Shown once: nothing can fetch it again.
    const again = await as(ada).cases.get({ id });
    expect(JSON.stringify(again)).not.toContain(tap.temporaryAccessPass);
    await expect(as(ada).recovery.issueTap({ caseId: id, version: again.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("backup path: with another working key the TAP step is skipped and a TAP is refused", async () => {
    const { id } = await openAt("lost", { keys: 2 }, (ids) => [ids[0]!]);
    const c = await work(id, "close");
    expect(c.otherWorkingKeys).toHaveLength(1);
    expect(c.steps.find((x) => x.kind === "issue_tap")).toMatchObject({
      status: "skipped",
      note: expect.stringContaining("working key"),
    });
    expect(c.status).toBe("waiting_registration");
    await expect(as(ada).recovery.issueTap({ caseId: id, version: c.version })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("forgotten key: nothing revoked, a short TAP, a reminder to close, closed by the agent with a reason", async () => {
    const { u, id } = await openAt("forgotten");
    let c = await work(id);
    expect(c.steps.map((x) => x.kind)).toEqual(["verify_identity", "issue_tap", "close"]);
    const tap = await as(ada).recovery.issueTap({ caseId: id, version: c.version });
    expect(tap.lifetimeInMinutes).toBe(defaultRecoveryPolicy.tap.forgottenLifetimeInMinutes);
    expect(tap.case.reminder).toMatch(/Close this case when the key is back/);
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(true);
    c = await as(ada).cases.close({
      caseId: id,
      version: tap.case.version,
      reason: "Key is back with the user",
    });
    expect(c).toMatchObject({
      status: "closed",
      closeReason: "Key is back with the user",
      reminder: null,
      isOpen: false,
    });
  });

  it("no key in stock at the site: the reservation is flagged, and succeeds once stock arrives", async () => {
    const { id } = await openAt("damaged", { stock: 0 });
    await db.prisma.securityKey.updateMany({
      where: { siteId: "site-hq", status: "in_stock" },
      data: { status: "retired" },
    });
    let c = await work(id, "reserve_replacement");
    const reserve = c.steps.find((x) => x.kind === "reserve_replacement")!;
    c = await as(ada).cases.runStep({ caseId: id, version: c.version, stepId: reserve.id });
    expect(c.steps.find((x) => x.id === reserve.id)).toMatchObject({
      status: "skipped",
      note: expect.stringContaining("No key in stock at HQ"),
      isNext: true,
    });
    expect(c.replacementKey).toBeNull();
    await seedUser(db.prisma, null, { keys: 0, stock: 1 });
    c = await as(ada).cases.runStep({ caseId: id, version: c.version, stepId: reserve.id });
    expect(c.replacementKey).toMatchObject({ status: "reserved", site: "HQ" });
  });

  it("over the hourly cap a second agent must approve; the security leads see the alerts", async () => {
    await as(admin).settings.setRecoveryPolicy(policyWithTapCap(1));
    try {
      now = new Date(now.getTime() + 2 * 3_600_000);
      const first = await openAt("stolen", {
        isPrivileged: false,
        lastUsedAt: new Date(now.getTime() - 10 * 60_000),
      });
      let c = await work(first.id);
      await as(ada).recovery.issueTap({ caseId: first.id, version: c.version });
      const second = await openAt("lost");
      c = await work(second.id);
      const taps = entra.log.tapsCreated.length;
      await expect(
        as(ada).recovery.issueTap({ caseId: second.id, version: c.version }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("cap is 1") });
      expect(entra.log.tapsCreated.length).toBe(taps);
      c = await as(ada).cases.requestApproval({
        caseId: second.id,
        version: c.version,
        action: "tap_over_cap",
      });
      const req = (await as(ben).cases.approvals({ status: "pending" })).find(
        (a) => a.case.id === second.id,
      )!;
      await as(ben).cases.decideApproval({ approvalId: req.id, decision: "approve" });
      c = await as(ada).cases.get({ id: second.id });
      await as(ada).recovery.issueTap({ caseId: second.id, version: c.version });
      expect(entra.log.tapsCreated.length).toBe(taps + 1);

      const alerts = await as(lead).recovery.alerts({ days: 1 });
      expect(alerts.filter((a) => a.caseId === second.id).map((a) => a.kind)).toEqual(["agent_over_cap"]);
      expect(alerts.filter((a) => a.caseId === first.id).map((a) => a.kind)).toEqual(["recent_use_revoked"]);
      await expect(as(ada).recovery.alerts({ days: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await as(admin).settings.setRecoveryPolicy(defaultRecoveryPolicy);
    }
  });

  it("a privileged user's TAP is an alert; active passes are listed from Entra and can be revoked", async () => {
    const { u, id } = await openAt("lost", { isPrivileged: true });
    let c = await work(id, "approve");
    c = await as(ada).cases.requestApproval({
      caseId: id,
      version: c.version,
      action: "privileged_recovery",
    });
    await as(ben).cases.decideApproval({ approvalId: c.approvals[0]!.id, decision: "approve" });
    c = await work(id);
    const tap = await as(ada).recovery.issueTap({ caseId: id, version: c.version });
    expect((await as(lead).recovery.alerts({})).find((a) => a.caseId === id)).toMatchObject({
      kind: "privileged_tap",
      actorId: ada.id,
    });

    const listed = await as(lead).recovery.listTaps({ userId: u.userId });
    expect(listed).toEqual([
      expect.objectContaining({
        issuance: expect.objectContaining({ id: tap.issuanceId, caseNumber: c.number }),
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(tap.temporaryAccessPass);
    await expect(
      as(lead).recovery.revokeTap({ userId: u.userId, tapId: listed[0]!.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await as(ada).recovery.revokeTap({ userId: u.userId, tapId: listed[0]!.id })).toEqual({
      tapId: listed[0]!.id,
      alreadyGone: false,
    });
    expect(await as(ada).recovery.listTaps({ userId: u.userId })).toEqual([]);
    expect(
      (await db.prisma.tapIssuance.findUniqueOrThrow({ where: { id: tap.issuanceId } })).revokedById,
    ).toBe(ada.id);
    expect(await as(ada).recovery.revokeTap({ userId: u.userId, tapId: listed[0]!.id })).toMatchObject({
      alreadyGone: true,
    });
  });
});
