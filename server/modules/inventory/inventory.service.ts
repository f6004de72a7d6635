import type { RequestContext } from "@/server/auth/actor";
import { can, type Role } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { catalogProducts, lookupAuthenticator } from "@/server/catalog";
import { csvExport, type CsvColumn } from "./csv";
import type { InventoryRepository } from "./inventory.repository";
import type { KeyDetail, KeyFilter, KeyListInput, KeyModelInput, StockRow } from "./inventory.schemas";
import { buildStockRows } from "./stock";
import { buildTimeline } from "./timeline";
import { makeKeyMutations } from "./key-mutations";
import { keyActionsFor } from "./key-page-actions";
import { makeSiteAdmin } from "./sites";
import type { InventoryDeps } from "./inventory.deps";

export const EXPORT_LIMIT = 200_000;

type ExportedKey = Awaited<ReturnType<InventoryRepository["exportKeys"]>>[number];
const keyColumns: CsvColumn<ExportedKey>[] = [
  { header: "serial", value: (r) => r.serial },
  { header: "vendor", value: (r) => r.vendor },
  { header: "model", value: (r) => r.model },
  { header: "site", value: (r) => r.site },
  { header: "status", value: (r) => r.status },
  { header: "custodian", value: (r) => r.custodian },
  { header: "custodian_upn", value: (r) => r.custodianUpn },
  { header: "status_since", value: (r) => r.statusChangedAt },
  { header: "purchase_order", value: (r) => r.poNumber },
];
const stockColumns: CsvColumn<StockRow>[] = [
  { header: "site", value: (r) => r.site },
  { header: "site_kind", value: (r) => r.siteKind },
  { header: "model", value: (r) => r.model },
  { header: "in_stock", value: (r) => r.inStock },
  { header: "reorder_point", value: (r) => r.reorderPoint },
  { header: "on_order", value: (r) => r.onOrder },
  { header: "reserved", value: (r) => r.reserved },
  { header: "with_users", value: (r) => r.assigned },
  { header: "lost", value: (r) => r.lost },
  { header: "is_low", value: (r) => (r.isLow ? "yes" : "no") },
];

type AssignmentRow = {
  id: string;
  endedAt: Date | null;
  handover: "in_person" | "shipped" | "pickup" | null;
  shippedAt: Date | null;
  carrierRef: string | null;
  deliveredAt: Date | null;
  readyAt: Date | null;
};
const openHandover = (rows: AssignmentRow[]) => {
  const a = rows.findLast((r) => !r.endedAt);
  return a
    ? {
        assignmentId: a.id,
        handover: a.handover,
        shippedAt: a.shippedAt,
        carrierRef: a.carrierRef,
        deliveredAt: a.deliveredAt,
        readyAt: a.readyAt,
      }
    : null;
};

function assertCatalogRef(m: KeyModelInput) {
  if (m.catalogAaguid && !lookupAuthenticator(m.catalogAaguid)) {
    throw new AppError(
      "BAD_REQUEST",
      "The catalogue entry this model points at does not exist. Pick one from the list or leave it empty.",
      { fieldErrors: { catalogAaguid: ["Not in the built-in catalogue"] } },
    );
  }
}

