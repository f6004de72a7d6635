import type { ApprovalStatus, CaseStepKind, Prisma } from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Four-eyes requests. The action names what is approved: "privileged_recovery" or "tap_over_cap".

export function makeApprovalsRepository() {
  return {
    create: (
      db: Db,
      data: {
        caseId: string;
        action: string;
        requestedById: string;
        reason: string | null;
        requestedAt: Date;
      },
    ) => db.approval.create({ data, select: { id: true } }),

    byId: (db: Db, id: string) =>
      db.approval.findUnique({
        where: { id },
        select: {
          id: true,
          caseId: true,
          action: true,
          status: true,
          requestedById: true,
          case: { select: { id: true, number: true, kind: true, userId: true } },
        },
      }),

    /** Decides only a still-pending request: false when another approver was first. */
    async decide(
      db: Db,
      id: string,
      data: { status: ApprovalStatus; approverId: string; decisionNote: string | null; decidedAt: Date },
    ): Promise<boolean> {
      const r = await db.approval.updateMany({ where: { id, status: "pending" }, data });
      return r.count === 1;
    },

    pendingCount: (db: Db, caseId: string) => db.approval.count({ where: { caseId, status: "pending" } }),
    pendingFor: (db: Db, caseId: string, action: string) =>
      db.approval.findFirst({ where: { caseId, action, status: "pending" }, select: { id: true } }),
    /** The newest approved request of this kind for the case by `requestedById`, decided after `since`. */
    approvedSince: (db: Db, caseId: string, action: string, since: Date, requestedById: string) =>
      db.approval.findFirst({
        where: { caseId, action, requestedById, status: "approved", decidedAt: { gt: since } },
        orderBy: { decidedAt: "desc" },
        select: { id: true, approverId: true },
      }),

    queue: (db: Db, status: ApprovalStatus, take: number) =>
      db.approval.findMany({
        where: { status, caseId: { not: null } } satisfies Prisma.ApprovalWhereInput,
        orderBy: { requestedAt: status === "pending" ? "asc" : "desc" },
        take,
        select: {
          id: true,
          action: true,
          status: true,
          reason: true,
          decisionNote: true,
          requestedById: true,
          requestedAt: true,
          approverId: true,
          decidedAt: true,
          case: {
            select: {
              id: true,
              number: true,
              kind: true,
              status: true,
              openedById: true,
              // Who took part in the case: four eyes says none of them may decide (four-eyes.ts).
              approvals: {
                select: {
                  action: true,
                  status: true,
                  requestedById: true,
                  approverId: true,
                  decidedAt: true,
                },
              },
              steps: { select: { kind: true, status: true, actorId: true } },
              taps: { select: { issuedById: true } },
              user: {
                select: {
                  id: true,
                  displayName: true,
                  userPrincipalName: true,
                  mail: true,
                  isPrivileged: true,
                },
              },
              verifications: {
                orderBy: { verifiedAt: "asc" },
                select: {
                  method: true,
                  strength: true,
                  reference: true,
                  verifiedById: true,
                  verifiedAt: true,
                },
              },
            },
          },
        },
      }),

    /**
     * Pending requests `actor` may decide, counted in one query for the navigation badge: the rule of
     * four-eyes.ts (`mayDecide`: nobody who took part in the case) and never a case about the actor's
     * own account (`assertNotSelf`), written as a filter. Most of the time nothing at all is pending: a
     * plain count says so first, because PostgreSQL plans the full filter (four NOT EXISTS, two joins)
     * afresh on every page — about 1.5 ms of its CPU, a fifth of all it did under bench:load.
     */
    decidableCount: async (
      db: Db,
      actor: { id: string; email: string | null },
      entraChanging: readonly CaseStepKind[],
    ) => {
      const pending = await db.approval.count({
        where: { status: "pending", requestedById: { not: actor.id } },
      });
      if (pending === 0) return 0;
      const email = actor.email?.toLowerCase();
      const notSelf: Prisma.DirectoryUserWhereInput[] = [{ id: { not: actor.id } }];
      if (email)
        notSelf.push(
          { NOT: { userPrincipalName: { equals: email, mode: "insensitive" } } },
          { OR: [{ mail: null }, { NOT: { mail: { equals: email, mode: "insensitive" } } }] },
        );
      return db.approval.count({
        where: {
          status: "pending",
          requestedById: { not: actor.id },
          case: {
            is: {
              openedById: { not: actor.id },
              verifications: { none: { verifiedById: actor.id } },
              approvals: { none: { requestedById: actor.id } },
              steps: {
                none: { actorId: actor.id, kind: { in: [...entraChanging] }, status: { not: "pending" } },
              },
              taps: { none: { issuedById: actor.id } },
              user: { AND: notSelf },
            },
          },
        } satisfies Prisma.ApprovalWhereInput,
      });
    },

    /** Over-cap requests in a window, for the security leads' alerts. */
    overCapSince: (db: Db, since: Date) =>
      db.approval.findMany({
        where: { action: "tap_over_cap", requestedAt: { gte: since } },
        orderBy: { requestedAt: "desc" },
        take: 200,
        select: {
          requestedById: true,
          requestedAt: true,
          status: true,
          case: { select: { id: true, number: true, user: { select: { id: true, displayName: true } } } },
        },
      }),
  };
}

export type ApprovalsRepository = ReturnType<typeof makeApprovalsRepository>;
