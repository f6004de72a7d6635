import { AreaTabs } from "@/app/_components/area-tabs";

export type RolloutTab =
  | "/rollout"
  | "/rollout/waves"
  | "/rollout/readiness"
  | "/rollout/key-restrictions"
  | "/rollout/sign-in-failures"
  | "/rollout/messages";

export function RolloutTabs({ current }: { current: RolloutTab }) {
  return (
    <AreaTabs
      label="Rollout"
      current={current}
      tabs={[
        { href: "/rollout", label: "Dashboards", permission: "rollout.read" },
        { href: "/rollout/waves", label: "Waves", permission: "rollout.read" },
        { href: "/rollout/readiness", label: "Enforcement readiness", permission: "levers.read" },
        { href: "/rollout/key-restrictions", label: "Key restrictions", permission: "levers.read" },
        { href: "/rollout/sign-in-failures", label: "Sign-in failures", permission: "levers.read" },
        { href: "/rollout/messages", label: "Messages", permission: "levers.read" },
      ]}
    />
  );
}
