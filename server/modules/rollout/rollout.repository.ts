import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { NO_DEPARTMENT } from "./rollout.constants";
import { iso } from "./user-state.repository";
import { applyWaveOverrides, notHandAdded, replaceWaveMembers } from "./wave-overrides.repository";

// Waves and their membership. Group waves get their members from Entra (sync's groups phase, or at once
// when a wave is saved); filter waves from the directory mirror, here, in one statement each way.

const waveSelect = {
  id: true,
  name: true,
  groupIds: true,
  filter: true,
  startDate: true,
  registrationDeadline: true,
  enforcementDate: true,
  targetPercent: true,
  requiresBackupKey: true,
  addedUserIds: true,
  removedUserIds: true,
  preferredModel: { select: { id: true, vendor: true, productName: true } },
  createdAt: true,
  updatedAt: true,
  _count: { select: { members: true } },
} as const;

export interface WaveData {
  name: string;
  groupIds: string[];
  filter: Prisma.InputJsonValue | typeof Prisma.DbNull;
  startDate: Date;
  registrationDeadline: Date;
  enforcementDate: Date | null;
  targetPercent: number;
  requiresBackupKey: boolean;
  preferredModelId: string | null;
}

export interface MemberFilter {
  department: string[];
  siteId: string[];
}

const filterSql = (f: MemberFilter) => Prisma.sql`u."deletedAt" IS NULL
  AND (cardinality(${f.department}::text[]) = 0 OR coalesce(u.department, ${NO_DEPARTMENT}) = ANY(${f.department}::text[]))
  AND (cardinality(${f.siteId}::text[]) = 0 OR u."siteId" = ANY(${f.siteId}::text[]))`;

export function makeRolloutRepository() {
  return {
    waves: (db: Db) =>
      db.rolloutWave.findMany({ orderBy: [{ startDate: "asc" }, { name: "asc" }], select: waveSelect }),
    wave: (db: Db, id: string) => db.rolloutWave.findUnique({ where: { id }, select: waveSelect }),
    waveByName: (db: Db, name: string) =>
      db.rolloutWave.findFirst({
        where: { name: { equals: name, mode: "insensitive" } },
        select: { id: true },
      }),
    create: (db: Db, data: WaveData) => db.rolloutWave.create({ data, select: { id: true } }),
    /** Updates only if nobody changed the wave since `updatedAt` (returns false then). */
    async update(db: Db, id: string, updatedAt: Date, data: WaveData): Promise<boolean> {
      return (await db.rolloutWave.updateMany({ where: { id, updatedAt }, data })).count === 1;
    },
    remove: (db: Db, id: string) => db.rolloutWave.delete({ where: { id }, select: { id: true } }),

    /** Members = the live users the filter selects, exactly. */
    async replaceMembersByFilter(
      db: Db,
      waveId: string,
      f: MemberFilter,
      now: Date,
    ): Promise<{ added: number; removed: number }> {
      const removed = await db.$executeRaw(Prisma.sql`
        DELETE FROM wave_members m WHERE m."waveId" = ${waveId} AND ${notHandAdded(waveId)}
          AND NOT EXISTS (SELECT 1 FROM directory_users u WHERE u.id = m."userId" AND ${filterSql(f)})`);
      const added = await db.$executeRaw(Prisma.sql`
        INSERT INTO wave_members ("waveId", "userId", "addedAt")
        SELECT ${waveId}, u.id, ${iso(now)}::timestamp FROM directory_users u WHERE ${filterSql(f)}
        ON CONFLICT DO NOTHING`);
      await applyWaveOverrides(db, waveId, now);
      return { added, removed };
    },
    /** Makes the members exactly these users (those in the mirror), hand-made changes kept. */
    replaceMembers: replaceWaveMembers,
    filterWaves: (db: Db) =>
      db.rolloutWave.findMany({
        where: { groupIds: { isEmpty: true }, NOT: { filter: { equals: Prisma.DbNull } } },
        select: { id: true, filter: true },
      }),

    /** The choices a filter wave offers: departments in the mirror and sites. */
    async filterChoices(db: Db) {
      const [departments, sites] = await Promise.all([
        db.directoryUser.groupBy({
          by: ["department"],
          where: { deletedAt: null },
          _count: { _all: true },
          orderBy: { department: "asc" },
        }),
        db.site.findMany({
          where: { kind: "office" },
          orderBy: { code: "asc" },
          select: { id: true, code: true, name: true },
        }),
      ]);
      const models = await db.keyModel.findMany({
        where: { isActive: true },
        orderBy: [{ vendor: "asc" }, { productName: "asc" }],
        select: { id: true, vendor: true, productName: true },
      });
      return {
        departments: departments.map((d) => ({ name: d.department ?? NO_DEPARTMENT, users: d._count._all })),
        sites,
        models: models.map((m) => ({ id: m.id, name: `${m.vendor} ${m.productName}` })),
      };
    },
    modelExists: async (db: Db, id: string) => (await db.keyModel.count({ where: { id } })) > 0,

    /** Per wave, the members holding a live FIDO2 credential. */
    async registeredByWave(db: Db): Promise<Map<string, number>> {
      const rows = await db.$queryRaw<{ waveId: string; n: number }[]>(Prisma.sql`
        SELECT m."waveId", count(*)::int AS n FROM wave_members m
        WHERE EXISTS (SELECT 1 FROM entra_credentials c WHERE c."userId" = m."userId" AND c."removedAt" IS NULL)
        GROUP BY m."waveId"`);
      return new Map(rows.map((r) => [r.waveId, r.n]));
    },
  };
}

export type RolloutRepository = ReturnType<typeof makeRolloutRepository>;
