import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { AuditService } from "@/server/modules/audit/audit.service";
import type { SignInIngest } from "./sign-ins";
import type { WaveMembersRepository } from "./wave-overrides.repository";

// Single people added to or taken out of a wave, whatever its source (docs/SECURITY-LEAD.md, "Waves").
// The change is kept on the wave, so the next refresh from its groups or filter does not undo it. Audited.

export interface WaveMembersDeps {
  uow: UnitOfWork;
  repo: WaveMembersRepository;
  audit: AuditService;
  signIns: SignInIngest;
  clock: () => Date;
  onWavesChanged: () => Promise<unknown>;
}

const PAGE = 50;
const without = (ids: string[], id: string) => ids.filter((x) => x !== id);

export function makeWaveMembers({ uow, repo, audit, signIns, clock, onWavesChanged }: WaveMembersDeps) {
  async function change(ctx: RequestContext, input: { waveId: string; userId: string }, add: boolean) {
    const result = await uow.run(async (tx) => {
      const wave = await repo.wave(tx, input.waveId);
      if (!wave) throw new AppError("NOT_FOUND", "No such wave. Reload the waves.");
      const user = await repo.user(tx, input.userId);
      if (!user)
        throw new AppError(
          "NOT_FOUND",
          "This person is not in the directory (or was deleted there). Search again after the next sync.",
        );
      const added = add
        ? [...without(wave.addedUserIds, user.id), user.id]
        : without(wave.addedUserIds, user.id);
      const removed = add
        ? without(wave.removedUserIds, user.id)
        : [...without(wave.removedUserIds, user.id), user.id];
      await repo.setHandChanges(tx, wave.id, added, removed);
      const n = add
        ? (await repo.addMember(tx, wave.id, user.id, clock())).count
        : (await repo.removeMember(tx, wave.id, user.id)).count;
      await audit.record(tx, ctx, {
        action: add ? "rollout.wave.member_add" : "rollout.wave.member_remove",
        subjectType: "RolloutWave",
        subjectId: wave.id,
        after: {
          wave: wave.name,
          userId: user.id,
          user: user.userPrincipalName,
          wasMember: add ? n === 0 : n > 0,
        },
      });
      return { waveId: wave.id, userId: user.id, changed: n > 0 };
    });
    if (result.changed) {
      await signIns.rewriteWave(result.waveId);
      await onWavesChanged();
    }
    return result;
  }

  return {
    addMember: (ctx: RequestContext, input: { waveId: string; userId: string }) => change(ctx, input, true),
    removeMember: (ctx: RequestContext, input: { waveId: string; userId: string }) =>
      change(ctx, input, false),

    /** A page of the wave's members (by name), and the people taken out by hand. */
    async members(input: { waveId: string; q: string; page: number }) {
      const wave = await repo.wave(uow.db, input.waveId);
      if (!wave) throw new AppError("NOT_FOUND", "No such wave. Reload the waves.");
      const { total, rows } = await repo.page(uow.db, wave.id, input.q, (input.page - 1) * PAGE, PAGE);
      const byHand = new Set(wave.addedUserIds);
      return {
        total,
        page: input.page,
        pageSize: PAGE,
        rows: rows.map((u) => ({
          userId: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          registered: u.credentials.length > 0,
          byHand: byHand.has(u.id),
        })),
        removed: (await repo.users(uow.db, wave.removedUserIds)).map((u) => ({
          userId: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
        })),
      };
    },
  };
}
