// `npm start`: builds the portal when the build is missing or older than the sources, then serves it.
// With no configuration this is demo mode: embedded database, simulated tenant, demo sign-in.
// On PostgreSQL it runs WEB_CONCURRENCY processes (default: one per core) sharing the port through
// node:cluster: each worker is a whole `next start`, the primary only hands out connections.
import cluster from "node:cluster";
import path from "node:path";
import { ensureBuild, NEXT_BIN as next, ROOT as root } from "./ensure-build";
import { listenHost } from "./listen-host";
import { portalEnvFor, portalNodeFlagsFor } from "./portal-node-flags";
import { webConcurrency } from "./web-concurrency";

ensureBuild();

const env: NodeJS.ProcessEnv = { ...process.env, ...portalEnvFor(process.env), NEXT_TELEMETRY_DISABLED: "1" };
const isDemoTenant = !process.env.AZURE_TENANT_ID && !process.env.AUTH_OIDC_CLIENT_ID;
if (isDemoTenant) {
  // Node reads NODE_EXTRA_CA_CERTS only at start: make the simulated tenant's CA before the server starts.
  const { ensureSimulatorCa } = await import("../server/graph/simulator/ca.ts");
  env.NODE_EXTRA_CA_CERTS = await ensureSimulatorCa(
    path.resolve(root, process.env.KEYFLEET_DATA_DIR ?? ".data"),
  );
}

const port = process.env.PORT ?? "3000";
const listen = listenHost(process.env, port);
const { workers, reason } = webConcurrency(process.env);
console.log(
  `KeyFleet on ${listen.url}${listen.host ? ` (listening on ${listen.host}; set HOST to change)` : ""}: ${reason}`,
);
const hostArgs = listen.host ? ["-H", listen.host] : [];

process.chdir(root);
// KEYFLEET_CPU_PROF_DIR (the benches' --cpu-prof): each worker writes a V8 CPU profile there when it stops.
const profile = process.env.KEYFLEET_CPU_PROF_DIR;
const flags = portalNodeFlagsFor(process.env);
const execArgv = profile ? [...flags, "--cpu-prof", `--cpu-prof-dir=${profile}`] : flags;
cluster.setupPrimary({ exec: next, args: ["start", "-p", port, ...hostArgs], execArgv });
let stopping = false;
let exitCode = 0;
const fork = () => cluster.fork(env);
// A worker that dies is replaced, unless it died at start (a configuration or database problem: every
// worker would fail the same way) or the portal is stopping.
const startedAt = Date.now();
cluster.on("exit", (worker, code, signal) => {
  if (stopping) return;
  if (Date.now() - startedAt < 30_000 || workers === 1) {
    stopping = true;
    exitCode = code ?? 1;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    return;
  }
  console.error(`KeyFleet worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
  fork();
});
for (let i = 0; i < workers; i++) fork();
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  });
// The primary ends with its last worker.
cluster.on("exit", () => {
  if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
});
