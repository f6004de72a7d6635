import { AreaTabs } from "@/app/_components/area-tabs";

export function RolloutTabs({ current }: { current: "/rollout" | "/rollout/waves" }) {
  return (
    <AreaTabs
      label="Rollout"
      current={current}
      tabs={[
        { href: "/rollout", label: "Dashboards", permission: "rollout.read" },
        { href: "/rollout/waves", label: "Waves", permission: "rollout.read" },
      ]}
    />
  );
}
