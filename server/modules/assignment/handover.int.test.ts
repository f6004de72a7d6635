import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import type { AppError } from "@/server/errors";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { DAY } from "@/server/lib/time";
import { agent, agent2, NOW, refusal } from "./testing";
import { yubikey5c } from "@/server/db/fixtures";

// The handover after assignment on a real database: the date it happened, a shipment with the carrier's
// reference, then delivery; every refusal a move the handover table does not draw, and two agents racing.

let db: TestDatabase;
let s: Services;
let seq = 0;

/** A user with a fresh key in stock, ready to be assigned. */
async function userAndKey() {
  const n = ++seq;
  await db.prisma.directoryUser.create({
    data: { id: `u${n}`, userPrincipalName: `u${n}@x.example`, displayName: `User ${n}`, siteId: "lon" },
  });
  const serial = `YK-${String(n).padStart(4, "0")}`;
  await db.prisma.securityKey.create({
    data: { id: `k${n}`, serial, vendor: "Yubico", modelId: "m1", siteId: "lon", status: "in_stock" },
  });
  return { userId: `u${n}`, keyId: `k${n}`, serial };
}
async function assignShipped(carrierRef?: string) {
  const { userId, keyId } = await userAndKey();
  const [r] = await s.assignment.assign(agent, {
    userId,
    keys: [{ keyId, kind: "primary" }],
    handover: { method: "shipped" },
    shipping: carrierRef ? { carrierRef } : null,
  });
  return { keyId, assignmentId: r!.assignmentId };
}
const assignmentOf = (id: string) => db.prisma.keyAssignment.findUniqueOrThrow({ where: { id } });
const events = (keyId: string, action: string) =>
  db.prisma.auditEvent.findMany({
    where: { subjectId: keyId, action },
    select: { actorId: true, after: true },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, clock: () => NOW });
  await db.prisma.site.create({ data: { id: "lon", code: "LON", name: "London", officeLocation: "London" } });
  await db.prisma.keyModel.create({
    data: yubikey5c,
  });
});

afterAll(async () => {
  await db?.close();
});

