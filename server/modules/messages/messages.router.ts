import { procedure, router } from "@/server/trpc/init";
import {
  logInput,
  logOutput,
  messageConfigSchema,
  optOutInput,
  optOutRemoveInput,
  optOutsOutput,
  overviewOutput,
  planOutput,
  previewInput,
  previewOutput,
  runOutput,
  templateInput,
} from "./messages.schemas";
import { z } from "zod";

// Messages to users (docs/MESSAGES.md): reads with levers.read, changes and sends with levers.write.

export const messagesRouter = router({
  overview: procedure("levers.read")
    .output(overviewOutput)
    .query(({ ctx }) => ctx.services.messages.overview()),
  saveTemplate: procedure("levers.write")
    .input(templateInput)
    .output(z.object({ kind: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.messages.saveTemplate(ctx.request, input)),
  setConfig: procedure("levers.write")
    .input(messageConfigSchema)
    .output(messageConfigSchema)
    .mutation(({ ctx, input }) => ctx.services.messages.setConfig(ctx.request, input)),
  /** A query: a preview sends and changes nothing. */
  preview: procedure("levers.write")
    .input(previewInput)
    .output(previewOutput)
    .query(({ ctx, input }) => ctx.services.messages.preview(input)),
  reminderPlan: procedure("levers.read")
    .output(planOutput)
    .query(({ ctx }) => ctx.services.messages.reminders.plan()),
  sendReminders: procedure("levers.write")
    .output(runOutput)
    .mutation(({ ctx }) => ctx.services.messages.reminders.run(ctx.request)),
  optOuts: procedure("levers.read")
    .output(optOutsOutput)
    .query(({ ctx }) => ctx.services.messages.optOuts()),
  addOptOut: procedure("levers.write")
    .input(optOutInput)
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.messages.addOptOut(ctx.request, input)),
  removeOptOut: procedure("levers.write")
    .input(optOutRemoveInput)
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.messages.removeOptOut(ctx.request, input)),
  log: procedure("levers.read")
    .input(logInput)
    .output(logOutput)
    .query(({ ctx, input }) => ctx.services.messages.log(input)),
});
