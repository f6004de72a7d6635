import type { Db } from "@/server/db/uow";
import { range, titleCase } from "@/server/lib/prefix-search";
import { keySummarySelect } from "@/server/modules/inventory/inventory.repository";

// Reads for the helpdesk's view of one user and for the global search. (The sync engineer owns
// directory.repository.ts, the mirror's writes.)

const userSelect = {
  id: true,
  userPrincipalName: true,
  displayName: true,
  mail: true,
  department: true,
  jobTitle: true,
  officeLocation: true,
  userType: true,
  accountEnabled: true,
  deletedAt: true,
  isPrivileged: true,
  isAdmin: true,
  isMfaCapable: true,
  isPasswordlessCapable: true,
  methodsRegistered: true,
  reportUpdatedAt: true,
  lastSyncedAt: true,
  siteId: true,
  siteSetManually: true,
  site: { select: { code: true, name: true } },
  waves: { select: { wave: { select: { name: true } } } },
} as const;
/** Keys the user holds now, with the open assignment and the credential each carries. */
const heldKeySelect = (userId: string) =>
  ({
    ...keySummarySelect,
    statusChangedAt: true,
    credential: {
      select: { id: true, methodId: true, matchMethod: true, removedAt: true, lastUsedAt: true },
    },
    assignments: {
      where: { userId, endedAt: null },
      take: 1,
      orderBy: { assignedAt: "desc" },
      select: {
        id: true,
        kind: true,
        assignedAt: true,
        handover: true,
        confirmedById: true,
        shippedAt: true,
        carrierRef: true,
        deliveredAt: true,
        readyAt: true,
      },
    },
  }) as const;
const assignmentSelect = {
  id: true,
  kind: true,
  assignedAt: true,
  assignedById: true,
  handover: true,
  endedAt: true,
  endReason: true,
  returnCondition: true,
  key: { select: { id: true, serial: true } },
} as const;
const credentialSelect = {
  id: true,
  methodId: true,
  displayName: true,
  model: true,
  aaguid: true,
  createdDateTime: true,
  lastUsedAt: true,
  lastUsedSource: true,
  removedAt: true,
  passkeyType: true,
  attestationLevel: true,
  isUnknownModel: true,
  matchMethod: true,
  matchedAt: true,
  key: { select: { id: true, serial: true } },
} as const;
const tapSelect = {
  id: true,
  graphMethodId: true,
  reason: true,
  issuedById: true,
  startAt: true,
  lifetimeMinutes: true,
  isUsableOnce: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  case: { select: { number: true } },
} as const;
const caseSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  createdAt: true,
  closedAt: true,
  outcome: true,
  ticketRef: true,
} as const;

export function makeDirectoryUserReads() {
  return {
    /**
     * The user and everything their page shows, in one round trip (relations joined in the database):
     * held keys with their open assignment and credential, assignments, credentials, passes and cases.
     */
    userPage: (db: Db, id: string) =>
      db.directoryUser.findUnique({
        where: { id },
        select: {
          ...userSelect,
          // Entra's last listing of the user's passes: the only record that a one-time pass was spent.
          entraTaps: true,
          entraTapsReadAt: true,
          keys: {
            where: { status: { in: ["reserved", "assigned", "active"] } },
            orderBy: { statusChangedAt: "asc" },
            select: heldKeySelect(id),
          },
          assignments: { orderBy: { assignedAt: "desc" }, take: 200, select: assignmentSelect },
          credentials: {
            orderBy: [{ removedAt: { sort: "desc", nulls: "first" } }, { createdDateTime: "desc" }],
            select: credentialSelect,
          },
          taps: { orderBy: { createdAt: "desc" }, take: 50, select: tapSelect },
          cases: { orderBy: { createdAt: "desc" }, take: 100, select: caseSelect },
        },
      }),

    /** Name, surname or UPN prefix; serial prefix. Each probe is an indexed range. */
    async search(db: Db, q: string, take: number, withUsers: boolean) {
      const names = [...new Set([q, titleCase(q)])];
      const users = withUsers
        ? await db.directoryUser.findMany({
            where: {
              OR: [
                ...names.flatMap((n) => [{ displayName: range(n) }, { surname: range(n) }]),
                { userPrincipalName: range(q.toLowerCase()) },
              ],
            },
            orderBy: [{ deletedAt: { sort: "desc", nulls: "first" } }, { displayName: "asc" }],
            take,
            select: {
              id: true,
              displayName: true,
              userPrincipalName: true,
              department: true,
              accountEnabled: true,
              deletedAt: true,
            },
          })
        : [];
      const keys = await db.securityKey.findMany({
        where: { serial: range(q.toUpperCase()) },
        orderBy: { serial: "asc" },
        take,
        select: {
          id: true,
          serial: true,
          status: true,
          model: { select: { productName: true } },
          custodian: { select: { id: true, displayName: true } },
        },
      });
      return { users, keys };
    },
  };
}

export type DirectoryUserReads = ReturnType<typeof makeDirectoryUserReads>;
