import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { ExportButton } from "@/app/_components/export-button";
import { formatDate, formatNumber } from "@/app/_components/format";
import { Panel } from "@/app/_components/page-header";
import type { RouterOutputs } from "@/app/_lib/trpc";

type Forecast = RouterOutputs["procurement"]["forecast"];
type Line = Forecast["lines"][number];

const createHref = (l: Line) =>
  `/procurement/new?${new URLSearchParams({ siteId: l.siteId, modelId: l.modelId, quantity: String(l.recommendedQuantity) })}`;

function Recommendation({ line: l, canWrite, when }: { line: Line; canWrite: boolean; when: string }) {
  return (
    <li className="flex flex-wrap items-center gap-2 text-sm">
      <span>
        <strong>
          {formatNumber(l.recommendedQuantity)} × {l.model}
        </strong>{" "}
        for <strong>{l.site}</strong> {when}
      </span>
      {canWrite ? (
        <Link
          href={createHref(l)}
          className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-50"
          aria-label={`Create a PO for ${l.recommendedQuantity} × ${l.model} at ${l.site}`}
        >
          Create a PO
        </Link>
      ) : null}
    </li>
  );
}

export function ForecastPanel({ forecast, canWrite }: { forecast: Forecast; canWrite: boolean }) {
  const toOrder = forecast.lines.filter((l) => l.recommendedQuantity > 0);
  const late = toOrder.filter((l) => l.isLate);
  const onTime = toOrder.filter((l) => !l.isLate);
  const standard = forecast.standardModels.map((m) => m.model).join(", ");
  const rate = forecast.lossRate;
  return (
    <Panel
      title="Forecast"
      className="mb-6"
      actions={<ExportButton source={{ table: "forecast", input: { horizonDays: forecast.horizonDays } }} />}
      description={`Next ${forecast.horizonDays} days: users in upcoming waves without a key (two where a backup key is required) and replacements at the recent loss rate (${(rate.perKeyPerYear * 100).toFixed(1)} % of keys a year; ${rate.losses} lost in ${rate.windowDays} days), on each site's standard model, plus every reorder point, against stock and open orders.`}
    >
      <p className="mb-3 text-xs text-slate-500" data-testid="standard-models">
        {standard
          ? `Standard models: ${standard} (the models holding at least 80 % of the keys in service). Each site's demand goes on the one it deploys most.`
          : "No standard model yet: no key is in service and no reorder point is set."}
      </p>
      {late.length ? (
        <div
          role="status"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2"
          data-testid="forecast-late"
        >
          <p className="flex items-center gap-1.5 text-sm font-medium text-red-800">
            <AlertTriangle aria-hidden className="size-4" />
            {late.length === 1 ? "This line is" : `These ${late.length} lines are`} already late: order now.
            Even ordered today, the keys arrive after the day they are needed.
          </p>
          <ul className="mt-2 space-y-1.5">
            {late.map((l) => (
              <Recommendation
                key={`${l.siteId}-${l.modelId}`}
                line={l}
                canWrite={canWrite}
                when={`— needed ${formatDate(l.neededBy)}`}
              />
            ))}
          </ul>
        </div>
      ) : null}
      {onTime.length ? (
        <ul className="mb-4 space-y-1.5" data-testid="forecast-recommendations">
          {onTime.map((l) => (
            <Recommendation
              key={`${l.siteId}-${l.modelId}`}
              line={l}
              canWrite={canWrite}
              when={`— order by ${formatDate(l.orderBy)}`}
            />
          ))}
        </ul>
      ) : null}
      {!toOrder.length ? (
        <p className="mb-4 text-sm text-emerald-700">Stock and open orders cover the forecast.</p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Forecast by site and model</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1.5">Site</th>
              <th>Model</th>
              <th className="px-2 text-right">Waves</th>
              <th className="px-2 text-right">Replacements</th>
              <th className="px-2 text-right">Reorder at</th>
              <th className="px-2 text-right">In stock</th>
              <th className="px-2 text-right">On order</th>
              <th className="px-2 text-right">Order</th>
              <th className="px-2">Needed by</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {forecast.lines.map((l) => (
              <tr key={`${l.siteId}-${l.modelId}`}>
                <td className="py-1.5 font-medium">{l.site}</td>
                <td>
                  {l.model} {l.isStandard ? <Badge tone="info">standard</Badge> : null}
                </td>
                <td className="px-2 text-right tabular-nums" title={l.waves.join(", ")}>
                  {l.waveDemand}
                </td>
                <td className="px-2 text-right tabular-nums">{l.replacementDemand}</td>
                <td className="px-2 text-right tabular-nums">{l.reorderPoint}</td>
                <td className="px-2 text-right tabular-nums">{l.inStock}</td>
                <td className="px-2 text-right tabular-nums">{l.onOrder}</td>
                <td className="px-2 text-right font-semibold tabular-nums">{l.recommendedQuantity}</td>
                <td className="px-2">{formatDate(l.neededBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {forecast.usersWithoutSite ? (
        <p className="mt-2 text-xs text-slate-500">
          {forecast.usersWithoutSite} users in waves have no site, or there is no standard model yet; they are
          not counted.
        </p>
      ) : null}
    </Panel>
  );
}
