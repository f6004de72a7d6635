import { isGraphError } from "@/server/graph/errors";
import { toMirrorUser, userSelect } from "./sync.mappers";
import { settingKeys, type PhaseDeps, type PhaseRun } from "./sync.types";

/** Users through users/delta: a full round the first time (or when asked), the changes since the stored link after. */
export async function syncUsers(
  d: PhaseDeps,
  { graph: g, state: s }: PhaseRun,
  full: boolean,
): Promise<void> {
  const { uow, directory, repo, clock } = d;
  const stored = full ? null : await repo.getSetting<string>(uow.db, settingKeys.deltaLink);
  s.kind = stored ? "incremental" : "full";
  const seen = stored ? null : new Set<string>();
  let deltaLink: string | undefined;
  const round = async (link: string | undefined) => {
    for await (const page of g.usersDelta({ select: userSelect, deltaLink: link })) {
      const users = page.users.map(toMirrorUser).filter((u) => u !== null);
      const now = clock();
      await uow.run(async (tx) => {
        const upserted = await directory.upsertUsers(tx, users, now);
        const deleted = await directory.markDeleted(
          tx,
          page.removed.map((r) => r.id),
          now,
        );
        const offboard = [...upserted.filter((u) => u.becameDisabled).map((u) => u.id), ...deleted];
        await repo.openOffboarding(tx, offboard, now);
        for (const u of upserted) {
          if (u.inserted) {
            s.counters.usersAdded++;
            if (!seen) s.newUsers.add(u.id);
          } else s.counters.usersChanged++;
        }
        s.counters.usersRemoved += deleted.length;
      });
      for (const u of users) seen?.add(u.id);
      s.progress.users += users.length + page.removed.length;
      if (page.deltaLink) deltaLink = page.deltaLink;
    }
  };
  try {
    await round(stored ?? undefined);
  } catch (e) {
    // An expired or refused delta token: start a full round instead.
    if (!stored || !isGraphError(e) || e.kind !== "bad_request") throw e;
    s.error(`users delta token refused (${e.message}); full round instead`);
    s.kind = "full";
    await round(undefined);
  }
  if (seen) {
    const now = clock();
    await uow.run(async (tx) => {
      const gone = await directory.markUnseenDeleted(tx, seen, now);
      await repo.openOffboarding(tx, gone, now);
      s.counters.usersRemoved += gone.length;
    });
  }
  if (deltaLink) await repo.setSetting(uow.db, settingKeys.deltaLink, deltaLink);
}

/** Users whose FIDO2 methods answered 404 during the run: Graph no longer knows them. */
export async function markGoneUsers(d: PhaseDeps, { state: s }: PhaseRun): Promise<void> {
  if (!s.gone.size) return;
  const now = d.clock();
  await d.uow.run(async (tx) => {
    const deleted = await d.directory.markDeleted(tx, [...s.gone], now);
    await d.repo.openOffboarding(tx, deleted, now);
    s.counters.usersRemoved += deleted.length;
  });
}
