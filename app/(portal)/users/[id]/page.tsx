import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/app/_components/badge";
import { formatDate, formatDateTime, humanize } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { UNLINKED_LABEL } from "@/server/catalog";
import { authMethodList } from "@/server/modules/directory/auth-methods.constants";
import { serverCaller } from "@/server/trpc/context";
import { AssignKeyButton } from "../_components/assign-dialog";
import { handoverSummary } from "@/app/(portal)/_components/handover-summary";
import { KeyActions } from "../_components/key-actions";
import { SitePicker } from "../_components/site-picker";
import { UserTaps } from "../_components/user-taps";
import { RefreshUserButton } from "@/app/_components/refresh-user-button";
import { EnrollPersonButton } from "@/app/(portal)/_components/enroll-person-button";
import { Timeline } from "@/app/_components/timeline";
import { LastUsed } from "@/app/(portal)/users/_components/last-used";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "User" };

// An enrolled link is known (made through KeyFleet's enrollment station); confirmed and inferred ones are matched.
const matchTone = (m: string) =>
  m === "awaiting registration"
    ? "warning"
    : m === "reserved"
      ? "brand"
      : m === "enrolled"
        ? "info"
        : "success";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("users.read");
  const { id } = await params;
  const d = await (await serverCaller()).users.get({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const u = d.user;
  const isLeaver = !u.accountEnabled || u.deletedAt !== null;
  const hasPrimary = d.keys.some((k) => k.kind === "primary");
  const canAct = can(actor.roles, "keys.assign");
  // Reporting a key with a live credential goes through a case: the open one, or a new one for this key.
  const openCase = d.cases.find((c) => c.isOpen && c.kind !== "offboarding");
  const caseHrefFor = (keyId: string) =>
    openCase
      ? `/cases/${openCase.id}`
      : `/cases/new?userId=${encodeURIComponent(u.id)}&keyId=${encodeURIComponent(keyId)}`;
  const sites = canAct ? await (await serverCaller()).inventory.sites() : [];
  const facts: [string, React.ReactNode][] = [
    [
      "User principal name",
      <span key="upn" className="break-all">
        {u.userPrincipalName}
      </span>,
    ],
    ["Department", u.department ?? "—"],
    ["Job title", u.jobTitle ?? "—"],
    ["Office", u.officeLocation ?? "—"],
    [
      "Site",
      canAct ? (
        <SitePicker key="site" userId={u.id} siteId={u.siteId} isManual={u.siteSetManually} sites={sites} />
      ) : (
        `${u.site ?? "none"}${u.siteSetManually ? " (set by hand)" : ""}`
      ),
    ],
    ["Rollout waves", u.waves.length ? u.waves.join(", ") : "—"],
    ["Passwordless capable", u.isPasswordlessCapable ? "Yes" : "Not yet"],
    ["MFA capable", u.isMfaCapable ? "Yes" : "No"],
    ["Methods registered", authMethodList(u.methodsRegistered)],
    ["Registration report", formatDateTime(u.reportUpdatedAt)],
    ["Last synced", formatDateTime(u.lastSyncedAt)],
  ];
  return (
    <>
      <PageHeader
        eyebrow="User"
        title={u.displayName}
        description={[u.jobTitle, u.department, u.site].filter(Boolean).join(" · ") || u.userPrincipalName}
        actions={
          <>
            {u.deletedAt ? (
              <Badge tone="danger">Deleted in Entra</Badge>
            ) : !u.accountEnabled ? (
              <Badge tone="warning">Disabled in Entra</Badge>
            ) : (
              <Badge tone="success">Enabled</Badge>
            )}
            {u.isPrivileged ? <Badge tone="warning">Privileged</Badge> : null}
            {can(actor.roles, "users.refresh") ? <RefreshUserButton userId={u.id} /> : null}
            {can(actor.roles, "cases.write") ? (
              <Link
                href={`/cases/new?userId=${encodeURIComponent(u.id)}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
              >
                Open a case
              </Link>
            ) : null}
            {can(actor.roles, "enrollment.write") && !isLeaver ? <EnrollPersonButton userId={u.id} /> : null}
            {can(actor.roles, "keys.assign") && !isLeaver ? (
              <AssignKeyButton userId={u.id} userName={u.displayName} hasPrimary={hasPrimary} />
            ) : null}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-4">
        <Panel title="Identity and registration">
          <dl className="space-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <div className="space-y-6 xl:col-span-3">
          <Panel
            title="Keys held"
            description="Physical keys in this person's custody, and whether Entra has seen each one registered."
          >
            {d.keys.length ? (
              <table className="w-full text-left text-sm" data-testid="keys-held">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="pb-2 pr-3 font-medium">Serial</th>
                    <th className="pb-2 pr-3 font-medium">Role</th>
                    <th className="pb-2 pr-3 font-medium">Status</th>
                    <th className="pb-2 pr-3 font-medium">Entra</th>
                    <th className="pb-2 pr-3 font-medium">Handover</th>
                    {canAct ? (
                      <th className="pb-2 pr-3 font-medium">
                        <span className="sr-only">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.keys.map((k) => (
                    <tr key={k.id}>
                      <td className="py-2 pr-3">
                        <Link className={`${textLink} font-mono`} href={`/keys/${k.id}`}>
                          {k.serial}
                        </Link>
                        <span className="block text-xs text-slate-500">
                          {k.model} · {k.site}
                        </span>
                      </td>
                      <td className="py-2 pr-3">{k.kind ? humanize(k.kind) : "—"}</td>
                      <td className="py-2 pr-3">
                        <KeyStatusBadge status={k.status} />
                      </td>
                      <td className="py-2 pr-3">
                        <Badge tone={matchTone(k.match)}>
                          {k.match === "awaiting registration" || k.match === "reserved"
                            ? humanize(k.match)
                            : `Linked (${k.match})`}
                        </Badge>
                      </td>
                      <td className="py-2 pr-3 text-xs text-slate-600">
                        {handoverSummary(k)}
                        <span className="block text-slate-500">assigned {formatDate(k.assignedAt)}</span>
                      </td>
                      {canAct ? (
                        <td className="py-2 pr-3">
                          <KeyActions
                            k={k}
                            caseHref={can(actor.roles, "cases.write") ? caseHrefFor(k.id) : undefined}
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-500">
                {isLeaver
                  ? "No keys to collect."
                  : "No keys yet. Assign a primary key (and a backup) from stock at their site."}
              </p>
            )}
          </Panel>
          <Panel
            title="Entra credentials"
            description="FIDO2 methods on the account in Entra, and the physical key each one is (if known)."
          >
            {d.credentials.length ? (
              <table className="w-full text-left text-sm" data-testid="credentials">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="pb-2 pr-3 font-medium">Name / model</th>
                    <th className="pb-2 pr-3 font-medium">AAGUID</th>
                    <th className="pb-2 pr-3 font-medium">Created</th>
                    <th className="pb-2 pr-3 font-medium">Last used</th>
                    <th className="pb-2 pr-3 font-medium">Key</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.credentials.map((c) => (
                    <tr key={c.id} className={c.removedAt ? "text-slate-400" : ""}>
                      <td className="py-2 pr-3">
                        {c.displayName ?? "—"}
                        <span className="block text-xs text-slate-500">
                          {c.model ?? "unknown model"}
                          {c.passkeyType === "synced" ? " · synced passkey" : ""}
                        </span>
                      </td>
                      <td className="py-2 pr-3 font-mono text-xs">{c.aaguid}</td>
                      <td className="py-2 pr-3 text-xs">{formatDate(c.createdDateTime)}</td>
                      <td className="py-2 pr-3 text-xs">
                        <LastUsed at={c.lastUsedAt} source={c.lastUsedSource} />
                      </td>
                      <td className="py-2 pr-3">
                        {c.removedAt ? (
                          <Badge>Removed {formatDate(c.removedAt)}</Badge>
                        ) : c.keySerial ? (
                          <Link className={`${textLink} font-mono`} href={`/keys/${c.keyId}`}>
                            {c.keySerial}
                          </Link>
                        ) : (
                          <Badge tone={c.kind === "hardware" || c.kind === "unknown" ? "warning" : "neutral"}>
                            {UNLINKED_LABEL[c.kind]}
                          </Badge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-500">No FIDO2 credentials in Entra.</p>
            )}
          </Panel>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Panel title="Temporary Access Passes">
              <UserTaps taps={d.taps} />
            </Panel>
            <Panel title="Cases">
              {d.cases.length ? (
                <ul className="space-y-2 text-sm">
                  {d.cases.map((c) => (
                    <li key={c.id} className="flex items-start justify-between gap-2">
                      <span>
                        <Link className={textLink} href={`/cases/${c.id}`}>
                          #{c.number}
                        </Link>{" "}
                        · {humanize(c.kind)}
                        <span className="block text-xs text-slate-500">
                          opened {formatDate(c.createdAt)}
                          {c.closedAt ? ` · closed ${formatDate(c.closedAt)}` : ""}
                        </span>
                      </span>
                      <Badge tone={c.isOpen ? "brand" : "neutral"}>{humanize(c.status)}</Badge>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">No cases.</p>
              )}
            </Panel>
          </div>
          <Panel
            title="Timeline"
            description="Assignments, credentials, cases, passes and every recorded action, newest first."
          >
            {d.timeline.length ? (
              <Timeline entries={d.timeline} testId="user-timeline" />
            ) : (
              <p className="text-sm text-slate-500">Nothing has happened yet.</p>
            )}
            {d.isAuditHidden ? (
              <p className="mt-3 text-xs text-slate-500">
                Who acted is in the audit trail, which security leads and admins can read.
              </p>
            ) : null}
          </Panel>
        </div>
      </div>
    </>
  );
}
