import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

// Round trips to PostgreSQL, counted at the database client: every query a pooled connection sends
// (Prisma's, raw SQL, BEGIN/COMMIT) adds one. Off unless KEYFLEET_QUERY_COUNTER=1 (bench:load turns it on
// to print queries per render); /api/bench/queries reads it. Tests count an embedded database's
// statements the same way (countPgliteQueries, through createTestDatabase({ countQueries: true })).

const counter = globalThis as typeof globalThis & { __keyfleetQueries?: number };

/** Queries this process has sent since start, or null when counting is off. */
export function queriesSent(): number | null {
  return counter.__keyfleetQueries ?? null;
}

/** Count every query the pool's connections send from now on. */
export function countQueries(pool: pg.Pool): void {
  counter.__keyfleetQueries ??= 0;
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
      counter.__keyfleetQueries = (counter.__keyfleetQueries ?? 0) + 1;
      return query(...args);
    };
  });
}

/** Count every statement sent to an embedded database from now on (its one connection). */
export function countPgliteQueries(client: PGlite): void {
  counter.__keyfleetQueries ??= 0;
  for (const method of ["query", "exec"] as const) {
    const send = client[method].bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      counter.__keyfleetQueries = (counter.__keyfleetQueries ?? 0) + 1;
      return send(...args);
    };
  }
}
