import { AreaTabs, type AreaTab } from "@/app/_components/area-tabs";

const tabs = [
  { href: "/users", label: "Directory", permission: "users.read" },
  { href: "/users/offboarding", label: "Offboarding", permission: "users.read" },
  { href: "/users/reconciliation", label: "Reconciliation", permission: "users.read" },
  { href: "/users/match-review", label: "Match review", permission: "users.read" },
  { href: "/users/waves", label: "Wave assignment", permission: "keys.assign" },
] as const satisfies readonly AreaTab[];

/** The users area's sub-pages: only those the signed-in role may open. */
export function UserTabs({ current }: { current: (typeof tabs)[number]["href"] }) {
  return <AreaTabs label="Users" tabs={tabs} current={current} />;
}
