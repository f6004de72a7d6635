import { z } from "zod";
import { procedure, router } from "@/server/trpc/init";
import {
  assignInput,
  assignmentRefOutput,
  assignOutput,
  collectInput,
  deleteCredentialInput,
  deleteCredentialOutput,
  deliveredInput,
  readyForPickupInput,
  followUpsOutput,
  listPageInput,
  reconciliationInput,
  markInput,
  moveOutput,
  offboardingOutput,
  reconciliationOutput,
  reserveInput,
  retireInput,
  returnedKeysOutput,
  returnInput,
  shipmentInput,
  stockInput,
  stockOutput,
  waveConfirmInput,
  wavePreviewInput,
  wavePreviewOutput,
  wavesOutput,
  wipeInput,
} from "./assignment.schemas";

export const assignmentRouter = router({
  stock: procedure("keys.assign")
    .input(stockInput)
    .output(stockOutput)
    .query(({ ctx, input }) => ctx.services.assignment.stockFor(input)),
  assign: procedure("keys.assign")
    .input(assignInput)
    .output(assignOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.assign(ctx.request, input)),
  recordShipment: procedure("keys.assign")
    .input(shipmentInput)
    .output(assignmentRefOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.recordShipment(ctx.request, input)),
  markReadyForPickup: procedure("keys.assign")
    .input(readyForPickupInput)
    .output(assignmentRefOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.markReadyForPickup(ctx.request, input)),
  markDelivered: procedure("keys.assign")
    .input(deliveredInput)
    .output(assignmentRefOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.markDelivered(ctx.request, input)),
  returnKey: procedure("keys.assign")
    .input(returnInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.returnKey(ctx.request, input)),
  wipeKey: procedure("keys.assign")
    .input(wipeInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.wipeKey(ctx.request, input)),
  retireKey: procedure("keys.assign")
    .input(retireInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.retireKey(ctx.request, input)),
  markKey: procedure("keys.assign")
    .input(markInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.markKey(ctx.request, input)),
  reserveKey: procedure("keys.assign")
    .input(reserveInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.reserveKey(ctx.request, input)),

  waves: procedure("keys.assign")
    .output(wavesOutput)
    .query(({ ctx }) => ctx.services.assignment.waves()),
  wavePreview: procedure("keys.assign")
    .input(wavePreviewInput)
    .output(wavePreviewOutput)
    .query(({ ctx, input }) => ctx.services.assignment.previewWave(input)),
  waveConfirm: procedure("keys.assign")
    .input(waveConfirmInput)
    .output(z.object({ assigned: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.services.assignment.confirmWave(ctx.request, input)),

  followUps: procedure("users.read")
    .input(listPageInput)
    .output(followUpsOutput)
    .query(({ ctx, input }) => ctx.services.assignment.followUps(input)),
  returnedKeys: procedure("keys.assign")
    .input(listPageInput)
    .output(returnedKeysOutput)
    .query(({ ctx, input }) => ctx.services.assignment.returnedKeys(input)),
  reconciliation: procedure("users.read")
    .input(reconciliationInput)
    .output(reconciliationOutput)
    .query(({ ctx, input }) => ctx.services.assignment.reconciliation(input.pages, input.pageSize)),
  offboarding: procedure("users.read")
    .output(offboardingOutput)
    .query(({ ctx }) => ctx.services.assignment.offboardingQueue()),
  deleteLeaverCredential: procedure("cases.revoke")
    .input(deleteCredentialInput)
    .output(deleteCredentialOutput)
    .mutation(({ ctx, input }) => ctx.services.cases.deleteLeaverCredential(ctx.request, input)),
  collectKey: procedure("keys.assign")
    .input(collectInput)
    .output(moveOutput)
    .mutation(({ ctx, input }) => ctx.services.assignment.collectKey(ctx.request, input)),
});
