import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { ProcurementDeps } from "./procurement.deps";
import { conflictState } from "./receiving.service";

// What happens to an order after it is written: placing it, cancelling it, closing it short. Each takes
// the order's row lock, so it queues behind a receipt in progress and sees the counts that receipt left.

export function makeOrderActions({ uow, repo, audit, clock }: ProcurementDeps) {
  async function locked(tx: Tx, id: string) {
    const po = await repo.lockPo(tx, id);
    if (!po) throw new AppError("NOT_FOUND", "No purchase order with this id.");
    return po;
  }

  return {
    async placeOrder(ctx: RequestContext, id: string) {
      return uow.run(async (tx) => {
        const po = await locked(tx, id);
        if (po.status !== "draft") throw conflictState(po.number, po.status, "only a draft can be ordered");
        await repo.setStatus(tx, id, { status: "ordered", orderedAt: clock() });
        await audit.record(tx, ctx, {
          action: "procurement.po.order",
          subjectType: "PurchaseOrder",
          subjectId: id,
          before: { status: po.status },
          after: { status: "ordered" },
        });
        return { id, status: "ordered" as const };
      });
    },

    async cancel(ctx: RequestContext, id: string, reason: string) {
      return uow.run(async (tx) => {
        const po = await locked(tx, id);
        if (po.status !== "draft" && po.status !== "ordered") {
          throw conflictState(
            po.number,
            po.status,
            po.status === "partially_received"
              ? "keys were already received against it, so it cannot be cancelled: close it short to give up the rest"
              : "it cannot be cancelled",
          );
        }
        await repo.setStatus(tx, id, { status: "cancelled", cancelledAt: clock() });
        await audit.record(tx, ctx, {
          action: "procurement.po.cancel",
          subjectType: "PurchaseOrder",
          subjectId: id,
          before: { status: po.status },
          after: { status: "cancelled", reason },
        });
        return { id, status: "cancelled" as const };
      });
    },

    /** Gives up the keys still to come on a partly received order: they stop counting as on order. */
    async closeShort(ctx: RequestContext, id: string, reason: string) {
      return uow.run(async (tx) => {
        const po = await locked(tx, id);
        if (po.status !== "partially_received") {
          const why: Record<string, string> = {
            draft: "a draft was never ordered: cancel it instead",
            ordered: "nothing was received against it yet: cancel the order instead",
            received: "every key on it was received, so nothing is left to give up",
          };
          throw conflictState(po.number, po.status, why[po.status] ?? "it is already finished");
        }
        const before = (await repo.po(tx, id))!;
        const outstanding = before.lines.map((l) => ({
          lineId: l.id,
          modelId: l.modelId,
          cancelled: Math.max(0, l.quantity - l.receivedQuantity),
        }));
        const cancelled = outstanding.reduce((n, l) => n + l.cancelled, 0);
        await repo.cancelRemainder(tx, id);
        await repo.setStatus(tx, id, { status: "closed", closedAt: clock(), closeReason: reason });
        await audit.record(tx, ctx, {
          action: "procurement.po.close",
          subjectType: "PurchaseOrder",
          subjectId: id,
          before: { status: po.status },
          after: { status: "closed", reason, cancelled, lines: outstanding },
        });
        return { id, status: "closed" as const, cancelled };
      });
    },

    async receivedKeys(input: { poId: string; page: number; pageSize: number }) {
      const [po, { rows, total }] = await Promise.all([
        repo.po(uow.db, input.poId),
        repo.receivedKeys(uow.db, input.poId, input.page, input.pageSize),
      ]);
      if (!po) throw new AppError("NOT_FOUND", "No purchase order with this id.");
      return {
        items: rows.map((k) => ({
          id: k.id,
          serial: k.serial,
          model: k.model.productName,
          status: k.status,
          site: k.site.code,
          receivedAt: k.createdAt,
        })),
        total,
      };
    },
  };
}
