import type { ReportFields } from "@/server/modules/directory/directory.repository";
import { syncCredentials } from "./phase-credentials";
import { makeMethodsInterner, reportDecision, toReportFields } from "./sync.mappers";
import type { PhaseDeps, PhaseRun } from "./sync.types";

/** Credential chunks in flight at once: enough to keep the $batch pipe full, few enough to bound memory. */
const MAX_IN_FLIGHT = 3;

/**
 * The registration report for everyone, and FIDO2 methods for the users it shows changed (plus the
 * forced and new ones). The report is paced by Graph's 5 requests / 10 s, so its pages are pulled while
 * the users round is still being written, and credential chunks are fetched as pages arrive.
 */
export async function syncReport(d: PhaseDeps, run: PhaseRun, usersDone: Promise<void>, forced: Set<string>, chunkUsers: number) {
  const { g, s } = run;
  // Pages wait here (compacted to the fields sync keeps) until the users round is written: a full
  // tenant's report must not sit in memory as Graph objects with names, UPNs and method lists.
  const pages: ReportFields[][] = [];
  const methodsOf = makeMethodsInterner();
  const signal: { wake: (() => void) | null } = { wake: null };
  let producerDone = false;
  const producer = (async () => {
    try {
      for await (const page of g.listRegistrationDetails()) {
        pages.push(page.map((r) => toReportFields(r, methodsOf)));
        s.progress.reportPages++;
        signal.wake?.();
      }
    } finally {
      producerDone = true;
      signal.wake?.();
    }
  })();
  await usersDone;
  s.progress.phase = "report";
  const pendingReports = new Map<string, ReportFields>();
  const queue: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const drain = async (all: boolean) => {
    while (queue.length >= chunkUsers || (all && queue.length)) {
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const ids = queue.splice(0, chunkUsers);
      const task: Promise<void> = syncCredentials(d, run, ids, pendingReports)
        .catch((e: unknown) => {
          s.failedChunks++;
          s.error(`credentials for ${ids.length} users: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  };
  try {
    for (;;) {
      const reports = pages.shift();
      if (!reports) {
        if (producerDone) break;
        await new Promise<void>((r) => (signal.wake = r));
        signal.wake = null;
        continue;
      }
      const state = await d.directory.reportState(d.uow.db, reports.map((r) => r.id));
      const reportOnly: ReportFields[] = [];
      for (const r of reports) {
        const stored = state.get(r.id);
        if (!stored) continue; // not in the mirror yet: next run
        s.progress.reportUsers++;
        const decision = reportDecision(r, stored);
        if (decision.fetch || forced.has(r.id) || s.newUsers.has(r.id)) {
          pendingReports.set(r.id, r);
          queue.push(r.id);
          forced.delete(r.id);
          s.newUsers.delete(r.id);
        } else if (decision.changed) reportOnly.push(r);
      }
      if (reportOnly.length) await d.directory.writeReportFields(d.uow.db, reportOnly, d.clock());
      s.progress.queued += reports.filter((r) => pendingReports.has(r.id)).length;
      await drain(false);
    }
    await producer;
    // Users the report did not list (too new for it) but who must be read anyway.
    queue.push(...forced, ...s.newUsers);
    s.progress.queued += forced.size + s.newUsers.size;
    await drain(true);
  } finally {
    await Promise.allSettled([producer, ...inFlight]);
  }
  if (s.failedChunks) throw new Error(`${s.failedChunks} credential chunk(s) failed; their users are read again next run`);
}
