import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { outboxOf } from "@/server/graph/simulator/conditional-access";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { DAY } from "@/server/lib/time";
import { dailyReminders } from "./reminders";

// Registration reminders and the shipped notice through the simulated tenant's sendMail, read back from
// its outbox. The people are written to the mirror by hand, so who must (and must not) get a reminder is
// set out below, not computed: wave "Past" (deadline two days ago) and wave "Soon" (in two days) are due,
// wave "Later" (in thirty days) is not.

const lead: Actor = { id: "lead-1", name: "Lee Lead", email: null, roles: ["security"] };
const agent: Actor = { id: "agent-1", name: "Ann Agent", email: null, roles: ["helpdesk"] };
const T0 = Date.UTC(2026, 11, 7, 10);
let now = T0;
let sim: RunningSimulator;
let db: TestDatabase;
let services: Services;
const callerOf = createCallerFactory(appRouter);
let api: ReturnType<typeof callerOf>;
let mailbox: string;

const day = (offset: number) => new Date(Date.UTC(2026, 11, 7) + offset * DAY);
const address = (id: string) => `${id}@people.example`;
const sentTo = () => outboxOf(sim.tenant).flatMap((m) => m.to);
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return e;
};

async function person(id: string, opts: { enabled?: boolean; key?: boolean; mail?: boolean } = {}) {
  await db.prisma.directoryUser.create({
    data: {
      id,
      userPrincipalName: `${id}@contoso.example`,
      displayName: `Person ${id}`,
      mail: opts.mail === false ? null : address(id),
      accountEnabled: opts.enabled ?? true,
      siteId: "lon",
    },
  });
  if (opts.key)
    await db.prisma.entraCredential.create({
      data: { methodId: `m-${id}`, userId: id, aaguid: "2fc0579f-8113-47ea-b116-bb5a8db9202a" },
    });
}
async function wave(name: string, deadlineOffset: number, members: string[]) {
  await db.prisma.rolloutWave.create({
    data: {
      name,
      startDate: day(-20),
      registrationDeadline: day(deadlineOffset),
      members: { create: members.map((userId) => ({ userId })) },
    },
  });
}

beforeAll(async () => {
  sim = await startTestSimulator({ users: 30, seed: 16 });
  db = await createTestDatabase();
  services = buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph, clock: () => new Date(now) });
  api = callerOf({ actor: lead, requestId: "req-messages", services });
  mailbox = sim.tenant.users.find((u) => u.userType === "Member" && u.accountEnabled)!.userPrincipalName;
  await db.prisma.site.create({ data: { id: "lon", code: "LON", name: "London", officeLocation: "London" } });
  await person("a1");
  await person("a2", { key: true });
  await person("a3", { enabled: false });
  await person("a4");
  await person("a5");
  await person("a6", { mail: false });
  await person("s1");
  await person("l1");
  await wave("Past", -2, ["a1", "a2", "a3", "a4", "a5", "a6"]);
  await wave("Soon", 2, ["s1", "a1"]);
  await wave("Later", 30, ["l1"]);
  await api.messages.addOptOut({ person: "a4@contoso.example", reason: "Asked by mail" });
});
afterAll(async () => {
  await db?.close();
  await sim?.stop();
});