describe("shipment and delivery", () => {
  it("a shipped key without a reference awaits shipment: delivery is refused until the shipment is recorded, then confirmed by the agent", async () => {
    const { keyId, assignmentId } = await assignShipped();
    expect(await assignmentOf(assignmentId)).toMatchObject({
      handover: "shipped",
      shippedAt: null,
      carrierRef: null,
      deliveredAt: null,
      confirmedById: null,
    });

    const early = await refusal(s.assignment.markDelivered(agent, { assignmentId }));
    expect([early.code, early.message]).toEqual([
      "CONFLICT",
      expect.stringMatching(/has not been shipped yet; record the shipment first/),
    ]);
    expect((await assignmentOf(assignmentId)).deliveredAt).toBeNull();

    await s.assignment.recordShipment(agent, { assignmentId, carrierRef: "DHL 00340434161234567890" });
    expect(await assignmentOf(assignmentId)).toMatchObject({
      shippedAt: NOW,
      carrierRef: "DHL 00340434161234567890",
      deliveredAt: null,
    });
    expect(await events(keyId, "keys.ship")).toEqual([
      {
        actorId: "agent-1",
        after: expect.objectContaining({
          handover: "shipped",
          carrierRef: "DHL 00340434161234567890",
          assignmentId,
        }),
      },
    ]);

    // A second shipment would overwrite the reference the user was given: refused, and the first one stays.
    const again = await refusal(
      s.assignment.recordShipment(agent2, { assignmentId, carrierRef: "UPS 1Z999" }),
    );
    expect([again.code, again.message]).toEqual(["CONFLICT", expect.stringMatching(/was already shipped/)]);
    expect((await assignmentOf(assignmentId)).carrierRef).toBe("DHL 00340434161234567890");

    await s.assignment.markDelivered(agent2, { assignmentId });
    expect(await assignmentOf(assignmentId)).toMatchObject({ deliveredAt: NOW, confirmedById: "agent-2" });
    expect(await events(keyId, "keys.deliver")).toEqual([
      {
        actorId: "agent-2",
        after: expect.objectContaining({ handover: "delivered", confirmedById: "agent-2" }),
      },
    ]);
    expect(
      (await refusal(s.assignment.recordShipment(agent, { assignmentId, carrierRef: "late" }))).message,
    ).toMatch(/was already delivered/);
    expect(await events(keyId, "keys.ship")).toHaveLength(1);
  });

  it("an in-person handover has no shipment or delivery to record", async () => {
    const { userId, keyId, serial } = await userAndKey();
    const [r] = await s.assignment.assign(agent, {
      userId,
      keys: [{ keyId, kind: "primary" }],
      handover: { method: "in_person" },
      shipping: { carrierRef: "ignored" },
    });
    const before = await assignmentOf(r!.assignmentId);
    expect(before).toMatchObject({
      handover: "in_person",
      confirmedById: "agent-1",
      carrierRef: null,
      shippedAt: null,
    });
    // One at a time: a second call started before the first is awaited would reject unobserved.
    for (const move of [
      () => s.assignment.recordShipment(agent, { assignmentId: r!.assignmentId, carrierRef: "DHL 1" }),
      () => s.assignment.markDelivered(agent, { assignmentId: r!.assignmentId }),
    ]) {
      const e = await refusal(move());
      expect([e.code, e.message]).toEqual([
        "CONFLICT",
        `Key ${serial} was handed over in person, not shipped.`,
      ]);
    }
    expect(await assignmentOf(r!.assignmentId)).toEqual(before);
    expect(await events(keyId, "keys.ship")).toHaveLength(0);
  });

  it("two agents confirming one delivery at once: exactly one succeeds and one event is written", async () => {
    const { keyId, assignmentId } = await assignShipped("DHL 2");
    const results = await Promise.allSettled([
      s.assignment.markDelivered(agent, { assignmentId }),
      s.assignment.markDelivered(agent2, { assignmentId }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((lost?.reason as AppError).code).toBe("CONFLICT");
    expect(await events(keyId, "keys.deliver")).toHaveLength(1);
  });

  it("once the key is back, its handover can no longer change", async () => {
    const { keyId, assignmentId } = await assignShipped("DHL 3");
    await s.assignment.returnKey(agent, { keyId, condition: "good" });
    const e = await refusal(s.assignment.markDelivered(agent, { assignmentId }));
    expect([e.code, e.message]).toEqual([
      "CONFLICT",
      expect.stringMatching(/assignment of YK-\d+ has ended/),
    ]);
    expect((await assignmentOf(assignmentId)).deliveredAt).toBeNull();
    expect((await refusal(s.assignment.markDelivered(agent, { assignmentId: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("handover dates", () => {
  it("keeps a backdated handover date as the assignment date; a carrier reference at assignment ships it that day", async () => {
    const { userId, keyId, serial } = await userAndKey();
    const at = new Date(NOW.getTime() - 3 * DAY);
    const [r] = await s.assignment.assign(agent, {
      userId,
      keys: [{ keyId, kind: "primary" }],
      handover: { method: "shipped", at },
      shipping: { carrierRef: "DPD 77" },
    });
    expect(await assignmentOf(r!.assignmentId)).toMatchObject({
      assignedAt: at,
      shippedAt: at,
      carrierRef: "DPD 77",
    });
    expect((await events(keyId, "keys.assign"))[0]?.after).toMatchObject({
      handoverAt: at.toISOString(),
      carrierRef: "DPD 77",
    });
    // The user page (as a reader of the audit trail) shows the backdated assignment once, at its date and with who recorded it (not again as a bare audit line).
    const assigned = (await s.directoryUsers.userPage(userId, { roles: ["security"] })).timeline.filter(
      (t) => t.keyId === keyId && /assigned/.test(t.title),
    );
    expect(assigned.map((t) => [t.title, t.at, t.actor])).toEqual([
      [`${serial} assigned (primary)`, at, "Ada Agent"],
    ]);
    // Delivery cannot predate the shipment, nor lie in the future.
    const early = await refusal(
      s.assignment.markDelivered(agent, {
        assignmentId: r!.assignmentId,
        deliveredAt: new Date(at.getTime() - DAY),
      }),
    );
    expect([early.code, early.details]).toEqual([
      "BAD_REQUEST",
      { fieldErrors: { deliveredAt: ["Cannot be before the shipment"] } },
    ]);
    expect(
      (
        await refusal(
          s.assignment.markDelivered(agent, {
            assignmentId: r!.assignmentId,
            deliveredAt: new Date(NOW.getTime() + DAY),
          }),
        )
      ).message,
    ).toBe("The delivery date cannot be in the future.");
    await s.assignment.markDelivered(agent, {
      assignmentId: r!.assignmentId,
      deliveredAt: new Date(at.getTime() + DAY),
    });
    expect((await assignmentOf(r!.assignmentId)).deliveredAt).toEqual(new Date(at.getTime() + DAY));
  });

  it("refuses a handover date in the future and assigns nothing", async () => {
    const { userId, keyId } = await userAndKey();
    const e = await refusal(
      s.assignment.assign(agent, {
        userId,
        keys: [{ keyId, kind: "primary" }],
        handover: { method: "in_person", at: new Date(NOW.getTime() + DAY) },
      }),
    );
    expect([e.code, e.details]).toEqual([
      "BAD_REQUEST",
      { fieldErrors: { "handover.at": ["Cannot be in the future"] } },
    ]);
    expect((await db.prisma.securityKey.findUniqueOrThrow({ where: { id: keyId } })).status).toBe("in_stock");
    expect(await db.prisma.keyAssignment.count({ where: { keyId } })).toBe(0);
  });

  it("the router validates with the same schema: an empty carrier reference never reaches the service", async () => {
    const { assignmentId } = await assignShipped();
    const api = createCallerFactory(appRouter)({ ...agent, services: s });
    const e = await api.assignment.recordShipment({ assignmentId, carrierRef: "   " }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe("BAD_REQUEST");
    expect((await assignmentOf(assignmentId)).shippedAt).toBeNull();
  });
});
