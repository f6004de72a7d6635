import { spawn } from "node:child_process";
import path from "node:path";
import { getDb } from "../../db/client";
import { childProcessEnv, getEnv } from "../../env";
import { CommandError, defineCommand } from "../registry";
import { unconfiguredError } from "../../graph/unconfigured";

/**
 * Demo mode syncs from the simulated tenant over https; Node reads NODE_EXTRA_CA_CERTS only at start, so
 * the command runs itself again with the simulator's CA trusted. Returns the child's exit code, or null
 * when this process can go ahead itself.
 */
export async function rerunTrustingSimulator(): Promise<number | null> {
  const env = getEnv();
  if (env.graphMode !== "simulated") return null;
  const { ensureSimulatorCa } = await import("../../graph/simulator/ca");
  const caPath = await ensureSimulatorCa(path.resolve(env.KEYFLEET_DATA_DIR));
  if (env.NODE_EXTRA_CA_CERTS === caPath) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: childProcessEnv({ NODE_EXTRA_CA_CERTS: caPath }),
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

export const sync = defineCommand({
  name: "sync",
  summary:
    "run one directory and registration sync now (--full: start the users round over; --budget-minutes N: time budget of this run); exits 3 when it ends partial",
  usage: "[--full] [--budget-minutes N]",
  async run(ctx) {
    const rerun = await rerunTrustingSimulator();
    if (rerun !== null) {
      // The child printed the result; mirror its exit code without printing anything more.
      process.exit(rerun);
    }
    const [{ buildServices }, { getGraphRuntime }] = await Promise.all([
      import("../../container"),
      import("../../runtime"),
    ]);
    const [db, runtime] = await Promise.all([getDb(), getGraphRuntime()]);
    if (runtime.mode === "unconfigured") throw new CommandError(unconfiguredError("usersDelta").message);
    try {
      const services = buildServices({ prisma: db.prisma, graph: runtime.graph });
      ctx.log(`Syncing from ${runtime.mode === "simulated" ? "the simulated tenant" : "Entra"}…`);
      const budget = ctx.options["budget-minutes"];
      const budgetMinutes = budget === undefined ? undefined : Number(budget);
      if (budgetMinutes !== undefined && !(budgetMinutes > 0))
        throw new CommandError(
          "--budget-minutes takes a positive number of minutes (fractions allowed, e.g. 0.5).",
          2,
        );
      const r = await services.sync.run({
        full: ctx.options.full === true,
        budgetMs: budgetMinutes === undefined ? undefined : budgetMinutes * 60_000,
      });
      if (r.skipped) throw new CommandError(`${r.reason} Try again when it has finished.`);
      const data = {
        users: r.users,
        credentials: r.credentials,
        added: r.added,
        changed: r.changed,
        removed: r.removed,
        matched: r.matched,
        reviewQueued: r.reviewQueued,
        requests: r.requests,
        throttled: r.throttled,
        durationMs: r.durationMs,
        kind: r.kind,
        status: r.status,
        runId: r.runId,
        pending: r.pendingUsers,
        failed: r.failedUsers,
        errors: r.errors.length,
      };
      const d = r.detail;
      const text = [
        `Sync ${r.status} (${r.kind}) in ${(r.durationMs / 1000).toFixed(1)} s: ${r.users} users, ${r.credentials} live credentials.`,
        `  users       +${d.usersAdded} ~${d.usersChanged} -${d.usersRemoved}`,
        `  credentials +${d.credentialsAdded} ~${d.credentialsChanged} -${d.credentialsRemoved}`,
        `  matched ${r.matched}, queued for review ${r.reviewQueued}`,
        `  Graph requests ${r.requests}, throttled ${r.throttled}`,
        ...(r.status === "partial"
          ? [
              `  ${r.pendingUsers} users still to read, ${r.failedUsers} whose read failed: the next sync reads them first (Settings → Directory sync lists them).`,
            ]
          : []),
        ...r.errors.slice(0, 10).map((e) => `  error: ${e.message}${e.userId ? ` (user ${e.userId})` : ""}`),
      ].join("\n");
      return { ok: r.status === "succeeded", exitCode: r.status === "partial" ? 3 : undefined, data, text };
    } finally {
      await runtime.simulator?.stop();
    }
  },
});
