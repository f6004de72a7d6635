import { describe, expect, it } from "vitest";
import { standardModels, type ModelUse } from "./standard-model";

const models = [
  { id: "a", productName: "Alpha" },
  { id: "b", productName: "Bravo" },
  { id: "c", productName: "Charlie" },
  { id: "d", productName: "Delta" },
];
const use = (
  siteId: string,
  modelId: string,
  inService: number,
  reorderPoint: number | null = null,
): ModelUse => ({
  siteId,
  modelId,
  inService,
  reorderPoint,
});

describe("standard models", () => {
  it("takes the most deployed models until they hold 80 % of the keys in service", () => {
    // 100 in service: a 60, b 25, c 10, d 5. a alone is 60 % (< 80), a + b is 85 % → {a, b}.
    const r = standardModels(
      [use("lon", "a", 60), use("lon", "b", 25), use("ber", "c", 10), use("ber", "d", 5)],
      models,
      ["lon", "ber"],
    );
    expect(r.standard).toEqual(["a", "b"]);
    // BER deploys neither a nor b: it gets the organisation's first.
    expect(r.bySite).toEqual({ lon: "a", ber: "a" });
  });

  it("gives each site the standard model it deploys most", () => {
    // a 50 + b 45 = 95 of 100: both standard; BER holds more b than a.
    const r = standardModels(
      [use("lon", "a", 45), use("ber", "a", 5), use("ber", "b", 45), use("ber", "c", 5)],
      models,
      ["lon", "ber", "par"],
    );
    expect(r.standard).toEqual(["a", "b"]);
    expect(r.bySite).toEqual({ lon: "a", ber: "b", par: "a" });
  });

  it("with no key in service, falls back to the model with the highest reorder points; with none, no model", () => {
    const r = standardModels([use("lon", "c", 0, 5), use("ber", "b", 0, 3), use("ber", "c", 0, 1)], models, [
      "lon",
    ]);
    expect(r).toEqual({ standard: ["c"], bySite: { lon: "c" } });
    expect(standardModels([], models, ["lon"])).toEqual({ standard: [], bySite: { lon: null } });
  });
});
