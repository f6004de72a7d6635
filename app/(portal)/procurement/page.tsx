import { AlertTriangle, Boxes, Building2, CalendarClock, Cpu, Plus, Truck } from "lucide-react";
import Link from "next/link";
import {
  readEnumParam,
  readParam,
  readTableView,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { Badge } from "@/app/_components/badge";
import { formatDate, formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { StatCard } from "@/app/_components/stat-card";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { poSortColumns, poStatuses } from "@/server/modules/procurement/procurement.schemas";
import { serverCaller } from "@/server/trpc/context";
import { ExportButton } from "@/app/_components/export-button";
import { OrdersTable } from "./_components/orders-table";
import { StockTable } from "./_components/stock-table";

export const metadata = { title: "Procurement" };

export default async function ProcurementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("procurement.read");
  const sp = await searchParams;
  const view = readTableView(sp, {
    sortable: poSortColumns,
    defaultSort: { id: "created", desc: true },
    defaultPageSize: 25,
  });
  const show = readEnumParam(sp, "show", ["open", "overdue"] as const);
  const caller = await serverCaller();
  const filter = {
    q: readParam(sp, "q"),
    status: readEnumParam(sp, "status", poStatuses),
    isOpen: show === "open" || undefined,
    isOverdue: show === "overdue" || undefined,
  };
  const [orders, stock, forecast, open, overdue] = await Promise.all([
    caller.procurement.list({ ...view, ...filter }),
    caller.inventory.stock({}),
    caller.procurement.forecast({ horizonDays: 90 }),
    caller.procurement.list({ isOpen: true, pageSize: 1 }),
    caller.procurement.list({ isOverdue: true, pageSize: 1 }),
  ]);
  const low = stock.rows.filter((r) => r.isLow);
  const toOrder = forecast.lines.filter((l) => l.recommendedQuantity > 0);
  const inStock = stock.rows.reduce((n, r) => n + r.inStock, 0);
  return (
    <>
      <PageHeader
        eyebrow="Stock"
        title="Procurement"
        description="Stock per site against reorder points, open and overdue orders, and what the rollout and losses will need."
        actions={
          <>
            <Link
              href="/procurement/models"
              className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              <Cpu aria-hidden className="size-4" />
              Key models
            </Link>
            <Link
              href="/procurement/sites"
              className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            >
              <Building2 aria-hidden className="size-4" />
              Sites
            </Link>
            {can(actor.roles, "procurement.write") ? (
              <Link
                href="/procurement/new"
                className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              >
                <Plus aria-hidden className="size-4" />
                New purchase order
              </Link>
            ) : null}
          </>
        }
      />
      <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label="In stock"
          value={inStock}
          icon={Boxes}
          href="/keys?status=in_stock"
          hint="All sites"
        />
        <StatCard
          label="Low stock"
          value={low.length}
          icon={AlertTriangle}
          hint="Site × model under its reorder point"
        />
        <StatCard
          label="Open orders"
          value={open.total}
          icon={Truck}
          href="/procurement?show=open"
          hint={`${formatNumber(stock.rows.reduce((n, r) => n + r.onOrder, 0))} keys on order`}
        />
        <StatCard
          label="Overdue orders"
          value={overdue.total}
          icon={CalendarClock}
          href="/procurement?show=overdue"
          hint="Past their expected date"
        />
      </div>
      <Panel
        title="Low-stock alerts"
        className="mb-6"
        description="Where stock in hand is under the reorder point."
      >
        {low.length ? (
          <div data-testid="low-stock">
            <StockTable rows={low} caption="Low stock" />
          </div>
        ) : (
          <p className="text-sm text-emerald-700" data-testid="low-stock-none">
            No site is under its reorder point.
          </p>
        )}
      </Panel>
      <Panel title="Purchase orders" className="mb-6">
        <OrdersTable rows={orders.items} total={orders.total} view={view} filter={filter} />
      </Panel>
      <Panel
        title="Forecast"
        className="mb-6"
        actions={
          <ExportButton source={{ table: "forecast", input: { horizonDays: forecast.horizonDays } }} />
        }
        description={`Next ${forecast.horizonDays} days: users in upcoming waves without a key (two where a backup key is required), replacements at the recent loss rate (${(forecast.lossRate.perKeyPerYear * 100).toFixed(1)}% of keys per year; ${forecast.lossRate.losses} lost in ${forecast.lossRate.windowDays} days), and reorder points, against stock and open orders.`}
      >
        {toOrder.length ? (
          <ul className="mb-4 space-y-1.5" data-testid="forecast-recommendations">
            {toOrder.map((l) => (
              <li key={`${l.siteId}-${l.modelId}`} className="flex flex-wrap items-center gap-2 text-sm">
                <span>
                  Order{" "}
                  <strong>
                    {formatNumber(l.recommendedQuantity)} × {l.model}
                  </strong>{" "}
                  for <strong>{l.site}</strong> by <strong>{formatDate(l.orderBy)}</strong>
                </span>
                {l.isLate ? (
                  <Badge tone="danger">Late: lead time already runs past {formatDate(l.neededBy)}</Badge>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-emerald-700">Stock and open orders cover the forecast.</p>
        )}
        <table className="w-full text-left text-sm">
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
                <td>{l.model}</td>
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
        {forecast.usersWithoutSite ? (
          <p className="mt-2 text-xs text-slate-500">
            {forecast.usersWithoutSite} users in waves have no site or their site has no standard model (no
            reorder point); they are not counted.
          </p>
        ) : null}
      </Panel>
      <Panel
        title="Stock by site and model"
        actions={<ExportButton source={{ table: "stock", input: {} }} />}
      >
        <StockTable rows={stock.rows} caption="Stock by site and model" />
      </Panel>
    </>
  );
}
