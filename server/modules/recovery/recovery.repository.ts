import { Prisma } from "@/server/db/generated/client";
import type { Db, Tx } from "@/server/db/uow";
import type { StoredTap } from "./tap-types";

// TAP issuance records (never the pass: the table has no column for it) and the security leads' alerts.

export interface NewIssuance {
  userId: string;
  issuedById: string;
  caseId: string | null;
  reason: string;
  verificationId: string | null;
  startAt: Date;
  lifetimeMinutes: number;
  isUsableOnce: boolean;
  graphMethodId: string;
  expiresAt: Date;
  createdAt: Date;
}

export function makeRecoveryRepository() {
  return {
    createIssuance: (db: Db, data: NewIssuance) => db.tapIssuance.create({ data, select: { id: true } }),

    issuedBySince: (db: Db, issuedById: string, since: Date) =>
      db.tapIssuance.count({ where: { issuedById, createdAt: { gte: since } } }),
    /** TAP steps this agent has persisted as running (started within the window) and not yet finished. */
    tapStepsInFlightBy: (db: Db, actorId: string, since: Date, exceptStepId?: string) =>
      db.caseStep.count({
        where: {
          kind: "issue_tap",
          status: "running",
          actorId,
          startedAt: { gte: since },
          ...(exceptStepId ? { id: { not: exceptStepId } } : {}),
        },
      }),

    /**
     * Serialises one agent's TAP cap checks until the transaction ends. A transaction-scoped advisory lock
     * works the same on PostgreSQL and PGlite and needs no table of its own.
     */
    async lockAgentTaps(tx: Tx, agentId: string): Promise<void> {
      await tx.$queryRaw(
        Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`keyfleet.tap_cap:${agentId}`}, 0))::text AS locked`,
      );
    },

    lastIssuanceOfCase: (db: Db, caseId: string) =>
      db.tapIssuance.findFirst({
        where: { caseId },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      }),

    issuancesByGraphIds: (db: Db, userId: string, graphMethodIds: string[]) =>
      db.tapIssuance.findMany({
        where: { userId, graphMethodId: { in: graphMethodIds } },
        select: {
          id: true,
          graphMethodId: true,
          issuedById: true,
          reason: true,
          caseId: true,
          case: { select: { number: true } },
        },
      }),

    markRevoked: (db: Db, userId: string, graphMethodId: string, revokedById: string, now: Date) =>
      db.tapIssuance.updateMany({
        where: { userId, graphMethodId, revokedAt: null },
        data: { revokedAt: now, revokedById },
      }),

    /** The user's passes as Entra last listed them (tap-state.ts). */
    storedTaps: (db: Db, userId: string) =>
      db.directoryUser.findUnique({
        where: { id: userId },
        select: { entraTaps: true, entraTapsReadAt: true },
      }),
    storeTaps: (db: Db, userId: string, taps: StoredTap[], readAt: Date) =>
      db.directoryUser.updateMany({
        where: { id: userId },
        data: { entraTaps: taps, entraTapsReadAt: readAt },
      }),

    userExists: async (db: Db, id: string) => (await db.directoryUser.count({ where: { id } })) === 1,

    privilegedTapsSince: (db: Db, since: Date) =>
      db.tapIssuance.findMany({
        where: { createdAt: { gte: since }, user: { isPrivileged: true } },
        orderBy: { createdAt: "desc" },
        take: 200,
        select: {
          createdAt: true,
          issuedById: true,
          lifetimeMinutes: true,
          user: { select: { id: true, displayName: true } },
          case: { select: { id: true, number: true } },
        },
      }),

    /** Agents refused at the hourly TAP cap (recorded as audit events by issue-tap.ts). */
    capReachedSince: (db: Db, since: Date) =>
      db.auditEvent.findMany({
        where: { action: "tap.cap_reached", at: { gte: since } },
        orderBy: { at: "desc" },
        take: 200,
        select: { at: true, actorId: true, subjectId: true, after: true },
      }),

    /** Credentials revoked by a case step while they had been used within the hour before. */
    recentUseRevocationsSince: (db: Db, since: Date) =>
      db.caseStep.findMany({
        where: {
          kind: "revoke_credential",
          status: "done",
          completedAt: { gte: since },
          detail: { path: ["recentlyUsed"], equals: true },
        },
        orderBy: { completedAt: "desc" },
        take: 200,
        select: {
          completedAt: true,
          actorId: true,
          detail: true,
          case: { select: { id: true, number: true, user: { select: { id: true, displayName: true } } } },
        },
      }),
  };
}

export type RecoveryRepository = ReturnType<typeof makeRecoveryRepository>;
