import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { OrderView } from "../../_components/order-view";

export const metadata = { title: "Purchase order" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("procurement.read");
  const { id } = await params;
  const po = await (await serverCaller()).procurement.get({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return <OrderView initial={po} canWrite={can(actor.roles, "procurement.write")} />;
}
