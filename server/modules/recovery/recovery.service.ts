import type { z } from "zod";
import type { RequestContext } from "@/server/auth/actor";
import { AppError } from "@/server/errors";
import { isGraphError } from "@/server/graph/errors";
import { loadCase, loadView, type CasesDeps } from "@/server/modules/cases/case-context";
import { makeIssueTap } from "./issue-tap";
import type * as s from "./recovery.schemas";
import type { RecoveryRepository } from "./recovery.repository";
import { expiresAtOf, makeTapState, type TapRead } from "./tap-state";
import { HOUR_MS, suggestedTap } from "./tap-rules";

// Temporary Access Passes: the policy range for the form, issuing (issue-tap.ts), the user's passes as
// Entra lists them, revoking one, and the security leads' alerts.

export type RecoveryDeps = CasesDeps & { recovery: RecoveryRepository };

export function makeRecoveryService(deps: RecoveryDeps) {
  const { uow, clock, audit, recovery, approvals } = deps;
  const issueTap = makeIssueTap(deps);
  const own = makeTapState({ uow, graph: deps.graph, clock, audit, recovery });
  const tapState = () => deps.taps ?? own;

  async function joined(userId: string, read: TapRead): Promise<z.infer<typeof s.listTapsOutput>> {
    const ours = await recovery.issuancesByGraphIds(
      uow.db,
      userId,
      read.taps.map((t) => t.id),
    );
    return read.taps.map((t) => {
      const i = ours.find((o) => o.graphMethodId === t.id);
      return {
        id: t.id,
        createdAt: t.createdDateTime ? new Date(t.createdDateTime) : null,
        startAt: t.startDateTime ? new Date(t.startDateTime) : null,
        expiresAt: expiresAtOf(t),
        lifetimeInMinutes: t.lifetimeInMinutes,
        isUsableOnce: t.isUsableOnce,
        isUsable: t.isUsable,
        usabilityReason: t.methodUsabilityReason,
        readAt: read.readAt,
        issuance: i
          ? {
              id: i.id,
              issuedById: i.issuedById,
              reason: i.reason,
              caseId: i.caseId,
              caseNumber: i.case?.number ?? null,
            }
          : null,
      };
    });
  }

  return {
    async tapPolicy(
      ctx: RequestContext,
      input: z.infer<typeof s.tapPolicyInput>,
    ): Promise<z.infer<typeof s.tapPolicyOutput>> {
      const tenant = await deps.graph.getTapPolicy();
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

    async issueTap(ctx: RequestContext, input: z.infer<typeof s.issueTapInput>) {
      const out = await issueTap(ctx, input);
      await tapState().refreshQuietly(out.case.user.id);
      return { ...out, case: await loadView(uow.db, deps, input.caseId) };
    },

    /**
     * The user's passes as Entra last listed them (stored: no Graph call, so a page can ask on every
     * render), joined to our issuance records. `refreshTaps` asks Entra first.
     */
    async listTaps(userId: string): Promise<z.infer<typeof s.listTapsOutput>> {
      return joined(userId, await tapState().read(userId));
    },

    async refreshTaps(userId: string): Promise<z.infer<typeof s.listTapsOutput>> {
      if (!(await recovery.userExists(uow.db, userId)))
        throw new AppError("NOT_FOUND", `No user with id ${userId}.`);
      return joined(userId, await tapState().refresh(userId));
    },

    async revokeTap(ctx: RequestContext, input: { userId: string; tapId: string }) {
      if (!(await recovery.userExists(uow.db, input.userId)))
        throw new AppError("NOT_FOUND", `No user with id ${input.userId}.`);
      let alreadyGone = false;
      try {
        await deps.graph.deleteTemporaryAccessPass(input.userId, input.tapId);
      } catch (e) {
        if (!(isGraphError(e) && e.kind === "not_found")) throw e;
        alreadyGone = true;
      }
      await uow.run(async (tx) => {
        await recovery.markRevoked(tx, input.userId, input.tapId, ctx.actor.id, clock());
        await audit.record(tx, ctx, {
          action: "tap.revoke",
          subjectType: "DirectoryUser",
          subjectId: input.userId,
          after: { graphMethodId: input.tapId, alreadyGone },
        });
      });
      await tapState().refreshQuietly(input.userId);
      return { tapId: input.tapId, alreadyGone };
    },

    async alerts(input: z.infer<typeof s.alertsInput>): Promise<z.infer<typeof s.alertsOutput>> {
      const since = new Date(clock().getTime() - input.days * 24 * HOUR_MS);
      const [taps, overCap, capReached, revoked] = await Promise.all([
        recovery.privilegedTapsSince(uow.db, since),
        approvals.overCapSince(uow.db, since),
        recovery.capReachedSince(uow.db, since),
        recovery.recentUseRevocationsSince(uow.db, since),
      ]);
      // The over-cap request names the agent over the cap (its requester); a refusal at the cap that was
      // followed by such a request on the same case is the same incident, shown once.
      const asked = new Set(overCap.map((a) => `${a.requestedById}|${a.case?.id}`));
      const out: z.infer<typeof s.alertsOutput> = [
        ...taps.map((t) => ({
          kind: "privileged_tap" as const,
          at: t.createdAt,
          actorId: t.issuedById,
          userId: t.user.id,
          userDisplayName: t.user.displayName,
          caseId: t.case?.id ?? null,
          caseNumber: t.case?.number ?? null,
          detail: `TAP (${t.lifetimeMinutes} min) issued for privileged user ${t.user.displayName}.`,
        })),
        ...overCap.map((a) => ({
          kind: "agent_over_cap" as const,
          at: a.requestedAt,
          actorId: a.requestedById,
          userId: a.case?.user.id ?? null,
          userDisplayName: a.case?.user.displayName ?? null,
          caseId: a.case?.id ?? null,
          caseNumber: a.case?.number ?? null,
          detail: `Agent over the hourly TAP cap asked for a second approver (${a.status}).`,
        })),
        ...capReached
          .filter((e) => !asked.has(`${e.actorId}|${e.subjectId}`))
          .map((e) => {
            const d = (e.after ?? {}) as {
              caseNumber?: number;
              userId?: string;
              userDisplayName?: string;
              cap?: number;
              issued?: number;
            };
            return {
              kind: "agent_over_cap" as const,
              at: e.at,
              actorId: e.actorId,
              userId: d.userId ?? null,
              userDisplayName: d.userDisplayName ?? null,
              caseId: e.subjectId,
              caseNumber: d.caseNumber ?? null,
              detail: `Agent refused at the hourly TAP cap (${d.issued ?? "?"} passes in the hour, cap ${d.cap ?? "?"}).`,
            };
          }),
        ...revoked.map((r) => {
          const d = (r.detail ?? {}) as { keySerial?: string; lastUsedAt?: string };
          return {
            kind: "recent_use_revoked" as const,
            at: r.completedAt!,
            actorId: r.actorId ?? "unknown",
            userId: r.case.user.id,
            userDisplayName: r.case.user.displayName,
            caseId: r.case.id,
            caseNumber: r.case.number,
            detail: `Key ${d.keySerial ?? "?"} was revoked after being used at ${d.lastUsedAt ?? "?"}, within the hour before.`,
          };
        }),
      ];
      return out.sort((a, b) => b.at.getTime() - a.at.getTime());
    },
  };
}

export type RecoveryService = ReturnType<typeof makeRecoveryService>;
