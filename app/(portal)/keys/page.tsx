import {
  readEnumParam,
  readParam,
  readTableView,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { keySortColumns, keyStatuses } from "@/server/modules/inventory/inventory.schemas";
import { serverCaller } from "@/server/trpc/context";
import { KeysTable } from "./_components/keys-table";

export const metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("keys.read");
  const sp = await searchParams;
  const view = readTableView(sp, { sortable: keySortColumns, defaultSort: { id: "serial", desc: false } });
  const filter = {
    q: readParam(sp, "q"),
    status: readEnumParam(sp, "status", keyStatuses),
    siteId: readParam(sp, "site"),
    modelId: readParam(sp, "model"),
  };
  const caller = await serverCaller();
  const [result, { sites, models }] = await Promise.all([
    caller.inventory.keys({ ...view, ...filter }),
    caller.inventory.keyFilterOptions(),
  ]);
  return (
    <>
      <PageHeader
        eyebrow="Inventory"
        title="Keys"
        description="Every physical security key: its serial and model, where it is, who holds it and the Entra credential it carries."
      />
      <KeysTable
        rows={result.items}
        total={result.total}
        view={view}
        filter={filter}
        isFiltered={Object.values(filter).some(Boolean)}
        canWrite={can(actor.roles, "keys.write")}
        sites={sites.map((s) => ({ value: s.id, label: s.code }))}
        models={models.map((m) => ({ value: m.id, label: m.productName }))}
      />
    </>
  );
}
