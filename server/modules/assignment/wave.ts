import type { RequestContext } from "@/server/auth/actor";
import type { Tx } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { AssignInput, AssignmentDeps } from "./assignment.deps";

// Bulk assignment for a rollout wave: preview who gets which key from their site's stock (oldest first),
// then confirm the whole plan once. The confirm is all or nothing and each key is still version-guarded,
// so a key someone took meanwhile fails the confirm with a CONFLICT naming it instead of going twice.

export const WAVE_LIMIT = 500;

export interface WavePreviewRow {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  site: string | null;
  key: { id: string; serial: string; model: string; version: number } | null;
  reason: string | null;
}

type AssignIn = (tx: Tx, ctx: RequestContext, input: AssignInput, now: Date) => Promise<unknown[]>;

export function makeWaveAssignment({ uow, repo, audit, clock }: AssignmentDeps, assignIn: AssignIn) {
  return {
    waves: async () =>
      (await repo.waves(uow.db)).map((w) => ({
        id: w.id,
        name: w.name,
        startDate: w.startDate,
        members: w._count.members,
      })),

    async previewWave(input: { waveId: string }): Promise<{
      wave: { id: string; name: string; preferredModel: string | null };
      warnings: string[];
      rows: WavePreviewRow[];
      assignable: number;
      short: number;
    }> {
      const found = await repo.wave(uow.db, input.waveId);
      if (!found) throw new AppError("NOT_FOUND", "No such wave.");
      // A wave with a preferred model gets that model only: running out is said, never filled with others.
      const preferred = found.preferredModel;
      const model = preferred ? `${preferred.vendor} ${preferred.productName}` : null;
      const wave = { id: found.id, name: found.name, preferredModel: model };
      const users = await repo.waveUsersWithoutKeys(uow.db, wave.id, WAVE_LIMIT);
      const perSite = new Map<string, number>();
      for (const u of users) if (u.siteId) perSite.set(u.siteId, (perSite.get(u.siteId) ?? 0) + 1);
      const stock = await repo.stockBySite(
        uow.db,
        [...perSite.keys()],
        Math.max(0, ...perSite.values()),
        preferred?.id,
      );
      const ranOut = new Map<string, number>();
      const rows = users.map((u): WavePreviewRow => {
        const base = {
          userId: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          site: u.site?.code ?? null,
        };
        if (!u.siteId) return { ...base, key: null, reason: "No office site in the directory" };
        const k = stock.get(u.siteId)?.shift();
        if (!k && model) {
          ranOut.set(u.site?.code ?? "?", (ranOut.get(u.site?.code ?? "?") ?? 0) + 1);
          return { ...base, key: null, reason: `No ${model} left in stock at ${u.site?.code}` };
        }
        if (!k) return { ...base, key: null, reason: `No key left in stock at ${u.site?.code}` };
        return {
          ...base,
          key: { id: k.id, serial: k.serial, model: k.model.productName, version: k.version },
          reason: null,
        };
      });
      const assignable = rows.filter((r) => r.key).length;
      const warnings = [...ranOut].map(
        ([site, n]) =>
          `${site} has run out of the ${model}, this wave's preferred model: ${n} ${n === 1 ? "person gets" : "people get"} no key rather than another model. Move or order ${model} keys for ${site}, or change the wave's preferred model in Rollout → Waves.`,
      );
      return { wave, warnings, rows, assignable, short: rows.length - assignable };
    },

    async confirmWave(
      ctx: RequestContext,
      input: {
        waveId: string;
        items: { userId: string; keyId: string; version: number }[];
        handover: "in_person" | "shipped";
      },
    ) {
      const wave = await repo.wave(uow.db, input.waveId);
      if (!wave) throw new AppError("NOT_FOUND", "No such wave.");
      if (input.items.length > WAVE_LIMIT)
        throw new AppError("BAD_REQUEST", `At most ${WAVE_LIMIT} assignments per confirm.`);
      if (new Set(input.items.map((i) => i.keyId)).size !== input.items.length)
        throw new AppError("BAD_REQUEST", "A key appears twice in the plan.");
      return uow.run(async (tx) => {
        const now = clock();
        for (const item of input.items) {
          await assignIn(
            tx,
            ctx,
            {
              userId: item.userId,
              keys: [{ keyId: item.keyId, version: item.version, kind: "primary" }],
              handover: { method: input.handover },
            },
            now,
          );
        }
        await audit.record(tx, ctx, {
          action: "keys.assign_wave",
          subjectType: "RolloutWave",
          subjectId: wave.id,
          after: { wave: wave.name, assigned: input.items.length },
        });
        return { assigned: input.items.length };
      });
    },
  };
}
