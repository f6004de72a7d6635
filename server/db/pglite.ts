import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

// Every embedded database loads the same extensions: a migration creates pg_trgm (trigram indexes for
// contains-search), and a data dir made with an extension cannot be opened without it.
const extensions = { pg_trgm };

// PostgreSQL's default 128 MB of shared buffers is WebAssembly memory PGlite touches as it works: ~250 MB
// of RSS once open. 16 MB opens at ~120 MB and reads measured no slower (docs/BENCHMARKS.md, "capacity"):
// the operating system caches the data files as well. But making a data dir (initdb and every migration)
// took about twice as long with 16 MB, so a new data dir is made with the default and only an existing one
// (every start after the first; the portal's process in bench:sync) opens small.
export const PGLITE_SHARED_BUFFERS = "16MB";

/** Whether `dataDir` already holds a database (initdb writes PG_VERSION first). */
export const isExistingDataDir = (dataDir: string) => existsSync(path.join(dataDir, "PG_VERSION"));

/** An embedded PostgreSQL: on disk in `dataDir`, or in memory without one. */
export function newPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  const small =
    dataDir && isExistingDataDir(dataDir)
      ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`] }
      : {};
  return new PGlite({ ...small, ...options, ...(dataDir ? { dataDir } : {}), extensions });
}
