// Node flags for the portal process, used by `npm start`, by the portal the HTTP benches start and by
// bench:sync's portal process (so the benchmarks measure what runs).
//
// Why a heap limit: V8 lets garbage pile up to 4× the live heap before a full collection when the heap
// limit is 2 GB or more (the default on a machine this size), and scales that factor down towards 1.3 for
// smaller limits (heap-controller.cc, MaxGrowingFactor). A 100 000-user sync keeps ~70 MB live, so with
// the default its heap reached ~300 MB of mostly garbage. 1 GB still leaves ample headroom for the live
// set and brings the factor to ~1.6.
export const portalNodeFlags = ["--max-old-space-size=1024"];

// On the embedded database the engine (PGlite: PostgreSQL in WebAssembly) lives in the portal's process
// and takes ~110 MB of its RSS before any work, so the rest must be tighter to keep a 100 000-user sync
// under 400 MB (docs/BENCHMARKS.md, "sync-strict-100k"). Two V8 limits, neither changing what runs:
// - the young generation: by default it grows to 16 MB per semi-space under a sync's allocation rate (3 ×
//   16 MB committed); 4 MB measured 30–50 MB less RSS at start-up and at the peak of a 20 000-user sync,
//   in the same time (the sync is paced by Graph, not by the collector);
// - the old generation: 512 MB, a smaller growing factor again, still 7× the live set of that sync.
export const embeddedPortalNodeFlags = ["--max-old-space-size=512", "--max-semi-space-size=4"];

// Why a larger young generation on PostgreSQL: rendering a page allocates mostly short-lived objects, and
// with V8's default 16 MB semi-space a busy worker spent ~9 % of its time in garbage collection under
// `bench:load -- --think 0`; with 64 MB, ~6.5 % (CPU profiles of both, taken in turn on one seeded fleet).
// It costs memory (with reading agents a worker peaked 40–70 MB higher), so not on the embedded database.
export const postgresYoungGeneration = "--max-semi-space-size=64";

// Why no background GC threads on PostgreSQL: `npm start` runs one worker per core, so the cores are
// already busy with the workers and PostgreSQL, and V8's helper threads for the young generation and
// concurrent marking only add hand-over costs. Twelve runs of `bench:load -- --think 0` in turn on the idle
// machine (25 s each): the workers' CPU per request 14.0 ms with V8's default, 12.8 ms with the flag;
// 99.6 against 108.1 requests/s on average, the flag ahead in 5 of 6 adjacent pairs, p95 alike
// (docs/BENCHMARKS.md, "Fourth pass"). Not on the embedded database: one process, cores to spare.
export const postgresGcThreads = "--single-threaded-gc";

type Env = Readonly<Record<string, string | undefined>>;
/** Embedded unless a DATABASE_URL is given. */
const onPostgres = (env: Env) => Boolean(env.DATABASE_URL?.trim());

/** The flags for a portal with this environment. */
export function portalNodeFlagsFor(env: Env): string[] {
  return onPostgres(env)
    ? [...portalNodeFlags, postgresYoungGeneration, postgresGcThreads]
    : embeddedPortalNodeFlags;
}

// glibc's malloc gives each thread that allocates an arena of its own (up to 8 per core); the embedded
// engine's memory, Prisma's and Node's worker threads then each hold freed pages in their own. Two arenas,
// read by glibc when the process starts (so it goes in the environment, not the flags): a 20 000-user
// strict sync on the embedded database peaked at 357 / 381 MB against 398 / 417 MB with glibc's default,
// taken in turn; at 100 000 users 399 MB against 420 (docs/BENCHMARKS.md, "Fourth pass" and
// "sync-strict-100k"). Not on PostgreSQL, where it was not measured.
export const embeddedMallocArenas = "2";

/** The flags Node accepts in NODE_OPTIONS (--single-threaded-gc is only accepted on the command line). */
export function nodeOptionsOf(flags: readonly string[]): string {
  return flags.filter((f) => process.allowedNodeEnvironmentFlags.has(f.split("=")[0]!)).join(" ");
}

/** Environment for a portal process with this environment: MALLOC_ARENA_MAX unless set already. */
export function portalEnvFor(env: Env): Record<string, string> {
  if (onPostgres(env) || env.MALLOC_ARENA_MAX) return {};
  return { MALLOC_ARENA_MAX: embeddedMallocArenas };
}
