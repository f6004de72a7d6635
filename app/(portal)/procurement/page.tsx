import { AlertTriangle, Boxes, Building2, CalendarClock, Cpu, Plus, Truck } from "lucide-react";
import Link from "next/link";
import {
  readEnumParam,
  readParam,
  readTableView,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { StatCard } from "@/app/_components/stat-card";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { poSortColumns, poStatuses } from "@/server/modules/procurement/procurement.schemas";
import { serverCaller } from "@/server/trpc/context";
import { ExportButton } from "@/app/_components/export-button";
import { ForecastPanel } from "./_components/forecast-panel";
import { OrdersTable } from "./_components/orders-table";
import { StockTable } from "./_components/stock-table";
import { primaryLink } from "@/app/_components/styles";

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
              <Link href="/procurement/new" className={primaryLink}>
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
      <ForecastPanel forecast={forecast} canWrite={can(actor.roles, "procurement.write")} />
      <Panel
        title="Stock by site and model"
        actions={<ExportButton source={{ table: "stock", input: {} }} />}
      >
        <StockTable rows={stock.rows} caption="Stock by site and model" />
      </Panel>
    </>
  );
}
