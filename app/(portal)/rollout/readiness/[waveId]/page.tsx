import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { readEnumParam, readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { Badge } from "@/app/_components/badge";
import { formatDate } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { PillNav } from "@/app/_components/pill-nav";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { readinessStatuses } from "@/server/modules/levers/readiness.schemas";
import { serverCaller } from "@/server/trpc/context";
import {
  attempt,
  Pager,
  PolicyState,
  SimpleTable,
  statusLabels,
  statusTones,
  Unavailable,
} from "../../_components/levers-ui";
import { RolloutTabs } from "../../_components/rollout-tabs";

export const metadata = { title: "Wave readiness" };

const filters = [...readinessStatuses, "would_lock_out"] as const;
const cell = "px-5 py-2.5";

export default async function WaveReadinessPage({
  params,
  searchParams,
}: {
  params: Promise<{ waveId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requirePermission("levers.read");
  const { waveId } = await params;
  const sp = await searchParams;
  const status = readEnumParam(sp, "status", filters);
  const page = Math.max(1, Math.min(10_000, Number(readParam(sp, "page")) || 1));
  const api = await serverCaller();
  const r = await attempt(() => api.levers.readinessWave({ waveId, status, page, pageSize: 50 }));
  const href = (s: string | undefined, p = 1) =>
    `/rollout/readiness/${waveId}?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  if (!r.ok)
    return (
      <>
        <PageHeader eyebrow="Adoption" title="Wave readiness" />
        <RolloutTabs current="/rollout/readiness" />
        <Unavailable title="Readiness could not be read" message={r.message} />
      </>
    );
  const { summary: w, members, total } = r.value;
  const lockout = w.enforcementDate && (w.daysToEnforcement ?? 0) > 0 && w.notReady > 0;
  const canUsers = can(actor.roles, "users.read");
  return (
    <>
      <PageHeader
        eyebrow="Enforcement readiness"
        title={w.name}
        description={`${w.members} members who can sign in · registration deadline ${formatDate(w.registrationDeadline)} · enforcement ${w.enforcementDate ? formatDate(w.enforcementDate) : "not set"}`}
        actions={
          <Link className="text-sm text-brand-700 underline" href="/rollout/readiness">
            All waves
          </Link>
        }
      />
      <RolloutTabs current="/rollout/readiness" />
      {lockout ? (
        <div
          role="alert"
          data-testid="lockout"
          className="mb-5 flex gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0" />
          <p>
            <strong>{w.notReady} members would be locked out</strong> if a phishing-resistant policy is
            enforced for this wave on {formatDate(w.enforcementDate)} (in {w.daysToEnforcement} days): they
            hold no key the strength accepts.{" "}
            <Link className="font-medium underline" href={href("would_lock_out")}>
              See who
            </Link>
            .
          </p>
        </div>
      ) : null}
      <div className="space-y-6">
        <Panel
          title="Policies that apply to members"
          description="Enabled policies enforce; report-only ones only log what they would do."
        >
          {w.policies.length === 0 ? (
            <p className="text-sm text-slate-600">
              No Conditional Access policy requires a phishing-resistant strength for any member. Entra admin
              center → Conditional Access: target the wave&apos;s group with the &quot;Phishing-resistant
              MFA&quot; strength, report-only first.
            </p>
          ) : (
            <ul className="space-y-2 text-sm">
              {w.policies.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-2">
                  <PolicyState state={p.state} />
                  <span className="font-medium text-slate-900">{p.name}</span>
                  <span className="text-slate-500">
                    {p.strengthName} · {p.members} members
                    {p.restrictsModels ? " · listed key models only" : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Members">
          <PillNav
            label="Readiness filter"
            items={[
              { href: href(undefined), label: `Everyone (${w.members})`, isCurrent: !status },
              ...filters.map((s) => ({
                href: href(s),
                label: `${statusLabels[s]} (${
                  {
                    covered_ready: w.coveredReady,
                    covered_not_ready: w.coveredNotReady,
                    ready_not_covered: w.readyNotCovered,
                    not_ready_not_covered: w.notReadyNotCovered,
                    would_lock_out: w.notReady,
                  }[s]
                })`,
                isCurrent: status === s,
              })),
            ]}
          />
          {members.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600">Nobody in this wave is in this list.</p>
          ) : (
            <SimpleTable label="Wave members" head={["Person", "Status", "FIDO2 credentials", "Policies"]}>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td className={cell}>
                    {canUsers ? (
                      <Link
                        className="font-medium text-brand-700 hover:underline"
                        href={`/users/${m.userId}`}
                      >
                        {m.displayName}
                      </Link>
                    ) : (
                      <span className="font-medium">{m.displayName}</span>
                    )}
                    <p className="text-xs text-slate-500">{m.userPrincipalName}</p>
                  </td>
                  <td className={cell}>
                    <Badge tone={statusTones[m.status]}>{statusLabels[m.status]}</Badge>
                    {m.coverage === "report_only" ? (
                      <p className="mt-1 text-xs text-slate-500">Report-only policy</p>
                    ) : null}
                  </td>
                  <td className={cell}>
                    {m.models.length ? m.models.join(", ") : <span className="text-slate-500">None</span>}
                  </td>
                  <td className={cell}>
                    {m.policies.length ? m.policies.join(", ") : <span className="text-slate-500">None</span>}
                  </td>
                </tr>
              ))}
            </SimpleTable>
          )}
          <Pager page={page} pageSize={50} total={total} href={(p) => href(status, p)} />
        </Panel>
      </div>
    </>
  );
}
