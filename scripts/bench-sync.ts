// Sync benchmark (figures, not a timed test):
//   npm run bench:sync -- --users 100000 [--churn 0.01] [--seed 42] [--throttling documented|strict|off]
// (strict: users' authentication methods in the 5-per-10-s bucket too; docs/SYNC.md)
// Three processes, so each figure belongs to whom it says: the simulated tenant (its own process, Graph's
// documented throttling); the portal (scripts/bench-sync-portal.ts, one process per sync: runtime,
// Prisma, the database client and the sync — its peak RSS is the figure against the target); and this
// one, which seeds KeyFleet's keys from the tenant's ground truth, makes 1 % churn through the control
// API and scores matching. A full sync, then an incremental one after the churn. Prints Graph requests,
// requests per user, wall time against the throttle-bound minimum, the portal's peak RSS, and matching
// precision/recall. PostgreSQL when DATABASE_URL is set (a fresh schema, dropped at the end); otherwise
// the embedded database on disk as demo mode runs it, whose engine then lives in the portal's process
// and is counted in its RSS (its share is printed).
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureSimulatorCa } from "../server/graph/simulator/ca";
import { portalNodeFlags } from "./portal-node-flags";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    churn: { type: "string", default: "0.01" },
    seed: { type: "string", default: "42" },
    port: { type: "string", default: "0" },
    throttling: { type: "string", default: "documented" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data/bench-sync");
mkdirSync(dataDir, { recursive: true });
const caPath = await ensureSimulatorCa(dataDir);
// Node reads NODE_EXTRA_CA_CERTS only at start: run again with it set.
if (process.env.NODE_EXTRA_CA_CERTS !== caPath) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath },
  });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  await main();
}

interface SimInfo {
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  controlUrl: string;
  controlToken: string;
}
interface Truth {
  serial: string;
  vendor: string;
  aaGuid: string;
  userId: string;
  credentialId: string | null;
  isPersonal: boolean;
  issuedAt: string;
  state: string;
}

