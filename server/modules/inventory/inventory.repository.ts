import { Prisma, type KeyStatus } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { makeKeysList } from "./keys-list.repository";
import { makeSitesAndModels } from "./sites-models.repository";
import type { StockInputs } from "./stock";

/** A key as another list names it: its serial, status and version, its site's code and its model's name. */
export const keySummarySelect = {
  id: true,
  serial: true,
  status: true,
  version: true,
  site: { select: { code: true } },
  model: { select: { productName: true } },
} satisfies Prisma.SecurityKeySelect;

/** A key read with keySummarySelect, flat: its model's name and its site's code in place of the relations. */
export const keySummary = (k: Prisma.SecurityKeyGetPayload<{ select: typeof keySummarySelect }>) => ({
  id: k.id,
  serial: k.serial,
  status: k.status,
  version: k.version,
  model: k.model.productName,
  site: k.site.code,
});

const keyRowSelect = {
  id: true,
  serial: true,
  vendor: true,
  modelId: true,
  siteId: true,
  status: true,
  custodianId: true,
  statusChangedAt: true,
  version: true,
  model: { select: { productName: true } },
  site: { select: { code: true } },
  custodian: { select: { displayName: true } },
} satisfies Prisma.SecurityKeySelect;

export interface GuardedKeyUpdate {
  id: string;
  version: number;
  fromStatuses: KeyStatus[];
  data: { siteId?: string; status?: KeyStatus; notes?: string; custodianId?: null };
  now: Date;
}

export function makeInventoryRepository() {
  return {
    ...makeSitesAndModels(),
    ...makeKeysList(),
    keysByIds: (db: Db, ids: string[]) =>
      db.securityKey.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          serial: true,
          status: true,
          version: true,
          siteId: true,
          custodianId: true,
          site: { select: { code: true } },
          credential: { select: { id: true, removedAt: true } },
        },
      }),

    /** Ends the key's open assignment (a retired key is nobody's any more). */
    async endOpenAssignment(db: Db, keyId: string, data: { endedAt: Date; endReason: string }) {
      await db.keyAssignment.updateMany({ where: { keyId, endedAt: null }, data });
    },

    /** Applies the change only if the key is still at `version` and in one of `fromStatuses`; returns whether it did. */
    async updateKeyGuarded(tx: Db, u: GuardedKeyUpdate): Promise<boolean> {
      const res = await tx.securityKey.updateMany({
        where: { id: u.id, version: u.version, status: { in: u.fromStatuses } },
        data: { ...u.data, version: { increment: 1 }, ...(u.data.status ? { statusChangedAt: u.now } : {}) },
      });
      return res.count === 1;
    },

    keyDetail: (db: Db, id: string) =>
      db.securityKey.findUnique({
        where: { id },
        select: {
          ...keyRowSelect,
          notes: true,
          createdAt: true,
          custodian: { select: { displayName: true, userPrincipalName: true } },
          poLine: { select: { purchaseOrder: { select: { id: true, number: true } } } },
          credential: {
            select: {
              id: true,
              methodId: true,
              displayName: true,
              aaguid: true,
              createdDateTime: true,
              lastUsedAt: true,
              matchMethod: true,
              matchedAt: true,
              removedAt: true,
            },
          },
          assignments: {
            orderBy: { assignedAt: "asc" },
            select: {
              id: true,
              kind: true,
              assignedAt: true,
              assignedById: true,
              endedAt: true,
              endReason: true,
              user: { select: { displayName: true } },
              handover: true,
              shippedAt: true,
              carrierRef: true,
              deliveredAt: true,
              readyAt: true,
            },
          },
          caseKeys: {
            select: {
              case: {
                select: { id: true, number: true, kind: true, status: true, createdAt: true, closedAt: true },
              },
            },
          },
        },
      }),

    /**
     * What the stock table is built from (stock.ts), in one statement: the counters a trigger keeps per
     * site, model and status (key_stock_counts, not a scan of every key), the units ordered and not yet
     * received per receiving site and model, the reorder points, and the sites' and models' names.
     */
    async stockInputs(db: Db, siteId?: string): Promise<StockInputs> {
      const atSite = (column: string) =>
        siteId ? Prisma.sql`AND ${Prisma.raw(column)} = ${siteId}` : Prisma.empty;
      const [row] = await db.$queryRaw<{ [K in keyof StockInputs]: StockInputs[K] | null }[]>`
        SELECT
          (SELECT json_agg(json_build_object('siteId', c."siteId", 'modelId', c."modelId", 'status', c.status,
             'count', c.count)) FROM key_stock_counts c WHERE c.count > 0 ${atSite('c."siteId"')}) AS counts,
          (SELECT json_agg(json_build_object('siteId', o."siteId", 'modelId', l."modelId",
             'open', greatest(0, l.quantity - l."receivedQuantity")))
             FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l."purchaseOrderId"
             WHERE o.status IN ('ordered', 'partially_received') ${atSite('o."siteId"')}) AS "onOrder",
          (SELECT json_agg(json_build_object('siteId', r."siteId", 'modelId', r."modelId", 'minimum', r.minimum))
             FROM reorder_points r WHERE true ${atSite('r."siteId"')}) AS "reorderPoints",
          (SELECT json_agg(json_build_object('id', id, 'code', code, 'kind', kind)) FROM sites) AS sites,
          (SELECT json_agg(json_build_object('id', id, 'productName', "productName")) FROM key_models) AS models`;
      return {
        counts: row?.counts ?? [],
        onOrder: row?.onOrder ?? [],
        reorderPoints: row?.reorderPoints ?? [],
        sites: row?.sites ?? [],
        models: row?.models ?? [],
      };
    },

    upsertReorderPoint: (tx: Db, p: { siteId: string; modelId: string; minimum: number }) =>
      tx.reorderPoint.upsert({
        where: { siteId_modelId: { siteId: p.siteId, modelId: p.modelId } },
        create: p,
        update: { minimum: p.minimum },
        select: { siteId: true, modelId: true, minimum: true },
      }),
    reorderPoint: (db: Db, siteId: string, modelId: string) =>
      db.reorderPoint.findUnique({
        where: { siteId_modelId: { siteId, modelId } },
        select: { siteId: true, modelId: true, minimum: true },
      }),
  };
}

export type InventoryRepository = ReturnType<typeof makeInventoryRepository>;
