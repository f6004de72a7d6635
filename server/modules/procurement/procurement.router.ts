import { z } from "zod";
import { csvExportOutput } from "@/server/modules/inventory/inventory.schemas";
import { procedure, router } from "@/server/trpc/init";
import {
  forecastInput,
  forecastOutput,
  poCancelInput,
  poCloseInput,
  poExportInput,
  poCreateInput,
  poDetailOutput,
  poIdInput,
  poListInput,
  poListOutput,
  poStatuses,
  poUpdateInput,
  receiveCsvCommitOutput,
  receiveCsvInput,
  receiveCsvPreviewOutput,
  receiveScanInput,
  receiveScanOutput,
  receivedKeysInput,
  receivedKeysOutput,
} from "./procurement.schemas";

const poRef = z.object({ id: z.string(), number: z.string() });
const poState = z.object({ id: z.string(), status: z.enum(poStatuses) });

export const procurementRouter = router({
  list: procedure("procurement.read")
    .input(poListInput)
    .output(poListOutput)
    .query(({ ctx, input }) => ctx.services.procurement.list(input)),
  exportOrders: procedure("procurement.read")
    .input(poExportInput)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.procurement.exportOrders(input)),
  get: procedure("procurement.read")
    .input(poIdInput)
    .output(poDetailOutput)
    .query(({ ctx, input }) => ctx.services.procurement.get(input.id)),
  create: procedure("procurement.write")
    .input(poCreateInput)
    .output(poRef)
    .mutation(({ ctx, input }) => ctx.services.procurement.create(ctx.request, input)),
  updateDraft: procedure("procurement.write")
    .input(poUpdateInput)
    .output(poRef)
    .mutation(({ ctx, input }) => {
      const { id, ...po } = input;
      return ctx.services.procurement.updateDraft(ctx.request, id, po);
    }),
  placeOrder: procedure("procurement.write")
    .input(poIdInput)
    .output(poState)
    .mutation(({ ctx, input }) => ctx.services.procurement.placeOrder(ctx.request, input.id)),
  cancel: procedure("procurement.write")
    .input(poCancelInput)
    .output(poState)
    .mutation(({ ctx, input }) => ctx.services.procurement.cancel(ctx.request, input.id, input.reason)),
  closeShort: procedure("procurement.write")
    .input(poCloseInput)
    .output(poState.extend({ cancelled: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.services.procurement.closeShort(ctx.request, input.id, input.reason)),
  receivedKeys: procedure("procurement.read")
    .input(receivedKeysInput)
    .output(receivedKeysOutput)
    .query(({ ctx, input }) => ctx.services.procurement.receivedKeys(input)),

  receiveScan: procedure("procurement.write")
    .input(receiveScanInput)
    .output(receiveScanOutput)
    .mutation(({ ctx, input }) => ctx.services.procurement.receiveScan(ctx.request, input)),
  previewCsv: procedure("procurement.write")
    .input(receiveCsvInput)
    .output(receiveCsvPreviewOutput)
    .mutation(({ ctx, input }) => ctx.services.procurement.previewCsv(input)),
  commitCsv: procedure("procurement.write")
    .input(receiveCsvInput)
    .output(receiveCsvCommitOutput)
    .mutation(({ ctx, input }) => ctx.services.procurement.commitCsv(ctx.request, input)),

  forecast: procedure("procurement.read")
    .input(forecastInput)
    .output(forecastOutput)
    .query(({ ctx, input }) => ctx.services.procurement.forecast(input)),
  exportForecast: procedure("procurement.read")
    .input(forecastInput)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.procurement.exportForecast(input)),
});
