import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import type { GraphPort } from "@/server/graph/port";
import type { DirectoryRepository } from "@/server/modules/directory/directory.repository";
import type { CredentialRepository } from "./credentials.repository";
import type { QueueRepository } from "./queue.repository";
import type { RunState } from "./run-state";
import type { SyncRepository } from "./sync.repository";

export const settingKeys = {
  deltaLink: "sync.usersDeltaLink",
  tapPolicy: "entra.tapPolicy",
  fido2Policy: "entra.fido2Policy",
  tapState: "sync.tapState",
  privilegedGroups: "directory.privilegedGroupIds",
  /** When the registration report was last read to its end (it is read every SYNC_REPORT_INTERVAL_MINUTES). */
  reportReadAt: "sync.reportReadAt",
  /** Where the directory-audit reading stopped: { since, seen } (phase-audits.ts). */
  auditCursor: "sync.auditCursor",
  /** The background sweep's clock: { at, carry } (phase-sweep.ts). */
  sweep: "sync.sweep",
} as const;

/** What every phase of a run reads and writes through. */
export interface PhaseDeps {
  uow: UnitOfWork;
  directory: DirectoryRepository;
  credentials: CredentialRepository;
  repo: SyncRepository;
  queue: QueueRepository;
  clock: () => Date;
}

/** A phase's view of the run in flight: its Graph (budget and counters of this run) and its state. */
export interface PhaseRun {
  /** This run's Graph, with its budget and deadline. */
  graph: GraphPort;
  /** What the run has read, changed and failed so far. */
  state: RunState;
}

export interface SyncSummary {
  runId: string;
  kind: "full" | "incremental";
  /** "partial": the run ended with users still to read (pendingUsers + failedUsers > 0); the next run starts with them. */
  status: "succeeded" | "partial" | "failed";
  /** Users whose methods are still to read (throttled past the time budget, or never reached). */
  pendingUsers: number;
  /** Users whose read failed with another error; read again next run too. */
  failedUsers: number;
  users: number;
  credentials: number;
  added: number;
  changed: number;
  removed: number;
  matched: number;
  reviewQueued: number;
  requests: number;
  throttled: number;
  durationMs: number;
  detail: RunState["counters"];
  errors: { message: string; userId?: string }[];
}

export type SyncOutcome = ({ skipped: false } & SyncSummary) | { skipped: true; reason: string };

/**
 * Work that other modules hang on the end of a successful run (after matching, before the run is
 * recorded), e.g. closing helpdesk cases whose replacement key now shows in Entra. Hooks run in list
 * order; one that throws is recorded as an error of the run and does not stop the others.
 */
export interface PostSyncHook {
  name: string;
  run(run: PostSyncRun): Promise<void>;
}

export interface PostSyncRun {
  runId: string;
  kind: "full" | "incremental" | "user";
  /** This run's Graph: requests made through it count in the run's figures. */
  graph: GraphPort;
  /** Who started the run (the system actor for scheduled runs). */
  ctx: RequestContext;
  /**
   * What the hook does is the system's doing (a case closed because sync saw a key): the system actor,
   * with whoever started the run as `triggeredBy` in each audit event.
   */
  jobCtx: RequestContext;
  /** Set for a one-user refresh: hooks can limit their work to that user. */
  userId?: string;
  /** Records a non-fatal problem on the run row (shown on Settings → Sync). */
  error(message: string, userId?: string): void;
}
