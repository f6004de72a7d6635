import { describe, expect, it } from "vitest";
import { api, db, useProcurementDatabase } from "./procurement.testing";

// Procurement's forecast and Rollout's stock panel once said 24.3 % and 0.0 % at the same moment (Rollout
// showed a rate stored with its last figures). Both now read lossRate() live: the same figure, by hand.

useProcurementDatabase();

const key = (serial: string, status: string, changed: string) => ({
  serial,
  vendor: "Yubico",
  modelId: "m1",
  siteId: "lon",
  status: status as "active",
  statusChangedAt: new Date(changed),
});

describe("one loss rate for Procurement and Rollout", () => {
  it("both pages show the same rate, the hand-computed one, and follow a new loss together", async () => {
    // The clock is 2026-03-01 09:00; the window is the 90 days since 2025-12-01 09:00.
    await db.prisma.securityKey.createMany({
      data: [
        ...["A1", "A2", "A3", "A4", "A5", "A6"].map((s) => key(s, "active", "2026-01-10")),
        key("S1", "assigned", "2026-02-20"),
        key("S2", "assigned", "2026-02-21"),
        key("L1", "lost", "2026-02-01"),
        key("L2", "lost", "2026-02-02"),
        key("L3", "stolen", "2026-01-15"),
        key("OLD", "damaged", "2025-11-01"), // before the window: not counted
        ...["I1", "I2", "I3", "I4"].map((s) => key(s, "in_stock", "2026-02-01")), // nobody holds them
      ],
    });
    // 3 losses; 8 in service + 3 lost = 11 exposed; 3 / 11 / 90 × 365 = 1.106060… → 1.1061.
    const forecast = await api.procurement.forecast({ horizonDays: 90 });
    const stock = await api.rollout.stock();
    expect(forecast.lossRate).toEqual({ losses: 3, exposure: 11, windowDays: 90, perKeyPerYear: 1.1061 });
    expect(stock.lossPerKeyPerYear).toBe(forecast.lossRate.perKeyPerYear);

    // One more loss now: 4 lost, 7 in service, 11 exposed; 4 / 11 / 90 × 365 = 1.474747… → 1.4747.
    await db.prisma.securityKey.update({
      where: { vendor_serial: { vendor: "Yubico", serial: "A1" } },
      data: { status: "lost", statusChangedAt: new Date("2026-03-01T08:00:00Z") },
    });
    const [f2, s2] = await Promise.all([api.procurement.forecast({ horizonDays: 90 }), api.rollout.stock()]);
    expect(f2.lossRate.perKeyPerYear).toBe(1.4747);
    expect(s2.lossPerKeyPerYear).toBe(1.4747);
    // And the per-site figures agree too: LON's replacements are the same on both pages.
    const lonForecast = f2.lines.filter((l) => l.site === "LON").reduce((n, l) => n + l.replacementDemand, 0);
    expect(s2.sites.find((s) => s.site === "LON")?.replacementDemand).toBe(lonForecast);
    expect(lonForecast).toBe(3); // 7 in service × 4 / 11 / 90 × 90 = 2.55 → 3
  });
});
