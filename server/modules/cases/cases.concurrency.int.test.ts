import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeFakeEntra, seedUser } from "./testing";

// Two agents on one case or one key: exactly one acts, the other gets a clear CONFLICT. Run it on
// PostgreSQL too (DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test), where the requests really
// overlap on separate connections; on PGlite they queue on one connection and the guards must still hold.

let now = new Date("2026-03-03T10:00:00Z");
const entra = makeFakeEntra();
const ada: RequestContext = {
  actor: { id: "agent-ada", name: "Ada", email: null, roles: ["helpdesk"] },
  requestId: "req-ada",
};
const ben: RequestContext = {
  actor: { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] },
  requestId: "req-ben",
};
let db: TestDatabase;
let s: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: entra.graph, clock: () => now });
});
afterAll(async () => {
  await db?.close();
});

const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : ((r.reason as { code?: string }).code ?? "error");

async function verifiedCase(kind: "lost" | "stolen" = "lost", isPrivileged = false) {
  const u = await seedUser(db.prisma, entra, { keys: 1, isPrivileged });
  const { id } = await s.cases.open(ada, { userId: u.userId, kind, keyIds: u.keyIds });
  const c = await s.cases.get(id);
  await s.cases.verify(ada, {
    caseId: id,
    version: c.version,
    method: "in_person",
    reference: "Desk 2, badge checked",
  });
  return { u, id };
}

describe(`two agents at once (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("opening a case for the same user: one case, one CONFLICT", async () => {
    const u = await seedUser(db.prisma, entra, { keys: 1 });
    const both = await Promise.allSettled(
      [ada, ben].map((ctx) => s.cases.open(ctx, { userId: u.userId, kind: "lost", keyIds: u.keyIds })),
    );
    expect(both.map(outcome).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await db.prisma.case.count({ where: { userId: u.userId } })).toBe(1);
    expect(await db.prisma.caseKey.count({ where: { keyId: u.keyIds[0] } })).toBe(1);
  });

  it("the same revocation step: one DELETE reaches Entra, the other agent gets CONFLICT", async () => {
    const { u, id } = await verifiedCase();
    const c = await s.cases.get(id);
    const step = c.steps.find((x) => x.kind === "revoke_credential")!;
    const before = entra.log.deletesApplied.length + entra.log.deletesOfGone.length;
    const both = await Promise.allSettled(
      [ada, ben].map((ctx) => s.cases.runStep(ctx, { caseId: id, version: c.version, stepId: step.id })),
    );
    expect(both.map(outcome).sort()).toEqual(["CONFLICT", "ok"]);
    expect(entra.log.deletesApplied.length + entra.log.deletesOfGone.length - before).toBe(1);
    expect(entra.hasMethod(u.userId, u.methodIds[0]!)).toBe(false);
    expect(
      await db.prisma.auditEvent.count({ where: { subjectId: id, action: "cases.revoke_credential" } }),
    ).toBe(1);
  });

  it("issuing the TAP: one pass, one CONFLICT", async () => {
    const { id } = await verifiedCase();
    for (const kind of ["revoke_credential", "mark_key", "reserve_replacement"]) {
      const c = await s.cases.get(id);
      await s.cases.runStep(ada, {
        caseId: id,
        version: c.version,
        stepId: c.steps.find((x) => x.kind === kind)!.id,
      });
    }
    const c = await s.cases.get(id);
    const taps = entra.log.tapsCreated.length;
    const both = await Promise.allSettled(
      [ada, ben].map((ctx) =>
        s.cases.issueTap(ctx, {
          caseId: id,
          version: c.version,
          isUsableOnce: true,
          replaceExisting: false,
        }),
      ),
    );
    expect(both.map(outcome).sort()).toEqual(["CONFLICT", "ok"]);
    expect(entra.log.tapsCreated.length - taps).toBe(1);
    expect(await db.prisma.tapIssuance.count({ where: { caseId: id } })).toBe(1);
  });

  it("a step still in flight cannot be run by a second agent; once its lease lapses it resumes without a second DELETE", async () => {
    const { u, id } = await verifiedCase();
    const c = await s.cases.get(id);
    const step = c.steps.find((x) => x.kind === "revoke_credential")!;
    // Ada's request dies after Entra deleted the credential: the step stays running.
    await db.prisma.caseStep.update({
      where: { id: step.id },
      data: { status: "running", startedAt: now, attempts: 1, actorId: "agent-ada" },
    });
    await entra.graph.deleteFido2Method(u.userId, u.methodIds[0]!);
    const deletes = entra.log.deletesApplied.length;
    const fresh = await s.cases.get(id);
    await expect(
      s.cases.runStep(ben, { caseId: id, version: fresh.version, stepId: step.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    now = new Date(now.getTime() + 3 * 60_000);
    const done = await s.cases.runStep(ben, { caseId: id, version: fresh.version, stepId: step.id });
    expect(done.steps.find((x) => x.id === step.id)).toMatchObject({
      status: "done",
      note: "The credential was already gone from Entra.",
    });
    expect(entra.log.deletesApplied.length).toBe(deletes);
    expect(entra.log.deletesOfGone).not.toContain(u.methodIds[0]);
  });

  it("two approvers deciding one four-eyes request: one decision, one CONFLICT", async () => {
    const { id } = await verifiedCase("lost", true);
    const c = await s.cases.get(id);
    await s.cases.requestApproval(ada, { caseId: id, version: c.version, action: "privileged_recovery" });
    const [req] = (await s.cases.approvals(ben, { status: "pending" })).filter((a) => a.case.id === id);
    const carl: RequestContext = {
      actor: { id: "agent-carl", name: "Carl", email: null, roles: ["admin"] },
      requestId: "req-carl",
    };
    const both = await Promise.allSettled(
      [ben, carl].map((ctx, i) =>
        s.cases.decideApproval(ctx, { approvalId: req!.id, decision: i ? "reject" : "approve" }),
      ),
    );
    expect(both.map(outcome).sort()).toEqual(["CONFLICT", "ok"]);
    expect(await db.prisma.approval.count({ where: { caseId: id, status: "pending" } })).toBe(0);
  });

  it("a key in an open case: a move of it with the version seen before the case opened is refused", async () => {
    const u = await seedUser(db.prisma, entra, { keys: 1 });
    const seen = await db.prisma.securityKey.findUniqueOrThrow({
      where: { id: u.keyIds[0] },
      select: { version: true },
    });
    await s.cases.open(ada, { userId: u.userId, kind: "damaged", keyIds: u.keyIds });
    await expect(
      s.assignment.returnKey(ben, { keyId: u.keyIds[0]!, version: seen.version, condition: "fine" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
