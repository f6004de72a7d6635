import { readEnumParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { approvalStatuses } from "@/server/modules/cases/cases.schemas";
import { serverCaller } from "@/server/trpc/context";
import { CaseTabs } from "../_components/case-tabs";
import { PillNav } from "@/app/_components/pill-nav";
import { ApprovalsQueue } from "./_components/approvals-queue";

export const metadata = { title: "Approvals" };

const filterLabel = { pending: "Waiting", approved: "Approved", rejected: "Rejected" } as const;

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("cases.approve");
  const status = readEnumParam(await searchParams, "status", approvalStatuses) ?? "pending";
  const items = await (await serverCaller()).cases.approvals({ status });
  return (
    <>
      <PageHeader
        eyebrow="Helpdesk"
        title="Approvals"
        description="Four eyes: a privileged user's recovery (or a pass beyond an agent's hourly cap) waits here until a second agent — never the one who asked — approves it."
      />
      <CaseTabs current="/cases/approvals" />
      <PillNav
        label="Approval status"
        items={approvalStatuses.map((s) => ({
          href: s === "pending" ? "/cases/approvals" : `/cases/approvals?status=${s}`,
          label: filterLabel[s],
          isCurrent: s === status,
        }))}
      />
      <ApprovalsQueue items={items} status={status} me={actor.id} />
    </>
  );
}
