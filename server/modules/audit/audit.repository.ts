import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "./audit.chain";
import { makeAuditNames } from "./audit-names.repository";

type Db = PrismaClient | Prisma.TransactionClient;

export type NewAuditEvent = Omit<ChainedFields, "prevHash" | "at"> & { at?: Date };

export interface AuditEventRow extends ChainedFields {
  seq: bigint;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

const select = {
  seq: true,
  at: true,
  actorId: true,
  actorName: true,
  role: true,
  action: true,
  subjectType: true,
  subjectId: true,
  before: true,
  after: true,
  requestId: true,
  prevHash: true,
  hash: true,
} as const;

function where(f: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    action: f.action ? { startsWith: f.action } : undefined,
    actorId: f.actorId,
    subjectType: f.subjectType,
    subjectId: f.subjectId,
    at: f.from || f.to ? { gte: f.from, lt: f.to } : undefined,
  };
}

export function makeAuditRepository() {
  return {
    ...makeAuditNames(),
    /** Must run inside the transaction that makes the change it records. */
    async append(tx: Db, event: NewAuditEvent): Promise<AuditEventRow> {
      // One writer at a time extends the chain; the lock ends with the transaction.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7248301)`;
      const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
      const fields: ChainedFields = {
        ...event,
        at: event.at ?? new Date(),
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const hash = hashEvent(fields);
      const row = await tx.auditEvent.create({
        data: {
          ...fields,
          before: (fields.before ?? undefined) as Prisma.InputJsonValue | undefined,
          after: (fields.after ?? undefined) as Prisma.InputJsonValue | undefined,
          hash,
        },
        select,
      });
      return row;
    },

    async list(
      db: Db,
      filter: AuditFilter,
      page: { cursor?: bigint; take: number },
    ): Promise<AuditEventRow[]> {
      return db.auditEvent.findMany({
        where: { ...where(filter), seq: page.cursor !== undefined ? { lt: page.cursor } : undefined },
        orderBy: { seq: "desc" },
        take: page.take,
        select,
      });
    },

    /** The newest `take` events about any of these subjects, in one query (no count). */
    async recentAbout(
      db: Db,
      subjects: { subjectType: string; subjectIds: string[] }[],
      take: number,
    ): Promise<AuditEventRow[]> {
      const about = subjects.filter((x) => x.subjectIds.length);
      if (!about.length) return [];
      return db.auditEvent.findMany({
        where: { OR: about.map((x) => ({ subjectType: x.subjectType, subjectId: { in: x.subjectIds } })) },
        orderBy: { seq: "desc" },
        take,
        select,
      });
    },

    async count(db: Db, filter: AuditFilter): Promise<number> {
      return db.auditEvent.count({ where: where(filter) });
    },

    /** Events in chain order, streamed in batches so verifying a long trail stays small in memory. */
    async *inOrder(db: Db, batch = 2000): AsyncGenerator<AuditEventRow> {
      let after: bigint | undefined;
      for (;;) {
        const rows = await db.auditEvent.findMany({
          where: after !== undefined ? { seq: { gt: after } } : undefined,
          orderBy: { seq: "asc" },
          take: batch,
          select,
        });
        yield* rows;
        if (rows.length < batch) return;
        after = rows[rows.length - 1]!.seq;
      }
    },

    /** The newest event: the chain's head (seq and hash), or null on an empty trail. */
    async head(db: Db): Promise<{ seq: bigint; hash: string } | null> {
      return db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    },

    async hashesAt(db: Db, seqs: bigint[]): Promise<Map<bigint, string>> {
      const rows = await db.auditEvent.findMany({
        where: { seq: { in: seqs } },
        select: { seq: true, hash: true },
      });
      return new Map(rows.map((r) => [r.seq, r.hash]));
    },

    async distinctActions(db: Db): Promise<string[]> {
      const rows = await db.auditEvent.findMany({
        distinct: ["action"],
        select: { action: true },
        orderBy: { action: "asc" },
      });
      return rows.map((r) => r.action);
    },
  };
}

export type AuditRepository = ReturnType<typeof makeAuditRepository>;
