import type { ForecastResult } from "./procurement.schemas";
import type { LossRate } from "./loss-rate";
import { standardModels } from "./standard-model";
import { DAY, startOfDay } from "@/server/lib/time";

// Pure demand forecast, consolidated per site on the site's standard model (standard-model.ts):
//   wave demand        = Σ over users in an upcoming wave of max(0, keysNeeded − keysHeld),
//                        keysNeeded = 2 when the wave requires a backup key, else 1;
//   replacement demand = ceil(keys in service at the site × loss rate per day × horizon days), once per site,
//                        loss rate per day = losses / exposure / window days (loss-rate.ts);
//   both go on the site's standard model; every model keeps its own reorder point;
//   recommended        = max(0, wave + replacement + reorder point − in stock − on order)
//   needed by          = the earliest start of a contributing wave (today if it already started); with no
//                        wave demand, today + the lead time (replenishment ordered now is on time)
//   order by           = needed by − the model's lead time, but never before today: a line whose lead time
//                        already runs past its need is late, and its order-by is today ("order now").

export interface WaveGroup {
  waveName: string;
  startDate: Date;
  requiresBackupKey: boolean;
  siteId: string | null;
  keysHeld: number;
  users: number;
}

export interface ForecastInput {
  today: Date;
  horizonDays: number;
  lossRate: LossRate;
  waveGroups: WaveGroup[];
  stock: {
    siteId: string;
    modelId: string;
    inStock: number;
    onOrder: number;
    inService: number;
    reorderPoint: number | null;
  }[];
  sites: { id: string; code: string }[];
  models: { id: string; productName: string; leadTimeDays: number }[];
}

type Line = ForecastResult["lines"][number];

export function forecastDemand(input: ForecastInput): Omit<ForecastResult, "generatedAt"> {
  const today = startOfDay(input.today);
  const { losses, exposure, windowDays } = input.lossRate;
  const ratePerDay = exposure > 0 ? losses / exposure / windowDays : 0;
  const { standard, bySite } = standardModels(
    input.stock,
    input.models,
    input.sites.map((s) => s.id),
  );

  type Acc = { waveDemand: number; replacementDemand: number; neededBy: Date; waves: Set<string> };
  const acc = new Map<string, Acc>();
  const key = (siteId: string, modelId: string) => `${siteId}|${modelId}`;
  const at = (siteId: string, modelId: string) => {
    const a = acc.get(key(siteId, modelId)) ?? {
      waveDemand: 0,
      replacementDemand: 0,
      neededBy: new Date(8.64e15),
      waves: new Set<string>(),
    };
    acc.set(key(siteId, modelId), a);
    return a;
  };
  let usersWithoutSite = 0;
  for (const g of input.waveGroups) {
    const need = Math.max(0, (g.requiresBackupKey ? 2 : 1) - g.keysHeld) * g.users;
    if (need === 0) continue;
    const modelId = g.siteId ? bySite[g.siteId] : null;
    if (!g.siteId || !modelId) {
      usersWithoutSite += g.users;
      continue;
    }
    const start = startOfDay(g.startDate) < today ? today : startOfDay(g.startDate);
    const a = at(g.siteId, modelId);
    a.waveDemand += need;
    if (start < a.neededBy) a.neededBy = start;
    a.waves.add(g.waveName);
  }
  for (const site of input.sites) {
    const modelId = bySite[site.id];
    const inService = input.stock.filter((s) => s.siteId === site.id).reduce((n, s) => n + s.inService, 0);
    const replacements = Math.ceil(inService * ratePerDay * input.horizonDays - 1e-9);
    if (modelId && replacements > 0) at(site.id, modelId).replacementDemand += replacements;
  }

  const stockBy = new Map(input.stock.map((s) => [key(s.siteId, s.modelId), s]));
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const modelById = new Map(input.models.map((m) => [m.id, m]));
  const lines: Line[] = [];
  for (const pair of new Set([...stockBy.keys(), ...acc.keys()])) {
    const [siteId, modelId] = pair.split("|") as [string, string];
    const site = siteById.get(siteId);
    const model = modelById.get(modelId);
    if (!site || !model) continue;
    const s = stockBy.get(pair) ?? { inStock: 0, onOrder: 0, reorderPoint: null };
    const a = acc.get(pair);
    const waveDemand = a?.waveDemand ?? 0;
    const replacementDemand = a?.replacementDemand ?? 0;
    const reorderPoint = s.reorderPoint ?? 0;
    if (waveDemand === 0 && replacementDemand === 0 && reorderPoint === 0) continue;
    const recommendedQuantity = Math.max(
      0,
      waveDemand + replacementDemand + reorderPoint - s.inStock - s.onOrder,
    );
    // Replacements and reorder points are replenishment, not a date: ordered today they arrive in the lead
    // time, which is when they are needed. Only a wave's start can make a line late.
    const neededBy =
      a && a.waveDemand > 0 ? a.neededBy : new Date(today.getTime() + model.leadTimeDays * DAY);
    const planned = new Date(neededBy.getTime() - model.leadTimeDays * DAY);
    const isLate = recommendedQuantity > 0 && planned < today;
    lines.push({
      siteId,
      site: site.code,
      modelId,
      model: model.productName,
      isStandard: standard.includes(modelId),
      waveDemand,
      replacementDemand,
      reorderPoint,
      inStock: s.inStock,
      onOrder: s.onOrder,
      recommendedQuantity,
      neededBy,
      orderBy: planned < today ? today : planned,
      isLate,
      waves: a ? [...a.waves].sort() : [],
    });
  }
  lines.sort(
    (x, y) =>
      Number(y.recommendedQuantity > 0) - Number(x.recommendedQuantity > 0) ||
      Number(y.isLate) - Number(x.isLate) ||
      x.orderBy.getTime() - y.orderBy.getTime() ||
      x.site.localeCompare(y.site),
  );
  return {
    horizonDays: input.horizonDays,
    lossRate: input.lossRate,
    standardModels: standard.map((id) => ({ modelId: id, model: modelById.get(id)?.productName ?? id })),
    lines,
    usersWithoutSite,
  };
}
