import { Prisma, type SyncKind } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "@/server/modules/directory/directory.repository";

export interface RunCounters {
  graphRequests: number;
  throttled: number;
  usersAdded: number;
  usersChanged: number;
  usersRemoved: number;
  credentialsAdded: number;
  credentialsChanged: number;
  credentialsRemoved: number;
  matched: number;
  reviewQueued: number;
}

const runSelect = {
  id: true,
  kind: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  graphRequests: true,
  throttled: true,
  usersAdded: true,
  usersChanged: true,
  usersRemoved: true,
  credentialsAdded: true,
  credentialsChanged: true,
  credentialsRemoved: true,
  matched: true,
  reviewQueued: true,
  pendingUsers: true,
  failedUsers: true,
  errors: true,
  progress: true,
  triggeredById: true,
} satisfies Prisma.SyncRunSelect;

const LEASE_KEY = "sync.lease";

export function makeSyncRepository() {
  return {
    async createRun(db: Db, input: { kind: SyncKind; triggeredById: string | null; startedAt: Date }) {
      return db.syncRun.create({ data: { ...input, status: "running" }, select: { id: true } });
    },
    async updateProgress(
      db: Db,
      id: string,
      progress: Record<string, unknown>,
      counters?: Partial<RunCounters>,
    ) {
      await db.syncRun.update({
        where: { id },
        data: { progress: progress as Prisma.InputJsonValue, ...counters },
        select: { id: true },
      });
    },
    async finishRun(
      db: Db,
      id: string,
      input: {
        status: "succeeded" | "partial" | "failed";
        pendingUsers?: number;
        failedUsers?: number;
        finishedAt: Date;
        durationMs: number;
        errors: unknown[];
        deltaCursor?: string | null;
        progress: Record<string, unknown>;
        kind?: SyncKind;
      } & RunCounters,
    ) {
      const { errors, progress, ...rest } = input;
      await db.syncRun.update({
        where: { id },
        data: {
          ...rest,
          errors: errors as Prisma.InputJsonValue,
          progress: progress as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
    },
    /** A run left "running" by a crashed process (its lease expired). */
    async failAbandonedRuns(db: Db, olderThan: Date, now: Date) {
      return db.syncRun.updateMany({
        where: { status: "running", kind: { in: ["full", "incremental"] }, startedAt: { lt: olderThan } },
        data: {
          status: "failed",
          finishedAt: now,
          errors: [{ message: "abandoned: the process running it stopped" }],
        },
      });
    },
    async getRun(db: Db, id: string) {
      return db.syncRun.findUnique({ where: { id }, select: runSelect });
    },
    async listRuns(db: Db, take: number, cursor?: string) {
      return db.syncRun.findMany({
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: runSelect,
      });
    },
    async countRuns(db: Db) {
      return db.syncRun.count();
    },
    /** The last full run that read everything (for the Full sync estimate), or null. */
    async lastFullRun(db: Db) {
      return db.syncRun.findFirst({
        where: { kind: "full", status: "succeeded", durationMs: { not: null } },
        orderBy: { startedAt: "desc" },
        select: { durationMs: true, finishedAt: true },
      });
    },
    async runningRun(db: Db) {
      return db.syncRun.findFirst({
        where: { status: "running" },
        orderBy: { startedAt: "desc" },
        select: runSelect,
      });
    },

    /**
     * A lease in the settings table: taken atomically only when free or expired, so two processes (or
     * two portal instances on one PostgreSQL) never run a sync at once, on either database.
     */
    async takeLease(db: Db, owner: string, now: Date, ttlMs: number): Promise<boolean> {
      const value = JSON.stringify({ owner, until: new Date(now.getTime() + ttlMs).toISOString() });
      const rows = await db.$queryRaw<{ key: string }[]>(Prisma.sql`
        INSERT INTO settings (key, value, "updatedAt") VALUES (${LEASE_KEY}, ${value}::jsonb, ${iso(now)}::timestamp)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"
        WHERE settings.value->>'owner' = ${owner} OR (settings.value->>'until')::timestamptz < ${iso(now)}::timestamptz
        RETURNING key`);
      return rows.length === 1;
    },
    async releaseLease(db: Db, owner: string): Promise<void> {
      const value = JSON.stringify({ owner: null, until: new Date(0).toISOString() });
      await db.$executeRaw(
        Prisma.sql`UPDATE settings SET value = ${value}::jsonb WHERE key = ${LEASE_KEY} AND value->>'owner' = ${owner}`,
      );
    },

    async getSetting<T>(db: Db, key: string): Promise<T | null> {
      const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
      return (row?.value as T | undefined) ?? null;
    },
    async setSetting(db: Db, key: string, value: unknown, updatedById: string | null = null) {
      await db.setting.upsert({
        where: { key },
        create: { key, value: value as Prisma.InputJsonValue, updatedById },
        update: { value: value as Prisma.InputJsonValue, updatedById },
        select: { key: true },
      });
    },

    /** Users in a case that is still open: their FIDO2 methods and TAP state are read every run. */
    /**
     * Fresh planner statistics for the tables a sync mirrors into. PostgreSQL's autovacuum gets there in
     * its own time; the embedded database has no autovacuum at all, so without this a first sync of
     * 100 000 users left every later query planned as if the tables were empty (nested loops over the
     * whole mirror). ANALYZE samples a bounded number of rows: well under a second at that size.
     */
    async refreshStatistics(db: Db) {
      await db.$executeRaw(
        Prisma.sql`ANALYZE directory_users, entra_credentials, wave_members, security_keys, key_assignments`,
      );
    },

    async openCaseUserIds(db: Db): Promise<string[]> {
      const rows = await db.case.findMany({
        where: { status: { notIn: ["closed", "cancelled"] }, kind: { not: "offboarding" } },
        select: { userId: true },
        distinct: ["userId"],
      });
      return rows.map((r) => r.userId);
    },

    /**
     * Opens an offboarding case (one per user while open) with the keys to collect and the credentials to
     * delete, for users who hold either. Returns the users for whom a case was opened.
     */
    async openOffboarding(db: Db, userIds: string[], now: Date): Promise<string[]> {
      if (!userIds.length) return [];
      const cases = await db.$queryRaw<{ id: string; userId: string }[]>(Prisma.sql`
        INSERT INTO cases (id, kind, status, "userId", "openedById", outcome, "createdAt", "updatedAt")
        SELECT gen_random_uuid()::text, 'offboarding'::"CaseKind", 'open'::"CaseStatus", u.id, 'system', NULL, ${iso(now)}::timestamp, ${iso(now)}::timestamp
        FROM directory_users u
        WHERE u.id = ANY(${userIds}::text[])
          AND NOT EXISTS (SELECT 1 FROM cases c WHERE c."userId" = u.id AND c.kind = 'offboarding' AND c.status NOT IN ('closed', 'cancelled'))
          AND (EXISTS (SELECT 1 FROM security_keys k WHERE k."custodianId" = u.id AND k.status IN ('assigned', 'active', 'reserved'))
               OR EXISTS (SELECT 1 FROM entra_credentials e WHERE e."userId" = u.id AND e."removedAt" IS NULL))
        RETURNING id, "userId"`);
      if (!cases.length) return [];
      const caseIds = cases.map((c) => c.id);
      await db.$executeRaw(Prisma.sql`
        INSERT INTO case_keys ("caseId", "keyId")
        SELECT c.id, k.id FROM cases c JOIN security_keys k ON k."custodianId" = c."userId" AND k.status IN ('assigned', 'active', 'reserved')
        WHERE c.id = ANY(${caseIds}::text[]) ON CONFLICT DO NOTHING`);
      await db.$executeRaw(Prisma.sql`
        INSERT INTO case_steps (id, "caseId", kind, target, status, "createdAt")
        SELECT gen_random_uuid()::text, c.id, 'revoke_credential'::"CaseStepKind", e.id, 'pending'::"StepStatus", ${iso(now)}::timestamp
        FROM cases c JOIN entra_credentials e ON e."userId" = c."userId" AND e."removedAt" IS NULL
        WHERE c.id = ANY(${caseIds}::text[])
        UNION ALL
        SELECT gen_random_uuid()::text, c.id, 'mark_key'::"CaseStepKind", k.id, 'pending'::"StepStatus", ${iso(now)}::timestamp
        FROM cases c JOIN security_keys k ON k."custodianId" = c."userId" AND k.status IN ('assigned', 'active', 'reserved')
        WHERE c.id = ANY(${caseIds}::text[])
        ON CONFLICT DO NOTHING`);
      return cases.map((c) => c.userId);
    },
  };
}

export type SyncRepository = ReturnType<typeof makeSyncRepository>;
