import { Plus } from "lucide-react";
import Link from "next/link";
import {
  readEnumParam,
  readParam,
  readTableView,
  type SearchParams,
} from "@/app/_components/data-table/url-state";
import { PageHeader } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { caseKinds, casePriorities, caseStatuses } from "@/server/modules/cases/cases.schemas";
import { serverCaller } from "@/server/trpc/context";
import { CaseTabs } from "./_components/case-tabs";
import { CasesTable } from "./_components/cases-table";

export const metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("cases.read");
  const sp = await searchParams;
  const view = readTableView(sp);
  const status = readEnumParam(sp, "status", [...caseStatuses, "active"] as const);
  const kind = readEnumParam(sp, "kind", caseKinds);
  const q = readParam(sp, "q");
  const priority = readEnumParam(sp, "priority", casePriorities);
  // An id longer than the schema takes is cut: it then matches no agent, instead of failing the page.
  const assignee = readParam(sp, "assignee")?.slice(0, 100);
  const caller = await serverCaller();
  // The agents for the assignee filter come with the page: the list reads them anyway, for the names.
  const result = await caller.cases.list({
    page: view.page,
    pageSize: view.pageSize,
    status,
    kind,
    q,
    priority,
    assignee,
  });
  const canOpen = can(actor.roles, "cases.write");
  return (
    <>
      <PageHeader
        eyebrow="Helpdesk"
        title="Cases"
        description="Lost, stolen, damaged and forgotten keys, and offboarding: each case walks the runbook step by step — verify, revoke in Entra, replace, Temporary Access Pass — and records every action."
        actions={
          canOpen ? (
            <Link
              href="/cases/new"
              className="flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Plus aria-hidden className="size-4" /> New case
            </Link>
          ) : null
        }
      />
      <CaseTabs current="/cases" />
      <CasesTable
        rows={result.items}
        total={result.total}
        view={view}
        isFiltered={Boolean(status || kind || q || priority || assignee)}
        agents={result.agents}
        canOpen={canOpen}
        me={actor.id}
      />
    </>
  );
}
