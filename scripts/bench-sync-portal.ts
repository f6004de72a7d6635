// The portal's side of `npm run bench:sync`: one sync in a process of its own, so its memory figures are
// KeyFleet's (runtime, Prisma, the database client and the sync) and not the benchmark's bookkeeping
// (ground truth, seeded keys, scoring) or the simulated tenant's. Started by scripts/bench/sync-portal-run.ts
// with BENCH_PORTAL = JSON PortalInput; prints one JSON line with the summary. The Graph adapter runs on the
// bench's time line (server/graph/time-scale.ts), which the simulated tenant's buckets follow.
import type { PortalInput } from "./bench/sync-portal-run";

const steps: Record<string, number> = { runtime: process.memoryUsage().rss };
const { createDatabase } = await import("../server/db/client");
const { createGraphAdapter } = await import("../server/graph/adapter");
const { scaledTime } = await import("../server/graph/time-scale");
const { buildServices } = await import("../server/container");
steps.modules = process.memoryUsage().rss;

const input = JSON.parse(process.env.BENCH_PORTAL ?? "{}") as PortalInput;
const db = await createDatabase({ ...input.db, migrate: false });
steps.database = process.memoryUsage().rss;
const time = scaledTime(input.timeScale);
const services = buildServices({ prisma: db.prisma, graph: createGraphAdapter(input.graph, { time }) });
await db.ping();
steps.ready = process.memoryUsage().rss;

const memory = () => process.memoryUsage();
const before = memory();
const peak = {
  rss: before.rss,
  heapUsed: before.heapUsed,
  heapTotal: before.heapTotal,
  external: before.external,
  arrayBuffers: before.arrayBuffers,
};
const phases: Record<string, number> = {};
let phase = "starting";
const sampler = setInterval(() => {
  const m = memory();
  for (const k of ["rss", "heapUsed", "heapTotal", "external", "arrayBuffers"] as const)
    peak[k] = Math.max(peak[k], m[k]);
  phases[phase] = Math.max(phases[phase] ?? 0, m.rss);
}, 50);
const phaseWatch = setInterval(() => {
  void services.sync.runningRun().then(
    (r) => (phase = ((r?.progress ?? {}) as { phase?: string }).phase ?? phase),
    () => undefined,
  );
}, 500);

const started = Date.now();
const clockStarted = time.now();
const summary = await services.sync.run({ budgetMs: input.budgetMs });
const wallMs = Date.now() - started;
const clockMs = time.now() - clockStarted;
clearInterval(sampler);
clearInterval(phaseWatch);
await db.close();
console.log(
  JSON.stringify({
    summary,
    wallMs,
    clockMs,
    memory: { steps, before: { rss: before.rss, heapUsed: before.heapUsed }, peak, phases },
  }),
);
process.exit(0);
