import { notFound } from "next/navigation";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { ModelForm } from "../_components/model-form";

export const metadata = { title: "Edit key model" };

export default async function EditKeyModelPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("procurement.write");
  const { id } = await params;
  const model = (await (await serverCaller()).inventory.models()).find((m) => m.id === id);
  if (!model) notFound();
  const { keyCount, ...values } = model;
  return (
    <>
      <PageHeader
        eyebrow="Key models"
        title={`${model.vendor} ${model.productName}`}
        description={`${keyCount} keys of this model in inventory. Changes apply to them too (cost changes do not alter existing orders).`}
      />
      <Panel>
        <ModelForm initial={values} />
      </Panel>
    </>
  );
}
