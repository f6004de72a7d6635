import { LogIn, ShieldAlert, Target, Users } from "lucide-react";
import { readEnumParam, readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { formatNumber } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { StatCard } from "@/app/_components/stat-card";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { adoptionDimensions, DEFAULT_STALE_DAYS } from "@/server/modules/rollout/rollout.constants";
import { serverCaller } from "@/server/trpc/context";
import { AdoptionPanel, FunnelPanel } from "./_components/adoption-panels";
import { BackupPanel, ReadinessPanel } from "./_components/coverage-panels";
import { pct } from "./_components/percent";
import { Freshness } from "./_components/freshness";
import { usersHref } from "./_components/links";
import { RolloutTabs } from "./_components/rollout-tabs";
import { HygienePanel, IncidentsPanel, StockPanel } from "./_components/supply-panels";
import { LinkSharePanel } from "@/app/(portal)/_components/link-share-panel";
import { RegistrationPanel, SignInPanel, TrendPanel } from "./_components/time-panels";

export const metadata = { title: "Rollout" };

export default async function RolloutPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("rollout.read");
  const canUsers = can(actor.roles, "users.read");
  const sp = await searchParams;
  const by = readEnumParam(sp, "by", adoptionDimensions) ?? "wave";
  const params = {
    by: readParam(sp, "by"),
    funnel: readParam(sp, "funnel"),
    trend: readParam(sp, "trend"),
    rt: readParam(sp, "rt"),
    stale: readParam(sp, "stale"),
  };
  const stale = Number(params.stale);
  const staleDays = [30, 60, 180, 365].includes(stale) ? stale : DEFAULT_STALE_DAYS;
  const api = await serverCaller();
  const [
    waves,
    byWave,
    readiness,
    adoption,
    times,
    mix,
    trends,
    stock,
    incidents,
    hygiene,
    freshness,
    latest,
  ] = await Promise.all([
    api.rollout.waves(),
    api.rollout.adoption({ by: "wave" }),
    api.rollout.readiness(),
    by === "wave" ? null : api.rollout.adoption({ by }),
    api.rollout.registrationTimes({ waveId: params.rt }),
    api.rollout.signInMix(),
    api.rollout.trends(params.trend ? { dimension: "wave", key: params.trend } : {}),
    api.rollout.stock(),
    api.rollout.incidents(),
    api.rollout.hygiene({ staleDays }),
    api.rollout.freshness(),
    api.rollout.latestSync(),
  ]);
  const links = await api.enrollment.linkShare();
  const tenant = byWave.tenant;
  const choices = waves.map((w) => ({ id: w.id, name: w.name }));
  const notReady = readiness.filter((r) => r.isPastDeadline).reduce((n, r) => n + r.notReady, 0);
  const signIns = mix.rows.find((r) => r.key === "all");
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Who is in which wave, how far each wave is, where it is stuck, and whether stock will last."
      />
      <RolloutTabs current="/rollout" />
      <Freshness
        runId={latest.runId}
        lastSync={freshness.lastSync?.finishedAt ?? null}
        figuresAt={freshness.figuresAt}
        reportUpdatedAt={freshness.reportUpdatedAt}
        signInsThrough={freshness.signInsThrough}
        snapshotDay={freshness.snapshotDay}
      />
      <div className="mb-6 grid grid-cols-2 gap-4 xl:grid-cols-4">
        <StatCard
          label="Users in scope"
          value={tenant.scope}
          icon={Users}
          hint="Enabled members in the directory"
          href={canUsers ? usersHref({ state: "in_scope" }) : undefined}
        />
        <StatCard
          label="Registered a key"
          value={`${pct(tenant.registered, tenant.scope) ?? 0}%`}
          icon={Target}
          hint={`${formatNumber(tenant.registered)} users; ${formatNumber(tenant.passwordless)} passwordless-capable`}
          href={canUsers ? usersHref({ state: "registered" }) : undefined}
        />
        <StatCard
          label="Phishing-resistant sign-ins"
          value={signIns?.share === null || signIns === undefined ? "—" : `${signIns.share}%`}
          icon={LogIn}
          hint={`Last ${mix.windowDays} days, everyone`}
        />
        <StatCard
          label="Not ready, past deadline"
          value={notReady}
          icon={ShieldAlert}
          hint="No phishing-resistant method"
        />
      </div>
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <AdoptionPanel by={by} rows={adoption?.rows ?? byWave.rows} params={params} canUsers={canUsers} />
        <FunnelPanel
          waves={byWave.rows}
          tenant={tenant}
          selected={params.funnel}
          params={params}
          canUsers={canUsers}
        />
        <BackupPanel
          waves={byWave.rows}
          tenant={tenant}
          requiresBackup={new Set(waves.filter((w) => w.requiresBackupKey).map((w) => w.id))}
          canUsers={canUsers}
        />
        <ReadinessPanel rows={readiness} canUsers={canUsers} />
        <TrendPanel
          rows={trends}
          waves={choices}
          selected={params.trend}
          params={params}
          canUsers={canUsers}
        />
        <RegistrationPanel
          data={times}
          waves={choices}
          selected={params.rt}
          params={params}
          canUsers={canUsers}
        />
        <SignInPanel data={mix} canUsers={canUsers} />
        <HygienePanel data={hygiene} params={params} canUsers={canUsers} />
        <StockPanel data={stock} />
        <IncidentsPanel data={incidents} />
        <LinkSharePanel data={links} />
      </div>
    </>
  );
}