describe("registration reminders (simulated tenant)", () => {
  it("without a sending mailbox nothing is sent, and the page says what to set", async () => {
    const plan = await api.messages.reminderPlan();
    expect(plan.problem).toMatch(/No sending mailbox is set/);
    const e = await refusal(api.messages.sendReminders());
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(await dailyReminders(services.messages.reminders, new Date(now))).toEqual({
      skipped: expect.stringMatching(/No sending mailbox is set/),
    });
    expect(outboxOf(sim.tenant)).toEqual([]);
  });

  it("sends to exactly the members past or near their deadline without a key, stops at the cap and says how many are left", async () => {
    await api.messages.setConfig({ mailbox, dailyCap: 2, reminderDaysBefore: 3 });
    const plan = await api.messages.reminderPlan();
    expect(plan).toMatchObject({
      problem: null,
      eligible: 5,
      optedOut: 1,
      noMail: 1,
      willSend: 2,
      leftByCap: 1,
    });
    expect(plan.recipients.map((r) => r.id).sort()).toEqual(["a1", "a5", "s1"]);

    const first = await api.messages.sendReminders();
    expect(first).toEqual({ sent: 2, failed: 0, leftByCap: 1, skipped: 0 });
    expect(sentTo()).toHaveLength(2);

    await api.messages.setConfig({ mailbox, dailyCap: 10, reminderDaysBefore: 3 });
    expect(await api.messages.sendReminders()).toEqual({ sent: 1, failed: 0, leftByCap: 0, skipped: 0 });
    expect(sentTo().sort()).toEqual([address("a1"), address("a5"), address("s1")]);
    const toA1 = outboxOf(sim.tenant).find((m) => m.to.includes(address("a1")))!;
    expect(toA1.from).toBe(mailbox);
    expect(toA1.subject).toBe("Register your security key by 5 December 2026");
    expect(toA1.body).toContain("Hello Person a1,");
    expect(toA1.body).toContain("the Past rollout");
    expect(toA1.body).toContain("at London");
  });

  it("never twice in a day: a second run, and two runs at once, send nothing more; the next day they go again", async () => {
    expect(await api.messages.sendReminders()).toMatchObject({ sent: 0, failed: 0 });
    await Promise.all([api.messages.sendReminders(), api.messages.sendReminders()]);
    expect(sentTo()).toHaveLength(3);
    expect(await db.prisma.messageSend.count()).toBe(3);

    now = T0 + DAY;
    // The daily job and a click at the same moment.
    const [x, y] = await Promise.all([
      dailyReminders(services.messages.reminders, new Date(now)),
      api.messages.sendReminders(),
    ]);
    expect(("sent" in x ? x.sent : 0) + y.sent).toBe(3);
    expect(sentTo().filter((a) => a === address("a1"))).toHaveLength(2);
    expect(sentTo()).toHaveLength(6);
  });

  it("the send log says who, which template, when and the result, never the body", async () => {
    const rows = await db.prisma.messageSend.findMany();
    expect(rows.every((r) => r.result === "sent" && r.template === "reminder")).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/Hello|Register your security key/);
    const log = await api.messages.log({ take: 10 });
    // The test before raced the daily job against a click, so either may have sent the second
    // day's rows; the first day's three are the click's. No other sender may appear.
    expect(log).toHaveLength(6);
    expect(log.filter((r) => r.by === "Lee Lead").length).toBeGreaterThanOrEqual(3);
    expect(log.filter((r) => r.by !== "Lee Lead" && r.by !== "KeyFleet (daily run)")).toEqual([]);
    expect(log.find((r) => r.by === "Lee Lead")).toMatchObject({
      label: "Registration reminder",
      result: "sent",
      error: null,
    });
  });

  it("the preview says when a person will not get the message, and why", async () => {
    const optedOut = await api.messages.preview({ kind: "reminder", userId: "a4" });
    expect(optedOut).toMatchObject({ willSend: false, reason: expect.stringMatching(/opted out/) });
    const disabled = await api.messages.preview({ kind: "reminder", userId: "a3" });
    expect(disabled.reason).toMatch(/cannot sign in/);
    const fresh = await api.messages.preview({
      kind: "reminder",
      userId: "l1",
      draft: { subject: "By {deadline}", body: "Hi {displayName} of {waveName}" },
    });
    expect(fresh).toEqual({
      to: address("l1"),
      subject: "By 6 January 2027",
      body: "Hi Person l1 of Later",
      willSend: true,
      reason: null,
    });
    await api.messages.removeOptOut({ userId: "a4" });
    expect((await api.messages.preview({ kind: "reminder", userId: "a4" })).willSend).toBe(true);
  });
});

