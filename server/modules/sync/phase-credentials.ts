import type { ReportFields } from "@/server/modules/directory/directory.repository";
import type { MirrorCredential } from "./credentials.repository";
import { diffCredentials, toMirrorCredential } from "./sync.mappers";
import type { PhaseDeps, PhaseRun } from "./sync.types";

/**
 * One chunk of users: read their FIDO2 methods in $batch groups and write them in one transaction.
 * `reports` holds the report entries waiting for these users; they are taken out as the chunk ends.
 */
export async function syncCredentials(d: PhaseDeps, { g, s }: PhaseRun, userIds: string[], reports: Map<string, ReportFields>) {
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
    } else s.error(r?.error.message ?? "no result", id);
  }
  const now = d.clock();
  await d.uow.run(async (tx) => {
    const diff = diffCredentials(fetched, await d.credentials.forUsers(tx, ok));
    await d.credentials.upsert(tx, diff.write, now);
    s.counters.credentialsRemoved += await d.credentials.markRemoved(tx, diff.removed, now);
    // The report entry is taken only with the credentials it announced: an interrupted run leaves the
    // entry unchanged, so the next run fetches these users again.
    await d.directory.writeReportFields(tx, ok.map((id) => reports.get(id)).filter((r): r is ReportFields => r !== undefined), now);
    s.counters.credentialsAdded += diff.added;
    s.counters.credentialsChanged += diff.changed;
  });
  for (const id of userIds) reports.delete(id);
  s.progress.fetched += userIds.length;
}
