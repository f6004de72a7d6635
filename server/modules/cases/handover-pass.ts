import type { RequestContext } from "@/server/auth/actor";
import type { Db, Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import type { GraphPort } from "@/server/graph/port";
import { assertGraphConfigured } from "@/server/graph/unconfigured";
import { inHelpdeskWords, isTapScopeRefusal } from "./graph-refusal";
import type { PreflightFn } from "./preflight";
import type { RecoveryPolicy } from "@/server/modules/settings/recovery-policy.schemas";
import type { RecoveryRepository } from "@/server/modules/recovery/recovery.repository";
import type { TapCap } from "@/server/modules/recovery/tap-cap";
import type { TapState } from "@/server/modules/recovery/tap-state";
import { checkTapRequest, suggestedTap } from "./tap-rules";

// A Temporary Access Pass with no case: the onboarding pass of a key handed over at the enrollment desk
// (docs/ENROLLMENT.md, "Handover with a pass"). The same rules as a case's pass: the live preflight
// (docs/RECOVERY.md), the tenant's TAP policy, the agent's hourly cap, Graph's refusals in the helpdesk's
// words, an issuance record. The pass's value lives only in the value `create` returns: the caller shows it
// once and keeps nothing.

export interface HandoverPassDeps {
  db: Db;
  graph: GraphPort;
  clock: () => Date;
  policy: (db?: Db) => Promise<RecoveryPolicy>;
  preflight: PreflightFn;
  tapCap: TapCap;
  taps: TapState;
  recovery: RecoveryRepository;
}

export interface PassRequest {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export interface CreatedPass extends PassRequest {
  id: string;
  temporaryAccessPass: string;
  startAt: Date;
  expiresAt: Date;
}

const overCap = () =>
  new AppError(
    "PRECONDITION_FAILED",
    "You reached the hourly cap of Temporary Access Passes an agent may issue. Ask another agent to hand this key over, or register it on the person's behalf (Enroll).",
    { needsApproval: "tap_over_cap" },
  );

export function makeHandoverPass(deps: HandoverPassDeps) {
  const { clock, recovery, tapCap } = deps;
  const graphOrThrow = () => {
    assertGraphConfigured(deps.graph, "createTemporaryAccessPass");
    return deps.graph;
  };

  return {
    /**
     * Before anything is written: could Entra issue this person a pass (read live), is the agent under the
     * cap, and what pass (one-time, the portal's lifetime inside the tenant's range). Refuses in words.
     */
    async check(ctx: RequestContext, userId: string): Promise<PassRequest & { who: string }> {
      const graph = graphOrThrow();
      const pf = await deps.preflight({ user: userId, revokeMethodIds: [] });
      if (!pf.tap.possible) {
        const why = pf.stranded
          ? `${pf.displayName} has no passkey and no usable pass, and Entra would issue them no Temporary Access Pass, so they could not sign in to register the key. ${pf.tap.reason} Or register the key on their behalf (Enroll) instead.`
          : `${pf.tap.reason} Or register the key on their behalf (Enroll) instead.`;
        throw new AppError("PRECONDITION_FAILED", why, { cause: pf.tap.cause, stranded: pf.stranded });
      }
      if (await tapCap.isOverCap(deps.db, ctx.actor.id)) throw overCap();
      const tenant = await graph.getTapPolicy();
      // One-time, whatever the portal's default: the person signs in once, at the desk, to register the key.
      const suggested = suggestedTap(tenant, await deps.policy(), "handover");
      const req = { lifetimeInMinutes: suggested.lifetimeInMinutes, isUsableOnce: true };
      checkTapRequest(tenant, req, clock());
      return { ...req, who: pf.displayName };
    },

    /** Asks Entra for the pass. Its refusals come back in the helpdesk's words; the value is in the answer only. */
    async create(userId: string, who: string, req: PassRequest): Promise<CreatedPass> {
      const graph = graphOrThrow();
      try {
        const created = await graph.createTemporaryAccessPass(userId, req);
        const now = clock();
        const startAt = created.startDateTime ? new Date(created.startDateTime) : now;
        const lifetimeInMinutes = created.lifetimeInMinutes ?? req.lifetimeInMinutes;
        return {
          id: created.id,
          temporaryAccessPass: created.temporaryAccessPass ?? "",
          startAt,
          expiresAt: new Date(startAt.getTime() + lifetimeInMinutes * 60_000),
          lifetimeInMinutes,
          isUsableOnce: created.isUsableOnce ?? req.isUsableOnce,
        };
      } catch (e) {
        const scope = isTapScopeRefusal(e)
          ? await deps.preflight({ user: userId, revokeMethodIds: [] }).then(
              (p) => p.tap.reason,
              () => undefined,
            )
          : undefined;
        throw inHelpdeskWords(e, "issue_tap", who, scope);
      }
    },

    /**
     * The issuance record, in the caller's transaction, under the agent's cap lock. Never the value. `check`
     * counted before Entra was asked, without the lock: two handovers at once by an agent one pass under
     * the cap both got through it. Counted again here, under the lock every issuance takes, the second
     * is refused; the caller's rollback takes its pass back, so the cap holds.
     */
    async record(tx: Tx, ctx: RequestContext, userId: string, pass: CreatedPass, reason: string) {
      await tapCap.lock(tx, ctx.actor.id);
      if (await tapCap.isOverCap(tx, ctx.actor.id)) throw overCap();
      const row = await recovery.createIssuance(tx, {
        userId,
        issuedById: ctx.actor.id,
        caseId: null,
        reason,
        verificationId: null,
        startAt: pass.startAt,
        lifetimeMinutes: pass.lifetimeInMinutes,
        isUsableOnce: pass.isUsableOnce,
        graphMethodId: pass.id,
        expiresAt: pass.expiresAt,
        createdAt: clock(),
      });
      return row.id;
    },

    /** Takes a pass back when what it was for could not be written (best effort: a gone pass is fine). */
    async revoke(userId: string, passId: string) {
      await graphOrThrow()
        .deleteTemporaryAccessPass(userId, passId)
        .catch((e: unknown) => {
          if (!(isGraphError(e) && e.kind === "not_found")) throw e;
        });
    },

    /** The user's passes as Entra lists them, stored for the user page (quietly: a failure is only logged). */
    refreshQuietly: (userId: string) => deps.taps.refreshQuietly(userId),
  };
}

export type HandoverPass = ReturnType<typeof makeHandoverPass>;
