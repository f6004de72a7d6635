import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { assertHandoverMove, handoverDate } from "./handover";
import { handoverMoves, handoverStateOf, type HandoverMove } from "./handover.constants";
import type { AssignmentDeps } from "./assignment.deps";

// Recording a key's journey after assignment: shipped with a carrier reference, then delivered; or, for a
// pickup at the site desk, ready for pickup (the user is told), then collected (recorded as delivered).

type Patch = {
  shippedAt?: Date;
  carrierRef?: string;
  deliveredAt?: Date;
  confirmedById?: string;
  readyAt?: Date;
};
const actions: Record<HandoverMove, string> = {
  ship: "keys.ship",
  ready: "keys.ready_for_pickup",
  deliver: "keys.deliver",
};

export function makeShipping({ uow, repo, audit, clock, notify }: AssignmentDeps) {
  /** One guarded handover move: the rule first, then an update that only applies if nobody recorded it meanwhile. */
  function move(
    ctx: RequestContext,
    assignmentId: string,
    m: HandoverMove,
    patch: (a: { assignedAt: Date; shippedAt: Date | null; readyAt: Date | null }, now: Date) => Patch,
  ) {
    return uow.run(async (tx) => {
      const a = await repo.assignment(tx, assignmentId);
      if (!a) throw new AppError("NOT_FOUND", "No such assignment.");
      if (a.endedAt)
        throw new AppError(
          "CONFLICT",
          `The assignment of ${a.key.serial} has ended; its handover can no longer change.`,
          { assignmentId: a.id },
        );
      assertHandoverMove({ ...a, serial: a.key.serial }, m);
      const data = patch(a, clock());
      if (
        !(await repo.updateHandoverGuarded(
          tx,
          a.id,
          { shippedAt: a.shippedAt, deliveredAt: a.deliveredAt, readyAt: a.readyAt },
          data,
        ))
      ) {
        throw new AppError(
          "CONFLICT",
          `Someone else changed the handover of ${a.key.serial} while saving. Reload and try again.`,
          { assignmentId: a.id },
        );
      }
      await audit.record(tx, ctx, {
        action: actions[m],
        subjectType: "SecurityKey",
        subjectId: a.keyId,
        // A pickup has no carrier: its events name none (the timeline would show "null (removed)").
        before: { handover: handoverStateOf(a), ...(m === "ready" ? {} : { carrierRef: a.carrierRef }) },
        after: { handover: handoverMoves[m].to, assignmentId: a.id, ...data },
      });
      return { assignmentId: a.id };
    });
  }

  return {
    /** The key left with the carrier: its reference lets anyone trace it. */
    /** Then, once committed, the person is told (when a mailbox is configured); a failed notice is logged, not thrown. */
    async recordShipment(
      ctx: RequestContext,
      input: { assignmentId: string; carrierRef: string; shippedAt?: Date },
    ) {
      const r = await move(ctx, input.assignmentId, "ship", (a, now) => ({
        carrierRef: input.carrierRef,
        shippedAt: handoverDate(input.shippedAt, now, {
          field: "shippedAt",
          label: "shipping",
          earliest: { at: a.assignedAt, what: "the assignment" },
        }),
      }));
      await notify?.(ctx, "shipped", r.assignmentId);
      return r;
    },

    /** A pickup key is waiting at the site desk; once committed the person is told (as for a shipment). */
    async markReadyForPickup(ctx: RequestContext, input: { assignmentId: string }) {
      const r = await move(ctx, input.assignmentId, "ready", (_a, now) => ({ readyAt: now }));
      await notify?.(ctx, "pickup", r.assignmentId);
      return r;
    },

    /** The user has the key (delivered, or collected at the desk): the confirming agent is recorded. */
    markDelivered: (ctx: RequestContext, input: { assignmentId: string; deliveredAt?: Date }) =>
      move(ctx, input.assignmentId, "deliver", (a, now) => ({
        deliveredAt: handoverDate(input.deliveredAt, now, {
          field: "deliveredAt",
          label: a.readyAt ? "collection" : "delivery",
          earliest: a.readyAt
            ? { at: a.readyAt, what: "the key was ready for pickup" }
            : { at: a.shippedAt ?? a.assignedAt, what: "the shipment" },
        }),
        confirmedById: ctx.actor.id,
      })),
  };
}
