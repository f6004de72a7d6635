import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { handoverSummary } from "@/app/(portal)/_components/handover-summary";
import { matchLabel } from "@/app/_components/match-method";
import { ShipmentActions } from "@/app/(portal)/_components/shipment-actions";
import { Timeline } from "@/app/_components/timeline";
import { kindLabel, statusLabel } from "@/app/(portal)/_components/case-labels";
import { KeyPageActions } from "./_components/key-page-actions";
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Key" };

export default async function KeyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("keys.read");
  const { id } = await params;
  const caller = await serverCaller();
  const d = await caller.inventory.key({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const k = d.key;
  const sites = d.actions.includes("transfer") ? await caller.inventory.sites() : [];
  const holder = k.custodian ? `${k.custodian} (${k.custodianUpn})` : "—";
  const facts: [string, React.ReactNode][] = [
    ["Model", `${k.vendor} ${k.model}`],
    ["Site", k.site],
    [
      "Custodian",
      k.custodianId && can(actor.roles, "users.read") ? (
        <Link className={textLink} href={`/users/${k.custodianId}`}>
          {holder}
        </Link>
      ) : (
        holder
      ),
    ],
    ...(d.cases.length
      ? [
          [
            "Cases",
            <span key="cases" className="flex flex-wrap gap-x-3" data-testid="key-cases">
              {d.cases.map((c) => (
                <Link key={c.id} className={textLink} href={`/cases/${c.id}`}>
                  #{c.number} {kindLabel[c.kind].toLowerCase()} · {statusLabel[c.status].toLowerCase()}
                </Link>
              ))}
            </span>,
          ] satisfies [string, React.ReactNode],
        ]
      : []),
    ["Status since", formatDateTime(k.statusChangedAt)],
    [
      "Purchase order",
      k.poId ? (
        <Link className={textLink} href={`/procurement/orders/${k.poId}`}>
          {k.poNumber}
        </Link>
      ) : (
        "—"
      ),
    ],
    ...(d.handover
      ? [
          [
            "Handover",
            <span key="handover" className="flex flex-wrap items-center gap-2">
              <span>{handoverSummary(d.handover)}</span>
              {can(actor.roles, "keys.assign") ? <ShipmentActions serial={k.serial} h={d.handover} /> : null}
            </span>,
          ] satisfies [string, React.ReactNode],
        ]
      : []),
    [
      "Entra credential",
      d.credential
        ? `${d.credential.displayName ?? d.credential.methodId} · ${matchLabel(d.credential.matchMethod)}${d.credential.removedAt ? " · removed" : ""}`
        : "none matched",
    ],
  ];
  return (
    <>
      <PageHeader
        eyebrow="Key"
        title={k.serial}
        actions={
          <>
            <KeyStatusBadge status={k.status} />
            <KeyPageActions
              k={k}
              actions={d.actions}
              sites={sites}
              retireVia={can(actor.roles, "keys.write") ? "inventory" : "assignment"}
            />
            {/* A held key whose credential is live is reported through a case: it revokes the credential, then marks the key. */}
            {k.custodianId &&
            d.credential &&
            !d.credential.removedAt &&
            ["assigned", "active"].includes(k.status) &&
            can(actor.roles, "cases.write") ? (
              <Link
                href={`/cases/new?userId=${encodeURIComponent(k.custodianId)}&keyId=${encodeURIComponent(k.id)}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
              >
                Lost or stolen…
              </Link>
            ) : null}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Panel title="Details">
          <dl className="space-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title="Timeline" className="lg:col-span-2">
          <Timeline entries={d.timeline} testId="key-timeline" />
          {d.isAuditHidden ? (
            <p className="mt-3 text-xs text-slate-500">
              Who acted on this key is in the audit trail, which security leads and admins can read.
            </p>
          ) : null}
        </Panel>
      </div>
    </>
  );
}
