import pg from "pg";

/**
 * Runs `fn` holding a PostgreSQL session advisory lock named `key`, on a connection of its own that
 * `fn` may use. Several processes starting at once (`WEB_CONCURRENCY`, several machines) wait for each
 * other here instead of racing on the same DDL; closing the session releases the lock even if `fn` throws.
 */
export async function underSessionLock<T>(
  config: pg.ClientConfig,
  key: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
    return await fn(client);
  } finally {
    await client.end();
  }
}
