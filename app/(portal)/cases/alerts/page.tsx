import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { Badge } from "@/app/_components/badge";
import { EmptyState } from "@/app/_components/empty-state";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { serverCaller } from "@/server/trpc/context";
import { CaseTabs } from "../_components/case-tabs";
import { PillNav } from "@/app/_components/pill-nav";
import { alertLabel, who } from "@/app/(portal)/_components/case-labels";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Security alerts" };

const windows = [1, 7, 30, 90] as const;
const tone = { privileged_tap: "warning", agent_over_cap: "danger", recent_use_revoked: "info" } as const;

export default async function AlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("audit.read");
  const asked = Number(readParam(await searchParams, "days"));
  const days = (windows as readonly number[]).includes(asked) ? asked : 7;
  const alerts = await (await serverCaller()).recovery.alerts({ days });
  return (
    <>
      <PageHeader
        eyebrow="Security"
        title="Security alerts"
        description="Recovery actions a security lead should see: passes issued to privileged users, agents over the hourly pass cap, and revoked keys that had been used recently."
      />
      <CaseTabs current="/cases/alerts" />
      <PillNav
        label="Period"
        items={windows.map((d) => ({
          href: d === 7 ? "/cases/alerts" : `/cases/alerts?days=${d}`,
          label: d === 1 ? "Last 24 hours" : `Last ${d} days`,
          isCurrent: d === days,
        }))}
      />
      <Panel>
        {alerts.length ? (
          <table className="w-full text-left text-sm" data-testid="alerts">
            <caption className="sr-only">Security alerts, newest first</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3">When</th>
                <th className="pr-3">Alert</th>
                <th className="pr-3">Agent</th>
                <th className="pr-3">User</th>
                <th className="pr-3">Case</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {alerts.map((a, i) => (
                <tr key={i} className="align-top">
                  <td className="whitespace-nowrap py-2 pr-3 text-xs">{formatDateTime(a.at)}</td>
                  <td className="pr-3">
                    <Badge tone={tone[a.kind]}>{alertLabel[a.kind]}</Badge>
                  </td>
                  <td className="whitespace-nowrap pr-3">{who(a.actorId, actor.id)}</td>
                  <td className="pr-3">
                    {a.userId ? (
                      <Link href={`/users/${a.userId}`} className={textLink}>
                        {a.userDisplayName ?? a.userId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="pr-3">
                    {a.caseId ? (
                      <Link href={`/cases/${a.caseId}`} className={textLink}>
                        #{a.caseNumber}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="text-slate-600">{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="py-8">
            <EmptyState icon={ShieldCheck} title="No alerts in this period">
              An alert appears when a pass is issued to a privileged user, an agent goes over the hourly pass
              cap, or a key used in the last days is revoked.
            </EmptyState>
          </div>
        )}
      </Panel>
    </>
  );
}
