import { procedure, router } from "@/server/trpc/init";
import { recoveryPolicySchema } from "./recovery-policy.schemas";
import { settingsStatusOutput } from "./settings.schemas";

export const settingsRouter = router({
  status: procedure("settings.read")
    .output(settingsStatusOutput)
    .query(({ ctx }) => ctx.services.settings.status()),
  // Verification methods and strengths, TAP defaults and the per-agent hourly TAP cap.
  recoveryPolicy: procedure("settings.read")
    .output(recoveryPolicySchema)
    .query(({ ctx }) => ctx.services.settings.recoveryPolicy()),
  setRecoveryPolicy: procedure("settings.write")
    .input(recoveryPolicySchema)
    .output(recoveryPolicySchema)
    .mutation(({ ctx, input }) => ctx.services.settings.setRecoveryPolicy(ctx.request, input)),
});
