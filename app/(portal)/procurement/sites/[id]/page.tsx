import { notFound } from "next/navigation";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { SiteForm } from "../_components/site-form";

export const metadata = { title: "Edit site" };

export default async function EditSitePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("procurement.write");
  const { id } = await params;
  const site = (await (await serverCaller()).inventory.siteList()).find((s) => s.id === id);
  if (!site) notFound();
  const { id: siteId, code, name, kind, city, country, officeLocation } = site;
  return (
    <>
      <PageHeader
        eyebrow="Sites"
        title={`${code} — ${name}`}
        description={`${site.keyCount} keys are at this site. Changing the office location changes which users the forecast counts here.`}
      />
      <Panel>
        <SiteForm initial={{ id: siteId, code, name, kind, city, country, officeLocation }} />
      </Panel>
    </>
  );
}
