import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeUnitOfWork, type UnitOfWork } from "@/server/db/uow";
import { makeAuditRepository } from "@/server/modules/audit/audit.repository";
import { makeAuditService } from "@/server/modules/audit/audit.service";
import { policyWithTapCap } from "@/server/modules/settings/recovery-policy.testing";
import { makeHelpdeskServices } from "./cases.wiring";
import { makeFakeEntra, seedUser, type Fault, type FaultyOp } from "./testing";

// Every Graph-touching step of a stolen-key case, with Entra failing at it in every way we know (429,
// 503, a timeout after the work was done, the server dying between the Graph call and recording its
// answer — "crash"). The agent then resumes until the case waits for the new key. Whatever the failure:
// exactly one DELETE per credential took effect, none was sent for a credential already gone, and no
// second TAP was issued unless the agent explicitly asked for one.

const LEASE_MS = 60_000;
let now = new Date("2026-03-02T09:00:00Z");
let crashArmed = false;
const entra = makeFakeEntra({ onCrash: () => (crashArmed = true) });
const agent: RequestContext = {
  actor: { id: "agent-1", name: "Ada Agent", email: "ada@helpdesk.example", roles: ["helpdesk"] },
  requestId: "req-faults",
};
let db: TestDatabase;
let svc: ReturnType<typeof makeHelpdeskServices>;

beforeAll(async () => {
  db = await createTestDatabase();
  const real = makeUnitOfWork(db.prisma);
  // The server "dies" right after Graph answered: the next transaction (recording the outcome) never happens.
  const uow: UnitOfWork = {
    db: real.db,
    run: (fn) =>
      crashArmed
        ? Promise.reject(new Error("server killed")).finally(() => (crashArmed = false))
        : real.run(fn),
  };
  const policy = async () => policyWithTapCap(1000);
  svc = makeHelpdeskServices({
    uow,
    graph: entra.graph,
    clock: () => now,
    audit: makeAuditService({ uow, repo: makeAuditRepository() }),
    policy,
    stepLeaseMs: LEASE_MS,
  });
});
afterAll(async () => {
  await db?.close();
});

/** The agent works the case to the end, resuming after every failure (after the lease if a step was left running). */
async function drive(caseId: string) {
  const failures: string[] = [];
  const shown: string[] = [];
  let decisions = 0;
  for (let i = 0; i < 30; i++) {
    const c = await svc.cases.get(caseId);
    const step = c.steps.find((s) => s.isNext);
    if (!step) return { failures, shown, decisions, view: c };
    try {
      if (step.kind === "verify_identity")
        await svc.cases.verify(agent, {
          caseId,
          version: c.version,
          method: "in_person",
          reference: "Desk 3, staff badge checked",
        });
      else if (step.kind === "issue_tap") {
        if (step.needsDecision) decisions++;
        shown.push(
          (
            await svc.cases.issueTap(agent, {
              caseId,
              version: c.version,
              isUsableOnce: true,
              replaceExisting: step.needsDecision,
            })
          ).temporaryAccessPass,
        );
      } else await svc.cases.runStep(agent, { caseId, version: c.version, stepId: step.id });
    } catch (e) {
      failures.push(`${step.kind}: ${(e as Error).message}`);
      const after = (await svc.cases.get(caseId)).steps.find((s) => s.id === step.id)!;
      if (after.status === "running") now = new Date(now.getTime() + LEASE_MS + 1_000);
    }
    now = new Date(now.getTime() + 1_000);
  }
  throw new Error("the case did not finish in 30 moves");
}

const faults: Fault[] = ["429", "503", "timeout", "crash"];
const ops: { step: string; op: FaultyOp }[] = [
  { step: "revoke_credential", op: "deleteFido2Method" },
  { step: "revoke_sessions", op: "revokeSignInSessions" },
  { step: "issue_tap", op: "createTemporaryAccessPass" },
];
const cells = ops.flatMap((o) => faults.map((f) => [o.step, f, o.op] as const));

describe("a stolen-key case with Entra failing at one step, resumed to the end (fake Graph)", () => {
  it.each(cells)(
    "%s fails with %s: resuming completes with one DELETE per credential and at most one TAP unasked",
    async (stepKind, fault, op) => {
      const u = await seedUser(db.prisma, entra, { keys: 2 });
      const before = {
        deletes: entra.log.deletesApplied.length,
        taps: entra.log.tapsCreated.length,
        sessions: entra.log.sessionsRevoked.length,
      };
      const opened = await svc.cases.open(agent, { userId: u.userId, kind: "stolen", keyIds: u.keyIds });
      entra.failNext(op, fault);

      const { failures, shown, decisions, view } = await drive(opened.id);

      expect(entra.pendingFaults()).toBe(0);
      expect(failures.length).toBeGreaterThanOrEqual(1);
      expect(failures[0]).toMatch(new RegExp(`^${stepKind}:`));
      expect(view.status).toBe("waiting_registration");
      expect(view.steps.filter((s) => s.kind !== "close").every((s) => s.status === "done")).toBe(true);
      // One DELETE per credential took effect; none was sent for a credential already gone.
      expect(entra.log.deletesApplied.slice(before.deletes).sort()).toEqual([...u.methodIds].sort());
      expect(entra.log.deletesOfGone.filter((m) => u.methodIds.includes(m))).toEqual([]);
      expect(u.methodIds.some((m) => entra.hasMethod(u.userId, m))).toBe(false);
      // A pass whose value was lost is never replaced silently: only an explicit decision issues another.
      const created = entra.log.tapsCreated.length - before.taps;
      expect(created).toBe(1 + decisions);
      expect(decisions).toBe(stepKind === "issue_tap" && ["timeout", "crash"].includes(fault) ? 1 : 0);
      expect(shown).toHaveLength(1);
      expect(entra.taps.get(u.userId)?.temporaryAccessPass).toBe(shown[0]);
      expect(await db.prisma.tapIssuance.count({ where: { userId: u.userId, revokedAt: null } })).toBe(1);
      // Revoking sessions is idempotent in Entra, so a resume may ask twice; never more.
      expect(entra.log.sessionsRevoked.length - before.sessions).toBeGreaterThanOrEqual(1);
      expect(entra.log.sessionsRevoked.length - before.sessions).toBeLessThanOrEqual(2);
      const keys = await db.prisma.securityKey.findMany({
        where: { id: { in: u.keyIds } },
        select: { status: true },
      });
      expect(keys.map((k) => k.status)).toEqual(["stolen", "stolen"]);
      expect(view.replacementKey?.status).toBe("reserved");
    },
  );

  it("never records a pass: not on a step, an issuance, a setting or the audit trail", async () => {
    const dump = JSON.stringify([
      await db.prisma.caseStep.findMany(),
      await db.prisma.tapIssuance.findMany(),
      await db.prisma.auditEvent.findMany({ select: { before: true, after: true } }),
      await db.prisma.setting.findMany(),
    ]);
    expect(entra.log.passes.length).toBeGreaterThan(10);
    for (const pass of entra.log.passes) expect(dump).not.toContain(pass);
  });
});
