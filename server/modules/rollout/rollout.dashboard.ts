import type { UnitOfWork } from "@/server/db/uow";
import type { ForecastResult } from "@/server/modules/procurement/procurement.schemas";
import { pickKeys } from "@/server/lib/pick-keys";
import { figureRow } from "./rollout.schemas";
import type { StoredFigure } from "./figures.repository";
import type { MetricsRepository } from "./metrics.repository";
import type { RolloutRepository } from "./rollout.repository";
import { SIGN_IN_WINDOW_DAYS, userStateLabels, type AdoptionDimension } from "./rollout.constants";
import type { z } from "zod";
import type {
  adoptionOutput,
  Figure,
  freshnessOutput,
  hygieneOutput,
  incidentsOutput,
  readinessOutput,
  registrationTimesOutput,
  signInMixOutput,
  stockOutput,
  trendsOutput,
} from "./rollout.schemas";
import type { RolloutFigures, StoredHygiene } from "./rollout.figures";
import { signInSince } from "./user-state.repository";
import { percentile, registrationBuckets, share, stockBySite, weekStarts } from "./figures";
import { SIGN_IN_CURSOR_KEY } from "./sign-ins.repository";
import { readinessRows, toWave } from "./waves";
import { DAY, isoDay } from "@/server/lib/time";

// The security lead's figures. Each function answers one chart; the page calls them side by side and the
// CSV export calls the same function, so a file always matches its chart. Adoption, registration times and
// hygiene come from the figures computed after the last sync (rollout.figures.ts); the rest is read live.

const TREND_DAYS = 90;
const RATE_WEEKS = 12;
type Out<T extends z.ZodType> = z.infer<T>;

export interface DashboardDeps {
  uow: UnitOfWork;
  metrics: MetricsRepository;
  waves: RolloutRepository;
  figures: RolloutFigures;
  forecast: (input: { horizonDays: number }) => Promise<ForecastResult>;
  clock: () => Date;
}

const figureKeys = figureRow.keyof().options;
const figureOf = (s: StoredFigure): Figure => pickKeys(s, figureKeys);

