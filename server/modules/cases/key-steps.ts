import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { moveKey } from "@/server/modules/assignment/move-key";
import { claimCase, settleStatus, type CasesDeps } from "./case-context";
import type { CaseRow, CaseStepRow } from "./cases.repository";

// The steps that change only KeyFleet (mark the key, reserve a replacement): the key move, the step and
// the audit commit in one transaction, so they can never half-happen and need no resume logic.

const transitionOf = { lost: "markLost", stolen: "markStolen", damaged: "markDamaged" } as const;

export function makeKeySteps(deps: CasesDeps) {
  const { uow, repo, keys, audit, clock } = deps;
  const moves = { repo: keys, audit };

  async function done(
    tx: Tx,
    ctx: RequestContext,
    c: CaseRow,
    step: CaseStepRow,
    detail: Record<string, string | boolean | null>,
    status: "done" | "skipped" = "done",
  ) {
    const now = clock();
    await repo.moveStep(tx, step.id, ["pending", "failed", "skipped", "running"], {
      status,
      completedAt: now,
      actorId: ctx.actor.id,
      attempts: { increment: 1 },
      detail,
      lastError: null,
    });
    await settleStatus(tx, deps, c);
    await audit.record(tx, ctx, {
      action: `cases.step.${status}`,
      subjectType: "Case",
      subjectId: c.id,
      after: { stepId: step.id, kind: step.kind, target: step.target, ...detail },
    });
  }

  async function reserveKey(
    tx: Tx,
    ctx: RequestContext,
    c: CaseRow,
    step: CaseStepRow,
    k: { id: string; serial: string; version: number; model: string; site: string },
    how: "by hand" | "from stock",
  ) {
    await moveKey(moves, tx, ctx, { keyId: k.id, version: k.version }, "reserve", clock(), {
      data: { custodianId: c.userId },
      action: "keys.reserve",
      after: { userId: c.userId, caseId: c.id, caseNumber: c.number, how },
    });
    await repo.setReplacement(tx, c.id, k.id);
    await done(tx, ctx, c, step, {
      keyId: k.id,
      serial: k.serial,
      noStock: false,
      byHand: how === "by hand",
      note: `Reserved ${k.serial} (${k.model}) at ${k.site}${how === "by hand" ? ", picked by hand" : ""}.`,
    });
  }

  return {
    markKey: (ctx: RequestContext, c: CaseRow, step: CaseStepRow, version: number) =>
      uow.run(async (tx) => {
        if (c.kind === "forgotten" || c.kind === "offboarding")
          throw new AppError("BAD_REQUEST", "Only lost, stolen or damaged keys are marked.");
        await claimCase(tx, deps, c, version);
        const key = await keys.key(tx, step.target);
        if (!key) throw new AppError("NOT_FOUND", "The key of this step no longer exists.");
        if (key.status === c.kind)
          return done(tx, ctx, c, step, { note: `Key ${key.serial} was already marked ${c.kind}.` });
        if (key.credential && !key.credential.removedAt) {
          throw new AppError(
            "PRECONDITION_FAILED",
            `Key ${key.serial} still has a live credential in Entra; revoke it first.`,
            { keyId: key.id },
          );
        }
        const now = clock();
        await moveKey(moves, tx, ctx, { keyId: key.id }, transitionOf[c.kind], now, {
          action: `keys.mark_${c.kind}`,
          after: { caseId: c.id, caseNumber: c.number },
        });
        await keys.endAssignment(tx, key.id, { endedAt: now, endReason: c.kind });
        await done(tx, ctx, c, step, { note: `Key ${key.serial} marked ${c.kind}.` });
      }),

    /**
     * A key from stock at the user's site, the lost key's model first; none there is flagged and can be
     * retried. `serial`: the agent picked a key by hand (scanned or typed), from any site's stock: the
     * way out when the user has no site or their site has no stock.
     */
    reserve: (ctx: RequestContext, c: CaseRow, step: CaseStepRow, version: number, serial?: string) =>
      uow.run(async (tx) => {
        await claimCase(tx, deps, c, version);
        if (serial) {
          const k = await repo.keyBySerial(tx, serial);
          if (!k)
            throw new AppError(
              "NOT_FOUND",
              `No key with serial ${serial} in KeyFleet. Check the serial on the key (or scan it again).`,
            );
          if (k.status !== "in_stock") {
            throw new AppError(
              "PRECONDITION_FAILED",
              `Key ${k.serial} is not in stock (it is ${k.status.replace(/_/g, " ")}): pick a key from the shelf.`,
              { keyId: k.id, status: k.status },
            );
          }
          return reserveKey(tx, ctx, c, step, k, "by hand");
        }
        const site = c.user.site?.code ?? null;
        if (!c.user.siteId)
          return done(
            tx,
            ctx,
            c,
            step,
            {
              noStock: true,
              note: `${c.user.displayName} has no site in KeyFleet: scan or type the serial of any key in stock to reserve it by hand.`,
            },
            "skipped",
          );
        const stock = await keys.stock(tx, { siteId: c.user.siteId, take: 50 });
        const models = new Set(c.keys.map((k) => k.key.modelId));
        const pick = stock.find((k) => models.has(k.modelId)) ?? stock[0];
        if (!pick)
          return done(
            tx,
            ctx,
            c,
            step,
            {
              noStock: true,
              note: `No key in stock at ${site}: scan or type the serial of a key in stock elsewhere to reserve it by hand, or transfer or order one and run this step again.`,
            },
            "skipped",
          );
        return reserveKey(
          tx,
          ctx,
          c,
          step,
          {
            id: pick.id,
            serial: pick.serial,
            version: pick.version,
            model: pick.model.productName,
            site: site ?? "?",
          },
          "from stock",
        );
      }),
  };
}
