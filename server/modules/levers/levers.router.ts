import { procedure, router } from "@/server/trpc/init";
import { failuresInput, failuresOutput } from "./failures.schemas";
import { draftInput, previewOutput, restrictionsOutput } from "./restrictions.schemas";
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
  signInFailures: procedure("levers.read")
    .input(failuresInput)
    .output(failuresOutput)
    .query(({ ctx, input }) => ctx.services.levers.failures.summary(input)),
});
