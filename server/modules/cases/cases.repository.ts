import {
  Prisma,
  type CaseKind,
  type CaseStatus,
  type CaseStepKind,
  type StepStatus,
} from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";

// Cases, their steps, evidence and approvals. No rules here: the services decide, this reads and writes.

export const openStatuses: CaseStatus[] = [
  "open",
  "awaiting_approval",
  "in_progress",
  "waiting_registration",
];
const isOpen = { in: openStatuses };

const userSelect = {
  id: true,
  displayName: true,
  userPrincipalName: true,
  mail: true,
  department: true,
  siteId: true,
  isPrivileged: true,
  accountEnabled: true,
  deletedAt: true,
  phoneOnRecord: true,
  site: { select: { code: true } },
  entraTaps: true,
  entraTapsReadAt: true,
} satisfies Prisma.DirectoryUserSelect;

const caseSelect = {
  id: true,
  number: true,
  kind: true,
  status: true,
  version: true,
  userId: true,
  openedById: true,
  ticketRef: true,
  outcome: true,
  closeReason: true,
  closedAt: true,
  closedById: true,
  createdAt: true,
  updatedAt: true,
  replacementKeyId: true,
  user: {
    select: {
      ...userSelect,
      // Every credential of the user: a case may revoke one no KeyFleet key carries (personal, passkey).
      credentials: {
        select: {
          id: true,
          methodId: true,
          displayName: true,
          model: true,
          aaguid: true,
          passkeyType: true,
          isUnknownModel: true,
          createdDateTime: true,
          lastUsedAt: true,
          removedAt: true,
          keyId: true,
        },
      },
    },
  },
  keys: {
    select: {
      key: {
        select: {
          id: true,
          serial: true,
          status: true,
          version: true,
          modelId: true,
          model: { select: { productName: true } },
          credential: {
            select: {
              id: true,
              methodId: true,
              displayName: true,
              model: true,
              createdDateTime: true,
              lastUsedAt: true,
              removedAt: true,
              matchMethod: true,
            },
          },
        },
      },
    },
  },
  replacementKey: {
    select: {
      id: true,
      serial: true,
      status: true,
      version: true,
      model: { select: { productName: true } },
      site: { select: { code: true } },
    },
  },
  steps: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      target: true,
      status: true,
      attempts: true,
      graphRef: true,
      lastError: true,
      detail: true,
      actorId: true,
      startedAt: true,
      completedAt: true,
    },
  },
  verifications: {
    orderBy: { verifiedAt: "asc" },
    select: { id: true, method: true, strength: true, verifiedById: true, verifiedAt: true, reference: true },
  },
  approvals: {
    orderBy: { requestedAt: "asc" },
    select: {
      id: true,
      action: true,
      status: true,
      requestedById: true,
      approverId: true,
      reason: true,
      requestedAt: true,
      decidedAt: true,
    },
  },
  taps: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      graphMethodId: true,
      startAt: true,
      expiresAt: true,
      lifetimeMinutes: true,
      isUsableOnce: true,
      revokedAt: true,
      issuedById: true,
      createdAt: true,
    },
  },
} satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;
export type CaseStepRow = CaseRow["steps"][number];

/** A change to a step; `detail` is the step's JSON notes (never a secret). */
export interface StepPatch {
  status?: StepStatus;
  startedAt?: Date | null;
  completedAt?: Date | null;
  attempts?: { increment: number };
  actorId?: string;
  lastError?: string | null;
  graphRef?: string | null;
  detail?: Record<string, unknown>;
}

export interface CaseFilter {
  status?: CaseStatus | "active";
  kind?: CaseKind;
  q?: string;
}

function where(f: CaseFilter): Prisma.CaseWhereInput {
  const q = f.q?.trim();
  const n = q && /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  return {
    status: f.status === "active" ? isOpen : f.status,
    kind: f.kind,
    ...(q
      ? {
          OR: [
            // A number is a case number (or a serial/UPN prefix), not a fragment of anyone's name:
            // "4" must not bring up every user whose display name happens to hold a 4.
            ...(n !== null
              ? [{ number: n }]
              : [{ user: { displayName: { contains: q, mode: "insensitive" as const } } }]),
            { user: { userPrincipalName: { startsWith: q.toLowerCase() } } },
            { keys: { some: { key: { serial: { startsWith: q.toUpperCase() } } } } },
          ],
        }
      : {}),
  };
}

export function makeCasesRepository() {
  return {
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
          id: true,
          serial: true,
          status: true,
          version: true,
          modelId: true,
          siteId: true,
          model: { select: { productName: true } },
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
        select: {
          id: true,
          methodId: true,
          displayName: true,
          model: true,
          aaguid: true,
          passkeyType: true,
          isUnknownModel: true,
          createdDateTime: true,
          lastUsedAt: true,
          keyId: true,
          key: { select: { serial: true, status: true, custodianId: true } },
        },
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

    create: (
      db: Db,
      data: {
        kind: CaseKind;
        userId: string;
        openedById: string;
        ticketRef: string | null;
        keyIds: string[];
        steps: { kind: CaseStepKind; target: string; status?: StepStatus; detail?: Prisma.InputJsonValue }[];
      },
    ) =>
      db.case.create({
        data: {
          kind: data.kind,
          userId: data.userId,
          openedById: data.openedById,
          assigneeId: data.openedById,
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
        select: {
          id: true,
          serial: true,
          status: true,
          version: true,
          model: { select: { productName: true } },
          site: { select: { code: true } },
        },
      });
      return k
        ? {
            id: k.id,
            serial: k.serial,
            status: k.status,
            version: k.version,
            model: k.model.productName,
            site: k.site.code,
          }
        : null;
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
