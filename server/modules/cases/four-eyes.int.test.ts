import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { policyWithTapCap } from "@/server/modules/settings/recovery-policy.testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { makeFakeEntra, seedUser, workCaseUntil } from "./testing";
import { alex as admin, sam as lead } from "./test-actors";

// Four eyes that need four eyes: the red team's two sequences, through the routers. The approver took
// no part in the case; a rejection is final; the approver does not run what they approved; an over-cap
// approval is for the agent over the cap, and only that agent uses it.

let now = new Date("2026-05-04T08:00:00Z");
const entra = makeFakeEntra();
const agent = (id: string, name: string): Actor => ({ id, name, email: null, roles: ["helpdesk"] });
const ada = agent("agent-ada", "Ada");
const ben = agent("agent-ben", "Ben");
const cy = agent("agent-cy", "Cy");
const dee = agent("agent-dee", "Dee");
let db: TestDatabase;
let s: Services;
const callerOf = createCallerFactory(appRouter);
const as = (actor: Actor) => callerOf({ actor, requestId: `req-${actor.id}`, services: s });
const get = (id: string) => s.cases.get(id);

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: entra.graph, clock: () => now });
});
afterAll(async () => {
  await db?.close();
});

describe("four eyes that need four eyes (tRPC, fake Graph)", () => {
  it("red team 1: A opens, verifies, asks; B rejects then asks himself; A cannot approve — nothing changes in Entra", async () => {
    const u = await seedUser(db.prisma, entra, { isPrivileged: true });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    let c = await as(ada).cases.verify({
      caseId: id,
      version: (await get(id)).version,
      method: "video_id",
      reference: "Teams call, passport seen",
    });
    c = await as(ada).cases.requestApproval({
      caseId: id,
      version: c.version,
      action: "privileged_recovery",
    });
    await as(ben).cases.decideApproval({
      approvalId: c.approvals[0]!.id,
      decision: "reject",
      reason: "evidence too thin",
    });

    // The rejection closed the request: the rejecter cannot reopen it for the first agent to decide.
    c = await get(id);
    await expect(
      as(ben).cases.requestApproval({ caseId: id, version: c.version, action: "privileged_recovery" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("cannot be asked for again"),
    });
    await expect(
      as(ada).cases.requestApproval({ caseId: id, version: c.version, action: "privileged_recovery" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await as(ada).cases.approvals({ status: "pending" })).filter((a) => a.case.id === id)).toEqual(
      [],
    );

    c = await get(id);
    expect(c.approvals.map((a) => [a.status, a.requestedById, a.approverId])).toEqual([
      ["rejected", ada.id, ben.id],
    ]);
    expect(c.steps.find((x) => x.kind === "approve")?.status).toBe("failed");
    const revoke = c.steps.find((x) => x.kind === "revoke_credential")!;
    await expect(
      as(ada).cases.runStep({ caseId: id, version: c.version, stepId: revoke.id }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(true);
    expect(
      await db.prisma.auditEvent.count({ where: { subjectId: id, action: "cases.approval.approve" } }),
    ).toBe(0);
  });

  it("nobody who opened, verified or asked may approve; the approver may not run what it unlocked; the case shows who did what", async () => {
    const u = await seedUser(db.prisma, entra, { isPrivileged: true });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "stolen", keyIds: u.keyIds });
    let c = await as(ben).cases.verify({
      caseId: id,
      version: (await get(id)).version,
      method: "in_person",
      reference: "Desk 2, badge checked",
    });
    c = await as(cy).cases.requestApproval({ caseId: id, version: c.version, action: "privileged_recovery" });
    const approvalId = c.approvals[0]!.id;

    for (const [who, code] of [
      [ada, "FORBIDDEN"],
      [ben, "FORBIDDEN"],
      [cy, "FORBIDDEN"],
    ] as const) {
      expect(
        (await as(who).cases.approvals({ status: "pending" })).find((a) => a.id === approvalId)?.canDecide,
      ).toBe(false);
      await expect(as(who).cases.decideApproval({ approvalId, decision: "approve" })).rejects.toMatchObject({
        code,
      });
    }
    await expect(as(ada).cases.decideApproval({ approvalId, decision: "approve" })).rejects.toMatchObject({
      message: expect.stringContaining("opened this case"),
    });
    expect(
      (await as(dee).cases.approvals({ status: "pending" })).find((a) => a.id === approvalId)?.canDecide,
    ).toBe(true);
    await as(dee).cases.decideApproval({ approvalId, decision: "approve" });

    // Approved by Dee: Dee does not also delete the credential or revoke the sessions.
    c = await get(id);
    const revoke = c.steps.find((x) => x.kind === "revoke_credential")!;
    await expect(
      as(dee).cases.runStep({ caseId: id, version: c.version, stepId: revoke.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("You approved case") });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(true);
    c = await as(ada).cases.runStep({ caseId: id, version: c.version, stepId: revoke.id });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(false);
    const sessions = c.steps.find((x) => x.kind === "revoke_sessions")!;
    await expect(
      as(dee).cases.runStep({ caseId: id, version: c.version, stepId: sessions.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(entra.log.sessionsRevoked).not.toContain(u.userId);
    c = await workCaseUntil(s, { actor: ada, requestId: "r" }, id, "issue_tap");
    const taps = entra.log.tapsCreated.length;
    await expect(as(dee).recovery.issueTap({ caseId: id, version: c.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(entra.log.tapsCreated.length).toBe(taps);
    await as(ada).recovery.issueTap({ caseId: id, version: c.version });

    const activity = (await as(ada).cases.get({ id })).activity.map((e) => [e.actorName, e.what]);
    expect(activity).toEqual(
      expect.arrayContaining([
        ["Ada", "opened the case"],
        ["Ben", "recorded the identity evidence (in person)"],
        ["Cy", "asked for approval: privileged recovery"],
        ["Dee", "approved the privileged recovery"],
        ["Ada", "deleted a credential in Entra"],
        ["Ada", "revoked sign-in sessions"],
        ["Ada", "issued a Temporary Access Pass"],
      ]),
    );
    expect(activity.filter(([name]) => name === "Dee")).toEqual([
      ["Dee", "approved the privileged recovery"],
    ]);
  });

  it("red team 2: B over the cap cannot have A ask for him and approve it himself; the approval binds B; the alert names B", async () => {
    await as(admin).settings.setRecoveryPolicy(policyWithTapCap(1));
    try {
      now = new Date(now.getTime() + 3 * 3_600_000);
      const bw = async (actor: Actor) => {
        const u = await seedUser(db.prisma, entra);
        const { id } = await as(actor).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
        return { id, c: await workCaseUntil(s, { actor, requestId: "r" }, id, "issue_tap") };
      };
      // Ben and Cy each use up their cap of one.
      for (const actor of [ben, cy]) {
        const w = await bw(actor);
        await as(actor).recovery.issueTap({ caseId: w.id, version: w.c.version });
      }
      const x = await bw(ben);
      const taps = entra.log.tapsCreated.length;
      await expect(as(ben).recovery.issueTap({ caseId: x.id, version: x.c.version })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining("cap is 1"),
      });

      // Ada is within her cap: she cannot ask for an over-cap pass on Ben's behalf (Ben would then approve it).
      await expect(
        as(ada).cases.requestApproval({
          caseId: x.id,
          version: (await get(x.id)).version,
          action: "tap_over_cap",
        }),
      ).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining("within your hourly TAP cap"),
      });
      expect((await get(x.id)).approvals).toEqual([]);

      let c = await as(ben).cases.requestApproval({
        caseId: x.id,
        version: (await get(x.id)).version,
        action: "tap_over_cap",
      });
      const approvalId = c.approvals[0]!.id;
      await expect(as(ben).cases.decideApproval({ approvalId, decision: "approve" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await as(ada).cases.decideApproval({ approvalId, decision: "approve" });

      // Bound to Ben: Cy (also over the cap) cannot use it, and Ada approved it so she does not issue it.
      c = await get(x.id);
      await expect(as(cy).recovery.issueTap({ caseId: x.id, version: c.version })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining("cap is 1"),
      });
      await expect(as(ada).recovery.issueTap({ caseId: x.id, version: c.version })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(entra.log.tapsCreated.length).toBe(taps);
      c = await get(x.id);
      await as(ben).recovery.issueTap({ caseId: x.id, version: c.version });
      expect(entra.log.tapsCreated.length).toBe(taps + 1);

      const alerts = (await as(lead).recovery.alerts({ days: 1 })).filter((a) => a.caseId === x.id);
      // Ben's refusal and his request are one incident; Cy was refused at the cap too. Ada was never over it.
      expect(alerts.map((a) => [a.kind, a.actorId]).sort()).toEqual([
        ["agent_over_cap", ben.id],
        ["agent_over_cap", cy.id],
      ]);
      expect(alerts.find((a) => a.actorId === ben.id)?.detail).toContain(
        "asked for a second approver (approved)",
      );
    } finally {
      await as(admin).settings.setRecoveryPolicy(defaultRecoveryPolicy);
    }
  });
});

describe("an approval keeps both voices (tRPC, fake Graph)", () => {
  it("the approver's note is stored beside the requester's reason, never over it, and the queue shows both", async () => {
    const u = await seedUser(db.prisma, entra);
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    let c = await as(ada).cases.verify({
      caseId: id,
      version: (await get(id)).version,
      method: "in_person",
      reference: "Desk 2, badge checked",
    });
    const asked = "Travelling today; no TAP group yet and no spare key";
    c = await as(ada).cases.requestApproval({
      caseId: id,
      version: c.version,
      action: "proceed_stranded",
      reason: asked,
    });
    const approvalId = c.approvals.find((a) => a.action === "proceed_stranded")!.id;
    const note = "Add them to TAP - rollout first";
    await as(ben).cases.decideApproval({ approvalId, decision: "reject", reason: note });

    expect(
      await db.prisma.approval.findUniqueOrThrow({
        where: { id: approvalId },
        select: { reason: true, decisionNote: true, status: true, approverId: true },
      }),
    ).toEqual({ reason: asked, decisionNote: note, status: "rejected", approverId: ben.id });
    const row = (await as(cy).cases.approvals({ status: "rejected" })).find((a) => a.id === approvalId);
    expect(row).toMatchObject({ reason: asked, decisionNote: note });

    // Decided with no note: the requester's reason stays, and the note is empty (not the reason).
    const v = await seedUser(db.prisma, entra);
    const second = await as(ada).cases.open({ userId: v.userId, kind: "lost", keyIds: v.keyIds });
    c = await as(ada).cases.verify({
      caseId: second.id,
      version: (await get(second.id)).version,
      method: "in_person",
      reference: "Desk 2, badge checked",
    });
    c = await as(ada).cases.requestApproval({
      caseId: second.id,
      version: c.version,
      action: "proceed_stranded",
      reason: asked,
    });
    const plain = c.approvals.find((a) => a.action === "proceed_stranded")!.id;
    await as(ben).cases.decideApproval({ approvalId: plain, decision: "approve" });
    expect(
      await db.prisma.approval.findUniqueOrThrow({
        where: { id: plain },
        select: { reason: true, decisionNote: true },
      }),
    ).toEqual({ reason: asked, decisionNote: null });
  });
});
