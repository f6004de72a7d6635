import "server-only";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { logger } from "@/server/lib/logger";
import { dailyReminders } from "@/server/modules/messages/reminders";
import { getServices } from "@/server/runtime";
import { createScheduler, type Scheduler } from "./scheduler";

const g = globalThis as typeof globalThis & { __keyfleetScheduler?: Promise<Scheduler> };

/** The process's scheduler: sync every SYNC_INTERVAL_MINUTES and a daily snapshot (started at boot). */
export function startJobs(): Promise<Scheduler> {
  g.__keyfleetScheduler ??= (async () => {
    const env = getEnv();
    const [services, db] = await Promise.all([getServices(), getDb()]);
    const scheduler = createScheduler({
      jobs: {
        sync: async () => {
          const r = await services.sync.run();
          if (!r.skipped)
            logger.info("sync finished", {
              runId: r.runId,
              kind: r.kind,
              status: r.status,
              requests: r.requests,
              durationMs: r.durationMs,
            });
        },
        snapshot: () => services.snapshots.takeDaily(),
        reminders: async () =>
          logger.info("reminders", await dailyReminders(services.messages.reminders, new Date())),
      },
      intervalMinutes: env.SYNC_INTERVAL_MINUTES,
      logger,
      postgres:
        db.kind === "postgresql" && env.DATABASE_URL
          ? { connectionString: env.DATABASE_URL, schema: env.DATABASE_SCHEMA }
          : undefined,
    });
    await scheduler.start();
    return scheduler;
  })();
  return g.__keyfleetScheduler;
}
