import { procedure, router } from "@/server/trpc/init";
import {
  alertsInput,
  alertsOutput,
  issueTapInput,
  issueTapOutput,
  listTapsInput,
  listTapsOutput,
  revokeTapInput,
  revokeTapOutput,
  tapPolicyInput,
  tapPolicyOutput,
} from "./recovery.schemas";

// Temporary Access Passes. Issuing and revoking change the user's credentials in Entra, so they are the
// case workflow's (server/modules/cases/tap-actions.ts); reading passes and the alerts are recovery's.
export const recoveryRouter = router({
  tapPolicy: procedure("tap.issue")
    .input(tapPolicyInput)
    .output(tapPolicyOutput)
    .query(({ ctx, input }) => ctx.services.cases.tapPolicy(ctx.request, input)),
  issueTap: procedure("tap.issue")
    .input(issueTapInput)
    .output(issueTapOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.issueTap(ctx.request, input)),
  listTaps: procedure("cases.read")
    .input(listTapsInput)
    .output(listTapsOutput)
    .query(({ ctx, input }) => ctx.services.recovery.listTaps(input.userId)),
  // "Refresh from Entra" on a case: one Graph read, on demand, stored for every later view.
  refreshTaps: procedure("cases.read")
    .input(listTapsInput)
    .output(listTapsOutput)
    .mutation(({ ctx, input }) => ctx.services.recovery.refreshTaps(input.userId)),
  revokeTap: procedure("tap.revoke")
    .input(revokeTapInput)
    .output(revokeTapOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.revokeTap(ctx.request, input)),
  alerts: procedure("audit.read")
    .input(alertsInput)
    .output(alertsOutput)
    .query(({ ctx, input }) => ctx.services.recovery.alerts(input)),
});
