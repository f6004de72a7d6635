import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAuditRepository } from "@/server/modules/audit/audit.repository";
import { makeAuditService } from "@/server/modules/audit/audit.service";
import { createDatabase } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { makeUnitOfWork } from "@/server/db/uow";
import { getEnv, parseEnv } from "@/server/env";
import { makeStaffSessionRepository } from "./staff-sessions.repository";
import { makeSessionService, sessionPolicy, type SessionPolicy } from "./staff-sessions";

// Session rules on a real database: sign-out revokes, idle sessions end, and the absolute lifetime is
// not extended by use. The clock is ours; the database is real (PGlite, or PostgreSQL with DATABASE_URL).

const MIN = 60_000;
const HOUR = 60 * MIN;
const agent = { id: "agent-1", name: "Agent One", email: null, roles: ["helpdesk" as const] };

let db: TestDatabase;
let now = Date.parse("2026-12-01T08:00:00Z");

function service(policy: SessionPolicy = sessionPolicy(parseEnv({})), prisma = db.prisma) {
  const uow = makeUnitOfWork(prisma);
  return makeSessionService({
    uow,
    repo: makeStaffSessionRepository(),
    audit: makeAuditService({ uow, repo: makeAuditRepository() }),
    clock: () => new Date(now),
    policy,
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("staff sessions", () => {
  it("defaults to 8 hours absolute and 30 minutes idle, both configurable", () => {
    expect(sessionPolicy(parseEnv({}))).toEqual({ maxMs: 8 * HOUR, idleMs: 30 * MIN });
    expect(sessionPolicy(parseEnv({ SESSION_MAX_HOURS: "2", SESSION_IDLE_MINUTES: "5" }))).toEqual({
      maxMs: 2 * HOUR,
      idleMs: 5 * MIN,
    });
  });

  it("sign-out revokes the session: the same claims are refused afterwards, and the sign-out is audited once", async () => {
    const sessions = service();
    const claims = await sessions.start(agent.id);
    expect(await sessions.verify(claims, agent.id)).toBe("ok");
    expect(await sessions.revoke(claims, agent)).toBe(true);
    expect(await sessions.verify(claims, agent.id)).toBe("revoked");
    expect(await sessions.revoke(claims, agent)).toBe(false); // already revoked: no second event
    const events = await db.prisma.auditEvent.findMany({
      where: { action: "auth.signout", actorId: agent.id },
      select: { subjectId: true },
    });
    expect(events).toEqual([{ subjectId: agent.id }]);
  });

  it("a session unused for the idle timeout is refused; use keeps it alive", async () => {
    const sessions = service();
    const claims = await sessions.start(agent.id);
    now += 29 * MIN;
    expect(await sessions.verify(claims, agent.id)).toBe("ok");
    now += 29 * MIN; // 58 minutes after sign-in, 29 after the last use
    expect(await sessions.verify(claims, agent.id)).toBe("ok");
    now += 30 * MIN;
    expect(await sessions.verify(claims, agent.id)).toBe("idle");
    now += MIN; // staying refused: a refused check does not count as use
    expect(await sessions.verify(claims, agent.id)).toBe("idle");
  });

  it("the absolute lifetime is not extended by use: refused 8 hours after sign-in although used minutes ago", async () => {
    const sessions = service();
    const signedIn = now;
    const claims = await sessions.start(agent.id);
    while (now + 10 * MIN < signedIn + 8 * HOUR) {
      now += 10 * MIN;
      expect(await sessions.verify(claims, agent.id)).toBe("ok");
      expect(sessions.isWithinLifetime(claims)).toBe(true);
    }
    now = signedIn + 8 * HOUR;
    expect(sessions.isWithinLifetime(claims)).toBe(false);
    expect(await sessions.verify(claims, agent.id)).toBe("expired");
  });

  it("refuses claims it did not issue: no session id, an unknown id, another person's id, a sign-in time moved", async () => {
    const sessions = service();
    const claims = await sessions.start(agent.id);
    expect(await sessions.verify({}, agent.id)).toBe("no-session-id");
    expect(await sessions.verify({ ...claims, sid: "forged-session-id" }, agent.id)).toBe("unknown");
    expect(await sessions.verify(claims, "someone-else")).toBe("unknown");
    expect(await sessions.verify({ ...claims, signedInAt: now + HOUR }, agent.id)).toBe("expired");
  });

  it("a shorter configured idle timeout applies", async () => {
    const sessions = service({ maxMs: 8 * HOUR, idleMs: 5 * MIN });
    const claims = await sessions.start(agent.id);
    now += 4 * MIN;
    expect(await sessions.verify(claims, agent.id)).toBe("ok");
    now += 5 * MIN;
    expect(await sessions.verify(claims, agent.id)).toBe("idle");
  });

  it("forgets sessions past their lifetime at later sign-ins", async () => {
    const sessions = service();
    const old = await sessions.start("agent-old");
    now += 9 * HOUR;
    await sessions.start(agent.id);
    expect(await db.prisma.staffSession.count({ where: { id: old.sid } })).toBe(0);
  });

  it.skipIf(!getEnv().DATABASE_URL)(
    "a sign-out on one portal instance is refused by another on the same PostgreSQL",
    async () => {
      const other = await createDatabase({
        url: getEnv().DATABASE_URL,
        schema: db.name,
        dataDir: getEnv().KEYFLEET_DATA_DIR,
      });
      try {
        const here = service();
        const there = service(undefined, other.prisma);
        const claims = await here.start(agent.id);
        expect(await there.verify(claims, agent.id)).toBe("ok");
        await here.revoke(claims, agent);
        expect(await there.verify(claims, agent.id)).toBe("revoked");
      } finally {
        await other.close();
      }
    },
  );
});
