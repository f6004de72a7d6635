import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { ScheduleNote } from "./_components/schedule-note";
import { fullSyncEstimate } from "./_components/schedule-text";
import { SyncPanel } from "./_components/sync-panel";

export const metadata = { title: "Sync · Settings" };

export default async function SyncSettingsPage() {
  const actor = await requirePermission("sync.read");
  const caller = await serverCaller();
  const [runs, schedule] = await Promise.all([caller.sync.runs({ pageSize: 20 }), caller.sync.schedule()]);
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="Directory and registration sync"
        description="KeyFleet's picture of Entra: users (delta), the registration report, FIDO2 methods of users whose state changed, policies and groups. Runs on a schedule; every run is listed here."
      />
      <Panel title="Runs">
        <ScheduleNote schedule={schedule} />
        <SyncPanel
          initialRuns={runs}
          canRun={can(actor.roles, "sync.run")}
          fullSyncEstimate={fullSyncEstimate(schedule)}
        />
      </Panel>
    </>
  );
}
