import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { iso } from "@/server/modules/directory/directory.repository";

// The credential mirror. One statement per chunk of users: upsert what Entra returned, mark what it no
// longer returns as removed (never deleted).

export interface MirrorCredential {
  methodId: string;
  userId: string;
  aaguid: string;
  model: string | null;
  displayName: string | null;
  createdDateTime: string | null;
  attestationLevel: string | null;
  passkeyType: string | null;
  lastUsedAt: string | null;
}

export interface StoredCredential extends MirrorCredential {
  id: string;
  removedAt: Date | null;
  keyId: string | null;
}

const json = (v: unknown) => JSON.stringify(v);

export function makeCredentialRepository() {
  return {
    async forUsers(db: Db, userIds: string[]): Promise<StoredCredential[]> {
      if (!userIds.length) return [];
      const rows = await db.entraCredential.findMany({
        where: { userId: { in: userIds } },
        select: {
          id: true,
          methodId: true,
          userId: true,
          aaguid: true,
          model: true,
          displayName: true,
          createdDateTime: true,
          attestationLevel: true,
          passkeyType: true,
          lastUsedAt: true,
          removedAt: true,
          keyId: true,
        },
      });
      return rows.map((r) => ({
        ...r,
        createdDateTime: r.createdDateTime?.toISOString() ?? null,
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      }));
    },

    /** Insert new credentials and update changed (or reappeared) ones. */
    async upsert(db: Db, rows: MirrorCredential[], now: Date): Promise<number> {
      if (!rows.length) return 0;
      return db.$executeRaw(Prisma.sql`
        INSERT INTO entra_credentials AS c (id, "methodId", "userId", aaguid, model, "displayName", "createdDateTime", "attestationLevel", "passkeyType",
          "lastUsedAt", "lastUsedSource", "firstSeenAt", "lastSeenAt", "removedAt", "isUnknownModel", "updatedAt")
        SELECT gen_random_uuid()::text, v."methodId", v."userId", lower(v.aaguid), v.model, v."displayName", v."createdDateTime", v."attestationLevel",
          v."passkeyType", v."lastUsedAt", CASE WHEN v."lastUsedAt" IS NOT NULL THEN 'graph' END, ${iso(now)}::timestamp, ${iso(now)}::timestamp, NULL,
          NOT EXISTS (SELECT 1 FROM key_model_aaguids a WHERE a.aaguid = lower(v.aaguid)), ${iso(now)}::timestamp
        FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v("methodId" text, "userId" text, aaguid text, model text, "displayName" text,
          "createdDateTime" timestamp, "attestationLevel" text, "passkeyType" text, "lastUsedAt" timestamp)
        ON CONFLICT ("userId", "methodId") DO UPDATE SET
          aaguid = EXCLUDED.aaguid, model = EXCLUDED.model, "displayName" = EXCLUDED."displayName", "createdDateTime" = EXCLUDED."createdDateTime",
          "attestationLevel" = EXCLUDED."attestationLevel", "passkeyType" = EXCLUDED."passkeyType",
          "lastUsedAt" = coalesce(EXCLUDED."lastUsedAt", c."lastUsedAt"),
          "lastUsedSource" = CASE WHEN EXCLUDED."lastUsedAt" IS NOT NULL THEN 'graph' ELSE c."lastUsedSource" END, "lastSeenAt" = EXCLUDED."lastSeenAt", "removedAt" = NULL,
          "updatedAt" = EXCLUDED."updatedAt"`);
    },

    /** Marks credentials removed; a key that carried one goes back from active to assigned. */
    async markRemoved(db: Db, ids: string[], now: Date): Promise<number> {
      if (!ids.length) return 0;
      const rows = await db.$queryRaw<{ keyId: string | null }[]>(Prisma.sql`
        UPDATE entra_credentials SET "removedAt" = ${iso(now)}::timestamp, "updatedAt" = ${iso(now)}::timestamp
        WHERE id = ANY(${ids}::text[]) AND "removedAt" IS NULL RETURNING "keyId"`);
      const keyIds = rows.map((r) => r.keyId).filter((k): k is string => k !== null);
      if (keyIds.length) {
        await db.$executeRaw(Prisma.sql`
          UPDATE security_keys SET status = 'assigned', "statusChangedAt" = ${iso(now)}::timestamp, version = version + 1, "updatedAt" = ${iso(now)}::timestamp
          WHERE id = ANY(${keyIds}::text[]) AND status = 'active'`);
      }
      return rows.length;
    },

    /** A model may have been added since: refresh the flag for every live credential in one statement. */
    async refreshUnknownModelFlags(db: Db, now: Date): Promise<number> {
      return db.$executeRaw(Prisma.sql`
        UPDATE entra_credentials c SET "isUnknownModel" = x.unknown, "updatedAt" = ${iso(now)}::timestamp
        FROM (SELECT id, NOT EXISTS (SELECT 1 FROM key_model_aaguids a WHERE a.aaguid = e.aaguid) AS unknown
              FROM entra_credentials e WHERE e."removedAt" IS NULL) x
        WHERE c.id = x.id AND c."isUnknownModel" IS DISTINCT FROM x.unknown`);
    },

    async countLive(db: Db): Promise<number> {
      return db.entraCredential.count({ where: { removedAt: null } });
    },
  };
}

export type CredentialRepository = ReturnType<typeof makeCredentialRepository>;
