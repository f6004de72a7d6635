import type { StockRow } from "./inventory.schemas";

// Pure: turns counts per (site, model, status), open orders and reorder points into the stock table.
// "assigned" counts keys with someone (assigned or active); "lost" counts lost, stolen and damaged.

export interface StockInputs {
  counts: { siteId: string; modelId: string; status: string; count: number }[];
  onOrder: { siteId: string; modelId: string; open: number }[];
  reorderPoints: { siteId: string; modelId: string; minimum: number }[];
  sites: { id: string; code: string; kind: "office" | "warehouse" }[];
  models: { id: string; productName: string }[];
}

const bucket: Record<string, "inStock" | "reserved" | "assigned" | "lost" | undefined> = {
  in_stock: "inStock",
  reserved: "reserved",
  assigned: "assigned",
  active: "assigned",
  lost: "lost",
  stolen: "lost",
  damaged: "lost",
};

export function buildStockRows(input: StockInputs): StockRow[] {
  const siteById = new Map(input.sites.map((s) => [s.id, s]));
  const modelById = new Map(input.models.map((m) => [m.id, m]));
  const rows = new Map<string, StockRow>();
  const row = (siteId: string, modelId: string): StockRow | null => {
    const site = siteById.get(siteId);
    const model = modelById.get(modelId);
    if (!site || !model) return null;
    const k = `${siteId}|${modelId}`;
    let r = rows.get(k);
    if (!r) {
      r = {
        siteId,
        site: site.code,
        siteKind: site.kind,
        modelId,
        model: model.productName,
        inStock: 0,
        reserved: 0,
        assigned: 0,
        lost: 0,
        onOrder: 0,
        reorderPoint: null,
        isLow: false,
      };
      rows.set(k, r);
    }
    return r;
  };
  for (const c of input.counts) {
    const b = bucket[c.status];
    const r = b ? row(c.siteId, c.modelId) : null;
    if (r && b) r[b] += c.count;
  }
  for (const o of input.onOrder) {
    const r = row(o.siteId, o.modelId);
    if (r) r.onOrder += o.open;
  }
  for (const p of input.reorderPoints) {
    const r = row(p.siteId, p.modelId);
    if (r) r.reorderPoint = p.minimum;
  }
  for (const r of rows.values()) r.isLow = r.reorderPoint !== null && r.inStock < r.reorderPoint;
  return [...rows.values()]
    .filter((r) => r.inStock + r.reserved + r.assigned + r.lost + r.onOrder > 0 || r.reorderPoint !== null)
    .sort(
      (a, b) =>
        Number(b.isLow) - Number(a.isLow) || a.site.localeCompare(b.site) || a.model.localeCompare(b.model),
    );
}
