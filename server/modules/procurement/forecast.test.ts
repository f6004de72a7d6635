import { describe, expect, it } from "vitest";
import { forecastDemand, type ForecastInput } from "./forecast";
import { lossRateOf } from "./loss-rate";
import { isoDay } from "@/server/lib/time";

const today = new Date("2026-03-01T10:00:00Z");
const base: ForecastInput = {
  today,
  horizonDays: 90,
  lossRate: lossRateOf({ losses: 0, inService: 0, windowDays: 90 }),
  waveGroups: [],
  // m1 is LON's standard model (the only key in service there is one), m2 BER's; nothing to order yet.
  stock: [
    { siteId: "lon", modelId: "m1", inStock: 0, onOrder: 0, inService: 1, reorderPoint: null },
    { siteId: "ber", modelId: "m2", inStock: 0, onOrder: 0, inService: 1, reorderPoint: null },
  ],
  sites: [
    { id: "lon", code: "LON" },
    { id: "ber", code: "BER" },
  ],
  models: [
    { id: "m1", productName: "Key One", leadTimeDays: 14 },
    { id: "m2", productName: "Key Two", leadTimeDays: 30 },
  ],
};
const wave = (o: Partial<ForecastInput["waveGroups"][number]>) => ({
  waveName: "W1",
  startDate: new Date("2026-04-01"),
  requiresBackupKey: false,
  siteId: "lon",
  keysHeld: 0,
  users: 10,
  ...o,
});

