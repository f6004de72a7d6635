// Simulated helpdesk agents: each one a signed-in session that requests pages and API calls one after
// another (closed loop, like k6's virtual users) for a fixed time, reading each answer for a random while
// before the next (or not at all: autocannon's connections). Every response is timed whole (headers and
// body) and judged: 200 with no error page in it, or an error with its reason.
import { seededRandom } from "../../server/graph/simulator/random";
import { summarise, table, ms, type LatencySummary } from "./stats";

export interface Scenario {
  name: string;
  weight: number;
  /** The path (and query) of this scenario's next request. */
  path(random: () => number): string;
}

export interface Sample {
  /** ms since the load started */
  at: number;
  scenario: string;
  ms: number;
  status: number;
  error: string | null;
}

export interface LoadOptions {
  origin: string;
  /** One Cookie header per agent (cycled when there are fewer than agents). */
  cookies: string[];
  agents: number;
  durationMs: number;
  /**
   * Load before the measured `durationMs` (first renders, JIT, pools), from the same agents without a
   * break: restarting them all at once would measure 50 simultaneous first requests, a herd no helpdesk makes.
   */
  warmupMs?: number;
  scenarios: Scenario[];
  /** Pause after each answer (a person reading it), uniform in [min, max] ms; [0, 0] = as fast as answers come. */
  think?: ThinkTime;
  timeoutMs?: number;
  seed?: number;
  /** performance.now() that `Sample.at` counts from (default: when the measured part starts). */
  startedAt?: number;
}

export type ThinkTime = readonly [min: number, max: number];

/** "2000" or "1000-3000" (ms). */
export function parseThinkTime(text: string): ThinkTime {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const [min, max] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [NaN, NaN];
  if (!(min <= max))
    throw new Error(`--think: expected milliseconds "2000" or a range "1000-3000", got "${text}"`);
  return [min, max];
}

export const formatThinkTime = ([min, max]: ThinkTime) =>
  max === 0
    ? "no pause between one agent's requests"
    : `${min === max ? `${min} ms` : `${min}–${max} ms (uniform)`} of reading after each answer`;

function pick(scenarios: Scenario[], r: number): Scenario {
  const total = scenarios.reduce((s, x) => s + x.weight, 0);
  let at = r * total;
  for (const s of scenarios) if ((at -= s.weight) < 0) return s;
  return scenarios.at(-1)!;
}

// What the error boundary renders (app/error.tsx): a page that failed while answering 200 is still a failure.
const ERROR_PAGE = /data-testid="(page-error|database-unavailable)"/;

async function once(
  origin: string,
  cookie: string,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; error: string | null }> {
  try {
    const res = await fetch(`${origin}${path}`, {
      headers: { cookie },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    if (res.status !== 200)
      return {
        status: res.status,
        error:
          res.status >= 300 && res.status < 400
            ? `redirect to ${res.headers.get("location")}`
            : `HTTP ${res.status}`,
      };
    return { status: 200, error: ERROR_PAGE.test(body) ? "error page" : null };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { status: 0, error: err.name === "TimeoutError" ? "timeout" : (err.cause?.code ?? err.message) };
  }
}

export async function runLoad(o: LoadOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  const measured = performance.now() + (o.warmupMs ?? 0);
  const start = o.startedAt ?? measured;
  const end = measured + o.durationMs;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const [min, max] = o.think ?? [0, 0];
  const read = (ms: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.min(ms, end - performance.now())));
  const agent = async (n: number) => {
    const random = seededRandom((o.seed ?? 1) * 1000 + n); // the same request mix on every run
    const cookie = o.cookies[n % o.cookies.length]!;
    await read(random() * max); // people sit down at different moments
    while (performance.now() < end) {
      const scenario = pick(o.scenarios, random());
      const path = scenario.path(random);
      const t0 = performance.now();
      const r = await once(o.origin, cookie, path, timeoutMs);
      const t1 = performance.now();
      if (t0 >= measured)
        samples.push({
          at: t0 - start,
          scenario: scenario.name,
          ms: t1 - t0,
          status: r.status,
          error: r.error,
        });
      if (max > 0) await read(min + random() * (max - min));
    }
  };
  await Promise.all(Array.from({ length: o.agents }, (_, n) => agent(n)));
  return samples;
}

export interface LoadReport {
  durationMs: number;
  requests: number;
  requestsPerSecond: number;
  overall: LatencySummary & { errors: number };
  scenarios: Record<string, LatencySummary & { errors: number }>;
  errors: Record<string, number>;
}

export function report(samples: Sample[], durationMs: number): LoadReport {
  const byScenario = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = byScenario.get(s.scenario) ?? [];
    list.push(s);
    byScenario.set(s.scenario, list);
  }
  const errors: Record<string, number> = {};
  for (const s of samples)
    if (s.error) errors[`${s.scenario}: ${s.error}`] = (errors[`${s.scenario}: ${s.error}`] ?? 0) + 1;
  const sum = (xs: Sample[]) => ({
    ...summarise(xs.map((x) => x.ms)),
    errors: xs.filter((x) => x.error).length,
  });
  return {
    durationMs,
    requests: samples.length,
    requestsPerSecond: samples.length / (durationMs / 1000),
    overall: sum(samples),
    scenarios: Object.fromEntries(
      [...byScenario].sort(([a], [b]) => a.localeCompare(b)).map(([name, xs]) => [name, sum(xs)]),
    ),
    errors,
  };
}

export function formatReport(r: LoadReport): string {
  const row = (name: string, s: LatencySummary & { errors: number }) => [
    name,
    String(s.n),
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(s.max),
    String(s.errors),
  ];
  return [
    table(
      ["scenario", "requests", "p50", "p95", "p99", "max", "errors"],
      [...Object.entries(r.scenarios).map(([n, s]) => row(n, s)), row("all", r.overall)],
    ),
    `\n${r.requests} requests in ${(r.durationMs / 1000).toFixed(0)} s = ${r.requestsPerSecond.toFixed(1)} requests/s`,
    ...Object.entries(r.errors).map(([k, v]) => `  error ×${v}: ${k}`),
  ].join("\n");
}
