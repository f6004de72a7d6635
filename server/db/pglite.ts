import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// Every embedded database loads the same extensions: a migration creates pg_trgm (trigram indexes for
// contains-search), and a data dir made with an extension cannot be opened without it.
const extensions = { pg_trgm };

// PostgreSQL's default 128 MB of shared buffers is WebAssembly memory PGlite touches at start: ~250 MB
// RSS on open. 16 MB opens at ~120 MB and measured no slower (docs/BENCHMARKS.md, "capacity"): the
// operating system caches the data files as well.
export const PGLITE_SHARED_BUFFERS = "16MB";

/** An embedded PostgreSQL: on disk in `dataDir`, or in memory without one. */
export function newPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  return new PGlite({
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    ...options,
    ...(dataDir ? { dataDir } : {}),
    extensions,
  });
}
