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
import { ListPager, readListPage, redirectPastEnd } from "@/app/_components/list-pager";
import type { SearchParams } from "@/app/_components/data-table/url-state";
import { FOLLOW_UP_DAYS_SETTING, settingName } from "@/server/modules/settings/setting-names.constants";
import { UserTabs } from "../_components/user-tabs";
import { AssignedTable } from "./_components/assigned-table";
import { inlineLink } from "@/app/_components/styles";

export const metadata = { title: "Reconciliation" };

const th = "pb-2 pr-3 font-medium";
const PATH = "/users/reconciliation";
const PAGE_SIZE = 10;
// Each list's page lives in its own URL parameter.
const PARAM = {
  followUps: "followUpsPage",
  neverRegistered: "unregisteredPage",
  withoutKey: "noKeyPage",
  stock: "stockPage",
  leavers: "leaversPage",
  returned: "returnedPage",
} as const;
export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("users.read");
  const sp = await searchParams;
  const page = (k: keyof typeof PARAM) => readListPage(sp, PARAM[k]);
  const api = await serverCaller();
  const canAct = can(actor.roles, "keys.assign");
  const [r, f, returned] = await Promise.all([
    api.assignment.reconciliation({
      pages: {
        neverRegistered: page("neverRegistered"),
        withoutKey: page("withoutKey"),
        stock: page("stock"),
        leavers: page("leavers"),
      },
      pageSize: PAGE_SIZE,
    }),
    api.assignment.followUps({ page: page("followUps"), pageSize: PAGE_SIZE }),
    canAct
      ? api.assignment.returnedKeys({ page: page("returned"), pageSize: PAGE_SIZE })
      : Promise.resolve(null),
  ]);
  const totals: [keyof typeof PARAM, number][] = [
    ["followUps", f.total],
    ["neverRegistered", r.assignedNeverRegistered.total],
    ["withoutKey", r.credentialsWithoutKey.total],
    ["stock", r.stockWithLiveCredential.total],
    ["leavers", r.leaversWithLiveCredentials.total],
    ...(returned ? [["returned", returned.total] as [keyof typeof PARAM, number]] : []),
  ];
  redirectPastEnd(
    PATH,
    sp,
    totals.map(([k, total]) => ({ name: PARAM[k], page: page(k), pageSize: PAGE_SIZE, total })),
  );
  const pager = (k: keyof typeof PARAM, total: number, noun: string, label: string) => (
    <ListPager
      path={PATH}
      params={sp}
      name={PARAM[k]}
      page={page(k)}
      pageSize={PAGE_SIZE}
      total={total}
      noun={noun}
      label={label}
    />
  );
  return (
    <>
      <PageHeader
        eyebrow="Directory"
        title="Reconciliation"
        description={
          <>
            Where the physical keys, the Entra credentials and the people disagree. A credential is never
            attached to a key silently: link it in the{" "}
            <Link className={inlineLink} href="/users/match-review">
              match review
            </Link>{" "}
            or at the handover.
          </>
        }
      />
      <UserTabs current="/users/reconciliation" />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Panel
          title={`Follow up: assigned, not registered after ${f.days} days (${f.total})`}
          description={`Remind the user, or check the shipment arrived. The ${f.days} days are the setting "${settingName(FOLLOW_UP_DAYS_SETTING)}".`}
        >
          {f.items.length ? (
            <>
              <AssignedTable items={f.items} testId="follow-ups" />
              {pager("followUps", f.total, "assignments", "follow-ups")}
            </>
          ) : (
            <p className="text-sm text-slate-500">
              Every key assigned more than {f.days} days ago has been registered.
            </p>
          )}
        </Panel>
        <Panel
          title={`Keys in stock whose credential still exists in Entra (${r.stockWithLiveCredential.total})`}
          description="Back on the shelf but still able to sign someone in: delete the credential before the key goes out again."
        >
          {r.stockWithLiveCredential.items.length ? (
            <>
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
                  {r.stockWithLiveCredential.items.map((k) => (
                    <tr key={k.keyId}>
                      <td className="py-1.5 pr-3 font-mono">
                        <Link className={inlineLink} href={`/keys/${k.keyId}`}>
                          {k.serial}
                        </Link>
                      </td>
                      <td className="py-1.5 pr-3">
                        <KeyStatusBadge status={k.status} />
                      </td>
                      <td className="py-1.5 pr-3">
                        <Link className={inlineLink} href={`/users/${k.userId}`}>
                          {k.user}
                        </Link>
                      </td>
                      <td className="py-1.5 pr-3 text-xs">{formatDate(k.lastUsedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {pager(
                "stock",
                r.stockWithLiveCredential.total,
                "keys",
                "keys in stock with a live credential",
              )}
            </>
          ) : (
            <p className="text-sm text-slate-500">No key in stock carries a live credential.</p>
          )}
        </Panel>
        <Panel
          title={`Leavers with live credentials (${r.leaversWithLiveCredentials.total})`}
          description={
            <>
              Disabled or deleted in Entra but still able to use a key. Delete them from the{" "}
              <Link className={inlineLink} href="/users/offboarding">
                offboarding queue
              </Link>
              .
            </>
          }
        >
          {r.leaversWithLiveCredentials.items.length ? (
            <>
              <ul className="divide-y divide-slate-100 text-sm">
                {r.leaversWithLiveCredentials.items.map((u) => (
                  <li key={u.userId} className="flex items-center justify-between py-1.5">
                    <Link className={inlineLink} href={`/users/${u.userId}`}>
                      {u.displayName}
                    </Link>
                    <span className="text-xs text-slate-500">
                      {u.state} · {u.liveCredentials} live
                    </span>
                  </li>
                ))}
              </ul>
              {pager(
                "leavers",
                r.leaversWithLiveCredentials.total,
                "people",
                "leavers with live credentials",
              )}
            </>
          ) : (
            <p className="text-sm text-slate-500">No leaver has a live credential.</p>
          )}
        </Panel>
        <Panel
          title={`Assigned, never registered (${r.assignedNeverRegistered.total})`}
          description="Every key handed out that Entra has not seen yet, oldest first."
        >
          {r.assignedNeverRegistered.items.length ? (
            <>
              <AssignedTable items={r.assignedNeverRegistered.items} testId="never-registered" />
              {pager(
                "neverRegistered",
                r.assignedNeverRegistered.total,
                "assignments",
                "keys never registered",
              )}
            </>
          ) : (
            <p className="text-sm text-slate-500">Every key handed out has been registered.</p>
          )}
        </Panel>
        <Panel
          title={`Credentials with no key (${r.credentialsWithoutKey.total})`}
          className="xl:col-span-2"
          description="Keys of procured models not yet linked come first, then personal or unknown models (security keys nobody bought, authenticator apps). Synced passkeys are left out."
        >
          {r.credentialsWithoutKey.items.length ? (
            <table className="w-full text-left text-sm" data-testid="credentials-without-key">
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className={th}>User</th>
                  <th className={th}>Model</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.credentialsWithoutKey.items.map((c) => (
                  <tr key={c.credentialId}>
                    <td className="py-1.5 pr-3">
                      <Link className={inlineLink} href={`/users/${c.userId}`}>
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
          {pager("withoutKey", r.credentialsWithoutKey.total, "credentials", "credentials with no key")}
        </Panel>
        {returned ? (
          <Panel
            title={`Returned, waiting for a wipe (${returned.total})`}
            className="xl:col-span-2"
            description="Checked-in keys: once the FIDO reset is done they go back into stock; worn-out or damaged ones are retired."
          >
            <ReturnedKeys rows={returned.items} />
            {pager("returned", returned.total, "keys", "returned keys")}
          </Panel>
        ) : null}
      </div>
    </>
  );
}
