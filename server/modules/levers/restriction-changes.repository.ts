import type { ApprovalStatus, Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Key-restriction changes waiting for (or decided by) a second admin: rows of the four-eyes approvals
// table with no case, the draft in `payload` (docs/SECURITY-LEAD.md).

export const RESTRICTION_ACTION = "levers.restriction";
/** The audit trail's subject type for a request (subject id: the request's id). */
export const RESTRICTION_SUBJECT = "KeyRestrictionChange";

const select = {
  id: true,
  status: true,
  reason: true,
  decisionNote: true,
  payload: true,
  requestedById: true,
  requestedAt: true,
  approverId: true,
  decidedAt: true,
} as const;

export function makeRestrictionChangeRepository() {
  return {
    create: (
      db: Db,
      data: {
        requestedById: string;
        reason: string | null;
        payload: Prisma.InputJsonValue;
        requestedAt: Date;
      },
    ) => db.approval.create({ data: { ...data, action: RESTRICTION_ACTION }, select: { id: true } }),

    byId: (db: Db, id: string) =>
      db.approval.findFirst({ where: { id, action: RESTRICTION_ACTION, caseId: null }, select }),

    list: (db: Db, take: number) =>
      db.approval.findMany({
        where: { action: RESTRICTION_ACTION, caseId: null },
        orderBy: [{ status: "asc" }, { requestedAt: "desc" }],
        take,
        select,
      }),

    pendingCount: (db: Db) =>
      db.approval.count({ where: { action: RESTRICTION_ACTION, caseId: null, status: "pending" } }),

    /** Moves a request from one status to another only if it still has it: false when someone was first. */
    async move(
      db: Db,
      id: string,
      from: ApprovalStatus,
      data: {
        status: ApprovalStatus;
        approverId: string | null;
        decisionNote: string | null;
        decidedAt: Date | null;
      },
    ): Promise<boolean> {
      const r = await db.approval.updateMany({
        where: { id, action: RESTRICTION_ACTION, status: from },
        data,
      });
      return r.count === 1;
    },

    /** The name each person had on these requests' audit events (staff are otherwise stored by id only). */
    async actorNames(db: Db, ids: string[]): Promise<Map<string, string>> {
      const rows = await db.auditEvent.findMany({
        where: { subjectType: RESTRICTION_SUBJECT, subjectId: { in: ids } },
        distinct: ["actorId"],
        select: { actorId: true, actorName: true },
      });
      return new Map(rows.map((r) => [r.actorId, r.actorName]));
    },
  };
}

export type RestrictionChangeRepository = ReturnType<typeof makeRestrictionChangeRepository>;
