// `npm run bench:db -- --keys 150000 --users 100000`
// Seeds a fleet into a throwaway embedded database (PGlite on disk) and a throwaway PostgreSQL schema,
// then prints p50/p95 for the queries the portal runs most: the keys list (filter + sort + page, with
// its count), key search by serial prefix, the stock summary, and the rollout dashboards with their
// drill-downs (bench-db-rollout.ts). Figures, not a pass/fail test.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildServices } from "@/server/container";
import { createDatabase, type Database } from "@/server/db/client";
import { createTestDatabase } from "@/server/db/testing";
import { benchRollout, seedRollout } from "./bench-db-rollout";
import { seedFleet } from "./bench/seed";
import { percentile as pct } from "./bench/stats";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const KEYS = opt("keys", 150_000);
const USERS = opt("users", 100_000);
const RUNS = opt("runs", 60);
const PG_URL = args.includes("--pg-url")
  ? args[args.indexOf("--pg-url") + 1]!
  : "postgresql://postgres@127.0.0.1:5432/test";
const SKIP_PG = args.includes("--no-pg");
// `--only-stock`: seed, then the stock summary alone (no rollout data): the quick check of that figure.
const ONLY_STOCK = args.includes("--only-stock");

async function measure(label: string, fn: (i: number) => Promise<unknown>, targetMs = 50) {
  for (let i = 0; i < 5; i++) await fn(i);
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  const p95 = pct(t, 0.95);
  console.log(
    `  ${label.padEnd(58)} p50 ${pct(t, 0.5).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms ${p95 <= targetMs ? "" : ` (over ${targetMs} ms)`}`,
  );
}

async function bench(name: string, db: Database) {
  const t0 = performance.now();
  await seedFleet(db, { users: USERS, keys: KEYS });
  console.log(
    `\n${name}: seeded ${KEYS} keys, ${USERS} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const inv = buildServices({ prisma: db.prisma }).inventory;
  const sites = ["site-lon", "site-ber", "site-nyc", "site-sgp", "site-ams"];
  const statuses = ["in_stock", "active", "assigned"] as const;
  await measure("keys list: status + site filter, sort serial, page 1-40", (i) =>
    inv.listKeys({
      status: statuses[i % 3],
      siteId: sites[i % 5],
      sort: { id: "serial", desc: i % 2 === 1 },
      page: 1 + (i % 40),
      pageSize: 25,
    }),
  );
  await measure("keys list: no filter, sort by status change, page 1-40", (i) =>
    inv.listKeys({ sort: { id: "changed", desc: true }, page: 1 + (i % 40), pageSize: 50 }),
  );
  await measure("keys list: model filter, sort by site", (i) =>
    inv.listKeys({
      modelId: `model-${1 + (i % 13)}`,
      sort: { id: "site", desc: false },
      page: 1 + (i % 10),
      pageSize: 25,
    }),
  );
  await measure("key search: serial prefix (4-6 digits)", (i) =>
    inv.listKeys({ q: String(2100000 + i * 7919).slice(0, 4 + (i % 3)), sort: null, page: 1, pageSize: 25 }),
  );
  await measure("key search: custodian name prefix", (i) =>
    inv.listKeys({ q: ["Amelia O", "Noah S", "Maya T", "Liam R"][i % 4], sort: null, page: 1, pageSize: 25 }),
  );
  await measure("stock summary (all sites × models, open orders, reorder points)", () =>
    inv.stockSummary({}),
  );
  if (ONLY_STOCK) return;
  const t1 = performance.now();
  await seedRollout(db, USERS);
  console.log(
    `  (rollout data seeded in ${((performance.now() - t1) / 1000).toFixed(1)} s: credentials, assignments, waves, sign-in days, snapshots, cases)`,
  );
  await benchRollout(db, measure);
}

const dir = await mkdtemp(path.join(os.tmpdir(), "keyfleet-bench-"));
try {
  const embedded = await createDatabase({ dataDir: dir });
  try {
    await bench("Embedded (PGlite on disk)", embedded);
  } finally {
    await embedded.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (!SKIP_PG) {
  const pg = await createTestDatabase({ url: PG_URL });
  try {
    await bench(`PostgreSQL (${new URL(PG_URL).host}, schema ${pg.name}, dropped after)`, pg);
  } finally {
    await pg.close();
  }
}
