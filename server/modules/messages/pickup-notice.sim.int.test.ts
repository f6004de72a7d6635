import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { outboxOf } from "@/server/graph/simulator/conditional-access";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { refusal } from "@/server/modules/assignment/testing";

// "Your key is ready for pickup": a key assigned for pickup at the site desk is marked ready by an agent,
// and the person is told through the same send path as the shipped notice (opt-out, send log, never a
// pass or PIN), read back from the simulated tenant's outbox.

const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
const agent: Actor = { id: "agent-1", name: "Ann Agent", email: null, roles: ["helpdesk"] };
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
const helpdesk = () => callerOf({ actor: agent, requestId: "req-desk", services });
const address = (id: string) => `${id}@people.example`;
const desk = { actor: agent, requestId: "req-desk" };

async function assigned(userId: string, method: "pickup" | "shipped" | "in_person" = "pickup") {
  await db.prisma.directoryUser.create({
    data: {
      id: userId,
      userPrincipalName: `${userId}@contoso.example`,
      displayName: `Person ${userId}`,
      mail: address(userId),
      siteId: "lon",
    },
  });
  const key = await db.prisma.securityKey.create({
    data: { serial: `YK-${userId}`, vendor: "Yubico", modelId: "m1", siteId: "lon", status: "in_stock" },
  });
  const [r] = await helpdesk().assignment.assign({
    userId,
    keys: [{ keyId: key.id, kind: "primary" }],
    handover: { method },
  });
  return r!.assignmentId;
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 20, seed: 17 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph });
  await db.prisma.site.create({ data: { id: "lon", code: "LON", name: "London", officeLocation: "London" } });
  await db.prisma.keyModel.create({
    data: { id: "m1", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" },
  });
  const mailbox = sim.tenant.users.find((u) => u.userType === "Member" && u.accountEnabled)!;
  await callerOf({ actor: lead, requestId: "req-config", services }).messages.setConfig({
    mailbox: mailbox.userPrincipalName,
    dailyCap: 1,
    reminderDaysBefore: 3,
  });
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("the ready-for-pickup notice", () => {
  it("nothing is sent at assignment; marking the key ready sends one message naming the site, and records it", async () => {
    const assignmentId = await assigned("p1");
    expect(outboxOf(sim.tenant)).toEqual([]);
    const a0 = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(a0).toMatchObject({ handover: "pickup", readyAt: null, confirmedById: null });

    await helpdesk().assignment.markReadyForPickup({ assignmentId });
    const sent = outboxOf(sim.tenant);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: [address("p1")], subject: "Your security key is ready for pickup" });
    expect(sent[0]!.body).toContain("Hello Person p1,");
    expect(sent[0]!.body).toContain("at the IT desk in London");
    expect(sent[0]!.body).not.toMatch(/pass|PIN/i);

    const a1 = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(a1.readyAt).not.toBeNull();
    expect(a1.deliveredAt).toBeNull();
    const log = await db.prisma.messageSend.findMany({ where: { userId: "p1" } });
    expect(log.map((r) => [r.template, r.result])).toEqual([["pickup", "sent"]]);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "keys.ready_for_pickup" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: agent.id, before: { handover: "awaiting_pickup" } });
    expect(audit[0]!.before).not.toHaveProperty("carrierRef"); // a pickup has no carrier
  });

  it("is not held back by the reminders' daily cap (1 here)", async () => {
    const second = await assigned("p2");
    await helpdesk().assignment.markReadyForPickup({ assignmentId: second });
    expect(outboxOf(sim.tenant).filter((m) => m.to.includes(address("p2")))).toHaveLength(1);
  });

  it("marking twice is refused in words and sends nothing more; collected afterwards, no message", async () => {
    const assignmentId = (await db.prisma.keyAssignment.findFirstOrThrow({ where: { userId: "p1" } })).id;
    const before = outboxOf(sim.tenant).length;
    const again = await refusal(services.assignment.markReadyForPickup(desk, { assignmentId }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe("Key YK-p1 is already waiting at the desk.");
    await helpdesk().assignment.markDelivered({ assignmentId });
    const a = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(a.deliveredAt).not.toBeNull();
    expect(a.confirmedById).toBe(agent.id);
    expect(outboxOf(sim.tenant)).toHaveLength(before);
  });

  it("only a pickup can be marked ready: a shipped or in-person key is refused, and collecting before ready too", async () => {
    const shipped = await assigned("p3", "shipped");
    expect(
      (await refusal(services.assignment.markReadyForPickup(desk, { assignmentId: shipped }))).message,
    ).toBe("Key YK-p3 is to be shipped, not picked up.");
    const inPerson = await assigned("p4", "in_person");
    expect(
      (await refusal(services.assignment.markReadyForPickup(desk, { assignmentId: inPerson }))).message,
    ).toBe("Key YK-p4 was handed over in person.");
    const early = await assigned("p5");
    expect((await refusal(services.assignment.markDelivered(desk, { assignmentId: early }))).message).toBe(
      "Key YK-p5 is not ready for pickup yet; mark it ready first.",
    );
    expect(outboxOf(sim.tenant).filter((m) => /p[345]@/.test(m.to.join()))).toEqual([]);
  });

  it("an opted-out person is not told, but the key is still marked ready", async () => {
    const assignmentId = await assigned("p6");
    await callerOf({ actor: lead, requestId: "req-opt", services }).messages.addOptOut({
      person: "p6@contoso.example",
    });
    await helpdesk().assignment.markReadyForPickup({ assignmentId });
    expect(outboxOf(sim.tenant).filter((m) => m.to.includes(address("p6")))).toEqual([]);
    const a = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(a.readyAt).not.toBeNull();
  });

  it("a refused send never undoes the change: the log says why in words", async () => {
    await callerOf({ actor: lead, requestId: "req-config2", services }).messages.setConfig({
      mailbox: "nobody@contoso.example",
      dailyCap: 10,
      reminderDaysBefore: 3,
    });
    const assignmentId = await assigned("p7");
    await helpdesk().assignment.markReadyForPickup({ assignmentId });
    expect(
      (await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } })).readyAt,
    ).not.toBeNull();
    const [row] = await db.prisma.messageSend.findMany({ where: { userId: "p7" } });
    expect(row).toMatchObject({ template: "pickup", result: "failed" });
    expect(row!.error).toMatch(/does not exist in the tenant/);
  });
});
