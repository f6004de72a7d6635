import type { ForecastResult } from "./procurement.schemas";
import { DAY, startOfDay } from "@/server/lib/time";

// Pure demand forecast. Per site and model:
//   wave demand        = Σ over users in an upcoming wave of max(0, keysNeeded − keysHeld),
//                        keysNeeded = 2 when the wave requires a backup key, else 1;
//                        users take their site's standard model (the one with the highest reorder point).
//   replacement demand = ceil(keys in service × loss rate per day × horizon days),
//                        loss rate per day = losses in the window / (in service + losses) / window days.
//   recommended        = max(0, wave + replacement + reorder point − in stock − on order)
//   needed by          = the earliest start of a contributing wave (today if none or already started)
//   order by           = needed by − the model's lead time; late when that is before today.

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
  lossWindowDays: number;
  losses: number;
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
  /** The model new users at a site get; null when the site has none. */
  standardModel: Record<string, string | null>;
}

export function forecastDemand(input: ForecastInput): Omit<ForecastResult, "generatedAt"> {
  const today = startOfDay(input.today);
  const exposure = input.stock.reduce((n, s) => n + s.inService, 0) + input.losses;
  const ratePerDay = exposure > 0 ? input.losses / exposure / input.lossWindowDays : 0;

  type Acc = { waveDemand: number; neededBy: Date; waves: Set<string> };
  const acc = new Map<string, Acc>();
  const key = (siteId: string, modelId: string) => `${siteId}|${modelId}`;
  let usersWithoutSite = 0;
  for (const g of input.waveGroups) {
    const need = Math.max(0, (g.requiresBackupKey ? 2 : 1) - g.keysHeld) * g.users;
    if (need === 0) continue;
    const modelId = g.siteId ? input.standardModel[g.siteId] : null;
    if (!g.siteId || !modelId) {
      usersWithoutSite += g.users;
      continue;
    }
    const start = startOfDay(g.startDate) < today ? today : startOfDay(g.startDate);
    const a = acc.get(key(g.siteId, modelId)) ?? { waveDemand: 0, neededBy: start, waves: new Set<string>() };
    a.waveDemand += need;
    if (start < a.neededBy) a.neededBy = start;
    a.waves.add(g.waveName);
    acc.set(key(g.siteId, modelId), a);
  }

  const stockBy = new Map(input.stock.map((s) => [key(s.siteId, s.modelId), s]));
  const pairs = new Set([...stockBy.keys(), ...acc.keys()]);
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const modelById = new Map(input.models.map((m) => [m.id, m]));
  const lines: ForecastResult["lines"] = [];
  for (const pair of pairs) {
    const [siteId, modelId] = pair.split("|") as [string, string];
    const site = siteById.get(siteId);
    const model = modelById.get(modelId);
    if (!site || !model) continue;
    const s = stockBy.get(pair) ?? { inStock: 0, onOrder: 0, inService: 0, reorderPoint: null };
    const a = acc.get(pair);
    const waveDemand = a?.waveDemand ?? 0;
    const replacementDemand = Math.ceil(s.inService * ratePerDay * input.horizonDays - 1e-9);
    const reorderPoint = s.reorderPoint ?? 0;
    if (waveDemand === 0 && replacementDemand === 0 && reorderPoint === 0) continue;
    const recommendedQuantity = Math.max(
      0,
      waveDemand + replacementDemand + reorderPoint - s.inStock - s.onOrder,
    );
    const neededBy = a?.neededBy ?? today;
    const orderBy = new Date(neededBy.getTime() - model.leadTimeDays * DAY);
    lines.push({
      siteId,
      site: site.code,
      modelId,
      model: model.productName,
      waveDemand,
      replacementDemand,
      reorderPoint,
      inStock: s.inStock,
      onOrder: s.onOrder,
      recommendedQuantity,
      neededBy,
      orderBy,
      isLate: recommendedQuantity > 0 && orderBy < today,
      waves: a ? [...a.waves].sort() : [],
    });
  }
  lines.sort(
    (x, y) =>
      Number(y.recommendedQuantity > 0) - Number(x.recommendedQuantity > 0) ||
      x.orderBy.getTime() - y.orderBy.getTime() ||
      x.site.localeCompare(y.site),
  );
  return {
    horizonDays: input.horizonDays,
    lossRate: {
      losses: input.losses,
      exposure,
      windowDays: input.lossWindowDays,
      perKeyPerYear: Math.round(ratePerDay * 365 * 10_000) / 10_000,
    },
    lines,
    usersWithoutSite,
  };
}
