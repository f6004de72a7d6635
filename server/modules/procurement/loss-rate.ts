import type { Db } from "@/server/db/uow";
import { DAY } from "@/server/lib/time";

// The one loss rate KeyFleet shows. Procurement's forecast and Rollout's stock panel both take it from
// lossRate() below, over the same data and the same window, so the two pages cannot disagree.
//   losses      = keys whose status became lost, stolen or damaged in the last LOSS_WINDOW_DAYS days
//   exposure    = keys with someone now (assigned or active) + those losses
//   per year    = losses / exposure / window days × 365, rounded to four decimals

export const LOSS_WINDOW_DAYS = 90;

export interface LossRate {
  losses: number;
  exposure: number;
  windowDays: number;
  perKeyPerYear: number;
}

export function lossRateOf(input: { losses: number; inService: number; windowDays: number }): LossRate {
  const exposure = input.inService + input.losses;
  const perDay = exposure > 0 ? input.losses / exposure / input.windowDays : 0;
  return {
    losses: input.losses,
    exposure,
    windowDays: input.windowDays,
    perKeyPerYear: Math.round(perDay * 365 * 10_000) / 10_000,
  };
}

export interface LossRateDeps {
  db: Db;
  /** The counts behind the rate (procurement.repository.ts). */
  counts: (db: Db, since: Date) => Promise<{ losses: number; inService: number }>;
  clock: () => Date;
}

export function makeLossRate({ db, counts, clock }: LossRateDeps) {
  return async function lossRate(): Promise<LossRate> {
    const since = new Date(clock().getTime() - LOSS_WINDOW_DAYS * DAY);
    return lossRateOf({ ...(await counts(db, since)), windowDays: LOSS_WINDOW_DAYS });
  };
}
