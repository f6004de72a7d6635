import { describe, expect, it } from "vitest";
import { buildStockRows } from "./stock";

const sites = [{ id: "s1", code: "LON", kind: "office" as const }];
const models = [
  { id: "m1", productName: "Key A" },
  { id: "m2", productName: "Key B" },
];

describe("stock summary", () => {
  it("buckets statuses, adds open orders and flags stock under the reorder point", () => {
    const rows = buildStockRows({
      sites,
      models,
      counts: [
        { siteId: "s1", modelId: "m1", status: "in_stock", count: 4 },
        { siteId: "s1", modelId: "m1", status: "active", count: 3 },
        { siteId: "s1", modelId: "m1", status: "assigned", count: 2 },
        { siteId: "s1", modelId: "m1", status: "stolen", count: 1 },
        { siteId: "s1", modelId: "m1", status: "retired", count: 9 },
        { siteId: "s1", modelId: "m2", status: "in_stock", count: 10 },
      ],
      onOrder: [{ siteId: "s1", modelId: "m1", open: 20 }],
      reorderPoints: [
        { siteId: "s1", modelId: "m1", minimum: 5 },
        { siteId: "s1", modelId: "m2", minimum: 10 },
      ],
    });
    expect(rows[0]).toMatchObject({
      model: "Key A",
      inStock: 4,
      assigned: 5,
      lost: 1,
      onOrder: 20,
      reorderPoint: 5,
      isLow: true,
    });
    // Exactly at the reorder point is not low.
    expect(rows[1]).toMatchObject({ model: "Key B", inStock: 10, isLow: false });
  });
});
