import { z } from "zod";

/** The live figures of a run in flight (`run-state.ts` writes them every second); all optional, since a
 * run row written by an older version may lack some. Anything unreadable shows as no progress. */
export const syncRunProgress = z.object({
  phase: z.string().optional(),
  users: z.number().optional(),
  reportPages: z.number().optional(),
  reportUsers: z.number().optional(),
  queued: z.number().optional(),
  fetched: z.number().optional(),
  requests: z.number().optional(),
  throttled: z.number().optional(),
  etaSeconds: z.number().nullable().optional(),
});
/** The errors a run kept (the first 50), each with the user it concerned when there was one. */
export const syncRunErrors = z.array(
  z.object({ message: z.string().optional(), userId: z.string().optional() }),
);

/** What a run changed in the mirror: a run's row and a one-user refresh both report these. */
const syncCounts = {
  usersAdded: z.number(),
  usersChanged: z.number(),
  usersRemoved: z.number(),
  credentialsAdded: z.number(),
  credentialsChanged: z.number(),
  credentialsRemoved: z.number(),
  matched: z.number(),
  reviewQueued: z.number(),
};

export const syncRunRow = z.object({
  id: z.string(),
  kind: z.enum(["full", "incremental", "user", "snapshot"]),
  status: z.enum(["running", "succeeded", "partial", "failed"]),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  graphRequests: z.number(),
  throttled: z.number(),
  ...syncCounts,
  pendingUsers: z.number(),
  failedUsers: z.number(),
  // Stored as JSON: whatever the row holds goes in, the typed shape (or none) comes out.
  errors: z.unknown().pipe(syncRunErrors.catch([])),
  progress: z.unknown().pipe(syncRunProgress.nullable().catch(null)),
  triggeredById: z.string().nullable(),
});

export const syncRunsInput = z.object({
  pageSize: z.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});
export const syncRunsOutput = z.object({
  items: z.array(syncRunRow),
  total: z.number(),
  nextCursor: z.string().optional(),
});
export const syncStartInput = z.object({ full: z.boolean().default(false) }).default({ full: false });
export const syncStartOutput = z.object({ runId: z.string().nullable(), alreadyRunning: z.boolean() });
export const syncScheduleOutput = z.object({
  nextSyncAt: z.date(),
  intervalMinutes: z.number(),
  reportIntervalMinutes: z.number(),
  sweepDays: z.number(),
  lastFull: z.object({ durationMs: z.number(), finishedAt: z.date().nullable() }).nullable(),
  users: z.number(),
});
export const syncPendingInput = z
  .object({ take: z.number().int().min(1).max(200).default(50) })
  .default({ take: 50 });
export const syncPendingOutput = z.object({
  unread: z.number(),
  failed: z.number(),
  users: z.array(
    z.object({
      userId: z.string(),
      reason: z.string(),
      lastError: z.string().nullable(),
      attempts: z.number(),
      since: z.date(),
      displayName: z.string().nullable(),
      userPrincipalName: z.string().nullable(),
    }),
  ),
});
export const refreshUserInput = z.object({ userId: z.string().min(1).max(200) });
export const refreshUserOutput = z.object({
  runId: z.string(),
  ...syncCounts,
  user: z
    .object({
      id: z.string(),
      userPrincipalName: z.string(),
      displayName: z.string(),
      accountEnabled: z.boolean(),
      deletedAt: z.date().nullable(),
      reportUpdatedAt: z.date().nullable(),
      lastSyncedAt: z.date().nullable(),
    })
    .nullable(),
});
