import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { SyncPanel } from "./_components/sync-panel";

export const metadata = { title: "Sync · Settings" };

export default async function SyncSettingsPage() {
  const actor = await requirePermission("sync.read");
  const runs = await (await serverCaller()).sync.runs({ pageSize: 20 });
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="Directory and registration sync"
        description="KeyFleet's picture of Entra: users (delta), the registration report, FIDO2 methods of users whose state changed, policies and groups. Runs on a schedule; every run is listed here."
      />
      <Panel title="Runs">
        <SyncPanel initialRuns={runs} canRun={can(actor.roles, "sync.run")} />
      </Panel>
    </>
  );
}
