// One sync in a portal process of its own (scripts/bench-sync-portal.ts), so its memory is KeyFleet's.
import { spawn } from "node:child_process";
import path from "node:path";
import { portalEnvFor, portalNodeFlagsFor } from "../portal-node-flags";
import type { SyncSummary } from "../../server/modules/sync/sync.types";
import type { SimInfo } from "./sync-sim";

export interface PortalInput {
  graph: SimInfo;
  db: { url?: string; schema?: string; dataDir: string };
  /** Graph waits last 1/timeScale of their length (server/graph/time-scale.ts); 1 = real time. */
  timeScale: number;
  /** The run's time budget, on the scaled clock. */
  budgetMs: number;
}

export interface PortalRun {
  /** What the portal's sync.run returned (a skipped run is an error in the bench). */
  summary: { skipped: false } & SyncSummary;
  /** Real milliseconds the run took. */
  wallMs: number;
  /** Milliseconds on the portal's Graph clock: real time plus the skipped part of its waits. */
  clockMs: number;
  memory: {
    /** RSS after each start-up step: the runtime alone, the modules loaded, the database open, ready. */
    steps: Record<string, number>;
    before: { rss: number; heapUsed: number };
    peak: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
    phases: Record<string, number>;
  };
}

export async function runPortal(root: string, input: PortalInput): Promise<PortalRun> {
  // The portal's own flags (as `npm start` runs it); BENCH_PORTAL_NODE_OPTIONS adds more for this process
  // only (e.g. --trace-gc, or another --max-old-space-size to compare), to study its memory.
  const flags = (process.env.BENCH_PORTAL_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...portalNodeFlagsFor({ DATABASE_URL: input.db.url }),
      ...flags,
      ...process.execArgv,
      path.join(root, "scripts/bench-sync-portal.ts"),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        ...portalEnvFor({ ...process.env, DATABASE_URL: input.db.url }),
        BENCH_PORTAL: JSON.stringify(input),
      },
    },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (flags.length) process.stderr.write(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("{"));
  if (code !== 0 || !line) throw new Error(`portal process exited (${code}): ${out.slice(-500)}`);
  return JSON.parse(line) as PortalRun;
}
