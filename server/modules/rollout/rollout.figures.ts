import type { UnitOfWork } from "@/server/db/uow";
import type { Fido2Policy } from "@/server/graph/port";
import type { Dimension, FiguresRepository, HygieneCounts, StoredFigure } from "./figures.repository";
import type { MetricsRepository } from "./metrics.repository";
import { aaguidRule } from "./policy-rule";
import { DEFAULT_STALE_DAYS } from "./rollout.constants";
import { credentialCondition, type StateParams } from "./user-state.repository";

// The rollout figures as last computed. Computing them reads every user in scope (seconds at 100 000 users),
// so it happens after each sync and each change to a wave, never while a page waits; the page says when
// they were computed. Each user's state is stored with them, and the drill-down lists filter on it.

const FIDO2_POLICY_KEY = "entra.fido2Policy";
/** The stale periods the hygiene chart offers; each is computed with the figures. */
export const STALE_CHOICES = [30, 60, 90, 180, 365] as const;

export interface StoredHygiene extends HygieneCounts {
  policyRestricts: boolean;
}

export interface FigureExtras {
  reportUpdatedAt: string | null;
}

export interface FiguresDeps {
  uow: UnitOfWork;
  repo: FiguresRepository;
  metrics: MetricsRepository;
  clock: () => Date;
}

export function makeRolloutFigures({ uow, repo, metrics, clock }: FiguresDeps) {
  const db = uow.db;

  /** What every users-list condition needs: today, the stale period and the tenant's AAGUID rule. */
  async function stateParams(staleDays: number): Promise<StateParams> {
    const policy = (await metrics.setting(db, FIDO2_POLICY_KEY)) as Partial<Fido2Policy> | null;
    return { now: clock(), staleDays, rule: aaguidRule(policy) };
  }

  async function hygiene(days: readonly number[]): Promise<StoredHygiene> {
    const p = await stateParams(DEFAULT_STALE_DAYS);
    const counts = await repo.hygiene(db, {
      notProcured: credentialCondition("not_procured", p),
      notAllowed: credentialCondition("not_allowed", p),
      personal: credentialCondition("personal", p),
      stale: days.map((d) => ({ days: d, cond: credentialCondition("stale", { ...p, staleDays: d }) })),
    });
    return { ...counts, policyRestricts: p.rule !== null };
  }

  async function refresh(): Promise<{ rows: number; ms: number }> {
    const started = Date.now();
    const now = clock();
    const p = await stateParams(DEFAULT_STALE_DAYS);
    const days = await repo.registrationDays(db);
    const found = await hygiene(STALE_CHOICES);
    const reportUpdatedAt = await metrics.reportUpdatedAt(db);
    const extras: FigureExtras = {
      reportUpdatedAt: reportUpdatedAt?.toISOString() ?? null,
    };
    const histogram = new Map<string, Record<string, number>>();
    for (const d of days) {
      const h = histogram.get(d.waveKey) ?? {};
      h[d.days === null ? "waiting" : String(d.days)] = d.users;
      histogram.set(d.waveKey, h);
    }
    // The user states and the figures counted from them commit together: a list never runs ahead of its bar.
    const rows = await uow.run(async (tx) => {
      await repo.writeUserStates(tx, p);
      const stored = (await repo.countAll(tx)).map((r) => ({
        ...r,
        registrationDays:
          r.dimension === "wave" || r.dimension === "tenant" ? (histogram.get(r.key) ?? {}) : null,
        hygiene: r.dimension === "tenant" ? found : null,
      }));
      await repo.replace(tx, stored, now);
      await repo.saveExtras(tx, extras);
      return stored.length;
    });
    return { rows, ms: Date.now() - started };
  }

  // A page asks for several views at once; on a fresh install each would compute all the figures.
  // They share one computation instead (a refresh after a sync is never shared: it must see the sync).
  let firstCompute: Promise<unknown> | null = null;

  /** The figures of a view; computed first when there are none yet (a fresh install before its first sync). */
  async function read(dimension: Dimension): Promise<StoredFigure[]> {
    const rows = await repo.read(db, dimension);
    if (rows.length || (dimension !== "tenant" && (await repo.one(db, "tenant", "all")))) return rows;
    await (firstCompute ??= refresh().finally(() => {
      firstCompute = null;
    }));
    return repo.read(db, dimension);
  }

  return {
    stateParams,
    refresh,
    read,
    /** Everyone's figures (always present once computed). */
    tenant: async () => (await read("tenant"))[0]!,
    one: (dimension: Dimension, key: string) => repo.one(db, dimension, key),
    /** The registration report's age, as of the figures (null before the first time). */
    extras: async () => (await repo.extras(db)) as FigureExtras | null,
    /** Hygiene for a stale period the stored figures do not hold: counted now. */
    hygieneNow: (staleDays: number) => hygiene([staleDays]),
  };
}

export type RolloutFigures = ReturnType<typeof makeRolloutFigures>;
