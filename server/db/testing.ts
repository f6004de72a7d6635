import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "../env";
import { quoteIdent, resolvePostgresTarget } from "./adapters";
import { openPglite, openPostgres, type Database } from "./client";
import { applyMigrations, readMigrations } from "./migrate";
import { newPglite } from "./pglite";
import { countPgliteQueries } from "./query-counter";

// Fresh, migrated databases for integration tests.
// - Default: an in-memory PGlite cloned from a migrated template. Starting PGlite from nothing costs
//   ~3.5 s (initdb); loading a dumped data dir costs well under 1 s. The template is built once per
//   migrations version and kept in node_modules/.cache/keyfleet, so parallel test workers share it.
// - DATABASE_URL set: a fresh schema on that server, migrated, dropped again on close().

export interface TestDatabase extends Database {
  /** The PostgreSQL schema, or "memory" for PGlite. */
  name: string;
}

export interface TestDatabaseOptions {
  /** Defaults to DATABASE_URL from the environment; unset → PGlite. */
  url?: string | null;
  /** Count every statement sent to the database (query-counter.ts's queriesSent()). */
  countQueries?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = options.url === undefined ? getEnv().DATABASE_URL : (options.url ?? undefined);
  const count = options.countQueries ?? false;
  return url ? createPostgresTestDatabase(url, count) : createPgliteTestDatabase(count);
}

async function createPostgresTestDatabase(url: string, countQueries: boolean): Promise<TestDatabase> {
  const schema = `kf_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const target = { ...resolvePostgresTarget(url), schema };
  const db = await openPostgres(target, { countQueries }, async (pool) => {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  });
  return { ...db, name: schema };
}

async function createPgliteTestDatabase(countQueries: boolean): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const client = newPglite(undefined, { loadDataDir: template });
  if (countQueries) countPgliteQueries(client);
  const db = await openPglite(client, { migrate: false });
  return { ...db, name: "memory" };
}

/**
 * An on-disk embedded database under `<dataDir>/pglite`, made from the migrated template (for a child
 * process to open as its KEYFLEET_DATA_DIR): initdb and every migration on disk take ~10× longer.
 */
export async function createPgliteDataDir(dataDir: string): Promise<void> {
  const client = newPglite(path.join(dataDir, "pglite"), { loadDataDir: await pgliteTemplate() });
  await client.waitReady;
  await client.close();
}

const holder = globalThis as typeof globalThis & { __keyfleetPgliteTemplate?: Promise<Blob> };

function pgliteTemplate(): Promise<Blob> {
  holder.__keyfleetPgliteTemplate ??= loadOrBuildTemplate().catch((error: unknown) => {
    holder.__keyfleetPgliteTemplate = undefined;
    throw error;
  });
  return holder.__keyfleetPgliteTemplate;
}

async function loadOrBuildTemplate(): Promise<Blob> {
  const key = await templateKey();
  const dir = path.resolve("node_modules/.cache/keyfleet");
  const file = path.join(dir, `pglite-template-${key}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);

  const client = newPglite();
  try {
    await applyMigrations({ kind: "pglite", client });
    const dump = await client.dumpDataDir("none");
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Write then rename: a parallel worker never reads a half-written template.
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return new Blob([bytes]);
  } finally {
    await client.close();
  }
}

/** Changes whenever a migration or the PGlite version changes. */
async function templateKey(): Promise<string> {
  const hash = createHash("sha256");
  const list = await readMigrations(path.resolve("prisma/migrations"));
  for (const dir of list.migrationDirectories) {
    hash.update(dir.path);
    hash.update(dir.migrationFile.content.tag === "ok" ? dir.migrationFile.content.value : "?");
  }
  const pglitePkg = await readFile(
    path.resolve("node_modules/@electric-sql/pglite/package.json"),
    "utf8",
  ).catch(() => "");
  hash.update(pglitePkg);
  return hash.digest("hex").slice(0, 16);
}

/** Every row of every table of the test database as JSON text: what a secret must never be found in. */
export async function dumpTables(prisma: Database["prisma"]): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const rows: string[] = [];
  for (const { t } of tables)
    for (const r of await prisma.$queryRawUnsafe<{ r: string }[]>(
      `SELECT row_to_json(x)::text AS r FROM "${t}" x`,
    ))
      rows.push(r.r);
  return rows.join("\n");
}
