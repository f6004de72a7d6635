import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/app/_components/badge";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { kindLabel } from "@/app/(portal)/_components/case-labels";
import { CaseWorkspace } from "./_components/case-workspace";
import { secondaryButton } from "@/app/_components/styles";

export const metadata = { title: "Case" };

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("cases.read");
  const { id } = await params;
  const c = await (await serverCaller()).cases.get({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const r = actor.roles;
  return (
    <>
      <PageHeader
        eyebrow={`Case #${c.number}`}
        title={`${kindLabel[c.kind]} key — ${c.user.displayName}`}
        description={
          c.isOpen
            ? "Run the steps in order. Each one says what it will do in Entra before it does it; every step is recorded and safe to retry."
            : undefined
        }
        actions={
          <>
            {c.user.isPrivileged ? <Badge tone="warning">Privileged user</Badge> : null}
            <Link href="/cases" className={secondaryButton}>
              All cases
            </Link>
          </>
        }
      />
      <CaseWorkspace
        key={c.id}
        initial={c}
        me={actor.id}
        can={{
          write: can(r, "cases.write"),
          revoke: can(r, "cases.revoke"),
          approve: can(r, "cases.approve"),
          issueTap: can(r, "tap.issue"),
          revokeTap: can(r, "tap.revoke"),
          assign: can(r, "keys.assign"),
        }}
      />
    </>
  );
}
