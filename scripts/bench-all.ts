// `npm run bench:all [-- --only load,pg-restart] [--write-only]`
// Runs every bench:* script one after another (never in parallel: they would measure each other), keeps
// each one's output with its command, date, duration and the machine's load at its start in
// .data/bench/<name>.json, then writes docs/BENCHMARKS.md from all kept results. --only reruns some and
// keeps the others' last results; --write-only rewrites the document from what is kept.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { machine, type Machine } from "./bench/machine";
import { ROOT } from "./ensure-build";

/** `name` keys the result (and `--only`); `script` is the bench:* script it runs (default: the name). */
interface Bench {
  name: string;
  script?: string;
  args: string[];
  what: string;
  env?: Record<string, string>;
}

/** The first comment block of the bench's script, without its usage line: what it measures, in its own words. */
function describe(command: string): string {
  const file = /scripts\/[\w./-]+\.ts/.exec(command)?.[0];
  if (!file) return command;
  const header = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const comment = header
    .slice(
      0,
      header.findIndex((l) => !l.startsWith("//")),
    )
    .map((l) => l.replace(/^\/\/ ?/, "").trim());
  return comment
    .filter((l) => l && !/^`?npm run /.test(l) && !/^Sync benchmark/.test(l))
    .join(" ")
    .replace(/\.$/, "");
}

// Every bench:* script in package.json (a new one is picked up by itself), with its defaults: the figures
// the issue and the design ask about. bench:load runs twice: with agents who read, and flat out; bench:sync
// twice: on the embedded database (demo mode) and on PostgreSQL (production).
/** The PostgreSQL server the benches that need one use (bench:load, bench:db and bench:sync's second run). */
const PG_URL = "postgresql://postgres@127.0.0.1:5432/test";
/**
 * bench:sync under strict throttling (issue 11) on both databases, and the same small run at real time and
 * scaled, which shows what the time scale does to the ratio to the bound.
 */
const strictWhat =
  "bench:sync with `--throttling strict` (every user's authentication methods in a bucket of 5 requests per 10 s, docs/SYNC.md) on the embedded database, on a scaled time line (`--time-scale 200`, server/graph/time-scale.ts, never used outside the bench): the portal's Graph transport sleeps 1/200 of every wait (Retry-After, backoff) and its clock counts the wait whole, while everything else (HTTPS, the database, the sync's own work) runs and counts at real speed; the simulated tenant's buckets refill by that clock, sent with every request, so no read ends sooner on it than the limit allows. Wall time is that clock, against the least time the buckets allow for the requests that got through. 10 000 users (100 000: sections sync-strict-100k and sync-strict-100k-pg, run by hand). A throttled read still costs a real HTTPS round trip and database work whatever the scale. sync-strict-small and sync-strict-small-scaled check the scale: the same 200-user run at real time and at scale 50";
const strictSyncBenches: Bench[] = [
  {
    name: "sync-strict",
    script: "sync",
    args: ["--users", "10000", "--throttling", "strict", "--time-scale", "200"],
    what: strictWhat,
  },
  {
    name: "sync-strict-pg",
    script: "sync",
    args: ["--users", "10000", "--throttling", "strict", "--time-scale", "200"],
    env: { DATABASE_URL: PG_URL },
    what: "The same on PostgreSQL (a fresh schema, dropped after)",
  },
  {
    name: "sync-strict-small",
    script: "sync",
    args: ["--users", "200", "--throttling", "strict"],
    what: "The check of the time scale, at real time: 200 users (96 key holders) under strict throttling, a full sync of about 3 minutes",
  },
  {
    name: "sync-strict-small-scaled",
    script: "sync",
    args: ["--users", "200", "--throttling", "strict", "--time-scale", "50"],
    what: "The same run at time scale 50, to compare its ratio to the bound with the one above",
  },
];
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
).scripts;
const benches: Bench[] = Object.entries(scripts)
  .filter(([name]) => name.startsWith("bench:") && name !== "bench:all")
  .flatMap(([name, command]): Bench[] => {
    const b = { name: name.slice("bench:".length), args: [], what: describe(command) };
    if (b.name === "load")
      return [
        b,
        {
          name: "load-capacity",
          script: "load",
          args: ["--think", "0"],
          what: "The same with no pause between one agent's requests: 50 requests always in flight, what the portal serves flat out on this machine (target: ≥ 110 requests/s with p95 < 600 ms and 0 errors)",
        },
      ];
    if (b.name === "sync")
      return [
        b,
        {
          name: "sync-pg",
          script: "sync",
          args: [],
          env: { DATABASE_URL: PG_URL },
          what: "The same on PostgreSQL (a fresh schema in database `test`, dropped after): the portal's process holds no database engine",
        },
        ...strictSyncBenches,
      ];
    return [b];
  });

interface Result {
  name: string;
  command: string;
  date: string;
  seconds: number;
  exitCode: number;
  machine: Machine;
  output: string;
}

const { values } = parseArgs({
  options: { only: { type: "string" }, "write-only": { type: "boolean", default: false } },
});
const dir = path.join(ROOT, ".data", "bench");
mkdirSync(dir, { recursive: true });
const file = (name: string) => path.join(dir, `${name}.json`);
const DOC = path.join(ROOT, "docs", "BENCHMARKS.md");
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").replace(/^npm warn .*\n/gm, "");

function run(b: Bench): Promise<Result> {
  const script = `bench:${b.script ?? b.name}`;
  const env = Object.entries(b.env ?? {})
    .map(([k, v]) => `${k}=${v} `)
    .join("");
  const command = `${env}npm run ${script}${b.args.length ? ` -- ${b.args.join(" ")}` : ""}`;
  console.log(`\n=== ${command}`);
  const started = new Date();
  const facts = machine();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, ...(b.args.length ? ["--", ...b.args] : [])], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...b.env },
    });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (d: Buffer) => {
        process.stdout.write(d);
        output += d.toString();
      });
    }
    child.on("exit", (code) => {
      resolve({
        name: b.name,
        command,
        date: started.toISOString(),
        seconds: (Date.now() - started.getTime()) / 1000,
        exitCode: code ?? 1,
        machine: facts,
        output: plain(output).trim(),
      });
    });
  });
}

/** The sections docs/BENCHMARKS.md has now, by name: a bench with no result here (a fresh checkout) keeps its own. */
function writtenSections(): Map<string, string> {
  const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
  return new Map(
    doc
      .split(/^(?=## )/m)
      .slice(1)
      .map((s) => [s.slice(3, s.indexOf("\n")).trim(), s.trimEnd() + "\n"]),
  );
}

function section(b: Bench, r: Result | undefined, written: Map<string, string>): string {
  if (!r)
    return (
      written.get(b.name) ??
      `## ${b.name}\n\n${b.what}.\n\nNot run yet: \`npm run bench:all -- --only ${b.name}\`.\n`
    );
  const m = r.machine;
  return [
    `## ${b.name}`,
    "",
    `${b.what}.`,
    "",
    `- Command: \`${r.command}\``,
    `- Date: ${r.date.slice(0, 16).replace("T", " ")} UTC, ${r.seconds.toFixed(0)} s, exit code ${r.exitCode}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}; Node ${m.node}; PostgreSQL ${m.postgres}; PGlite ${m.pglite}; load average at start ${m.load}`,
    "",
    "```text",
    r.output,
    "```",
    "",
  ].join("\n");
}

