import {
  Prisma,
  type AssignmentKind,
  type HandoverMethod,
  type KeyStatus,
} from "@/server/db/generated/client";
import type { Db } from "@/server/db/uow";
import { held, makeAssignmentLists } from "./assignment-lists.repository";

// Keys, assignments and the credentials they carry, for the lifecycle services. No rules here.

const keySelect = {
  id: true,
  serial: true,
  vendor: true,
  status: true,
  version: true,
  siteId: true,
  custodianId: true,
  modelId: true,
  statusChangedAt: true,
  site: { select: { code: true } },
  model: { select: { productName: true } },
  credential: { select: { id: true, methodId: true, userId: true, removedAt: true } },
} satisfies Prisma.SecurityKeySelect;

export type LifecycleKey = Prisma.SecurityKeyGetPayload<{ select: typeof keySelect }>;

export interface GuardedUpdate {
  id: string;
  version: number;
  from: KeyStatus[];
  data: { status?: KeyStatus; custodianId?: string | null; siteId?: string; notes?: string | null };
  now: Date;
}

export interface NewAssignment {
  keyId: string;
  userId: string;
  kind: AssignmentKind;
  assignedAt: Date;
  assignedById: string;
  handover: HandoverMethod | null;
  confirmedById: string | null;
  shippedAt: Date | null;
  carrierRef: string | null;
  deliveredAt: Date | null;
}

