import { beforeEach, describe, expect, it } from "vitest";
import type { AppError } from "@/server/errors";
import { agent, agent2, NOW, refusal } from "./testing";
import { db, key, nextSeq, s, seq, statusOf, useAssignmentDatabase } from "./assignment.testing";

// Assigning keys through the assignment service on a real database, its refusals, and two agents racing
// for one key. Set-up: assignment.testing.ts.

useAssignmentDatabase();

describe("assign", () => {
  let user: string;
  beforeEach(async () => {
    user = `a${nextSeq()}`;
    await db.prisma.directoryUser.create({
      data: { id: user, userPrincipalName: `${user}@x.example`, displayName: `User ${user}`, siteId: "lon" },
    });
  });

  it("gives a user a primary and a backup key in one step, with an in-person handover confirmed by the agent, and audits each key", async () => {
    const [k1, k2] = [await key(), await key()];
    const r = await s.assignment.assign(agent, {
      userId: user,
      keys: [
        { keyId: k1, version: 0, kind: "primary" },
        { keyId: k2, version: 0, kind: "backup" },
      ],
      handover: { method: "in_person" },
    });
    expect(r.map((x) => x.kind)).toEqual(["primary", "backup"]);
    const keys = await db.prisma.securityKey.findMany({
      where: { id: { in: [k1, k2] } },
      orderBy: { id: "asc" },
    });
    expect(keys.map((k) => [k.status, k.custodianId, k.version])).toEqual([
      ["assigned", user, 1],
      ["assigned", user, 1],
    ]);
    const a = await db.prisma.keyAssignment.findMany({ where: { userId: user }, orderBy: { kind: "asc" } });
    expect(a.map((x) => [x.kind, x.handover, x.confirmedById, x.assignedById])).toEqual([
      ["primary", "in_person", "agent-1", "agent-1"],
      ["backup", "in_person", "agent-1", "agent-1"],
    ]);
    expect(
      await db.prisma.auditEvent.count({ where: { action: "keys.assign", subjectId: { in: [k1, k2] } } }),
    ).toBe(2);
  });

  it("records a shipped handover: carrier reference, then delivery (which cannot be recorded twice)", async () => {
    const k = await key();
    const [r] = await s.assignment.assign(agent, {
      userId: user,
      keys: [{ keyId: k, kind: "primary" }],
      handover: { method: "shipped" },
      shipping: { carrierRef: "DHL-1" },
    });
    await s.assignment.markDelivered(agent2, { assignmentId: r!.assignmentId });
    const a = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: r!.assignmentId } });
    expect(a).toMatchObject({
      handover: "shipped",
      carrierRef: "DHL-1",
      deliveredAt: NOW,
      confirmedById: "agent-2",
    });
    expect((await refusal(s.assignment.markDelivered(agent2, { assignmentId: r!.assignmentId }))).code).toBe(
      "CONFLICT",
    );
  });

  it("refuses a second primary key, a disabled user, and a key that is not in stock (naming its state)", async () => {
    await s.assignment.assign(agent, {
      userId: user,
      keys: [{ keyId: await key(), kind: "primary" }],
      handover: { method: "in_person" },
    });
    const second = await refusal(
      s.assignment.assign(agent, {
        userId: user,
        keys: [{ keyId: await key(), kind: "primary" }],
        handover: { method: "in_person" },
      }),
    );
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toMatch(/already has a primary key/);
    expect(
      (
        await refusal(
          s.assignment.assign(agent, {
            userId: "u3",
            keys: [{ keyId: await key(), kind: "primary" }],
            handover: { method: "in_person" },
          }),
        )
      ).message,
    ).toMatch(/disabled/);
    for (const st of ["lost", "assigned", "active", "returned", "retired", "ordered"] as const) {
      const k = await key(st, st === "assigned" || st === "active" ? "u2" : null);
      const e = await refusal(
        s.assignment.assign(agent, {
          userId: user,
          keys: [{ keyId: k, kind: "backup" }],
          handover: { method: "in_person" },
        }),
      );
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toContain(`is ${st.replace("_", " ")}`);
      expect(await statusOf(k)).toBe(st);
    }
  });

  it("is all or nothing: one bad key in the request assigns none", async () => {
    const good = await key();
    const bad = await key("lost");
    await refusal(
      s.assignment.assign(agent, {
        userId: user,
        keys: [
          { keyId: good, kind: "primary" },
          { keyId: bad, kind: "backup" },
        ],
        handover: { method: "in_person" },
      }),
    );
    expect(await statusOf(good)).toBe("in_stock");
    expect(await db.prisma.keyAssignment.count({ where: { keyId: good } })).toBe(0);
  });

  it("refuses a stale version: the agent saw the key before someone else changed it", async () => {
    const k = await key();
    await s.assignment.reserveKey(agent2, { keyId: k, version: 0, userId: "u2" });
    const e = await refusal(
      s.assignment.assign(agent, {
        userId: user,
        keys: [{ keyId: k, version: 0, kind: "primary" }],
        handover: { method: "in_person" },
      }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/changed since you loaded it: it is now reserved/);
  });

  it("two agents assigning the same key at once: exactly one wins, the other gets CONFLICT", async () => {
    const k = await key();
    const other = `b${seq}`;
    await db.prisma.directoryUser.create({
      data: { id: other, userPrincipalName: `${other}@x.example`, displayName: "Other", siteId: "lon" },
    });
    const results = await Promise.allSettled([
      s.assignment.assign(agent, {
        userId: user,
        keys: [{ keyId: k, version: 0, kind: "primary" }],
        handover: { method: "in_person" },
      }),
      s.assignment.assign(agent2, {
        userId: other,
        keys: [{ keyId: k, version: 0, kind: "primary" }],
        handover: { method: "in_person" },
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as AppError).code).toBe("CONFLICT");
    expect(await db.prisma.keyAssignment.count({ where: { keyId: k } })).toBe(1);
    expect((await db.prisma.securityKey.findUniqueOrThrow({ where: { id: k } })).version).toBe(1);
  });

  it("the same race without versions (each reads the key itself) still lets only one win", async () => {
    const k = await key();
    const results = await Promise.allSettled(
      [agent, agent2].map((ctx, i) =>
        s.assignment.assign(ctx, {
          userId: i ? "u2" : user,
          keys: [{ keyId: k, kind: "backup" }],
          handover: { method: "in_person" },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.keyAssignment.count({ where: { keyId: k } })).toBe(1);
  });

  it("a key reserved for a user goes to that user, not to someone else", async () => {
    const k = await key();
    await s.assignment.reserveKey(agent, { keyId: k, userId: user });
    expect(
      (
        await refusal(
          s.assignment.assign(agent, {
            userId: "u2",
            keys: [{ keyId: k, kind: "backup" }],
            handover: { method: "in_person" },
          }),
        )
      ).message,
    ).toMatch(/reserved for someone else/);
    await s.assignment.assign(agent, {
      userId: user,
      keys: [{ keyId: k, kind: "backup" }],
      handover: { method: "in_person" },
    });
    expect(await statusOf(k)).toBe("assigned");
  });
});
