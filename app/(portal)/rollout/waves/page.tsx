import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { RolloutTabs } from "../_components/rollout-tabs";
import { WavesTable } from "./_components/waves-table";

export const metadata = { title: "Rollout waves" };

export default async function WavesPage() {
  const actor = await requirePermission("rollout.read");
  const api = await serverCaller();
  const [waves, choices] = await Promise.all([api.rollout.waves(), api.rollout.filterChoices()]);
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Waves of users: from Entra groups or a department/site filter, with a start, a registration deadline, an enforcement date and a target. Members follow Entra at every sync."
      />
      <RolloutTabs current="/rollout/waves" />
      <Panel
        title="Waves"
        description="Saving a wave changes nothing in Entra: it only decides whom the dashboards, reminders and forecasts count."
      >
        <WavesTable
          waves={waves}
          choices={choices}
          canWrite={can(actor.roles, "rollout.write")}
          canUsers={can(actor.roles, "users.read")}
          canAssign={can(actor.roles, "keys.assign")}
        />
      </Panel>
    </>
  );
}
