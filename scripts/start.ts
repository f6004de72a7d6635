// `npm start`: builds the portal when the build is missing or older than the sources, then serves it.
// With no configuration this is demo mode: embedded database, simulated tenant, demo sign-in.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild, NEXT_BIN as next, ROOT as root } from "./ensure-build";
import { listenHost } from "./listen-host";
import { portalNodeFlags } from "./portal-node-flags";

ensureBuild();

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
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
console.log(
  `KeyFleet on ${listen.url}${listen.host ? ` (listening on ${listen.host}; set HOST to change)` : ""}`,
);
const hostArgs = listen.host ? ["-H", listen.host] : [];
const server = spawn(process.execPath, [...portalNodeFlags, next, "start", "-p", port, ...hostArgs], {
  cwd: root,
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
