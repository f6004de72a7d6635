import { formatNumber, humanize, percent } from "@/app/_components/format";
import type { DashboardSummary } from "@/server/modules/dashboards/dashboards.schemas";
import Link from "next/link";

const colours: Record<keyof DashboardSummary["keys"]["byStatus"], string> = {
  ordered: "bg-slate-300",
  in_stock: "bg-sky-400",
  reserved: "bg-indigo-400",
  assigned: "bg-brand-500",
  active: "bg-emerald-500",
  returned: "bg-teal-300",
  lost: "bg-amber-500",
  stolen: "bg-red-500",
  damaged: "bg-orange-400",
  retired: "bg-slate-500",
};

/** A stacked bar of key statuses with its table (every chart has its table). */
export function KeyStatusBar({
  byStatus,
  total,
}: {
  byStatus: DashboardSummary["keys"]["byStatus"];
  total: number;
}) {
  const entries = (Object.keys(colours) as (keyof typeof colours)[]).map((s) => [s, byStatus[s]] as const);
  if (total === 0)
    return <p className="text-sm text-slate-600">No keys yet — receive a purchase order to add keys.</p>;
  return (
    <div>
      <div className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {entries
          .filter(([, n]) => n > 0)
          .map(([s, n]) => (
            <div key={s} className={colours[s]} style={{ width: `${(n / total) * 100}%` }} />
          ))}
      </div>
      <table className="mt-4 w-full text-sm">
        <caption className="sr-only">Keys by status</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Keys</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody className="grid grid-cols-2 gap-x-8 gap-y-1.5 md:grid-cols-3">
          {entries.map(([s, n]) => (
            <tr key={s} className="flex items-center justify-between gap-2">
              <th scope="row" className="flex items-center gap-2 font-normal text-slate-600">
                <span aria-hidden className={`size-2.5 rounded-full ${colours[s]}`} />
                <Link href={`/keys?status=${s}`} className="hover:underline">
                  {humanize(s)}
                </Link>
              </th>
              <td className="ml-auto font-medium tabular-nums">{formatNumber(n)}</td>
              <td className="w-10 text-right text-xs text-slate-500 tabular-nums">{percent(n, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
