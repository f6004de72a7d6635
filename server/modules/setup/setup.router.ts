import { procedure, router } from "@/server/trpc/init";
import { catalogueMappingOutput, permissionCheckOutput, proposedSitesOutput } from "./setup.schemas";

// Admin only (settings.write): the permission check calls Graph, and the page is where a tenant is set up.
export const setupRouter = router({
  checkPermissions: procedure("settings.write")
    .output(permissionCheckOutput)
    .query(({ ctx }) => ctx.services.setup.checkPermissions()),
  proposedSites: procedure("settings.write")
    .output(proposedSitesOutput)
    .query(({ ctx }) => ctx.services.setup.proposedSites()),
  catalogueMapping: procedure("settings.write")
    .output(catalogueMappingOutput)
    .query(({ ctx }) => ctx.services.setup.catalogueMapping()),
});
