import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { Services } from "@/server/container";
import type { TestDatabase } from "@/server/db/testing";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { seedUser, workCaseUntil } from "./testing";
import { useHelpdeskCaller } from "./trpc-harness";
import { alex as admin } from "./test-actors";

// Who may do what on a case, through the tRPC routers: only helpdesk and admin issue TAPs, nobody acts
// on their own account, four eyes means someone other than the requester, and the verification policy
// decides which evidence is enough.

const h = useHelpdeskCaller();
const { entra, as } = h;
const ada: Actor = { id: "agent-ada", name: "Ada", email: "ada@contoso.example", roles: ["helpdesk"] };
const ben: Actor = { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
let s: Services;
beforeAll(() => void ((db = h.db()), (s = h.s())));

describe("cases: authorization and four eyes (tRPC, fake Graph)", () => {
  it("only helpdesk and admin issue TAPs: security and procurement are FORBIDDEN and nothing reaches Entra", async () => {
    const u = await seedUser(db.prisma, entra);
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    const c = await workCaseUntil(s, { actor: ada, requestId: "r" }, id, "issue_tap");
    const taps = entra.log.tapsCreated.length;
    for (const roles of [["security"], ["procurement"]] as const) {
      await expect(
        as({ id: `x-${roles[0]}`, name: "X", email: null, roles: [...roles] }).recovery.issueTap({
          caseId: id,
          version: c.version,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(entra.log.tapsCreated.length).toBe(taps);
    const issued = await as(admin).recovery.issueTap({ caseId: id, version: c.version });
    expect(issued.temporaryAccessPass).toBe(entra.log.passes.at(-1));
  });

  it("nobody acts on their own account: opening, and issuing a TAP on a case someone else opened, are FORBIDDEN", async () => {
    const u = await seedUser(db.prisma, entra);
    const self: Actor = {
      id: "agent-self",
      name: "Sol",
      email: (
        await db.prisma.directoryUser.findUniqueOrThrow({ where: { id: u.userId } })
      ).userPrincipalName.toUpperCase(),
      roles: ["helpdesk"],
    };
    await expect(
      as(self).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
    const c = await workCaseUntil(s, { actor: ada, requestId: "r" }, id, "issue_tap");
    const taps = entra.log.tapsCreated.length;
    await expect(as(self).recovery.issueTap({ caseId: id, version: c.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(entra.log.tapsCreated.length).toBe(taps);
    const byOid: Actor = { ...self, id: u.userId, email: null };
    await expect(
      as(byOid).cases.verify({
        caseId: id,
        version: c.version,
        method: "in_person",
        reference: "me, myself",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a privileged user's case: no revocation before approval; the requester cannot approve; a second agent can", async () => {
    const u = await seedUser(db.prisma, entra, { isPrivileged: true });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "stolen", keyIds: u.keyIds });
    let c = await as(ada).cases.get({ id });
    expect(c.requirements).toMatchObject({ requiredStrength: 3, needsApproval: true });
    // Strength 2 is enough for others, not for a privileged user.
    await expect(
      as(ada).cases.verify({
        caseId: id,
        version: c.version,
        method: "callback",
        reference: "called +44 20 7946 0000",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    c = await as(ada).cases.verify({
      caseId: id,
      version: c.version,
      method: "video_id",
      reference: "Teams call, passport shown, not recorded",
    });
    const revoke = c.steps.find((x) => x.kind === "revoke_credential")!;
    await expect(
      as(ada).cases.runStep({ caseId: id, version: c.version, stepId: revoke.id }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(true);

    c = await as(ada).cases.requestApproval({
      caseId: id,
      version: c.version,
      action: "privileged_recovery",
      reason: "Stolen on the train",
    });
    expect(c.status).toBe("awaiting_approval");
    const queued = (await as(ada).cases.approvals({ status: "pending" })).find((a) => a.case.id === id)!;
    expect(queued).toMatchObject({
      canDecide: false,
      evidence: [expect.objectContaining({ method: "video_id" })],
    });
    await expect(
      as(ada).cases.decideApproval({ approvalId: queued.id, decision: "approve" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      (await as(ben).cases.approvals({ status: "pending" })).find((a) => a.id === queued.id)?.canDecide,
    ).toBe(true);
    await as(ben).cases.decideApproval({ approvalId: queued.id, decision: "approve" });

    c = await as(ada).cases.get({ id });
    expect(c.status).toBe("in_progress");
    c = await as(ada).cases.runStep({ caseId: id, version: c.version, stepId: revoke.id });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(false);
    const events = await db.prisma.auditEvent.findMany({
      where: { subjectId: id },
      orderBy: { seq: "asc" },
      select: { action: true, actorId: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      "cases.open",
      "cases.verify",
      "cases.approval.request",
      "cases.approval.approve",
      "cases.step.start",
      "cases.revoke_credential",
    ]);
    expect(events.find((e) => e.action === "cases.approval.approve")?.actorId).toBe(ben.id);
  });

  it("the verification policy is a setting: an admin disallows callbacks and they are refused", async () => {
    await as(admin).settings.setRecoveryPolicy({
      ...defaultRecoveryPolicy,
      methods: defaultRecoveryPolicy.methods.map((m) =>
        m.method === "callback" ? { ...m, isAllowed: false } : m,
      ),
    });
    try {
      const u = await seedUser(db.prisma, entra);
      const { id } = await as(ada).cases.open({ userId: u.userId, kind: "damaged", keyIds: u.keyIds });
      const c = await as(ada).cases.get({ id });
      expect(c.requirements.methods.map((m) => m.method)).not.toContain("callback");
      await expect(
        as(ada).cases.verify({
          caseId: id,
          version: c.version,
          method: "callback",
          reference: "called back",
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      expect(await db.prisma.verificationEvidence.count({ where: { caseId: id } })).toBe(0);
    } finally {
      await as(admin).settings.setRecoveryPolicy(defaultRecoveryPolicy);
    }
    await expect(as(ada).settings.setRecoveryPolicy(defaultRecoveryPolicy)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("an offboarding case (opened by sync) is shown but not worked here: steps refuse, none is offered as next", async () => {
    const u = await seedUser(db.prisma, entra);
    const c = await db.prisma.case.create({
      data: {
        kind: "offboarding",
        userId: u.userId,
        openedById: "system",
        steps: { create: [{ kind: "revoke_credential", target: u.credIds[0]! }] },
      },
      select: { id: true },
    });
    const view = await as(ada).cases.get({ id: c.id });
    expect(view.steps.some((x) => x.isNext)).toBe(false);
    await expect(
      as(ada).cases.runStep({ caseId: c.id, version: view.version, stepId: view.steps[0]!.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("offboarding queue") });
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(true);
  });

  it("a stale version is a CONFLICT, and a key already in an open case cannot be picked again", async () => {
    const u = await seedUser(db.prisma, entra, { keys: 2 });
    const { id } = await as(ada).cases.open({ userId: u.userId, kind: "lost", keyIds: [u.keyIds[0]!] });
    const c = await as(ada).cases.get({ id });
    await as(ada).cases.verify({ caseId: id, version: c.version, method: "in_person", reference: "Desk 4" });
    await expect(
      as(ben).cases.close({ caseId: id, version: c.version, reason: "duplicate" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      as(ben).cases.open({ userId: u.userId, kind: "damaged", keyIds: [u.keyIds[1]!] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const keys = await as(ben).cases.userKeys({ userId: u.userId });
    expect(keys.keys.find((k) => k.id === u.keyIds[0])).toMatchObject({
      openCaseNumber: c.number,
      blockedReason: `Already in open case #${c.number}.`,
    });
    expect((await as(ben).cases.list({ q: String(c.number) })).items.map((i) => i.id)).toEqual([id]);
  });
});
