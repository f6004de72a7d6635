import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import type { KeyModelInput, SiteInput } from "./inventory.schemas";

// Sites, key models and the AAGUIDs mapped to them: part of the inventory repository
// (inventory.repository.ts spreads them in). No rules here.

export function makeSitesAndModels() {
  return {
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
    /** The keys page's filters: every site and every model, in the orders above, in one statement. */
    async filterOptions(db: Db) {
      type Site = { id: string; code: string; name: string; kind: "office" | "warehouse" };
      type Model = { id: string; vendor: string; productName: string };
      const [row] = await db.$queryRaw<{ sites: Site[] | null; models: Model[] | null }[]>`
        SELECT
          (SELECT json_agg(json_build_object('id', id, 'code', code, 'name', name, 'kind', kind)
             ORDER BY kind, code) FROM sites) AS sites,
          (SELECT json_agg(json_build_object('id', id, 'vendor', vendor, 'productName', "productName")
             ORDER BY vendor, "productName") FROM key_models) AS models`;
      return { sites: row?.sites ?? [], models: row?.models ?? [] };
    },
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
