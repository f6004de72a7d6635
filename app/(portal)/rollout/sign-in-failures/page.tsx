import Link from "next/link";
import { readParam, type SearchParams } from "@/app/_components/data-table/url-state";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { PillNav } from "@/app/_components/pill-nav";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { SimpleTable } from "../_components/levers-ui";
import { RolloutTabs } from "../_components/rollout-tabs";

export const metadata = { title: "Sign-in failures" };

const windows = [1, 4, 12, 26] as const;
const cell = "px-5 py-2";

function Counts({ label, rows }: { label: string; rows: { name: string; count: number }[] }) {
  return (
    <Panel title={label}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">None in this period.</p>
      ) : (
        <SimpleTable label={label} head={["", "Failures"]}>
          {rows.map((r) => (
            <tr key={r.name}>
              <td className={cell}>{r.name}</td>
              <td className={`${cell} tabular-nums`}>{r.count}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </Panel>
  );
}

export default async function SignInFailuresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("levers.read");
  const raw = Number(readParam(await searchParams, "weeks"));
  const weeks = (windows as readonly number[]).includes(raw) ? raw : 4;
  const r = await (await serverCaller()).levers.signInFailures({ weeks });
  const canUsers = can(actor.roles, "users.read");
  return (
    <>
      <PageHeader
        eyebrow="Adoption"
        title="Rollout"
        description="Sign-ins that failed at a FIDO2 security key, from the sign-in log each sync reads: what fails, with which model, where, and who keeps failing."
      />
      <RolloutTabs current="/rollout/sign-in-failures" />
      <PillNav
        label="Period"
        items={windows.map((w) => ({
          href: `/rollout/sign-in-failures?weeks=${w}`,
          label: w === 1 ? "Last week" : `Last ${w} weeks`,
          isCurrent: w === weeks,
        }))}
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="failure-total">
        {r.total} failed sign-ins by {r.people} people.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          title="People failing repeatedly"
          description="Three or more failures in the last 7 days: call them first."
        >
          {r.repeated.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody failed three times this week.</p>
          ) : (
            <SimpleTable label="People failing repeatedly" head={["Person", "Failures", "Last"]}>
              {r.repeated.map((p) => (
                <tr key={p.userId}>
                  <td className={cell}>
                    {canUsers ? (
                      <Link className="text-brand-700 hover:underline" href={`/users/${p.userId}`}>
                        {p.displayName}
                      </Link>
                    ) : (
                      p.displayName
                    )}
                    <p className="text-xs text-slate-500">{p.userPrincipalName}</p>
                  </td>
                  <td className={`${cell} tabular-nums`}>{p.failures}</td>
                  <td className={cell}>{formatDateTime(p.lastAt)}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Panel>
        <Counts
          label="By error code"
          rows={r.byCode.map((c) => ({
            name: `${c.errorCode}${c.reason ? ` — ${c.reason}` : ""}`,
            count: c.count,
          }))}
        />
        <Counts label="By key model" rows={r.byModel.map((c) => ({ name: c.model, count: c.count }))} />
        <Counts label="By site" rows={r.bySite.map((c) => ({ name: c.site, count: c.count }))} />
        <Counts
          label="Per week (from Monday)"
          rows={r.perWeek.map((c) => ({ name: c.weekStart, count: c.count }))}
        />
      </div>
    </>
  );
}
