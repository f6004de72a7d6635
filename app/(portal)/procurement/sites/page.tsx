import { Building2 } from "lucide-react";
import Link from "next/link";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { Badge } from "@/app/_components/badge";
import { EmptyState } from "@/app/_components/empty-state";
import { formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { ProcurementActions } from "../_components/procurement-actions";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { ReorderPoints } from "./_components/reorder-points";

export const metadata = { title: "Sites" };

export default async function SitesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("procurement.read");
  const canWrite = can(actor.roles, "procurement.write");
  const caller = await serverCaller();
  const [sites, models] = await Promise.all([caller.inventory.siteList(), caller.inventory.models()]);
  const wanted = readParam(await searchParams, "site");
  const current = sites.find((s) => s.id === wanted) ?? sites[0];
  const stock = current ? await caller.inventory.stock({ siteId: current.id }) : { rows: [] };
  const modelName = new Map(models.map((m) => [m.id, m.productName]));
  // Models that can be ordered, plus any retired model the site still keeps a reorder point for.
  const rows = current
    ? models
        .filter((m) => m.isActive || current.reorderPoints.some((p) => p.modelId === m.id))
        .map((m) => {
          const s = stock.rows.find((r) => r.modelId === m.id);
          return {
            modelId: m.id,
            model: `${m.vendor} ${m.productName}`,
            inStock: s?.inStock ?? 0,
            onOrder: s?.onOrder ?? 0,
            minimum: current.reorderPoints.find((p) => p.modelId === m.id)?.minimum ?? null,
          };
        })
        .sort(
          (a, b) => Number(b.minimum !== null) - Number(a.minimum !== null) || a.model.localeCompare(b.model),
        )
    : [];
  return (
    <>
      <PageHeader
        eyebrow="Procurement"
        title="Sites"
        description="Offices and warehouses that hold keys, and the stock each keeps per model before it reorders."
        actions={
          <ProcurementActions addHref="/procurement/sites/new" addLabel="Add a site" canWrite={canWrite} />
        }
      />
      <Panel
        title="Sites"
        className="mb-6"
        description={`${sites.length} sites · choose one to see and set its reorder points`}
      >
        {sites.length === 0 ? (
          <EmptyState icon={Building2} title="No sites yet">
            Add the offices that hand out keys and the warehouses that receive them.
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm" data-testid="sites-table">
            <caption className="sr-only">Sites</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1.5 pr-3">Code</th>
                <th className="pr-3">Name</th>
                <th className="pr-3">Kind</th>
                <th className="pr-3">Location</th>
                <th className="pr-3">Entra office location</th>
                <th className="pr-3 text-right">Keys</th>
                <th className="pr-3">Reorder points</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sites.map((s) => (
                <tr
                  key={s.id}
                  className={s.id === current?.id ? "bg-brand-50/50" : ""}
                  aria-current={s.id === current?.id ? "true" : undefined}
                >
                  <td className="py-2 pr-3 font-mono font-medium">{s.code}</td>
                  <td className="pr-3">{s.name}</td>
                  <td className="pr-3">
                    <Badge tone={s.kind === "warehouse" ? "brand" : "neutral"}>
                      {s.kind === "warehouse" ? "Warehouse" : "Office"}
                    </Badge>
                  </td>
                  <td className="pr-3">
                    {[s.city, s.country].filter(Boolean).join(", ") || (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="pr-3">{s.officeLocation ?? <span className="text-slate-500">none</span>}</td>
                  <td className="pr-3 text-right tabular-nums">{formatNumber(s.keyCount)}</td>
                  <td className="pr-3 text-xs text-slate-600">
                    {s.reorderPoints.length ? (
                      s.reorderPoints
                        .map((p) => `${modelName.get(p.modelId) ?? "?"}: ${p.minimum}`)
                        .join(" · ")
                    ) : (
                      <span className="text-slate-500">none</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap text-right">
                    <Link
                      href={`/procurement/sites?site=${s.id}#reorder`}
                      className="text-sm font-medium text-brand-600 hover:underline"
                      aria-label={`Reorder points at ${s.code}`}
                    >
                      Reorder points
                    </Link>
                    {canWrite ? (
                      <Link
                        href={`/procurement/sites/${s.id}`}
                        className="ml-3 text-sm font-medium text-brand-600 hover:underline"
                        aria-label={`Edit ${s.code}`}
                      >
                        Edit
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {current ? (
        <div id="reorder">
          <Panel
            title={`Reorder points at ${current.code} — ${current.name}`}
            description="A low-stock alert appears when keys in stock fall under this number; the forecast orders up to it. Blank or 0 means no reorder point."
          >
            <ReorderPoints
              key={current.id}
              siteId={current.id}
              site={current.code}
              rows={rows}
              canWrite={canWrite}
            />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
