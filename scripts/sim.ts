// Runs the simulated Entra tenant on its own:
//   npm run sim -- --users 100000 --port 4443 [--seed S] [--data-dir .data] [--throttling documented|strict|off] [--json]
// The client secret and control token are kept under <data-dir>/simulator/credentials.json so a portal
// pointed at this simulator keeps working across restarts.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ensureSimulatorCa, startSimulator } from "../server/graph/simulator";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "400" },
    port: { type: "string", default: "4443" },
    seed: { type: "string", default: "42" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string", default: ".data" },
    throttling: { type: "string", default: "documented" },
    "report-lag": { type: "string", default: "15" },
    json: { type: "boolean", default: false },
  },
});

const dataDir = resolve(values["data-dir"]);
await ensureSimulatorCa(dataDir);
const credentialsPath = join(dataDir, "simulator", "credentials.json");
const saved: { clientSecret: string; controlToken: string } = existsSync(credentialsPath)
  ? JSON.parse(readFileSync(credentialsPath, "utf8"))
  : {
      clientSecret: randomBytes(24).toString("base64url"),
      controlToken: randomBytes(24).toString("base64url"),
    };
writeFileSync(credentialsPath, JSON.stringify(saved), { mode: 0o600 });

const started = Date.now();
const sim = await startSimulator({
  dataDir,
  users: Number(values.users),
  seed: Number(values.seed),
  port: Number(values.port),
  host: values.host,
  throttling:
    values.throttling === "off" || values.throttling === "strict" ? values.throttling : "documented",
  reportLagMinutes: Number(values["report-lag"]),
  clientSecret: saved.clientSecret,
  controlToken: saved.controlToken,
});

const info = {
  baseUrl: sim.baseUrl,
  authorityHost: sim.authorityHost,
  tenantId: sim.tenantId,
  clientId: sim.clientId,
  clientSecret: sim.clientSecret,
  caPath: sim.caPath,
  controlUrl: sim.controlUrl,
  controlToken: sim.controlToken,
};
if (values.json) {
  console.log(JSON.stringify(info));
} else {
  const stats = sim.control.stats();
  console.log(
    `Simulated Entra tenant: ${stats.users} users, ${stats.credentials} passkeys, ready in ${Date.now() - started} ms`,
  );
  console.log(`RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  console.log("\nPoint KeyFleet at it (the CA must be trusted at process start):");
  console.log(`  GRAPH_BASE_URL=${sim.baseUrl}`);
  console.log(`  AZURE_AUTHORITY_HOST=${sim.authorityHost}`);
  console.log(`  AZURE_TENANT_ID=${sim.tenantId}`);
  console.log(`  AZURE_CLIENT_ID=${sim.clientId}`);
  console.log(`  AZURE_CLIENT_SECRET=${sim.clientSecret}`);
  console.log(`  NODE_EXTRA_CA_CERTS=${sim.caPath}`);
  console.log(`\nControl API: ${sim.controlUrl}  (Authorization: Bearer ${sim.controlToken})`);
}

const stop = () => void sim.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
