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
import { textLink } from "@/app/_components/styles";

export const metadata = { title: "Sign-in failures" };

const windows = [1, 4, 12, 26] as const;
const cell = "px-5 py-2";

/** The drill-down from a count: the same window, narrowed by the count's key. */
const drill = (weeks: number, key: Record<string, string | number>) =>
  `/rollout/sign-in-failures/list?${new URLSearchParams({ weeks: String(weeks), ...Object.fromEntries(Object.entries(key).map(([k, v]) => [k, String(v)])) })}`;

function Counts({ label, rows }: { label: string; rows: { name: string; count: number; href: string }[] }) {
  return (
    <Panel title={label}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">None in this period.</p>
      ) : (
        <SimpleTable label={label} head={["", "Failures"]}>
          {rows.map((r) => (
            <tr key={r.name}>
              <td className={cell}>{r.name}</td>
              <td className={`${cell} tabular-nums`}>
                <Link className={textLink} href={r.href} aria-label={`${r.count} failures: ${r.name}`}>
                  {r.count}
                </Link>
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </Panel>
  );
}

export default async function SignInFailuresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("levers.read");
  const sp = await searchParams;
  const raw = Number(readParam(sp, "weeks"));
  const weeks = (windows as readonly number[]).includes(raw) ? raw : 4;
  const within = (v: number, lo: number, hi: number, dflt: number) =>
    Number.isInteger(v) && v >= lo && v <= hi ? v : dflt;
  const atLeast = within(Number(readParam(sp, "atLeast")), 2, 100, 3);
  const days = within(Number(readParam(sp, "days")), 1, 182, 7);
  const r = await (
    await serverCaller()
  ).levers.signInFailures({ weeks, repeatAtLeast: atLeast, repeatDays: days });
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
          href: `/rollout/sign-in-failures?${new URLSearchParams({ weeks: String(w), atLeast: String(atLeast), days: String(days) })}`,
          label: w === 1 ? "Last week" : `Last ${w} weeks`,
          isCurrent: w === weeks,
        }))}
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="failure-total">
        {r.total} failed sign-ins by {r.people} people.{" "}
        {r.total ? (
          <Link className={textLink} href={drill(weeks, {})}>
            See them all
          </Link>
        ) : null}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          title="People failing repeatedly"
          description={`${r.repeat.atLeast} or more failures in the last ${r.repeat.days} days: call them first.`}
        >
          <form className="mb-3 flex flex-wrap items-end gap-2 text-sm" action="/rollout/sign-in-failures">
            <input type="hidden" name="weeks" value={weeks} />
            <label>
              <span className="block text-xs text-slate-600">At least (failures)</span>
              <input
                name="atLeast"
                type="number"
                min={2}
                max={100}
                defaultValue={atLeast}
                className="w-24 rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label>
              <span className="block text-xs text-slate-600">In the last (days)</span>
              <input
                name="days"
                type="number"
                min={1}
                max={182}
                defaultValue={days}
                className="w-24 rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
              Show who fails
            </button>
          </form>
          {r.repeated.length === 0 ? (
            <p className="text-sm text-slate-600">
              Nobody failed {r.repeat.atLeast} times in the last {r.repeat.days} days.
            </p>
          ) : (
            <SimpleTable label="People failing repeatedly" head={["Person", "Failures", "Last"]}>
              {r.repeated.map((p) => (
                <tr key={p.userId}>
                  <td className={cell}>
                    {canUsers ? (
                      <Link className={textLink} href={`/users/${p.userId}`}>
                        {p.displayName}
                      </Link>
                    ) : (
                      p.displayName
                    )}
                    <p className="text-xs text-slate-500">{p.userPrincipalName}</p>
                  </td>
                  <td className={`${cell} tabular-nums`}>
                    <Link
                      className={textLink}
                      href={drill(Math.min(26, Math.ceil(r.repeat.days / 7)), { userId: p.userId })}
                    >
                      {p.failures}
                    </Link>
                  </td>
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
            href: drill(weeks, { errorCode: c.errorCode }),
          }))}
        />
        <Counts
          label="By key model"
          rows={r.byModel.map((c) => ({
            name: c.model,
            count: c.count,
            href: drill(weeks, { model: c.model }),
          }))}
        />
        <Counts
          label="By site"
          rows={r.bySite.map((c) => ({ name: c.site, count: c.count, href: drill(weeks, { site: c.site }) }))}
        />
        <Counts
          label="Per week (from Monday)"
          rows={r.perWeek.map((c) => ({
            name: c.weekStart,
            count: c.count,
            href: drill(weeks, { week: c.weekStart }),
          }))}
        />
      </div>
    </>
  );
}
