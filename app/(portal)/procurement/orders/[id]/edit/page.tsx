import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { modelOptions, siteOptions } from "../../../_components/po-options";
import { PoForm } from "../../../_components/po-form";

export const metadata = { title: "Edit purchase order" };

export default async function EditPurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("procurement.write");
  const { id } = await params;
  const caller = await serverCaller();
  const [po, sites, models] = await Promise.all([
    caller.procurement.get({ id }).catch((e: unknown) => {
      if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
      throw e;
    }),
    caller.inventory.sites(),
    caller.inventory.models(),
  ]);
  if (po.status !== "draft") {
    return (
      <>
        <PageHeader eyebrow="Purchase order" title={po.number} />
        <Panel>
          <p className="text-sm text-slate-700">
            {po.number} is {po.status.replace("_", " ")}: only a draft can be edited.{" "}
            <Link
              href={`/procurement/orders/${po.id}`}
              className="font-medium text-brand-600 hover:underline"
            >
              Back to the order
            </Link>
          </p>
        </Panel>
      </>
    );
  }
  const onOrder = new Set(po.lines.map((l) => l.modelId));
  return (
    <>
      <PageHeader
        eyebrow="Purchase order"
        title={`Edit ${po.number}`}
        description="Still a draft: nothing is on order until you place it."
      />
      <Panel>
        <PoForm
          draft={{
            id: po.id,
            vendor: po.vendor,
            siteId: po.siteId,
            expectedDate: po.expectedDate,
            notes: po.notes,
            lines: po.lines,
          }}
          sites={siteOptions(sites)}
          models={modelOptions(models.filter((m) => m.isActive || onOrder.has(m.id)))}
        />
      </Panel>
    </>
  );
}
