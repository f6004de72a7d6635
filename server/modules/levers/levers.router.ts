import { procedure, router } from "@/server/trpc/init";
import { csvExportOutput } from "@/server/modules/inventory/inventory.schemas";
import {
  failureFilter,
  failureListInput,
  failureListOutput,
  failuresInput,
  failuresOutput,
} from "./failures.schemas";
import { draftInput, previewOutput, restrictionsOutput } from "./restrictions.schemas";
import {
  approveChangeInput,
  changeDecidedOutput,
  changeIdInput,
  changeOutput,
  changesOutput,
  rejectChangeInput,
  requestChangeInput,
} from "./restriction-changes.schemas";
import { readinessOverviewOutput, readinessWaveInput, readinessWaveOutput } from "./readiness.schemas";

// The security lead's levers (docs/SECURITY-LEAD.md). Reads need levers.read; drafts and messages
// levers.write; applying a key restriction to Entra settings.write (admin) and a second person's approval.

export const leversRouter = router({
  readiness: procedure("levers.read")
    .output(readinessOverviewOutput)
    .query(({ ctx }) => ctx.services.levers.readiness.overview()),
  readinessWave: procedure("levers.read")
    .input(readinessWaveInput)
    .output(readinessWaveOutput)
    .query(({ ctx, input }) => ctx.services.levers.readiness.wave(input)),
  restrictions: procedure("levers.read")
    .output(restrictionsOutput)
    .query(({ ctx }) => ctx.services.levers.restrictions.current()),
  /** A query: a preview reads and changes nothing. */
  previewRestriction: procedure("levers.write")
    .input(draftInput)
    .output(previewOutput)
    .query(({ ctx, input }) => ctx.services.levers.restrictions.preview(input)),
  /** Four eyes: anyone who drafts asks; a different admin approves, and only then Entra changes. */
  restrictionChanges: procedure("levers.read")
    .output(changesOutput)
    .query(({ ctx }) => ctx.services.levers.changes.list(ctx.request)),
  restrictionChange: procedure("levers.read")
    .input(changeIdInput)
    .output(changeOutput)
    .query(({ ctx, input }) => ctx.services.levers.changes.get(ctx.request, input.id)),
  requestRestrictionChange: procedure("levers.write")
    .input(requestChangeInput)
    .output(changeIdInput)
    .mutation(({ ctx, input }) => ctx.services.levers.changes.request(ctx.request, input)),
  approveRestrictionChange: procedure("settings.write")
    .input(approveChangeInput)
    .output(changeDecidedOutput)
    .mutation(({ ctx, input }) => ctx.services.levers.changes.approve(ctx.request, input)),
  rejectRestrictionChange: procedure("settings.write")
    .input(rejectChangeInput)
    .output(changeDecidedOutput)
    .mutation(({ ctx, input }) => ctx.services.levers.changes.reject(ctx.request, input)),
  signInFailures: procedure("levers.read")
    .input(failuresInput)
    .output(failuresOutput)
    .query(({ ctx, input }) => ctx.services.levers.failures.summary(input)),
  /** A count's sign-ins (by code, model, site, week or person), paged; and the same as CSV. */
  signInFailureList: procedure("levers.read")
    .input(failureListInput)
    .output(failureListOutput)
    .query(({ ctx, input }) => ctx.services.levers.failures.list(input)),
  signInFailuresCsv: procedure("levers.read")
    .input(failureFilter)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.levers.failures.csv(input)),
});
