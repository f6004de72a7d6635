// Node flags for the portal process, used by `npm start`, by the portal the HTTP benches start and by
// bench:sync's portal process (so the benchmarks measure what runs).
//
// Why a heap limit: V8 lets garbage pile up to 4× the live heap before a full collection when the heap
// limit is 2 GB or more (the default on a machine this size), and scales that factor down towards 1.3 for
// smaller limits (heap-controller.cc, MaxGrowingFactor). A 100 000-user sync keeps ~70 MB live, so with
// the default its heap reached ~300 MB of mostly garbage. 1 GB still leaves ample headroom for the live
// set and brings the factor to ~1.6.
export const portalNodeFlags = ["--max-old-space-size=1024"];
