import { procedure, router } from "@/server/trpc/init";
import {
  completeInput,
  completeOutput,
  confirmInput,
  confirmOutput,
  endWatchOutput,
  issuePassInput,
  issuePassOutput,
  itemInput,
  watchOutput,
  linkShareOutput,
  createQueueInput,
  createQueueOutput,
  queueInput,
  queueOutput,
  queuesOutput,
  sheetOutput,
  skipInput,
  skipOutput,
  sourcesOutput,
  startInput,
  startOutput,
} from "./enrollment.schemas";

export const enrollmentRouter = router({
  // Read on the rollout dashboard: the share of links made by enrollment (known) against matched ones.
  linkShare: procedure("rollout.read")
    .output(linkShareOutput)
    .query(({ ctx }) => ctx.services.enrollment.linkShare()),
  sources: procedure("enrollment.write")
    .output(sourcesOutput)
    .query(({ ctx }) => ctx.services.enrollment.sources()),
  queues: procedure("enrollment.write")
    .output(queuesOutput)
    .query(({ ctx }) => ctx.services.enrollment.queues()),
  queue: procedure("enrollment.write")
    .input(queueInput)
    .output(queueOutput)
    .query(({ ctx, input }) => ctx.services.enrollment.queue(input.batchId)),
  createQueue: procedure("enrollment.write")
    .input(createQueueInput)
    .output(createQueueOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.createQueue(ctx.request, input)),
  start: procedure("enrollment.write")
    .input(startInput)
    .output(startOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.start(ctx.request, input)),
  complete: procedure("enrollment.write")
    .input(completeInput)
    .output(completeOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.enrollment.complete(ctx.request, {
        itemId: input.itemId,
        credential: input.credential ?? null,
      }),
    ),
  // Handover with a pass (docs/ENROLLMENT.md): a one-time TAP shown once, a watch, the agent's confirmation.
  issuePass: procedure("enrollment.write")
    .input(issuePassInput)
    .output(issuePassOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.issuePass(ctx.request, input)),
  watch: procedure("enrollment.write")
    .input(itemInput)
    .output(watchOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.watch(ctx.request, input)),
  confirm: procedure("enrollment.write")
    .input(confirmInput)
    .output(confirmOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.confirm(ctx.request, input)),
  endWatch: procedure("enrollment.write")
    .input(itemInput)
    .output(endWatchOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.endWatch(ctx.request, input)),
  skip: procedure("enrollment.write")
    .input(skipInput)
    .output(skipOutput)
    .mutation(({ ctx, input }) => ctx.services.enrollment.skip(ctx.request, input)),
  sheet: procedure("enrollment.write")
    .input(queueInput)
    .output(sheetOutput)
    .query(({ ctx, input }) => ctx.services.enrollment.sheetCsv(input.batchId)),
});
