import { Badge } from "@/app/_components/badge";
import { formatNumber } from "@/app/_components/format";
import type { StockRow } from "@/server/modules/inventory/inventory.schemas";

/** Stock per site and model against its reorder point (small: sites × models, no paging needed). */
export function StockTable({ rows, caption }: { rows: StockRow[]; caption: string }) {
  const n = (v: number) => <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(v)}</td>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1.5">Site</th>
          <th>Model</th>
          <th className="px-2 text-right">In stock</th>
          <th className="px-2 text-right">Reorder at</th>
          <th className="px-2 text-right">On order</th>
          <th className="px-2 text-right">Reserved</th>
          <th className="px-2 text-right">With users</th>
          <th className="px-2 text-right">Lost</th>
          <th />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr
            key={`${r.siteId}-${r.modelId}`}
            data-testid={`stock-${r.site}-${r.model}`}
            className={r.isLow ? "bg-amber-50/60" : ""}
          >
            <td className="py-1.5 font-medium">{r.site}</td>
            <td>
              <a
                className="hover:underline"
                href={`/keys?site=${r.siteId}&model=${r.modelId}&status=in_stock`}
              >
                {r.model}
              </a>
            </td>
            {n(r.inStock)}
            <td className="px-2 py-1.5 text-right tabular-nums">{r.reorderPoint ?? "—"}</td>
            {n(r.onOrder)}
            {n(r.reserved)}
            {n(r.assigned)}
            {n(r.lost)}
            <td className="pl-2">{r.isLow ? <Badge tone="warning">Low stock</Badge> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
