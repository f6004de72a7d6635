// npm run bench:graph [-- --users 100000 --sample 2000 --concurrency 8]
// Requests per second through the real adapter (SDK + @azure/identity, https) against the simulated
// tenant running in a child process, and the peak memory of both. Figures, not a timed test.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { trustingSimulatorCa } from "./bench/trust-simulator";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    sample: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
    "data-dir": { type: "string", default: ".data" },
  },
});
const dataDir = resolve(values["data-dir"]);
await trustingSimulatorCa(dataDir, bench);

async function bench() {
  const { createGraphAdapter } = await import("../server/graph/adapter");
  const simProcess = spawn(
    process.execPath,
    [
      ...process.execArgv,
      resolve("scripts/sim.ts"),
      "--users",
      values.users,
      "--port",
      "0",
      "--throttling",
      "off",
      "--data-dir",
      dataDir,
      "--json",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((ok) =>
    createInterface({ input: simProcess.stdout! }).once("line", ok),
  );
  const sim = JSON.parse(line) as {
    baseUrl: string;
    authorityHost: string;
    tenantId: string;
    clientId: string;
    clientSecret: string;
  };
  const graph = createGraphAdapter(sim, { concurrency: Number(values.concurrency) });
  const sample = Number(values.sample);
  const rows: string[][] = [];

  async function phase(name: string, fn: () => Promise<number>) {
    const before = graph.counters().requests;
    const t0 = performance.now();
    const items = await fn();
    const seconds = (performance.now() - t0) / 1000;
    const requests = graph.counters().requests - before;
    rows.push([
      name,
      String(requests),
      String(items),
      seconds.toFixed(2),
      (requests / seconds).toFixed(0),
      (items / seconds).toFixed(0),
    ]);
  }

  await graph.getTapPolicy(); // token and connection warm-up
  const ids: string[] = [];
  await phase("users, $top=999, $select (full scan)", async () => {
    for await (const page of graph.listUsers({
      top: 999,
      select: ["id", "userPrincipalName", "displayName", "accountEnabled", "department", "officeLocation"],
    })) {
      for (const u of page) if (ids.length < sample) ids.push(u.id);
    }
    return Number(values.users);
  });
  await phase("userRegistrationDetails (full scan)", async () => {
    let n = 0;
    for await (const page of graph.listRegistrationDetails()) n += page.length;
    return n;
  });
  await phase(
    `fido2Methods, $batch of 20 (${sample} users)`,
    async () => (await graph.listFido2MethodsForUsers(ids)).size,
  );
  await phase(`fido2Methods, one GET each (${sample} users)`, async () => {
    await Promise.all(ids.map((id) => graph.listFido2Methods(id)));
    return ids.length;
  });

  const simPeak = readFileSync(`/proc/${simProcess.pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)?.[1];
  simProcess.kill("SIGTERM");
  const header = ["phase", "HTTP requests", "items", "seconds", "requests/s", "items/s"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\nKeyFleet Graph adapter against the simulated tenant (${values.users} users, concurrency ${values.concurrency}, Node ${process.version})\n`,
  );
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
  const c = graph.counters();
  console.log(`\ntotal requests ${c.requests}, throttled ${c.throttled}, retries ${c.retries}`);
  console.log(
    `peak RSS: adapter process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, simulator process ${simPeak ? (Number(simPeak) / 1024).toFixed(0) : "?"} MB`,
  );
}