describe("templates", () => {
  it("refuses unknown placeholders and anything that would carry a pass or PIN, in words, and keeps the old text", async () => {
    const unknown = await refusal(
      api.messages.saveTemplate({
        kind: "reminder",
        subject: "Hi",
        body: "Dear {firstName}, see {waveName}",
      }),
    );
    expect(unknown.message).toMatch(/KeyFleet does not know \{firstName\}\. Use only \{displayName\}/);
    for (const p of ["{TAP}", "{tapValue}", "{pin}", "{temporaryAccessPass}"]) {
      const secret = await refusal(
        api.messages.saveTemplate({ kind: "shipped", subject: "Key", body: `Use ${p}` }),
      );
      expect(secret.message).toContain(`${p} would put a pass, PIN or code in an email`);
    }
    const preview = await refusal(
      api.messages.preview({ kind: "reminder", userId: "a1", draft: { subject: "x", body: "{PIN}" } }),
    );
    expect(preview.code).toBe("BAD_REQUEST");
    expect(await db.prisma.messageTemplate.count()).toBe(0);
    await api.messages.saveTemplate({
      kind: "reminder",
      subject: "Key due {deadline}",
      body: "Hi {displayName}",
    });
    const o = await api.messages.overview();
    expect(o.templates.find((t) => t.kind === "reminder")).toMatchObject({
      subject: "Key due {deadline}",
      isDefault: false,
    });
    expect(await db.prisma.auditEvent.count({ where: { action: "messages.template" } })).toBe(1);
  });
});

describe("the shipped notice", () => {
  async function shippedAssignment(userId: string) {
    const key = await db.prisma.securityKey.create({
      data: { serial: `YK-${userId}`, vendor: "Yubico", modelId: "m1", siteId: "lon", status: "in_stock" },
    });
    const helpdesk = callerOf({ actor: agent, requestId: "req-ship", services });
    const [r] = await services.assignment.assign(
      { actor: agent, requestId: "req-assign" },
      {
        userId,
        keys: [{ keyId: key.id, kind: "primary" }],
        handover: { method: "shipped" },
      },
    );
    return { helpdesk, assignmentId: r!.assignmentId };
  }

  beforeAll(async () => {
    await db.prisma.keyModel.create({
      data: { id: "m1", vendor: "Yubico", productName: "YubiKey 5C NFC", formFactor: "usb_c_nfc" },
    });
  });

  it("goes out when the shipment is recorded, with the tracking reference", async () => {
    const { helpdesk, assignmentId } = await shippedAssignment("l1");
    const before = outboxOf(sim.tenant).length;
    await helpdesk.assignment.recordShipment({ assignmentId, carrierRef: "DHL 123" });
    const sent = outboxOf(sim.tenant).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: [address("l1")], subject: "Your security key has shipped" });
    expect(sent[0]!.body).toContain("Tracking reference: DHL 123.");
  });

  it("a failed send never undoes the shipment: it is recorded in the log in words", async () => {
    await api.messages.setConfig({ mailbox: "nobody@contoso.example", dailyCap: 10, reminderDaysBefore: 3 });
    const { helpdesk, assignmentId } = await shippedAssignment("s1");
    const before = outboxOf(sim.tenant).length;
    await helpdesk.assignment.recordShipment({ assignmentId, carrierRef: "UPS 9" });
    expect(outboxOf(sim.tenant)).toHaveLength(before);
    const a = await db.prisma.keyAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(a.carrierRef).toBe("UPS 9");
    expect(a.shippedAt).not.toBeNull();
    const [row] = await api.messages.log({ take: 1 });
    expect(row).toMatchObject({ kind: "shipped", result: "failed", recipient: "Person s1" });
    expect(row!.error).toMatch(/does not exist in the tenant/);
  });

  it("an opted-out person is not told", async () => {
    await api.messages.setConfig({ mailbox, dailyCap: 10, reminderDaysBefore: 3 });
    await api.messages.addOptOut({ person: "a5@contoso.example" });
    const { helpdesk, assignmentId } = await shippedAssignment("a5");
    const before = outboxOf(sim.tenant).length;
    await helpdesk.assignment.recordShipment({ assignmentId, carrierRef: "DHL 7" });
    expect(outboxOf(sim.tenant)).toHaveLength(before);
  });
});
