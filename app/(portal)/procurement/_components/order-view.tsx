"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDate, formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { useTRPC, type RouterOutputs } from "@/app/_lib/trpc";
import { useServerSeed } from "@/app/_lib/use-server-seed";
import { money } from "./money";
import { PoActions } from "./po-actions";
import { PoStatusBadge } from "./po-status-badge";
import { ReceivedKeys } from "./received-keys";
import { Receiving } from "./receiving";
import { secondaryButton } from "@/app/_components/styles";

type Order = RouterOutputs["procurement"]["get"];

/**
 * A purchase order, read through the query cache: the server's read is the first answer, and every
 * receipt (a scan, a CSV commit) or action on the order reads it again, so the lines, the count and the
 * status follow each scan as it lands.
 */
export function OrderView({ initial, canWrite }: { initial: Order; canWrite: boolean }) {
  const trpc = useTRPC();
  useServerSeed(trpc.procurement.get.queryKey({ id: initial.id }), initial);
  const { data: po } = useQuery({
    ...trpc.procurement.get.queryOptions({ id: initial.id }),
    initialData: initial,
  });
  const isReceivable = po.status === "ordered" || po.status === "partially_received";
  const cancelled = po.lines.reduce((n, l) => n + l.cancelledQuantity, 0);
  const outstanding = isReceivable ? po.quantity - po.received : 0;
  return (
    <>
      <PageHeader
        eyebrow="Purchase order"
        title={po.number}
        description={
          <>
            {po.vendor} · receiving at {po.site} · expected {formatDate(po.expectedDate)}
          </>
        }
        actions={
          <>
            <PoStatusBadge status={po.status} isOverdue={po.isOverdue} />
            {canWrite && po.status === "draft" ? (
              <Link href={`/procurement/orders/${po.id}/edit`} className={secondaryButton}>
                Edit draft
              </Link>
            ) : null}
            <PoActions
              id={po.id}
              number={po.number}
              status={po.status}
              outstanding={outstanding}
              canWrite={canWrite}
            />
          </>
        }
      />
      <Panel
        title="Lines"
        description={`${formatNumber(po.received)} of ${formatNumber(po.quantity)} received${cancelled ? ` · ${formatNumber(cancelled)} cancelled` : ""} · total ${money(po.totalCents)}`}
        className="mb-6"
      >
        <div className="overflow-x-auto">
          <table className="w-full min-w-[32rem] text-left text-sm" data-testid="po-lines">
            <caption className="sr-only">Lines of {po.number}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1.5">Model</th>
                <th className="pl-3 text-right">Quantity</th>
                <th className="pl-3 text-right">Received</th>
                <th className="pl-3 text-right">Cancelled</th>
                <th className="pl-3 text-right">Unit cost</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {po.lines.map((l) => (
                <tr key={l.id}>
                  <td className="py-1.5">
                    {l.vendor} {l.model}
                  </td>
                  <td className="pl-3 text-right tabular-nums">{formatNumber(l.quantity)}</td>
                  <td className="pl-3 text-right tabular-nums">{formatNumber(l.receivedQuantity)}</td>
                  <td className="pl-3 text-right tabular-nums">{formatNumber(l.cancelledQuantity)}</td>
                  <td className="pl-3 text-right tabular-nums">{money(l.unitCostCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {po.notes ? <p className="mt-3 text-sm text-slate-600">{po.notes}</p> : null}
        {po.status === "closed" ? (
          <p className="mt-3 text-sm text-slate-600" data-testid="po-closed">
            Closed short on {formatDate(po.closedAt)}:{" "}
            {cancelled === 1
              ? "the 1 key not received is no longer expected."
              : `the ${formatNumber(cancelled)} keys not received are no longer expected.`}{" "}
            Reason: {po.closeReason}
          </p>
        ) : null}
      </Panel>
      {canWrite ? <Receiving poId={po.id} isReceivable={isReceivable} lines={po.lines} /> : null}
      <ReceivedKeys poId={po.id} />
    </>
  );
}
