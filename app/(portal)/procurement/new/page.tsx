import { PageHeader, Panel } from "@/app/_components/page-header";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { requirePermission } from "@/server/auth/guard";
import { DAY } from "@/server/lib/time";
import { serverCaller } from "@/server/trpc/context";
import { modelOptions, siteOptions } from "../_components/po-options";
import { PoForm, type PoDraft } from "../_components/po-form";

export const metadata = { title: "New purchase order" };

export default async function NewPurchaseOrderPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requirePermission("procurement.write");
  const sp = await searchParams;
  const caller = await serverCaller();
  const [sites, models] = await Promise.all([caller.inventory.sites(), caller.inventory.models()]);
  // "Create a PO" on a forecast recommendation: its site, model and quantity, the model's vendor and cost,
  // expected after the model's lead time. Nothing is written until the buyer creates the draft.
  const model = models.find((m) => m.id === readParam(sp, "modelId"));
  const site = sites.find((s) => s.id === readParam(sp, "siteId"));
  const quantity = Number(readParam(sp, "quantity"));
  const prefill: PoDraft | undefined =
    model && site && Number.isInteger(quantity) && quantity >= 1 && quantity <= 100_000
      ? {
          vendor: model.vendor,
          siteId: site.id,
          expectedDate: new Date(Date.now() + model.leadTimeDays * DAY),
          notes: `Recommended by the forecast: ${quantity} × ${model.productName} for ${site.code}.`,
          lines: [{ modelId: model.id, quantity, unitCostCents: model.unitCostCents }],
        }
      : undefined;
  return (
    <>
      <PageHeader
        eyebrow="Procurement"
        title="New purchase order"
        description={
          prefill
            ? "Filled in from the forecast's recommendation: check the vendor, cost and expected date, then create the draft. It stays a draft until you place it."
            : "A draft until you place it. Keys arrive at the receiving site when you receive the shipment."
        }
      />
      <Panel>
        <PoForm
          draft={prefill}
          sites={siteOptions(sites)}
          models={modelOptions(models.filter((m) => m.isActive))}
        />
      </Panel>
    </>
  );
}
