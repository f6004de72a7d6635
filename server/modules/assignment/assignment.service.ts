import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { AssignInput, AssignmentDeps, KeyRef } from "./assignment.deps";
import { moveKey } from "./move-key";
import { makeLifecycleMoves } from "./key-moves";
import { makeOffboarding } from "./offboarding";
import { handoverDate } from "./handover";
import { makeReconciliation } from "./reconciliation";
import { makeShipping } from "./shipping";
import { makeWaveAssignment } from "./wave";

export type { AssignInput, AssignmentDeps, KeyRef };

export function makeAssignmentService(deps: AssignmentDeps) {
  const { uow, repo, clock } = deps;

  /** Assigns inside the caller's transaction (the wave confirm reuses it for many users at once). */
  async function assignIn(tx: Tx, ctx: RequestContext, input: AssignInput, now: Date) {
    const user = await repo.user(tx, input.userId);
    if (!user) throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
    if (!user.accountEnabled || user.deletedAt) {
      throw new AppError(
        "CONFLICT",
        `${user.displayName} is ${user.deletedAt ? "deleted" : "disabled"} in Entra; keys go to active users only.`,
        { userId: user.id },
      );
    }
    if (!input.keys.length) throw new AppError("BAD_REQUEST", "Pick at least one key.");
    const open = await repo.openAssignmentsOf(tx, user.id);
    const primaries =
      open.filter((a) => a.kind === "primary").length + input.keys.filter((k) => k.kind === "primary").length;
    if (primaries > 1) {
      throw new AppError(
        "CONFLICT",
        `${user.displayName} ${open.some((a) => a.kind === "primary") ? "already has a primary key" : "can have only one primary key"}; assign this one as a backup.`,
        { userId: user.id },
      );
    }
    const isShipped = input.handover.method === "shipped";
    // A backdated handover is fine (recorded after the fact); a future one would hide later registrations from matching.
    const assignedAt = handoverDate(input.handover.at, now, { field: "handover.at", label: "handover" });
    const carrierRef = isShipped ? input.shipping?.carrierRef || null : null;
    // A carrier reference given at assignment means the key left on the handover date: shipped, not awaiting shipment.
    const shippedAt =
      isShipped && (carrierRef || input.shipping?.shippedAt)
        ? handoverDate(input.shipping?.shippedAt ?? assignedAt, now, {
            field: "shipping.shippedAt",
            label: "shipping",
            earliest: { at: assignedAt, what: "the handover date" },
          })
        : null;
    const results: { keyId: string; serial: string; assignmentId: string; kind: string }[] = [];
    for (const k of input.keys) {
      const key = await moveKey(deps, tx, ctx, k, "assign", now, {
        data: { custodianId: user.id },
        action: "keys.assign",
        after: {
          userId: user.id,
          user: user.userPrincipalName,
          kind: k.kind,
          handover: input.handover.method,
          ...(input.handover.at ? { handoverAt: assignedAt } : {}),
          carrierRef,
        },
        check: (cur) => {
          if (cur.status === "reserved" && cur.custodianId && cur.custodianId !== user.id) {
            throw new AppError("CONFLICT", `Key ${cur.serial} is reserved for someone else's case.`, {
              keyId: cur.id,
              status: cur.status,
            });
          }
        },
      });
      const a = await repo.createAssignment(tx, {
        keyId: key.id,
        userId: user.id,
        kind: k.kind,
        assignedAt,
        assignedById: ctx.actor.id,
        handover: input.handover.method,
        // Shipped or picked up: confirmed when the user has it (markDelivered), not at assignment.
        confirmedById:
          input.handover.method === "in_person" ? (input.handover.confirmedById ?? ctx.actor.id) : null,
        shippedAt,
        carrierRef,
        deliveredAt: null,
      });
      results.push({ keyId: key.id, serial: key.serial, assignmentId: a.id, kind: k.kind });
    }
    return results;
  }

  return {
    assignIn,

    /** Hands one or more keys (a primary and/or backups) to a user, each guarded by the version the agent saw. */
    assign: async (ctx: RequestContext, input: AssignInput) => {
      const results = await uow.run((tx) => assignIn(tx, ctx, input, clock()));
      // A carrier reference given at assignment means the key has shipped: the person is told, as on "Record shipment".
      if (input.handover.method === "shipped" && input.shipping?.carrierRef)
        for (const r of results) await deps.notify?.(ctx, "shipped", r.assignmentId);
      return results;
    },

    /** Stock an agent can hand out: the user's site by default. */
    async stockFor(input: { userId: string; siteId?: string; q?: string }) {
      const user = await repo.user(uow.db, input.userId);
      if (!user) throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
      const siteId = input.siteId ?? user.siteId;
      const [sites, keys] = await Promise.all([
        repo.sites(uow.db),
        siteId ? repo.stock(uow.db, { siteId, q: input.q, take: 50 }) : Promise.resolve([]),
      ]);
      return {
        siteId: siteId ?? null,
        userSiteId: user.siteId,
        sites,
        keys: keys.map((k) => ({
          id: k.id,
          serial: k.serial,
          model: k.model.productName,
          site: k.site.code,
          version: k.version,
          status: k.status,
        })),
      };
    },

    ...makeShipping(deps),
    ...makeLifecycleMoves(deps),
    ...makeWaveAssignment(deps, assignIn),
    ...makeOffboarding(deps),
    ...makeReconciliation(deps),
  };
}

export type AssignmentService = ReturnType<typeof makeAssignmentService>;