export function makeInventoryService(deps: InventoryDeps) {
  const { uow, repo, audit } = deps;
  const withUniqueName = async <T>(m: KeyModelInput, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") {
        throw new AppError("CONFLICT", `A model named ${m.vendor} ${m.productName} already exists.`, {
          fieldErrors: { productName: ["Already exists for this vendor"] },
        });
      }
      throw e;
    }
  };

  async function stockSummary(input: { siteId?: string; onlyLow?: boolean }) {
    const rows = buildStockRows(await repo.stockInputs(uow.db, input.siteId));
    return {
      rows: input.onlyLow ? rows.filter((r) => r.isLow) : rows,
      lowCount: rows.filter((r) => r.isLow).length,
    };
  }

  return {
    ...makeKeyMutations(deps),
    ...makeSiteAdmin(deps),

    listKeys: (input: KeyListInput) => repo.listKeys(uow.db, input),

    /** The CSV of exactly the rows the table shows under this filter and sort (every page). */
    async exportKeys(input: KeyFilter & { sort: KeyListInput["sort"] }) {
      const { sort, ...filter } = input;
      const rows = await repo.exportKeys(uow.db, filter, sort, EXPORT_LIMIT + 1);
      return csvExport({ name: "keys", at: deps.clock(), columns: keyColumns, rows, limit: EXPORT_LIMIT });
    },

    /** The stock table as shown (same site filter and "only low" switch). */
    async exportStock(input: { siteId?: string; onlyLow?: boolean }) {
      const { rows } = await stockSummary(input);
      return csvExport({ name: "stock", at: deps.clock(), columns: stockColumns, rows });
    },

    /**
     * Every role reads keys, but only `audit.read` reads the audit trail: a key's audit events (who acted,
     * which case) and who assigned it are left out, not merely hidden in the page; case entries need
     * `cases.read` (docs/SECURITY.md, "Key detail").
     */
    async keyDetail(id: string, viewer: { roles: readonly Role[] }): Promise<KeyDetail> {
      const k = await repo.keyDetail(uow.db, id);
      if (!k) throw new AppError("NOT_FOUND", "No key with this id.");
      const readsAudit = can(viewer.roles, "audit.read");
      const events = readsAudit
        ? (await audit.list({ subjectType: "SecurityKey", subjectId: id }, { pageSize: 200 })).items
        : [];
      const timeline = buildTimeline({
        key: { ...k, caseKeys: can(viewer.roles, "cases.read") ? k.caseKeys : [] },
        events,
      }).map((item) => (readsAudit ? item : { ...item, actor: null }));
      return {
        key: {
          id: k.id,
          serial: k.serial,
          vendor: k.vendor,
          modelId: k.modelId,
          model: k.model.productName,
          siteId: k.siteId,
          site: k.site.code,
          status: k.status,
          custodianId: k.custodianId,
          custodian: k.custodian?.displayName ?? null,
          custodianUpn: k.custodian?.userPrincipalName ?? null,
          statusChangedAt: k.statusChangedAt,
          version: k.version,
          notes: k.notes,
          createdAt: k.createdAt,
          poNumber: k.poLine?.purchaseOrder.number ?? null,
          poId: k.poLine?.purchaseOrder.id ?? null,
        },
        credential: k.credential ? { ...k.credential, matchMethod: k.credential.matchMethod ?? null } : null,
        handover: openHandover(k.assignments),
        timeline,
        isAuditHidden: !readsAudit,
        actions: keyActionsFor(k, viewer.roles),
        cases: can(viewer.roles, "cases.read")
          ? k.caseKeys
              .map(({ case: c }) => c)
              .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
              .map((c) => ({ id: c.id, number: c.number, kind: c.kind, status: c.status }))
          : [],
      };
    },

    stockSummary,

    sites: () => repo.sites(uow.db),
    models: () => repo.models(uow.db),
    modelOptions: () => repo.modelOptions(uow.db),
    keyFilterOptions: () => repo.filterOptions(uow.db),
    async unknownAaguids() {
      const rows = await repo.unknownAaguids(uow.db);
      return rows.map((r) => {
        const e = lookupAuthenticator(r.aaguid);
        return { ...r, catalog: e ? { vendor: e.vendor, product: e.product, kind: e.kind } : null };
      });
    },
    /** The catalogue's hardware security keys by product, for making a key model from one. */
    catalogProducts: () => catalogProducts().filter((p) => p.kind === "hardware"),

    async createModel(ctx: RequestContext, m: KeyModelInput) {
      assertCatalogRef(m);
      return withUniqueName(m, () =>
        uow.run(async (tx) => {
          const id = await repo.saveModel(tx, null, m);
          await audit.record(tx, ctx, {
            action: "inventory.model.create",
            subjectType: "KeyModel",
            subjectId: id,
            before: null,
            after: m,
          });
          return { id };
        }),
      );
    },

    async updateModel(ctx: RequestContext, id: string, m: KeyModelInput) {
      assertCatalogRef(m);
      return withUniqueName(m, () =>
        uow.run(async (tx) => {
          const before = await repo.model(tx, id);
          if (!before) throw new AppError("NOT_FOUND", "No key model with this id.");
          await repo.saveModel(tx, id, m);
          await audit.record(tx, ctx, {
            action: "inventory.model.update",
            subjectType: "KeyModel",
            subjectId: id,
            before,
            after: m,
          });
          return { id };
        }),
      );
    },

    async mapAaguid(ctx: RequestContext, input: { aaguid: string; modelId: string }) {
      return uow.run(async (tx) => {
        const model = await repo.model(tx, input.modelId);
        if (!model)
          throw new AppError("NOT_FOUND", "No key model with this id.", {
            fieldErrors: { modelId: ["Unknown model"] },
          });
        const credentials = await repo.mapAaguid(tx, input.aaguid, input.modelId);
        await audit.record(tx, ctx, {
          action: "inventory.aaguid.map",
          subjectType: "KeyModel",
          subjectId: model.id,
          after: { aaguid: input.aaguid, credentialsUpdated: credentials },
        });
        return { credentialsUpdated: credentials };
      });
    },

    async setReorderPoint(ctx: RequestContext, p: { siteId: string; modelId: string; minimum: number }) {
      return uow.run(async (tx) => {
        const [site, model] = await Promise.all([repo.site(tx, p.siteId), repo.model(tx, p.modelId)]);
        if (!site)
          throw new AppError("NOT_FOUND", "No site with this id.", {
            fieldErrors: { siteId: ["Unknown site"] },
          });
        if (!model)
          throw new AppError("NOT_FOUND", "No key model with this id.", {
            fieldErrors: { modelId: ["Unknown model"] },
          });
        const before = await repo.reorderPoint(tx, p.siteId, p.modelId);
        const after = await repo.upsertReorderPoint(tx, p);
        await audit.record(tx, ctx, {
          action: "inventory.reorder_point.set",
          subjectType: "Site",
          subjectId: p.siteId,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type InventoryService = ReturnType<typeof makeInventoryService>;
