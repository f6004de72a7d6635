import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import type { Role } from "@/server/auth/permissions";
import { buildServices, type Services } from "@/server/container";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeFakeEntra, seedUser, workCaseUntil } from "@/server/modules/cases/testing";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// The key detail procedure (inventory.key) and its audit events: every role reads keys, only security and
// admin read the audit trail. Checked on the procedure's answer, not the page: what a helpdesk agent's or
// a buyer's browser receives holds no audit event and no agent; a case id only for readers of cases. The
// user page (users.get) follows the same rule, checked at the end.

const entra = makeFakeEntra();
const ada: Actor = { id: "agent-ada-kd", name: "Ada Lovelace", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
let s: Services;
let keyId = "";
let caseId = "";
let userId = "";
const callerOf = createCallerFactory(appRouter);
const as = (role: Role) =>
  callerOf({
    actor: { id: `viewer-${role}`, name: `Viewer ${role}`, email: null, roles: [role] },
    requestId: `req-${role}`,
    services: s,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  s = buildServices({ prisma: db.prisma, graph: entra.graph });
  // Ada works a lost-key case up to marking the key lost: audit events on the key carry her and the case.
  const u = await seedUser(db.prisma, entra);
  keyId = u.keyIds[0]!;
  userId = u.userId;
  caseId = (
    await s.cases.open({ actor: ada, requestId: "r" }, { userId: u.userId, kind: "lost", keyIds: [keyId] })
  ).id;
  await workCaseUntil(s, { actor: ada, requestId: "r" }, caseId, "reserve_replacement");
  expect(
    await db.prisma.auditEvent.count({
      where: { subjectType: "SecurityKey", subjectId: keyId, actorId: ada.id },
    }),
  ).toBeGreaterThan(0);
});
afterAll(async () => {
  await db?.close();
});

describe("inventory.key: audit events only for audit.read", () => {
  it.each(["helpdesk", "procurement"] as const)(
    "%s gets the key's story without its audit events, actors or case ids",
    async (role) => {
      const d = await as(role).inventory.key({ id: keyId });
      expect(d.key.status).toBe("lost");
      expect(d.isAuditHidden).toBe(true);
      expect(d.timeline.some((t) => t.kind === "audit")).toBe(false);
      expect(d.timeline.every((t) => t.actor === null)).toBe(true);
      // The case's id reaches only a reader of cases, in the list of cases the page links to.
      const raw = JSON.stringify({ ...d, cases: [] });
      for (const secret of [ada.id, ada.name, caseId, "keys.mark_lost"]) expect(raw).not.toContain(secret);
      expect(d.cases.map((c) => c.id)).toEqual(role === "helpdesk" ? [caseId] : []);
    },
  );

  it("procurement (no cases.read) does not see case entries; helpdesk does", async () => {
    expect(
      (await as("procurement").inventory.key({ id: keyId })).timeline.some((t) => t.kind === "case"),
    ).toBe(false);
    expect(
      (await as("helpdesk").inventory.key({ id: keyId })).timeline
        .filter((t) => t.kind === "case")
        .map((t) => t.title),
    ).toEqual([expect.stringMatching(/^Case #\d+ opened \(lost\)$/)]);
  });

  it.each(["security", "admin"] as const)(
    "%s sees the audit events with the agent and the case",
    async (role) => {
      const d = await as(role).inventory.key({ id: keyId });
      expect(d.isAuditHidden).toBe(false);
      // In words: the action, and the case by its number (not its id), no raw JSON.
      const marked = d.timeline.find((t) => t.kind === "audit" && t.title === "Key marked lost");
      const { number } = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(marked).toMatchObject({
        actor: ada.name,
        detail: expect.stringContaining(`Case: Case #${number}`),
      });
      expect(marked!.detail).not.toContain(caseId);
      expect(marked!.detail).not.toContain("{");
    },
  );
});

// The same rule on the user page (users.get): helpdesk reads users but not the audit trail, so the
// answer holds the user's story (assignments, cases) but no audit event and no staff name.
describe("users.get: audit events and actors only for audit.read", () => {
  it("helpdesk gets the user's timeline without audit events or who acted", async () => {
    const d = await as("helpdesk").users.get({ id: userId });
    expect(d.isAuditHidden).toBe(true);
    expect(d.timeline.some((t) => t.kind === "case")).toBe(true);
    // What happened stays (the key's assignment ended); who did it does not.
    expect(d.timeline.filter((t) => / assignment ended$/.test(t.title)).map((t) => t.actor)).toEqual([null]);
    expect(d.timeline.some((t) => t.kind === "audit")).toBe(false);
    expect(d.timeline.every((t) => t.actor === null)).toBe(true);
    expect(JSON.stringify(d)).not.toContain(ada.name);
  });

  it.each(["security", "admin"] as const)("%s sees the audit events with the agent's name", async (role) => {
    const d = await as(role).users.get({ id: userId });
    expect(d.isAuditHidden).toBe(false);
    // Ada marked the key lost: the end of its assignment carries her name.
    expect(d.timeline.filter((t) => t.actor === ada.name).map((t) => [t.kind, t.title])).toEqual([
      ["assignment", expect.stringMatching(/ assignment ended$/)],
    ]);
  });
});
