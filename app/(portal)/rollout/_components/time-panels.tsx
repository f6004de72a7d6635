import { Clock, LineChart as LineIcon, LogIn } from "lucide-react";
import { formatDate, formatDateTime, formatNumber } from "@/app/_components/format";
import type { z } from "zod";
import type {
  registrationTimesOutput,
  signInMixOutput,
  trendsOutput,
} from "@/server/modules/rollout/rollout.schemas";
import { BarsChart } from "./bars-chart";
import { ChartPanel, Count, FigureTable } from "./chart-panel";
import { colors } from "./chart-theme";
import { LinesChart } from "./lines-chart";
import { usersHref, withParam } from "./links";
import { UrlSelect } from "./url-select";

type Params = Record<string, string | undefined>;
type WaveChoice = { id: string; name: string };
const show = (v: number | null) => (v === null ? "—" : `${v}%`);

export function TrendPanel({
  rows,
  waves,
  selected,
  params,
  canUsers,
}: {
  rows: z.infer<typeof trendsOutput>;
  waves: WaveChoice[];
  selected: string | undefined;
  params: Params;
  canUsers: boolean;
}) {
  const wave = waves.find((w) => w.id === selected);
  return (
    <ChartPanel
      id="trends"
      title="Trend, last 90 days"
      description={`From the daily snapshots of ${wave ? wave.name : "everyone in scope"}: registered a hardware key, two or more keys, used one in 30 days.`}
      exportAs={{ chart: "trends", dimension: wave ? "wave" : "tenant", key: wave?.id ?? "all" }}
      controls={
        <UrlSelect
          label="Of"
          value={wave?.id ?? "all"}
          options={[
            { value: "all", label: "Everyone", href: withParam(params, "trend", null) },
            ...waves.map((w) => ({ value: w.id, label: w.name, href: withParam(params, "trend", w.id) })),
          ]}
        />
      }
      drill={
        canUsers
          ? { href: usersHref({ wave: wave?.id, state: "registered" }), label: "Users who registered" }
          : null
      }
      empty={
        rows.length ? undefined : "No snapshots yet: the first is taken after the first sync, then daily."
      }
      emptyIcon={LineIcon}
      table={
        <FigureTable
          caption="Trend"
          head={["Day", "In scope", "Registered", "Two or more", "Used 30 d"]}
          rows={rows
            .filter((_, i) => (rows.length - 1 - i) % 7 === 0)
            .map((r) => ({
              key: r.date.toISOString(),
              cells: [
                formatDate(r.date),
                formatNumber(r.scope),
                `${formatNumber(r.registered)} (${show(r.registeredPct)})`,
                `${formatNumber(r.backup)} (${show(r.backupPct)})`,
                `${formatNumber(r.active)} (${show(r.activePct)})`,
              ],
            }))}
        />
      }
    >
      <LinesChart
        data={rows.map((r) => ({
          date: r.date,
          registered: r.registeredPct,
          backup: r.backupPct,
          active: r.activePct,
        }))}
        x="date"
        unit="%"
        max={100}
        label="Adoption trend"
        series={[
          { key: "registered", label: "Registered", color: colors.registered },
          { key: "backup", label: "Two or more keys", color: colors.backupLine },
          { key: "active", label: "Used in 30 days", color: colors.used },
        ]}
      />
    </ChartPanel>
  );
}

