// Queries per render, counted at the portal's database client (server/db/query-counter.ts): each
// scenario's requests are sent one at a time over one kept-alive connection, so one worker process
// answers both the request and the counter read around it (its pid is checked), and nothing else runs.
import http from "node:http";
import { seededRandom } from "../../server/graph/simulator/random";
import type { Scenario } from "./agents";

interface Answer {
  status: number;
  body: string;
}

function get(agent: http.Agent, origin: string, path: string, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}${path}`, { agent, headers: { cookie } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function counter(agent: http.Agent, origin: string, cookie: string) {
  const res = await get(agent, origin, "/api/bench/queries", cookie);
  if (res.status !== 200)
    throw new Error(
      `the portal does not count queries (HTTP ${res.status}): start it with KEYFLEET_QUERY_COUNTER=1`,
    );
  return JSON.parse(res.body) as { queries: number; pid: number };
}

export interface QueryCount {
  scenario: string;
  /** Queries of each request sent, in order. */
  samples: number[];
  median: number;
  max: number;
}

/** `perScenario` requests of each scenario (after one unmeasured to warm it), queries counted for each. */
export async function countQueriesPerRender(
  origin: string,
  cookie: string,
  scenarios: Scenario[],
  perScenario = 5,
): Promise<QueryCount[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const random = seededRandom(7);
  const out: QueryCount[] = [];
  try {
    for (const scenario of scenarios) {
      const samples: number[] = [];
      for (let i = 0; i <= perScenario; i++) {
        const before = await counter(agent, origin, cookie);
        const res = await get(agent, origin, scenario.path(random), cookie);
        const after = await counter(agent, origin, cookie);
        if (res.status !== 200)
          throw new Error(`${scenario.name}: HTTP ${res.status} while counting queries`);
        if (before.pid !== after.pid) throw new Error("the counting connection moved to another worker");
        if (i > 0) samples.push(after.queries - before.queries);
      }
      const sorted = [...samples].sort((a, b) => a - b);
      out.push({
        scenario: scenario.name,
        samples,
        median: sorted[Math.floor(sorted.length / 2)]!,
        max: sorted.at(-1)!,
      });
    }
  } finally {
    agent.destroy();
  }
  return out;
}

export function formatQueryCounts(counts: QueryCount[]): string {
  const width = Math.max(...counts.map((c) => c.scenario.length));
  return [
    `${"scenario".padEnd(width)}  queries per render (median, max; each request)`,
    ...counts.map(
      (c) =>
        `${c.scenario.padEnd(width)}  ${String(c.median).padStart(3)}  ${String(c.max).padStart(3)}   ${c.samples.join(" ")}`,
    ),
  ].join("\n");
}
