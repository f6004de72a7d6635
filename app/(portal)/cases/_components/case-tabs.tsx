import { AreaTabs, type AreaTab } from "@/app/_components/area-tabs";

const tabs = [
  { href: "/cases", label: "Cases", permission: "cases.read" },
  { href: "/cases/approvals", label: "Approvals", permission: "cases.approve" },
  { href: "/cases/alerts", label: "Security alerts", permission: "audit.read" },
] as const satisfies readonly AreaTab[];

/** The cases area's sub-pages: the helpdesk's four-eyes queue and the security leads' alerts. */
export function CaseTabs({ current }: { current: (typeof tabs)[number]["href"] }) {
  return <AreaTabs label="Cases" tabs={tabs} current={current} />;
}
