import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { GENESIS_HASH, hashEvent } from "./audit.chain";

// Someone with direct database access (the table owner, a superuser, a restored backup) goes around
// the append-only trigger. Whatever they do to a row in the middle of the trail, `verify` names it.
// What a hash chain alone cannot catch: rewriting every event from the tampered one to the end with
// freshly computed hashes; that needs the latest hash kept outside the database (see the report).

const ctx: RequestContext = {
  actor: { id: "agent-1", name: "Agent One", email: null, roles: ["helpdesk"] },
  requestId: "req-tamper",
};

let db: TestDatabase;
let services: Services;
let seqs: bigint[];

beforeEach(async () => {
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma });
  for (let i = 0; i < 5; i++) {
    await services.uow.run((tx) =>
      services.audit.record(tx, ctx, {
        action: "keys.assign",
        subjectType: "SecurityKey",
        subjectId: `k${i}`,
        after: { i },
      }),
    );
  }
  seqs = (await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } })).map(
    (r) => r.seq,
  );
  expect(await services.audit.verify()).toEqual({ ok: true, checked: 5 });
});
afterEach(async () => {
  await db?.close();
});

/** As the table owner: switch the trigger off for one transaction, as `ALTER TABLE … DISABLE TRIGGER` would. */
const bypassingTrigger = (sql: string) =>
  db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(sql);
  });

describe("audit verify catches direct tampering", () => {
  it("a deleted event: the next one no longer links to its predecessor", async () => {
    await bypassingTrigger(`DELETE FROM audit_events WHERE seq = ${seqs[2]}`);
    expect(await services.audit.verify()).toMatchObject({ ok: false, brokenAt: String(seqs[3]), checked: 2 });
  });

  it("a forged event slipped in between two real ones, even with a correctly computed hash of its own", async () => {
    const prev = await db.prisma.auditEvent.findUniqueOrThrow({
      where: { seq: seqs[1]! },
      select: { hash: true },
    });
    const forged = {
      at: new Date(),
      actorId: "agent-1",
      actorName: "Agent One",
      role: "helpdesk",
      action: "tap.issue",
      subjectType: "User",
      subjectId: "victim",
      before: null,
      after: null,
      requestId: "req-forged",
      prevHash: prev.hash,
    };
    // Sequence numbers are consecutive, so the forger makes room by renumbering the tail first.
    await bypassingTrigger(`UPDATE audit_events SET seq = seq + 1000 WHERE seq > ${seqs[1]}`);
    await db.prisma.auditEvent.create({
      data: { ...forged, seq: seqs[1]! + 1n, before: undefined, after: undefined, hash: hashEvent(forged) },
    });
    const verdict = await services.audit.verify();
    expect(verdict).toMatchObject({ ok: false, checked: 3 }); // the forged one links fine; the real one after it does not
  });

  it("an event appended with a made-up hash (INSERT is allowed, so the trigger does not stop it)", async () => {
    await db.prisma.auditEvent.create({
      data: {
        actorId: "x",
        actorName: "X",
        role: "admin",
        action: "settings.update",
        subjectType: "Setting",
        subjectId: "s",
        requestId: "r",
        prevHash: GENESIS_HASH,
        hash: "f".repeat(64),
      },
    });
    expect(await services.audit.verify()).toMatchObject({
      ok: false,
      checked: 5,
      reason: expect.stringMatching(/prevHash/),
    });
  });

  it("two events swapped", async () => {
    await bypassingTrigger(`UPDATE audit_events SET seq = -1 WHERE seq = ${seqs[1]}`);
    await bypassingTrigger(`UPDATE audit_events SET seq = ${seqs[1]} WHERE seq = ${seqs[3]}`);
    await bypassingTrigger(`UPDATE audit_events SET seq = ${seqs[3]} WHERE seq = -1`);
    expect(await services.audit.verify()).toMatchObject({ ok: false, brokenAt: String(seqs[1]) });
  });

  it("and without tampering, the same trail verifies (the checks above are not failing for another reason)", async () => {
    expect(await services.audit.verify()).toEqual({ ok: true, checked: 5 });
  });
});
