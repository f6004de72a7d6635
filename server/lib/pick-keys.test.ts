import { describe, expect, it } from "vitest";
import { pickKeys } from "./pick-keys";

describe("pickKeys", () => {
  it("keeps only the named keys, in their order, and leaves the source alone", () => {
    const source = { a: 1, b: "two", c: null, d: [4] };
    const picked = pickKeys(source, ["c", "a"]);
    expect(picked).toEqual({ c: null, a: 1 });
    expect(Object.keys(picked)).toEqual(["c", "a"]);
    expect("b" in picked).toBe(false);
    expect(source).toEqual({ a: 1, b: "two", c: null, d: [4] });
  });

  it("names a missing key as undefined rather than dropping it", () => {
    const picked = pickKeys({ a: 1 } as { a: number; b?: number }, ["a", "b"]);
    expect(picked).toEqual({ a: 1, b: undefined });
    expect(Object.keys(picked)).toEqual(["a", "b"]);
  });
});
