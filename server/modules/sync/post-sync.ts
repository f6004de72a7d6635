import { asJob } from "@/server/auth/actor";
import type { PhaseRun, PostSyncHook, PostSyncRun } from "./sync.types";

/** Runs the hooks in order; a hook that throws becomes an error of the run and the next hook still runs. */
export async function runPostSyncHooks(
  hooks: readonly PostSyncHook[],
  { state: s }: PhaseRun,
  run: Omit<PostSyncRun, "error" | "jobCtx">,
) {
  if (!hooks.length) return;
  s.progress.phase = "post-sync";
  for (const hook of hooks) {
    try {
      await hook.run({
        ...run,
        jobCtx: asJob(run.ctx),
        error: (message, userId) => s.error(`${hook.name}: ${message}`, userId),
      });
    } catch (e) {
      s.error(`${hook.name}: ${e instanceof Error ? e.message : String(e)}`, run.userId);
    }
  }
}
