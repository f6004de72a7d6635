// Sync benchmark (figures, not a timed test):
//   npm run bench:sync -- [--users 100000] [--churn 0.01] [--seed 42] [--throttling documented|strict|off]
//                         [--time-scale S] [--incremental-time-scale S] [--budget-minutes M] [--data-dir D]
// Three processes, so each figure belongs to whom it says: the simulated tenant (its own process); the
// portal (scripts/bench-sync-portal.ts, one process per sync: runtime, Prisma, the database client and the
// sync — its peak RSS is the figure against the target); and this one, which seeds KeyFleet's keys from the
// tenant's ground truth, makes 1 % churn through the control API and scores matching. A full sync, then an
// incremental one after the churn. PostgreSQL when DATABASE_URL is set (a fresh schema, dropped at the
// end); otherwise the embedded database on disk as demo mode runs it, whose engine then lives in the
// portal's process and is counted in its RSS.
// --time-scale S (strict throttling reads 5 users' methods per 10 s: a full sync of 40 000 key holders is
// ~22 hours): the portal's Graph transport waits (Retry-After, backoff) 1/S of their length and its clock
// counts them whole, while everything else runs and counts at real speed (server/graph/time-scale.ts);
// the simulated tenant's buckets run on that clock, sent with every request. Wall time is the portal's
// clock: real time plus the waits' skipped part (docs/BENCHMARKS.md, "Strict throttling at 100 000 users").
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { trustingSimulatorCa } from "./bench/trust-simulator";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    churn: { type: "string", default: "0.01" },
    seed: { type: "string", default: "42" },
    port: { type: "string", default: "0" },
    throttling: { type: "string", default: "documented" },
    "time-scale": { type: "string", default: "1" },
    "incremental-time-scale": { type: "string" },
    // A budget that lets one run read everyone (the portal's default is 50 minutes: docs/SYNC.md).
    "budget-minutes": { type: "string", default: "4320" },
    "enrolled-every": { type: "string", default: "10" },
    "data-dir": { type: "string", default: ".data/bench-sync" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, values["data-dir"]!);
mkdirSync(dataDir, { recursive: true });
await trustingSimulatorCa(dataDir, main);