describe("forecast arithmetic", () => {
  it("counts one key per user without one, two where the wave requires a backup key, minus keys held", () => {
    const r = forecastDemand({
      ...base,
      waveGroups: [
        wave({ users: 10, keysHeld: 0 }), // 10
        wave({ users: 5, keysHeld: 1 }), // already have their one key: 0
        wave({ waveName: "W2", requiresBackupKey: true, users: 4, keysHeld: 0 }), // 8
        wave({ waveName: "W2", requiresBackupKey: true, users: 3, keysHeld: 1 }), // 3
        wave({ waveName: "W2", requiresBackupKey: true, users: 2, keysHeld: 2 }), // 0
      ],
    });
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({
      site: "LON",
      model: "Key One",
      waveDemand: 21,
      recommendedQuantity: 21,
      waves: ["W1", "W2"],
    });
  });

  it("subtracts stock and open orders, adds the reorder point, and never recommends a negative order", () => {
    const r = forecastDemand({
      ...base,
      waveGroups: [wave({ users: 30 })],
      stock: [
        { siteId: "lon", modelId: "m1", inStock: 12, onOrder: 5, inService: 0, reorderPoint: 10 }, // 30 + 10 − 12 − 5 = 23
        { siteId: "ber", modelId: "m2", inStock: 50, onOrder: 0, inService: 0, reorderPoint: 5 }, // 5 − 50 → 0
      ],
    });
    const lon = r.lines.find((l) => l.site === "LON")!;
    const ber = r.lines.find((l) => l.site === "BER")!;
    expect(lon.recommendedQuantity).toBe(23);
    expect(ber.recommendedQuantity).toBe(0);
    expect(ber.isLate).toBe(false);
  });

  it("adds replacements at the recent loss rate over the horizon, rounded up once per site", () => {
    // 9 losses over 90 days among 300 in service + 9 lost = 309 exposed → 9/309/90 per key-day.
    const r = forecastDemand({
      ...base,
      lossRate: lossRateOf({ losses: 9, inService: 300, windowDays: 90 }),
      stock: [
        { siteId: "lon", modelId: "m1", inStock: 0, onOrder: 0, inService: 200, reorderPoint: null },
        { siteId: "ber", modelId: "m2", inStock: 0, onOrder: 0, inService: 100, reorderPoint: null },
      ],
    });
    expect(r.lossRate).toMatchObject({ losses: 9, exposure: 309, windowDays: 90 });
    expect(r.lossRate.perKeyPerYear).toBe(0.1181); // 9 / 309 / 90 × 365 = 0.118123…
    expect(r.lines.find((l) => l.site === "LON")!.replacementDemand).toBe(6); // 200 × 9 / 309 = 5.82 → 6
    expect(r.lines.find((l) => l.site === "BER")!.replacementDemand).toBe(3); // 2.91 → 3
  });

  it("puts a site's replacements on its standard model, not one unit on each niche model it holds", () => {
    // LON: 80 × m1, 3 × m2, 2 × m3 in service = 85; 10 lost of 170 exposed over 90 days.
    // Per site: 85 × 10 / 170 = 5 exactly, all on m1; m2 and m3 alone would each have rounded up to 1.
    const r = forecastDemand({
      ...base,
      models: [...base.models, { id: "m3", productName: "Key Three", leadTimeDays: 7 }],
      lossRate: lossRateOf({ losses: 10, inService: 160, windowDays: 90 }),
      stock: [
        { siteId: "lon", modelId: "m1", inStock: 0, onOrder: 0, inService: 80, reorderPoint: null },
        { siteId: "lon", modelId: "m2", inStock: 0, onOrder: 0, inService: 3, reorderPoint: null },
        { siteId: "lon", modelId: "m3", inStock: 0, onOrder: 0, inService: 2, reorderPoint: null },
        { siteId: "ber", modelId: "m1", inStock: 0, onOrder: 0, inService: 75, reorderPoint: null },
      ],
    });
    expect(r.standardModels.map((m) => m.modelId)).toEqual(["m1"]); // 155 of 160 in service
    expect(
      r.lines.map((l) => [l.site, l.model, l.replacementDemand, l.recommendedQuantity, l.isStandard]),
    ).toEqual([
      ["BER", "Key One", 5, 5, true], // 75 × 10 / 170 = 4.41 → 5
      ["LON", "Key One", 5, 5, true],
    ]);
    // Replenishment, not a wave: ordered today it is on time, needed once the 14-day lead time has run.
    expect(r.lines.map((l) => [isoDay(l.orderBy), isoDay(l.neededBy), l.isLate])).toEqual([
      ["2026-03-01", "2026-03-15", false],
      ["2026-03-01", "2026-03-15", false],
    ]);
  });

  it("dates the order by the earliest wave start minus the lead time; when that has passed it is late and due today", () => {
    const r = forecastDemand({
      ...base,
      waveGroups: [
        wave({ siteId: "lon", startDate: new Date("2026-03-10") }),
        wave({ siteId: "ber", waveName: "W3", startDate: new Date("2026-06-01") }),
      ],
    });
    const lon = r.lines.find((l) => l.site === "LON")!;
    const ber = r.lines.find((l) => l.site === "BER")!;
    expect(isoDay(lon.neededBy)).toBe("2026-03-10");
    // 14 days lead time would mean ordering on 2026-02-24, already past: late, order today, not a past date.
    expect(isoDay(lon.orderBy)).toBe("2026-03-01");
    expect(lon.isLate).toBe(true);
    expect(r.lines[0]).toBe(lon); // late lines come first
    expect(isoDay(ber.orderBy)).toBe("2026-05-02"); // 30 days lead time
    expect(ber.isLate).toBe(false);
  });

  it("a wave already under way is needed today, and users with no site are counted apart, not guessed", () => {
    const r = forecastDemand({
      ...base,
      waveGroups: [wave({ startDate: new Date("2026-01-01") }), wave({ siteId: null, users: 7 })],
    });
    expect(isoDay(r.lines[0]!.neededBy)).toBe("2026-03-01");
    expect(r.usersWithoutSite).toBe(7);
  });

  it("with no waves, no losses and no reorder points there is nothing to order", () => {
    const r = forecastDemand({
      ...base,
      stock: [{ siteId: "lon", modelId: "m1", inStock: 3, onOrder: 0, inService: 10, reorderPoint: null }],
    });
    expect(r.lines).toEqual([]);
    expect(r.standardModels).toEqual([{ modelId: "m1", model: "Key One" }]);
    expect(r.lossRate.perKeyPerYear).toBe(0);
  });
});
