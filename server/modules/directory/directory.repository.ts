import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { replaceWaveMembers } from "@/server/modules/rollout/wave-overrides.repository";

// The user mirror. Every write is one statement for a whole page of users (jsonb_to_recordset), never
// a row-at-a-time loop: a 100 000-user tenant is 500 statements, not 100 000.

/** Live users per statement when looking for those a full round did not return. */
const UNSEEN_PAGE = 5000;

export interface MirrorUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  phoneOnRecord: string | null;
  userType: string;
  accountEnabled: boolean;
}

export interface UpsertedUser {
  id: string;
  inserted: boolean;
  changed: boolean;
  /** Enabled (and not deleted) before this write, disabled now. */
  becameDisabled: boolean;
}

export interface ReportFields {
  id: string;
  reportUpdatedAt: string | null;
  methodsRegistered: string[];
  isAdmin: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
}

export interface StoredReportState {
  id: string;
  reportUpdatedAt: Date | null;
  methodsRegistered: string[];
  isAdmin: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  activeCredentials: number;
}

const json = (v: unknown) => JSON.stringify(v);
// ISO strings, not Date parameters: a driver may render a Date in local time, and the columns have no zone.
export const iso = (d: Date) => d.toISOString();

/** Users Entra reports deleted: kept, marked. Returns the ids that were live until now. */
async function markDeleted(db: Db, ids: string[], now: Date): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE directory_users SET "deletedAt" = ${iso(now)}::timestamp, "accountEnabled" = false, "updatedAt" = ${iso(now)}::timestamp
    WHERE id = ANY(${ids}::text[]) AND "deletedAt" IS NULL RETURNING id`);
  return rows.map((r) => r.id);
}

export function makeDirectoryRepository() {
  return {
    /** Insert or update a page of users; returns what happened to each (unchanged rows are not written). */
    async upsertUsers(db: Db, users: MirrorUser[], now: Date): Promise<UpsertedUser[]> {
      if (!users.length) return [];
      const rows = await db.$queryRaw<
        {
          id: string;
          inserted: boolean;
          wasEnabled: boolean | null;
          wasDeleted: boolean | null;
          accountEnabled: boolean;
        }[]
      >(Prisma.sql`
        WITH v AS (
          SELECT * FROM jsonb_to_recordset(${json(users)}::jsonb) AS x(
            id text, "userPrincipalName" text, "displayName" text, "givenName" text, surname text, mail text, department text,
            "jobTitle" text, "officeLocation" text, "phoneOnRecord" text, "userType" text, "accountEnabled" boolean)
        ),
        old AS (SELECT u.id, u."accountEnabled", u."deletedAt" FROM directory_users u JOIN v ON v.id = u.id),
        up AS (
          INSERT INTO directory_users AS u (id, "userPrincipalName", "displayName", "givenName", surname, mail, department, "jobTitle",
            "officeLocation", "siteId", "phoneOnRecord", "userType", "accountEnabled", "deletedAt", "lastSyncedAt", "createdAt", "updatedAt")
          SELECT v.id, v."userPrincipalName", coalesce(v."displayName", v."userPrincipalName"), v."givenName", v.surname, v.mail, v.department, v."jobTitle",
            v."officeLocation", (SELECT s.id FROM sites s WHERE s."officeLocation" = v."officeLocation"), v."phoneOnRecord", v."userType", v."accountEnabled",
            NULL, ${iso(now)}::timestamp, ${iso(now)}::timestamp, ${iso(now)}::timestamp
          FROM v
          ON CONFLICT (id) DO UPDATE SET
            "userPrincipalName" = EXCLUDED."userPrincipalName", "displayName" = EXCLUDED."displayName", "givenName" = EXCLUDED."givenName",
            surname = EXCLUDED.surname, mail = EXCLUDED.mail, department = EXCLUDED.department, "jobTitle" = EXCLUDED."jobTitle",
            "officeLocation" = EXCLUDED."officeLocation",
            -- A site an agent set by hand survives sync: only automatic sites follow the office.
            "siteId" = CASE WHEN u."siteSetManually" THEN u."siteId" ELSE EXCLUDED."siteId" END, "phoneOnRecord" = EXCLUDED."phoneOnRecord",
            "userType" = EXCLUDED."userType", "accountEnabled" = EXCLUDED."accountEnabled", "deletedAt" = NULL,
            "lastSyncedAt" = EXCLUDED."lastSyncedAt", "updatedAt" = EXCLUDED."updatedAt"
          WHERE (u."userPrincipalName", u."displayName", u."givenName", u.surname, u.mail, u.department, u."jobTitle", u."officeLocation",
                 u."siteId", u."phoneOnRecord", u."userType", u."accountEnabled", u."deletedAt")
            IS DISTINCT FROM
                (EXCLUDED."userPrincipalName", EXCLUDED."displayName", EXCLUDED."givenName", EXCLUDED.surname, EXCLUDED.mail, EXCLUDED.department,
                 EXCLUDED."jobTitle", EXCLUDED."officeLocation", CASE WHEN u."siteSetManually" THEN u."siteId" ELSE EXCLUDED."siteId" END, EXCLUDED."phoneOnRecord", EXCLUDED."userType",
                 EXCLUDED."accountEnabled", NULL::timestamp)
          RETURNING u.id, (xmax = 0) AS inserted, u."accountEnabled"
        )
        SELECT up.id, up.inserted, up."accountEnabled", old."accountEnabled" AS "wasEnabled", (old."deletedAt" IS NOT NULL) AS "wasDeleted"
        FROM up LEFT JOIN old ON old.id = up.id`);
      return rows.map((r) => ({
        id: r.id,
        inserted: r.inserted,
        changed: !r.inserted,
        becameDisabled: !r.inserted && r.wasEnabled === true && r.wasDeleted === false && !r.accountEnabled,
      }));
    },

    /**
     * A site was created or edited: every user whose office is `officeLocation` (and whose site was not
     * set by hand) gets it; users it had by an office it no longer has lose it. Returns both sets of ids.
     */
    async attachSiteByOffice(
      db: Db,
      siteId: string,
      officeLocation: string | null,
      now: Date,
    ): Promise<{ attached: string[]; detached: string[] }> {
      const detached = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
        UPDATE directory_users SET "siteId" = NULL, "updatedAt" = ${iso(now)}::timestamp
        WHERE "siteId" = ${siteId} AND NOT "siteSetManually" AND "officeLocation" IS DISTINCT FROM ${officeLocation} RETURNING id`);
      const attached =
        officeLocation === null
          ? []
          : await db.$queryRaw<{ id: string }[]>(Prisma.sql`
        UPDATE directory_users SET "siteId" = ${siteId}, "updatedAt" = ${iso(now)}::timestamp
        WHERE "officeLocation" = ${officeLocation} AND NOT "siteSetManually" AND "siteId" IS DISTINCT FROM ${siteId} RETURNING id`);
      return { attached: attached.map((r) => r.id), detached: detached.map((r) => r.id) };
    },

    /** The site an agent picked (kept through sync), or null: back to the site of the user's office. */
    async setSiteByHand(db: Db, userId: string, siteId: string | null, now: Date) {
      if (siteId) {
        await db.directoryUser.update({
          where: { id: userId },
          data: { siteId, siteSetManually: true, updatedAt: now },
          select: { id: true },
        });
        return siteId;
      }
      const rows = await db.$queryRaw<{ siteId: string | null }[]>(Prisma.sql`
        UPDATE directory_users u SET "siteSetManually" = false, "updatedAt" = ${iso(now)}::timestamp,
          "siteId" = (SELECT s.id FROM sites s WHERE s."officeLocation" = u."officeLocation")
        WHERE u.id = ${userId} RETURNING u."siteId"`);
      return rows[0]?.siteId ?? null;
    },

    siteOfUser: (db: Db, userId: string) =>
      db.directoryUser.findUnique({
        where: { id: userId },
        select: { siteId: true, siteSetManually: true, site: { select: { code: true } } },
      }),
    siteExists: async (db: Db, id: string) => (await db.site.count({ where: { id } })) === 1,

    markDeleted,

    /**
     * After a full round: live users the round did not return were deleted while nobody watched. The live
     * ids are walked in pages and compared here, never sent as one array of every user seen: on the
     * embedded database a 100 000-id parameter grew the engine's memory by ~20 MB, kept for good.
     */
    async markUnseenDeleted(
      db: Db,
      seen: ReadonlySet<string>,
      now: Date,
      pageSize = UNSEEN_PAGE,
    ): Promise<string[]> {
      const gone: string[] = [];
      for (let after = ""; ;) {
        const page = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
          SELECT id FROM directory_users WHERE "deletedAt" IS NULL AND id > ${after} ORDER BY id LIMIT ${pageSize}`);
        const unseen = page.map((r) => r.id).filter((id) => !seen.has(id));
        gone.push(...(await markDeleted(db, unseen, now)));
        if (page.length < pageSize) return gone;
        after = page[page.length - 1]!.id;
      }
    },

    /** What the mirror holds from the last report, for a page of report entries. */
    async reportState(db: Db, ids: string[]): Promise<Map<string, StoredReportState>> {
      if (!ids.length) return new Map();
      const rows = await db.$queryRaw<StoredReportState[]>(Prisma.sql`
        SELECT u.id, u."reportUpdatedAt", u."methodsRegistered", u."isAdmin", u."isMfaCapable", u."isPasswordlessCapable",
          (SELECT count(*)::int FROM entra_credentials c WHERE c."userId" = u.id AND c."removedAt" IS NULL) AS "activeCredentials"
        FROM directory_users u WHERE u.id = ANY(${ids}::text[])`);
      return new Map(rows.map((r) => [r.id, { ...r, methodsRegistered: r.methodsRegistered ?? [] }]));
    },

    async writeReportFields(db: Db, rows: ReportFields[], now: Date): Promise<number> {
      if (!rows.length) return 0;
      return db.$executeRaw(Prisma.sql`
        UPDATE directory_users u SET "reportUpdatedAt" = v."reportUpdatedAt", "isAdmin" = v."isAdmin", "isMfaCapable" = v."isMfaCapable",
          "isPasswordlessCapable" = v."isPasswordlessCapable",
          "methodsRegistered" = ARRAY(SELECT jsonb_array_elements_text(v."methodsRegistered")),
          "lastSyncedAt" = ${iso(now)}::timestamp, "updatedAt" = ${iso(now)}::timestamp
        FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id text, "reportUpdatedAt" timestamp, "methodsRegistered" jsonb, "isAdmin" boolean,
          "isMfaCapable" boolean, "isPasswordlessCapable" boolean)
        WHERE u.id = v.id`);
    },

    /** Privileged = an admin role per the report, or a member of a configured privileged group. */
    async recomputePrivileged(db: Db, groupMemberIds: string[] | null, now: Date): Promise<number> {
      const members = groupMemberIds ?? [];
      return db.$executeRaw(Prisma.sql`
        UPDATE directory_users SET "isPrivileged" = ("isAdmin" OR id = ANY(${members}::text[])), "updatedAt" = ${iso(now)}::timestamp
        WHERE "isPrivileged" IS DISTINCT FROM ("isAdmin" OR id = ANY(${members}::text[]))`);
    },

    async groupWaves(db: Db): Promise<{ id: string; groupIds: string[] }[]> {
      return db.rolloutWave.findMany({
        where: { NOT: { groupIds: { isEmpty: true } } },
        select: { id: true, groupIds: true },
      });
    },

    /** Make a wave's members exactly these users (those in the mirror); people added or taken out by hand stay so. */
    replaceWaveMembers,

    async findUser(db: Db, id: string) {
      return db.directoryUser.findUnique({
        where: { id },
        select: {
          id: true,
          userPrincipalName: true,
          displayName: true,
          accountEnabled: true,
          deletedAt: true,
          reportUpdatedAt: true,
          lastSyncedAt: true,
        },
      });
    },

    async countLive(db: Db): Promise<number> {
      return db.directoryUser.count({ where: { deletedAt: null } });
    },
  };
}

export type DirectoryRepository = ReturnType<typeof makeDirectoryRepository>;
