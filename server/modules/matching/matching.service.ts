import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { withUserStatuses } from "@/server/modules/assignment/lifecycle";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { CredentialRepository } from "@/server/modules/sync/credentials.repository";
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

    /** An agent confirms which key a queued credential is: the strongest link after enrolment. */
    async confirmReview(ctx: RequestContext, input: { reviewId: string; keyId: string }) {
      const now = clock();
      return uow.run(async (tx) => {
        const review = await repo.findReview(tx, input.reviewId);
        if (!review) throw new AppError("NOT_FOUND", "No such review.");
        if (review.status !== "open") throw new AppError("CONFLICT", "This review has already been decided.");
        if (review.credential.removedAt)
          throw new AppError("CONFLICT", "The credential has been removed from Entra.");
        const key = await repo.keyForConfirm(tx, input.keyId);
        if (!key || key.custodianId !== review.credential.userId || !withUserStatuses.includes(key.status)) {
          throw new AppError("BAD_REQUEST", "The key must be assigned to the credential's user.");
        }
        if (
          key.credential &&
          key.credential.id !== review.credential.id &&
          key.credential.removedAt === null
        ) {
          throw new AppError("CONFLICT", "That key already carries another live credential.");
        }
        if (
          !(await repo.decideReview(tx, review.id, {
            status: "confirmed",
            decidedKeyId: key.id,
            decidedById: ctx.actor.id,
            decidedAt: now,
          }))
        ) {
          throw new AppError("CONFLICT", "This review has already been decided.");
        }
        if (key.credential && key.credential.removedAt !== null)
          await repo.releaseFromRemoved(tx, [key.id], now);
        if (!(await repo.linkConfirmed(tx, review.credential.id, key.id, ctx.actor.id, now)))
          throw new AppError("CONFLICT", "The credential is already linked to another key.");
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
        if (!review) throw new AppError("NOT_FOUND", "No such review.");
        if (
          !(await repo.decideReview(tx, review.id, {
            status: "rejected",
            decidedKeyId: null,
            decidedById: ctx.actor.id,
            decidedAt: now,
          }))
        ) {
          throw new AppError("CONFLICT", "This review has already been decided.");
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