export function makeAssignmentRepository() {
  return {
    ...makeAssignmentLists(),
    key: (db: Db, id: string) => db.securityKey.findUnique({ where: { id }, select: keySelect }),
    keys: (db: Db, ids: string[]) =>
      db.securityKey.findMany({ where: { id: { in: ids } }, select: keySelect }),

    /** Applies the change only if the key is still at `version` and in one of `from`; returns whether it did. */
    async updateKeyGuarded(db: Db, u: GuardedUpdate): Promise<boolean> {
      const res = await db.securityKey.updateMany({
        where: { id: u.id, version: u.version, status: { in: u.from } },
        data: { ...u.data, version: { increment: 1 }, ...(u.data.status ? { statusChangedAt: u.now } : {}) },
      });
      return res.count === 1;
    },

    user: (db: Db, id: string) =>
      db.directoryUser.findUnique({
        where: { id },
        select: {
          id: true,
          displayName: true,
          userPrincipalName: true,
          siteId: true,
          accountEnabled: true,
          deletedAt: true,
          site: { select: { code: true } },
        },
      }),

    site: (db: Db, id: string) =>
      db.site.findUnique({ where: { id }, select: { id: true, code: true, name: true } }),
    sites: (db: Db) =>
      db.site.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),

    createAssignment: (db: Db, a: NewAssignment) =>
      db.keyAssignment.create({ data: a, select: { id: true } }),

    openAssignment: (db: Db, keyId: string) =>
      db.keyAssignment.findFirst({
        where: { keyId, endedAt: null },
        orderBy: { assignedAt: "desc" },
        select: { id: true, userId: true, kind: true },
      }),

    openAssignmentsOf: (db: Db, userId: string) =>
      db.keyAssignment.findMany({
        where: { userId, endedAt: null },
        select: { id: true, keyId: true, kind: true },
      }),

    assignment: (db: Db, id: string) =>
      db.keyAssignment.findUnique({
        where: { id },
        select: {
          id: true,
          keyId: true,
          userId: true,
          assignedAt: true,
          handover: true,
          shippedAt: true,
          carrierRef: true,
          deliveredAt: true,
          readyAt: true,
          endedAt: true,
          confirmedById: true,
          key: { select: { serial: true } },
        },
      }),

    /** Changes an open assignment's handover only if its shipping dates are still the ones the caller saw; returns whether it did. */
    async updateHandoverGuarded(
      db: Db,
      id: string,
      seen: { shippedAt: Date | null; deliveredAt: Date | null; readyAt: Date | null },
      data: {
        shippedAt?: Date;
        carrierRef?: string;
        deliveredAt?: Date;
        confirmedById?: string;
        readyAt?: Date;
      },
    ) {
      const r = await db.keyAssignment.updateMany({
        where: {
          id,
          endedAt: null,
          shippedAt: seen.shippedAt,
          deliveredAt: seen.deliveredAt,
          readyAt: seen.readyAt,
        },
        data,
      });
      return r.count === 1;
    },

    async endAssignment(
      db: Db,
      keyId: string,
      data: { endedAt: Date; endReason: string; returnCondition?: string | null },
    ) {
      await db.keyAssignment.updateMany({ where: { keyId, endedAt: null }, data });
    },

    /** Keys in stock at a site (and keys reserved there), oldest first so stock rotates; optional serial prefix. */
    stock: (db: Db, input: { siteId: string; q?: string; take: number }) =>
      db.securityKey.findMany({
        where: {
          siteId: input.siteId,
          status: "in_stock",
          ...(input.q ? { serial: { startsWith: input.q.toUpperCase() } } : {}),
        },
        orderBy: [{ statusChangedAt: "asc" }, { serial: "asc" }],
        take: input.take,
        select: keySelect,
      }),

    /** Wave members with no key held (assigned, active or reserved), with their site. */
    async waveUsersWithoutKeys(db: Db, waveId: string, take: number) {
      return db.directoryUser.findMany({
        where: {
          waves: { some: { waveId } },
          accountEnabled: true,
          deletedAt: null,
          keys: { none: { status: held } },
        },
        orderBy: [{ siteId: "asc" }, { displayName: "asc" }],
        take,
        select: {
          id: true,
          displayName: true,
          userPrincipalName: true,
          siteId: true,
          site: { select: { code: true } },
        },
      });
    },

    waves: (db: Db) =>
      db.rolloutWave.findMany({
        orderBy: { startDate: "asc" },
        select: { id: true, name: true, startDate: true, _count: { select: { members: true } } },
      }),

    wave: (db: Db, id: string) =>
      db.rolloutWave.findUnique({
        where: { id },
        select: {
          id: true,
          name: true,
          preferredModel: { select: { id: true, vendor: true, productName: true } },
        },
      }),

    /** In-stock keys per site (of one model when given), oldest first, at most `perSite` of each. */
    async stockBySite(db: Db, siteIds: string[], perSite: number, modelId?: string) {
      const out = new Map<string, LifecycleKey[]>();
      for (const siteId of siteIds) {
        out.set(
          siteId,
          await db.securityKey.findMany({
            where: { siteId, status: "in_stock", ...(modelId ? { modelId } : {}) },
            orderBy: [{ statusChangedAt: "asc" }, { serial: "asc" }],
            take: perSite,
            select: keySelect,
          }),
        );
      }
      return out;
    },

    async setting(db: Db, key: string): Promise<unknown> {
      const s = await db.setting.findUnique({ where: { key }, select: { value: true } });
      return s?.value ?? null;
    },

    credential: (db: Db, id: string) =>
      db.entraCredential.findUnique({
        where: { id },
        select: {
          id: true,
          methodId: true,
          userId: true,
          keyId: true,
          removedAt: true,
          displayName: true,
          aaguid: true,
          createdDateTime: true,
          user: { select: { accountEnabled: true, deletedAt: true, displayName: true } },
        },
      }),

    /** Claims the credential for deletion: only one caller sees true. */
    /** Marks the open offboarding case's step for this target done (the sync opens them). */
    async completeCaseSteps(
      db: Db,
      userId: string,
      kind: "revoke_credential" | "mark_key",
      target: string,
      actorId: string,
      now: Date,
      graphRef?: string,
    ) {
      await db.caseStep.updateMany({
        where: {
          kind,
          target,
          status: { in: ["pending", "running", "failed"] },
          case: { userId, status: { notIn: ["closed", "cancelled"] } },
        },
        data: {
          status: "done",
          completedAt: now,
          actorId,
          graphRef: graphRef ?? null,
          attempts: { increment: 1 },
        },
      });
    },

    /** Closes open offboarding cases of the user that have no step left to do. */
    async closeFinishedOffboarding(db: Db, userId: string, actorId: string, now: Date): Promise<number[]> {
      const open = await db.case.findMany({
        where: { userId, kind: "offboarding", status: { notIn: ["closed", "cancelled"] } },
        select: { id: true, number: true, steps: { select: { status: true } } },
      });
      const done = open.filter((c) => c.steps.every((s) => s.status === "done" || s.status === "skipped"));
      if (done.length) {
        await db.case.updateMany({
          where: { id: { in: done.map((c) => c.id) } },
          data: {
            status: "closed",
            closedAt: now,
            closedById: actorId,
            outcome: "Keys collected and credentials deleted",
            version: { increment: 1 },
          },
        });
      }
      return done.map((c) => c.number);
    },
  };
}

export type AssignmentRepository = ReturnType<typeof makeAssignmentRepository>;
