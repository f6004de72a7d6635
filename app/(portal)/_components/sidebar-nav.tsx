"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BarChart3,
  ClipboardList,
  Fingerprint,
  KeyRound,
  LayoutDashboard,
  Rocket,
  ScrollText,
  Settings,
  ShoppingCart,
  Users,
} from "lucide-react";
import type { NavItem } from "../nav-items";

const icons = {
  dashboard: LayoutDashboard,
  keys: KeyRound,
  users: Users,
  cases: ClipboardList,
  enrollment: Fingerprint,
  procurement: ShoppingCart,
  rollout: Rocket,
  audit: ScrollText,
  settings: Settings,
} satisfies Record<NavItem["icon"], unknown>;

/** A count beside a navigation item, linking to where the waiting work is (e.g. approvals). */
export interface NavBadge {
  count: number;
  href: string;
  /** What the number means, for screen readers and the tooltip ("2 approvals waiting for you"). */
  label: string;
}

export function CountBadge({ badge, className = "" }: { badge: NavBadge; className?: string }) {
  return (
    <Link
      href={badge.href}
      title={badge.label}
      data-testid="nav-badge"
      className={`inline-flex min-w-5 items-center justify-center rounded-full bg-amber-400 px-1.5 text-xs font-semibold leading-5 text-brand-900 hover:bg-amber-300 ${className}`}
    >
      <span aria-hidden>{badge.count > 99 ? "99+" : badge.count}</span>
      <span className="sr-only">{badge.label}</span>
    </Link>
  );
}

export function SidebarNav({
  items,
  badges = {},
}: {
  items: Pick<NavItem, "href" | "label" | "icon">[];
  badges?: Partial<Record<string, NavBadge>>;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-3">
      {items.map((item) => {
        const Icon = icons[item.icon] ?? BarChart3;
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const badge = badges[item.href];
        return (
          <div key={item.href} className="relative flex items-center">
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex flex-1 items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                active ? "bg-white/15 text-white" : "text-brand-100 hover:bg-white/10 hover:text-white"
              }`}
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              {item.label}
            </Link>
            {/* A sibling link (never nested): the count opens the queue it counts. */}
            {badge ? <CountBadge badge={badge} className="absolute right-2" /> : null}
          </div>
        );
      })}
    </nav>
  );
}