async function startSimProcess(users: number, seed: number): Promise<{ info: SimInfo; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "scripts/sim.ts"),
      "--users",
      String(users),
      "--seed",
      String(seed),
      "--port",
      values.port!,
      "--throttling",
      values.throttling!,
      "--report-lag",
      "0",
      "--data-dir",
      dataDir,
      "--json",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" },
    },
  );
  const info = await new Promise<SimInfo>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const line = buf.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as SimInfo);
    });
    child.on("exit", (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return { info, stop: () => child.kill("SIGTERM") };
}

interface PortalRun {
  summary: {
    skipped: false;
    status: string;
    kind: string;
    pendingUsers: number;
    failedUsers: number;
    requests: number;
    throttled: number;
    users: number;
    credentials: number;
    added: number;
    changed: number;
    removed: number;
    matched: number;
    reviewQueued: number;
    errors: unknown[];
  };
  wallMs: number;
  memory: {
    before: { rss: number; heapUsed: number };
    peak: { rss: number; heapUsed: number; heapTotal: number; external: number };
    phases: Record<string, number>;
  };
}

/** One sync in a portal process of its own (see bench-sync-portal.ts). */
async function runPortal(input: unknown): Promise<PortalRun> {
  // The portal's own flags (as `npm start` runs it); BENCH_PORTAL_NODE_OPTIONS adds more for this process
  // only (e.g. --trace-gc, or another --max-old-space-size to compare), to study its memory.
  const flags = (process.env.BENCH_PORTAL_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [...portalNodeFlags, ...flags, ...process.execArgv, path.join(root, "scripts/bench-sync-portal.ts")],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, BENCH_PORTAL: JSON.stringify(input) },
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

async function main() {
  const users = Number(values.users);
  const churn = Number(values.churn);
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  const { createTestDatabase } = await import("../server/db/testing");
  const { createDatabase } = await import("../server/db/client");
  const { createGraphAdapter } = await import("../server/graph/adapter");
  const { buildServices } = await import("../server/container");
  const { throttlingFor } = await import("../server/graph/simulator/throttle");
  const { knownModels } = await import("../prisma/seed/known-models");
  const { demoExtraModels } = await import("../prisma/seed/demo-sync");

  console.log(
    `Starting the simulated tenant (${users} users, ${values.throttling} throttling) in its own process…`,
  );
  const sim = await startSimProcess(users, Number(values.seed));
  const control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.info.controlUrl}/${p}`, {
      method,
      headers: { Authorization: `Bearer ${sim.info.controlToken}`, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`control ${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const stats = () =>
    control<{ requests: number; byRoute: Record<string, number>; throttledByRoute: Record<string, number> }>(
      "GET",
      "state",
    );

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

  const models = [...knownModels, ...demoExtraModels]
    .filter((m) => !["Google", "Nitrokey"].includes(m.vendor))
    .map((m, i) => ({ ...m, id: `model-${i + 1}` }));
  await withDb(async (prisma) => {
    await prisma.keyModel.createMany({ data: models.map(({ aaguids: _a, ...m }) => m) });
    await prisma.keyModelAaguid.createMany({
      data: models.flatMap((m) => m.aaguids.map((aaguid) => ({ aaguid, modelId: m.id }))),
    });
    await prisma.site.create({ data: { id: "site-wh", code: "WH", name: "Warehouse", kind: "warehouse" } });
  });
  const modelByAaguid = new Map<string, string>();
  for (const m of models) for (const a of m.aaguids) if (!modelByAaguid.has(a)) modelByAaguid.set(a, m.id);

  const mode =
    values.throttling === "off" || values.throttling === "strict" ? values.throttling : "documented";
  const throttle = throttlingFor(mode, users);
  /**
   * The least time Graph's buckets allow for the requests that got through (the buckets run in parallel:
   * reports, directory RU, and under strict the users' authentication methods). The simulator counts a
   * route before throttling it, so each route's 429s are taken off (they spend no quota).
   */
  const throttleBound = (byRoute: Record<string, number>, throttledByRoute: Record<string, number>) => {
    const ok = (route: string) => Math.max(0, (byRoute[route] ?? 0) - (throttledByRoute[route] ?? 0));
    const methodRoutes = ["listFido2Methods", "listTemporaryAccessPasses"];
    const reports =
      ok("listRegistrationDetails") +
      ok("getRegistrationDetails") +
      ok("listDirectoryAudits") +
      ok("listSignIns");
    const methods = methodRoutes.reduce((n, route) => n + ok(route), 0);
    const ru =
      ok("usersDelta") +
      ok("listGroupMembers") * 3 +
      ok("getTapPolicy") +
      ok("getFido2Policy") +
      ok("listGroups") +
      (throttle.authMethods ? 0 : methods);
    const time = (count: number, b: { capacity: number; windowMs: number } | null) =>
      b ? Math.max(0, count - b.capacity) * (b.windowMs / b.capacity) : 0;
    return Math.max(
      time(reports, throttle.reports),
      time(ru, throttle.directory),
      throttle.authMethods ? time(methods, throttle.authMethods) : 0,
    );
  };
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.keys(a)
        .map((k) => [k, (a[k] ?? 0) - (b[k] ?? 0)])
        .filter(([, v]) => (v as number) > 0),
    ) as Record<string, number>;

  const measured = async (label: string) => {
    const before = await stats();
    const { summary: r, wallMs: wall, memory } = await runPortal({ graph: sim.info, db: portalDb });
    const after = await stats();
    if (r.skipped) throw new Error("skipped");
    const routes = diff(after.byRoute, before.byRoute);
    const throttledRoutes = diff(after.throttledByRoute ?? {}, before.throttledByRoute ?? {});
    const bound = mode !== "off" ? throttleBound(routes, throttledRoutes) : 0;
    const phases = Object.entries(memory.phases)
      .map(([p, rss]) => `${p} ${mb(rss)}`)
      .join(", ");
    console.log(
      `\n${label}: ${r.status} (${r.kind})${r.status === "partial" ? `, ${r.pendingUsers} users still to read, ${r.failedUsers} failed` : ""}`,
    );
    console.log(
      `  Graph requests     ${r.requests} (${(r.requests / users).toFixed(4)} per user), throttled ${r.throttled}`,
    );
    console.log(`  by route           ${JSON.stringify(routes)}`);
    console.log(
      `  wall time          ${(wall / 1000).toFixed(1)} s; throttle-bound minimum ${(bound / 1000).toFixed(1)} s; ratio ${bound ? (wall / bound).toFixed(2) : "n/a"}`,
    );
    console.log(
      `  peak RSS (portal)  ${mb(memory.peak.rss)}; ${mb(memory.before.rss)} before the run (runtime, Prisma, the database client${pg ? "" : " and the embedded database engine"})`,
    );
    console.log(
      `  JS heap            peak ${mb(memory.peak.heapUsed)} used / ${mb(memory.peak.heapTotal)} committed (${mb(memory.before.heapUsed)} before); external peak ${mb(memory.peak.external)}`,
    );
    console.log(`  peak RSS by phase  ${phases}`);
    console.log(
      `  mirror             ${r.users} users, ${r.credentials} credentials; +${r.added} ~${r.changed} -${r.removed}; matched ${r.matched}, review ${r.reviewQueued}`,
    );
    if (r.errors.length) console.log(`  errors             ${JSON.stringify(r.errors.slice(0, 3))}`);
    return { r, routes, throttledRoutes, wall, bound, peak: memory.peak.rss };
  };

  const full = await measured("Full sync");

  // KeyFleet's side: the keys the organisation handed out, assigned to their holders when handed out.
  const truth = (await control<{ value: Truth[] }>("GET", "ground-truth")).value;
  const { handed, live } = await withDb(async (prisma) => {
    const live = new Set(
      (await prisma.directoryUser.findMany({ where: { deletedAt: null }, select: { id: true } })).map(
        (u) => u.id,
      ),
    );
    const handed = truth.filter((k) => !k.isPersonal && modelByAaguid.has(k.aaGuid) && live.has(k.userId));
    for (let i = 0; i < handed.length; i += 5000) {
      const slice = handed
        .slice(i, i + 5000)
        .map((k) => ({
          id: `key-${k.vendor}-${k.serial}`,
          serial: k.serial,
          vendor: k.vendor,
          modelId: modelByAaguid.get(k.aaGuid)!,
          siteId: "site-wh",
          status: "assigned" as const,
          custodianId: k.userId,
          statusChangedAt: new Date(k.issuedAt),
        }));
      await prisma.securityKey.createMany({ data: slice, skipDuplicates: true });
      await prisma.keyAssignment.createMany({
        data: slice.map((k) => ({
          keyId: k.id,
          userId: k.custodianId,
          assignedAt: k.statusChangedAt,
          assignedById: "bench",
        })),
      });
    }
    const t0 = Date.now();
    const m = await buildServices({ prisma, graph: createGraphAdapter(sim.info) }).matching.run();
    console.log(
      `\nKeyFleet assigned ${handed.length} keys; matching: ${m.matched} linked, ${m.reviewQueued} to review in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
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
      await control("POST", `users/${id}/credentials`, { aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a" });
    else if (kind < 7) await control("DELETE", `credentials/${cred}`);
    else if (kind < 9) await control("POST", `users/${id}/disable`);
    else await control("DELETE", `users/${id}`);
    n++;
  }
  console.log(`\nChurn: ${n} users changed through the control API`);
  const inc = await measured("Incremental sync");
  const pageRoutes = [
    "usersDelta",
    "listRegistrationDetails",
    "listGroupMembers",
    "getTapPolicy",
    "getFido2Policy",
    "listDirectoryAudits",
    "listSignIns",
  ];
  const pages = pageRoutes.reduce(
    (sum, route) => sum + Math.max(0, (inc.routes[route] ?? 0) - (inc.throttledRoutes[route] ?? 0)),
    0,
  );
  const fido2Envelopes = inc.r.requests - pages;
  console.log(
    `  requests vs churn  ${inc.r.requests} ≤ 1.2 × ${n} changed + ${pages} pages = ${(1.2 * n + pages).toFixed(0)}? ${inc.r.requests <= 1.2 * n + pages ? "yes" : "NO"} ($batch envelopes ${fido2Envelopes}; ${(inc.r.requests / Math.max(1, n)).toFixed(2)} requests per changed user, ${(fido2Envelopes / Math.max(1, n)).toFixed(2)} beyond the pages)`,
  );
  console.log(
    `  succeeded only when everyone was read: ${inc.r.status}${inc.r.status === "succeeded" ? "" : ` (${inc.r.pendingUsers} pending)`}`,
  );

  // Matching scored against ground truth.
  const after = (await control<{ value: Truth[] }>("GET", "ground-truth")).value;
  const serialOf = new Map(
    after.filter((k) => k.credentialId).map((k) => [k.credentialId!, `${k.vendor}|${k.serial}`]),
  );
  const { linked, liveCreds } = await withDb(async (prisma) => ({
    linked: await prisma.entraCredential.findMany({
      where: { keyId: { not: null }, removedAt: null },
      select: { methodId: true, key: { select: { serial: true, vendor: true } } },
    }),
    liveCreds: new Set(
      (await prisma.entraCredential.findMany({ where: { removedAt: null }, select: { methodId: true } })).map(
        (c) => c.methodId,
      ),
    ),
  }));
  const correct = linked.filter(
    (c) => serialOf.get(c.methodId) === `${c.key!.vendor}|${c.key!.serial}`,
  ).length;
  const keyfleet = new Set(handed.map((k) => `${k.vendor}|${k.serial}`));
  const relevant = after.filter(
    (k) => k.credentialId && liveCreds.has(k.credentialId) && keyfleet.has(`${k.vendor}|${k.serial}`),
  ).length;
  console.log(
    `\nMatching vs ground truth: precision ${linked.length ? ((100 * correct) / linked.length).toFixed(2) : "n/a"} % (${correct}/${linked.length}), recall ${relevant ? ((100 * correct) / relevant).toFixed(2) : "n/a"} % (${correct}/${relevant})`,
  );
  console.log(
    `\nTargets: full ≤ 1.25× throttle bound (${full.bound ? (full.wall / full.bound).toFixed(2) : "n/a"}×); incremental ≤ 1.2 × changed + pages; peak RSS of the portal ≤ 400 MB (${mb(Math.max(full.peak, inc.peak))}); precision 100 %, recall ≥ 95 %`,
  );
  await pg?.close();
  sim.stop();
  process.exit(0);
}
