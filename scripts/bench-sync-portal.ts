// The portal's side of `npm run bench:sync`: one sync in a process of its own, so its memory figures are
// KeyFleet's (runtime, Prisma, the database client and the sync) and not the benchmark's bookkeeping
// (ground truth, seeded keys, scoring) or the simulated tenant's. Started by scripts/bench-sync.ts with
// BENCH_PORTAL = JSON { graph, db: { url?, schema?, dataDir? } }; prints one JSON line with the summary.
import { createDatabase } from "../server/db/client";
import { createGraphAdapter, type GraphConfig } from "../server/graph/adapter";
import { buildServices } from "../server/container";

const input = JSON.parse(process.env.BENCH_PORTAL ?? "{}") as {
  graph: GraphConfig;
  db: { url?: string; schema?: string; dataDir: string };
};
const db = await createDatabase({ ...input.db, migrate: false });
const services = buildServices({ prisma: db.prisma, graph: createGraphAdapter(input.graph) });
await db.ping();

const memory = () => process.memoryUsage();
const before = memory();
const peak = {
  rss: before.rss,
  heapUsed: before.heapUsed,
  heapTotal: before.heapTotal,
  external: before.external,
};
const phases: Record<string, number> = {};
let phase = "starting";
const sampler = setInterval(() => {
  const m = memory();
  for (const k of ["rss", "heapUsed", "heapTotal", "external"] as const) peak[k] = Math.max(peak[k], m[k]);
  phases[phase] = Math.max(phases[phase] ?? 0, m.rss);
}, 50);
const phaseWatch = setInterval(() => {
  void services.sync.runningRun().then(
    (r) => (phase = ((r?.progress ?? {}) as { phase?: string }).phase ?? phase),
    () => undefined,
  );
}, 500);

const started = Date.now();
const summary = await services.sync.run();
const wallMs = Date.now() - started;
clearInterval(sampler);
clearInterval(phaseWatch);
await db.close();
console.log(
  JSON.stringify({
    summary,
    wallMs,
    memory: { before: { rss: before.rss, heapUsed: before.heapUsed }, peak, phases },
  }),
);
process.exit(0);
