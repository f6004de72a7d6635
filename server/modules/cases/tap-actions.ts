import { isGraphConfigured } from "@/server/graph/unconfigured";
import type { z } from "zod";
import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import type * as r from "@/server/modules/recovery/recovery.schemas";
import { HOUR_MS, isStillUsable } from "@/server/modules/recovery/tap-types";
import { loadCase, loadView } from "./case-context";
import type { CasesDeps } from "./cases.deps";
import { deleteOnce } from "./entra-delete";
import { makeIssueTap } from "./issue-tap";
import { suggestedTap } from "./tap-rules";

// The Temporary Access Pass actions of the case workflow, reached through the recovery router (its own
// permissions, and the only response carrying a pass): the policy range for the form, issuing the case's
// pass (issue-tap.ts), and revoking passes in Entra — one at a time, or every usable one when a case closes.

const requireGraph = (g: CasesDeps["graph"]) => {
  if (!g) throw new AppError("PRECONDITION_FAILED", "No Entra tenant is connected.");
  return g;
};

export function makeTapActions(deps: CasesDeps) {
  const { uow, clock, audit, recovery, taps } = deps;
  const issueTap = makeIssueTap(deps);

  /** Deletes one pass in Entra (404 = already gone), marks our issuance revoked, records the audit event. */
  async function revokeOne(
    ctx: RequestContext,
    userId: string,
    tapId: string,
    after: Record<string, unknown>,
  ) {
    const { alreadyGone } = await deleteOnce(requireGraph(deps.graph), "tap", userId, tapId);
    await uow.run(async (tx) => {
      await recovery.markRevoked(tx, userId, tapId, ctx.actor.id, clock());
      await audit.record(tx, ctx, {
        action: "tap.revoke",
        subjectType: "DirectoryUser",
        subjectId: userId,
        after: { graphMethodId: tapId, ...after, alreadyGone },
      });
    });
    return alreadyGone;
  }

  return {
    async tapPolicy(
      ctx: RequestContext,
      input: z.infer<typeof r.tapPolicyInput>,
    ): Promise<z.infer<typeof r.tapPolicyOutput>> {
      const tenant = await requireGraph(deps.graph).getTapPolicy();
      const portal = await deps.policy();
      const kind = input.caseId ? (await loadCase(uow.db, deps, input.caseId)).kind : "lost";
      const suggested = suggestedTap(tenant, portal, kind);
      return {
        isEnabled: tenant.state === "enabled",
        minimumLifetimeInMinutes: tenant.minimumLifetimeInMinutes,
        maximumLifetimeInMinutes: tenant.maximumLifetimeInMinutes,
        defaultLifetimeInMinutes: tenant.defaultLifetimeInMinutes,
        isUsableOnceEnforced: tenant.isUsableOnce,
        suggestedLifetimeInMinutes: suggested.lifetimeInMinutes,
        suggestedIsUsableOnce: suggested.isUsableOnce,
        capPerHour: portal.tap.capPerAgentPerHour,
        issuedByYouLastHour: await recovery.issuedBySince(
          uow.db,
          ctx.actor.id,
          new Date(clock().getTime() - HOUR_MS),
        ),
      };
    },

    async issueTap(ctx: RequestContext, input: z.infer<typeof r.issueTapInput>) {
      const out = await issueTap(ctx, input);
      await taps.refreshQuietly(out.case.user.id);
      return { ...out, case: await loadView(uow.db, deps, input.caseId) };
    },

    async revokeTap(ctx: RequestContext, input: { userId: string; tapId: string }) {
      if (!(await recovery.userExists(uow.db, input.userId)))
        throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
      const alreadyGone = await revokeOne(ctx, input.userId, input.tapId, {});
      await taps.refreshQuietly(input.userId);
      return { tapId: input.tapId, alreadyGone };
    },

    /**
     * Revokes every pass Entra says is usable now, each with an audit event naming the case. Read live
     * first: the stored read may be older than the last sign-in.
     */
    async revokeUsable(ctx: RequestContext, userId: string, caseId: string, why: string): Promise<string[]> {
      if (!isGraphConfigured(deps.graph)) return [];
      const now = clock();
      const { taps: live } = await taps.refresh(userId);
      const revoked: string[] = [];
      for (const t of live.filter((x) => isStillUsable(x, now))) {
        await revokeOne(ctx, userId, t.id, { caseId, reason: why });
        revoked.push(t.id);
      }
      await taps.forget(userId, revoked);
      return revoked;
    },
  };
}
