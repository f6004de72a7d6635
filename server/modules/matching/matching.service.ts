import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { withUserStatuses } from "@/server/modules/assignment/lifecycle";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { CredentialRepository } from "@/server/modules/sync/credentials.repository";
import { authenticatorName } from "@/server/catalog";
import { inferMatches } from "./matching";
import type { MatchingRepository } from "./matching.repository";

const USERS_PER_CHUNK = 2_000;

export function makeMatchingService({
  uow,
  repo,
  credentials,
  audit,
  clock,
}: {
  uow: UnitOfWork;
  repo: MatchingRepository;
  credentials: CredentialRepository;
  audit: AuditService;
  clock: () => Date;
}) {
  return {
    /** Flags unknown models, infers links and queues the ambiguous, in chunks of users. */
    async run(): Promise<{ matched: number; reviewQueued: number }> {
      const now = clock();
      await credentials.refreshUnknownModelFlags(uow.db, now);
      const creds = await repo.candidateCredentials(uow.db);
      const userIds = [...new Set(creds.map((c) => c.userId))];
      let matched = 0;
      let reviewQueued = 0;
      for (let i = 0; i < userIds.length; i += USERS_PER_CHUNK) {
        const chunk = userIds.slice(i, i + USERS_PER_CHUNK);
        const inChunk = new Set(chunk);
        const keys = await repo.candidateKeys(uow.db, chunk);
        const result = inferMatches(
          creds.filter((c) => inChunk.has(c.userId)),
          keys,
        );
        await uow.run(async (tx) => {
          matched += await repo.applyMatches(tx, result.matches, now);
          reviewQueued += await repo.queueReviews(tx, result.reviews, now);
        });
      }
      return { matched, reviewQueued };
    },

    listOpenReviews: (take = 100) => repo.listOpenReviews(uow.db, take),

    /** One page of the open reviews, oldest first, each with its candidate keys as they are now. */
    async reviewQueue({ page, pageSize }: { page: number; pageSize: number }) {
      const [reviews, total] = await Promise.all([
        repo.listOpenReviews(uow.db, pageSize, (page - 1) * pageSize),
        repo.countOpenReviews(uow.db),
      ]);
      const keys = new Map(
        (await repo.keysByIds(uow.db, [...new Set(reviews.flatMap((r) => r.candidateKeyIds))])).map((k) => [
          k.id,
          k,
        ]),
      );
      return {
        total,
        items: reviews.map((r) => ({
          id: r.id,
          reason: r.reason,
          createdAt: r.createdAt,
          credential: {
            id: r.credential.id,
            model: authenticatorName(r.credential.aaguid, r.credential.model),
            displayName: r.credential.displayName,
            createdDateTime: r.credential.createdDateTime,
          },
          user: r.credential.user,
          candidates: r.candidateKeyIds.flatMap((id) => {
            const k = keys.get(id);
            return k ? [{ id: k.id, serial: k.serial, model: k.model.productName, status: k.status }] : [];
          }),
        })),
      };
    },

    /** An agent confirms which key a queued credential is: the strongest link after enrolment. */
    async confirmReview(ctx: RequestContext, input: { reviewId: string; keyId: string }) {
      const now = clock();
      return uow.run(async (tx) => {
        const review = await repo.findReview(tx, input.reviewId);
        if (!review)
          throw new AppError("NOT_FOUND", "This match review no longer exists. Reload the review queue.");
        if (review.status !== "open")
          throw new AppError(
            "CONFLICT",
            "Someone has already decided this match review. Reload the review queue to see the outcome.",
          );
        if (review.credential.removedAt)
          throw new AppError(
            "CONFLICT",
            "The credential has been removed from Entra, so there is nothing to link. Reject the review instead.",
          );
        const key = await repo.keyForConfirm(tx, input.keyId);
        if (!key || key.custodianId !== review.credential.userId || !withUserStatuses.includes(key.status)) {
          throw new AppError(
            "BAD_REQUEST",
            "That key is not held by the credential's owner. Choose one of the keys assigned to them.",
          );
        }
        if (
          key.credential &&
          key.credential.id !== review.credential.id &&
          key.credential.removedAt === null
        ) {
          throw new AppError(
            "CONFLICT",
            "That key already carries another live credential. Choose another key, or reject the review.",
          );
        }
        if (
          !(await repo.decideReview(tx, review.id, {
            status: "confirmed",
            decidedKeyId: key.id,
            decidedById: ctx.actor.id,
            decidedAt: now,
          }))
        ) {
          throw new AppError(
            "CONFLICT",
            "Someone has already decided this match review. Reload the review queue to see the outcome.",
          );
        }
        if (key.credential && key.credential.removedAt !== null)
          await repo.releaseFromRemoved(tx, [key.id], now);
        if (!(await repo.linkConfirmed(tx, review.credential.id, key.id, ctx.actor.id, now)))
          throw new AppError(
            "CONFLICT",
            "The credential is already linked to another key. Reload the review queue.",
          );
        await repo.activateKeys(tx, [key.id], now);
        await audit.record(tx, ctx, {
          action: "matching.confirm",
          subjectType: "EntraCredential",
          subjectId: review.credential.id,
          before: { keyId: review.credential.keyId, matchMethod: review.credential.matchMethod },
          after: { keyId: key.id, matchMethod: "confirmed", reviewId: review.id },
        });
        return { credentialId: review.credential.id, keyId: key.id };
      });
    },

    async rejectReview(ctx: RequestContext, input: { reviewId: string }) {
      const now = clock();
      return uow.run(async (tx) => {
        const review = await repo.findReview(tx, input.reviewId);
        if (!review)
          throw new AppError("NOT_FOUND", "This match review no longer exists. Reload the review queue.");
        if (
          !(await repo.decideReview(tx, review.id, {
            status: "rejected",
            decidedKeyId: null,
            decidedById: ctx.actor.id,
            decidedAt: now,
          }))
        ) {
          throw new AppError(
            "CONFLICT",
            "Someone has already decided this match review. Reload the review queue to see the outcome.",
          );
        }
        await audit.record(tx, ctx, {
          action: "matching.reject",
          subjectType: "MatchReview",
          subjectId: review.id,
          before: { status: "open" },
          after: { status: "rejected" },
        });
        return { reviewId: review.id };
      });
    },
  };
}

export type MatchingService = ReturnType<typeof makeMatchingService>;
