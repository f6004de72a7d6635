import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServices, type Services } from "@/server/container";
import { resolvePostgresTarget } from "@/server/db/adapters";
import { openPostgres, type Database } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/server/db/testing";
import { getEnv } from "@/server/env";
import { outboxOf } from "@/server/graph/simulator/conditional-access";
import type { RunningSimulator } from "@/server/graph/simulator/server";
import { fastAdapter, startTestSimulator } from "@/server/graph/simulator/testing";
import { DAY } from "@/server/lib/time";
import { dailyReminders } from "@/server/modules/messages/reminders";
import { createScheduler, queues, type Scheduler } from "./scheduler";

// The daily reminders go through pg-boss on PostgreSQL: two instances each start a scheduler (each
// registers the 09:00 schedule and works the queue), the schedule falls due once, and the reminders run
// once — one `messages.reminders` audit event, one mail per person — not once per instance.
// The schedule is moved to the current minute through pg-boss itself (as if it were 09:00), so pg-boss's
// own cron fires it. PostgreSQL only: the embedded database runs one process and no pg-boss.

const url = getEnv().DATABASE_URL;
const isPostgres = Boolean(url && /^postgres(ql)?:/.test(url));

let sim: RunningSimulator;
let db: TestDatabase;
let second: Database;
const stops: (() => Promise<unknown>)[] = [];

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!isPostgres)(
  `the daily reminders job on pg-boss${isPostgres ? "" : " (skipped: DATABASE_URL is not PostgreSQL)"}`,
  () => {
    beforeAll(async () => {
      sim = await startTestSimulator({ users: 20, seed: 31 });
      db = await createTestDatabase();
      second = await openPostgres({ ...resolvePostgresTarget(url!), schema: db.name }, { migrate: false });
      await db.prisma.site.create({ data: { id: "lon", code: "LON", name: "London" } });
      const today = new Date();
      await db.prisma.rolloutWave.create({
        data: {
          name: "Overdue",
          startDate: new Date(today.getTime() - 20 * DAY),
          registrationDeadline: new Date(today.getTime() - 2 * DAY),
        },
      });
      const wave = await db.prisma.rolloutWave.findFirstOrThrow();
      for (const id of ["r1", "r2", "r3"]) {
        await db.prisma.directoryUser.create({
          data: {
            id,
            userPrincipalName: `${id}@contoso.example`,
            displayName: `Person ${id}`,
            mail: `${id}@people.example`,
            siteId: "lon",
            waves: { create: { waveId: wave.id } },
          },
        });
      }
      const mailbox = sim.tenant.users.find((u) => u.userType === "Member" && u.accountEnabled)!;
      await buildServices({ prisma: db.prisma, graph: fastAdapter(sim).graph }).messages.setConfig(
        { actor: { id: "lead", name: "Lee", email: null, roles: ["security"] }, requestId: "req-config" },
        { mailbox: mailbox.userPrincipalName, dailyCap: 50, reminderDaysBefore: 3 },
      );
    });
    afterAll(async () => {
      for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
      await db?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${db.name}_pgboss" CASCADE`);
      await second?.close();
      await db?.close();
      await sim?.stop();
    });

    it("two schedulers, one due schedule: dailyReminders runs once and each person gets one mail", async () => {
      const ran: number[] = [];
      const instances: Services[] = [db, second].map((d) =>
        buildServices({ prisma: d.prisma, graph: fastAdapter(sim).graph }),
      );
      const { connectionString } = resolvePostgresTarget(url!);
      const schedulers: Scheduler[] = instances.map((services, i) =>
        createScheduler({
          jobs: {
            sync: async () => undefined,
            snapshot: async () => undefined,
            reminders: async () => {
              ran.push(i);
              await dailyReminders(services.messages.reminders, new Date());
            },
          },
          intervalMinutes: 60,
          postgres: { connectionString, schema: db.name },
        }),
      );
      for (const s of schedulers) stops.push(() => s.stop());
      await Promise.all(schedulers.map((s) => s.start()));

      // Registered by both at 09:00 UTC; nothing has run yet.
      const { default: PgBoss } = await import("pg-boss");
      const clock = new PgBoss({
        connectionString,
        schema: `${db.name}_pgboss`,
        cronMonitorIntervalSeconds: 1,
        cronWorkerIntervalSeconds: 1,
        supervise: false,
        migrate: false,
      });
      stops.push(() => clock.stop({ graceful: false, wait: true }));
      await clock.start();
      const schedules = await clock.getSchedules();
      expect(schedules.filter((s) => s.name === queues.reminders).map((s) => s.cron)).toEqual(["0 9 * * *"]);
      expect(ran).toEqual([]);

      // Due now: the current minute of the day, once a day (so a minute boundary cannot fire it again).
      if (new Date().getUTCSeconds() > 40) await wait((61 - new Date().getUTCSeconds()) * 1000);
      const n = new Date();
      await clock.schedule(queues.reminders, `${n.getUTCMinutes()} ${n.getUTCHours()} * * *`);

      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && ran.length === 0) await wait(250);
      await wait(6_000); // long enough for a second run, were there one
      expect(ran).toHaveLength(1);
      expect(
        await db.prisma.auditEvent.count({ where: { action: "messages.reminders", actorId: "system" } }),
      ).toBe(1);
      expect(
        outboxOf(sim.tenant)
          .flatMap((m) => m.to)
          .sort(),
      ).toEqual(["r1@people.example", "r2@people.example", "r3@people.example"]);
      expect(await db.prisma.messageSend.count({ where: { template: "reminder" } })).toBe(3);
    }, 90_000);
  },
);
