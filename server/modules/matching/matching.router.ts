import { procedure, router } from "@/server/trpc/init";
import {
  reviewConfirmInput,
  reviewConfirmOutput,
  reviewQueueInput,
  reviewQueueOutput,
  reviewRejectInput,
  reviewRejectOutput,
} from "./matching.schemas";

// The match review: credentials inference left open because more than one key fits. Reading the queue is
// for everyone who reads people; deciding links a credential to a key, so only the roles that assign keys.
export const matchingRouter = router({
  reviews: procedure("users.read")
    .input(reviewQueueInput)
    .output(reviewQueueOutput)
    .query(({ ctx, input }) => ctx.services.matching.reviewQueue(input)),
  confirm: procedure("keys.assign")
    .input(reviewConfirmInput)
    .output(reviewConfirmOutput)
    .mutation(({ ctx, input }) => ctx.services.matching.confirmReview(ctx.request, input)),
  reject: procedure("keys.assign")
    .input(reviewRejectInput)
    .output(reviewRejectOutput)
    .mutation(({ ctx, input }) => ctx.services.matching.rejectReview(ctx.request, input)),
});
