import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { RecoveryPolicyForm } from "./_components/recovery-policy-form";
import { secondaryButton } from "@/app/_components/styles";

export const metadata = { title: "Recovery policy" };

export default async function RecoveryPolicyPage() {
  const actor = await requirePermission("settings.read");
  const policy = await (await serverCaller()).settings.recoveryPolicy();
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="Recovery policy"
        description="How the helpdesk verifies a caller before revoking a key or issuing a Temporary Access Pass, and the limits on passes. Evidence is always a typed record (method, who, when, reference), never a copy of an ID."
        actions={
          <Link href="/settings" className={secondaryButton}>
            All settings
          </Link>
        }
      />
      <RecoveryPolicyForm initial={policy} canWrite={can(actor.roles, "settings.write")} />
    </>
  );
}
