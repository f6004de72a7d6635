// `npm run bench:pg-restart [-- --agents 10 --before 10 --outage 8 --after 20 --users 20000]`
// PostgreSQL restarted under load. A private PostgreSQL server (never the machine's own cluster, so
// nothing else running against it is disturbed) holds a seeded fleet; the built portal runs on it with
// helpdesk agents browsing. The server is stopped for --outage seconds, then started again. Checks:
// the portal process survives; /api/health says 503 "not answering" meanwhile; API calls answer 503
// with the "database unavailable" message; a page opened in Chromium during the outage says so and
// shows itself once the database is back; after recovery there are no errors, with no portal restart.
import { parseArgs } from "node:util";
import { createDatabase } from "@/server/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { runLoad, type Sample } from "./bench/agents";
import { openOutageBrowser, SCREENSHOT_DIR } from "./bench/outage-browser";
import { requireChromium } from "./lib/chromium";
import { startPgCluster } from "./bench/pg-cluster";
import { startPortal, signIn } from "./bench/portal";
import { helpdeskScenarios } from "./bench/scenarios";
import { seedFleet } from "./bench/seed";
import { summarise, ms } from "./bench/stats";

const { values } = parseArgs({
  options: {
    agents: { type: "string", default: "10" },
    before: { type: "string", default: "10" },
    outage: { type: "string", default: "8" },
    after: { type: "string", default: "20" },
    users: { type: "string", default: "20000" },
    keys: { type: "string", default: "30000" },
  },
});
const [before, outage, after] = [values.before, values.outage, values.after].map((v) => Number(v) * 1000) as [
  number,
  number,
  number,
];
// The browser is checked (or installed) before minutes go into building, seeding and loading.
requireChromium();
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

interface Probe {
  at: number;
  end: number;
  status: number;
  message: string | null;
}

/** /api/health every 250 ms until `until` (ms on the bench clock). */
async function probeHealth(origin: string, t0: number, until: number): Promise<Probe[]> {
  const probes: Probe[] = [];
  while (performance.now() - t0 < until) {
    const at = performance.now() - t0;
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(5_000) });
      // Anonymous: /api/health says only the status (the details are for signed-in staff).
      const body = (await res.json()) as { status?: string; message?: string };
      const message = body.message ?? body.status ?? null;
      probes.push({ at, end: performance.now() - t0, status: res.status, message });
    } catch (e) {
      probes.push({ at, end: performance.now() - t0, status: 0, message: (e as Error).message });
    }
    await sleep(250);
  }
  return probes;
}

