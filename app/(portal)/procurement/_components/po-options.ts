// What the order form offers: the sites (a warehouse says so) and the models, as the new-order and the
// edit-draft pages pass them to PoForm. Plain functions, so server pages can call them.

type SiteRow = { id: string; code: string; name: string; kind: string };
type ModelRow = { id: string; vendor: string; productName: string; unitCostCents: number };

export const siteOptions = (sites: SiteRow[]) =>
  sites.map((s) => ({
    id: s.id,
    label: `${s.code} — ${s.name}${s.kind === "warehouse" ? " (warehouse)" : ""}`,
  }));

export const modelOptions = (models: ModelRow[]) =>
  models.map((m) => ({
    id: m.id,
    label: `${m.vendor} ${m.productName}`,
    vendor: m.vendor,
    unitCostCents: m.unitCostCents,
  }));
