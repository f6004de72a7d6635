import type { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { heldStatuses, shelfStatuses, targetStatus } from "./lifecycle";

// The assignment screens' work lists (follow-ups, orphan credentials, keys to wipe, leavers), part of
// the assignment repository (assignment.repository.ts spreads them in). No rules here.

/** A credential as a work list names it: which, what model, made when. */
const credentialFieldsSelect = {
  id: true,
  methodId: true,
  aaguid: true,
  model: true,
  displayName: true,
  createdDateTime: true,
} satisfies Prisma.EntraCredentialSelect;

/** The same, and whose. */
export const credentialSummarySelect = {
  ...credentialFieldsSelect,
  user: { select: { id: true, displayName: true, userPrincipalName: true } },
} satisfies Prisma.EntraCredentialSelect;

/** A key someone holds: assigned, active or reserved (lifecycle.ts). */
export const held = { in: [...heldStatuses] };

/** One page of a work list: rows to skip and to take. Each paged list answers its rows and their total. */
export interface ListPage {
  skip: number;
  take: number;
}

const unlinkedWhere = {
  removedAt: null,
  keyId: null,
  // (passkeyType is null on tenants that do not report it: those are kept, so no plain NOT here.)
  OR: [{ passkeyType: null }, { passkeyType: { not: "synced" } }],
} satisfies Prisma.EntraCredentialWhereInput;
const stockWithCredentialWhere = {
  status: { in: [...shelfStatuses, targetStatus("reserve")] },
  credential: { removedAt: null },
} satisfies Prisma.SecurityKeyWhereInput;
const leaverWhere = {
  OR: [{ accountEnabled: false }, { deletedAt: { not: null } }],
} satisfies Prisma.DirectoryUserWhereInput;

export function makeAssignmentLists() {
  return {
    /** Keys assigned (not active) before `cutoff` whose user has registered no credential for them. */
    async followUps(db: Db, cutoff: Date, page: ListPage) {
      const where = { endedAt: null, assignedAt: { lt: cutoff }, key: { status: "assigned" as const } };
      const [rows, total] = await Promise.all([
        db.keyAssignment.findMany({
          where,
          orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
          ...page,
          select: {
            id: true,
            kind: true,
            assignedAt: true,
            handover: true,
            shippedAt: true,
            deliveredAt: true,
            key: {
              select: {
                id: true,
                serial: true,
                model: { select: { productName: true } },
                site: { select: { code: true } },
              },
            },
            user: { select: { id: true, displayName: true, userPrincipalName: true } },
          },
        }),
        db.keyAssignment.count({ where }),
      ]);
      return { rows, total };
    },

    /** Live credentials that no key carries, not synced passkeys (those are never hardware). */
    unlinkedCredentials: async (db: Db, page: ListPage) => {
      const [rows, total] = await Promise.all([
        db.entraCredential.findMany({
          where: unlinkedWhere,
          orderBy: [{ isUnknownModel: "asc" }, { createdDateTime: "desc" }, { id: "asc" }],
          ...page,
          select: { ...credentialSummarySelect, isUnknownModel: true },
        }),
        db.entraCredential.count({ where: unlinkedWhere }),
      ]);
      return { rows, total };
    },

    /** Keys back in stock (or returned) whose credential is still live in Entra: nobody wiped them, or the user kept using them. */
    keysInStockWithLiveCredential: async (db: Db, page: ListPage) => {
      const [rows, total] = await Promise.all([
        db.securityKey.findMany({
          where: stockWithCredentialWhere,
          orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
          ...page,
          select: {
            id: true,
            serial: true,
            status: true,
            site: { select: { code: true } },
            model: { select: { productName: true } },
            credential: {
              select: {
                id: true,
                methodId: true,
                lastUsedAt: true,
                user: { select: { id: true, displayName: true, userPrincipalName: true } },
              },
            },
          },
        }),
        db.securityKey.count({ where: stockWithCredentialWhere }),
      ]);
      return { rows, total };
    },

    /** Keys checked in and waiting for a FIDO reset (wipe) or retirement, oldest first. */
    returnedKeys: async (db: Db, page: ListPage) => {
      const [rows, total] = await Promise.all([
        db.securityKey.findMany({
          where: { status: "returned" },
          orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
          ...page,
          select: {
            id: true,
            serial: true,
            version: true,
            statusChangedAt: true,
            site: { select: { code: true } },
            model: { select: { productName: true } },
            assignments: {
              orderBy: { endedAt: "desc" },
              take: 1,
              select: { returnCondition: true, user: { select: { id: true, displayName: true } } },
            },
          },
        }),
        db.securityKey.count({ where: { status: "returned" } }),
      ]);
      return { rows, total };
    },

    /** Leavers whose credentials still live in Entra, with how many (reconciliation). */
    async leaversWithLiveCredentials(db: Db, page: ListPage) {
      const where = { ...leaverWhere, credentials: { some: { removedAt: null } } };
      const [rows, total] = await Promise.all([
        db.directoryUser.findMany({
          where,
          orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
          ...page,
          select: {
            id: true,
            displayName: true,
            userPrincipalName: true,
            deletedAt: true,
            _count: { select: { credentials: { where: { removedAt: null } } } },
          },
        }),
        db.directoryUser.count({ where }),
      ]);
      return { rows, total };
    },

    /** Disabled or deleted users still holding keys or live credentials: the offboarding queue. */
    async leavers(db: Db, take: number) {
      const rows = await db.directoryUser.findMany({
        where: {
          ...leaverWhere,
          AND: [
            { OR: [{ keys: { some: { status: held } } }, { credentials: { some: { removedAt: null } } }] },
          ],
        },
        orderBy: [{ updatedAt: "desc" }],
        take,
        select: {
          id: true,
          displayName: true,
          userPrincipalName: true,
          accountEnabled: true,
          deletedAt: true,
          updatedAt: true,
          department: true,
          site: { select: { code: true } },
          keys: {
            where: { status: held },
            select: {
              id: true,
              serial: true,
              status: true,
              version: true,
              model: { select: { productName: true } },
            },
          },
          credentials: {
            where: { removedAt: null },
            select: { ...credentialFieldsSelect, key: { select: { serial: true } } },
          },
          cases: {
            where: { kind: "offboarding", status: { notIn: ["closed", "cancelled"] } },
            select: { id: true, number: true, createdAt: true },
          },
        },
      });
      return rows;
    },
  };
}
