// `npm run bench:load [-- --agents 50 --duration 60 --users 100000 --keys 150000 --think 1000-3000 --json out.json]`
// The built portal (next start) on PostgreSQL (a fresh schema in database `test`, dropped after) seeded
// with 100 000 users, 150 000 keys and a case per lost key; N simulated helpdesk agents, each signed
// in through the demo sign-in, browse users, search serials and open cases for D seconds, each reading
// an answer for 1–3 s before the next request (`--think 0`: no pause, the portal's capacity flat out).
// Prints p50/p95/p99 and errors per scenario and overall. Targets: p95 ≤ 150 ms with reading agents; flat out (--think 0) ≥ 110 requests/s, p95 < 600 ms; 0 errors. First, the
// queries each scenario's render sends to PostgreSQL, counted at the portal's database client.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "@/server/db/testing";
import { formatReport, formatThinkTime, parseThinkTime, report, runLoad } from "./bench/agents";
import { backendPids, cpuBetween, processesCpu, processGroupCpu } from "./bench/cpu";
import { startPortal, signIn } from "./bench/portal";
import { countQueriesPerRender, formatQueryCounts } from "./bench/query-count";
import { helpdeskScenarios } from "./bench/scenarios";
import { seedFleet } from "./bench/seed";
import { webConcurrency } from "./web-concurrency";

const { values } = parseArgs({
  options: {
    agents: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    warmup: { type: "string", default: "10" },
    think: { type: "string", default: "1000-3000" },
    users: { type: "string", default: "100000" },
    keys: { type: "string", default: "150000" },
    "pg-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    json: { type: "string" },
    // Portal processes on the one port, as `npm start` runs them; default what it would choose here.
    workers: { type: "string" },
    // A folder for each worker's V8 CPU profile (written when the portal stops; 2 workers or more).
    "cpu-prof": { type: "string" },
    // Only the scenarios whose name contains this text (a profile of one kind of request).
    scenario: { type: "string" },
  },
});
const agents = Number(values.agents);
const durationMs = Number(values.duration) * 1000;
const users = Number(values.users);
const keys = Number(values.keys);
const url = values["pg-url"]!;
const think = parseThinkTime(values.think!);

const db = await createTestDatabase({ url });
let stopPortal: (() => Promise<void>) | undefined;
try {
  const t0 = performance.now();
  await seedFleet(db, { users, keys, cases: true });
  const cases = await db.prisma.case.count();
  console.log(
    `PostgreSQL ${new URL(url).host}, schema ${db.name}: seeded ${users} users, ${keys} keys, ${cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const workers = values.workers ? Number(values.workers) : webConcurrency({ DATABASE_URL: url }).workers;
  // The portal's connections carry a name of their own, so their PostgreSQL backends can be found.
  const applicationName = `keyfleet-bench-${db.name}`;
  const portal = await startPortal(
    "bench-load",
    { url, schema: db.name },
    {
      KEYFLEET_QUERY_COUNTER: "1",
      PGAPPNAME: applicationName,
      ...(values["cpu-prof"] ? { KEYFLEET_CPU_PROF_DIR: path.resolve(values["cpu-prof"]) } : {}),
    },
    workers,
  );
  stopPortal = portal.stop;
  const cookies = await Promise.all(
    Array.from({ length: agents }, (_, i) =>
      signIn(portal.origin, i % 2 ? "demo-helpdesk-2" : "demo-helpdesk", i),
    ),
  );
  const scenarios = helpdeskScenarios({ users, keys }).filter(
    (s) => !values.scenario || s.name.includes(values.scenario),
  );
  if (scenarios.length === 0) throw new Error(`no scenario's name contains "${values.scenario}"`);
  const common = { origin: portal.origin, cookies, agents, scenarios, think };
  const queries = await countQueriesPerRender(portal.origin, cookies[0]!, scenarios);
  console.log(
    `\nQueries per render, counted at the portal's database client (5 requests each, one at a time):\n`,
  );
  console.log(formatQueryCounts(queries));

  console.log(
    `\n${agents} agents, ${durationMs / 1000} s measured after ${values.warmup} s of the same, ${formatThinkTime(think)}, against ${portal.origin} (${workers > 1 ? `${workers} worker processes, npm start` : "next start, one process"})\n`,
  );
  // CPU read when the measured part starts and when it ends, on timers beside the agents.
  const warmupMs = Number(values.warmup) * 1000;
  const cpuNow = async () => ({
    portal: processGroupCpu(portal.pid),
    postgres: processesCpu(await backendPids(db.prisma, applicationName)),
    // The agents themselves (this process): on one machine they share the cores with the portal.
    bench: process.cpuUsage(),
  });
  const at = (ms: number) =>
    new Promise<Awaited<ReturnType<typeof cpuNow>>>((resolve, reject) =>
      setTimeout(() => cpuNow().then(resolve, reject), ms),
    );
  const [samples, cpuFrom, cpuTo] = await Promise.all([
    runLoad({ ...common, warmupMs, durationMs, seed: 1 }),
    at(warmupMs),
    at(warmupMs + durationMs),
  ]);
  const r = report(samples, durationMs);
  console.log(formatReport(r));
  const cpu = {
    portalMsPerRequest: cpuBetween(cpuFrom.portal, cpuTo.portal) / r.requests,
    postgresMsPerRequest: cpuBetween(cpuFrom.postgres, cpuTo.postgres) / r.requests,
    agentsMsPerRequest:
      (cpuTo.bench.user + cpuTo.bench.system - cpuFrom.bench.user - cpuFrom.bench.system) / 1000 / r.requests,
  };
  console.log(
    `CPU per request (user + system, the measured ${durationMs / 1000} s): portal ${cpu.portalMsPerRequest.toFixed(1)} ms (${cpuTo.portal.size} processes), its PostgreSQL backends ${cpu.postgresMsPerRequest.toFixed(1)} ms (${cpuTo.postgres.size}), total ${(cpu.portalMsPerRequest + cpu.postgresMsPerRequest).toFixed(1)} ms; the agents (this process) ${cpu.agentsMsPerRequest.toFixed(1)} ms`,
  );
  // Issue 15's targets: reading agents p95 ≤ 150 ms; flat out (no pause) ≥ 110 requests/s with p95 < 600 ms.
  const flatOut = think[1] === 0;
  const rate = r.requests / (durationMs / 1000);
  const met = flatOut
    ? rate >= 110 && r.overall.p95 < 600 && r.overall.errors === 0
    : r.overall.p95 <= 150 && r.overall.errors === 0;
  const target = flatOut ? "≥ 110 requests/s, p95 < 600 ms and 0 errors" : "p95 ≤ 150 ms and 0 errors";
  console.log(
    `\nTarget ${target}: ${met ? "met" : "NOT met"} (${rate.toFixed(1)} requests/s, p95 ${r.overall.p95.toFixed(0)} ms, ${r.overall.errors} errors)`,
  );
  if (values.json)
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          agents,
          users,
          keys,
          cases,
          workers,
          think: { minMs: think[0], maxMs: think[1] },
          queries,
          cpu,
          ...r,
        },
        null,
        2,
      ),
    );
} finally {
  await stopPortal?.();
  await db.prisma
    .$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${db.name}_pgboss" CASCADE`)
    .catch(() => undefined);
  await db.close();
}
