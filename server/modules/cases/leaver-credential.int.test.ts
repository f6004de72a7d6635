import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeUnitOfWork } from "@/server/db/uow";
import { GraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import { makeAuditRepository } from "@/server/modules/audit/audit.repository";
import { makeAuditService } from "@/server/modules/audit/audit.service";
import { defaultRecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import { makeHelpdeskServices } from "./cases.wiring";
import { unconfiguredGraph } from "@/server/graph/unconfigured";

// Deleting a leaver's credential when Entra misbehaves, with a fake Graph port (only the calls the
// service makes: the re-read of the user and the credential, and the DELETE): a failure leaves the
// credential live so the action can be repeated; a "not found" counts as done; never a second DELETE
// once one succeeded; a credential that changed in Entra is not deleted.

const NOW = new Date("2026-03-01T09:00:00Z");
const ctx: RequestContext = {
  actor: { id: "agent-1", name: "Ada Agent", email: null, roles: ["helpdesk"] },
  requestId: "req-off",
};
let db: TestDatabase;
const calls: string[] = [];
let next: (() => Promise<void>)[] = [];
let aaGuidInEntra = "a";
const graph = {
  // Entra agrees the leaver is disabled and still holds the credential KeyFleet knows (re-read before deleting).
  getUser: async (id: string) => ({ id, accountEnabled: false }),
  getFido2Method: async (_userId: string, methodId: string) => ({ id: methodId, aaGuid: aaGuidInEntra }),
  deleteFido2Method: async (userId: string, methodId: string) => {
    calls.push(`${userId}/${methodId}`);
    const step = next.shift();
    if (step) await step();
  },
} as unknown as GraphPort;
let service: ReturnType<typeof makeHelpdeskServices>["cases"];
const helpdesk = (uow: ReturnType<typeof makeUnitOfWork>, g: GraphPort) =>
  makeHelpdeskServices({
    uow,
    graph: g,
    audit: makeAuditService({ uow, repo: makeAuditRepository() }),
    clock: () => NOW,
    policy: async () => defaultRecoveryPolicy,
  }).cases;

beforeAll(async () => {
  db = await createTestDatabase();
  const uow = makeUnitOfWork(db.prisma);
  service = helpdesk(uow, graph);
  await db.prisma.directoryUser.create({
    data: {
      id: "leaver",
      userPrincipalName: "leaver@x.example",
      displayName: "Lee Ver",
      accountEnabled: false,
    },
  });
  await db.prisma.entraCredential.createMany({
    data: [
      { id: "c1", methodId: "m1", userId: "leaver", aaguid: "a" },
      { id: "c2", methodId: "m2", userId: "leaver", aaguid: "a" },
      { id: "c3", methodId: "m3", userId: "leaver", aaguid: "a" },
    ],
  });
});

afterAll(async () => {
  await db?.close();
});

describe("deleting a leaver's credential (fake Graph)", () => {
  it("Entra throttles: the error reaches the agent, the credential stays live, and trying again deletes it with one more DELETE", async () => {
    next = [
      async () => {
        throw new GraphError({
          kind: "throttled",
          message: "Too many requests",
          status: 429,
          retryAfterSeconds: 30,
        });
      },
    ];
    await expect(service.deleteLeaverCredential(ctx, { credentialId: "c1" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: "c1" } })).removedAt).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { subjectId: "c1" } })).toBe(0);
    await service.deleteLeaverCredential(ctx, { credentialId: "c1" });
    expect(calls).toEqual(["leaver/m1", "leaver/m1"]);
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: "c1" } })).removedAt).toEqual(
      NOW,
    );
    await expect(service.deleteLeaverCredential(ctx, { credentialId: "c1" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(calls).toHaveLength(2);
  });

  it("Entra says the method is already gone: recorded as done, no error", async () => {
    next = [
      async () => {
        throw new GraphError({ kind: "not_found", message: "Not found", status: 404 });
      },
    ];
    await expect(service.deleteLeaverCredential(ctx, { credentialId: "c2" })).resolves.toMatchObject({
      alreadyGone: true,
    });
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: "c2" } })).removedAt).toEqual(
      NOW,
    );
    expect(
      await db.prisma.auditEvent.count({
        where: { subjectId: "c2", action: "offboarding.credential.delete" },
      }),
    ).toBe(1);
  });

  it("the credential in Entra is not the one KeyFleet knows (another key model): refused, no DELETE, what was seen audited", async () => {
    aaGuidInEntra = "b";
    try {
      const before = calls.length;
      await expect(service.deleteLeaverCredential(ctx, { credentialId: "c3" })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining("no longer the one KeyFleet knows"),
      });
      expect(calls).toHaveLength(before);
      expect(
        (await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: "c3" } })).removedAt,
      ).toBeNull();
      const skip = await db.prisma.auditEvent.findFirstOrThrow({
        where: { subjectId: "c3", action: "offboarding.credential.skip" },
        select: { after: true },
      });
      expect(skip.after).toMatchObject({
        reason: "credential_changed",
        seen: { accountEnabled: false, methodFound: true, aaGuid: "b" },
      });
    } finally {
      aaGuidInEntra = "a";
    }
  });

  it("the deletion is a step of the leaver's offboarding case: opened when sync has not, done once; a step another agent holds is refused", async () => {
    await db.prisma.entraCredential.createMany({
      data: [
        { id: "c4", methodId: "m4", userId: "leaver", aaguid: "a" },
        { id: "c5", methodId: "m5", userId: "leaver", aaguid: "a" },
      ],
    });
    const before = calls.length;
    await service.deleteLeaverCredential(ctx, { credentialId: "c4" });
    const steps = await db.prisma.caseStep.findMany({
      where: { target: { in: ["c1", "c2", "c4"] }, case: { userId: "leaver", kind: "offboarding" } },
      select: { target: true, status: true, graphRef: true, caseId: true },
    });
    // One case for the leaver, whatever the number of credentials deleted from the queue.
    expect(new Set(steps.map((s) => s.caseId)).size).toBe(1);
    expect(steps.find((s) => s.target === "c4")).toMatchObject({ status: "done", graphRef: "m4" });
    expect(calls.slice(before)).toEqual(["leaver/m4"]);

    // Another agent's request holds the step (running, within its lease): refused, nothing sent to Entra.
    const step = await db.prisma.caseStep.create({
      data: { caseId: steps[0]!.caseId, kind: "revoke_credential", target: "c5" },
      select: { id: true },
    });
    await db.prisma.caseStep.update({
      where: { id: step.id },
      data: { status: "running", startedAt: NOW, attempts: 1, actorId: "agent-2" },
    });
    await expect(service.deleteLeaverCredential(ctx, { credentialId: "c5" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(calls.slice(before)).toEqual(["leaver/m4"]);
    expect((await db.prisma.entraCredential.findUniqueOrThrow({ where: { id: "c5" } })).removedAt).toBeNull();
  });

  it("no tenant connected: refused before anything changes", async () => {
    const uow = makeUnitOfWork(db.prisma);
    const offline = helpdesk(uow, unconfiguredGraph());
    await expect(offline.deleteLeaverCredential(ctx, { credentialId: "c1" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });
});
