import { Prisma, type KeyStatus, type PurchaseOrderStatus } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import type { PoListInput } from "./procurement.schemas";

const OPEN: PurchaseOrderStatus[] = ["ordered", "partially_received"];
const sortBy: Record<
  NonNullable<PoListInput["sort"]>["id"],
  (d: Prisma.SortOrder) => Prisma.PurchaseOrderOrderByWithRelationInput[]
> = {
  number: (d) => [{ number: d }],
  status: (d) => [{ status: d }, { number: "desc" }],
  expected: (d) => [{ expectedDate: { sort: d, nulls: "last" } }, { number: "desc" }],
  created: (d) => [{ createdAt: d }, { number: d }],
};

function poWhere(f: Omit<PoListInput, "page" | "pageSize">, today: Date): Prisma.PurchaseOrderWhereInput {
  const and: Prisma.PurchaseOrderWhereInput[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.isOpen) and.push({ status: { in: [...OPEN, "draft"] } });
  if (f.isOverdue) and.push({ status: { in: OPEN }, expectedDate: { lt: today } });
  if (f.q)
    and.push({
      OR: [
        { number: { contains: f.q, mode: "insensitive" } },
        { vendor: { contains: f.q, mode: "insensitive" } },
      ],
    });
  return { AND: and };
}

const poSelect = {
  id: true,
  number: true,
  vendor: true,
  status: true,
  siteId: true,
  expectedDate: true,
  createdAt: true,
  notes: true,
  orderedAt: true,
  receivedAt: true,
  cancelledAt: true,
  closedAt: true,
  closeReason: true,
  site: { select: { code: true } },
  lines: {
    orderBy: { id: "asc" },
    select: {
      id: true,
      modelId: true,
      quantity: true,
      unitCostCents: true,
      receivedQuantity: true,
      cancelledQuantity: true,
      model: { select: { productName: true, vendor: true } },
    },
  },
} satisfies Prisma.PurchaseOrderSelect;
export type PoRecord = Prisma.PurchaseOrderGetPayload<{ select: typeof poSelect }>;

export interface NewPo {
  number: string;
  vendor: string;
  siteId: string;
  expectedDate: Date | null;
  notes: string | null;
  createdById: string;
  lines: { modelId: string; quantity: number; unitCostCents: number }[];
}

