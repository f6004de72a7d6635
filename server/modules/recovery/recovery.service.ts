import type { z } from "zod";
import { AppError } from "@/server/errors";
import type { RecoveryDeps } from "./recovery.deps";
import type * as s from "./recovery.schemas";
import { expiresAtOf, HOUR_MS, type TapRead } from "./tap-types";

// Temporary Access Passes as a read model: the user's passes as Entra lists them, and the security leads'
// alerts. Issuing and revoking a pass change the user's credentials in Entra: those are case steps
// (server/modules/cases/issue-tap.ts, tap-actions.ts), reached through the recovery router's procedures.

export type { RecoveryDeps };

export function makeRecoveryService(deps: RecoveryDeps) {
  const { uow, recovery, approvals, clock } = deps;

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
    /**
     * The user's passes as Entra last listed them (stored: no Graph call, so a page can ask on every
     * render), joined to our issuance records. `refreshTaps` asks Entra first.
     */
    async listTaps(userId: string): Promise<z.infer<typeof s.listTapsOutput>> {
      return joined(userId, await deps.taps.read(userId));
    },

    async refreshTaps(userId: string): Promise<z.infer<typeof s.listTapsOutput>> {
      if (!(await recovery.userExists(uow.db, userId)))
        throw new AppError("NOT_FOUND", `No user with id ${userId}.`);
      return joined(userId, await deps.taps.refresh(userId));
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
