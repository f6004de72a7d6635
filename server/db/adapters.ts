import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

// Driver-adapter factories for both databases, shared by the Prisma client and the schema engine.

/** Where a PostgreSQL database lives: the URL without `?schema=`, and the schema to use. */
export interface PostgresTarget {
  connectionString: string;
  schema: string;
}

/** `DATABASE_SCHEMA` wins over `?schema=` in the URL; the default is `public`. */
export function resolvePostgresTarget(url: string, schema?: string): PostgresTarget {
  const parsed = new URL(url);
  const fromUrl = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema: schema ?? fromUrl ?? "public" };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A pg pool whose sessions resolve unqualified names in the target schema, so `$queryRaw` and
 * hand-written migration SQL land in the same place as the client's schema-qualified queries.
 */
export function createPgPool(target: PostgresTarget, config: pg.PoolConfig = {}): pg.Pool {
  return new pg.Pool({
    connectionString: target.connectionString,
    options: `-c search_path=${quoteIdent(target.schema)}`,
    ...config,
  });
}

/** For the Prisma client. */
export function pgAdapterFactory(pool: pg.Pool, target: PostgresTarget): PrismaPg {
  return new PrismaPg(pool, { schema: target.schema });
}

/**
 * For the schema engine. adapter-pg's `executeScript` splits the script on every `;`, which breaks
 * function bodies (`$$ … ; … $$`). Sent whole, PostgreSQL runs a multi-statement simple query as one
 * implicit transaction, so a migration applies completely or not at all.
 */
export function pgMigrationAdapterFactory(
  pool: pg.Pool,
  target: PostgresTarget,
): SqlMigrationAwareDriverAdapterFactory {
  const inner = pgAdapterFactory(pool, target);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
      adapter.executeScript = async (script: string) => {
        try {
          await pool.query(script);
        } catch (error) {
          onError(error);
        }
      };
      return adapter;
    },
    connectToShadowDb: async () => {
      throw new Error(
        "KeyFleet creates migrations on an in-memory PGlite, never with a PostgreSQL shadow database",
      );
    },
  };
}

/**
 * PGlite through pglite-prisma-adapter, with one fix: its `executeScript` does not await the script,
 * so a failing migration would surface as an unhandled rejection instead of an error.
 */
export function pgliteAdapterFactory(
  client: PGlite,
  options: { shadow?: PGlite } = {},
): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPGlite(client);
  const fix = (adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter => {
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await db.exec(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => fix(await inner.connect(), client),
    // Only `createMigration` needs a shadow database; it passes a throwaway in-memory PGlite.
    connectToShadowDb: async () => {
      if (!options.shadow) throw new Error("no shadow database configured for this PGlite adapter");
      return fix(await new PrismaPGlite(options.shadow).connect(), options.shadow);
    },
  };
}
