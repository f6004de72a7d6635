import { describe, expect, it } from "vitest";
import { agent, NOW, refusal } from "./testing";
import { db, s, key, statusOf, useAssignmentDatabase } from "./assignment.testing";

// Return, wipe, retire, destroy and lost/stolen/damaged through the assignment service on a real database,
// and their refusals. Set-up: assignment.testing.ts.

useAssignmentDatabase();

describe("return, wipe, retire, destroy, lost/stolen/damaged", () => {
  it("return (assigned or active) ends the assignment with its condition; wipe puts the key back in stock", async () => {
    for (const st of ["assigned", "active"] as const) {
      const k = await key(st, "u1");
      await s.assignment.returnKey(agent, { keyId: k, condition: "good" });
      const row = await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k } });
      expect([row.status, row.custodianId]).toEqual(["returned", null]);
      expect(await db.prisma.keyAssignment.findFirst({ where: { keyId: k } })).toMatchObject({
        endedAt: NOW,
        returnCondition: "good",
        endReason: "returned",
      });
      await s.assignment.wipeKey(agent, { keyId: k });
      expect(await statusOf(k)).toBe("in_stock");
    }
  });

  it("refuses return from stock and wipe of a key that was not returned", async () => {
    const k = await key();
    expect((await refusal(s.assignment.returnKey(agent, { keyId: k, condition: "good" }))).message).toMatch(
      /is in stock; only a key that is assigned or active can be returned/,
    );
    const a = await key("assigned", "u1");
    expect((await refusal(s.assignment.wipeKey(agent, { keyId: a }))).message).toMatch(
      /is assigned; only a key that is returned can be wiped/,
    );
  });

  it("retire and destroy take a reason from any state but retired; a retired key cannot move again", async () => {
    for (const st of ["ordered", "in_stock", "returned", "lost", "reserved"] as const) {
      const k = await key(st);
      await s.assignment.retireKey(agent, { keyId: k, reason: "end of life" });
      expect(await statusOf(k)).toBe("retired");
    }
    const k = await key("assigned", "u1");
    await s.assignment.retireKey(agent, { keyId: k, reason: "shredded", isDestroyed: true });
    expect(
      await db.prisma.auditEvent.findFirst({ where: { subjectId: k, action: "keys.destroy" } }),
    ).not.toBeNull();
    expect((await db.prisma.keyAssignment.findFirstOrThrow({ where: { keyId: k } })).endReason).toBe(
      "destroyed: shredded",
    );
    const e = await refusal(s.assignment.retireKey(agent, { keyId: k, reason: "again" }));
    expect([e.code, e.message]).toEqual(["CONFLICT", expect.stringContaining("is retired")]);
    expect((await refusal(s.assignment.wipeKey(agent, { keyId: k }))).code).toBe("CONFLICT");
  });

  it("lost/stolen/damaged need the credential revoked in Entra first; then the key is marked and the assignment ends", async () => {
    for (const st of ["lost", "stolen", "damaged"] as const) {
      const k = await key("active", "u1");
      const cred = await db.prisma.entraCredential.create({
        data: { methodId: `m-${k}`, userId: "u1", aaguid: "a", keyId: k, matchMethod: "inferred" },
      });
      const e = await refusal(s.assignment.markKey(agent, { keyId: k, status: st }));
      expect(e.code).toBe("PRECONDITION_FAILED");
      // Not a dead end: it says where to go (a case revokes the credential, then marks the key).
      expect(e.message).toContain("Open a case for it");
      expect(await statusOf(k)).toBe("active");
      await db.prisma.entraCredential.update({ where: { id: cred.id }, data: { removedAt: NOW } });
      await s.assignment.markKey(agent, { keyId: k, status: st, reason: "left on a train" });
      expect(await statusOf(k)).toBe(st);
      expect((await db.prisma.keyAssignment.findFirstOrThrow({ where: { keyId: k } })).endReason).toBe(st);
    }
    expect(
      (await refusal(s.assignment.markKey(agent, { keyId: await key(), status: "lost" }))).message,
    ).toMatch(/is in stock/);
  });

  it("reserve only from stock", async () => {
    const k = await key("returned");
    expect((await refusal(s.assignment.reserveKey(agent, { keyId: k, userId: "u1" }))).message).toMatch(
      /is returned; only a key that is in stock can be reserved/,
    );
  });
});
