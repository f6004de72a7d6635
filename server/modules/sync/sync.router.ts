import { z } from "zod";
import { logger } from "@/server/lib/logger";
import { procedure, router } from "@/server/trpc/init";
import {
  refreshUserInput,
  refreshUserOutput,
  syncPendingInput,
  syncPendingOutput,
  syncRunRow,
  syncRunsInput,
  syncRunsOutput,
  syncScheduleOutput,
  syncStartInput,
  syncStartOutput,
} from "./sync.schemas";

export const syncRouter = router({
  runs: procedure("sync.read")
    .input(syncRunsInput)
    .output(syncRunsOutput)
    .query(({ ctx, input }) => ctx.services.sync.listRuns(input)),
  /** Polled by the Settings → Sync page for live progress. */
  run: procedure("sync.read")
    .input(z.object({ id: z.string().min(1) }))
    .output(syncRunRow.nullable())
    .query(({ ctx, input }) => ctx.services.sync.getRun(input.id)),
  running: procedure("sync.read")
    .output(syncRunRow.nullable())
    .query(({ ctx }) => ctx.services.sync.runningRun()),
  /** Users a partial run left to read (Settings → Sync shows them). */
  pending: procedure("sync.read")
    .input(syncPendingInput)
    .output(syncPendingOutput)
    .query(({ ctx, input }) => ctx.services.sync.pending(input.take)),
  start: procedure("sync.run")
    .input(syncStartInput)
    .output(syncStartOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.sync.start({
        full: input.full,
        ctx: ctx.request,
        onError: (e) => logger.error("sync failed", { requestId: ctx.requestId, error: e }),
      }),
    ),
  /** "Full sync" on the sync page: re-reads everyone; CONFLICT while a run is in flight. */
  full: procedure("sync.run")
    .output(syncStartOutput)
    .mutation(({ ctx }) =>
      ctx.services.sync.startFull(ctx.request, (e) =>
        logger.error("full sync failed", { requestId: ctx.requestId, error: e }),
      ),
    ),
  /** The next scheduled sync and the slower reads' periods (Settings → Sync). */
  schedule: procedure("sync.read")
    .output(syncScheduleOutput)
    .query(({ ctx }) => ctx.services.sync.schedule()),
  refreshUser: procedure("users.refresh")
    .input(refreshUserInput)
    .output(refreshUserOutput)
    .mutation(({ ctx, input }) => ctx.services.sync.refreshUser(ctx.request, input.userId)),
});
