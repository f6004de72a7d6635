import type {
  CaseKind,
  CasePriority,
  CaseStatus,
  CaseStepKind,
  Prisma,
  StepStatus,
} from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { keySummary, keySummarySelect } from "@/server/modules/inventory/inventory.repository";
import { makeCaseUserReads } from "./case-users.repository";
import { caseSelect, isOpen, where, type CaseFilter, type StepPatch } from "./case-rows.repository";

// Cases, their steps, evidence and approvals. No rules here: the services decide, this reads and writes.
// The case's shape is in case-rows.repository.ts; what is read about the user in case-users.repository.ts.

export {
  openStatuses,
  type CaseFilter,
  type CaseRow,
  type CaseStepRow,
  type StepPatch,
} from "./case-rows.repository";

export function makeCasesRepository() {
  return {
    ...makeCaseUserReads(),
    caseById: (db: Db, id: string) => db.case.findUnique({ where: { id }, select: caseSelect }),

    list: (db: Db, f: CaseFilter, page: { skip: number; take: number }) =>
      db.case.findMany({
        where: where(f),
        orderBy: [{ createdAt: "desc" }, { number: "desc" }],
        skip: page.skip,
        take: page.take,
        select: {
          id: true,
          number: true,
          kind: true,
          status: true,
          userId: true,
          openedById: true,
          priority: true,
          assigneeId: true,
          createdAt: true,
          updatedAt: true,
          closedAt: true,
          user: { select: { displayName: true, userPrincipalName: true, isPrivileged: true } },
          keys: { select: { key: { select: { serial: true } } } },
          steps: {
            orderBy: { createdAt: "asc" },
            select: { id: true, kind: true, status: true, detail: true },
          },
          approvals: { where: { status: "pending" }, select: { id: true } },
        },
      }),
    count: (db: Db, f: CaseFilter) => db.case.count({ where: where(f) }),

    create: (
      db: Db,
      data: {
        kind: CaseKind;
        userId: string;
        openedById: string;
        ticketRef: string | null;
        priority?: CasePriority;
        assigneeId?: string | null;
        keyIds: string[];
        steps: { kind: CaseStepKind; target: string; status?: StepStatus; detail?: Prisma.InputJsonValue }[];
      },
    ) =>
      db.case.create({
        data: {
          kind: data.kind,
          userId: data.userId,
          openedById: data.openedById,
          assigneeId: data.assigneeId ?? data.openedById,
          priority: data.priority ?? "normal",
          ticketRef: data.ticketRef,
          keys: { create: data.keyIds.map((keyId) => ({ keyId })) },
          steps: { create: data.steps },
        },
        select: { id: true, number: true },
      }),

    /** Optimistic concurrency: changes the case only at the version the agent saw; false when someone was first. */
    async claimVersion(db: Db, id: string, version: number): Promise<boolean> {
      const r = await db.case.updateMany({
        where: { id, version, status: isOpen },
        data: { version: { increment: 1 } },
      });
      return r.count === 1;
    },
    /** A change that follows one the agent already claimed (e.g. recording a Graph call's outcome). */
    async touch(db: Db, id: string) {
      await db.case.updateMany({ where: { id }, data: { version: { increment: 1 } } });
    },

    /** Closes a case still open; false when it was closed already (by an agent, or another sync). */
    async closeIfOpen(
      db: Db,
      id: string,
      data: { closedAt: Date; closedById: string; outcome: string; closeReason?: string | null },
    ): Promise<boolean> {
      const r = await db.case.updateMany({
        where: { id, status: isOpen },
        data: { ...data, status: "closed", version: { increment: 1 } },
      });
      return r.count === 1;
    },
    /** The case's own close step is done when the case closes (its other steps stay as they were). */
    completeCloseStep: (db: Db, caseId: string, actorId: string, now: Date) =>
      db.caseStep.updateMany({
        where: { caseId, kind: "close", status: { not: "done" } },
        data: { status: "done", completedAt: now, actorId },
      }),
    setStatusIfOpen: (db: Db, id: string, status: CaseStatus) =>
      db.case.updateMany({ where: { id, status: isOpen }, data: { status } }),

    /** Moves a step only from a status the caller expects; false when another request moved it first. */
    async moveStep(db: Db, id: string, from: StepStatus[], patch: StepPatch): Promise<boolean> {
      const { detail, ...rest } = patch;
      const r = await db.caseStep.updateMany({
        where: { id, status: { in: from } },
        data: { ...rest, ...(detail !== undefined ? { detail: detail as Prisma.InputJsonValue } : {}) },
      });
      return r.count === 1;
    },
    /**
     * Agents a case may be assigned to: everyone who has worked a case, with the name of their latest
     * audit event (staff are otherwise stored by id only).
     */
    async agents(db: Db): Promise<{ id: string; name: string }[]> {
      const rows = await db.auditEvent.findMany({
        where: { action: { startsWith: "cases." }, actorId: { not: "system" } },
        distinct: ["actorId"],
        orderBy: [{ actorId: "asc" }, { seq: "desc" }],
        select: { actorId: true, actorName: true },
      });
      return rows
        .map((r) => ({ id: r.actorId, name: r.actorName }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    setTriage: (db: Db, id: string, data: { assigneeId: string | null; priority: CasePriority }) =>
      db.case.update({ where: { id }, data, select: { id: true } }),

    /** The name each actor had on this case's audit events (staff are otherwise stored by id only). */
    async actorNamesOfCase(db: Db, caseId: string): Promise<Map<string, string>> {
      const rows = await db.auditEvent.findMany({
        where: { subjectType: "Case", subjectId: caseId },
        distinct: ["actorId"],
        select: { actorId: true, actorName: true },
      });
      return new Map(rows.map((r) => [r.actorId, r.actorName]));
    },

    stepsOf: (db: Db, caseId: string) =>
      db.caseStep.findMany({
        where: { caseId },
        orderBy: { createdAt: "asc" },
        select: { kind: true, status: true },
      }),

    addEvidence: (
      db: Db,
      data: {
        caseId: string;
        method: "callback" | "manager_confirmation" | "video_id" | "in_person";
        strength: number;
        verifiedById: string;
        verifiedAt: Date;
        reference: string;
      },
    ) => db.verificationEvidence.create({ data, select: { id: true } }),

    markCredentialRemoved: (db: Db, id: string, now: Date) =>
      db.entraCredential.updateMany({ where: { id, removedAt: null }, data: { removedAt: now } }),
    /** A key by its serial, as scanned or typed (serials are compared without regard to case). */
    keyBySerial: async (db: Db, serial: string) => {
      const k = await db.securityKey.findFirst({
        where: { serial: { equals: serial.trim(), mode: "insensitive" } },
        select: keySummarySelect,
      });
      return k ? keySummary(k) : null;
    },
    setReplacement: (db: Db, caseId: string, keyId: string) =>
      db.case.updateMany({ where: { id: caseId }, data: { replacementKeyId: keyId } }),

    /** Open lost/stolen/damaged cases whose replacement key now carries a live credential linked by sync or an agent. */
    registeredReplacements: (db: Db, userId?: string) =>
      db.case.findMany({
        where: {
          userId,
          status: isOpen,
          kind: { in: ["lost", "stolen", "damaged"] },
          replacementKey: { credential: { removedAt: null } },
        },
        select: {
          id: true,
          number: true,
          userId: true,
          status: true,
          replacementKey: {
            select: { id: true, serial: true, credential: { select: { id: true, methodId: true } } },
          },
        },
      }),
  };
}

export type CasesRepository = ReturnType<typeof makeCasesRepository>;
