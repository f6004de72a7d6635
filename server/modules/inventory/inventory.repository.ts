import { Prisma, type KeyStatus } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { range, titleCase } from "@/server/lib/prefix-search";
import type { KeyFilter, KeyListInput } from "./inventory.schemas";
import { makeSitesAndModels } from "./sites-models.repository";

type SortId = NonNullable<KeyListInput["sort"]>["id"];
const keyOrder: Record<SortId, (dir: Prisma.SortOrder) => Prisma.SecurityKeyOrderByWithRelationInput[]> = {
  serial: (dir) => [{ serial: dir }, { id: dir }],
  status: (dir) => [{ status: dir }, { serial: "asc" }],
  model: (dir) => [{ model: { productName: dir } }, { serial: "asc" }],
  site: (dir) => [{ site: { code: dir } }, { serial: "asc" }],
  changed: (dir) => [{ statusChangedAt: dir }, { id: dir }],
};

// Search is a prefix on the serial, or on a custodian's name or UPN. Every probe is a range on a
// btree index (any collation), with startsWith keeping the result exact; custodians are resolved
// first so the key query is a plain OR of two indexed conditions.
const MAX_CUSTODIANS = 500;

async function keyWhere(db: Db, f: KeyFilter): Promise<Prisma.SecurityKeyWhereInput> {
  const q = f.q?.trim();
  let or: Prisma.SecurityKeyWhereInput[] | undefined;
  if (q) {
    const names = [...new Set([q, titleCase(q)])];
    const users = await db.directoryUser.findMany({
      where: {
        OR: [...names.map((n) => ({ displayName: range(n) })), { userPrincipalName: range(q.toLowerCase()) }],
      },
      select: { id: true },
      take: MAX_CUSTODIANS,
    });
    or = [{ serial: range(q.toUpperCase()) }];
    if (users.length) or.push({ custodianId: { in: users.map((u) => u.id) } });
  }
  return { status: f.status, siteId: f.siteId, modelId: f.modelId, custodianId: f.custodianId, OR: or };
}

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
type KeyRowRecord = Prisma.SecurityKeyGetPayload<{ select: typeof keyRowSelect }>;
const flatten = (r: KeyRowRecord) => ({
  id: r.id,
  serial: r.serial,
  vendor: r.vendor,
  modelId: r.modelId,
  model: r.model.productName,
  siteId: r.siteId,
  site: r.site.code,
  status: r.status,
  custodianId: r.custodianId,
  custodian: r.custodian?.displayName ?? null,
  statusChangedAt: r.statusChangedAt,
  version: r.version,
});

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
    async listKeys(db: Db, input: KeyListInput) {
      const where = await keyWhere(db, input);
      const sort = input.sort ?? { id: "serial" as const, desc: false };
      const [rows, total] = await Promise.all([
        db.securityKey.findMany({
          where,
          orderBy: keyOrder[sort.id](sort.desc ? "desc" : "asc"),
          skip: (input.page - 1) * input.pageSize,
          take: input.pageSize,
          select: keyRowSelect,
        }),
        db.securityKey.count({ where }),
      ]);
      return { items: rows.map(flatten), total };
    },

    async exportKeys(db: Db, filter: KeyFilter, sort: KeyListInput["sort"], limit: number) {
      const s = sort ?? { id: "serial" as const, desc: false };
      const rows = await db.securityKey.findMany({
        where: await keyWhere(db, filter),
        orderBy: keyOrder[s.id](s.desc ? "desc" : "asc"),
        take: limit,
        select: {
          ...keyRowSelect,
          custodian: { select: { displayName: true, userPrincipalName: true } },
          poLine: { select: { purchaseOrder: { select: { number: true } } } },
        },
      });
      return rows.map((r) => ({
        ...flatten(r),
        custodianUpn: r.custodian?.userPrincipalName ?? null,
        poNumber: r.poLine?.purchaseOrder.number ?? null,
      }));
    },

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

    /** Keys per site, model and status: the counters a trigger keeps (key_stock_counts), not a scan of every key. */
    stockCounts: (db: Db, siteId?: string) =>
      db.keyStockCount.findMany({
        where: { siteId, count: { gt: 0 } },
        select: { siteId: true, modelId: true, status: true, count: true },
      }),

    /** Units ordered and not yet received, per receiving site and model. */
    async onOrder(db: Db, siteId?: string) {
      const lines = await db.purchaseOrderLine.findMany({
        where: { purchaseOrder: { status: { in: ["ordered", "partially_received"] }, siteId } },
        select: {
          modelId: true,
          quantity: true,
          receivedQuantity: true,
          purchaseOrder: { select: { siteId: true } },
        },
      });
      return lines.map((l) => ({
        siteId: l.purchaseOrder.siteId,
        modelId: l.modelId,
        open: Math.max(0, l.quantity - l.receivedQuantity),
      }));
    },

    reorderPoints: (db: Db, siteId?: string) =>
      db.reorderPoint.findMany({ where: { siteId }, select: { siteId: true, modelId: true, minimum: true } }),
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
