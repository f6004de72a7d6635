import type { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import type { KeyStatusName } from "@/server/modules/inventory/key-statuses.constants";
import type { KeyListInput } from "./dashboards.schemas";
import { listUsers } from "./user-list.repository";

const OPEN_CASE: Prisma.EnumCaseStatusFilter = { notIn: ["closed", "cancelled"] };
const OPEN_PO: Prisma.EnumPurchaseOrderStatusFilter = { in: ["ordered", "partially_received"] };

const keyOrder = {
  serial: (dir) => [{ serial: dir }],
  status: (dir) => [{ status: dir }, { serial: "asc" }],
  model: (dir) => [{ model: { productName: dir } }, { serial: "asc" }],
  site: (dir) => [{ site: { code: dir } }, { serial: "asc" }],
  changed: (dir) => [{ statusChangedAt: dir }, { id: "asc" }],
} satisfies Record<string, (dir: Prisma.SortOrder) => Prisma.SecurityKeyOrderByWithRelationInput[]>;

function keyWhere(f: Pick<KeyListInput, "q" | "status">): Prisma.SecurityKeyWhereInput {
  return {
    status: f.status,
    OR: f.q
      ? [
          { serial: { startsWith: f.q, mode: "insensitive" } },
          { custodian: { displayName: { contains: f.q, mode: "insensitive" } } },
        ]
      : undefined,
  };
}

export function makeDashboardRepository() {
  return {
    async keyCountsByStatus(db: Db): Promise<Partial<Record<KeyStatusName, number>>> {
      const rows = await db.securityKey.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
    },
    async userCounts(db: Db) {
      const live = { deletedAt: null };
      const [total, enabled, passwordlessCapable] = await Promise.all([
        db.directoryUser.count({ where: live }),
        db.directoryUser.count({ where: { ...live, accountEnabled: true } }),
        db.directoryUser.count({ where: { ...live, isPasswordlessCapable: true } }),
      ]);
      return { total, enabled, passwordlessCapable };
    },
    openCases: (db: Db) => db.case.count({ where: { status: OPEN_CASE } }),
    openPurchaseOrders: (db: Db) => db.purchaseOrder.count({ where: { status: OPEN_PO } }),
    /** Units ordered on open purchase orders and not yet received. */
    async unitsOnOrder(db: Db): Promise<number> {
      const lines = await db.purchaseOrderLine.findMany({
        where: { purchaseOrder: { status: OPEN_PO } },
        select: { quantity: true, receivedQuantity: true },
      });
      return lines.reduce((sum, l) => sum + Math.max(0, l.quantity - l.receivedQuantity), 0);
    },
    waves: (db: Db) => db.rolloutWave.count(),
    lastSync: (db: Db) =>
      db.syncRun.findFirst({
        orderBy: { startedAt: "desc" },
        select: { kind: true, status: true, startedAt: true, finishedAt: true },
      }),

    async listKeys(db: Db, input: KeyListInput) {
      const where = keyWhere(input);
      const sort = input.sort ?? { id: "serial", desc: false };
      const [rows, total] = await Promise.all([
        db.securityKey.findMany({
          where,
          orderBy: keyOrder[sort.id](sort.desc ? "desc" : "asc"),
          skip: (input.page - 1) * input.pageSize,
          take: input.pageSize,
          select: {
            id: true,
            serial: true,
            status: true,
            statusChangedAt: true,
            model: { select: { vendor: true, productName: true } },
            site: { select: { code: true, name: true } },
            custodian: { select: { displayName: true } },
          },
        }),
        db.securityKey.count({ where }),
      ]);
      return { rows, total };
    },

    listUsers,

    /**
     * Keys in each user's hands now (assigned or active with them as custodian): for one page of users, or
     * for everyone (an export: one grouped read rather than a list of ids past the driver's limits).
     */
    async keysHeld(db: Db, userIds: readonly string[] | "all"): Promise<Map<string, number>> {
      if (!userIds.length) return new Map();
      const rows = await db.securityKey.groupBy({
        by: ["custodianId"],
        where: {
          custodianId: userIds === "all" ? { not: null } : { in: [...userIds] },
          status: { in: ["assigned", "active"] },
        },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.custodianId!, r._count._all]));
    },
  };
}

export type DashboardRepository = ReturnType<typeof makeDashboardRepository>;
