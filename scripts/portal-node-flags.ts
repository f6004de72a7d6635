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
// PostgreSQL keeps the flags above: its portal serves the HTTP load (bench:load), measured with them.
export const embeddedPortalNodeFlags = ["--max-old-space-size=512", "--max-semi-space-size=4"];

/** The portal's Node flags for its database: embedded unless a DATABASE_URL is given. */
export const portalNodeFlagsFor = (databaseUrl: string | undefined) =>
  databaseUrl?.trim() ? portalNodeFlags : embeddedPortalNodeFlags;
