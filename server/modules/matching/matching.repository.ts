import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "@/server/modules/directory/directory.repository";
import { credentialSummarySelect } from "@/server/modules/assignment/assignment-lists.repository";
import { fromStatuses, targetStatus } from "@/server/modules/assignment/lifecycle";
import type { CandidateCredential, CandidateKey, InferredMatch, ReviewItem } from "./matching";

const json = (v: unknown) => JSON.stringify(v);
// Inference links a credential to a key that may still become active: the lifecycle's `activate` from-statuses.
// Bound as text[] and cast: PGlite serialises a JS array only for array types it knew when it opened, and a
// database migrated in the same process (the demo's first start) does not know "KeyStatus"[] yet. Compared
// as the enum, not as text, so the status index still serves.
const activatable = () => Prisma.sql`ANY(${fromStatuses("activate")}::text[]::"KeyStatus"[])`;

export function makeMatchingRepository() {
  return {
    /**
     * Live credentials with no key, of a procured model, not synced passkeys, never queued for review, whose
     * user holds an assigned key: the only ones inference may touch. Linked credentials (enrolled,
     * confirmed or inferred) are never candidates, so inference cannot overwrite a confirmed link.
     */
    async candidateCredentials(db: Db): Promise<CandidateCredential[]> {
      return db.$queryRaw<CandidateCredential[]>(Prisma.sql`
        SELECT e.id, e."userId", e.aaguid, e."createdDateTime" AS "createdAt"
        FROM entra_credentials e
        WHERE e."removedAt" IS NULL AND e."keyId" IS NULL AND e."isUnknownModel" = false AND coalesce(e."passkeyType", 'deviceBound') <> 'synced'
          AND NOT EXISTS (SELECT 1 FROM match_reviews r WHERE r."credentialId" = e.id)
          AND EXISTS (SELECT 1 FROM security_keys k WHERE k."custodianId" = e."userId" AND k.status = ${activatable()})`);
    },

    /** Keys of these users that may still become active and carry no live credential, with their models' AAGUIDs. */
    async candidateKeys(db: Db, userIds: string[]): Promise<CandidateKey[]> {
      if (!userIds.length) return [];
      const rows = await db.$queryRaw<
        { id: string; userId: string; aaguids: string[]; assignedAt: Date | null; statusChangedAt: Date }[]
      >(Prisma.sql`
        SELECT k.id, k."custodianId" AS "userId", k."statusChangedAt",
          ARRAY(SELECT m.aaguid FROM key_model_aaguids m WHERE m."modelId" = k."modelId") AS aaguids,
          (SELECT max(a."assignedAt") FROM key_assignments a WHERE a."keyId" = k.id AND a."userId" = k."custodianId" AND a."endedAt" IS NULL) AS "assignedAt"
        FROM security_keys k
        WHERE k.status = ${activatable()} AND k."custodianId" = ANY(${userIds}::text[])
          AND NOT EXISTS (SELECT 1 FROM entra_credentials e WHERE e."keyId" = k.id AND e."removedAt" IS NULL)`);
      return rows.map((r) => ({
        id: r.id,
        userId: r.userId,
        aaguids: r.aaguids,
        assignedAt: r.assignedAt ?? r.statusChangedAt,
      }));
    },

    /** Links inferred matches (only where the credential is still unlinked) and activates their keys. */
    async applyMatches(db: Db, matches: InferredMatch[], now: Date): Promise<number> {
      if (!matches.length) return 0;
      const keyIds = matches.map((m) => m.keyId);
      await this.releaseFromRemoved(db, keyIds, now);
      const linked = await db.$queryRaw<{ keyId: string }[]>(Prisma.sql`
        UPDATE entra_credentials c SET "keyId" = v."keyId", "matchMethod" = 'inferred', "matchedAt" = ${iso(now)}::timestamp, "matchedById" = NULL,
          "updatedAt" = ${iso(now)}::timestamp
        FROM jsonb_to_recordset(${json(matches)}::jsonb) AS v("credentialId" text, "keyId" text)
        WHERE c.id = v."credentialId" AND c."keyId" IS NULL AND c."removedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM entra_credentials o WHERE o."keyId" = v."keyId")
        RETURNING c."keyId"`);
      await this.activateKeys(
        db,
        linked.map((l) => l.keyId),
        now,
      );
      return linked.length;
    },

    /** A key re-registered after its old credential was removed: the removed one lets go of the key. */
    async releaseFromRemoved(db: Db, keyIds: string[], now: Date): Promise<void> {
      await db.$executeRaw(Prisma.sql`
        UPDATE entra_credentials SET "keyId" = NULL, "updatedAt" = ${iso(now)}::timestamp WHERE "keyId" = ANY(${keyIds}::text[]) AND "removedAt" IS NOT NULL`);
    },

    /** The lifecycle's `activate` move (assignment/lifecycle.ts), guarded by status and bumping the version. */
    async activateKeys(db: Db, keyIds: string[], now: Date): Promise<void> {
      if (!keyIds.length) return;
      await db.$executeRaw(Prisma.sql`
        UPDATE security_keys SET status = ${targetStatus("activate")}::"KeyStatus", "statusChangedAt" = ${iso(now)}::timestamp, version = version + 1, "updatedAt" = ${iso(now)}::timestamp
        WHERE id = ANY(${keyIds}::text[]) AND status = ${activatable()}`);
    },

    async queueReviews(db: Db, reviews: ReviewItem[], now: Date): Promise<number> {
      if (!reviews.length) return 0;
      return db.$executeRaw(Prisma.sql`
        INSERT INTO match_reviews (id, "credentialId", "candidateKeyIds", reason, status, "createdAt")
        SELECT gen_random_uuid()::text, v."credentialId", ARRAY(SELECT jsonb_array_elements_text(v."candidateKeyIds")), v.reason, 'open', ${iso(now)}::timestamp
        FROM jsonb_to_recordset(${json(reviews)}::jsonb) AS v("credentialId" text, "candidateKeyIds" jsonb, reason text)
        WHERE NOT EXISTS (SELECT 1 FROM match_reviews r WHERE r."credentialId" = v."credentialId" AND r.status = 'open')`);
    },

    async listOpenReviews(db: Db, take: number, skip = 0) {
      return db.matchReview.findMany({
        where: { status: "open" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        skip,
        take,
        select: {
          id: true,
          candidateKeyIds: true,
          reason: true,
          createdAt: true,
          credential: { select: credentialSummarySelect },
        },
      });
    },

    countOpenReviews: (db: Db) => db.matchReview.count({ where: { status: "open" } }),

    /** The candidate keys of a page of reviews, in one read. */
    async keysByIds(db: Db, ids: string[]) {
      if (!ids.length) return [];
      return db.securityKey.findMany({
        where: { id: { in: ids } },
        select: { id: true, serial: true, status: true, model: { select: { productName: true } } },
      });
    },

    async findReview(db: Db, id: string) {
      return db.matchReview.findUnique({
        where: { id },
        select: {
          id: true,
          status: true,
          candidateKeyIds: true,
          credential: { select: { id: true, userId: true, keyId: true, removedAt: true, matchMethod: true } },
        },
      });
    },

    /** Compare-and-set on the review's status, so two agents cannot both decide it. */
    async decideReview(
      db: Db,
      id: string,
      input: {
        status: "confirmed" | "rejected";
        decidedKeyId: string | null;
        decidedById: string;
        decidedAt: Date;
      },
    ): Promise<boolean> {
      const r = await db.matchReview.updateMany({ where: { id, status: "open" }, data: input });
      return r.count === 1;
    },

    async linkConfirmed(
      db: Db,
      credentialId: string,
      keyId: string,
      agentId: string,
      now: Date,
    ): Promise<boolean> {
      const r = await db.entraCredential.updateMany({
        where: { id: credentialId, removedAt: null, OR: [{ keyId: null }, { keyId }] },
        data: { keyId, matchMethod: "confirmed", matchedAt: now, matchedById: agentId },
      });
      return r.count === 1;
    },

    async keyForConfirm(db: Db, keyId: string) {
      return db.securityKey.findUnique({
        where: { id: keyId },
        select: {
          id: true,
          status: true,
          custodianId: true,
          credential: { select: { id: true, removedAt: true } },
        },
      });
    },
  };
}

export type MatchingRepository = ReturnType<typeof makeMatchingRepository>;
