// Small pure helpers behind the charts (unit-tested in figures.test.ts).
import type { ForecastResult } from "@/server/modules/procurement/procurement.schemas";
import { DAY } from "@/server/lib/time";

/** Time-to-registration buckets: upper bounds in whole days (inclusive), then "over 60" and the users still waiting. */
const BOUNDS = [
  { key: "d0_1", label: "0–1 days", max: 1 },
  { key: "d2_3", label: "2–3 days", max: 3 },
  { key: "d4_7", label: "4–7 days", max: 7 },
  { key: "d8_14", label: "8–14 days", max: 14 },
  { key: "d15_30", label: "15–30 days", max: 30 },
  { key: "d31_60", label: "31–60 days", max: 60 },
  { key: "d61", label: "Over 60 days", max: Number.POSITIVE_INFINITY },
] as const;

export function registrationBuckets(done: { days: number; users: number }[], waiting: number) {
  const out = BOUNDS.map((b) => ({ key: b.key as string, label: b.label as string, users: 0 }));
  for (const r of done) out[BOUNDS.findIndex((b) => r.days <= b.max)]!.users += r.users;
  out.push({ key: "waiting", label: "Still waiting", users: waiting });
  return out;
}

/** The q-quantile (nearest rank) of a grouped distribution; null when empty. */
export function percentile(rows: { days: number; users: number }[], q: number): number | null {
  const sorted = [...rows].sort((a, b) => a.days - b.days);
  const total = sorted.reduce((n, r) => n + r.users, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const r of sorted) {
    seen += r.users;
    if (seen >= rank) return r.days;
  }
  return sorted.at(-1)!.days;
}

/** Counts with their total and the phishing-resistant share (percent, one decimal; null without sign-ins). */
export function share(c: { phishingResistant: number; password: number; other: number } | undefined) {
  const phishingResistant = c?.phishingResistant ?? 0;
  const password = c?.password ?? 0;
  const other = c?.other ?? 0;
  const total = phishingResistant + password + other;
  return {
    phishingResistant,
    password,
    other,
    total,
    share: total ? Math.round((phishingResistant / total) * 1000) / 10 : null,
  };
}

/** The Mondays (UTC) of the last `n` weeks, oldest first, this week last. */
export function weekStarts(now: Date, n: number): Date[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return Array.from({ length: n }, (_, i) => new Date(monday - (n - 1 - i) * 7 * DAY));
}

export interface SiteStock {
  siteId: string;
  site: string;
  inStock: number;
  onOrder: number;
  waveDemand: number;
  replacementDemand: number;
  recommended: number;
  isLate: boolean;
}

/** Procurement's forecast (per site and model) summed per site, for the stock-against-demand chart. */
export function stockBySite(f: Pick<ForecastResult, "horizonDays" | "lossRate" | "lines">) {
  const bySite = new Map<string, SiteStock>();
  for (const l of f.lines) {
    const s = bySite.get(l.siteId) ?? {
      siteId: l.siteId,
      site: l.site,
      inStock: 0,
      onOrder: 0,
      waveDemand: 0,
      replacementDemand: 0,
      recommended: 0,
      isLate: false,
    };
    s.inStock += l.inStock;
    s.onOrder += l.onOrder;
    s.waveDemand += l.waveDemand;
    s.replacementDemand += l.replacementDemand;
    s.recommended += l.recommendedQuantity;
    s.isLate ||= l.isLate;
    bySite.set(l.siteId, s);
  }
  return {
    horizonDays: f.horizonDays,
    lossPerKeyPerYear: f.lossRate.perKeyPerYear,
    sites: [...bySite.values()].sort((a, b) => a.site.localeCompare(b.site)),
  };
}