export function RegistrationPanel({
  data,
  waves,
  selected,
  params,
  canUsers,
}: {
  data: z.infer<typeof registrationTimesOutput>;
  waves: WaveChoice[];
  selected: string | undefined;
  params: Params;
  canUsers: boolean;
}) {
  const wave = waves.find((w) => w.id === selected);
  const waitingHref = canUsers ? usersHref({ wave: wave?.id, state: "assigned_unregistered" }) : null;
  return (
    <ChartPanel
      id="registration-times"
      title="Time from assignment to registration"
      description={
        data.registered
          ? `Per user, first key handed out → first hardware key registered: median ${data.medianDays} days, 90 % within ${data.p90Days} days.`
          : "Per user, first key handed out → first hardware key registered."
      }
      exportAs={{ chart: "registration-times", waveId: wave?.id }}
      controls={
        <UrlSelect
          label="Wave"
          value={wave?.id ?? "all"}
          options={[
            { value: "all", label: "Everyone", href: withParam(params, "rt", null) },
            ...waves.map((w) => ({ value: w.id, label: w.name, href: withParam(params, "rt", w.id) })),
          ]}
        />
      }
      drill={
        waitingHref && data.waiting
          ? { href: waitingHref, label: `${data.waiting} still waiting to register` }
          : null
      }
      empty={data.registered + data.waiting ? undefined : "No key has been handed out here yet."}
      emptyIcon={Clock}
      table={
        <FigureTable
          caption="Time to registration"
          head={["Time to register", "Users"]}
          rows={data.buckets.map((b) => ({
            key: b.key,
            cells: [
              b.label,
              b.key === "waiting" ? <Count key="w" n={b.users} href={waitingHref} /> : formatNumber(b.users),
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={data.buckets.map((b) => ({
          name: b.key === "waiting" ? "Waiting" : b.label.replace(" days", "").replace("Over 60", "> 60"),
          registered: b.key === "waiting" ? null : b.users,
          waiting: b.key === "waiting" ? b.users : null,
          href: b.key === "waiting" ? waitingHref : null,
        }))}
        category="name"
        label="Distribution of time to registration, in days"
        series={[
          { key: "registered", label: "Registered after (days)", color: colors.registered, stack: "t" },
          { key: "waiting", label: "Still waiting", color: colors.waiting, stack: "t" },
        ]}
      />
    </ChartPanel>
  );
}

export function SignInPanel({
  data,
  canUsers,
}: {
  data: z.infer<typeof signInMixOutput>;
  canUsers: boolean;
}) {
  const href = (key: string) =>
    canUsers ? usersHref({ wave: key === "all" ? undefined : key, state: "password_signins" }) : null;
  const all = data.rows.find((r) => r.key === "all");
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);
  return (
    <ChartPanel
      id="sign-ins"
      title="Sign-in method mix"
      description={`Successful sign-ins in the last ${data.windowDays} days from the sign-in logs${data.through ? ` (through ${formatDateTime(data.through)})` : ""}: phishing-resistant vs password with or without weaker factors — the fallback that must fall.${data.isSampled ? " Busy periods are sampled (newest sign-ins of each sync)." : ""}`}
      exportAs={{ chart: "sign-ins" }}
      drill={
        all && all.password && canUsers
          ? {
              href: usersHref({ state: "password_signins" }),
              label: "Users still signing in with a password",
            }
          : null
      }
      empty={
        all?.total
          ? undefined
          : "No sign-ins counted yet: the sign-in logs are read with each sync (Entra ID P1/P2 needed)."
      }
      emptyIcon={LogIn}
      table={
        <FigureTable
          caption="Sign-in method mix"
          head={["Wave", "Phishing-resistant", "Password", "Other", "Phishing-resistant share"]}
          rows={data.rows.map((r) => ({
            key: r.key,
            cells: [
              r.label,
              formatNumber(r.phishingResistant),
              <Count key="p" n={r.password} href={r.password ? href(r.key) : null} />,
              formatNumber(r.other),
              show(r.share),
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={data.rows.map((r) => ({
          name: r.label,
          phishingResistant: share(r.phishingResistant, r.total),
          password: share(r.password, r.total),
          other: share(r.other, r.total),
          href: href(r.key),
        }))}
        category="name"
        horizontal
        unit="%"
        max={100}
        label="Sign-in method mix per wave"
        series={[
          {
            key: "phishingResistant",
            label: "Phishing-resistant",
            color: colors.phishingResistant,
            stack: "m",
          },
          { key: "password", label: "Password (+ weaker factors)", color: colors.password, stack: "m" },
          { key: "other", label: "Other", color: colors.other, stack: "m" },
        ]}
      />
      {data.weeks.some((w) => w.total) ? (
        <LinesChart
          data={data.weeks.map((w) => ({ week: w.week, share: w.share }))}
          x="week"
          unit="%"
          max={100}
          height={150}
          label="Phishing-resistant share per week"
          series={[
            {
              key: "share",
              label: "Phishing-resistant share, per week (everyone)",
              color: colors.phishingResistant,
            },
          ]}
        />
      ) : null}
    </ChartPanel>
  );
}
