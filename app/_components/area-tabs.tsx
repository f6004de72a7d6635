import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { can, type Permission } from "@/server/auth/permissions";

export interface AreaTab {
  href: string;
  label: string;
  permission: Permission;
}

/** The sub-pages of one portal area, as tabs: only those the signed-in role may open. */
export async function AreaTabs({
  label,
  tabs,
  current,
}: {
  label: string;
  tabs: readonly AreaTab[];
  current: string;
}) {
  const actor = await requireActor();
  return (
    <nav
      aria-label={label}
      className="-mt-2 mb-5 flex gap-1 overflow-x-auto border-b contain-inline-size border-slate-200 text-sm"
    >
      {tabs
        .filter((t) => can(actor.roles, t.permission))
        .map((t) => (
          <Link
            key={t.href}
            href={t.href}
            aria-current={t.href === current ? "page" : undefined}
            className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 ${t.href === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        ))}
    </nav>
  );
}
