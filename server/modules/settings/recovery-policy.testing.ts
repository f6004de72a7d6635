import { defaultRecoveryPolicy, type RecoveryPolicy } from "./recovery-policy.schemas";

/** The default recovery policy with another hourly TAP cap per agent, for tests of the cap. */
export const policyWithTapCap = (capPerAgentPerHour: number): RecoveryPolicy => ({
  ...defaultRecoveryPolicy,
  tap: { ...defaultRecoveryPolicy.tap, capPerAgentPerHour },
});
