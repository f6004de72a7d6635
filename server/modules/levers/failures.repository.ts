import type { Db } from "@/server/db/uow";

// Failed sign-ins with a security key (sign_in_failures, written by the sign-in ingest) and who made them.

export function makeFailureRepository() {
  return {
    failures: (db: Db, since: Date) =>
      db.signInFailure.findMany({
        where: { at: { gte: since } },
        orderBy: { at: "desc" },
        select: { id: true, userId: true, at: true, errorCode: true, failureReason: true, keyDetail: true },
      }),
    users: (db: Db, ids: string[]) =>
      db.directoryUser.findMany({
        where: { id: { in: ids } },
        select: { id: true, displayName: true, userPrincipalName: true, site: { select: { code: true } } },
      }),
  };
}

export type FailureRepository = ReturnType<typeof makeFailureRepository>;
