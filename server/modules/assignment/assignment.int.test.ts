import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { AppError } from "@/server/errors";
import { DAY } from "@/server/lib/time";
import { agent, agent2, NOW, refusal } from "./testing";

// Every lifecycle move through the assignment service on a real database (PGlite, or PostgreSQL when
// DATABASE_URL is set), its refusals, and two agents racing for one key.

let db: TestDatabase;
let s: Services;
let seq = 0;

/** A fresh key in `status`, optionally held by `custodianId`. */
async function key(
  status:
    | "in_stock"
    | "reserved"
    | "assigned"
    | "active"
    | "returned"
    | "lost"
    | "ordered"
    | "retired" = "in_stock",
  custodianId: string | null = null,
) {
  const id = `k${++seq}`;
  await db.prisma.securityKey.create({
    data: {
      id,
      serial: `YK-${String(seq).padStart(4, "0")}`,
      vendor: "Yubico",
      modelId: "m1",
      siteId: "lon",
      status,
      custodianId,
    },
  });
  if (custodianId && (status === "assigned" || status === "active")) {
    await db.prisma.keyAssignment.create({
      data: {
        keyId: id,
        userId: custodianId,
        kind: "backup",
        assignedById: "seed",
        assignedAt: new Date(NOW.getTime() - 30 * DAY),
      },
    });
  }
  return id;
}
const statusOf = async (id: string) =>
  (await db.prisma.securityKey.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, clock: () => NOW });
  await db.prisma.site.createMany({
    data: [
      { id: "lon", code: "LON", name: "London", officeLocation: "London" },
      { id: "ber", code: "BER", name: "Berlin", officeLocation: "Berlin" },
    ],
  });
  await db.prisma.keyModel.create({
    data: { id: "m1", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" },
  });
  await db.prisma.directoryUser.createMany({
    data: [
      {
        id: "u1",
        userPrincipalName: "ann@x.example",
        displayName: "Ann Lee",
        siteId: "lon",
        officeLocation: "London",
      },
      {
        id: "u2",
        userPrincipalName: "ben@x.example",
        displayName: "Ben Ng",
        siteId: "lon",
        officeLocation: "London",
      },
      {
        id: "u3",
        userPrincipalName: "cat@x.example",
        displayName: "Cat Ho",
        siteId: "lon",
        accountEnabled: false,
      },
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `w${i}`,
        userPrincipalName: `w${i}@x.example`,
        displayName: `Wave ${i}`,
        siteId: i < 5 ? "lon" : null,
      })),
    ],
  });
});

afterAll(async () => {
  await db?.close();
});

describe("assign", () => {
  let user: string;
  beforeEach(async () => {
    user = `a${++seq}`;
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

describe("wave assignment and follow-ups", () => {
  it("previews a key from each user's site stock, oldest first, and says who cannot get one; confirm assigns exactly the preview", async () => {
    await db.prisma.rolloutWave.create({
      data: { id: "wave1", name: "Wave 1", startDate: NOW, registrationDeadline: NOW },
    });
    await db.prisma.waveMember.createMany({
      data: ["w0", "w1", "w2", "w5"].map((userId) => ({ waveId: "wave1", userId })),
    });
    // w0 already holds a key: not in the preview.
    await key("assigned", "w0");
    await db.prisma.securityKey.updateMany({ where: { status: "in_stock" }, data: { status: "retired" } });
    const stock = [await key(), await key()];
    await db.prisma.securityKey.update({
      where: { id: stock[1]! },
      data: { statusChangedAt: new Date(NOW.getTime() - 9 * DAY) },
    });
    const p = await s.assignment.previewWave({ waveId: "wave1" });
    expect(p.rows.map((r) => [r.userId, r.key?.id ?? null, r.reason])).toEqual([
      ["w1", stock[1], null],
      ["w2", stock[0], null],
      ["w5", null, "No office site in the directory"],
    ]);
    const items = p.rows
      .filter((r) => r.key)
      .map((r) => ({ userId: r.userId, keyId: r.key!.id, version: r.key!.version }));
    await s.assignment.confirmWave(agent, { waveId: "wave1", items, handover: "shipped" });
    expect(
      (
        await db.prisma.securityKey.findMany({
          where: { id: { in: stock } },
          select: { custodianId: true },
          orderBy: { id: "asc" },
        })
      ).map((k) => k.custodianId),
    ).toEqual(["w2", "w1"]);
    // Confirming the same plan again: the keys moved on, so nothing is assigned twice.
    expect(
      (await refusal(s.assignment.confirmWave(agent, { waveId: "wave1", items, handover: "shipped" }))).code,
    ).toBe("CONFLICT");
    expect(await db.prisma.keyAssignment.count({ where: { keyId: { in: stock } } })).toBe(2);
  });

  it("lists keys assigned but not registered after N days, N from the setting (default 14)", async () => {
    const old = await key("assigned", "u2"); // assigned 30 days ago
    const fresh = await key();
    await buildServices({
      prisma: db.prisma,
      clock: () => new Date(NOW.getTime() - 5 * DAY),
    }).assignment.assign(agent, {
      userId: "u2",
      keys: [{ keyId: fresh, kind: "backup" }],
      handover: { method: "in_person" },
    });
    let f = await s.assignment.followUps();
    expect(f.days).toBe(14);
    expect(f.items.map((i) => i.keyId)).toContain(old);
    expect(f.items.map((i) => i.keyId)).not.toContain(fresh);
    await db.prisma.setting.create({ data: { key: "assignment.followUpDays", value: 3 } });
    f = await s.assignment.followUps();
    expect(f.days).toBe(3);
    expect(f.items.map((i) => i.keyId)).toContain(fresh);
    await db.prisma.securityKey.update({ where: { id: fresh }, data: { status: "active" } });
    expect((await s.assignment.followUps()).items.map((i) => i.keyId)).not.toContain(fresh);
  });
});
