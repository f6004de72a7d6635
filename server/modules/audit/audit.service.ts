import type { RequestContext } from "@/server/auth/actor";
import { roleLabel } from "@/server/auth/actor";
import type { Tx, UnitOfWork } from "@/server/db/uow";
import { toJsonValue } from "@/server/lib/canonical-json";
import { makeChainVerifier, type ChainVerdict } from "./audit.chain";
import type { AuditFilter, AuditRepository } from "./audit.repository";

export interface AuditChange {
  action: string; // "<domain>.<verb>", e.g. "keys.assign"
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

/** A job's event names the person who started the job beside the system actor (actor.ts asJob). */
function withTriggeredBy(after: unknown, triggeredBy: { id: string; name: string }) {
  if (after === undefined || after === null) return { triggeredBy };
  if (typeof after === "object" && !Array.isArray(after)) return { ...(after as Record<string, unknown>), triggeredBy };
  return { value: after, triggeredBy };
}

export function makeAuditService({ uow, repo }: { uow: UnitOfWork; repo: AuditRepository }) {
  return {
    /** Records a change inside the caller's transaction, so the change and its event commit together. */
    async record(tx: Tx, ctx: RequestContext, change: AuditChange) {
      const after = ctx.triggeredBy ? withTriggeredBy(change.after, ctx.triggeredBy) : change.after;
      return repo.append(tx, {
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        role: roleLabel(ctx.actor),
        action: change.action,
        subjectType: change.subjectType,
        subjectId: change.subjectId,
        before: change.before === undefined ? null : toJsonValue(change.before),
        after: after === undefined ? null : toJsonValue(after),
        requestId: ctx.requestId,
      });
    },

    async list(filter: AuditFilter, page: { cursor?: string; pageSize: number }) {
      const cursor = page.cursor ? BigInt(page.cursor) : undefined;
      const [rows, total] = await Promise.all([
        repo.list(uow.db, filter, { cursor, take: page.pageSize + 1 }),
        repo.count(uow.db, filter),
      ]);
      const items = rows.slice(0, page.pageSize).map((r) => ({ ...r, seq: r.seq.toString() }));
      const nextCursor = rows.length > page.pageSize ? items[items.length - 1]?.seq : undefined;
      return { items, total, nextCursor };
    },

    actions: () => repo.distinctActions(uow.db),

    async verify(): Promise<ChainVerdict> {
      const verifier = makeChainVerifier();
      for await (const e of repo.inOrder(uow.db)) {
        const broken = verifier.push(e);
        if (broken) return broken;
      }
      return verifier.result();
    },
  };
}

export type AuditService = ReturnType<typeof makeAuditService>;
