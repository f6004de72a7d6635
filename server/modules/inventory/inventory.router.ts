import { z } from "zod";
import { procedure, router } from "@/server/trpc/init";
import {
  bulkResultOutput,
  csvExportOutput,
  siteCreateInput,
  siteDetailOutput,
  siteUpdateInput,
  keyDetailInput,
  keyDetailOutput,
  keyExportInput,
  keyExportOutput,
  keyListInput,
  keyFilterOptionsOutput,
  keyListOutput,
  keyModelCreateInput,
  keyModelOptionOutput,
  keyModelOutput,
  keyModelUpdateInput,
  keyRetireInput,
  keyTransferInput,
  mapAaguidInput,
  reorderPointInput,
  reorderPointOutput,
  siteOutput,
  stockSummaryInput,
  stockSummaryOutput,
  unknownAaguidOutput,
  catalogProductOutput,
} from "./inventory.schemas";

const idOutput = z.object({ id: z.string() });

export const inventoryRouter = router({
  keys: procedure("keys.read")
    .input(keyListInput)
    .output(keyListOutput)
    .query(({ ctx, input }) => ctx.services.inventory.listKeys(input)),
  exportKeys: procedure("keys.read")
    .input(keyExportInput)
    .output(keyExportOutput)
    .query(({ ctx, input }) => ctx.services.inventory.exportKeys(input)),
  key: procedure("keys.read")
    .input(keyDetailInput)
    .output(keyDetailOutput)
    .query(({ ctx, input }) => ctx.services.inventory.keyDetail(input.id, ctx.request.actor)),
  transferKeys: procedure("keys.write")
    .input(keyTransferInput)
    .output(bulkResultOutput)
    .mutation(({ ctx, input }) => ctx.services.inventory.transferKeys(ctx.request, input)),
  retireKeys: procedure("keys.write")
    .input(keyRetireInput)
    .output(bulkResultOutput)
    .mutation(({ ctx, input }) => ctx.services.inventory.retireKeys(ctx.request, input)),

  stock: procedure("procurement.read")
    .input(stockSummaryInput)
    .output(stockSummaryOutput)
    .query(({ ctx, input }) => ctx.services.inventory.stockSummary(input)),
  exportStock: procedure("procurement.read")
    .input(stockSummaryInput)
    .output(csvExportOutput)
    .query(({ ctx, input }) => ctx.services.inventory.exportStock(input)),
  siteList: procedure("procurement.read")
    .output(z.array(siteDetailOutput))
    .query(({ ctx }) => ctx.services.inventory.siteList()),
  createSite: procedure("procurement.write")
    .input(siteCreateInput)
    .output(idOutput)
    .mutation(({ ctx, input }) => ctx.services.inventory.createSite(ctx.request, input)),
  updateSite: procedure("procurement.write")
    .input(siteUpdateInput)
    .output(idOutput)
    .mutation(({ ctx, input }) => {
      const { id, ...site } = input;
      return ctx.services.inventory.updateSite(ctx.request, id, site);
    }),
  sites: procedure("keys.read")
    .output(z.array(siteOutput))
    .query(({ ctx }) => ctx.services.inventory.sites()),
  setReorderPoint: procedure("procurement.write")
    .input(reorderPointInput)
    .output(reorderPointOutput)
    .mutation(({ ctx, input }) => ctx.services.inventory.setReorderPoint(ctx.request, input)),

  models: procedure("keys.read")
    .output(z.array(keyModelOutput))
    .query(({ ctx }) => ctx.services.inventory.models()),
  // For filters and pickers: no key counts (counting 150 000 keys per model on every keys page).
  modelOptions: procedure("keys.read")
    .output(z.array(keyModelOptionOutput))
    .query(({ ctx }) => ctx.services.inventory.modelOptions()),
  // The keys page's site and model filters in one read.
  keyFilterOptions: procedure("keys.read")
    .output(keyFilterOptionsOutput)
    .query(({ ctx }) => ctx.services.inventory.keyFilterOptions()),
  createModel: procedure("procurement.write")
    .input(keyModelCreateInput)
    .output(idOutput)
    .mutation(({ ctx, input }) => ctx.services.inventory.createModel(ctx.request, input)),
  updateModel: procedure("procurement.write")
    .input(keyModelUpdateInput)
    .output(idOutput)
    .mutation(({ ctx, input }) => {
      const { id, ...model } = input;
      return ctx.services.inventory.updateModel(ctx.request, id, model);
    }),
  catalogProducts: procedure("procurement.read")
    .output(z.array(catalogProductOutput))
    .query(({ ctx }) => ctx.services.inventory.catalogProducts()),
  unknownAaguids: procedure("procurement.read")
    .output(z.array(unknownAaguidOutput))
    .query(({ ctx }) => ctx.services.inventory.unknownAaguids()),
  mapAaguid: procedure("procurement.write")
    .input(mapAaguidInput)
    .output(z.object({ credentialsUpdated: z.number().int() }))
    .mutation(({ ctx, input }) => ctx.services.inventory.mapAaguid(ctx.request, input)),
});
