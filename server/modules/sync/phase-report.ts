import { isGraphError } from "@/server/graph/errors";
import type { ReportFields } from "@/server/modules/directory/directory.repository";
import { syncCredentials } from "./phase-credentials";
import { makeMethodsInterner, reportDecision, toReportFields } from "./sync.mappers";
import type { PhaseDeps, PhaseRun } from "./sync.types";

/** Credential chunks in flight at once: enough to keep the $batch pipe full, few enough to bound memory. */
const MAX_IN_FLIGHT = 3;

/** Whose FIDO2 methods this run reads, beyond what the registration report shows changed. */
export interface ReadPlan {
  /** Read first, in order: users left pending by earlier runs, then those the audit log names. */
  first: Promise<string[]>;
  /** Open cases and agents' refreshes: read when the report lists them, or at the end anyway. */
  forced: Set<string>;
  /** Read last: the sweep's share. */
  last: string[];
  /** False between the report's scheduled reads (SYNC_REPORT_INTERVAL_MINUTES). */
  readReport: boolean;
  /** Epoch ms: no chunk starts after it; what is left goes to the pending queue. */
  deadline: number;
}

/**
 * FIDO2 methods for the users the plan names and, when the report is due, the users it shows changed.
 * The report is paced by Graph's 5 requests / 10 s, so its pages are pulled while the users round is
 * still being written, and credential chunks are fetched as pages arrive. Returns whether the report
 * was read to its end.
 */
export async function syncReport(
  d: PhaseDeps,
  run: PhaseRun,
  usersDone: Promise<void>,
  plan: ReadPlan,
  chunkUsers: number,
): Promise<boolean> {
  const { graph: g, state: s } = run;
  const { forced } = plan;
  // Pages wait here (compacted to the fields sync keeps) until the users round is written: a full
  // tenant's report must not sit in memory as Graph objects with names, UPNs and method lists.
  const pages: ReportFields[][] = [];
  const methodsOf = makeMethodsInterner();
  const signal: { wake: (() => void) | null } = { wake: null };
  let producerDone = !plan.readReport;
  let reportComplete = plan.readReport;
  const producer = (async () => {
    if (!plan.readReport) return;
    try {
      for await (const page of g.listRegistrationDetails()) {
        pages.push(page.map((r) => toReportFields(r, methodsOf)));
        s.progress.reportPages++;
        signal.wake?.();
      }
    } catch (e) {
      // Throttled past the time budget: the report's remaining pages wait for its next read.
      if (!isGraphError(e) || (e.kind !== "throttled" && e.kind !== "budget_exhausted")) throw e;
      reportComplete = false;
      s.incomplete.push("the registration report was not read to its end");
    } finally {
      producerDone = true;
      signal.wake?.();
    }
  })();
  await usersDone;
  s.progress.phase = "methods";
  const pendingReports = new Map<string, ReportFields>();
  const queue: string[] = [];
  const queued = new Set<string>();
  const enqueue = (ids: Iterable<string>) => {
    for (const id of ids) {
      if (queued.has(id)) continue;
      queued.add(id);
      queue.push(id);
      s.progress.queued++;
    }
  };
  const inFlight = new Set<Promise<void>>();
  const drain = async (all: boolean) => {
    while (queue.length >= chunkUsers || (all && queue.length)) {
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      if (Date.now() >= plan.deadline) {
        // Out of time: the rest is not dropped, it waits in the pending queue for the next run.
        for (const id of queue.splice(0)) s.unread.set(id, null);
        return;
      }
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
    enqueue(await plan.first);
    await drain(true);
    for (;;) {
      const reports = pages.shift();
      if (!reports) {
        if (producerDone) break;
        await new Promise<void>((r) => (signal.wake = r));
        signal.wake = null;
        continue;
      }
      const state = await d.directory.reportState(
        d.uow.db,
        reports.map((r) => r.id),
      );
      const reportOnly: ReportFields[] = [];
      for (const r of reports) {
        const stored = state.get(r.id);
        if (!stored) continue; // not in the mirror yet: next run
        s.progress.reportUsers++;
        const decision = reportDecision(r, stored);
        if (decision.fetch || forced.has(r.id) || s.newUsers.has(r.id)) {
          if (!queued.has(r.id)) pendingReports.set(r.id, r);
          enqueue([r.id]);
          forced.delete(r.id);
          s.newUsers.delete(r.id);
        } else if (decision.changed) reportOnly.push(r);
      }
      if (reportOnly.length) await d.directory.writeReportFields(d.uow.db, reportOnly, d.clock());
      await drain(false);
    }
    await producer;
    // Users the report did not list (too new for it, or not read this time) who must be read anyway,
    // then the sweep's share.
    enqueue([...forced, ...s.newUsers, ...plan.last]);
    s.progress.swept += plan.last.length;
    await drain(true);
  } finally {
    await Promise.allSettled([producer, ...inFlight]);
  }
  if (s.failedChunks)
    throw new Error(`${s.failedChunks} credential chunk(s) failed; their users are read again next run`);
  return reportComplete;
}
