import type { EnrollmentStatus, HandoverMethod, Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Enrollment queues and the rows an enrollment writes. No rules here.

const itemSelect = {
  id: true,
  batchId: true,
  position: true,
  userId: true,
  keyId: true,
  serial: true,
  status: true,
  handover: true,
  challengeExpiresAt: true,
  postedAt: true,
  credentialId: true,
  methodId: true,
  enrolledAt: true,
  enrolledById: true,
  enrolledBy: true,
  message: true,
  passIssuedAt: true,
  passExpiresAt: true,
  watchUntil: true,
  lastWatchAt: true,
  methodsBefore: true,
} satisfies Prisma.EnrollmentItemSelect;

export type EnrollmentItemRow = Prisma.EnrollmentItemGetPayload<{ select: typeof itemSelect }>;

const keySelect = {
  id: true,
  serial: true,
  status: true,
  version: true,
  custodianId: true,
  model: {
    select: {
      productName: true,
      vendor: true,
      supportsForcedPinChange: true,
      aaguids: { select: { aaguid: true } },
    },
  },
  credential: { select: { id: true, removedAt: true } },
} satisfies Prisma.SecurityKeySelect;

export type EnrollmentKey = Prisma.SecurityKeyGetPayload<{ select: typeof keySelect }>;

const userSelect = {
  id: true,
  displayName: true,
  userPrincipalName: true,
  accountEnabled: true,
  deletedAt: true,
} satisfies Prisma.DirectoryUserSelect;

/** A queue as the list and the queue page show it (with their own view of its items). */
const batchSelect = {
  id: true,
  name: true,
  source: true,
  createdBy: true,
  createdAt: true,
} satisfies Prisma.EnrollmentBatchSelect;

export function makeEnrollmentRepository() {
  return {
    item: (db: Db, id: string) => db.enrollmentItem.findUnique({ where: { id }, select: itemSelect }),

    /** Changes an item only if it is still in one of `from`; returns whether it did (two tabs cannot both post). */
    async moveItem(
      db: Db,
      id: string,
      from: EnrollmentStatus[],
      data: Prisma.EnrollmentItemUpdateManyMutationInput,
    ): Promise<boolean> {
      const r = await db.enrollmentItem.updateMany({ where: { id, status: { in: from } }, data });
      return r.count === 1;
    },

    /** Takes the next watch read for a handover, if its last one is older than `notBefore` (two tabs read once). */
    async claimWatch(db: Db, id: string, now: Date, notBefore: Date): Promise<boolean> {
      const r = await db.enrollmentItem.updateMany({
        where: { id, status: "watching", OR: [{ lastWatchAt: null }, { lastWatchAt: { lte: notBefore } }] },
        data: { lastWatchAt: now },
      });
      return r.count === 1;
    },

    user: (db: Db, id: string) => db.directoryUser.findUnique({ where: { id }, select: userSelect }),

    /** The Entra groups KeyFleet knows the user is in: those of the waves they belong to. */
    async groupIdsOf(db: Db, userId: string): Promise<string[]> {
      const rows = await db.waveMember.findMany({
        where: { userId },
        select: { wave: { select: { groupIds: true } } },
      });
      return [...new Set(rows.flatMap((r) => r.wave.groupIds))];
    },

    keysBySerial: (db: Db, serial: string) =>
      db.securityKey.findMany({ where: { serial }, select: keySelect }),
    key: (db: Db, id: string) => db.securityKey.findUnique({ where: { id }, select: keySelect }),

    /** Method ids of the user's credentials that already carry a key: a resume must not link one of those. */
    async linkedMethodIds(db: Db, userId: string): Promise<Set<string>> {
      const rows = await db.entraCredential.findMany({
        where: { userId, keyId: { not: null } },
        select: { methodId: true },
      });
      return new Set(rows.map((r) => r.methodId));
    },

    /**
     * The credential linked to its key as `enrolled` (KeyFleet created it) or `confirmed` (an agent confirmed
     * it is the key in hand): inserted, or taken over if a sync saw it first.
     */
    linkCredential: (
      db: Db,
      c: {
        userId: string;
        methodId: string;
        aaguid: string;
        model: string | null;
        displayName: string | null;
        createdDateTime: Date | null;
        attestationLevel: string | null;
        passkeyType: string | null;
        keyId: string;
        matchMethod: "enrolled" | "confirmed";
        agentId: string;
        now: Date;
      },
    ) =>
      db.entraCredential.upsert({
        where: { userId_methodId: { userId: c.userId, methodId: c.methodId } },
        create: {
          userId: c.userId,
          methodId: c.methodId,
          aaguid: c.aaguid.toLowerCase(),
          model: c.model,
          displayName: c.displayName,
          createdDateTime: c.createdDateTime,
          attestationLevel: c.attestationLevel,
          passkeyType: c.passkeyType,
          keyId: c.keyId,
          matchMethod: c.matchMethod,
          matchedAt: c.now,
          matchedById: c.agentId,
          firstSeenAt: c.now,
          lastSeenAt: c.now,
        },
        update: {
          keyId: c.keyId,
          matchMethod: c.matchMethod,
          matchedAt: c.now,
          matchedById: c.agentId,
          removedAt: null,
        },
        select: { id: true },
      }),

    /** What KeyFleet holds of one of the person's credentials: which key it carries, if any. */
    credential: (db: Db, userId: string, methodId: string) =>
      db.entraCredential.findUnique({
        where: { userId_methodId: { userId, methodId } },
        select: {
          id: true,
          keyId: true,
          matchMethod: true,
          removedAt: true,
          key: { select: { serial: true } },
        },
      }),

    /** The lifecycle's `activate` move for a key whose credential is now known. */
    async activateKey(db: Db, keyId: string, now: Date): Promise<boolean> {
      const r = await db.securityKey.updateMany({
        where: { id: keyId, status: "assigned" },
        data: { status: "active", statusChangedAt: now, version: { increment: 1 } },
      });
      return r.count === 1;
    },

    hasOpenPrimary: async (db: Db, userId: string) =>
      (await db.keyAssignment.count({ where: { userId, endedAt: null, kind: "primary" } })) > 0,

    openAssignment: (db: Db, keyId: string) =>
      db.keyAssignment.findFirst({
        where: { keyId, endedAt: null },
        select: { id: true, userId: true, handover: true },
      }),

    /** Live credentials linked to a key, by how the link was made. */
    linksByMethod: (db: Db) =>
      db.entraCredential.groupBy({
        by: ["matchMethod"],
        where: { keyId: { not: null }, removedAt: null },
        _count: { _all: true },
      }),

    // ─── Queues ───
    createBatch: (
      db: Db,
      b: {
        name: string;
        source: string;
        sourceRef: string | null;
        createdById: string;
        createdBy: string;
        userIds: string[];
        handover: HandoverMethod;
      },
    ) =>
      db.enrollmentBatch.create({
        data: {
          name: b.name,
          source: b.source,
          sourceRef: b.sourceRef,
          createdById: b.createdById,
          createdBy: b.createdBy,
          items: {
            create: b.userIds.map((userId, position) => ({ userId, position, handover: b.handover })),
          },
        },
        select: { id: true },
      }),

    batches: (db: Db, take: number) =>
      db.enrollmentBatch.findMany({
        orderBy: { createdAt: "desc" },
        take,
        select: { ...batchSelect, items: { select: { status: true } } },
      }),

    batch: (db: Db, id: string) =>
      db.enrollmentBatch.findUnique({
        where: { id },
        select: { ...batchSelect, items: { orderBy: { position: "asc" }, select: itemSelect } },
      }),

    usersByIds: (db: Db, ids: string[]) =>
      db.directoryUser.findMany({
        where: { id: { in: ids } },
        select: { ...userSelect, officeLocation: true },
      }),
    keysByIds: (db: Db, ids: string[]) =>
      db.securityKey.findMany({ where: { id: { in: ids } }, select: keySelect }),

    waveMembers: (db: Db, waveId: string) =>
      db.waveMember.findMany({
        where: { waveId, user: { accountEnabled: true, deletedAt: null } },
        orderBy: { user: { displayName: "asc" } },
        select: { userId: true },
      }),
    wave: (db: Db, id: string) =>
      db.rolloutWave.findUnique({ where: { id }, select: { id: true, name: true } }),
    waves: (db: Db) =>
      db.rolloutWave.findMany({ orderBy: { startDate: "asc" }, select: { id: true, name: true } }),
    site: (db: Db, id: string) => db.site.findUnique({ where: { id }, select: { id: true, name: true } }),
    sites: (db: Db) => db.site.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    siteUsers: (db: Db, siteId: string, take: number) =>
      db.directoryUser.findMany({
        where: { siteId, accountEnabled: true, deletedAt: null },
        orderBy: { displayName: "asc" },
        take,
        select: { id: true },
      }),
    usersByUpns: (db: Db, upns: string[]) =>
      db.directoryUser.findMany({
        where: { userPrincipalName: { in: upns, mode: "insensitive" } },
        select: { id: true, userPrincipalName: true, accountEnabled: true, deletedAt: true },
      }),
  };
}

export type EnrollmentRepository = ReturnType<typeof makeEnrollmentRepository>;
