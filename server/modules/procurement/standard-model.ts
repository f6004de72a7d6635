// Which models the organisation standardises on, read from what it actually deploys (no flag to keep up
// to date). The forecast puts every new user and every replacement on a site's standard model, so it
// recommends a few models in bulk rather than one unit of every niche model a site happens to hold.
//
//   standard models = the models with the most keys in service (assigned or active), taken in that order
//                     until they hold at least STANDARD_SHARE of all keys in service; with no key in
//                     service yet, the model with the highest total reorder point (ties: the name);
//   a site's model  = the standard model with the most keys in service at that site (ties: the
//                     organisation's order), so a site that deploys none of them still gets the first.

export const STANDARD_SHARE = 0.8;

export interface ModelUse {
  siteId: string;
  modelId: string;
  inService: number;
  reorderPoint: number | null;
}

export function standardModels(
  use: ModelUse[],
  models: { id: string; productName: string }[],
  siteIds: string[],
): { standard: string[]; bySite: Record<string, string | null> } {
  const name = new Map(models.map((m) => [m.id, m.productName]));
  const total = (pick: (u: ModelUse) => number) => {
    const byModel = new Map<string, number>();
    for (const u of use)
      if (name.has(u.modelId)) byModel.set(u.modelId, (byModel.get(u.modelId) ?? 0) + pick(u));
    return [...byModel.entries()]
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || name.get(a[0])!.localeCompare(name.get(b[0])!));
  };
  const inService = total((u) => u.inService);
  const all = inService.reduce((n, [, c]) => n + c, 0);
  const standard: string[] = [];
  if (all > 0) {
    let covered = 0;
    for (const [modelId, n] of inService) {
      if (covered >= STANDARD_SHARE * all) break;
      standard.push(modelId);
      covered += n;
    }
  } else {
    const byReorder = total((u) => u.reorderPoint ?? 0);
    if (byReorder[0]) standard.push(byReorder[0][0]);
  }
  const bySite: Record<string, string | null> = {};
  for (const siteId of siteIds) {
    const atSite = (modelId: string) =>
      use.find((u) => u.siteId === siteId && u.modelId === modelId)?.inService ?? 0;
    bySite[siteId] = [...standard].sort((a, b) => atSite(b) - atSite(a))[0] ?? null;
  }
  return { standard, bySite };
}
