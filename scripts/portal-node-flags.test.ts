import { describe, expect, it } from "vitest";
import { nodeOptionsOf, portalEnvFor, portalNodeFlagsFor } from "./portal-node-flags";

describe("portalNodeFlagsFor", () => {
  it("gives a portal on PostgreSQL the 1 GB heap limit, the larger young generation and no GC threads", () => {
    expect(portalNodeFlagsFor({ DATABASE_URL: "postgresql://kf@db/keyfleet" })).toEqual([
      "--max-old-space-size=1024",
      "--max-semi-space-size=64",
      "--single-threaded-gc",
    ]);
  });

  it("puts in NODE_OPTIONS only what Node accepts there", () => {
    const pg = portalNodeFlagsFor({ DATABASE_URL: "postgresql://kf@db/keyfleet" });
    expect(nodeOptionsOf(pg)).toBe("--max-old-space-size=1024 --max-semi-space-size=64");
    expect(nodeOptionsOf(portalNodeFlagsFor({}))).toBe("--max-old-space-size=512 --max-semi-space-size=4");
  });

  it("keeps the embedded database's one process tight: a 512 MB heap and a 4 MB young generation", () => {
    for (const env of [{}, { DATABASE_URL: "  " }]) {
      const flags = portalNodeFlagsFor(env);
      expect(flags).toEqual(["--max-old-space-size=512", "--max-semi-space-size=4"]);
      expect(flags).not.toContain("--max-semi-space-size=64");
    }
  });

  it("limits the embedded portal to two malloc arenas, unless the operator chose a number; not on PostgreSQL", () => {
    expect(portalEnvFor({})).toEqual({ MALLOC_ARENA_MAX: "2" });
    expect(portalEnvFor({ MALLOC_ARENA_MAX: "4" })).toEqual({});
    expect(portalEnvFor({ DATABASE_URL: "postgresql://kf@db/keyfleet" })).toEqual({});
  });
});
