import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// Every embedded database loads the same extensions: a migration creates pg_trgm (trigram indexes for
// contains-search), and a data dir made with an extension cannot be opened without it.
const extensions = { pg_trgm };

/** An embedded PostgreSQL: on disk in `dataDir`, or in memory without one. */
export function newPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  return new PGlite({ ...options, ...(dataDir ? { dataDir } : {}), extensions });
}
