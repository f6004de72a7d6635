import type { ReportFields } from "@/server/modules/directory/directory.repository";
import type { MirrorCredential } from "./credentials.repository";
import { diffCredentials, toMirrorCredential } from "./sync.mappers";
import type { PhaseDeps, PhaseRun } from "./sync.types";

/**
 * One chunk of users: read their FIDO2 methods in $batch groups and write them in one transaction.
 * `reports` holds the report entries waiting for these users; they are taken out as the chunk ends.
 * Only users whose read succeeded are diffed: a read that failed or was throttled never marks a
 * credential removed; the user goes to the pending queue (queue.repository.ts) instead.
 */
export async function syncCredentials(
  d: PhaseDeps,
  { graph: g, state: s }: PhaseRun,
  userIds: string[],
  reports: Map<string, ReportFields>,
) {
  const results = await g.listFido2MethodsForUsers(userIds);
  const ok: string[] = [];
  const fetched: MirrorCredential[] = [];
  for (const id of userIds) {
    const r = results.get(id);
    if (r?.ok) {
      ok.push(id);
      fetched.push(...r.methods.map((m) => toMirrorCredential(id, m)));
    } else if (r && r.error.kind === "not_found") {
      s.gone.add(id);
    } else if (r && (r.error.kind === "throttled" || r.error.kind === "budget_exhausted")) {
      s.unread.set(id, r.error.message);
    } else {
      const message = r?.error.message ?? "no result";
      s.failed.set(id, message);
      s.error(message, id);
    }
  }
  const now = d.clock();
  await d.uow.run(async (tx) => {
    const diff = diffCredentials(fetched, await d.credentials.forUsers(tx, ok));
    await d.credentials.upsert(tx, diff.write, now);
    s.counters.credentialsRemoved += await d.credentials.markRemoved(tx, diff.removed, now);
    // The report entry is taken only with the credentials it announced: an interrupted run leaves the
    // entry unchanged, so the next run fetches these users again.
    await d.directory.writeReportFields(
      tx,
      ok.map((id) => reports.get(id)).filter((r): r is ReportFields => r !== undefined),
      now,
    );
    await d.queue.markMethodsRead(tx, ok, now);
    await d.queue.clearPending(tx, [...ok, ...userIds.filter((id) => s.gone.has(id))]);
    s.counters.credentialsAdded += diff.added;
    s.counters.credentialsChanged += diff.changed;
  });
  for (const id of userIds) reports.delete(id);
  s.progress.fetched += userIds.length;
}
