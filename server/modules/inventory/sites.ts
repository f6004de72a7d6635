import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type { InventoryDeps } from "./inventory.deps";
import type { SiteInput } from "./inventory.schemas";

// Sites (offices, warehouses). The code and the office location are unique: a clash is a CONFLICT
// naming the field, checked up front for a clear message and again by the database for a race.

export function makeSiteAdmin({ uow, repo, audit, directory, clock }: InventoryDeps) {
  async function save(ctx: RequestContext, id: string | null, site: SiteInput) {
    try {
      return await uow.run(async (tx) => {
        const before = id ? await repo.siteDetail(tx, id) : null;
        if (id && !before) throw new AppError("NOT_FOUND", "No site with this id.");
        const clashes = await repo.siteClashes(tx, site, id);
        const fieldErrors: Record<string, string[]> = {};
        if (clashes.some((c) => c.code === site.code))
          fieldErrors.code = [`Another site already uses ${site.code}`];
        if (site.officeLocation && clashes.some((c) => c.officeLocation === site.officeLocation)) {
          fieldErrors.officeLocation = [
            `${clashes.find((c) => c.officeLocation === site.officeLocation)!.code} already uses this office location`,
          ];
        }
        if (Object.keys(fieldErrors).length)
          throw new AppError(
            "CONFLICT",
            fieldErrors.code
              ? `A site with code ${site.code} already exists.`
              : "Another site already uses this office location.",
            { fieldErrors },
          );
        const savedId = await repo.saveSite(tx, id, site);
        // Users whose office is this site's belong to it now, not at their next sync (or never, for users
        // sync sees no change in). Users set to a site by hand keep theirs.
        const moved = await directory.attachSiteByOffice(tx, savedId, site.officeLocation ?? null, clock());
        await audit.record(tx, ctx, {
          action: id ? "inventory.site.update" : "inventory.site.create",
          subjectType: "Site",
          subjectId: savedId,
          before,
          after: { ...site, usersAttached: moved.attached.length, usersDetached: moved.detached.length },
        });
        return { id: savedId };
      });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") {
        throw new AppError(
          "CONFLICT",
          `A site with code ${site.code} or this office location was just saved by someone else.`,
          { fieldErrors: { code: ["Already in use"] } },
        );
      }
      throw e;
    }
  }

  return {
    siteList: () => repo.siteList(uow.db),
    createSite: (ctx: RequestContext, site: SiteInput) => save(ctx, null, site),
    updateSite: (ctx: RequestContext, id: string, site: SiteInput) => save(ctx, id, site),
  };
}
