import { underSessionLock } from "@/server/db/advisory-lock";
import { isoDay } from "@/server/lib/time";
import { cronEvery, nextRunAfter } from "./cadence";
type Logger = typeof import("@/server/lib/logger").logger;

// Background jobs and their schedule. On PostgreSQL they go through pg-boss (jobs in PostgreSQL), so
// several portal instances share one schedule and a queue policy lets only one sync be active; on the
// embedded database a timer in this process runs the same jobs. Either way the sync service's lease is
// the last word: a sync never runs twice at once.

export interface Jobs {
  sync(): Promise<unknown>;
  snapshot(): Promise<unknown>;
  /** Registration reminders, once a day (messages/reminders.ts). */
  reminders(): Promise<unknown>;
}

export interface SchedulerOptions {
  jobs: Jobs;
  intervalMinutes: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
  /** PostgreSQL: pg-boss. Absent: in-process timers. */
  postgres?: { connectionString: string; schema?: string };
}

export interface Scheduler {
  readonly kind: "pg-boss" | "in-process";
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Queue a sync now (any instance may run it). */
  triggerSync(): Promise<void>;
}

export const queues = {
  sync: "keyfleet-sync",
  snapshot: "keyfleet-snapshot",
  reminders: "keyfleet-reminders",
} as const;

const run = async (name: string, job: () => Promise<unknown>, logger?: SchedulerOptions["logger"]) => {
  try {
    await job();
  } catch (error) {
    logger?.error("job failed", { job: name, error });
  }
};

export function createScheduler(options: SchedulerOptions): Scheduler {
  return options.postgres ? pgBossScheduler(options, options.postgres) : inProcessScheduler(options);
}

function inProcessScheduler({ jobs, intervalMinutes, logger }: SchedulerOptions): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let syncing: Promise<void> | null = null;
  let lastSnapshotDay = "";
  const tick = () => {
    syncing ??= run("sync", jobs.sync, logger).finally(() => (syncing = null));
    const today = isoDay(new Date());
    if (today !== lastSnapshotDay) {
      lastSnapshotDay = today;
      void run("snapshot", jobs.snapshot, logger).then(() => run("reminders", jobs.reminders, logger));
    }
  };
  return {
    kind: "in-process",
    async start() {
      stopped = false;
      // The same minutes as pg-boss's cron (./cadence.ts), so the sync page's "next sync" holds here too.
      const arm = () => {
        if (stopped) return;
        const t = setTimeout(
          () => {
            timers.splice(timers.indexOf(t), 1);
            tick();
            arm();
          },
          nextRunAfter(intervalMinutes, new Date()).getTime() - Date.now(),
        );
        t.unref?.();
        timers.push(t);
      };
      arm();
      const boot = setTimeout(tick, 5_000);
      boot.unref?.();
      timers.push(boot);
      logger?.info("scheduler started", { kind: "in-process", intervalMinutes });
    },
    async stop() {
      stopped = true;
      timers.splice(0).forEach((t) => clearTimeout(t));
      await syncing;
    },
    async triggerSync() {
      syncing ??= run("sync", jobs.sync, logger).finally(() => (syncing = null));
    },
  };
}

function pgBossScheduler(
  { jobs, intervalMinutes, logger }: SchedulerOptions,
  pg: { connectionString: string; schema?: string },
): Scheduler {
  let boss: import("pg-boss") | null = null;
  return {
    kind: "pg-boss",
    async start() {
      const { default: PgBoss } = await import("pg-boss");
      const bossSchema = pg.schema ? `${pg.schema}_pgboss` : "pgboss";
      boss = new PgBoss({ connectionString: pg.connectionString, schema: bossSchema });
      boss.on("error", (error) => logger?.error("pg-boss error", { error }));
      const started = boss;
      // One set-up at a time across processes: two pg-boss instances creating the same queues at once on
      // a new schema deadlock in PostgreSQL (seen with WEB_CONCURRENCY=2 on a first start).
      await underSessionLock(
        { connectionString: pg.connectionString },
        `keyfleet:jobs:${bossSchema}`,
        async () => {
          await started.start();
          // stately: at most one sync job queued and one active across every instance on this PostgreSQL.
          await started.createQueue(queues.sync, { name: queues.sync, policy: "stately" });
          await started.createQueue(queues.snapshot, { name: queues.snapshot, policy: "stately" });
          await started.createQueue(queues.reminders, { name: queues.reminders, policy: "stately" });
          await started.schedule(queues.sync, cronEvery(intervalMinutes));
          await started.schedule(queues.snapshot, "10 0 * * *");
          // Mid-morning UTC, after the night's syncs have seen yesterday's registrations.
          await started.schedule(queues.reminders, "0 9 * * *");
        },
      );
      await boss.work(queues.sync, async () => void (await jobs.sync()));
      await boss.work(queues.snapshot, async () => void (await jobs.snapshot()));
      await boss.work(queues.reminders, async () => void (await jobs.reminders()));
      logger?.info("scheduler started", { kind: "pg-boss", intervalMinutes });
    },
    async stop() {
      await boss?.stop({ graceful: true, wait: true, timeout: 30_000 });
      boss = null;
    },
    async triggerSync() {
      await boss?.send(queues.sync, {}, { singletonKey: "sync" });
    },
  };
}
