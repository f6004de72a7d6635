import Link from "next/link";
import {
  ArrowRight,
  ClipboardList,
  KeyRound,
  PackageCheck,
  ShieldCheck,
  ShoppingCart,
  Users,
} from "lucide-react";
import { PageHeader, Panel } from "@/app/_components/page-header";
import { StatCard } from "@/app/_components/stat-card";
import { formatDateTime, formatNumber, humanize, percent } from "@/app/_components/format";
import { requirePermission } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/context";
import { KeyStatusBar } from "@/app/_components/key-status-bar";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePermission("dashboard.read");
  const summary = await (await serverCaller()).dashboard.summary();
  const { keys, users } = summary;
  const inStock = keys.byStatus.in_stock;
  const inUse = keys.byStatus.assigned + keys.byStatus.active;
  const needsAttention = keys.byStatus.lost + keys.byStatus.stolen + keys.byStatus.damaged;

  const links = [
    {
      href: "/cases",
      label: "Open a lost-key case",
      hint: "Verify, revoke, replace, issue a TAP",
      permission: "cases.write",
    },
    {
      href: "/keys?status=in_stock",
      label: "Keys in stock",
      hint: "What can be handed out today",
      permission: "keys.read",
    },
    {
      href: "/procurement",
      label: "Receive a purchase order",
      hint: "Turn a shipment into keys",
      permission: "procurement.write",
    },
    {
      href: "/users?passwordless=no",
      label: "Users not yet passwordless",
      hint: "Who still needs a key",
      permission: "users.read",
    },
    { href: "/rollout", label: "Rollout waves", hint: "Adoption against target", permission: "rollout.read" },
    {
      href: "/audit",
      label: "Audit trail",
      hint: "Every sensitive action, hash-chained",
      permission: "audit.read",
    },
  ] as const;
  const visibleLinks = links.filter((l) => can(actor.roles, l.permission));

  return (
    <>
      <PageHeader
        eyebrow="Overview"
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description="Security keys, the people who hold them and the Entra credentials they carry — at a glance."
      />
      <div className="grid grid-cols-2 gap-4 xl:grid-cols-4">
        <StatCard
          label="Keys"
          value={keys.total}
          icon={KeyRound}
          href="/keys"
          hint={`${formatNumber(inUse)} with a user · ${formatNumber(inStock)} in stock`}
        />
        <StatCard
          label="Users"
          value={users.total}
          icon={Users}
          href={can(actor.roles, "users.read") ? "/users" : undefined}
          hint={`${percent(users.passwordlessCapable, users.total)} passwordless-capable`}
        />
        <StatCard
          label="Open cases"
          value={summary.openCases}
          icon={ClipboardList}
          href={can(actor.roles, "cases.read") ? "/cases" : undefined}
          hint={`${formatNumber(needsAttention)} keys lost, stolen or damaged`}
        />
        <StatCard
          label="Open purchase orders"
          value={summary.openPurchaseOrders}
          icon={ShoppingCart}
          href={can(actor.roles, "procurement.read") ? "/procurement" : undefined}
          hint={`${formatNumber(summary.unitsOnOrder)} keys on order`}
        />
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Panel
          title="Keys by status"
          description="Every physical key KeyFleet knows, by where it is in its life."
          className="xl:col-span-2"
        >
          <KeyStatusBar byStatus={keys.byStatus} total={keys.total} />
        </Panel>
        <Panel title="Directory">
          <dl className="space-y-3 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-600">Accounts enabled</dt>
              <dd className="font-medium tabular-nums">{formatNumber(users.enabled)}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-600">Passwordless-capable</dt>
              <dd className="font-medium tabular-nums">{formatNumber(users.passwordlessCapable)}</dd>
            </div>
            <div className="flex justify-between">
              <dt className="text-slate-600">Rollout waves</dt>
              <dd className="font-medium tabular-nums">{formatNumber(summary.waves)}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">Last sync</dt>
              <dd className="text-right font-medium">
                {summary.lastSync
                  ? `${humanize(summary.lastSync.kind)} · ${summary.lastSync.status} · ${formatDateTime(summary.lastSync.startedAt)}`
                  : "Not synced yet"}
              </dd>
            </div>
          </dl>
        </Panel>
      </div>

      {visibleLinks.length ? (
        <section aria-labelledby="next-steps" className="mt-6">
          <h2 id="next-steps" className="mb-3 text-sm font-semibold text-slate-900">
            For your role
          </h2>
          <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {visibleLinks.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className="group flex items-center justify-between rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-brand-500"
                >
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{l.label}</span>
                    <span className="block text-xs text-slate-500">{l.hint}</span>
                  </span>
                  <ArrowRight aria-hidden className="size-4 text-slate-400 group-hover:text-brand-600" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="mt-8 flex items-center gap-1.5 text-xs text-slate-500">
        {needsAttention === 0 ? (
          <ShieldCheck aria-hidden className="size-3.5" />
        ) : (
          <PackageCheck aria-hidden className="size-3.5" />
        )}
        Counts are live from the database; trends arrive with daily snapshots.
      </p>
    </>
  );
}
