import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, RequestContext } from "@/server/auth/actor";
import { buildServices, type Services } from "@/server/container";
import { resolvePostgresTarget } from "@/server/db/adapters";
import { openPostgres, type Database } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { getEnv } from "@/server/env";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { makeFakeEntra, seedUser, workCaseUntil } from "@/server/modules/cases/testing";
import { SIGN_IN_LIMIT, signInRule } from "@/server/security/rate-limit";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

// Two portal instances on one PostgreSQL, as `npm start` runs them (WEB_CONCURRENCY workers) or as two
// machines behind a load balancer: each has its own connection pool and its own services, and they
// share nothing but the database. What must hold across them: the sign-in limit, the hourly TAP cap,
// a signed-out session, one sync at a time, and one success for a case step fired at both.
// PostgreSQL only (`DATABASE_URL=postgresql://… npm run test:int`, as CI's second pass runs it): the
// embedded database belongs to one process, so there is no second instance to test there.

const url = getEnv().DATABASE_URL;
const isPostgres = Boolean(url && /^postgres(ql)?:/.test(url));

const entra = makeFakeEntra();
const now = new Date("2026-03-03T10:00:00Z");
const ada: Actor = { id: "agent-ada", name: "Ada", email: null, roles: ["helpdesk"] };
const ben: Actor = { id: "agent-ben", name: "Ben", email: null, roles: ["helpdesk"] };
let db: TestDatabase;
let second: Database;
let a: Services;
let b: Services;
const callerOf = createCallerFactory(appRouter);
const on = (s: Services, actor: Actor) => callerOf({ actor, requestId: `req-${actor.id}`, services: s });
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "ok" : ((r.reason as { code?: string }).code ?? "error");

