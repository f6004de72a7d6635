import type { Db } from "@/server/db/uow";
import { heldStatuses, shelfStatuses, targetStatus } from "./lifecycle";

// The assignment screens' work lists (follow-ups, orphan credentials, keys to wipe, leavers), part of
// the assignment repository (assignment.repository.ts spreads them in). No rules here.

/** A key someone holds: assigned, active or reserved (lifecycle.ts). */
export const held = { in: [...heldStatuses] };

export function makeAssignmentLists() {
  return {
    /** Keys assigned (not active) before `cutoff` whose user has registered no credential for them. */
    async followUps(db: Db, cutoff: Date, take: number) {
      const rows = await db.keyAssignment.findMany({
        where: { endedAt: null, assignedAt: { lt: cutoff }, key: { status: "assigned" } },
        orderBy: { assignedAt: "asc" },
        take,
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
      });
      return rows;
    },

    /** Live credentials that no key carries, not synced passkeys (those are never hardware). */
    unlinkedCredentials: (db: Db, take: number) =>
      db.entraCredential.findMany({
        // (passkeyType is null on tenants that do not report it: those are kept, so no plain NOT here.)
        where: {
          removedAt: null,
          keyId: null,
          OR: [{ passkeyType: null }, { passkeyType: { not: "synced" } }],
        },
        orderBy: [{ isUnknownModel: "asc" }, { createdDateTime: "desc" }],
        take,
        select: {
          id: true,
          methodId: true,
          aaguid: true,
          model: true,
          displayName: true,
          createdDateTime: true,
          isUnknownModel: true,
          user: { select: { id: true, displayName: true, userPrincipalName: true } },
        },
      }),

    /** Keys back in stock (or returned) whose credential is still live in Entra: nobody wiped them, or the user kept using them. */
    keysInStockWithLiveCredential: (db: Db, take: number) =>
      db.securityKey.findMany({
        where: {
          status: { in: [...shelfStatuses, targetStatus("reserve")] },
          credential: { removedAt: null },
        },
        take,
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

    /** Keys checked in and waiting for a FIDO reset (wipe) or retirement, oldest first. */
    returnedKeys: (db: Db, take: number) =>
      db.securityKey.findMany({
        where: { status: "returned" },
        orderBy: { statusChangedAt: "asc" },
        take,
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

    /** Disabled or deleted users still holding keys or live credentials: the offboarding queue. */
    async leavers(db: Db, take: number) {
      const rows = await db.directoryUser.findMany({
        where: {
          OR: [{ accountEnabled: false }, { deletedAt: { not: null } }],
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
            select: {
              id: true,
              methodId: true,
              displayName: true,
              model: true,
              aaguid: true,
              createdDateTime: true,
              key: { select: { serial: true } },
            },
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