/**
 * The document's sections in its own order, then any bench it lacks. A section no bench writes (a run by
 * hand, such as the 100 000-user strict syncs, or a write-up across runs) is kept where it stands.
 */
function sectionOrder(written: Map<string, string>): string[] {
  const names = [...written.keys()];
  for (const b of benches) if (!written.has(b.name)) names.push(b.name);
  return names;
}

const chosen = values.only ? benches.filter((b) => values.only!.split(",").includes(b.name)) : benches;
if (!values["write-only"]) {
  for (const b of chosen) writeFileSync(file(b.name), JSON.stringify(await run(b), null, 2));
}
const written = writtenSections();
const results = new Map(
  benches
    .filter((b) => existsSync(file(b.name)))
    .map((b) => [b.name, JSON.parse(readFileSync(file(b.name), "utf8")) as Result]),
);
const doc = [
  "# Benchmarks",
  "",
  "Every `bench:*` figure, with the machine, the command and the date. Written by `npm run bench:all` (which runs",
  "them one after another); `npm run bench:all -- --only load` reruns one and keeps the others as written. The benches are",
  "figures, not tests: none is part of `npm test`. The load average at each start says how busy the machine was —",
  "these machines are shared, so compare figures taken at similar load.",
  "",
  ...sectionOrder(written).map((name) => {
    const b = benches.find((x) => x.name === name);
    return b ? section(b, results.get(b.name), written) : written.get(name)!;
  }),
].join("\n");
writeFileSync(DOC, doc);
console.log(
  `\nWrote docs/BENCHMARKS.md (${results.size} of ${benches.length} benches run here, ${benches.filter((b) => !results.has(b.name) && written.has(b.name)).length} kept as written)`,
);
process.exitCode = [...chosen].every((b) => (results.get(b.name)?.exitCode ?? 1) === 0) ? 0 : 1;
