import { procedure, router } from "@/server/trpc/init";
import { recoveryPolicySchema } from "./recovery-policy.schemas";
import { settingsStatusOutput } from "./settings.schemas";
import { helpdeskSettingsSchema } from "./helpdesk-settings.schemas";

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
  // The link from a case's ticket reference to the ticket system. Read by everyone on Settings.
  helpdesk: procedure("settings.read")
    .output(helpdeskSettingsSchema)
    .query(({ ctx }) => ctx.services.settings.helpdeskSettings()),
  setHelpdesk: procedure("settings.write")
    .input(helpdeskSettingsSchema)
    .output(helpdeskSettingsSchema)
    .mutation(({ ctx, input }) => ctx.services.settings.setHelpdeskSettings(ctx.request, input)),
});
