import { describe, expect, it } from "vitest";
import { webConcurrency } from "./web-concurrency";

const pg = { DATABASE_URL: "postgresql://kf@db:5432/keyfleet" };

describe("WEB_CONCURRENCY (processes npm start runs)", () => {
  it("on PostgreSQL defaults to one per core, and takes what WEB_CONCURRENCY says", () => {
    expect(webConcurrency(pg, 4).workers).toBe(4);
    expect(webConcurrency(pg, 4).reason).toMatch(/one per core/);
    expect(webConcurrency({ ...pg, WEB_CONCURRENCY: "3" }, 8).workers).toBe(3);
    expect(webConcurrency({ ...pg, WEB_CONCURRENCY: "1" }, 8)).toEqual({
      workers: 1,
      reason: "1 process (WEB_CONCURRENCY)",
    });
  });

  it("with the embedded database is one process, and says why when more were asked for", () => {
    expect(webConcurrency({}, 8)).toEqual({ workers: 1, reason: "1 process (embedded database)" });
    const asked = webConcurrency({ WEB_CONCURRENCY: "4" }, 8);
    expect(asked.workers).toBe(1);
    expect(asked.reason).toMatch(/WEB_CONCURRENCY=4 needs PostgreSQL/);
  });

  it("refuses a value that is not a whole number from 1 to 64, naming the variable", () => {
    for (const bad of ["0", "-2", "1.5", "lots", "65"])
      expect(() => webConcurrency({ ...pg, WEB_CONCURRENCY: bad }, 2)).toThrow(/^WEB_CONCURRENCY: expected/);
  });
});
