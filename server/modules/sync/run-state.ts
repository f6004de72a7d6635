import type { GraphCounters } from "@/server/graph/port";
import type { RunCounters } from "./sync.repository";

/** What one run has done so far: counters for the SyncRun row, progress for the live view, errors. */
export function makeRunState() {
  const counters: Omit<RunCounters, "graphRequests" | "throttled"> = {
    usersAdded: 0,
    usersChanged: 0,
    usersRemoved: 0,
    credentialsAdded: 0,
    credentialsChanged: 0,
    credentialsRemoved: 0,
    matched: 0,
    reviewQueued: 0,
  };
  const progress = {
    phase: "starting",
    users: 0,
    reportPages: 0,
    reportUsers: 0,
    queued: 0,
    fetched: 0,
    auditEvents: 0,
    swept: 0,
    etaSeconds: null as number | null,
  };
  const startedAt = Date.now();
  const errors: { message: string; userId?: string }[] = [];
  return {
    kind: "incremental" as "full" | "incremental",
    counters,
    progress,
    errors,
    failedChunks: 0,
    /** Users created by this delta round: their methods are read even before the report lists them. */
    newUsers: new Set<string>(),
    /** Users Graph no longer knows (404 on their methods). */
    gone: new Set<string>(),
    /** Users whose methods this run did not read: throttled past the time budget, or never reached. */
    unread: new Map<string, string | null>(),
    /** Users whose read failed with an error other than throttling (also read again next run). */
    failed: new Map<string, string>(),
    /** Why the run could not see everything it meant to (the report or the audit log cut short). */
    incomplete: [] as string[],
    error(message: string, userId?: string) {
      if (errors.length < 200) errors.push(userId ? { message, userId } : { message });
    },
    snapshot(graph: GraphCounters) {
      // ETA from the read rate so far: throttling makes it the figure people ask for.
      const elapsed = (Date.now() - startedAt) / 1000;
      const left = progress.queued - progress.fetched;
      progress.etaSeconds =
        progress.fetched > 0 && left > 0 ? Math.round((left * elapsed) / progress.fetched) : null;
      return {
        ...progress,
        ...counters,
        requests: graph.requests,
        throttled: graph.throttled,
        at: new Date().toISOString(),
      };
    },
  };
}

export type RunState = ReturnType<typeof makeRunState>;
