import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { PoForm } from "../_components/po-form";

export const metadata = { title: "New purchase order" };

export default async function NewPurchaseOrderPage() {
  await requirePermission("procurement.write");
  const caller = await serverCaller();
  const [sites, models] = await Promise.all([caller.inventory.sites(), caller.inventory.models()]);
  return (
    <>
      <PageHeader
        eyebrow="Procurement"
        title="New purchase order"
        description="A draft until you place it. Keys arrive at the receiving site when you receive the shipment."
      />
      <Panel>
        <PoForm
          sites={sites.map((s) => ({
            id: s.id,
            label: `${s.code} — ${s.name}${s.kind === "warehouse" ? " (warehouse)" : ""}`,
          }))}
          models={models
            .filter((m) => m.isActive)
            .map((m) => ({
              id: m.id,
              label: `${m.vendor} ${m.productName}`,
              vendor: m.vendor,
              unitCostCents: m.unitCostCents,
            }))}
        />
      </Panel>
    </>
  );
}
