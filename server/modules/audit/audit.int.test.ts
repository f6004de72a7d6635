import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";

const ctx: RequestContext = {
  actor: { id: "agent-1", name: "Agent One", email: null, roles: ["helpdesk"] },
  requestId: "req-audit-test",
};

let db: TestDatabase;
let services: Services;

beforeAll(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
});
afterAll(async () => {
  await db?.close();
});

describe("audit trail (database)", () => {
  it("records events in a chain that verifies, with actor, role and request id", async () => {
    for (let i = 0; i < 3; i++) {
      await services.uow.run((tx) =>
        services.audit.record(tx, ctx, {
          action: "test.change",
          subjectType: "Thing",
          subjectId: `t${i}`,
          before: null,
          after: { i },
        }),
      );
    }
    const page = await services.audit.list({ action: "test." }, { pageSize: 10 });
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      actorId: "agent-1",
      role: "helpdesk",
      requestId: "req-audit-test",
      subjectId: "t2",
    });
    expect(await services.audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it("writes no event when the surrounding change fails", async () => {
    const before = (await services.audit.list({}, { pageSize: 1 })).total;
    await expect(
      services.uow.run(async (tx) => {
        await services.audit.record(tx, ctx, {
          action: "test.rollback",
          subjectType: "Thing",
          subjectId: "x",
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await services.audit.list({}, { pageSize: 1 })).total).toBe(before);
  });

  it("keeps the chain intact under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        services.uow.run((tx) =>
          services.audit.record(tx, ctx, {
            action: "test.concurrent",
            subjectType: "Thing",
            subjectId: `c${i}`,
          }),
        ),
      ),
    );
    expect(await services.audit.verify()).toMatchObject({ ok: true });
  });

  it("refuses UPDATE and DELETE on the audit table", async () => {
    await expect(
      db.prisma.$executeRawUnsafe(`UPDATE audit_events SET "actorId" = 'attacker'`),
    ).rejects.toThrow();
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow();
    const page = await services.audit.list({ actorId: "attacker" }, { pageSize: 1 });
    expect(page.total).toBe(0);
  });

  it("verify names the first event altered behind the trigger's back", async () => {
    const events = await services.audit.list({ action: "test.change" }, { pageSize: 10 });
    const target = events.items.at(-1)!; // the oldest "test.change" event
    // A superuser could disable triggers; the chain must still catch the edit.
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(
        `UPDATE audit_events SET "after" = '{"i": 99}' WHERE seq = ${BigInt(target.seq)}`,
      );
    });
    expect(await services.audit.verify()).toMatchObject({ ok: false, brokenAt: target.seq });
  });
});
