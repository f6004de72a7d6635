import { describe, expect, it } from "vitest";
import { portalNodeFlags, portalNodeFlagsFor, postgresYoungGeneration } from "./portal-node-flags";

describe("portalNodeFlagsFor", () => {
  it("gives a portal on PostgreSQL the larger young generation, besides the heap limit", () => {
    const flags = portalNodeFlagsFor({ DATABASE_URL: "postgresql://kf@db/keyfleet" });
    expect(flags).toEqual([...portalNodeFlags, postgresYoungGeneration]);
    expect(flags).toContain("--max-old-space-size=1024");
  });

  it("leaves the embedded database's one process with the heap limit only", () => {
    expect(portalNodeFlagsFor({})).toEqual(portalNodeFlags);
    expect(portalNodeFlagsFor({ DATABASE_URL: "  " })).toEqual(portalNodeFlags);
    expect(portalNodeFlagsFor({})).not.toContain(postgresYoungGeneration);
  });
});
