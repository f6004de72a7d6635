import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { formatDate, formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { money } from "../../_components/money";
import { PoActions } from "../../_components/po-actions";
import { PoStatusBadge } from "../../_components/po-status-badge";
import { Receiving } from "../../_components/receiving";

export const metadata = { title: "Purchase order" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("procurement.read");
  const { id } = await params;
  const po = await (await serverCaller()).procurement.get({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const canWrite = can(actor.roles, "procurement.write");
  const isReceivable = po.status === "ordered" || po.status === "partially_received";
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
              <Link
                href={`/procurement/orders/${po.id}/edit`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              >
                Edit draft
              </Link>
            ) : null}
            <PoActions id={po.id} number={po.number} status={po.status} canWrite={canWrite} />
          </>
        }
      />
      <Panel
        title="Lines"
        description={`${formatNumber(po.received)} of ${formatNumber(po.quantity)} received · total ${money(po.totalCents)}`}
        className="mb-6"
      >
        <table className="w-full text-left text-sm" data-testid="po-lines">
          <caption className="sr-only">Lines of {po.number}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1.5">Model</th>
              <th className="text-right">Quantity</th>
              <th className="text-right">Received</th>
              <th className="text-right">Unit cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {po.lines.map((l) => (
              <tr key={l.id}>
                <td className="py-1.5">
                  {l.vendor} {l.model}
                </td>
                <td className="text-right tabular-nums">{formatNumber(l.quantity)}</td>
                <td className="text-right tabular-nums">{formatNumber(l.receivedQuantity)}</td>
                <td className="text-right tabular-nums">{money(l.unitCostCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {po.notes ? <p className="mt-3 text-sm text-slate-600">{po.notes}</p> : null}
      </Panel>
      {canWrite ? (
        <Receiving
          poId={po.id}
          received={po.received}
          isReceivable={isReceivable}
          lines={po.lines.map((l) => ({
            id: l.id,
            model: l.model,
            quantity: l.quantity,
            receivedQuantity: l.receivedQuantity,
          }))}
        />
      ) : null}
    </>
  );
}
