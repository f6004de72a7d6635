import Link from "next/link";
import { Badge } from "@/app/_components/badge";
import { UNLINKED_LABEL } from "@/server/catalog";
import { formatDate } from "@/app/_components/format";
import { KeyStatusBadge } from "@/app/_components/key-status-badge";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { ReturnedKeys } from "../_components/returned-keys";
import { serverCaller } from "@/server/trpc/context";
import { UserTabs } from "../_components/user-tabs";

export const metadata = { title: "Reconciliation" };

// Underlined: inside a sentence a link must not be told apart by colour alone.
const link = "text-brand-600 underline hover:text-brand-700";
const th = "pb-2 pr-3 font-medium";
const PREVIEW = 12;
type Assigned = Awaited<
  ReturnType<Awaited<ReturnType<typeof serverCaller>>["assignment"]["followUps"]>
>["items"];

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="mt-2 text-xs text-slate-500">
      Showing {shown} of {total}
      {total >= 500 ? "+" : ""}.
    </p>
  ) : null;
}

function AssignedTable({ items, testId }: { items: Assigned; testId: string }) {
  return (
    <>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-xs text-slate-500">
          <tr>
            <th className={th}>User</th>
            <th className={th}>Key</th>
            <th className={th}>Handover</th>
            <th className={th}>Days</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.slice(0, PREVIEW).map((a) => (
            <tr key={a.assignmentId}>
              <td className="py-1.5 pr-3">
                <Link className={link} href={`/users/${a.userId}`}>
                  {a.displayName}
                </Link>
              </td>
              <td className="py-1.5 pr-3 font-mono">
                <Link className={link} href={`/keys/${a.keyId}`}>
                  {a.serial}
                </Link>
              </td>
              <td className="py-1.5 pr-3 text-xs">
                {a.handover === "shipped"
                  ? a.deliveredAt
                    ? "shipped, delivered"
                    : "shipped, not delivered"
                  : "in person"}
              </td>
              <td className="py-1.5 pr-3">{a.daysSince}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More shown={Math.min(PREVIEW, items.length)} total={items.length} />
    </>
  );
}

export default async function ReconciliationPage() {
  const actor = await requirePermission("users.read");
  const api = await serverCaller();
  const canAct = can(actor.roles, "keys.assign");
  const [r, f, returned] = await Promise.all([
    api.assignment.reconciliation(),
    api.assignment.followUps(),
    canAct ? api.assignment.returnedKeys() : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Reconciliation"
        description="Where the physical keys, the Entra credentials and the people disagree. A credential is never attached to a key silently: link it through a match review or the handover."
      />
      <UserTabs current="/users/reconciliation" />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Panel
          title={`Follow up: assigned, not registered after ${f.days} days (${f.items.length})`}
          description="Remind the user, or check the shipment arrived. The number of days is the setting assignment.followUpDays."
        >
          {f.items.length ? (
            <AssignedTable items={f.items} testId="follow-ups" />
          ) : (
            <p className="text-sm text-slate-500">
              Every key assigned more than {f.days} days ago has been registered.
            </p>
          )}
        </Panel>
        <Panel
          title={`Keys in stock whose credential still exists in Entra (${r.stockWithLiveCredential.length})`}
          description="Back on the shelf but still able to sign someone in: delete the credential before the key goes out again."
        >
          {r.stockWithLiveCredential.length ? (
            <table className="w-full text-left text-sm" data-testid="stock-with-credential">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className={th}>Key</th>
                  <th className={th}>Status</th>
                  <th className={th}>Credential of</th>
                  <th className={th}>Last used</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.stockWithLiveCredential.slice(0, PREVIEW).map((k) => (
                  <tr key={k.keyId}>
                    <td className="py-1.5 pr-3 font-mono">
                      <Link className={link} href={`/keys/${k.keyId}`}>
                        {k.serial}
                      </Link>
                    </td>
                    <td className="py-1.5 pr-3">
                      <KeyStatusBadge status={k.status} />
                    </td>
                    <td className="py-1.5 pr-3">
                      <Link className={link} href={`/users/${k.userId}`}>
                        {k.user}
                      </Link>
                    </td>
                    <td className="py-1.5 pr-3 text-xs">{formatDate(k.lastUsedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No key in stock carries a live credential.</p>
          )}
        </Panel>
        <Panel
          title={`Leavers with live credentials (${r.leaversWithLiveCredentials.length})`}
          description={
            <>
              Disabled or deleted in Entra but still able to use a key. Delete them from the{" "}
              <Link className={link} href="/users/offboarding">
                offboarding queue
              </Link>
              .
            </>
          }
        >
          {r.leaversWithLiveCredentials.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {r.leaversWithLiveCredentials.slice(0, PREVIEW).map((u) => (
                <li key={u.userId} className="flex items-center justify-between py-1.5">
                  <Link className={link} href={`/users/${u.userId}`}>
                    {u.displayName}
                  </Link>
                  <span className="text-xs text-slate-500">
                    {u.state} · {u.liveCredentials} live
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No leaver has a live credential.</p>
          )}
        </Panel>
        <Panel
          title={`Assigned, never registered (${r.assignedNeverRegistered.length})`}
          description="Every key handed out that Entra has not seen yet, oldest first."
        >
          {r.assignedNeverRegistered.length ? (
            <AssignedTable items={r.assignedNeverRegistered} testId="never-registered" />
          ) : (
            <p className="text-sm text-slate-500">Every key handed out has been registered.</p>
          )}
        </Panel>
        <Panel
          title={`Credentials with no key (${r.credentialsWithoutKey.length})`}
          className="xl:col-span-2"
          description="Keys of procured models not yet linked come first, then personal or unknown models (security keys nobody bought, authenticator apps). Synced passkeys are left out."
        >
          {r.credentialsWithoutKey.length ? (
            <table className="w-full text-left text-sm" data-testid="credentials-without-key">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className={th}>User</th>
                  <th className={th}>Model</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.credentialsWithoutKey.slice(0, PREVIEW).map((c) => (
                  <tr key={c.credentialId}>
                    <td className="py-1.5 pr-3">
                      <Link className={link} href={`/users/${c.userId}`}>
                        {c.user}
                      </Link>
                    </td>
                    <td className="py-1.5 pr-3">
                      {c.model ?? "—"}{" "}
                      {c.isUnknownModel ? (
                        <Badge tone={c.kind === "unknown" ? "warning" : "neutral"}>
                          {c.kind === "hardware" ? "Not a procured model" : UNLINKED_LABEL[c.kind]}
                        </Badge>
                      ) : null}
                    </td>
                    <td className="py-1.5 pr-3 text-xs">{formatDate(c.createdDateTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">Every live hardware credential is linked to a key.</p>
          )}
          <More
            shown={Math.min(PREVIEW, r.credentialsWithoutKey.length)}
            total={r.credentialsWithoutKey.length}
          />
        </Panel>
        {returned ? (
          <Panel
            title={`Returned, waiting for a wipe (${returned.length})`}
            className="xl:col-span-2"
            description="Checked-in keys: once the FIDO reset is done they go back into stock; worn-out or damaged ones are retired."
          >
            <ReturnedKeys rows={returned} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