export function makeProcurementRepository() {
  return {
    async listPos(db: Db, input: PoListInput, today: Date) {
      const where = poWhere(input, today);
      const sort = input.sort ?? { id: "created" as const, desc: true };
      const [rows, total] = await Promise.all([
        db.purchaseOrder.findMany({
          where,
          orderBy: sortBy[sort.id](sort.desc ? "desc" : "asc"),
          skip: (input.page - 1) * input.pageSize,
          take: input.pageSize,
          select: poSelect,
        }),
        db.purchaseOrder.count({ where }),
      ]);
      return { rows, total };
    },
    /** Every order of the filtered view, in the table's order (no paging). */
    exportPos: (db: Db, input: Omit<PoListInput, "page" | "pageSize">, today: Date, limit: number) => {
      const sort = input.sort ?? { id: "created" as const, desc: true };
      return db.purchaseOrder.findMany({
        where: poWhere(input, today),
        orderBy: sortBy[sort.id](sort.desc ? "desc" : "asc"),
        take: limit,
        select: poSelect,
      });
    },
    po: (db: Db, id: string) => db.purchaseOrder.findUnique({ where: { id }, select: poSelect }),

    /** Locks the order's row until the transaction ends: receipts and transitions of one PO queue. */
    async lockPo(tx: Db, id: string) {
      const rows = await tx.$queryRaw<
        { id: string; number: string; status: PurchaseOrderStatus; siteId: string }[]
      >(Prisma.sql`SELECT id, number, status, "siteId" FROM purchase_orders WHERE id = ${id} FOR UPDATE`);
      return rows[0] ?? null;
    },

    async lastPoNumber(db: Db, prefix: string) {
      const row = await db.purchaseOrder.findFirst({
        where: { number: { startsWith: prefix } },
        orderBy: { number: "desc" },
        select: { number: true },
      });
      return row?.number ?? null;
    },

    createPo: (tx: Db, po: NewPo) =>
      tx.purchaseOrder.create({
        data: { ...po, lines: { create: po.lines } },
        select: { id: true, number: true },
      }),

    async replaceDraft(tx: Db, id: string, po: Omit<NewPo, "number" | "createdById">) {
      await tx.purchaseOrderLine.deleteMany({ where: { purchaseOrderId: id } });
      await tx.purchaseOrder.update({
        where: { id },
        data: { ...po, lines: { create: po.lines } },
        select: { id: true },
      });
    },

    setStatus: (
      tx: Db,
      id: string,
      data: {
        status: PurchaseOrderStatus;
        orderedAt?: Date;
        receivedAt?: Date | null;
        cancelledAt?: Date;
        closedAt?: Date;
        closeReason?: string;
        notes?: string;
      },
    ) => tx.purchaseOrder.update({ where: { id }, data, select: { id: true } }),

    addReceived: (tx: Db, lineId: string, n: number) =>
      tx.purchaseOrderLine.update({
        where: { id: lineId },
        data: { receivedQuantity: { increment: n } },
        select: { id: true, quantity: true, receivedQuantity: true },
      }),

    /** Gives up what is still to come on each line of the order (closing it short). */
    cancelRemainder: (tx: Db, poId: string) =>
      tx.$executeRaw(Prisma.sql`
        UPDATE purchase_order_lines SET "cancelledQuantity" = GREATEST(0, quantity - "receivedQuantity")
        WHERE "purchaseOrderId" = ${poId}`),

    /** The keys received against the order, newest first, one page. */
    async receivedKeys(db: Db, poId: string, page: number, pageSize: number) {
      const where = { poLine: { purchaseOrderId: poId } };
      const [rows, total] = await Promise.all([
        db.securityKey.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { serial: "asc" }],
          skip: (page - 1) * pageSize,
          take: pageSize,
          select: {
            id: true,
            serial: true,
            status: true,
            createdAt: true,
            model: { select: { productName: true } },
            site: { select: { code: true } },
          },
        }),
        db.securityKey.count({ where }),
      ]);
      return { rows, total };
    },

    site: (db: Db, id: string) => db.site.findUnique({ where: { id }, select: { id: true, code: true } }),
    models: (db: Db) =>
      db.keyModel.findMany({ select: { id: true, productName: true, vendor: true, leadTimeDays: true } }),

    /** Keys already holding any of these serials (any vendor), with where they are. */
    existingSerials: (db: Db, serials: string[]) =>
      db.securityKey.findMany({
        where: { serial: { in: serials } },
        select: {
          id: true,
          serial: true,
          vendor: true,
          status: true,
          site: { select: { code: true } },
          poLine: { select: { purchaseOrder: { select: { number: true } } } },
        },
      }),

    createKeys: (
      tx: Db,
      keys: {
        serial: string;
        vendor: string;
        modelId: string;
        poLineId: string;
        siteId: string;
        status: KeyStatus;
      }[],
    ) => tx.securityKey.createManyAndReturn({ data: keys, select: { id: true, serial: true } }),

    // ─── Forecast inputs ───
    /** Users of waves whose deadline is still ahead, each in their earliest such wave, grouped by site and keys held (0, 1, 2+). */
    async upcomingWaveGroups(db: Db, today: Date) {
      const rows = await db.$queryRaw<
        {
          waveName: string;
          startDate: Date;
          requiresBackupKey: boolean;
          siteId: string | null;
          keysHeld: number;
          users: bigint;
        }[]
      >(Prisma.sql`
        WITH held AS (
          SELECT "custodianId", COUNT(*)::int AS n FROM security_keys
          WHERE status IN ('reserved', 'assigned', 'active') AND "custodianId" IS NOT NULL GROUP BY "custodianId"
        ), firstwave AS (
          SELECT DISTINCT ON (wm."userId") wm."userId", w.name, w."startDate", w."requiresBackupKey"
          FROM wave_members wm JOIN rollout_waves w ON w.id = wm."waveId"
          WHERE w."registrationDeadline" >= ${today}::date
          ORDER BY wm."userId", w."startDate", w.id
        )
        SELECT f.name AS "waveName", f."startDate", f."requiresBackupKey", u."siteId", LEAST(COALESCE(h.n, 0), 2)::int AS "keysHeld", COUNT(*) AS users
        FROM firstwave f JOIN directory_users u ON u.id = f."userId"
        LEFT JOIN held h ON h."custodianId" = u.id
        WHERE u."accountEnabled" AND u."deletedAt" IS NULL
        GROUP BY 1, 2, 3, 4, 5`);
      return rows.map((r) => ({ ...r, users: Number(r.users) }));
    },

    /** What the loss rate is computed from (loss-rate.ts). */
    async lossRateCounts(db: Db, since: Date) {
      const [losses, inService] = await Promise.all([
        db.securityKey.count({
          where: { status: { in: ["lost", "stolen", "damaged"] }, statusChangedAt: { gte: since } },
        }),
        db.securityKey.count({ where: { status: { in: ["assigned", "active"] } } }),
      ]);
      return { losses, inService };
    },
  };
}

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

export type ProcurementRepository = ReturnType<typeof makeProcurementRepository>;
