import type { RequestContext } from "@/server/auth/actor";
import type { AssignmentDeps, KeyRef } from "./assignment.deps";
import { moveKey } from "./move-key";

// Leavers: disabled or deleted users with keys to collect and credentials to delete. Collecting a key is
// here; deleting a credential changes Entra, so it is a step of the leaver's offboarding case, run by the
// case workflow (server/modules/cases/leaver-credential.ts) with the same lease and version as every step.

export function makeOffboarding(deps: AssignmentDeps) {
  const { uow, repo, clock } = deps;
  return {
    async offboardingQueue() {
      const rows = await repo.leavers(uow.db, 500);
      return rows.map((u) => ({
        userId: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        department: u.department,
        site: u.site?.code ?? null,
        state: u.deletedAt ? ("deleted" as const) : ("disabled" as const),
        since: u.deletedAt ?? u.updatedAt,
        caseNumbers: u.cases.map((c) => c.number),
        keys: u.keys.map((k) => ({
          id: k.id,
          serial: k.serial,
          status: k.status,
          version: k.version,
          model: k.model.productName,
        })),
        credentials: u.credentials.map((c) => ({
          id: c.id,
          methodId: c.methodId,
          displayName: c.displayName,
          model: c.model,
          createdDateTime: c.createdDateTime,
          keySerial: c.key?.serial ?? null,
        })),
      }));
    },

    /** The leaver's key is back: returned, and (wiped) into stock unless it is to be retired. */
    collectKey: (ctx: RequestContext, input: KeyRef & { condition: string; isWiped: boolean }) =>
      uow.run(async (tx) => {
        const now = clock();
        const k = await moveKey(deps, tx, ctx, input, "return", now, {
          data: { custodianId: null },
          action: "keys.return",
          after: { condition: input.condition, reason: "offboarding" },
        });
        await repo.endAssignment(tx, k.id, {
          endedAt: now,
          endReason: "offboarding",
          returnCondition: input.condition,
        });
        if (input.isWiped)
          await moveKey(deps, tx, ctx, { keyId: k.id }, "wipe", now, {
            action: "keys.wipe",
            after: { fidoReset: true },
          });
        if (k.custodianId) {
          await repo.completeCaseSteps(tx, k.custodianId, "mark_key", k.id, ctx.actor.id, now);
          await repo.closeFinishedOffboarding(tx, k.custodianId, ctx.actor.id, now);
        }
        return { keyId: k.id, status: input.isWiped ? ("in_stock" as const) : ("returned" as const) };
      }),
  };
}
