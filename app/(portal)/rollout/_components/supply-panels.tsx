import { Boxes, KeyRound, ShieldAlert } from "lucide-react";
import { Badge } from "@/app/_components/badge";
import { formatNumber } from "@/app/_components/format";
import type { z } from "zod";
import type { hygieneOutput, incidentsOutput, stockOutput } from "@/server/modules/rollout/rollout.schemas";
import { BarsChart } from "./bars-chart";
import { ChartPanel, Count, FigureTable } from "./chart-panel";
import { colors } from "./chart-theme";
import { keysHref, usersHref, withParam } from "./links";
import { UrlSelect } from "./url-select";

const week = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
// On the axis "14/09" rather than "14 Sept": twelve of them fit side by side on a phone.
const weekTick = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", timeZone: "UTC" });

export function StockPanel({ data }: { data: z.infer<typeof stockOutput> }) {
  const late = data.sites.filter((s) => s.isLate).length;
  return (
    <ChartPanel
      id="stock"
      title="Stock against forecast demand"
      description={`Next ${data.horizonDays} days per site, as of now: keys in stock and on order against the keys upcoming waves need and replacements at the loss rate (${(data.lossPerKeyPerYear * 100).toFixed(1)} % a year).${late ? ` ${late} site(s) must order now to be in time.` : ""}`}
      exportAs={{ chart: "stock" }}
      drill={{ href: "/procurement", label: "Forecast and orders in Procurement" }}
      empty={data.sites.length ? undefined : "No site has stock, demand or a reorder point yet."}
      emptyIcon={Boxes}
      table={
        <FigureTable
          caption="Stock against demand"
          head={["Site", "In stock", "On order", "Wave demand", "Replacements", "To order"]}
          rows={data.sites.map((s) => ({
            key: s.siteId,
            cells: [
              s.site,
              <Count key="s" n={s.inStock} href={keysHref({ status: "in_stock", site: s.siteId })} />,
              formatNumber(s.onOrder),
              formatNumber(s.waveDemand),
              formatNumber(s.replacementDemand),
              s.recommended ? (
                <span key="r" className="inline-flex items-center gap-1.5">
                  {formatNumber(s.recommended)}
                  {s.isLate ? <Badge tone="danger">late</Badge> : null}
                </span>
              ) : (
                "0"
              ),
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={data.sites.map((s) => ({
          name: s.site,
          inStock: s.inStock,
          onOrder: s.onOrder,
          waveDemand: s.waveDemand,
          replacementDemand: s.replacementDemand,
          href: keysHref({ status: "in_stock", site: s.siteId }),
        }))}
        category="name"
        label="Stock against forecast demand per site"
        series={[
          { key: "inStock", label: "In stock", color: colors.stock, stack: "have" },
          { key: "onOrder", label: "On order", color: colors.onOrder, stack: "have" },
          { key: "waveDemand", label: "Wave demand", color: colors.demand, stack: "need" },
          { key: "replacementDemand", label: "Replacements", color: colors.replacement, stack: "need" },
        ]}
      />
    </ChartPanel>
  );
}

export function IncidentsPanel({ data }: { data: z.infer<typeof incidentsOutput> }) {
  const lost = data.weeks.reduce((n, w) => n + w.lostCases, 0);
  const taps = data.weeks.reduce((n, w) => n + w.taps, 0);
  return (
    <ChartPanel
      id="incidents"
      title="Lost keys and TAPs per week"
      description={`Last 12 weeks: lost, stolen or damaged keys reported in helpdesk cases (${lost}) and Temporary Access Passes issued (${taps}); ${formatNumber(data.keysInService)} keys in service.`}
      exportAs={{ chart: "incidents" }}
      drill={{ href: keysHref({ status: "lost" }), label: "Keys marked lost" }}
      empty={
        lost + taps
          ? undefined
          : "No lost keys and no TAPs in the last 12 weeks. Helpdesk cases and the passes they issue will show here."
      }
      emptyIcon={KeyRound}
      table={
        <FigureTable
          caption="Lost keys and TAPs per week"
          head={["Week of", "Lost / stolen / damaged", "Per 1 000 keys", "TAPs issued"]}
          rows={data.weeks.map((w) => ({
            key: w.week.toISOString(),
            cells: [week.format(w.week), w.lostCases, w.lostPer1000Keys, w.taps],
          }))}
        />
      }
    >
      <BarsChart
        data={data.weeks.map((w) => ({
          name: weekTick.format(w.week),
          lostCases: w.lostCases,
          taps: w.taps,
          href: keysHref({ status: "lost" }),
        }))}
        category="name"
        label="Lost keys and TAPs per week"
        series={[
          { key: "lostCases", label: "Lost, stolen or damaged", color: colors.lost },
          { key: "taps", label: "TAPs issued", color: colors.taps },
        ]}
      />
    </ChartPanel>
  );
}

const STALE_CHOICES = [30, 60, 90, 180, 365];

export function HygienePanel({
  data,
  params,
  canUsers,
}: {
  data: z.infer<typeof hygieneOutput>;
  params: Record<string, string | undefined>;
  canUsers: boolean;
}) {
  const href = (key: (typeof data.rows)[number]["key"]) =>
    canUsers ? usersHref({ state: key, stale: key === "cred_stale" ? data.staleDays : undefined }) : null;
  const label = (key: string, l: string) => (key === "cred_stale" ? `Not used in ${data.staleDays} days` : l);
  return (
    <ChartPanel
      id="hygiene"
      title="Credential hygiene"
      description={`${formatNumber(data.liveCredentials)} live FIDO2 credentials of users in scope.${data.policyRestricts ? "" : " The FIDO2 policy restricts no AAGUID, so nothing is refused by policy."}`}
      exportAs={{ chart: "hygiene", staleDays: data.staleDays }}
      controls={
        <UrlSelect
          label="Stale after"
          value={String(data.staleDays)}
          options={STALE_CHOICES.map((d) => ({
            value: String(d),
            label: `${d} days`,
            href: withParam(params, "stale", d === 90 ? null : String(d)),
          }))}
        />
      }
      empty={data.liveCredentials ? undefined : "No FIDO2 credentials in the mirror yet."}
      emptyIcon={ShieldAlert}
      table={
        <FigureTable
          caption="Credential hygiene"
          head={["Finding", "Credentials", "Users"]}
          rows={data.rows.map((r) => ({
            key: r.key,
            cells: [
              label(r.key, r.label),
              formatNumber(r.credentials),
              <Count key="u" n={r.users} href={href(r.key)} />,
            ],
          }))}
        />
      }
    >
      <BarsChart
        data={data.rows.map((r) => ({
          name: label(r.key, r.label)
            .replace("Credential of a model never procured", "Model never procured")
            .replace("Credential the FIDO2 policy does not allow", "Not allowed by policy")
            .replace("Personal key (not issued by KeyFleet)", "Personal key"),
          credentials: r.credentials,
          users: r.users,
          href: href(r.key),
        }))}
        category="name"
        horizontal
        label="Credential hygiene findings"
        series={[
          { key: "credentials", label: "Credentials", color: colors.notReady },
          { key: "users", label: "Users", color: colors.other },
        ]}
      />
    </ChartPanel>
  );
}
