import type { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

export function makeSettingsRepository() {
  return {
    async ping(db: Db): Promise<boolean> {
      try {
        await db.$queryRaw`SELECT 1`;
        return true;
      } catch {
        return false;
      }
    },
    /** Rows of Prisma's standard migrations table; null when it cannot be read. */
    async migrationsApplied(db: Db): Promise<number | null> {
      try {
        const rows = await db.$queryRaw<
          { n: bigint | number }[]
        >`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
        return rows[0] ? Number(rows[0].n) : null;
      } catch {
        return null;
      }
    },
    /** A typed setting's stored JSON; the service validates it. */
    async get(db: Db, key: string): Promise<unknown> {
      const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
      return row?.value ?? null;
    },
    async put(db: Db, key: string, value: unknown, updatedById: string) {
      const json = value as Prisma.InputJsonValue;
      await db.setting.upsert({
        where: { key },
        create: { key, value: json, updatedById },
        update: { value: json, updatedById },
        select: { key: true },
      });
    },
  };
}

export type SettingsRepository = ReturnType<typeof makeSettingsRepository>;
