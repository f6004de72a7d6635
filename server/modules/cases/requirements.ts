import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";

// What identity verification a user's case needs under the policy: privileged users need a stronger
// method and a second agent's approval (four eyes) before any revocation or TAP.

export function requirementsFor(policy: RecoveryPolicy, isPrivileged: boolean) {
  const requiredStrength = isPrivileged ? policy.privilegedRequiredStrength : policy.requiredStrength;
  return {
    requiredStrength,
    methods: policy.methods
      .filter((m) => m.isAllowed)
      .map((m) => ({ method: m.method, strength: m.strength, isSufficient: m.strength >= requiredStrength })),
    needsApproval: isPrivileged,
  };
}

export type Requirements = ReturnType<typeof requirementsFor>;

const methodNames: Record<RecoveryPolicy["methods"][number]["method"], string> = {
  callback: "a callback to the number on record",
  manager_confirmation: "confirmation by their manager",
  video_id: "a video call with ID",
  in_person: "in person at a desk",
};
export const methodName = (m: keyof typeof methodNames) => methodNames[m];
