import "server-only";
import { assertPortalCanStart, getEnv } from "@/server/env";
import { getDb } from "@/server/db/client";
import { logger, setLogLevel } from "@/server/lib/logger";
import { fillDemoIfEmpty } from "@/prisma/seed/demo-sync";
import { startJobs } from "@/server/jobs";
import { startCheckpoints } from "@/server/modules/audit/audit.checkpoint";
import { getGraphRuntime, getServices } from "@/server/runtime";

/**
 * Runs once when the server starts (instrumentation.ts): validates the configuration (a bad variable
 * stops start-up with its name), opens and migrates the database, and in demo mode fills an empty one.
 */
export async function boot(): Promise<void> {
  const env = getEnv();
  setLogLevel(env.LOG_LEVEL);
  // Before anything opens: the portal must not serve demo sign-in in front of a real tenant unasked.
  assertPortalCanStart(env);
  if (env.isDemoSignInOnRealTenant) {
    logger.warn(
      "demo sign-in is ON against a real tenant (KEYFLEET_DEMO_SIGNIN=allow-with-real-tenant): anyone who reaches the portal can sign in as Administrator",
      {
        graphBaseUrl: env.GRAPH_BASE_URL,
        tenantId: env.AZURE_TENANT_ID,
      },
    );
  }
  const db = await getDb();
  if (db.migrations.applied.length) logger.info("migrations applied", { applied: db.migrations.applied });
  const runtime = await getGraphRuntime();
  // Demo: KeyFleet's own records are seeded, everything Entra knows is synced from the simulated tenant.
  if (env.isDemo && runtime.simulator) {
    const filled = await fillDemoIfEmpty(db.prisma, {
      services: await getServices(),
      graph: runtime.graph,
      control: runtime.simulator.control,
    });
    if (filled) logger.info("demo organisation filled from the simulated tenant", { ...filled });
  }
  startCheckpoints((await getServices()).audit, {
    every: env.AUDIT_CHECKPOINT_EVERY,
    intervalMs: env.AUDIT_CHECKPOINT_MINUTES * 60_000,
  });
  if (runtime.mode !== "unconfigured") await startJobs();
  logger.info("KeyFleet ready", { database: env.database, graph: env.graphMode, demo: env.isDemo });
}

/** boot(), and a configuration or database problem stops start-up with the message that names it. */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