async function main() {
  const users = Number(values.users);
  const churn = Number(values.churn);
  const fullScale = Number(values["time-scale"]);
  const incScale = Number(values["incremental-time-scale"] ?? fullScale);
  const budgetMs = Number(values["budget-minutes"]) * 60_000;
  const { createTestDatabase } = await import("../server/db/testing");
  const { createDatabase } = await import("../server/db/client");
  const { createGraphAdapter } = await import("../server/graph/adapter");
  const { throttlingFor } = await import("../server/graph/simulator/throttle");
  const { knownModels } = await import("../prisma/seed/known-models");
  const { demoExtraModels } = await import("../prisma/seed/demo-sync");
  const { startSimProcess } = await import("./bench/sync-sim");
  const { runPortal } = await import("./bench/sync-portal-run");
  const { diff, printRun, throttleBoundMs } = await import("./bench/sync-figures");
  const m = await import("./bench/sync-matching");
  type Truth = import("./bench/sync-sim").Truth;

  const mode =
    values.throttling === "off" || values.throttling === "strict" ? values.throttling : "documented";
  const scales = fullScale === incScale ? `${fullScale}` : `${fullScale} (full), ${incScale} (incremental)`;
  console.log(
    `Starting the simulated tenant (${users} users, ${mode} throttling, time scale ${scales}) in its own process…`,
  );
  const sim = await startSimProcess(root, {
    users,
    seed: Number(values.seed),
    port: values.port!,
    throttling: mode,
    dataDir,
  });
  const throttle = throttlingFor(mode, users);

  // The database both processes use. The embedded one admits one process at a time, so this process
  // opens it only between the portal's runs.
  const url = process.env.DATABASE_URL;
  const pgliteDir = path.join(dataDir, "portal-db");
  const pg = url ? await createTestDatabase({ url }) : null;
  if (!pg) rmSync(pgliteDir, { recursive: true, force: true });
  const portalDb = pg ? { url, schema: pg.name, dataDir: pgliteDir } : { dataDir: pgliteDir };
  const withDb = async <T>(
    fn: (prisma: import("../server/db/client").PrismaClient) => Promise<T>,
  ): Promise<T> => {
    if (pg) return fn(pg.prisma);
    const db = await createDatabase({ dataDir: pgliteDir });
    try {
      return await fn(db.prisma);
    } finally {
      await db.close();
    }
  };
  console.log(
    `Database: ${pg ? `PostgreSQL (schema ${pg.name})` : `embedded PGlite on disk (${pgliteDir}), in the portal's process`}`,
  );
  console.log(`Run budget: ${values["budget-minutes"]} minutes on the scaled clock`);

  const models = [...knownModels, ...demoExtraModels]
    .filter((k) => !["Google", "Nitrokey"].includes(k.vendor))
    .map((k, i) => ({ ...k, id: `model-${i + 1}` }));
  await withDb(async (prisma) => {
    await prisma.keyModel.createMany({ data: models.map(({ aaguids: _a, ...k }) => k) });
    await prisma.keyModelAaguid.createMany({
      data: models.flatMap((k) => k.aaguids.map((aaguid) => ({ aaguid, modelId: k.id }))),
    });
    await prisma.site.create({ data: { id: "site-wh", code: "WH", name: "Warehouse", kind: "warehouse" } });
  });
  const modelByAaguid = new Map<string, string>();
  for (const k of models) for (const a of k.aaguids) if (!modelByAaguid.has(a)) modelByAaguid.set(a, k.id);

  const measured = async (label: string, scale: number) => {
    // The simulated tenant's buckets, full, on the portal's clock when it is scaled.
    await sim.control("POST", "throttling", { ...throttle, benchClock: scale !== 1 });
    const before = await sim.stats();
    const run = await runPortal(root, { graph: sim.info, db: portalDb, timeScale: scale, budgetMs });
    const after = await sim.stats();
    if (run.summary.skipped) throw new Error("skipped");
    const routes = diff(after.byRoute, before.byRoute);
    const throttledRoutes = diff(after.throttledByRoute ?? {}, before.throttledByRoute ?? {});
    const boundMs = mode !== "off" ? throttleBoundMs(throttle, routes, throttledRoutes) : 0;
    const wallMs = run.clockMs;
    const result = {
      run,
      routes,
      throttledRoutes,
      wallMs,
      boundMs,
      ratio: boundMs ? wallMs / boundMs : null,
    };
    return { ...result, ...printRun(label, result, { users, scale, embedded: !pg }) };
  };

  const full = await measured("Full sync", fullScale);

  // KeyFleet's side: the keys the organisation handed out, assigned to their holders when handed out.
  const truth = (await sim.control<{ value: Truth[] }>("GET", "ground-truth")).value;
  const graph = createGraphAdapter(sim.info);
  const { handed, live } = await withDb(async (prisma) => {
    const live = new Set(
      (await prisma.directoryUser.findMany({ where: { deletedAt: null }, select: { id: true } })).map(
        (u) => u.id,
      ),
    );
    const handed = truth.filter((k) => !k.isPersonal && modelByAaguid.has(k.aaGuid) && live.has(k.userId));
    await m.seedKeys(prisma, handed, modelByAaguid);
    const enrolled = await m.recordEnrolled(prisma, handed, Number(values["enrolled-every"]));
    const r = await m.matchAndConfirm(prisma, graph, truth);
    console.log(
      `\nKeyFleet assigned ${handed.length} keys, ${enrolled} of them enrolled at a KeyFleet station; matching: ${r.matched} linked, ${r.reviewQueued} to review in ${r.seconds.toFixed(1)} s; an agent confirmed ${r.confirmed} of those with the key in hand`,
    );
    return { handed, live };
  });

  // 1 % churn through the control API: distinct users, one change each.
  const ids = [...live].sort((a, b) => a.localeCompare(b));
  const changedUsers = Math.round(ids.length * churn);
  const credsOf = new Map<string, string[]>();
  for (const k of truth)
    if (k.credentialId && k.state === "registered")
      credsOf.set(k.userId, [...(credsOf.get(k.userId) ?? []), k.credentialId]);
  let n = 0;
  for (let i = 0; i < changedUsers; i++) {
    const id = ids[(i * 7919) % ids.length]!;
    const kind = i % 10;
    const cred = credsOf.get(id)?.[0];
    if (kind < 4 || (kind < 7 && !cred))
      await sim.control("POST", `users/${id}/credentials`, {
        aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a",
      });
    else if (kind < 7) await sim.control("DELETE", `credentials/${cred}`);
    else if (kind < 9) await sim.control("POST", `users/${id}/disable`);
    else await sim.control("DELETE", `users/${id}`);
    n++;
  }
  console.log(`\nChurn: ${n} users changed through the control API`);
  const inc = await measured("Incremental sync", incScale);
  const limit = 1.2 * n + inc.pages;
  const requests = inc.run.summary.requests;
  console.log(
    `  requests vs churn  ${requests} ≤ 1.2 × ${n} changed + ${inc.pages} pages = ${limit.toFixed(0)}? ${requests <= limit ? "yes" : "NO"}; ${(requests / Math.max(1, n)).toFixed(2)} requests per changed user (${((requests - inc.pages) / Math.max(1, n)).toFixed(2)} beyond the pages)`,
  );

  const after = (await sim.control<{ value: Truth[] }>("GET", "ground-truth")).value;
  const score = await withDb((prisma) => m.scoreMatching(prisma, after, handed));

  const peak = Math.max(full.run.memory.peak.rss, inc.run.memory.peak.rss) / 1048576;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  // No bound: every read fitted in the full buckets, so there is no throttled time to compare with.
  const ratio = (r: number | null) =>
    r === null ? "n/a (bound 0 s)" : `${r.toFixed(2)}× ${verdict(r <= 1.25)}`;
  console.log(`\nTargets:`);
  console.log(`  full ≤ 1.25× its throttle bound: ${ratio(full.ratio)}`);
  console.log(
    `  incremental ≤ 1.2 × changed + pages in requests: ${requests} ≤ ${limit.toFixed(0)} ${verdict(requests <= limit)}; ≤ 1.25× its bound in time: ${ratio(inc.ratio)}`,
  );
  console.log(
    `  succeeded only when every user was read: full ${full.run.summary.status} (${full.run.summary.pendingUsers} pending), incremental ${inc.run.summary.status} (${inc.run.summary.pendingUsers} pending)`,
  );
  console.log(`  peak RSS of the portal ≤ 400 MB: ${peak.toFixed(0)} MB ${verdict(peak <= 400)}`);
  console.log(
    `  matching precision 100 %, recall ≥ 95 %: ${((score.precision ?? 0) * 100).toFixed(2)} %, ${((score.recall ?? 0) * 100).toFixed(2)} %`,
  );
  await pg?.close();
  sim.stop();
  process.exit(0);
}
