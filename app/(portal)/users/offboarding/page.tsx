import { UserCheck } from "lucide-react";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { OffboardingQueue } from "../_components/offboarding-queue";
import { UserTabs } from "../_components/user-tabs";

export const metadata = { title: "Offboarding" };

export default async function OffboardingPage() {
  const actor = await requirePermission("users.read");
  const rows = await (await serverCaller()).assignment.offboarding();
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Offboarding"
        description="Leavers: people disabled or deleted in Entra who still hold keys or have live FIDO2 credentials. Delete each credential in Entra and collect each key back into stock."
      />
      <UserTabs current="/users/offboarding" />
      {rows.length ? (
        <OffboardingQueue
          rows={rows}
          canRevoke={can(actor.roles, "cases.revoke")}
          canCollect={can(actor.roles, "keys.assign")}
        />
      ) : (
        <EmptyState icon={UserCheck} title="Nobody to offboard">
          When sync sees a user disabled or deleted in Entra while they hold keys or credentials, they appear
          here.
        </EmptyState>
      )}
    </>
  );
}
