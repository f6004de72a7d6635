import Link from "next/link";
import { CheckCircle2, Database, KeyRound, Link2, Network, Package, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "@/app/_components/badge";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { getEnv } from "@/server/env";
import { runningMode } from "@/server/mode";
import { serverCaller } from "@/server/trpc/context";
import { TicketLinkForm } from "./_components/ticket-link-form";

export const metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-6 py-2.5">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-right text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}

const graphLabels = {
  simulated: "Simulated tenant",
  entra: "Microsoft Entra ID",
  unconfigured: "Not configured",
} as const;

export default async function SettingsPage() {
  const actor = await requirePermission("settings.read");
  const canSetUp = can(actor.roles, "settings.write");
  // What is really running: a Graph-compatible server or demo sign-in beside a tenant is not "production".
  const mode = runningMode(getEnv());
  const caller = await serverCaller();
  const [status, helpdesk] = await Promise.all([caller.settings.status(), caller.settings.helpdesk()]);
  const { database, graph, signIn } = status;
  return (
    <>
      <PageHeader
        eyebrow="Administration"
        title="Settings"
        description="How this KeyFleet instance is connected. Configuration comes from the environment; see the README for each variable."
        actions={
          <div className="flex items-center gap-3">
            <Link
              href="/settings/sync"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Directory sync
            </Link>
            <Link
              href="/settings/recovery"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              Recovery policy
            </Link>
            {canSetUp ? (
              <Link
                href="/settings/setup"
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              >
                First run
              </Link>
            ) : null}
            {mode.mode === "demo" ? (
              <Badge tone="warning">Demo mode</Badge>
            ) : mode.mode === "production" ? (
              <Badge tone="success">Production</Badge>
            ) : (
              <Badge tone="warning">Mixed mode</Badge>
            )}
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Database" actions={<Database aria-hidden className="size-5 text-brand-500" />}>
          <dl className="divide-y divide-slate-100" data-testid="settings-database">
            <Row label="Engine">{database.kind === "pglite" ? "Embedded (PGlite)" : "PostgreSQL"}</Row>
            <Row label="Status">
              {database.isReachable ? (
                <span className="inline-flex items-center gap-1 text-emerald-700">
                  <CheckCircle2 aria-hidden className="size-4" /> Connected
                </span>
              ) : (
                <span className="inline-flex items-center gap-1 text-red-700">
                  <XCircle aria-hidden className="size-4" /> Unreachable
                </span>
              )}
            </Row>
            <Row label="Location">
              <code className="text-xs">{database.location}</code>
            </Row>
            <Row label="Migrations applied">{database.migrationsApplied ?? "unknown"}</Row>
          </dl>
        </Panel>
        <Panel title="Microsoft Graph" actions={<Network aria-hidden className="size-5 text-brand-500" />}>
          <dl className="divide-y divide-slate-100" data-testid="settings-graph">
            <Row label="Mode">{graphLabels[graph.mode]}</Row>
            <Row label="Endpoint">
              <code className="text-xs">{graph.baseUrl}</code>
            </Row>
            <Row label="Tenant">{graph.tenantId ?? "—"}</Row>
          </dl>
          {graph.mode === "unconfigured" ? (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">
              Set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or certificate so KeyFleet can read users and
              credentials.
            </p>
          ) : null}
        </Panel>
        <Panel title="Staff sign-in" actions={<KeyRound aria-hidden className="size-5 text-brand-500" />}>
          <dl className="divide-y divide-slate-100" data-testid="settings-signin">
            <Row label="Method">
              {signIn.kind === "demo" ? "Demo personas" : `OpenID Connect (${signIn.name})`}
            </Row>
            <Row label="Issuer">{signIn.issuer ? <code className="text-xs">{signIn.issuer}</code> : "—"}</Row>
            <Row label="Roles from">
              {signIn.kind === "demo" ? "The chosen persona" : "App roles in the ID token"}
            </Row>
          </dl>
        </Panel>
        <Panel title="Ticket system link" actions={<Link2 aria-hidden className="size-5 text-brand-500" />}>
          <p className="mb-3 text-xs text-slate-600">
            Where a case&apos;s ticket reference links to, e.g. your service desk&apos;s page for that ticket.
          </p>
          <TicketLinkForm template={helpdesk.ticketUrlTemplate} canEdit={canSetUp} />
        </Panel>
        <Panel title="This instance" actions={<Package aria-hidden className="size-5 text-brand-500" />}>
          <dl className="divide-y divide-slate-100" data-testid="settings-instance">
            <Row label="Version">{status.version}</Row>
            <Row label="Mode">
              <span data-testid="running-mode-summary">{mode.summary}</span>
            </Row>
          </dl>
        </Panel>
      </div>
    </>
  );
}