describe.skipIf(!isPostgres)(
  `two portal instances on one PostgreSQL${isPostgres ? "" : " (skipped: DATABASE_URL is not PostgreSQL; the embedded database runs one process)"}`,
  () => {
    beforeAll(async () => {
      db = await createTestDatabase();
      second = await openPostgres({ ...resolvePostgresTarget(url!), schema: db.name }, { migrate: false });
      // One clock for both (as NTP gives two machines): a refill during a slow run changes no count.
      a = buildServices({ prisma: db.prisma, graph: entra.graph, clock: () => now });
      b = buildServices({ prisma: second.prisma, graph: entra.graph, clock: () => now });
    });
    afterAll(async () => {
      await second?.close();
      await db?.close();
    });

    it("the sign-in limit is one budget across both: 30 attempts from an address, whichever instance takes them", async () => {
      const address = "10.20.30.40";
      const verdicts = [];
      for (let i = 0; i < signInRule.limit; i++)
        verdicts.push(await (i % 2 ? b : a).rateLimits.hit(SIGN_IN_LIMIT, signInRule, address));
      expect(verdicts.every((v) => v.ok)).toBe(true);
      // The 31st and 32nd, one on each instance: both refused, with a wait to tell the person.
      for (const s of [a, b])
        expect(await s.rateLimits.hit(SIGN_IN_LIMIT, signInRule, address)).toMatchObject({
          ok: false,
          retryAfterSeconds: expect.any(Number),
        });
      // Another address is not affected.
      expect((await b.rateLimits.hit(SIGN_IN_LIMIT, signInRule, "10.20.30.41")).ok).toBe(true);
    });

    it("simultaneous sign-in attempts on both instances never grant more than the limit", async () => {
      const address = "10.20.30.50";
      const all = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? b : a).rateLimits.hit(SIGN_IN_LIMIT, signInRule, address),
        ),
      );
      expect(all.filter((v) => v.ok)).toHaveLength(signInRule.limit);
    });

    it("the hourly TAP cap holds across both: six passes at once, three through each, give five and one refusal", async () => {
      const racer: Actor = { id: "agent-racer", name: "Rae", email: null, roles: ["helpdesk"] };
      const cases: { id: string; version: number }[] = [];
      for (let i = 0; i < 6; i++) {
        const u = await seedUser(db.prisma, entra);
        const { id } = await on(a, racer).cases.open({ userId: u.userId, kind: "lost", keyIds: u.keyIds });
        const c = await workCaseUntil(a, { actor: racer, requestId: "r" }, id, "issue_tap");
        cases.push({ id, version: c.version });
      }
      const before = entra.log.tapsCreated.length;
      const results = await Promise.allSettled(
        cases.map((c, i) => on(i % 2 ? b : a, racer).recovery.issueTap({ caseId: c.id, version: c.version })),
      );
      expect(results.map(outcome).sort()).toEqual(["PRECONDITION_FAILED", "ok", "ok", "ok", "ok", "ok"]);
      expect(entra.log.tapsCreated.length - before).toBe(5);
      expect(await db.prisma.tapIssuance.count({ where: { issuedById: racer.id } })).toBe(5);
    });

    it("a session signed out on one instance is refused on the other", async () => {
      const { sid, signedInAt } = await a.sessions.start(ada.id);
      const claims = { sid, signedInAt };
      expect(await b.sessions.verify(claims, ada.id)).toBe("ok");
      expect(await a.sessions.revoke(claims, ada)).toBe(true);
      expect(await b.sessions.verify(claims, ada.id)).toBe("revoked");
      expect(await a.sessions.verify(claims, ada.id)).toBe("revoked");
    });

    it("the same case step fired at both: one success, one clear CONFLICT, one DELETE in Entra", async () => {
      const u = await seedUser(db.prisma, entra, { keys: 1 });
      const ctx: RequestContext = { actor: ada, requestId: "req-open" };
      const { id } = await a.cases.open(ctx, { userId: u.userId, kind: "lost", keyIds: u.keyIds });
      const opened = await a.cases.get(id);
      await a.cases.verify(ctx, {
        caseId: id,
        version: opened.version,
        method: "in_person",
        reference: "Desk 2, badge checked",
      });
      const c = await b.cases.get(id);
      const step = c.steps.find((x) => x.kind === "revoke_credential")!;
      const deletes = entra.log.deletesApplied.length + entra.log.deletesOfGone.length;
      const both = await Promise.allSettled(
        [
          [a, ada],
          [b, ben],
        ].map(([s, actor]) =>
          on(s as Services, actor as Actor).cases.runStep({
            caseId: id,
            version: c.version,
            stepId: step.id,
          }),
        ),
      );
      expect(both.map(outcome).sort()).toEqual(["CONFLICT", "ok"]);
      const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as Error).message).not.toMatch(/prisma|graph|sql/i);
      expect(entra.log.deletesApplied.length + entra.log.deletesOfGone.length - deletes).toBe(1);
      expect(
        await db.prisma.auditEvent.count({ where: { subjectId: id, action: "cases.revoke_credential" } }),
      ).toBe(1);
    });

    describe("sync", () => {
      let sim: RunningSimulator;
      beforeAll(async () => {
        sim = await startTestSimulator({ users: 60, seed: 5, reportLagMinutes: 0 });
      });
      afterAll(async () => {
        await sim?.stop();
      });

      it("started on both at once, only one sync runs; the other says a sync is already running", async () => {
        const graph = fastAdapter(sim).graph;
        const syncA = buildServices({ prisma: db.prisma, graph }).sync;
        const syncB = buildServices({ prisma: second.prisma, graph }).sync;
        const runsBefore = await db.prisma.syncRun.count();
        const [ra, rb] = await Promise.all([syncA.run(), syncB.run()]);
        expect([ra.skipped, rb.skipped].sort()).toEqual([false, true]);
        const skipped = (ra.skipped ? ra : rb) as { reason: string };
        expect(skipped.reason).toBe("A sync is already running.");
        expect((await db.prisma.syncRun.count()) - runsBefore).toBe(1);
      });
    });
  },
);
