import type { RequestContext } from "@/server/auth/actor";
import type { UnitOfWork } from "@/server/db/uow";
import { AppError } from "@/server/errors";
import type { GraphPort } from "@/server/graph/port";
import type { AuditService } from "@/server/modules/audit/audit.service";
import { isUniqueViolation } from "@/server/modules/procurement/procurement.repository";
import type { RolloutRepository, WaveData } from "./rollout.repository";
import type { Wave, WaveInput, WaveSource, WaveUpdateInput } from "./rollout.schemas";
import type { SignInIngest } from "./sign-ins";
import { toWave } from "./waves";
import { isGraphConfigured } from "@/server/graph/unconfigured";

// Rollout waves: who is in which wave, and when. Saving a wave sets its members at once (filter waves from
// the mirror; group waves from Entra when a tenant is connected, else at the next sync); every change is
// audited. Nothing here changes anything in Entra.

const GROUP_BUDGET = 200;

export interface RolloutDeps {
  uow: UnitOfWork;
  repo: RolloutRepository;
  audit: AuditService;
  graph: GraphPort;
  signIns: SignInIngest;
  clock: () => Date;
  /** After a wave is saved or deleted (its figures are recomputed). */
  onWavesChanged: () => Promise<unknown>;
}

function toData(input: WaveInput): WaveData {
  const s = input.source;
  return {
    name: input.name,
    startDate: input.startDate,
    registrationDeadline: input.registrationDeadline,
    enforcementDate: input.enforcementDate,
    targetPercent: input.targetPercent,
    requiresBackupKey: input.requiresBackupKey,
    preferredModelId: input.preferredModelId ?? null,
    groupIds: s.kind === "groups" ? s.groups.map((g) => g.id) : [],
    // Group names are kept only to label the wave; membership always comes from the group ids.
    filter:
      s.kind === "groups"
        ? { groupNames: Object.fromEntries(s.groups.map((g) => [g.id, g.name])) }
        : { department: s.department, siteId: s.siteId },
  };
}

