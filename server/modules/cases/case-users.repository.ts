import { Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { caseKeySelect, credentialSelect, isOpen, userSelect } from "./case-rows.repository";

// What a case reads about its user: the user, the keys they hold, their live credentials, the open cases
// already holding any of them, and the open offboarding case's step for one credential.

export function makeCaseUserReads() {
  return {
    user: (db: Db, id: string) => db.directoryUser.findUnique({ where: { id }, select: userSelect }),

    /** Serialises everything done for one user (opening a case, above all) across instances and agents. */
    async lockUser(db: Db, id: string): Promise<void> {
      await db.$queryRaw(Prisma.sql`SELECT id FROM directory_users WHERE id = ${id} FOR UPDATE`);
    },

    /** Keys with the user (or reserved for them), each with its credential and any open case it is in. */
    heldKeys: (db: Db, userId: string) =>
      db.securityKey.findMany({
        where: { custodianId: userId, status: { in: ["reserved", "assigned", "active"] } },
        orderBy: { statusChangedAt: "asc" },
        select: {
          ...caseKeySelect,
          siteId: true,
          credential: {
            select: {
              id: true,
              methodId: true,
              displayName: true,
              lastUsedAt: true,
              createdDateTime: true,
              removedAt: true,
            },
          },
          assignments: { where: { endedAt: null }, select: { kind: true }, take: 1 },
          caseKeys: {
            where: { case: { status: isOpen } },
            select: { case: { select: { id: true, number: true } } },
          },
        },
      }),

    liveCredentials: (db: Db, userId: string) =>
      db.entraCredential.findMany({
        where: { userId, removedAt: null },
        orderBy: { createdDateTime: "asc" },
        select: { ...credentialSelect, key: { select: { serial: true, status: true, custodianId: true } } },
      }),

    /** Open cases already revoking any of these credentials (a revoke step targets the credential's id). */
    openCasesWithCredentials: (db: Db, credentialIds: string[]) =>
      db.caseStep.findMany({
        where: { kind: "revoke_credential", target: { in: credentialIds }, case: { status: isOpen } },
        select: { target: true, case: { select: { id: true, number: true } } },
      }),

    openCasesOf: (db: Db, userId: string) =>
      db.case.findMany({
        where: { userId, status: isOpen },
        orderBy: { createdAt: "asc" },
        select: { id: true, number: true, kind: true, status: true },
      }),

    /** Open cases already holding any of these keys. */
    openCasesWithKeys: (db: Db, keyIds: string[]) =>
      db.caseKey.findMany({
        where: { keyId: { in: keyIds }, case: { status: isOpen } },
        select: { keyId: true, case: { select: { number: true } } },
      }),

    /** The step of the user's open offboarding case that deletes this credential, if there is one. */
    offboardingStepFor: (db: Db, userId: string, credentialId: string) =>
      db.caseStep.findFirst({
        where: {
          kind: "revoke_credential",
          target: credentialId,
          case: { userId, kind: "offboarding", status: isOpen },
        },
        select: { id: true, caseId: true },
      }),
    openOffboardingCase: (db: Db, userId: string) =>
      db.case.findFirst({
        where: { userId, kind: "offboarding", status: isOpen },
        select: { id: true, number: true },
      }),
    addRevokeStep: (db: Db, caseId: string, credentialId: string) =>
      db.caseStep.create({
        data: { caseId, kind: "revoke_credential", target: credentialId },
        select: { id: true },
      }),
  };
}
