import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { CatalogPicker } from "../_components/catalog-picker";
import { ModelForm, type ModelFormValues } from "../_components/model-form";
import { fromCatalog } from "../_components/labels";

export const metadata = { title: "Add a key model" };

export default async function NewKeyModelPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("procurement.write");
  const sp = await searchParams;
  // Arriving from an unknown AAGUID: start with it and with the name Entra reports.
  const aaguid = readParam(sp, "aaguid");
  const name = readParam(sp, "name");
  // Or from a catalogue entry (?from=<aaguid>): vendor, product, AAGUIDs and what the catalogue knows, prefilled.
  const from = readParam(sp, "from");
  const products = await (await serverCaller()).inventory.catalogProducts();
  const product = from ? (products.find((p) => p.aaguids.includes(from.toLowerCase())) ?? null) : null;
  const initial: ModelFormValues = product
    ? fromCatalog(product)
    : { aaguids: aaguid ? [aaguid] : [], productName: name?.slice(0, 150) };
  return (
    <>
      <PageHeader
        eyebrow="Key models"
        title="Add a key model"
        description={
          aaguid ? (
            <>
              For the AAGUID <span className="font-mono">{aaguid}</span> seen in Entra.
            </>
          ) : (
            "A model you buy: its properties, cost and lead time, and the AAGUIDs it registers with."
          )
        }
      />
      <div className="space-y-6">
        <Panel
          title="Start from the catalogue"
          description="KeyFleet knows security keys by AAGUID. Pick one to prefill vendor, product and AAGUIDs."
        >
          <CatalogPicker
            products={products.map((p) => ({ ref: p.ref, label: `${p.vendor} · ${p.product}` }))}
            selected={product?.ref ?? null}
          />
        </Panel>
        <Panel>
          <ModelForm
            key={product?.ref ?? "blank"}
            initial={initial}
            catalog={product ? { ref: product.ref, vendor: product.vendor, product: product.product } : null}
          />
        </Panel>
      </div>
    </>
  );
}
