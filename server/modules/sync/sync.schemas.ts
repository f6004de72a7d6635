import { z } from "zod";

export const syncRunRow = z.object({
  id: z.string(),
  kind: z.enum(["full", "incremental", "user", "snapshot"]),
  status: z.enum(["running", "succeeded", "partial", "failed"]),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  graphRequests: z.number(),
  throttled: z.number(),
  usersAdded: z.number(),
  usersChanged: z.number(),
  usersRemoved: z.number(),
  credentialsAdded: z.number(),
  credentialsChanged: z.number(),
  credentialsRemoved: z.number(),
  matched: z.number(),
  reviewQueued: z.number(),
  pendingUsers: z.number(),
  failedUsers: z.number(),
  errors: z.unknown(),
  progress: z.unknown(),
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
  usersAdded: z.number(),
  usersChanged: z.number(),
  usersRemoved: z.number(),
  credentialsAdded: z.number(),
  credentialsChanged: z.number(),
  credentialsRemoved: z.number(),
  matched: z.number(),
  reviewQueued: z.number(),
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
export const reviewDecisionInput = z.object({ reviewId: z.string().min(1), keyId: z.string().min(1) });
export const reviewRejectInput = z.object({ reviewId: z.string().min(1) });
