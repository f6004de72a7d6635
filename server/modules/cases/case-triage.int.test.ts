import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { TestDatabase } from "@/server/db/testing";
import { seedUser } from "./testing";
import { useHelpdeskCaller } from "./trpc-harness";

// Issue 13: a case carries an assignee and a priority (set when opened, changed with the case's version,
// audited, filterable in the list), and its ticket reference links out once Settings has a template.

const h = useHelpdeskCaller();
const { entra, as } = h;
const ada: Actor = { id: "agent-ada", name: "Ada", email: null, roles: ["helpdesk"] };
const ben: Actor = { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] };
const admin: Actor = { id: "admin-1", name: "Alex", email: null, roles: ["admin"] };
const sec: Actor = { id: "sec-1", name: "Sam", email: null, roles: ["security"] };
let db: TestDatabase;
beforeAll(() => void (db = h.db()));

const open = async (
  by: Actor,
  extra: { priority?: "low" | "normal" | "high" | "urgent"; assigneeId?: string; ticketRef?: string } = {},
) => {
  const u = await seedUser(db.prisma, entra);
  return as(by).cases.open({ userId: u.userId, kind: "damaged", keyIds: u.keyIds, ...extra });
};

describe("cases: assignee and priority", () => {
  it("opening: the opener and normal priority by default; another known agent and a priority when chosen; an unknown agent is refused", async () => {
    const first = await as(ada).cases.get({ id: (await open(ada)).id });
    expect(first).toMatchObject({ priority: "normal", assignee: { id: ada.id, name: "Ada" } });
    await open(ben); // Ben has now worked a case: he is on the list.
    expect((await as(ada).cases.agents()).map((a) => a.id)).toEqual(expect.arrayContaining([ada.id, ben.id]));

    const c = await as(ada).cases.get({
      id: (await open(ada, { priority: "urgent", assigneeId: ben.id })).id,
    });
    expect(c).toMatchObject({ priority: "urgent", assignee: { id: ben.id, name: "Ben" } });

    const cases = await db.prisma.case.count();
    await expect(open(ada, { assigneeId: "nobody-here" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("pick someone from the list"),
    });
    expect(await db.prisma.case.count()).toBe(cases);
  });

  it("changing: audited with before and after; a stale version is a CONFLICT; no change is refused", async () => {
    const { id } = await open(ada);
    let c = await as(ada).cases.get({ id });
    c = await as(ada).cases.setTriage({ caseId: id, version: c.version, assigneeId: null, priority: "high" });
    expect(c).toMatchObject({ priority: "high", assignee: null });
    const ev = await db.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: id, action: "cases.triage" },
      select: { actorId: true, before: true, after: true },
    });
    expect(ev).toEqual({
      actorId: ada.id,
      before: { assigneeId: ada.id, priority: "normal" },
      after: { assigneeId: null, priority: "high" },
    });
    await expect(
      as(ben).cases.setTriage({ caseId: id, version: c.version - 1, assigneeId: ben.id, priority: "low" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      as(ben).cases.setTriage({ caseId: id, version: c.version, assigneeId: null, priority: "high" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      as(sec).cases.setTriage({ caseId: id, version: c.version, assigneeId: ben.id, priority: "low" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await db.prisma.case.findUniqueOrThrow({ where: { id }, select: { priority: true, assigneeId: true } }),
    ).toEqual({
      priority: "high",
      assigneeId: null,
    });
  });

  it("the list shows and filters by assignee (me, unassigned, an agent) and priority", async () => {
    const mine = await open(ben, { priority: "low" });
    const theirs = await open(ada, { assigneeId: ben.id, priority: "urgent" });
    const ids = async (f: Parameters<ReturnType<typeof as>["cases"]["list"]>[0]) =>
      (await as(ben).cases.list({ pageSize: 100, ...f })).items.map((i) => i.id);
    expect(await ids({ assignee: "me" })).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await ids({ assignee: "me", priority: "urgent" })).toContain(theirs.id);
    expect(await ids({ assignee: "me", priority: "urgent" })).not.toContain(mine.id);
    expect(await ids({ assignee: ada.id })).not.toContain(theirs.id);
    const none = await ids({ assignee: "none" });
    expect(none.length).toBeGreaterThan(0);
    expect(none).not.toContain(mine.id);
    const row = (await as(ada).cases.list({ pageSize: 100 })).items.find((i) => i.id === theirs.id);
    expect(row).toMatchObject({ priority: "urgent", assigneeId: ben.id, assigneeName: "Ben" });
  });
});

describe("cases: the ticket reference links out when a template is set", () => {
  it("plain text without a template; an https template with {ticket} links, the reference encoded; bad templates refused", async () => {
    const { id } = await open(ada, { ticketRef: "INC 42/a" });
    expect((await as(ada).cases.get({ id })).ticketUrl).toBeNull();

    for (const bad of [
      "http://tickets.example.com/{ticket}",
      "https://tickets.example.com/browse",
      "not a url {ticket}",
    ])
      await expect(as(admin).settings.setHelpdesk({ ticketUrlTemplate: bad })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    await expect(
      as(sec).settings.setHelpdesk({ ticketUrlTemplate: "https://tickets.example.com/{ticket}" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as(sec).settings.helpdesk()).ticketUrlTemplate).toBeNull();

    await as(admin).settings.setHelpdesk({
      ticketUrlTemplate: "https://tickets.example.com/browse/{ticket}",
    });
    try {
      expect((await as(ada).cases.get({ id })).ticketUrl).toBe(
        "https://tickets.example.com/browse/INC%2042%2Fa",
      );
      expect(
        await db.prisma.auditEvent.count({ where: { action: "settings.helpdesk", actorId: admin.id } }),
      ).toBe(1);
    } finally {
      await as(admin).settings.setHelpdesk({ ticketUrlTemplate: null });
    }
    expect((await as(ada).cases.get({ id })).ticketUrl).toBeNull();
  });
});
