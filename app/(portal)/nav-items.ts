import type { Permission } from "@/server/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  icon:
    | "dashboard"
    | "keys"
    | "users"
    | "cases"
    | "enrollment"
    | "procurement"
    | "rollout"
    | "audit"
    | "settings";
}

// The navigation each role sees is exactly the pages its permissions open.
export const navItems: readonly NavItem[] = [
  { href: "/", label: "Dashboard", permission: "dashboard.read", icon: "dashboard" },
  { href: "/keys", label: "Keys", permission: "keys.read", icon: "keys" },
  { href: "/users", label: "Users", permission: "users.read", icon: "users" },
  { href: "/cases", label: "Cases", permission: "cases.read", icon: "cases" },
  { href: "/enrollment", label: "Enrollment", permission: "enrollment.write", icon: "enrollment" },
  { href: "/procurement", label: "Procurement", permission: "procurement.read", icon: "procurement" },
  { href: "/rollout", label: "Rollout", permission: "rollout.read", icon: "rollout" },
  { href: "/audit", label: "Audit", permission: "audit.read", icon: "audit" },
  { href: "/settings", label: "Settings", permission: "settings.read", icon: "settings" },
];
