import { csvExport, type CsvColumn } from "@/server/modules/inventory/csv";
import { isoDay, startOfDay } from "@/server/lib/time";
import { forecastDemand } from "./forecast";
import { makeLossRate } from "./loss-rate";
import type { ForecastResult } from "./procurement.schemas";
import type { ProcurementDeps } from "./procurement.deps";

const forecastColumns: CsvColumn<ForecastResult["lines"][number]>[] = [
  { header: "site", value: (l) => l.site },
  { header: "model", value: (l) => l.model },
  { header: "wave_demand", value: (l) => l.waveDemand },
  { header: "replacement_demand", value: (l) => l.replacementDemand },
  { header: "reorder_point", value: (l) => l.reorderPoint },
  { header: "in_stock", value: (l) => l.inStock },
  { header: "on_order", value: (l) => l.onOrder },
  { header: "recommended_quantity", value: (l) => l.recommendedQuantity },
  { header: "order_by", value: (l) => isoDay(l.orderBy) },
  { header: "needed_by", value: (l) => isoDay(l.neededBy) },
  { header: "is_late", value: (l) => (l.isLate ? "yes" : "no") },
  { header: "waves", value: (l) => l.waves.join("; ") },
  { header: "is_standard_model", value: (l) => (l.isStandard ? "yes" : "no") },
];

/** The demand forecast and the loss rate it rests on (the one Rollout shows too). */
export function makeForecastService({ uow, repo, inventory, clock }: ProcurementDeps) {
  const lossRate = makeLossRate({ db: uow.db, counts: repo.lossRateCounts, clock });

  async function forecast(input: { horizonDays: number }): Promise<ForecastResult> {
    const now = clock();
    const [groups, rate, stock, models, sites] = await Promise.all([
      repo.upcomingWaveGroups(uow.db, startOfDay(now)),
      lossRate(),
      inventory.stockSummary({}),
      repo.models(uow.db),
      inventory.sites(),
    ]);
    const result = forecastDemand({
      today: now,
      horizonDays: input.horizonDays,
      lossRate: rate,
      waveGroups: groups,
      stock: stock.rows.map((r) => ({
        siteId: r.siteId,
        modelId: r.modelId,
        inStock: r.inStock,
        onOrder: r.onOrder,
        inService: r.assigned,
        reorderPoint: r.reorderPoint,
      })),
      sites,
      models,
    });
    return { generatedAt: now, ...result };
  }

  return {
    lossRate,
    forecast,
    async exportForecast(input: { horizonDays: number }) {
      const f = await forecast(input);
      return csvExport({
        name: `forecast-${input.horizonDays}d`,
        at: clock(),
        columns: forecastColumns,
        rows: f.lines,
      });
    },
  };
}