export function makeRolloutService({ uow, repo, audit, graph, signIns, clock, onWavesChanged }: RolloutDeps) {
  /** Transitive user members of the groups, or null when no tenant is connected (the next sync fills them). */
  async function groupMembers(source: WaveSource): Promise<string[] | null> {
    if (source.kind !== "groups" || !isGraphConfigured(graph)) return null;
    const g = graph.withBudget(GROUP_BUDGET);
    const ids = new Set<string>();
    try {
      for (const group of source.groups) {
        for await (const page of g.listGroupMembers(group.id, { transitive: true, top: 999 })) {
          for (const o of page) if (o.odataType === "#microsoft.graph.user") ids.add(o.id);
        }
      }
    } catch (e) {
      throw new AppError(
        "UPSTREAM",
        `Reading the group members from Entra failed: ${(e as Error).message}`,
        undefined,
        { cause: e },
      );
    }
    return [...ids];
  }

  async function setMembers(
    tx: Parameters<Parameters<UnitOfWork["run"]>[0]>[0],
    id: string,
    source: WaveSource,
    members: string[] | null,
  ) {
    const now = clock();
    if (source.kind === "filter") await repo.replaceMembersByFilter(tx, id, source, now);
    else if (members) await repo.replaceMembers(tx, id, members, now);
  }

  const nameTaken = async (name: string, except?: string, modelId?: string | null) => {
    if (modelId && !(await repo.modelExists(uow.db, modelId)))
      throw new AppError("BAD_REQUEST", "The preferred model no longer exists. Pick another one, or none.", {
        fieldErrors: { preferredModelId: ["Pick a model from the list"] },
      });
    const other = await repo.waveByName(uow.db, name);
    if (other && other.id !== except)
      throw new AppError("CONFLICT", `A wave named "${name}" already exists.`, {
        fieldErrors: { name: ["Another wave has this name"] },
      });
  };

  async function saved(id: string, pending: boolean) {
    await signIns.rewriteWave(id);
    await onWavesChanged();
    const wave = await repo.wave(uow.db, id);
    return { id, members: wave?._count.members ?? 0, membersPending: pending };
  }

  const guardUnique = async <T>(name: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("CONFLICT", `A wave named "${name}" already exists.`);
      throw e;
    }
  };

  return {
    async listWaves(): Promise<Wave[]> {
      const now = clock();
      const registered = await repo.registeredByWave(uow.db);
      return (await repo.waves(uow.db)).map((w) => toWave(w, now, registered.get(w.id) ?? 0));
    },

    filterChoices: () => repo.filterChoices(uow.db),

    async searchGroups(q: string) {
      // The first page is plenty for a picker; typing narrows it.
      const groups = await graph.withBudget(3).searchGroups(q, { top: 50 });
      return groups.map((g) => ({
        id: g.id,
        name: g.displayName ?? g.id,
        description: g.description ?? null,
      }));
    },

    async createWave(ctx: RequestContext, input: WaveInput) {
      await nameTaken(input.name, undefined, input.preferredModelId);
      const members = await groupMembers(input.source);
      const id = await guardUnique(input.name, () =>
        uow.run(async (tx) => {
          const { id } = await repo.create(tx, toData(input));
          await setMembers(tx, id, input.source, members);
          await audit.record(tx, ctx, {
            action: "rollout.wave.create",
            subjectType: "RolloutWave",
            subjectId: id,
            after: { ...input },
          });
          return id;
        }),
      );
      return saved(id, input.source.kind === "groups" && !members);
    },

    async updateWave(ctx: RequestContext, input: WaveUpdateInput) {
      const before = await repo.wave(uow.db, input.id);
      if (!before) throw new AppError("NOT_FOUND", "No such wave.");
      await nameTaken(input.name, input.id, input.preferredModelId);
      const members = await groupMembers(input.source);
      const { id, updatedAt, ...fields } = input;
      await guardUnique(input.name, () =>
        uow.run(async (tx) => {
          if (!(await repo.update(tx, id, updatedAt, toData(fields)))) {
            throw new AppError(
              "CONFLICT",
              "Someone changed this wave meanwhile. Reload it and make your change again.",
            );
          }
          await setMembers(tx, id, input.source, members);
          await audit.record(tx, ctx, {
            action: "rollout.wave.update",
            subjectType: "RolloutWave",
            subjectId: id,
            before: toWave(before, clock()),
            after: fields,
          });
        }),
      );
      return saved(id, input.source.kind === "groups" && !members);
    },

    async deleteWave(ctx: RequestContext, input: { id: string }) {
      await uow.run(async (tx) => {
        const before = await repo.wave(tx, input.id);
        if (!before) throw new AppError("NOT_FOUND", "No such wave.");
        await repo.remove(tx, input.id);
        await audit.record(tx, ctx, {
          action: "rollout.wave.delete",
          subjectType: "RolloutWave",
          subjectId: input.id,
          before: toWave(before, clock()),
        });
      });
      await signIns.rewriteWave(input.id);
      await onWavesChanged();
      return { id: input.id };
    },

    /** After a sync: filter waves follow the directory (people move departments and offices). */
    async refreshFilterWaves(): Promise<number> {
      let changed = 0;
      for (const w of await repo.filterWaves(uow.db)) {
        const f = w.filter as { department?: unknown; siteId?: unknown };
        const strings = (v: unknown) =>
          Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
        const r = await repo.replaceMembersByFilter(
          uow.db,
          w.id,
          { department: strings(f.department), siteId: strings(f.siteId) },
          clock(),
        );
        if (r.added + r.removed > 0) {
          changed++;
          await signIns.rewriteWave(w.id);
        }
      }
      return changed;
    },
  };
}

export type RolloutService = ReturnType<typeof makeRolloutService>;
