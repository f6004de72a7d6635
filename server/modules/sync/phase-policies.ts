import { settingKeys, type PhaseDeps, type PhaseRun } from "./sync.types";

/** The TAP and FIDO2 method policies, each kept with the time it was read. A failure is an error of the run, not its end. */
export async function syncPolicies(d: PhaseDeps, { graph: g, state: s }: PhaseRun) {
  for (const [key, read] of [
    [settingKeys.tapPolicy, () => g.getTapPolicy()],
    [settingKeys.fido2Policy, () => g.getFido2Policy()],
  ] as const) {
    try {
      await d.repo.setSetting(d.uow.db, key, { ...(await read()), syncedAt: d.clock().toISOString() });
    } catch (e) {
      s.error(`${key}: ${(e as Error).message}`);
    }
  }
}

/** TAP state (metadata only: Graph never returns a pass after creation) for the users in open cases. */
export async function syncTaps(d: PhaseDeps, { graph: g, state: s }: PhaseRun, userIds: string[]) {
  const state: Record<string, unknown> = {};
  for (const id of userIds) {
    try {
      state[id] = (await g.listTemporaryAccessPasses(id)).map((t) => ({
        ...t,
        readAt: d.clock().toISOString(),
      }));
    } catch (e) {
      s.error(`TAP state: ${(e as Error).message}`, id);
    }
  }
  await d.repo.setSetting(d.uow.db, settingKeys.tapState, state);
}
