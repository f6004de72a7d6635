import { settingKeys, type PhaseDeps } from "./sync.types";

// The slow background sweep: every user's FIDO2 methods are read again at least once per sweep period
// (SYNC_SWEEP_DAYS), a share per run in proportion to the time since the last one, oldest reads first.
// It catches what the users delta, the audit log and the report all missed.

interface SweepState {
  at: string;
  /** The fraction of a user owed from earlier runs (shares are whole users). */
  carry: number;
}

/** This run's share of the sweep, and the state to store once the run is recorded. */
export async function sweepShare(
  d: PhaseDeps,
  periodMs: number,
): Promise<{ userIds: string[]; state: SweepState }> {
  const now = d.clock();
  const stored = await d.repo.getSetting<SweepState>(d.uow.db, settingKeys.sweep);
  if (!stored) return { userIds: [], state: { at: now.toISOString(), carry: 0 } };
  const elapsed = Math.max(0, now.getTime() - Date.parse(stored.at));
  const owed = stored.carry + ((await d.queue.countLiveUsers(d.uow.db)) * elapsed) / periodMs;
  const take = Math.floor(owed);
  const userIds = await d.queue.sweepCandidates(d.uow.db, take, now);
  return { userIds, state: { at: now.toISOString(), carry: owed - take } };
}

export async function storeSweep(d: PhaseDeps, state: SweepState): Promise<void> {
  await d.repo.setSetting(d.uow.db, settingKeys.sweep, state);
}
