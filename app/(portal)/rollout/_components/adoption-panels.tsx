import { Rocket } from "lucide-react";
import Link from "next/link";
import type { AdoptionDimension } from "@/server/modules/rollout/rollout.constants";
import type { Figure } from "@/server/modules/rollout/rollout.schemas";
import { BarsChart } from "./bars-chart";
import { ChartPanel, Count, FigureTable } from "./chart-panel";
import { colors } from "./chart-theme";
import { usersHref, withParam } from "./links";
import { pct, showPct } from "./percent";
import { UrlSelect } from "./url-select";

type Params = Record<string, string | undefined>;
const dimensionOf: Record<AdoptionDimension, "wave" | "department" | "site"> = {
  wave: "wave",
  department: "department",
  site: "site",
};

export function AdoptionPanel({
  by,
  rows,
  params,
  canUsers,
}: {
  by: AdoptionDimension;
  rows: Figure[];
  params: Params;
  canUsers: boolean;
}) {
  const link = (r: Figure, state: Parameters<typeof usersHref>[0]["state"]) =>
    canUsers ? usersHref({ [dimensionOf[by]]: r.key, state }) : null;
  const data = rows.map((r) => ({
    name: r.label,
    registered: pct(r.registered, r.scope),
    used: pct(r.used, r.scope),
    passwordless: pct(r.passwordless, r.scope),
    target: r.target,
    href: link(r, "in_scope"),
  }));
  return (
    <ChartPanel
      id="adoption"
      title="Adoption against target"
      description="Share of users in scope (enabled members) who registered a hardware key, used one in 30 days, and are passwordless-capable per the registration report; ◆ = target (a department's or site's from its users' waves)."
      exportAs={{ chart: "adoption", by }}
      controls={
        <UrlSelect
          label="By"
          value={by}
          options={(["wave", "department", "site"] as const).map((d) => ({
            value: d,
            label: d[0]!.toUpperCase() + d.slice(1),
            href: withParam(params, "by", d === "wave" ? null : d),
          }))}
        />
      }
      empty={
        rows.length ? undefined : by === "wave" ? (
          <>
            No rollout waves yet.{" "}
            <Link className="text-brand-700 underline" href="/rollout/waves">
              Plan the first wave
            </Link>
            .
          </>
        ) : (
          "No users in scope yet: they arrive with the first sync."
        )
      }
      emptyIcon={Rocket}
      table={
        <FigureTable
          caption="Adoption against target"
          head={[
            "Group",
            "Target",
            "In scope",
            "Registered",
            "Used 30 d",
            "Passwordless",
            "No phishing-resistant method",
          ]}
          rows={rows.map((r) => ({
            key: r.key,
            cells: [
              r.label,
              r.target === null ? "—" : `${r.target}%`,
              <Count key="s" n={r.scope} href={link(r, "in_scope")} />,
              <>
                {<Count n={r.registered} href={link(r, "registered")} />} (
                {showPct(pct(r.registered, r.scope))})
              </>,
              <Count key="u" n={r.used} href={link(r, "used")} />,
              <>
                {<Count n={r.passwordless} href={link(r, "passwordless")} />} (
                {showPct(pct(r.passwordless, r.scope))})
              </>,
              <Count key="n" n={r.notReady} href={link(r, "not_ready")} />,
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={data}
        category="name"
        horizontal
        unit="%"
        max={100}
        label={`Adoption by ${by}`}
        marker={{ key: "target", label: "Target" }}
        series={[
          { key: "registered", label: "Registered a key", color: colors.registered },
          { key: "used", label: "Used in 30 days", color: colors.used },
          { key: "passwordless", label: "Passwordless-capable", color: colors.passwordless },
        ]}
      />
    </ChartPanel>
  );
}

export function FunnelPanel({
  waves,
  tenant,
  selected,
  params,
  canUsers,
}: {
  waves: Figure[];
  tenant: Figure;
  selected: string | undefined;
  params: Params;
  canUsers: boolean;
}) {
  const f = waves.find((w) => w.key === selected) ?? tenant;
  const wave = f.key === "all" ? undefined : f.key;
  const stages = [
    { key: "scope", name: "In scope", users: f.scope, state: "in_scope" as const },
    { key: "assigned", name: "Key assigned", users: f.assigned, state: "assigned" as const },
    { key: "registered", name: "Registered", users: f.registered, state: "registered" as const },
    { key: "used", name: "Used in 30 days", users: f.used, state: "used" as const },
  ].map((s) => ({ ...s, href: canUsers ? usersHref({ wave, state: s.state }) : null }));
  return (
    <ChartPanel
      id="funnel"
      title="Funnel: assigned → registered → used"
      description={`${f.label}: ${f.assignedUnregistered} with a key assigned but none registered.`}
      exportAs={{ chart: "funnel" }}
      controls={
        <UrlSelect
          label="Wave"
          value={f.key}
          options={[
            { value: "all", label: "Everyone", href: withParam(params, "funnel", null) },
            ...waves.map((w) => ({ value: w.key, label: w.label, href: withParam(params, "funnel", w.key) })),
          ]}
        />
      }
      drill={
        canUsers && f.assignedUnregistered
          ? {
              href: usersHref({ wave, state: "assigned_unregistered" }),
              label: `${f.assignedUnregistered} assigned, not registered`,
            }
          : null
      }
      empty={f.scope ? undefined : "Nobody in scope here yet."}
      table={
        <FigureTable
          caption="Funnel"
          head={["Stage", "Users", "Of scope"]}
          rows={stages.map((s) => ({
            key: s.key,
            cells: [s.name, <Count key="c" n={s.users} href={s.href} />, showPct(pct(s.users, f.scope))],
          }))}
        />
      }
    >
      <BarsChart
        data={stages.map(({ name, users, href }) => ({ name, users, href }))}
        category="name"
        horizontal
        label={`Funnel for ${f.label}`}
        series={[{ key: "users", label: "Users", color: colors.brand }]}
      />
    </ChartPanel>
  );
}