export function makeRolloutDashboard({ uow, metrics, waves, figures, forecast, clock }: DashboardDeps) {
  const db = uow.db;

  return {
    async adoption(by: AdoptionDimension): Promise<Out<typeof adoptionOutput>> {
      const [rows, tenant] = await Promise.all([figures.read(by), figures.tenant()]);
      return { by, rows: rows.map(figureOf), tenant: figureOf(tenant), computedAt: tenant.computedAt };
    },

    async registrationTimes(waveId?: string): Promise<Out<typeof registrationTimesOutput>> {
      const f = waveId ? await figures.one("wave", waveId) : await figures.tenant();
      const h = (f?.registrationDays ?? {}) as Record<string, number>;
      const done = Object.entries(h)
        .filter(([k]) => k !== "waiting")
        .map(([k, users]) => ({ days: Number(k), users }));
      const waiting = h.waiting ?? 0;
      return {
        buckets: registrationBuckets(done, waiting),
        registered: done.reduce((n, r) => n + r.users, 0),
        waiting,
        medianDays: percentile(done, 0.5),
        p90Days: percentile(done, 0.9),
      };
    },

    async readiness(): Promise<Out<typeof readinessOutput>> {
      const now = clock();
      const [list, rows] = await Promise.all([waves.waves(db), figures.read("wave")]);
      return readinessRows(
        list.map((w) => toWave(w, now)),
        rows.map(figureOf),
        now,
      );
    },

    /** Read live, like Procurement's forecast, so both pages show the same stock and the same loss rate. */
    async stock(): Promise<Out<typeof stockOutput>> {
      return stockBySite(await forecast({ horizonDays: 90 }));
    },

    async incidents(): Promise<Out<typeof incidentsOutput>> {
      const weeks = weekStarts(clock(), RATE_WEEKS);
      const [rows, keysInService] = await Promise.all([
        metrics.weeklyIncidents(db, weeks[0]!),
        metrics.keysInService(db),
      ]);
      const byWeek = new Map(rows.map((r) => [isoDay(r.week), r]));
      return {
        keysInService,
        weeks: weeks.map((week) => {
          const r = byWeek.get(isoDay(week));
          const lostCases = r?.lostCases ?? 0;
          return {
            week,
            lostCases,
            taps: r?.taps ?? 0,
            lostPer1000Keys: keysInService ? Math.round((lostCases / keysInService) * 10_000) / 10 : 0,
          };
        }),
      };
    },

    async signInMix(): Promise<Out<typeof signInMixOutput>> {
      const now = clock();
      const [sums, weeks, list, cursor] = await Promise.all([
        metrics.signInMix(db, signInSince(now)),
        metrics.signInWeeks(db, isoDay(weekStarts(now, RATE_WEEKS)[0]!), "all"),
        waves.waves(db),
        metrics.setting(db, SIGN_IN_CURSOR_KEY) as Promise<{ through?: string; isSampled?: boolean } | null>,
      ]);
      const byKey = new Map(sums.map((s) => [s.waveKey, s]));
      const row = (key: string, label: string) => ({ key, label, ...share(byKey.get(key)) });
      return {
        windowDays: SIGN_IN_WINDOW_DAYS,
        through: cursor?.through ? new Date(cursor.through) : null,
        isSampled: cursor?.isSampled === true,
        rows: [...list.map((w) => row(w.id, w.name)), row("all", "Everyone")],
        weeks: weeks.map((w) => ({ week: w.week, ...share(w) })),
      };
    },

    async hygiene(staleDays: number): Promise<Out<typeof hygieneOutput>> {
      const stored = (await figures.tenant()).hygiene as StoredHygiene | null;
      const h = stored?.stale[String(staleDays)] ? stored : await figures.hygieneNow(staleDays);
      const line = (
        key: "cred_not_procured" | "cred_not_allowed" | "cred_personal" | "cred_stale",
        [credentials, users]: [number, number],
      ) => ({ key, label: userStateLabels[key], credentials, users });
      return {
        staleDays,
        liveCredentials: h.total,
        policyRestricts: h.policyRestricts,
        rows: [
          line("cred_not_procured", h.notProcured),
          line("cred_not_allowed", h.notAllowed),
          line("cred_personal", h.personal),
          line("cred_stale", h.stale[String(staleDays)] ?? [0, 0]),
        ],
      };
    },

    async trends(
      dimension: "tenant" | "wave" | "department" | "site",
      key: string,
    ): Promise<Out<typeof trendsOutput>> {
      const rows = await metrics.snapshots(
        db,
        dimension,
        dimension === "tenant" ? "all" : key,
        new Date(clock().getTime() - TREND_DAYS * DAY),
      );
      const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
      return rows.map((r) => ({
        date: r.date,
        scope: r.usersInScope,
        registered: r.registered,
        backup: r.withBackup,
        active: r.active,
        keysInStock: r.keysInStock,
        registeredPct: pct(r.registered, r.usersInScope),
        backupPct: pct(r.withBackup, r.usersInScope),
        activePct: pct(r.active, r.usersInScope),
      }));
    },

    async freshness(): Promise<Out<typeof freshnessOutput>> {
      const [lastSync, extras, snapshotDay, cursor, tenant] = await Promise.all([
        metrics.latestSync(db),
        figures.extras(),
        metrics.latestSnapshotDay(db),
        metrics.setting(db, SIGN_IN_CURSOR_KEY) as Promise<{ through?: string } | null>,
        figures.one("tenant", "all"),
      ]);
      const reportUpdatedAt = extras?.reportUpdatedAt ? new Date(extras.reportUpdatedAt) : null;
      return {
        figuresAt: tenant?.computedAt ?? null,
        lastSync: lastSync?.finishedAt
          ? { id: lastSync.id, kind: lastSync.kind, status: lastSync.status, finishedAt: lastSync.finishedAt }
          : null,
        reportUpdatedAt,
        snapshotDay,
        signInsThrough: cursor?.through ? new Date(cursor.through) : null,
      };
    },

    /** The cheap question the open dashboards ask every few seconds: has a sync finished since? */
    async latestSync() {
      const r = await metrics.latestSync(db);
      return { runId: r?.id ?? null, finishedAt: r?.finishedAt ?? null };
    },
  };
}

export type RolloutDashboard = ReturnType<typeof makeRolloutDashboard>;
