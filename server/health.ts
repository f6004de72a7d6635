import "server-only";
import { getEnv } from "@/server/env";
import { getDb } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { logger } from "@/server/lib/logger";
import pkg from "@/package.json" with { type: "json" };
import type { Actor } from "@/server/auth/actor";
import { runningMode, type RunningMode } from "@/server/mode";

export interface HealthReport {
  status: "ok" | "degraded";
  database: "pglite" | "postgresql";
  /** Whether the database answered a query just now. */
  databaseStatus: "ok" | "unavailable";
  graph: "simulated" | "entra" | "unconfigured";
  version: string;
  /** Which mode is really running (demo, production or mixed: e.g. demo sign-in beside a real tenant). */
  mode: RunningMode["mode"];
  /** What is wrong, in words an operator can act on; absent when all is well. Never the connection details. */
  message?: string;
}

// A server that accepts the connection but does not answer (a hung failover) must not hang the probe.
const PING_TIMEOUT_MS = 3_000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "ETIMEDOUT" })),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function healthReport(): Promise<HealthReport> {
  const env = getEnv();
  const name = env.database === "postgresql" ? "PostgreSQL" : "The embedded database";
  const base = {
    database: env.database,
    graph: env.graphMode,
    version: pkg.version,
    mode: runningMode(env).mode,
  } as const;
  try {
    const db = await getDb();
    await withTimeout(db.ping(), PING_TIMEOUT_MS);
    return { status: "ok", databaseStatus: "ok", ...base };
  } catch (error) {
    logger.warn("health: database unreachable", { error });
    const message = isDatabaseUnavailable(error)
      ? `${name} is not answering. KeyFleet keeps running and reconnects by itself as soon as it is back.`
      : `${name} failed its health check; the server log has the cause.`;
    return { status: "degraded", databaseStatus: "unavailable", ...base, message };
  }
}

/**
 * What /api/health shows: anonymous callers (load balancers, anyone on the network) only the status
 * (and the 503 when degraded); signed-in staff the version, the database and the Graph mode, which
 * would help an attacker pick exploits. See docs/SECURITY.md, "What /api/health tells whom".
 */
export function healthResponse(
  report: HealthReport,
  actor: Actor | null,
): { body: HealthReport | { status: HealthReport["status"] }; httpStatus: 200 | 503 } {
  const httpStatus = report.status === "ok" ? 200 : 503;
  const isStaff = Boolean(actor && actor.roles.length > 0);
  return { body: isStaff ? report : { status: report.status }, httpStatus };
}
