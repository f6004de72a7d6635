import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { SiteForm } from "../_components/site-form";

export const metadata = { title: "Add a site" };

export default async function NewSitePage() {
  await requirePermission("procurement.write");
  return (
    <>
      <PageHeader
        eyebrow="Sites"
        title="Add a site"
        description="An office that hands out keys or a warehouse that receives them. Set its reorder points after saving."
      />
      <Panel>
        <SiteForm initial={{}} />
      </Panel>
    </>
  );
}
