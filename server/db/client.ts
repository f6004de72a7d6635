import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { getEnv } from "../env";
import {
  createPgPool,
  pgAdapterFactory,
  pgliteAdapterFactory,
  resolvePostgresTarget,
  type PostgresTarget,
} from "./adapters";
import { PrismaClient, Prisma } from "./generated/client";
import { acquireDataDirLock } from "./data-dir-lock";
import { applyMigrations, type ApplyResult, type MigrationPaths } from "./migrate";
import { newPglite } from "./pglite";
import { countQueries } from "./query-counter";

// One database API over two engines: PostgreSQL (DATABASE_URL) and embedded PGlite (on disk in the
// data dir, or in memory for tests). Migrations are applied on open when the database is behind.
//
// PGlite is a single connection. It serialises work itself: a query waits while a transaction is open,
// and transactions run one at a time, so concurrent callers in one process are safe — they queue.
// Two consequences: (1) inside `withTransaction(fn)` use the `tx` you are given, never the outer client
// (the outer client would wait for the transaction that is waiting for it, until the timeout); (2) keep
// transactions short — everything else waits for them. One process at a time may open an on-disk PGlite;
// a second one gets a clear error (see data-dir-lock.ts).

export type { PrismaClient };
export type DatabaseKind = "pglite" | "postgresql";
export type TransactionClient = Prisma.TransactionClient;
export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** What opening the database applied. */
  migrations: ApplyResult;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions extends MigrationPaths {
  /** postgresql:// URL. Unset → embedded PGlite. */
  url?: string;
  /** PostgreSQL: the owner role's URL; migrations run with it, everything else with `url`. */
  migrationUrl?: string;
  /** PostgreSQL schema; wins over `?schema=` in the URL. */
  schema?: string;
  /** PGlite lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** PGlite in memory (tests). */
  inMemory?: boolean;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** PostgreSQL: count every query sent (server/db/query-counter.ts). */
  countQueries?: boolean;
}

// PGlite queues transactions behind each other, so the wait for a turn must be generous.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const target = resolvePostgresTarget(options.url, options.schema);
    const migrateAs = options.migrationUrl
      ? { ...resolvePostgresTarget(options.migrationUrl), schema: target.schema }
      : undefined;
    return openPostgres(target, { ...options, migrateAs });
  }
  if (options.inMemory) return openPglite(newPglite(), options);
  const dir = path.resolve(options.dataDir, "pglite");
  await mkdir(dir, { recursive: true });
  const lock = await acquireDataDirLock(dir);
  try {
    const client = newPglite(dir);
    return await openPglite(client, options, () => lock.release());
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Wrap an open PGlite (e.g. one cloned from a template in tests). */
export async function openPglite(
  client: PGlite,
  options: MigrationPaths & { migrate?: boolean } = {},
  onClose?: () => Promise<void>,
): Promise<Database> {
  try {
    await client.waitReady;
    const migrations =
      options.migrate === false
        ? { applied: [], total: 0 }
        : await applyMigrations({ kind: "pglite", client }, options);
    const prisma = new PrismaClient({
      adapter: pgliteAdapterFactory(client),
      transactionOptions: TRANSACTION_OPTIONS,
    });
    return database(prisma, "pglite", migrations, async () => {
      await client.close();
      await onClose?.();
    });
  } catch (error) {
    if (!client.closed) await client.close();
    throw error;
  }
}

export async function openPostgres(
  target: PostgresTarget,
  options: MigrationPaths & { migrate?: boolean; migrateAs?: PostgresTarget; countQueries?: boolean } = {},
  onClose?: (pool: pg.Pool) => Promise<void>,
): Promise<Database> {
  const migrations =
    options.migrate === false
      ? { applied: [], total: 0 }
      : await applyMigrations({ kind: "postgresql", target: options.migrateAs ?? target }, options);
  const pool = createPgPool(target);
  if (options.countQueries) countQueries(pool);
  const prisma = new PrismaClient({ adapter: pgAdapterFactory(pool, target) });
  return database(prisma, "postgresql", migrations, async () => {
    await onClose?.(pool);
    await pool.end();
  });
}

/** The Database over an open client; closing disconnects Prisma, then `release` frees what is under it, once. */
function database(
  prisma: PrismaClient,
  kind: DatabaseKind,
  migrations: ApplyResult,
  release: () => Promise<void>,
): Database {
  let closed = false;
  return {
    prisma,
    kind,
    migrations,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await release();
    },
  };
}

// Kept on globalThis so Next's dev-mode module reloads reuse one database instead of opening another
// PGlite on the same directory (which the data-dir lock would refuse).
const holder = globalThis as typeof globalThis & { __keyfleetDb?: Promise<Database> };

/** The process-wide database, opened (and migrated) on first use from the environment. */
export function getDb(): Promise<Database> {
  if (!holder.__keyfleetDb) {
    const env = getEnv();
    const opening = createDatabase({
      url: env.DATABASE_URL,
      migrationUrl: env.DATABASE_MIGRATION_URL,
      schema: env.DATABASE_SCHEMA,
      dataDir: env.KEYFLEET_DATA_DIR,
      countQueries: env.KEYFLEET_QUERY_COUNTER === "1",
    });
    holder.__keyfleetDb = opening;
    // A failed open is not cached: the next caller tries again.
    opening.catch(() => {
      if (holder.__keyfleetDb === opening) holder.__keyfleetDb = undefined;
    });
  }
  return holder.__keyfleetDb;
}

/** Close the process-wide database (CLI exit, tests). */
export async function closeDb(): Promise<void> {
  const current = holder.__keyfleetDb;
  holder.__keyfleetDb = undefined;
  if (current) await (await current).close();
}

export interface TransactionOptions {
  /** Defaults to the process-wide database. */
  db?: Database;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  maxWait?: number;
  timeout?: number;
}

/**
 * Run `fn` in one interactive transaction: everything commits together or nothing does. Use the `tx`
 * passed in for every query (see the PGlite note at the top of this file).
 */
export async function withTransaction<T>(
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  { db, ...options }: TransactionOptions = {},
): Promise<T> {
  const database = db ?? (await getDb());
  return database.prisma.$transaction(fn, { ...TRANSACTION_OPTIONS, ...options });
}