const cluster = await startPgCluster();
const schema = "keyfleet";
let stopPortal: (() => Promise<void>) | undefined;
const checks: [string, boolean][] = [];
try {
  const db = await createDatabase({ url: cluster.url, schema, dataDir: ".data" });
  await seedFleet(db, { users: Number(values.users), keys: Number(values.keys), cases: true });
  await db.close();
  const portal = await startPortal("bench-pg-restart", { url: cluster.url, schema });
  stopPortal = portal.stop;
  const agents = Number(values.agents);
  const cookies = await Promise.all(
    Array.from({ length: agents + 1 }, () => signIn(portal.origin, "demo-helpdesk")),
  );
  const browser = await openOutageBrowser(portal.origin, cookies.pop()!);
  console.log(
    `Private PostgreSQL ${cluster.version} on port ${cluster.port}; portal ${portal.origin}; ${agents} agents; stop after ${before / 1000} s, down ${outage / 1000} s, then ${after / 1000} s more\n`,
  );

  const scenarios = helpdeskScenarios({ users: Number(values.users), keys: Number(values.keys) });
  await runLoad({ origin: portal.origin, cookies, agents, durationMs: 5_000, scenarios, seed: 99 }); // warm-up: first renders, JIT
  const t0 = performance.now();
  const total = before + outage + after;
  const load = runLoad({
    origin: portal.origin,
    cookies,
    agents,
    durationMs: total,
    scenarios,
    startedAt: t0,
  });
  const health = probeHealth(portal.origin, t0, total);
  await sleep(before);
  const down = performance.now() - t0;
  await cluster.stop();
  const stopped = performance.now() - t0;
  const apiDuringOutage = await fetch(
    `${portal.origin}/api/trpc/users.search?input=${encodeURIComponent(JSON.stringify({ json: { q: "2100" } }))}`,
    { headers: { cookie: cookies[0]! } },
  );
  const apiBody = JSON.stringify(await apiDuringOutage.json());
  const pageMessage = await browser.openDuringOutage("/users");
  await sleep(Math.max(0, down + outage - (performance.now() - t0)));
  await cluster.start();
  const up = performance.now() - t0;
  const recoveredInMs = await browser.waitForRecovery('h1:text-is("Users")', 30_000).catch(() => null);
  const [samples, probes] = await Promise.all([load, health]);
  await browser.close();

  // A request is "before" only if it ended before the stop, "after" only if it started after the start.
  const phase = (s: Sample) => (s.at + s.ms < down ? "before" : s.at < up ? "during" : "after");
  const firstOk = probes.find((p) => p.at >= up && p.status === 200);
  const recovered = firstOk?.at ?? Infinity;
  const print = (name: string, xs: Sample[]) => {
    const errors = new Map<string, number>();
    for (const s of xs) if (s.error) errors.set(s.error, (errors.get(s.error) ?? 0) + 1);
    const l = summarise(xs.map((s) => s.ms));
    console.log(
      `  ${name.padEnd(34)} ${String(xs.length).padStart(5)} requests  p95 ${ms(l.p95).padStart(8)}  errors ${[...errors].map(([k, v]) => `${k} ×${v}`).join(", ") || "none"}`,
    );
  };
  console.log(
    `PostgreSQL stopped at ${(down / 1000).toFixed(1)} s (down at ${(stopped / 1000).toFixed(1)} s), started at ${(up / 1000).toFixed(1)} s; /api/health 200 again at ${(recovered / 1000).toFixed(1)} s (${ms(recovered - up)} after start)\n`,
  );
  print(
    "before the restart",
    samples.filter((s) => phase(s) === "before"),
  );
  print(
    "while PostgreSQL was down",
    samples.filter((s) => phase(s) === "during"),
  );
  print(
    "after, until health was 200",
    samples.filter((s) => phase(s) === "after" && s.at < recovered),
  );
  print(
    "after health was 200",
    samples.filter((s) => s.at >= recovered),
  );
  const outageProbes = probes.filter((p) => p.at >= stopped && p.end < up);
  console.log(
    `\n  /api/health while down: ${[...new Set(outageProbes.map((p) => `${p.status} "${p.message}"`))].join("; ")}`,
  );
  console.log(
    `  an API call while down: HTTP ${apiDuringOutage.status} ${apiBody.includes(DATABASE_UNAVAILABLE_MESSAGE) ? `"${DATABASE_UNAVAILABLE_MESSAGE}"` : apiBody.slice(0, 200)}`,
  );
  console.log(`  /users in Chromium while down: "${pageMessage}" (screenshot in ${SCREENSHOT_DIR})`);
  console.log(
    `  the same tab after PostgreSQL was back: ${recoveredInMs === null ? "still failing after 30 s" : `showed the users page by itself ${ms(recoveredInMs)} after the start`}`,
  );

  checks.push(
    [
      "the portal process stayed up (no refused connection)",
      [...samples, ...probes].every((s) =>
        "error" in s ? !/ECONNREFUSED/.test(s.error ?? "") : s.status !== 0,
      ),
    ],
    ["no errors before the restart", samples.filter((s) => phase(s) === "before").every((s) => !s.error)],
    [
      '/api/health answered 503 "degraded" all through the outage',
      outageProbes.length > 0 && outageProbes.every((p) => p.status === 503 && p.message === "degraded"),
    ],
    [
      "API calls answered 503 'database unavailable'",
      apiDuringOutage.status === 503 && apiBody.includes(DATABASE_UNAVAILABLE_MESSAGE),
    ],
    ["a page said 'Database unavailable'", /Database unavailable/.test(pageMessage)],
    ["health was 200 within 15 s of PostgreSQL starting", recovered - up <= 15_000],
    [
      "no errors once health was 200 again",
      samples.filter((s) => s.at >= recovered + 1_000).every((s) => !s.error),
    ],
    ["the open page recovered by itself", recoveredInMs !== null],
  );
} finally {
  await stopPortal?.();
  await cluster.destroy();
}
console.log("");
for (const [name, ok] of checks) console.log(`  ${ok ? "ok  " : "FAIL"} ${name}`);
process.exitCode = checks.length && checks.every(([, ok]) => ok) ? 0 : 1;
