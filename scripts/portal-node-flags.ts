// Node flags for the portal process, used by `npm start`, by the portal the HTTP benches start and by
// bench:sync's portal process (so the benchmarks measure what runs).
//
// Why a heap limit: V8 lets garbage pile up to 4× the live heap before a full collection when the heap
// limit is 2 GB or more (the default on a machine this size), and scales that factor down towards 1.3 for
// smaller limits (heap-controller.cc, MaxGrowingFactor). A 100 000-user sync keeps ~70 MB live, so with
// the default its heap reached ~300 MB of mostly garbage. 1 GB still leaves ample headroom for the live
// set and brings the factor to ~1.6.
export const portalNodeFlags = ["--max-old-space-size=1024"];

// Why a larger young generation on PostgreSQL: rendering a page allocates mostly short-lived objects, and
// with V8's default 16 MB semi-space a busy worker spent ~9 % of its time in garbage collection under
// `bench:load -- --think 0`; with 64 MB, ~6.5 % (CPU profiles of both, taken in turn on one seeded fleet).
// It costs memory (with reading agents a worker peaked 40–70 MB higher), so not on the embedded database,
// whose one process also holds PGlite and has a memory target of its own (bench:sync).
export const postgresYoungGeneration = "--max-semi-space-size=64";

/** The flags for a portal with this environment: the young generation grows only on PostgreSQL. */
export function portalNodeFlagsFor(env: Readonly<Record<string, string | undefined>>): string[] {
  return env.DATABASE_URL?.trim() ? [...portalNodeFlags, postgresYoungGeneration] : portalNodeFlags;
}
