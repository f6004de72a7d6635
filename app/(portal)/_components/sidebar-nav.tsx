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

export function SidebarNav({ items }: { items: Pick<NavItem, "href" | "label" | "icon">[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-3">
      {items.map((item) => {
        const Icon = icons[item.icon] ?? BarChart3;
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              active ? "bg-white/15 text-white" : "text-brand-100 hover:bg-white/10 hover:text-white"
            }`}
          >
            <Icon aria-hidden className="size-4 shrink-0" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
