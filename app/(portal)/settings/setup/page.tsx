import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { formatNumber } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { KIND_LABEL } from "@/server/catalog";
import { getEnv } from "@/server/env";
import { runningMode } from "@/server/mode";
import { serverCaller } from "@/server/trpc/context";
import { CreateSiteButton } from "./_components/create-site-button";

export const metadata = { title: "First run · Settings" };

const statusTone = {
  granted: "success",
  missing: "danger",
  failed: "warning",
  not_checked: "neutral",
  skipped: "neutral",
  too_broad: "warning",
} as const;
const statusLabel = {
  granted: "Granted",
  missing: "Missing",
  failed: "Could not check",
  not_checked: "Not checked",
  skipped: "Skipped",
  too_broad: "Not limited",
} as const;
const kindLabel = { ...KIND_LABEL, unknown: "Unknown" } as const;

export default async function SetupPage() {
  await requirePermission("settings.write");
  const caller = await serverCaller();
  const [perms, sites, catalogue] = await Promise.all([
    caller.setup.checkPermissions(),
    caller.setup.proposedSites(),
    caller.setup.catalogueMapping(),
  ]);
  const mode = runningMode(getEnv());
  const toCreate = sites.filter((s) => s.proposedCode);
  return (
    <>
      <PageHeader
        eyebrow="Settings"
        title="First run on a tenant"
        description="What KeyFleet may read and do in Entra, the sites your directory suggests, and how your tenant's credentials map to the built-in authenticator catalogue. Nothing on this page changes Entra."
        actions={
          <Link
            href="/settings/setup"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Check again
          </Link>
        }
      />
      <div className="space-y-6">
        <Panel title="What is running">
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="running-mode">
            <Badge tone={mode.mode === "production" ? "success" : "warning"}>
              {mode.mode === "demo" ? "Demo" : mode.mode === "production" ? "Production" : "Mixed"}
            </Badge>
            {mode.summary}
          </p>
        </Panel>

        <Panel
          title="Graph permissions"
          description="One harmless call per permission (a single small page, or a read of one user); the table in the README says which feature needs which."
        >
          {!perms.connected ? (
            <p className="text-sm text-slate-700" data-testid="not-connected">
              {perms.message}
            </p>
          ) : (
            <>
              <div
                role="status"
                data-testid="missing-permissions"
                className={`mb-4 rounded-md p-3 text-sm ${perms.missing.length ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}
              >
                {perms.missing.length ? (
                  <>
                    Grant these application permissions (admin consent) to KeyFleet&apos;s app registration,
                    then check again:{" "}
                    {perms.missing.map((p) => (
                      <code
                        key={p}
                        className="mr-2 inline-block rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs"
                      >
                        {p}
                      </code>
                    ))}
                  </>
                ) : (
                  "Every permission that can be checked is granted."
                )}
              </div>
              <ul className="divide-y divide-slate-100" data-testid="permission-checks">
                {perms.checks.map((c) => (
                  <li
                    key={c.id}
                    className="grid gap-1 py-2.5 text-sm md:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1.6fr)] md:gap-4"
                  >
                    <span className="font-medium text-slate-900">{c.feature}</span>
                    <span>
                      <code className="break-all font-mono text-xs">{c.permission}</code>
                      {c.alternatives.length ? (
                        <span className="block text-xs text-slate-500">or {c.alternatives.join(", ")}</span>
                      ) : null}
                    </span>
                    <span className="text-slate-700">
                      <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>{" "}
                      <span className="text-xs">{c.detail}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>

        <Panel
          title="Sites from office locations"
          description="Each office location in the directory with its members. A site whose office location matches gathers those users (forecast, stock, assignment) from the next sync."
        >
          {sites.length ? (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="proposed-sites">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="pb-2 pr-3 font-medium">Office location</th>
                    <th className="pb-2 pr-3 text-right font-medium">Members</th>
                    <th className="pb-2 font-medium">Site</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {sites.map((s) => (
                    <tr key={s.officeLocation}>
                      <td className="py-2 pr-3">{s.officeLocation}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(s.users)}</td>
                      <td className="py-2">
                        {s.siteId ? (
                          <Link
                            href={`/procurement/sites/${s.siteId}`}
                            className="font-mono text-brand-600 hover:underline"
                          >
                            {s.siteCode}
                          </Link>
                        ) : (
                          <CreateSiteButton
                            code={s.proposedCode!}
                            name={s.proposedName!}
                            officeLocation={s.officeLocation}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2 text-xs text-slate-500">
                {toCreate.length
                  ? `${toCreate.length} office locations have no site yet.`
                  : "Every office location has a site."}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              No office locations in the directory yet: they appear after the first sync.
            </p>
          )}
        </Panel>

        <Panel
          title="Credentials and the catalogue"
          description={`The tenant's live FIDO2 credentials by AAGUID, as the built-in catalogue (${formatNumber(catalogue.catalogue.entries)} authenticators, built ${catalogue.catalogue.builtAt}) classifies them. Unknown AAGUIDs show the name Entra reports.`}
        >
          <p className="mb-3 text-sm text-slate-700" data-testid="catalogue-totals">
            {formatNumber(catalogue.totals.credentials)} credentials;{" "}
            {formatNumber(catalogue.totals.catalogued)} of a catalogued authenticator;{" "}
            {formatNumber(catalogue.totals.unknownAaguids)} unknown AAGUIDs.
          </p>
          {catalogue.rows.length ? (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="catalogue-mapping">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="pb-2 pr-3 font-medium">Authenticator</th>
                    <th className="pb-2 pr-3 font-medium">Kind</th>
                    <th className="pb-2 pr-3 text-right font-medium">Credentials</th>
                    <th className="pb-2 pr-3 text-right font-medium">Users</th>
                    <th className="hidden pb-2 font-medium md:table-cell">AAGUID</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {catalogue.rows.map((r) => (
                    <tr key={`${r.aaguid}-${r.kind}`}>
                      <td className="py-2 pr-3">
                        {r.name}
                        {r.inCatalogue ? null : (
                          <span className="ml-2">
                            <Badge tone="warning">Not in the catalogue</Badge>
                          </span>
                        )}
                      </td>
                      <td className="py-2 pr-3 text-xs">{kindLabel[r.kind]}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(r.credentials)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(r.users)}</td>
                      <td className="hidden py-2 font-mono text-xs md:table-cell">{r.aaguid}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              No FIDO2 credentials mirrored yet: run a sync under Settings → Directory sync.
            </p>
          )}
        </Panel>
      </div>
    </>
  );
}
