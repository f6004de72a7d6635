import { Prisma, type KeyStatus } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import type { KeyFilter, KeyListInput, KeyModelInput, SiteInput } from "./inventory.schemas";

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
const range = (q: string) => ({ gte: q, lt: `${q}\uffff`, startsWith: q });
const titleCase = (q: string) =>
  q.replace(/(^|\s)(\p{Ll})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
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
              case: { select: { number: true, kind: true, status: true, createdAt: true, closedAt: true } },
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

    async siteList(db: Db) {
      const rows = await db.site.findMany({
        orderBy: [{ kind: "asc" }, { code: "asc" }],
        select: {
          ...siteSelect,
          reorderPoints: { select: { modelId: true, minimum: true } },
          _count: { select: { keys: true } },
        },
      });
      return rows.map(({ _count, ...s }) => ({ ...s, keyCount: _count.keys }));
    },
    siteDetail: (db: Db, id: string) => db.site.findUnique({ where: { id }, select: siteSelect }),
    /** Sites other than `exceptId` already using this code or office location. */
    siteClashes: (db: Db, s: { code: string; officeLocation: string | null }, exceptId: string | null) =>
      db.site.findMany({
        where: {
          id: exceptId ? { not: exceptId } : undefined,
          OR: [{ code: s.code }, ...(s.officeLocation ? [{ officeLocation: s.officeLocation }] : [])],
        },
        select: { code: true, officeLocation: true },
      }),
    async saveSite(tx: Db, id: string | null, s: SiteInput) {
      const saved = id
        ? await tx.site.update({ where: { id }, data: s, select: { id: true } })
        : await tx.site.create({ data: s, select: { id: true } });
      return saved.id;
    },

    sites: (db: Db) =>
      db.site.findMany({
        orderBy: [{ kind: "asc" }, { code: "asc" }],
        select: { id: true, code: true, name: true, kind: true },
      }),
    site: (db: Db, id: string) =>
      db.site.findUnique({ where: { id }, select: { id: true, code: true, name: true, kind: true } }),

    async models(db: Db) {
      const rows = await db.keyModel.findMany({
        orderBy: [{ vendor: "asc" }, { productName: "asc" }],
        select: { ...modelSelect, _count: { select: { keys: true } } },
      });
      return rows.map(({ _count, aaguids, ...m }) => ({
        ...m,
        aaguids: aaguids.map((a) => a.aaguid),
        keyCount: _count.keys,
      }));
    },
    modelOptions: (db: Db) =>
      db.keyModel.findMany({
        orderBy: [{ vendor: "asc" }, { productName: "asc" }],
        select: { id: true, vendor: true, productName: true },
      }),
    model: (db: Db, id: string) => db.keyModel.findUnique({ where: { id }, select: modelSelect }),
    modelByName: (db: Db, vendor: string, productName: string) =>
      db.keyModel.findUnique({
        where: { vendor_productName: { vendor, productName } },
        select: { id: true },
      }),

    async saveModel(tx: Db, id: string | null, m: KeyModelInput) {
      const { aaguids, ...fields } = m;
      const saved = id
        ? await tx.keyModel.update({ where: { id }, data: fields, select: { id: true } })
        : await tx.keyModel.create({ data: fields, select: { id: true } });
      await tx.keyModelAaguid.deleteMany({ where: { modelId: saved.id } });
      if (aaguids.length)
        await tx.keyModelAaguid.createMany({
          data: [...new Set(aaguids)].map((aaguid) => ({ aaguid, modelId: saved.id })),
        });
      await tx.entraCredential.updateMany({
        where: { aaguid: { in: aaguids }, isUnknownModel: true },
        data: { isUnknownModel: false },
      });
      return saved.id;
    },

    async mapAaguid(tx: Db, aaguid: string, modelId: string) {
      await tx.keyModelAaguid.createMany({ data: [{ aaguid, modelId }], skipDuplicates: true });
      const res = await tx.entraCredential.updateMany({
        where: { aaguid, isUnknownModel: true },
        data: { isUnknownModel: false },
      });
      return res.count;
    },

    /** AAGUIDs on live credentials that no model claims. */
    async unknownAaguids(db: Db) {
      const rows = await db.$queryRaw<
        { aaguid: string; credentials: bigint; exampleModel: string | null }[]
      >(Prisma.sql`
        SELECT c.aaguid, COUNT(*) AS credentials, MAX(c.model) AS "exampleModel"
        FROM entra_credentials c
        WHERE c."removedAt" IS NULL AND c."passkeyType" IS DISTINCT FROM 'synced'
          AND NOT EXISTS (SELECT 1 FROM key_model_aaguids a WHERE a.aaguid = c.aaguid)
        GROUP BY c.aaguid ORDER BY COUNT(*) DESC LIMIT 200`);
      return rows.map((r) => ({
        aaguid: r.aaguid,
        credentials: Number(r.credentials),
        exampleModel: r.exampleModel,
      }));
    },
  };
}

const siteSelect = {
  id: true,
  code: true,
  name: true,
  kind: true,
  city: true,
  country: true,
  officeLocation: true,
} satisfies Prisma.SiteSelect;

const modelSelect = {
  id: true,
  vendor: true,
  productName: true,
  formFactor: true,
  certification: true,
  userVerification: true,
  credentialSlots: true,
  supportsPinComplexity: true,
  supportsForcedPinChange: true,
  unitCostCents: true,
  leadTimeDays: true,
  isActive: true,
  catalogAaguid: true,
  aaguids: { select: { aaguid: true } },
} satisfies Prisma.KeyModelSelect;

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

export type InventoryRepository = ReturnType<typeof makeInventoryRepository>;
