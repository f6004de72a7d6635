import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { ModelForm } from "../_components/model-form";

export const metadata = { title: "Add a key model" };

export default async function NewKeyModelPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("procurement.write");
  const sp = await searchParams;
  // Arriving from an unknown AAGUID: start with it and with the name Entra reports.
  const aaguid = readParam(sp, "aaguid");
  const name = readParam(sp, "name");
  return (
    <>
      <PageHeader eyebrow="Key models" title="Add a key model" description={aaguid ? <>For the AAGUID <span className="font-mono">{aaguid}</span> seen in Entra.</> : "A model you buy: its properties, cost and lead time, and the AAGUIDs it registers with."} />
      <Panel>
        <ModelForm initial={{ aaguids: aaguid ? [aaguid] : [], productName: name?.slice(0, 150) }} />
      </Panel>
    </>
  );
}
