import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { csvExport, type CsvColumn } from "@/server/modules/inventory/csv";
import { makeForecastService } from "./forecast.service";
import { makeOrderActions } from "./order-actions.service";
import type { PoDetail, PoInput, PoListInput, PoRow } from "./procurement.schemas";
import { isUniqueViolation, type PoRecord } from "./procurement.repository";
import { conflictState, makeReceivingService } from "./receiving.service";
import type { ProcurementDeps } from "./procurement.deps";
import { isoDay } from "@/server/lib/time";

const EXPORT_LIMIT = 50_000;
const dayOrNull = (d: Date | null) => (d ? isoDay(d) : null);
const euros = (cents: number) => (cents / 100).toFixed(2);
const orderColumns: CsvColumn<PoRow>[] = [
  { header: "number", value: (r) => r.number },
  { header: "vendor", value: (r) => r.vendor },
  { header: "site", value: (r) => r.site },
  { header: "status", value: (r) => r.status },
  { header: "is_overdue", value: (r) => (r.isOverdue ? "yes" : "no") },
  { header: "expected", value: (r) => dayOrNull(r.expectedDate) },
  { header: "quantity", value: (r) => r.quantity },
  { header: "received", value: (r) => r.received },
  { header: "total_eur", value: (r) => euros(r.totalCents) },
  { header: "created", value: (r) => r.createdAt },
];
const today = (clock: () => Date) => {
  const d = clock();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
};

export function toPoRow(po: PoRecord, now: Date): PoRow {
  const quantity = po.lines.reduce((n, l) => n + l.quantity, 0);
  const received = po.lines.reduce((n, l) => n + l.receivedQuantity, 0);
  const isOpen = po.status === "ordered" || po.status === "partially_received";
  return {
    id: po.id,
    number: po.number,
    vendor: po.vendor,
    status: po.status,
    site: po.site.code,
    expectedDate: po.expectedDate,
    createdAt: po.createdAt,
    quantity,
    received,
    totalCents: po.lines.reduce((n, l) => n + l.quantity * l.unitCostCents, 0),
    isOverdue: isOpen && po.expectedDate !== null && po.expectedDate < now,
  };
}

export function makeProcurementService(deps: ProcurementDeps) {
  const { uow, repo, audit, clock } = deps;

  async function checkRefs(tx: Parameters<Parameters<UnitOfWork["run"]>[0]>[0], input: PoInput) {
    if (!(await repo.site(tx, input.siteId)))
      throw new AppError("BAD_REQUEST", "Unknown receiving site.", {
        fieldErrors: { siteId: ["Unknown site"] },
      });
    const models = new Map((await repo.models(tx)).map((m) => [m.id, m]));
    const fieldErrors: Record<string, string[]> = {};
    input.lines.forEach((l, i) => {
      if (!models.has(l.modelId)) fieldErrors[`lines.${i}.modelId`] = ["Unknown model"];
    });
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      if (seen.has(l.modelId)) fieldErrors[`lines.${i}.modelId`] = ["This model is already on another line"];
      seen.add(l.modelId);
    });
    if (Object.keys(fieldErrors).length)
      throw new AppError("BAD_REQUEST", "Some lines need fixing.", { fieldErrors });
  }

  return {
    ...makeReceivingService(deps),
    ...makeForecastService(deps),
    ...makeOrderActions(deps),

    async list(input: PoListInput) {
      const now = today(clock);
      const { rows, total } = await repo.listPos(uow.db, input, now);
      return { items: rows.map((r) => toPoRow(r, now)), total };
    },

    async get(id: string): Promise<PoDetail> {
      const po = await repo.po(uow.db, id);
      if (!po) throw new AppError("NOT_FOUND", "No purchase order with this id.");
      return {
        ...toPoRow(po, today(clock)),
        siteId: po.siteId,
        notes: po.notes,
        orderedAt: po.orderedAt,
        receivedAt: po.receivedAt,
        cancelledAt: po.cancelledAt,
        closedAt: po.closedAt,
        closeReason: po.closeReason,
        lines: po.lines.map((l) => ({
          id: l.id,
          modelId: l.modelId,
          model: l.model.productName,
          vendor: l.model.vendor,
          quantity: l.quantity,
          unitCostCents: l.unitCostCents,
          receivedQuantity: l.receivedQuantity,
          cancelledQuantity: l.cancelledQuantity,
        })),
      };
    },

    async create(ctx: RequestContext, input: PoInput) {
      const prefix = `PO-${clock().getUTCFullYear()}-`;
      for (let attempt = 0; ; attempt++) {
        try {
          return await uow.run(async (tx) => {
            await checkRefs(tx, input);
            const last = await repo.lastPoNumber(tx, prefix);
            const number = `${prefix}${String((last ? Number(last.slice(prefix.length)) || 0 : 0) + 1).padStart(4, "0")}`;
            const po = await repo.createPo(tx, { ...input, number, createdById: ctx.actor.id });
            await audit.record(tx, ctx, {
              action: "procurement.po.create",
              subjectType: "PurchaseOrder",
              subjectId: po.id,
              before: null,
              after: { number, ...input },
            });
            return po;
          });
        } catch (e) {
          // Two orders created at once drew the same number: draw again.
          if (isUniqueViolation(e) && attempt < 3) continue;
          throw e;
        }
      }
    },

    async updateDraft(ctx: RequestContext, id: string, input: PoInput) {
      return uow.run(async (tx) => {
        const po = await repo.lockPo(tx, id);
        if (!po) throw new AppError("NOT_FOUND", "No purchase order with this id.");
        if (po.status !== "draft") throw conflictState(po.number, po.status, "only a draft can be edited");
        await checkRefs(tx, input);
        const before = await repo.po(tx, id);
        await repo.replaceDraft(tx, id, input);
        await audit.record(tx, ctx, {
          action: "procurement.po.update",
          subjectType: "PurchaseOrder",
          subjectId: id,
          before,
          after: input,
        });
        return { id, number: po.number };
      });
    },

    /** The orders table exactly as filtered and sorted, every page. */
    async exportOrders(input: Omit<PoListInput, "page" | "pageSize">) {
      const now = today(clock);
      const rows = await repo.exportPos(uow.db, input, now, EXPORT_LIMIT + 1);
      return csvExport({
        name: "purchase-orders",
        at: clock(),
        columns: orderColumns,
        rows: rows.map((r) => toPoRow(r, now)),
        limit: EXPORT_LIMIT,
      });
    },
  };
}

export type ProcurementService = ReturnType<typeof makeProcurementService>;
